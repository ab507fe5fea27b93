/**
 * The command line. The only code that touches `process`, the console, the environment and exit
 * codes; every command calls the same public functions a county tool would import.
 *
 * Exit codes: 0 success (also when something is not reachable), 1 bad data, 2 bad usage.
 */
import { Command, CommanderError, Option } from 'commander';
import { DataError, ErreichbarError, UsageError, userTextIn, type UserText } from '../errors.js';
import type { FeedSet, LoadFeedsOptions } from '../feed/load-feeds.js';
import { DEFAULT_FEED_LIMITS, type FeedLimits } from '../feed/feed-limits.js';
import { DEFAULT_ROUTING, type RoutingOptions } from '../router/routing-options.js';
import { formatDateForHumans, formatIsoDate, parseIsoDate } from '../time/clock.js';
import { DISTRICT_TIME_ZONE } from '../time/service-day-offset.js';
import { checkOutPath, defaultCacheDir, guardStdout, progressReporter, writeOutput } from './io.js';
import { NUMERIC_FLAG_RANGES, parseChoice, parseDateFlag, parseTimeFlag, parseWholeNumber } from './parse-flags.js';
import type { DayFlags, LimitFlags } from './commands/reachability-commands.js';
import type { CheckParams } from './commands/check-command.js';
import type { HomesParams } from './commands/homes-command.js';
import { DEFAULT_LIMITS } from '../analysis/reachability-limits.js';
import type { CliKit } from './commands/cli-kit.js';
import { h, localizeHelp, setHelpLang } from './help-text.js';
import type { ServiceAs } from '../analysis/official-service.js';

// One run executes one command: what a command needs beyond its flags (loaders, renderers, the
// router, the importer …) is imported inside its action, so start-up and --help load only this
// file and the option definitions.

/** The places layer (loaders, schedules) is loaded when a command needs it. */
const reachabilityInputs = (): Promise<typeof import('./commands/reachability-commands.js')> => import('./commands/reachability-commands.js');

/** Options every command that reads feeds accepts. */
interface FeedFlags {
  /** Default: the feeds downloaded by `erreichbar feeds download`. */
  gtfs?: string[];
  /** The flag that gave `gtfs`, named when a path does not exist (default `--gtfs`; `false`: `import`'s arguments). */
  feedsFlag?: string | false;
  cacheDir?: string;
  maxFeedSize?: string;
  lang: string;
  quiet?: boolean;
  debug?: boolean;
}

/** Flags of the routing model shared by route, check, report and homes. */
interface RoutingFlags {
  walkRadius?: string;
  transferSlack?: string;
  maxTransfers?: string;
  transfersFile?: boolean;
}

/** Runs the CLI with `argv` (as `process.argv`) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  // The district's clock: "today" and the feeds' times are Europe/Berlin, and with the process in
  // that zone `Date` answers their UTC offsets without starting an Intl formatter (about 30 ms;
  // see `time/service-day-offset.ts`). Nothing prints the local time of the machine.
  process.env.TZ = DISTRICT_TIME_ZONE;
  // A reader that stops early (`erreichbar report | head`) is not an error; a full disk is one line.
  guardStdout();
  setHelpLang(argvLang(argv));
  const program = await buildProgram(argv[2]);
  // --out is checked before any work, so a wrong path does not cost a whole report.
  // So are numeric flags, against their documented ranges.
  program.hook('preAction', async (_program, command) => {
    const opts = command.opts() as Record<string, unknown>;
    for (const option of command.options) {
      const value = opts[option.attributeName()];
      if (option.long && option.long in NUMERIC_FLAG_RANGES && typeof value === 'string') parseWholeNumber(option.long, value);
    }
    refuseRepeatedOptions(command, argv);
    if (typeof opts.out === 'string') await checkOutPath(opts.out);
    // An empty value (`--shift ""`, a script's unset variable) would read as "not given" further
    // on and quietly fall back to a default: all destinations, the destination's schedule …
    for (const option of command.options) {
      const value = opts[option.attributeName()];
      if (option.long && (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && item.trim() === '')) throw emptyValue(option);
    }
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error, debug, argvLang(argv));
  }
}

/**
 * An option that takes one value, given twice (`--from Hundisburg … --from Wolmirstedt`), is
 * refused: commander keeps the last one, and a check of the other home would be answered without
 * a word. Options taking several values (`--gtfs a.zip b.zip`) and switches may repeat.
 */
function refuseRepeatedOptions(command: Command, argv: string[]): void {
  const end = argv.indexOf('--');
  const args = end >= 0 ? argv.slice(2, end) : argv.slice(2);
  for (const option of command.options) {
    if (option.variadic || (!option.required && !option.optional)) continue;
    const names = [option.long, option.short].filter((name): name is string => name !== undefined);
    const values: string[] = [];
    for (const [i, arg] of args.entries()) {
      if (names.includes(arg)) values.push(args[i + 1] ?? '');
      else if (option.long && arg.startsWith(`${option.long}=`)) values.push(arg.slice(option.long.length + 1));
    }
    if (values.length < 2) continue;
    const given = (open: string, close: string): string => values.map((value) => `${open}${value}${close}`).join(', ');
    throw new UsageError(
      {
        de: `${option.long} ist ${values.length}-mal angegeben (${given('„', '“')}); bitte nur einmal`,
        en: `${option.long} is given ${values.length} times (${given('"', '"')}); give it once`,
      },
      option.long,
      'REPEATED_OPTION',
    );
  }
}

/** `--shift ist leer (erwartet: Zeitfenster wie 06:00-14:00 …)`: the flag and, from its help, what it takes. */
function emptyValue(option: Option): UsageError {
  // The help up to its first ';' (which starts the default); a '(' left open there is dropped with what follows it.
  let expected = option.description.split(';')[0]!;
  const open = expected.lastIndexOf('(');
  if (open > expected.lastIndexOf(')')) expected = expected.slice(0, open);
  expected = expected.trim();
  const what = (lang: 'de' | 'en'): string => (expected === '' ? '' : ` (${lang === 'de' ? 'erwartet' : 'expected'}: ${expected})`);
  return new UsageError({ de: `${option.long} ist leer${what('de')}`, en: `${option.long} is empty${what('en')}` }, option.long, 'EMPTY_VALUE');
}

/** The language asked for on the command line, read before commander has parsed it (errors may come first). */
function argvLang(argv: string[]): 'de' | 'en' {
  const at = argv.indexOf('--lang');
  const value = at >= 0 ? argv[at + 1] : argv.find((arg) => arg.startsWith('--lang='))?.slice('--lang='.length);
  return value === 'en' ? 'en' : 'de';
}

function reportError(error: unknown, debug: boolean, lang: 'de' | 'en'): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // 'commander.help' with a non-zero code: no command given (`erreichbar`, `erreichbar feeds`);
    // the help went to stderr, and a call that does nothing is a usage error.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2; // commander already printed its one-line message
  }
  if (debug && error instanceof Error) process.stderr.write(`${error.stack ?? error.message}\n`);
  if (error instanceof UsageError) {
    if (!debug) process.stderr.write(`erreichbar: ${error.messageIn(lang)}\n`);
    return 2;
  }
  if (error instanceof DataError || error instanceof ErreichbarError) {
    if (!debug) process.stderr.write(`erreichbar: ${error.messageIn(lang)}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (!debug) process.stderr.write(
      lang === 'en'
        ? `erreichbar: internal error: ${message} (run again with --debug for details)\n`
        : `erreichbar: interner Fehler: ${message} (mit --debug erneut ausführen für Details)\n`,
    );
  return 1;
}

/** The program: every command, but those of their own modules only when `commandName` is none of this file's. */
async function buildProgram(commandName: string | undefined): Promise<Command> {
  const program = new Command('erreichbar')
    .description(
      h('Kommt man ohne Auto von einem Ortsteil des Landkreises Börde rechtzeitig zur Schicht, zum Kurs oder zur Kita und wieder nach Hause – mit dem echten Busfahrplan?', 'Can a person without a car get from an Ortsteil of Landkreis Börde to a shift, course or Kita and back home — by the real bus timetable?'),
    )
    .version('0.1.0', '-V, --version', h('Versionsnummer zeigen', 'output the version number'))
    .exitOverride()
    .showHelpAfterError(h('(erreichbar <Befehl> --help zeigt die Optionen)', '(erreichbar <command> --help shows the options)'))
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  localizeHelp(program);

  program
    .command('import')
    .description(h('GTFS-Fahrpläne (Zip oder Ordner) prüfen und in den Cache importieren; Übersicht und gefundene Probleme ausgeben', 'import and check GTFS feeds (zip or folder) into the cache; print a summary and the problems found'))
    .argument('<feed...>', h('GTFS-Zips oder -Ordner (werden zusammengeführt)', 'GTFS zip files or folders (merged)'))
    .addOption(new Option('--format <format>', h('text oder json', 'text or json')).default('text'))
    .option('--strict', h('mit Exit-Code 1 enden, wenn ein Datenproblem gefunden wurde', 'exit with code 1 if any data problem was found'))
    .option('--cache-dir <dir>', h('Cache-Ordner (Standard: ~/.cache/erreichbar oder $ERREICHBAR_CACHE_DIR)', 'cache folder (default: ~/.cache/erreichbar or $ERREICHBAR_CACHE_DIR)'))
    .option('--max-feed-size <MB>', maxFeedSizeHelp())
    .option(
      '--no-sqlite',
      h(
        'nur den Schnappschuss für die Routensuche schreiben, nicht die abfragbare SQLite-Datenbank (für sehr große Fahrpläne: spart etwa drei Viertel der Importzeit; ein späteres import ohne diese Option ergänzt sie)',
        'write only the router\'s snapshot, not the queryable SQLite database (for very large feeds: saves about three quarters of the import time; a later import without this option adds it)',
      ),
    )
    .addOption(langOption())
    .option('-q, --quiet', h('keine Fortschrittsmeldungen auf stderr', 'no progress messages on stderr'))
    .option('--debug', h('Stacktraces zeigen', 'show stack traces'))
    .exitOverride()
    .action(async (feedPaths: string[], flags: Omit<FeedFlags, 'gtfs'> & { format: string; strict?: boolean; sqlite: boolean }) => {
      const format = parseChoice('--format', flags.format, ['text', 'json'] as const);
      const started = performance.now();
      const feeds = await openFeeds({ ...flags, gtfs: feedPaths, feedsFlag: false }, flags.sqlite ? 'complete' : 'skip');
      const { renderImport } = await import('./commands/import-command.js');
      await writeOutput(renderImport(feeds, format, lang(flags), performance.now() - started), undefined);
      if (flags.strict && feeds.problems.length > 0) throw new DataError('PROBLEMS_FOUND', {}, { de: `--strict: ${feeds.problems.length} ${feeds.problems.length === 1 ? 'Datenproblem' : 'Datenprobleme'} gefunden`, en: `--strict: ${feeds.problems.length} data problem${feeds.problems.length === 1 ? '' : 's'} found` });
    });

  addFeedOptions(
    program
      .command('calendar')
      .description(h(
          'je Tag: Wochentag, Fahrten (je Fahrplan), Tagesart laut Fahrplan und amtliche Tagesart in Sachsen-Anhalt (Schultag, Ferientag, Samstag, Sonn-/Feiertag), markiert wo sie abweichen; dazu der echte Verkehrszeitraum jedes Fahrplans',
          "per date: weekday, trips (per feed), the day type by the timetable and the official one of Sachsen-Anhalt (Schultag, Ferientag, Samstag, Sonn-/Feiertag), marked where they differ; each feed's real service range",
        ))
      .option('--from <date>', h('erster Tag JJJJ-MM-TT (Standard: erster Tag mit Verkehr)', 'first date YYYY-MM-DD (default: first day with service)'))
      .option('--to <date>', h('letzter Tag JJJJ-MM-TT (Standard: letzter Tag mit Verkehr)', 'last date YYYY-MM-DD (default: last day with service)'))
      .addOption(new Option('--format <format>', h('table, csv oder json', 'table, csv or json')).default('table'))
      .option('--out <file>', h('in eine Datei schreiben statt auf stdout', 'write to a file instead of stdout')),
  ).action(async (flags: FeedFlags & { from?: string; to?: string; format: string; out?: string }) => {
    const format = parseChoice('--format', flags.format, ['table', 'csv', 'json'] as const);
    const from = flags.from === undefined ? undefined : formatIsoDate(parseDateFlag('--from', flags.from));
    const to = flags.to === undefined ? undefined : formatIsoDate(parseDateFlag('--to', flags.to));
    if (from !== undefined && to !== undefined && to < from) {
      throw new UsageError({ de: `--to ${to} liegt vor --from ${from}`, en: `--to ${to} is before --from ${from}` }, '--to');
    }
    const feeds = await openFeeds(flags);
    const { serviceCalendar } = await import('../analysis/service-calendar.js');
    const { coverageLines } = await import('../analysis/feed-coverage.js');
    const { renderCalendar, withTripsPerFeed } = await import('./commands/calendar-command.js');
    const days = withTripsPerFeed(feeds, serviceCalendar(feeds, { from, to, lang: lang(flags) }));
    await writeOutput(renderCalendar(days, format, lang(flags), coverageLines(feeds, lang(flags))), flags.out);
  });

  addRoutingOptions(
    addFeedOptions(
      program
        .command('route')
        .description(h('schnellste Verbindung zwischen zwei Haltestellen: ab einer Uhrzeit (früheste Ankunft) oder an bis zu einer Uhrzeit (späteste Abfahrt)', 'fastest connection between two stops: depart after a time (earliest arrival) or arrive by a time (latest departure)'))
        .option('--from <stop>', h('stop_id, Haltestellenbereich (alle Steige) oder Haltestellenname', 'stop_id, stop area id (all its platforms) or stop name'))
        .option('--to <stop>', h('stop_id, Haltestellenbereich oder Haltestellenname', 'stop_id, stop area id or stop name'))
        .option('--date <date>', h('Verkehrstag JJJJ-MM-TT', 'service date YYYY-MM-DD'))
        .option('--depart <time>', h('Abfahrt ab HH:MM[:SS]', 'depart at or after HH:MM[:SS]'))
        .option('--arrive <time>', h('Ankunft bis HH:MM[:SS]', 'arrive by HH:MM[:SS]'))
        .option('--queries <csv>', h('viele Abfragen: CSV mit den Spalten from,to,depart (stop_ids, HH:MM:SS); gibt CSV from,to,depart,arrival,transfers aus', 'batch: CSV with columns from,to,depart (stop ids, HH:MM:SS); prints CSV from,to,depart,arrival,transfers'))
        .addOption(new Option('--format <format>', h('text, json oder csv (viele Abfragen)', 'text, json or csv (batch)')).default('text'))
        .option('--out <file>', h('in eine Datei schreiben statt auf stdout', 'write to a file instead of stdout')),
    ),
  ).action(async (flags: FeedFlags & RoutingFlags & { from?: string; to?: string; date?: string; depart?: string; arrive?: string; queries?: string; format: string; out?: string }) => {
    if (!flags.date) throw new UsageError({ de: '--date fehlt (JJJJ-MM-TT)', en: '--date is required (YYYY-MM-DD)' }, '--date');
    const date = formatIsoDate(parseDateFlag('--date', flags.date));
    const routing = routingOptions(flags);
    const { readBatchQueries, renderRoute, runBatch } = await import('./commands/route-command.js');
    const { RoutePlanner } = await import('../router/route-planner.js');
    if (flags.queries) {
      const format = parseChoice('--format', flags.format === 'text' ? 'csv' : flags.format, ['csv'] as const);
      const file = flags.queries;
      const queries = await readBatchQueries(file).catch((error: unknown) => {
        if (error instanceof UsageError && error.code === 'NO_SUCH_PATH') throw new UsageError({ de: `--queries: ${error.message}`, en: `--queries: ${error.messageEn}` }, '--queries', 'NO_SUCH_PATH');
        throw error;
      });
      const planner = new RoutePlanner(await openFeeds(flags), routing);
      planner.timetable(date);
      await writeOutput(format === 'csv' ? runBatch(planner, date, queries) : '', flags.out);
      return;
    }
    const format = parseChoice('--format', flags.format, ['text', 'json'] as const);
    if (!flags.from || !flags.to) throw new UsageError({ de: '--from und --to fehlen (oder --queries für viele Abfragen)', en: '--from and --to are required (or --queries for a batch)' }, flags.from ? '--to' : '--from');
    if ((flags.depart === undefined) === (flags.arrive === undefined)) {
      throw new UsageError({ de: 'genau eines von --depart HH:MM oder --arrive HH:MM angeben', en: 'give exactly one of --depart HH:MM or --arrive HH:MM' }, '--depart');
    }
    const query = {
      from: flags.from,
      to: flags.to,
      date,
      depart: flags.depart === undefined ? undefined : parseTimeFlag('--depart', flags.depart),
      arrive: flags.arrive === undefined ? undefined : parseTimeFlag('--arrive', flags.arrive),
    };
    const planner = new RoutePlanner(await openFeeds(flags), routing);
    const result = planner.route(query);
    await writeOutput(renderRoute(query, result, format, lang(flags)), flags.out);
  });

  addReachabilityCommands(program);
  program
    .command('places')
    .description(h('die Ortsteile (einer Gemeinde) mit ihren nächsten Haltestellen und Fußwegen', 'the Ortsteile (of one Gemeinde) with their nearest stops and walking times'))
    .option('--gemeinde <name>', h('nur die Ortsteile dieser Gemeinde, z. B. Haldensleben', 'only the Ortsteile of this Gemeinde, e.g. Haldensleben'))
    .option('--places <file>', h('Ortsteile (CSV oder GeoJSON; Standard: data/ortsteile.csv)', 'Ortsteile (CSV or GeoJSON; default: data/ortsteile.csv)'))
    .option('--gtfs <feed...>', h('die Haltestellen aus diesen Fahrplänen nehmen (Standard: die Haltestellenliste des Kreises, data/haltestellen.csv)', 'take the stops from these feeds (default: the district\'s stop list data/haltestellen.csv)'))
    .option('--walk-radius <meters>', h(`Haltestellen bis zu dieser Luftlinie zeigen (Standard ${DEFAULT_ROUTING.walkRadiusMeters})`, `show stops up to this straight-line distance (default ${DEFAULT_ROUTING.walkRadiusMeters})`))
    .option('--cache-dir <dir>', h('Cache-Ordner (Standard: ~/.cache/erreichbar oder $ERREICHBAR_CACHE_DIR)', 'cache folder (default: ~/.cache/erreichbar or $ERREICHBAR_CACHE_DIR)'))
    .option('--max-feed-size <MB>', maxFeedSizeHelp())
    .addOption(new Option('--format <format>', h('table, json, csv oder geojson', 'table, json, csv or geojson')).default('table'))
    .option('--out <file>', h('in eine Datei schreiben statt auf stdout', 'write to a file instead of stdout'))
    .addOption(langOption())
    .option('-q, --quiet', h('keine Fortschrittsmeldungen auf stderr', 'no progress messages on stderr'))
    .option('--debug', h('Stacktraces zeigen', 'show stack traces'))
    .exitOverride()
    .action(async (flags: Partial<FeedFlags> & { lang: string; gemeinde?: string; places?: string; walkRadius?: string; format: string; out?: string }) => {
      const format = parseChoice('--format', flags.format, ['table', 'json', 'csv', 'geojson'] as const);
      const { readPlaces, DEFAULT_STOPS_FILE } = await reachabilityInputs();
      const { loadStops } = await import('../places/load-stops.js');
      const { runPlaces } = await import('./commands/places-command.js');
      const { places } = await readPlaces(flags.places, progressReporter(!flags.quiet));
      const stops = flags.gtfs ? (await openFeeds({ ...flags, gtfs: flags.gtfs })).stops : await loadStops(DEFAULT_STOPS_FILE);
      const radius = flags.walkRadius === undefined ? DEFAULT_ROUTING.walkRadiusMeters : parseWholeNumber('--walk-radius', flags.walkRadius, 1);
      const walkModel = { ...DEFAULT_ROUTING.walkModel, radiusMeters: radius };
      await writeOutput(runPlaces({ places, stops, gemeinde: flags.gemeinde, format, walkModel, lang: lang(flags) }), flags.out);
    });
  // The commands of their own modules (best-times, gaps, monitor, feeds) are registered only when
  // the command line does not name one of the commands above: --help, help <command>, those
  // commands and a mistyped command see them all.
  if (!program.commands.some((command) => command.name() === commandName)) {
    const [bestTimes, gaps, monitor, feeds] = await Promise.all([
      import('./commands/best-times-command.js'),
      import('./commands/gaps-command.js'),
      import('./commands/monitor-command.js'),
      import('./commands/feeds-command.js'),
    ]);
    bestTimes.registerBestTimesCommand(program, cliKit());
    gaps.registerGapsCommand(program, cliKit());
    monitor.registerMonitorCommand(program, cliKit());
    feeds.registerFeedsCommand(program, cliKit());
  }
  return program;
}

function addDayAndLimitOptions(command: Command): Command {
  return command
    .option('--week <date>', h('die Woche (Mo–So) mit diesem Tag, JJJJ-MM-TT', 'the week (Mo–So) containing this date, YYYY-MM-DD'))
    .option('--dates <dates...>', h('bestimmte Tage JJJJ-MM-TT (durch Leerzeichen oder Komma getrennt)', 'explicit dates YYYY-MM-DD (space or comma separated)'))
    .option(
      '--day-types',
      h(
        'je Tagesart des Fahrplans ein typischer Tag: Schultag, Ferientag, Samstag, Sonn-/Feiertag (nur Tage, an denen Fahrplan und amtlicher Kalender übereinstimmen)',
        'one representative date per day type of the feed: Schultag, Ferientag, Samstag, Sonn-/Feiertag (only dates on which timetable and official calendar agree)',
      ),
    )
    .addOption(
      new Option(
        '--service-as <mode>',
        h(
          'timetable: jeder Tag mit seinem Verkehr laut Fahrplan (Standard); official: ein Tag, dessen Verkehr vom amtlichen Kalender abweicht (z. B. Schultagsverkehr am 23.12.), wird mit dem Verkehr eines nahen Tages seiner amtlichen Tagesart ausgewertet — eine Annahme, in jeder Ausgabe genannt',
          'timetable: every date with its own service (default); official: a date whose service differs from the official calendar (e.g. school-day trips on 23.12.) is evaluated with the service of a nearby date of its official day type — an assumption, named in every output',
        ),
      ).default('timetable'),
    )
    .option('--buffer <minutes>', h(`so viele Minuten vor Beginn ankommen und nach Ende losgehen (Standard ${DEFAULT_LIMITS.bufferSeconds / 60})`, `arrive this long before the start, leave this long after the end (default ${DEFAULT_LIMITS.bufferSeconds / 60})`))
    .option('--max-early <minutes>', h(`nicht früher als so viele Minuten vor Beginn am Ziel ankommen (an der Tür, nach dem Fußweg von der Haltestelle; Standard ${DEFAULT_LIMITS.maxEarlySeconds / 60})`, `do not arrive at the destination's door earlier than this before the start (after the walk from the stop; default ${DEFAULT_LIMITS.maxEarlySeconds / 60})`))
    .option('--max-late <minutes>', h(`spätestens so viele Minuten nach Ende vom Ziel aufbrechen (an der Tür; der Fußweg zur ersten Haltestelle kommt hinzu, das erste Fahrzeug fährt also so viel später; Standard ${DEFAULT_LIMITS.maxLateSeconds / 60})`, `leave the destination's door within this after the end (the walk to the first stop comes on top: the first vehicle leaves that much later; default ${DEFAULT_LIMITS.maxLateSeconds / 60})`))
    .option('--max-travel <minutes>', h(`längere Fahrt von Tür zu Tür gilt als „lange Wartezeit“ (Standard ${DEFAULT_LIMITS.maxTravelSeconds / 60})`, `longer door-to-door travel counts as "long wait" (default ${DEFAULT_LIMITS.maxTravelSeconds / 60})`))
    .option('--max-wait <minutes>', h(`längeres Warten vor Beginn oder nach Ende gilt als „lange Wartezeit“ (Standard ${DEFAULT_LIMITS.maxWaitSeconds / 60})`, `longer waiting before the start or after the end counts as "long wait" (default ${DEFAULT_LIMITS.maxWaitSeconds / 60})`))
    .option('--max-journey <minutes>', h(`eine längere Reise von Tür zu Tür ist gar keine Verbindung (Standard ${DEFAULT_LIMITS.maxJourneySeconds / 60})`, `a longer journey door to door is no connection at all (default ${DEFAULT_LIMITS.maxJourneySeconds / 60})`))
    .addOption(new Option('--access <mode>', h('wie man von zu Hause zur Haltestelle kommt: walk (zu Fuß) oder bike (Rad, 15 km/h, bis 5 km; den ganzen Weg radeln zählt)', 'how homes reach stops: walk, or bike (15 km/h, up to 5 km; cycling all the way counts)')).default('walk'))
    .option('--places <file>', h('Ortsteile (CSV oder GeoJSON; Standard: die Börde-Ortsteile in data/ortsteile.csv)', 'Ortsteile (CSV or GeoJSON; default: the Börde Ortsteile in data/ortsteile.csv)'))
    .option('--destinations <file>', h('Ziele (CSV oder GeoJSON; Standard: data/destinations.csv)', 'destinations (CSV or GeoJSON; default: data/destinations.csv)'));
}

type ReachabilityFlags = FeedFlags &
  RoutingFlags &
  DayFlags &
  LimitFlags & { places?: string; destinations?: string; format: string; out?: string; access: string; serviceAs: string };

function serviceAsOf(flags: { serviceAs: string }): ServiceAs {
  return parseChoice('--service-as', flags.serviceAs, ['timetable', 'official'] as const);
}

function homeAccess(flags: { access: string }): 'walk' | 'bike' {
  return parseChoice('--access', flags.access, ['walk', 'bike'] as const);
}

function addReachabilityCommands(program: Command): void {
  addDayAndLimitOptions(
    addRoutingOptions(
      addFeedOptions(
        program
          .command('check')
          .description(h('ein Fall: kommt man von einem Ortsteil (oder lat,lon) rechtzeitig zum Ziel und zurück? je Tag, mit den Verbindungen', 'one case: can one get from an Ortsteil (or lat,lon) to a destination in time for the slot, and back? per day, with the connections'))
          .option('--from <home>', h('Name des Ortsteils oder lat,lon', 'Ortsteil name or lat,lon'))
          .option('--to <destination>', h('Name des Ziels oder lat,lon', 'destination name or lat,lon'))
          .option('--shift <times>', h('Zeitfenster wie 06:00-14:00 (22:00-06:00 endet am nächsten Tag); Standard: der Zeitplan des Ziels', 'slot like 06:00-14:00 (22:00-06:00 ends the next day); default: the destination\'s schedule'))
          .option('--days <days>', h('Tage des Zeitfensters wie Mo-Fr, Mo-Sa, Sa,So (Standard Mo-Fr)', 'days of the slot like Mo-Fr, Mo-Sa, Sa,So (default Mo-Fr)'))
          .option('--via-kita <kita>', h('Wegekette: Zuhause → Kita → Ziel → Kita → Zuhause (Name der Kita oder lat,lon)', 'trip chain: home → Kita → destination → Kita → home (Kita name or lat,lon)'))
          .option('--kita-hours <times>', h('Öffnungszeiten der Kita wie 06:00-17:00 (Standard: ihr Zeitplan, sonst 06:00-17:00)', "the Kita's opening hours like 06:00-17:00 (default: its schedule, else 06:00-17:00)"))
          .addOption(
            new Option(
              '--format <format>',
              h(
                'text, json oder sheet (Fahrtenblatt: A4-HTML für die Person, Deutsch neben --sheet-lang)',
                'text, json, or sheet (Fahrtenblatt: A4 HTML for the client, German beside --sheet-lang)',
              ),
            ).default('text'),
          )
          .option('--sheet-lang <lang>', h('Sprache des Fahrtenblatts neben Deutsch: ar, uk, ru, fa, tr, en oder de (nur Deutsch)', 'language of the trip sheet beside German: ar, uk, ru, fa, tr, en or de (German only)'), 'de')
          .option('--out <file>', h('in eine Datei schreiben statt auf stdout', 'write to a file instead of stdout')),
      ),
    ),
  ).action(async (flags: ReachabilityFlags & CheckParams & { sheetLang: string }) => {
    const format = parseChoice('--format', flags.format, ['text', 'json', 'sheet'] as const);
    const { SHEET_LANGS } = await import('../report/sheet-phrases/sheet-langs.js');
    const sheetLang = parseChoice('--sheet-lang', flags.sheetLang, SHEET_LANGS);
    const { readPlaces, readDestinations, today } = await reachabilityInputs();
    const { runCheck, checkResultToJson, renderCheckResult } = await import('./commands/check-command.js');
    const warn = progressReporter(!flags.quiet);
    const { places } = await readPlaces(flags.places, warn);
    const { destinations } = await readDestinations(flags.destinations, undefined, warn);
    const result = await runCheck({ feeds: () => openFeeds(flags), places, destinations, today: today(), routing: routingOptions(flags), onNotice: notice(flags) }, flags);
    if (format === 'sheet') {
      const { renderSheet } = await import('../report/render-sheet.js');
      await writeOutput(renderSheet(result, { lang: sheetLang }), flags.out);
      return;
    }
    await writeOutput(format === 'json' ? checkResultToJson(result, lang(flags)) : renderCheckResult(result, lang(flags)), flags.out);
  });

  addDayAndLimitOptions(
    addRoutingOptions(
      addFeedOptions(
        program
          .command('report')
          .description(h('jeder Ortsteil × Ziel × Zeitfenster × Tag: welche Ortsteile welche Ziele erreichen, an welchen Tagesarten', 'every Ortsteil × destination × slot × day: which Ortsteile reach which destinations, on which day types'))
          .option('--category <category>', h('nur Ziele dieser Kategorie: workplace, course, childcare, other', 'only destinations of this category: workplace, course, childcare, other'))
          .addOption(new Option('--format <format>', h('table, csv, json, md, geojson oder html (eine Karte, die offline öffnet)', 'table, csv, json, md, geojson or html (a map to open offline)')).default('table'))
          .addOption(new Option('--csv-dialect <dialect>', h('standard (, und Dezimalpunkt) oder excel-de (; und Dezimalkomma, für deutsches Excel)', 'standard (, and decimal point) or excel-de (; and decimal comma, for German Excel)')).default('standard'))
          .option(
            '--bridges',
            h(
              'Spalte „bridge“ (CSV) bzw. days[].bridge (JSON): die kleinste Mitfahrt oder Radfahrt, die einen scheiternden Tag lösen würde (wie gaps)',
              'column "bridge" (CSV) or days[].bridge (JSON): the smallest car or bicycle ride that would solve a failing day (as gaps)',
            ),
          )
          .option(
            '--workers <n>',
            h(
              'so viele Threads (1–64; Standard: einer je Kern, höchstens 8, ab 20.000 Ortsteil-Zeitfenstern, sonst 1)',
              'this many threads (1–64; default: one per core, at most 8, from 20,000 Ortsteil slots, else 1)',
            ),
          )
          .option('--out <file>', h('in eine Datei schreiben (atomar) statt auf stdout', 'write to a file (atomically) instead of stdout')),
      ),
    ),
  ).action(async (flags: ReachabilityFlags & { category?: string; csvDialect: string; bridges?: boolean; workers?: string }) => {
    const format = parseChoice('--format', flags.format, ['table', 'csv', 'json', 'md', 'geojson', 'html'] as const);
    const csvDialect = parseChoice('--csv-dialect', flags.csvDialect, ['standard', 'excel-de'] as const);
    const { readPlaces, readDestinations, limitsFromFlags, daySelection, today, checkSelectedDates } = await reachabilityInputs();
    const warn = progressReporter(!flags.quiet);
    const { places, source: placesSource } = await readPlaces(flags.places, warn);
    const { destinations, source: destinationsSource } = await readDestinations(flags.destinations, flags.category, warn);
    const feeds = await openFeeds(flags);
    const progress = progressReporter(!flags.quiet);
    const days = daySelection(feeds, flags, today(), 'day-types');
    checkSelectedDates(feeds, days);
    const { buildReportInWorkers, reportWorkerCount } = await import('../analysis/build-report-parallel.js');
    const workers = flags.workers === undefined ? reportWorkerCount(places.length, destinations) : parseWholeNumber('--workers', flags.workers);
    if (workers > 1) progress(lang(flags) === 'en' ? `report on ${workers} worker threads` : `Bericht mit ${workers} Worker-Threads`);
    const report = await buildReportInWorkers(
      feeds,
      places,
      destinations,
      {
        days,
        routing: routingOptions(flags),
        limits: limitsFromFlags(flags),
        homeAccess: homeAccess(flags),
        placesSource,
        destinationsSource,
        serviceAs: serviceAsOf(flags),
        lang: lang(flags),
        // The report goes date by date: "[5/8] Mi, 01.07.2026: KVHS Haldensleben".
        onProgress: (done, total, name, date) => progress(`[${done}/${total}] ${date ? `${formatDateForHumans(parseIsoDate(date)!, lang(flags))}: ` : ''}${name}`),
      },
      workers,
    );
    if (flags.bridges) {
      const { addBridgesToReport } = await import('../analysis/gaps.js');
      addBridgesToReport(feeds, report, places, destinations, { routing: routingOptions(flags), limits: limitsFromFlags(flags) });
    }
    const options = { lang: lang(flags), csvDialect };
    if (format === 'html') {
      const { renderReportHtml } = await import('../report/render-html.js');
      const { buildMapNetwork, boundsAround } = await import('../report/map-network.js');
      const { buildTimetable } = await import('../timetable/build-timetable.js');
      const firstDate = report.inputs.dates[0]?.date;
      const network =
        firstDate && places.length > 0
          ? buildMapNetwork(buildTimetable(feeds, parseDateFlag('--date', firstDate), { walkRadiusMeters: 0 }), boundsAround(places, 5000))
          : undefined;
      await writeOutput(renderReportHtml(report, { lang: options.lang, network }), flags.out);
      return;
    }
    const { renderReportCsv, renderReportGeoJson, renderReportJson, renderReportMarkdown, renderReportTable } = await import('../report/render-report.js');
    const text =
      format === 'csv'
        ? renderReportCsv(report, options)
        : format === 'json'
          ? renderReportJson(report)
          : format === 'md'
            ? renderReportMarkdown(report, options)
            : format === 'geojson'
              ? renderReportGeoJson(report, options)
              : renderReportTable(report, options);
    await writeOutput(text, flags.out);
  });

  addDayAndLimitOptions(
    addRoutingOptions(
      addFeedOptions(
        program
          .command('compare')
          .description(h('Monitoring: welche Ortsteile zwischen zwei Fahrplänen (--against) oder zwei Tagen (--against-dates) welche Verbindungen gewonnen oder verloren haben', 'monitoring: which Ortsteile gained or lost which connections between two timetables (--against) or two dates (--against-dates)'))
          .option('--against <feed...>', h('der andere (neuere) Fahrplan: GTFS-Zips oder -Ordner', 'the other (newer) timetable: GTFS zips or folders'))
          .option('--against-dates <dates...>', h('die anderen Tage (JJJJ-MM-TT), der Reihe nach mit --dates gepaart', 'the other dates (YYYY-MM-DD), paired in order with --dates'))
          .option('--category <category>', h('nur Ziele dieser Kategorie: workplace, course, childcare, other', 'only destinations of this category: workplace, course, childcare, other'))
          .addOption(new Option('--format <format>', h('table, csv oder json', 'table, csv or json')).default('table'))
          .addOption(new Option('--csv-dialect <dialect>', h('standard oder excel-de', 'standard or excel-de')).default('standard'))
          .option('--out <file>', h('in eine Datei schreiben (atomar) statt auf stdout', 'write to a file (atomically) instead of stdout')),
      ),
    ),
  ).action(async (flags: ReachabilityFlags & { against?: string[]; againstDates?: string[]; category?: string; csvDialect: string }) => {
    const format = parseChoice('--format', flags.format, ['table', 'csv', 'json'] as const);
    const csvDialect = parseChoice('--csv-dialect', flags.csvDialect, ['standard', 'excel-de'] as const);
    if (!flags.against && !flags.againstDates) {
      throw new UsageError({ de: '--against <Fahrplan...> (ein anderer Fahrplan) oder --against-dates <Datum...> (andere Tage) angeben', en: 'give --against <feed...> (another timetable) or --against-dates <date...> (other dates)' }, '--against');
    }
    if (flags.againstDates && !flags.dates) throw new UsageError({ de: '--against-dates braucht --dates als Gegenstück', en: '--against-dates needs --dates to pair with' }, '--dates');
    const { readPlaces, readDestinations, limitsFromFlags, daySelection, today, checkSelectedDates } = await reachabilityInputs();
    const { compareReports } = await import('../analysis/compare-reports.js');
    const { renderComparison } = await import('../report/render-compare.js');
    const { buildReport } = await import('../analysis/build-report.js');
    const warn = progressReporter(!flags.quiet);
    const { places } = await readPlaces(flags.places, warn);
    const { destinations } = await readDestinations(flags.destinations, flags.category, warn);
    const before = await openFeeds(flags);
    const after = flags.against ? await openFeeds({ ...flags, gtfs: flags.against, feedsFlag: '--against' }) : before;
    const daysBefore = daySelection(before, flags, today(), 'day-types');
    const daysAfter = flags.againstDates ? daySelection(after, { dates: flags.againstDates }, today(), 'day-types') : daySelection(after, flags, today(), 'day-types');
    if (daysBefore.kind === 'dates' && daysAfter.kind === 'dates' && flags.againstDates && daysBefore.dates.length !== daysAfter.dates.length) {
      throw new UsageError(
        {
          de: `--against-dates nennt ${daysAfter.dates.length} Tage, --dates ${daysBefore.dates.length}: sie werden der Reihe nach gepaart und müssen gleich viele sein`,
          en: `--against-dates gives ${daysAfter.dates.length} dates, --dates ${daysBefore.dates.length}: they pair in order and must be as many`,
        },
        '--against-dates',
      );
    }
    checkSelectedDates(before, daysBefore);
    checkSelectedDates(after, daysAfter);
    const common = { routing: routingOptions(flags), limits: limitsFromFlags(flags), homeAccess: homeAccess(flags), serviceAs: serviceAsOf(flags), lang: lang(flags) };
    const reportBefore = buildReport(before, places, destinations, { ...common, days: daysBefore });
    const reportAfter = buildReport(after, places, destinations, { ...common, days: daysAfter });
    const comparison = compareReports(reportBefore, reportAfter, flags.againstDates ? 'order' : 'day-type');
    await writeOutput(renderComparison(comparison, format, { lang: lang(flags), csvDialect }), flags.out);
  });

  addRoutingOptions(
    addFeedOptions(
      program
        .command('serve')
        .description(
          h(
            'die Werkbank im Browser: Fälle prüfen wie mit check, Wohnorte, Fahrtenblatt in der Sprache der Klientin (lädt die Fahrpläne einmal)',
            'the workbench in the browser: check cases as with check, homes, a trip sheet in the client\'s language (loads the timetables once)',
          ),
        )
        .option('--port <port>', h('Port (0 = ein freier Port)', 'port (0 = any free port)'), '8080')
        .option(
          '--host <host>',
          h(
            'Adresse, auf der gelauscht wird; eine andere als 127.0.0.1 macht die Werkbank im Netz erreichbar (Warnung)',
            'address to listen on; anything but 127.0.0.1 makes the workbench reachable on the network (warning)',
          ),
          '127.0.0.1',
        )
        .option('--places <file>', h('Ortsteile (CSV oder GeoJSON; Standard: data/ortsteile.csv)', 'Ortsteile (CSV or GeoJSON; default: data/ortsteile.csv)'))
        .option('--destinations <file>', h('Ziele (CSV oder GeoJSON; Standard: data/destinations.csv)', 'destinations (CSV or GeoJSON; default: data/destinations.csv)')),
    ),
  ).action(async (flags: FeedFlags & RoutingFlags & { port: string; host: string; places?: string; destinations?: string }) => {
    const port = parseWholeNumber('--port', flags.port);
    const { readPlaces, readDestinations } = await reachabilityInputs();
    const { startServe } = await import('./commands/serve-command.js');
    const warn = progressReporter(!flags.quiet);
    const { places } = await readPlaces(flags.places, warn);
    const { destinations } = await readDestinations(flags.destinations, undefined, warn);
    const server = await startServe({
      feeds: await openFeeds(flags),
      places,
      destinations,
      routing: routingOptions(flags),
      lang: lang(flags),
      host: flags.host,
      port,
      say: (line) => process.stdout.write(`${line}\n`),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });

  addDayAndLimitOptions(
    addRoutingOptions(
      addFeedOptions(
        program
          .command('homes')
          .description(h('die umgekehrte Frage: in welchen Ortsteilen könnte man wohnen und das Zeitfenster schaffen? nach Rang', 'the reverse question: in which Ortsteile could one live and still make this slot? ranked'))
          .option('--to <destination>', h('Name des Ziels oder lat,lon', 'destination name or lat,lon'))
          .option('--shift <times>', h('Zeitfenster wie 06:00-14:00; Standard: das erste Zeitfenster des Ziels', 'slot like 06:00-14:00; default: the destination\'s first slot'))
          .option('--days <days>', h('Tage des Zeitfensters wie Mo-Fr (Standard Mo-Fr)', 'days of the slot like Mo-Fr (default Mo-Fr)'))
          .option('--limit <n>', h('höchstens so viele Ortsteile zeigen', 'show at most this many Ortsteile'))
          .option('--out <file>', h('in eine Datei schreiben statt auf stdout', 'write to a file instead of stdout')),
      ),
    ),
  ).action(async (flags: ReachabilityFlags & HomesParams & { limit?: string }) => {
    const { readPlaces, readDestinations, today } = await reachabilityInputs();
    const { runHomes } = await import('./commands/homes-command.js');
    const { renderHomes } = await import('../report/render-report.js');
    const warn = progressReporter(!flags.quiet);
    const { places } = await readPlaces(flags.places, warn);
    const { destinations } = await readDestinations(flags.destinations, undefined, warn);
    const report = await runHomes({ feeds: () => openFeeds(flags), places, destinations, today: today(), routing: routingOptions(flags), onNotice: notice(flags) }, flags);
    const limit = flags.limit === undefined ? undefined : parseWholeNumber('--limit', flags.limit, 1);
    await writeOutput(renderHomes(report, { lang: lang(flags), limit }), flags.out);
  });
}

/** Shows a notice (e.g. which place a misspelt name was taken for) on stderr in the chosen language, unless --quiet. */
function notice(flags: { lang: string; quiet?: boolean }): (text: UserText) => void {
  return (text) => {
    if (!flags.quiet) process.stderr.write(`erreichbar: ${userTextIn(text, lang(flags))}\n`);
  };
}

function langOption(): Option {
  return new Option('--lang <lang>', h('Sprache der Ausgabe: de oder en', 'language of labels: de or en')).choices(['de', 'en']).default('de');
}

function lang(flags: { lang: string }): 'de' | 'en' {
  return parseChoice('--lang', flags.lang, ['de', 'en'] as const);
}

function maxFeedSizeHelp(): string {
  const megabytes = DEFAULT_FEED_LIMITS.maxFileBytes / 1024 / 1024;
  return h(
    `größte entpackte GTFS-Datei in MB (der ganze Fahrplan darf doppelt so groß sein; Standard ${megabytes})`,
    `largest unpacked GTFS file in MB (the whole feed may be twice that; default ${megabytes})`,
  );
}

/** Size limits for --max-feed-size MB: one file up to MB, the feed up to twice that. */
function feedLimits(megabytes: number): FeedLimits {
  return { ...DEFAULT_FEED_LIMITS, maxFileBytes: megabytes * 1024 * 1024, maxTotalBytes: 2 * megabytes * 1024 * 1024 };
}

function addFeedOptions(command: Command): Command {
  return command
    .option('--gtfs <feed...>', h('GTFS-Zips oder -Ordner (mehrere werden zusammengeführt; Standard: die mit erreichbar feeds download geladenen)', 'GTFS zip files or folders (several are merged; default: the feeds loaded by erreichbar feeds download)'))
    .option('--cache-dir <dir>', h('Cache-Ordner (Standard: ~/.cache/erreichbar oder $ERREICHBAR_CACHE_DIR)', 'cache folder (default: ~/.cache/erreichbar or $ERREICHBAR_CACHE_DIR)'))
    .option('--max-feed-size <MB>', maxFeedSizeHelp())
    .addOption(langOption())
    .option('-q, --quiet', h('keine Fortschrittsmeldungen auf stderr', 'no progress messages on stderr'))
    .option('--debug', h('Stacktraces zeigen', 'show stack traces'))
    .exitOverride();
}

function addRoutingOptions(command: Command): Command {
  return command
    .option(
      '--walk-radius <meters>',
      h(`Fußwege zwischen Haltestellen sowie von Wohnorten und Zielen zu Haltestellen bis zu dieser Luftlinie; 0 = keine Fußwege zwischen verschiedenen Haltestellen (Wohnorte und Ziele erreichen dann Haltestellen bis ${DEFAULT_ROUTING.walkModel.radiusMeters} m) (Standard ${DEFAULT_ROUTING.walkRadiusMeters})`, `walk between stops, and from homes and destinations to stops, up to this straight-line distance; 0 = no walking between different stops (homes and destinations then reach stops within ${DEFAULT_ROUTING.walkModel.radiusMeters} m) (default ${DEFAULT_ROUTING.walkRadiusMeters})`),
    )
    .option('--transfer-slack <seconds>', h(`Mindestzeit für jeden Umstieg, an derselben Haltestelle oder mit Fußweg, Sekunden (Standard ${DEFAULT_ROUTING.transferSlackSeconds})`, `minimum time for every change of vehicle, at one stop or with a walk (default ${DEFAULT_ROUTING.transferSlackSeconds})`))
    .option('--max-transfers <n>', h(`höchstens so viele Umstiege (Standard ${DEFAULT_ROUTING.maxTransfers}, bis 15)`, `at most this many changes (default ${DEFAULT_ROUTING.maxTransfers}, up to 15)`))
    .option('--no-transfers-file', h('transfers.txt nicht beachten (Haltestellenpaare und Umsteigezeiten)', 'ignore transfers.txt (its stop pairs and change times)'));
}

function routingOptions(flags: RoutingFlags): RoutingOptions {
  const options: RoutingOptions = { ...DEFAULT_ROUTING };
  if (flags.walkRadius !== undefined) options.walkRadiusMeters = parseWholeNumber('--walk-radius', flags.walkRadius);
  if (flags.transferSlack !== undefined) options.transferSlackSeconds = parseWholeNumber('--transfer-slack', flags.transferSlack);
  if (flags.maxTransfers !== undefined) {
    options.maxTransfers = parseWholeNumber('--max-transfers', flags.maxTransfers);
  }
  if (flags.transfersFile === false) options.useTransfersFile = false;
  return options;
}

/** Loads the feeds of --gtfs; `sqlite` as in {@link LoadFeedsOptions.sqlite} (`import` asks for a complete cache entry). */
async function openFeeds(flags: Omit<FeedFlags, 'lang'> & { lang?: string }, sqlite: LoadFeedsOptions['sqlite'] = 'write'): Promise<FeedSet> {
  const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
  const language = flags.lang === 'en' ? 'en' : 'de';
  const cacheDir = flags.cacheDir ?? defaultCacheDir();
  const limits = flags.maxFeedSize === undefined ? DEFAULT_FEED_LIMITS : feedLimits(parseWholeNumber('--max-feed-size', flags.maxFeedSize));
  const { loadFeeds } = await import('../feed/load-feeds.js');
  const flag = flags.feedsFlag ?? '--gtfs';
  try {
    return await loadFeeds(flags.gtfs ?? (await defaultFeeds(cacheDir)), {
      limits,
      cacheDir,
      sqlite,
      onProgress: progress,
      onWarning: (message) => process.stderr.write(`erreichbar: ${language === 'en' ? 'warning' : 'Warnung'}: ${userTextIn(message, language)}\n`),
    });
  } catch (error) {
    if (flag && error instanceof UsageError && error.code === 'NO_SUCH_PATH') throw new UsageError({ de: `${flag}: ${error.message}`, en: `${flag}: ${error.messageEn}` }, flag, 'NO_SUCH_PATH');
    throw error;
  }
}

/** Without --gtfs: the feeds downloaded by `erreichbar feeds download`, else a clear error. */
async function defaultFeeds(cacheDir: string): Promise<string[]> {
  const { downloadedFeeds } = await import('../feed/download-feeds.js');
  const feeds = await downloadedFeeds(cacheDir);
  if (feeds.length === 0) {
    throw new UsageError(
      {
        de: 'keine Fahrplandaten: --gtfs angeben oder erreichbar feeds download',
        en: 'no timetables: give --gtfs or run erreichbar feeds download',
      },
      '--gtfs',
      'NO_FEEDS',
    );
  }
  return feeds.map((feed) => feed.path);
}

/** The helpers the planning commands (best-times, gaps, monitor) share with check and report. */
function cliKit(): CliKit {
  return { addFeedOptions, addRoutingOptions, addDayAndLimitOptions, routingOptions, openFeeds, lang, homeAccess };
}
