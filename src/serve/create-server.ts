/**
 * The workbench server (`erreichbar serve`): a Fastify app over feeds loaded once. Routes:
 *
 * - `GET /` — the page; with `?from=…&to=…&shift=…&days=…&week=…[&kita=…][&access=bike]` it
 *   answers that case (the URL contract other county tools link to).
 * - `GET /api/check` — the same parameters (and `lang=de|en`); exactly what
 *   `check --format json` prints. A bad parameter: 400 `{ error, field }` with the CLI's message.
 * - `GET /sheet` — the same parameters and `lang=ar|uk|ru|fa|tr|en|de`: the trip sheet.
 * - `GET /homes` — `to`, `shift`, `days`, `week`/`daytypes`, `access`: where could one live?
 * - `GET /api/suggest?kind=place|destination|kita&q=…` — type-ahead.
 * - `GET /app.js`, `GET /app.css` — the page's script and style (no inline code: CSP `'self'`).
 *
 * Every check goes through `runCheck`, the function behind `erreichbar check`. Engines (timetables
 * per date, search state) are kept warm per set of options; the server writes nothing to disk, so
 * killing it at any moment leaves nothing half-written. Inputs are validated by JSON schema
 * (length limits, no unknown or repeated parameters), bodies are refused beyond 1 kB.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { ErreichbarError, UsageError, userTextIn } from '../errors.js';
import type { FeedSet } from '../feed/load-feeds.js';
import type { Report, ReportDestination } from '../analysis/build-report.js';
import { ReachabilityEngine, type ReachabilityOptions } from '../analysis/reachability.js';
import type { Place } from '../places/load-places.js';
import type { RoutingOptions } from '../router/route-planner.js';
import type { Lang } from '../report/format-journey.js';
import type { MapNetwork } from '../report/map-network.js';
import { renderHomes, rankHomes } from '../report/render-report.js';
import { renderSheet, SHEET_CSP } from '../report/render-sheet.js';
import { SHEET_LANGS } from '../report/sheet-phrases/index.js';
import { formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { checkResultToJson, renderCheckResult, runCheck, type CheckParams, type CheckResult } from '../cli/commands/check-command.js';
import { runHomes } from '../cli/commands/homes-command.js';
import { parseChoice } from '../cli/parse-flags.js';
import { caseUrl, CASE_FIELDS, PAGE_STYLE, renderPage, type AnswerSlot, type CaseField, type CaseQuery, type FieldError } from './render-page.js';
import { pageScript } from './page-client.js';
import { suggestNames, uniqueName } from './suggest-names.js';

/** What the server answers from. */
export interface ServerOptions {
  feeds: FeedSet;
  places: readonly Place[];
  destinations: readonly ReportDestination[];
  /** Routing model of every check (default: the library's). */
  routing?: RoutingOptions;
  /** Language of the page and the answers (`de` default). */
  lang?: Lang;
  /** Bus lines and stops for the map. */
  network?: MapNetwork;
  /** Today as `YYYY-MM-DD` (default: today in Europe/Berlin), for the default week. */
  today: () => string;
  /** Called with errors that are not the user's fault (for a log). */
  onInternalError?: (error: unknown) => void;
}

/** The flag of each URL parameter, as the CLI names it in messages. */
const FLAG_OF: Record<string, string> = {
  from: '--from',
  to: '--to',
  shift: '--shift',
  days: '--days',
  week: '--week',
  daytypes: '--day-types',
  kita: '--via-kita',
  kitahours: '--kita-hours',
  access: '--access',
  lang: '--lang',
  q: 'q',
  kind: 'kind',
};
/** The URL parameter of each flag in a {@link UsageError}. */
const FIELD_OF: Record<string, CaseField | 'lang'> = {
  '--from': 'from',
  '--to': 'to',
  '--shift': 'shift',
  '--days': 'days',
  '--week': 'week',
  '--dates': 'week',
  '--day-types': 'daytypes',
  '--via-kita': 'kita',
  '--kita-hours': 'kitahours',
  '--access': 'access',
  '--lang': 'lang',
  '--sheet-lang': 'lang',
};

const text = (maxLength: number): object => ({ type: 'string', maxLength });
const CASE_PROPERTIES = {
  from: text(120),
  to: text(120),
  shift: text(40),
  days: text(40),
  week: text(20),
  daytypes: { type: 'string', enum: ['', '1', 'on', 'true'] },
  kita: text(120),
  kitahours: text(40),
  access: text(10),
};
const caseSchema = (extra: Record<string, object> = {}): object => ({
  querystring: { type: 'object', properties: { ...CASE_PROPERTIES, ...extra }, additionalProperties: false },
});

/** Security headers of every answer; pages get their CSP on top. */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** An engine per set of options, replaced after this many different weeks so memory stays bounded. */
const MAX_WEEKS_PER_ENGINE = 8;
const MAX_ENGINES = 6;
const MAX_CACHED_HOMES = 24;

/**
 * Builds the app (not yet listening).
 *
 * @example
 * ```ts
 * const app = createServer({ feeds, places, destinations, today: () => '2026-12-01' });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 * ```
 */
export function createServer(options: ServerOptions): FastifyInstance {
  const lang = options.lang ?? 'de';
  const app = Fastify({
    logger: false,
    bodyLimit: 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });

  // Engines keep the timetable of every date they were asked about; an engine that has seen
  // MAX_WEEKS_PER_ENGINE different day choices is replaced, so memory stays bounded.
  const engines = new Map<string, { engine: ReachabilityEngine; weeks: Set<string> }>();
  let currentWeek = '';
  const engineFor = (feeds: FeedSet, engineOptions: ReachabilityOptions): ReachabilityEngine => {
    const key = JSON.stringify(engineOptions);
    let entry = engines.get(key);
    engines.delete(key);
    if (entry && !entry.weeks.has(currentWeek) && entry.weeks.size >= MAX_WEEKS_PER_ENGINE) entry = undefined;
    if (!entry) {
      entry = { engine: new ReachabilityEngine(feeds, engineOptions), weeks: new Set() };
      if (engines.size >= MAX_ENGINES) engines.delete(engines.keys().next().value!);
    }
    entry.weeks.add(currentWeek);
    engines.set(key, entry); // most recently used last
    return entry.engine;
  };

  /** Runs a check; `notices` collects what the CLI would print on stderr (e.g. a corrected name). */
  const check = (query: CaseQuery, notices: string[] = []): Promise<CheckResult> => {
    // runCheck calls engineFor synchronously (the feeds are loaded), so currentWeek is this query's.
    currentWeek = `${options.today()}\u0000${query.week ?? ''}\u0000${query.daytypes ?? ''}`;
    return runCheck(
      {
        feeds: options.feeds,
        places: options.places,
        destinations: options.destinations,
        today: options.today(),
        routing: options.routing,
        engineFor,
        onNotice: (text) => notices.push(userTextIn(text, lang)),
      },
      checkParams(query),
    );
  };

  const homesCache = new Map<string, Report>();

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const wantsJson = request.url.startsWith('/api/');
    const fieldError = validationError(error, lang) ?? usageError(error, lang);
    if (fieldError) {
      if (wantsJson) return reply.code(400).type('application/json; charset=utf-8').send({ error: fieldError.message, field: fieldError.param ?? fieldError.field ?? null });
      const query = (typeof request.query === 'object' && request.query !== null ? request.query : {}) as Record<string, unknown>;
      const field = (CASE_FIELDS as readonly string[]).includes(fieldError.field ?? '') ? (fieldError.field as CaseField) : undefined;
      return sendPage(reply.code(400), { query: caseQuery(query), error: { field, message: fieldError.message } });
    }
    if (error.statusCode !== undefined && error.statusCode < 500) {
      const message = lang === 'de' ? `Anfrage abgelehnt (${error.statusCode})` : `request refused (${error.statusCode})`;
      return reply.code(error.statusCode).type('application/json; charset=utf-8').send({ error: message, field: null });
    }
    options.onInternalError?.(error);
    const message = error instanceof ErreichbarError ? error.messageIn(lang) : lang === 'de' ? 'interner Fehler' : 'internal error';
    return reply.code(500).type('application/json; charset=utf-8').send({ error: message, field: null });
  });

  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send({ error: lang === 'de' ? 'nicht gefunden' : 'not found', field: null });
  });

  const sendPage = (reply: FastifyReply, state: { query: CaseQuery; error?: FieldError; answer?: AnswerSlot[]; notices?: string[]; homes?: Parameters<typeof renderPage>[0]['homes'] }): FastifyReply =>
    reply
      .header('Content-Security-Policy', PAGE_CSP)
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderPage({ lang, places: options.places, destinations: options.destinations, network: options.network, ...state }));

  app.get('/', { schema: caseSchema() }, async (request, reply) => {
    const query = caseQuery(request.query as Record<string, string>);
    // Without a home there is no case yet (e.g. back from the homes ranking): the form, filled in.
    if (!query.from) return sendPage(reply, { query });
    const notices: string[] = [];
    const result = await check(query, notices);
    return sendPage(reply, { query, answer: answerSlots(result, lang), notices });
  });

  app.get('/api/check', { schema: caseSchema({ lang: text(5) }) }, async (request, reply) => {
    const raw = request.query as Record<string, string>;
    const answerLang = parseChoice('--lang', raw.lang || 'de', ['de', 'en'] as const);
    const result = await check(caseQuery(raw));
    return reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-store').send(`${checkResultToJson(result, answerLang)}\n`);
  });

  app.get('/sheet', { schema: caseSchema({ lang: text(5) }) }, async (request, reply) => {
    const raw = request.query as Record<string, string>;
    const sheetLang = parseChoice('--sheet-lang', raw.lang || 'de', SHEET_LANGS);
    const result = await check(caseQuery(raw));
    return reply.header('Content-Security-Policy', `${SHEET_CSP}; frame-ancestors 'none'`).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(renderSheet(result, { lang: sheetLang }));
  });

  app.get('/homes', { schema: caseSchema() }, async (request, reply) => {
    const query = caseQuery(request.query as Record<string, string>);
    const key = `${options.today()}\u0000${caseUrl('', query)}`;
    let report = homesCache.get(key);
    if (!report) {
      report = await runHomes(
        { feeds: options.feeds, places: options.places, destinations: options.destinations, today: options.today(), routing: options.routing },
        { to: query.to, shift: query.shift, days: query.days, week: query.week, dayTypes: query.daytypes ? true : undefined, access: query.access },
      );
      if (homesCache.size >= MAX_CACHED_HOMES) homesCache.delete(homesCache.keys().next().value!);
      homesCache.set(key, report);
    }
    // The text of `homes`: data notices, the heading, then numbered lists ("  3. Name (Gemeinde) — …").
    // Every numbered line links to the case of its Ortsteil, found by name and Gemeinde.
    const all = renderHomes(report, { lang }).split('\n');
    const headingAt = Math.max(0, all.findIndex((line) => /^(Wohnorte für|Homes for) /.test(line)));
    const caseOf = new Map(rankHomes(report).map((entry) => [`${entry.ortsteil.name} (${entry.ortsteil.gemeinde})`, entry.ortsteil]));
    const lines = [...all.slice(0, headingAt), ...all.slice(headingAt + 1)]
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const numbered = /^\s*\d+\.\s+(.+?) — /.exec(line);
        const ortsteil = numbered ? caseOf.get(numbered[1]!) : undefined;
        const name = ortsteil ? uniqueName(options.places.find((place) => place.name === ortsteil.name && place.gemeinde === ortsteil.gemeinde) ?? ortsteil, options.places) : undefined;
        return { text: line.trim(), href: name === undefined ? undefined : caseUrl('/', { ...query, from: name }) };
      });
    return sendPage(reply, { query, homes: { heading: all[headingAt] ?? '', lines } });
  });

  app.get(
    '/api/suggest',
    { schema: { querystring: { type: 'object', properties: { q: text(80), kind: { type: 'string', enum: ['place', 'destination', 'kita'] } }, required: ['q'], additionalProperties: false } } },
    async (request, reply) => {
      const { q, kind } = request.query as { q: string; kind?: 'place' | 'destination' | 'kita' };
      const suggestions =
        kind === 'destination' || kind === 'kita'
          ? suggestNames(q, kind === 'kita' ? options.destinations.filter((d) => d.category === 'childcare') : options.destinations, (d) => d.category)
          : suggestNames(q, options.places, (p) => p.gemeinde);
      return reply.header('Cache-Control', 'no-store').send(suggestions);
    },
  );

  const script = `(${pageScript.toString()})();\n`;
  app.get('/app.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(script));
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  app.get('/app.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('Cache-Control', 'no-cache').send(PAGE_STYLE));

  return app;
}

/** The case fields of a query string (other keys dropped, empty values left out). */
function caseQuery(raw: Record<string, unknown>): CaseQuery {
  const query: CaseQuery = {};
  for (const field of CASE_FIELDS) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '') query[field] = value;
  }
  return query;
}

/** URL parameters as the CLI's flags. */
function checkParams(query: CaseQuery): CheckParams {
  return {
    from: query.from,
    to: query.to,
    shift: query.shift,
    days: query.days,
    week: query.week,
    dayTypes: query.daytypes ? true : undefined,
    viaKita: query.kita,
    kitaHours: query.kitahours,
    access: query.access,
  };
}

function usageError(error: unknown, lang: Lang): { field: string | undefined; param?: string; message: string } | undefined {
  if (!(error instanceof UsageError)) return undefined;
  return { field: error.flag === undefined ? undefined : FIELD_OF[error.flag], message: error.messageIn(lang) };
}

/** A schema violation as the CLI would word it for the flag. */
function validationError(error: FastifyError, lang: Lang): { field: string | undefined; param?: string; message: string } | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const params = first.params as Record<string, unknown>;
  const field = first.instancePath.replace(/^\//, '') || (params.additionalProperty as string | undefined) || (params.missingProperty as string | undefined);
  const flag = (field && FLAG_OF[field]) ?? field ?? '?';
  const de = lang === 'de';
  let message: string;
  if (first.keyword === 'additionalProperties') {
    message = de ? `unbekannter Parameter "${field}" (erlaubt: ${CASE_FIELDS.join(', ')})` : `unknown parameter "${field}" (allowed: ${CASE_FIELDS.join(', ')})`;
  } else if (first.keyword === 'maxLength') {
    message = de ? `${flag} ist zu lang (höchstens ${String(params.limit)} Zeichen)` : `${flag} is too long (at most ${String(params.limit)} characters)`;
  } else if (first.keyword === 'type') {
    message = de ? `${flag} bitte nur einmal angeben` : `give ${flag} only once`;
  } else if (first.keyword === 'required') {
    message = de ? `${flag} fehlt` : `${flag} is missing`;
  } else if (first.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[] | undefined)?.filter((v) => v !== '').join(', ') ?? '';
    message = de ? `${flag} muss eines von ${allowed} sein` : `${flag} must be one of ${allowed}`;
  } else {
    message = de ? `${flag} ist ungültig` : `${flag} is not valid`;
  }
  return { field: field && field in FLAG_OF ? field : undefined, param: field, message };
}

const KNOWN_TOP = new Set(['schemaVersion', 'from', 'to', 'via', 'slot', 'limits', 'summary', 'outsideSlot', 'days']);
const KNOWN_DAY = new Set(['bridge', 'date', 'dayType', 'verdict', 'waitBeforeMinutes', 'waitAfterMinutes', 'reasons', 'outbound', 'return', 'works', 'breaksAt', 'reason', 'legs']);

/**
 * Texts of what the check's JSON carries beyond the known fields (data notices such as holiday
 * warnings); fields whose text the check's text form already prints (`bridge`) count as known.
 */
function noticesOf(object: Record<string, unknown>, known: Set<string>): string[] {
  const texts: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const text = record.text ?? record.message ?? record.de;
      if (typeof text === 'string') texts.push(text);
    }
  };
  for (const [key, value] of Object.entries(object)) if (!known.has(key)) add(value);
  return texts;
}

/**
 * The answer as the page shows it: the text of `check` (same renderers) split into a block per
 * day, with the verdict for the look and the notices of the JSON form.
 */
function answerSlots(result: CheckResult, lang: Lang): AnswerSlot[] {
  return result.items.map((item) => {
    const single = (result.kind === 'chain' ? { ...result, items: [item] } : { ...result, items: [item] }) as CheckResult;
    const json = JSON.parse(checkResultToJson(single, lang)) as Record<string, unknown> & { days?: Record<string, unknown>[] };
    // The data notices come from the JSON's `warnings` (noticesOf), not as a text block.
    const blocks = renderCheckResult(single, lang, { withNotices: false }).split('\n\n');
    const headLines = (blocks.shift() ?? '').split('\n');
    const slot: AnswerSlot = { title: headLines[0] ?? '', summary: headLines.slice(1).join(' '), notices: noticesOf(json, KNOWN_TOP), days: [] };
    const days = item.days as { date: string; verdict?: string; works?: boolean }[];
    for (const block of blocks) {
      const lines = block.split('\n');
      const heading = lines[0] ?? '';
      const index = days.findIndex((day) => heading.startsWith(formatDateForHumans(parseIsoDate(day.date)!, lang)));
      if (index < 0) {
        // Text between the days that is not a day (a notice of the check's text form).
        const previous = slot.days[slot.days.length - 1];
        (previous ? previous.notices : slot.notices).push(...lines.map((line) => line.trim()).filter(Boolean));
        continue;
      }
      const day = days[index]!;
      const tone = day.verdict !== undefined ? `verdict-${day.verdict}` : day.works ? 'works' : 'breaks';
      slot.days.push({ heading, lines: lines.slice(1), tone, notices: json.days?.[index] ? noticesOf(json.days[index]!, KNOWN_DAY) : [] });
    }
    return slot;
  });
}
