/**
 * `erreichbar serve`: loads the feeds, places and destinations once, draws the map's bus network,
 * and starts the workbench (src/serve/create-server.ts) on 127.0.0.1 unless another host is
 * given explicitly — then it warns, because the workbench has no login.
 */
import type { FeedSet } from '../../feed/load-feeds.js';
import type { ReportDestination } from '../../analysis/build-report.js';
import { defaultWeek } from '../../analysis/choose-days.js';
import type { Place } from '../../places/load-places.js';
import type { RoutingOptions } from '../../router/route-planner.js';
import type { Lang } from '../../report/format-journey.js';
import { boundsAround, buildMapNetwork } from '../../report/map-network.js';
import { buildTimetable } from '../../timetable/build-timetable.js';
import { parseIsoDate } from '../../time/clock.js';
import { createServer } from '../../serve/create-server.js';
import { UsageError } from '../../errors.js';
import { today } from './reachability-commands.js';

/** What `serve` starts from. */
export interface ServeInputs {
  feeds: FeedSet;
  places: Place[];
  destinations: ReportDestination[];
  routing: RoutingOptions;
  lang: Lang;
  host: string;
  port: number;
  /** Lines for the person who started the server (address, warnings). */
  say: (line: string) => void;
  /** Internal errors (not the user's) for the log. */
  log: (line: string) => void;
}

/** Addresses only this computer can reach. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Starts the server; resolves with a function that stops it. */
export async function startServe(inputs: ServeInputs): Promise<{ url: string; close: () => Promise<void> }> {
  const monday = defaultWeek(inputs.feeds, today());
  const points = [...inputs.places, ...inputs.destinations];
  const network = points.length > 0 ? buildMapNetwork(buildTimetable(inputs.feeds, parseIsoDate(monday)!, { walkRadiusMeters: 0 }), boundsAround(points, 5000)) : undefined;
  const app = createServer({
    feeds: inputs.feeds,
    places: inputs.places,
    destinations: inputs.destinations,
    routing: inputs.routing,
    lang: inputs.lang,
    network,
    today,
    onInternalError: (error) => inputs.log(`erreichbar serve: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  try {
    await app.listen({ host: inputs.host, port: inputs.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new UsageError(
        { de: `--port ${inputs.port} / --host ${inputs.host}: kann nicht lauschen (${code})`, en: `--port ${inputs.port} / --host ${inputs.host}: cannot listen (${code})` },
        code === 'EADDRINUSE' || code === 'EACCES' ? '--port' : '--host',
      );
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : inputs.port;
  const shownHost = inputs.host.includes(':') ? `[${inputs.host}]` : inputs.host;
  const url = `http://${shownHost}:${port}/`;
  if (!isLoopback(inputs.host)) {
    inputs.say(
      inputs.lang === 'de'
        ? `WARNUNG: erreichbar serve lauscht auf ${inputs.host}, nicht nur auf diesem Rechner — ohne Anmeldung für alle im Netz erreichbar.`
        : `WARNING: erreichbar serve listens on ${inputs.host}, not only on this computer — reachable by everyone on the network without a login.`,
    );
  }
  inputs.say(inputs.lang === 'de' ? `erreichbar serve: ${url} (Beenden mit Strg+C)` : `erreichbar serve: ${url} (stop with Ctrl+C)`);
  return { url, close: () => app.close() };
}
