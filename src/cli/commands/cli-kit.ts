/**
 * The few helpers of `main.ts` that planning commands (best-times, gaps, monitor) share with
 * check and report, handed over as one object so these commands live in their own files and
 * `main.ts` only registers them.
 */
import type { Command } from 'commander';
import type { FeedSet } from '../../feed/load-feeds.js';
import type { RoutingOptions } from '../../router/route-planner.js';
import type { AccessMode } from '../../analysis/reachability.js';

/** Helpers of the command line passed to the planning commands. */
export interface CliKit {
  /** --gtfs, --cache-dir, --lang, --quiet, --debug. */
  addFeedOptions(command: Command): Command;
  /** --walk-radius, --transfer-slack, --max-transfers, --no-transfers-file. */
  addRoutingOptions(command: Command): Command;
  /** --week/--dates/--day-types, the limits, --access, --places, --destinations. */
  addDayAndLimitOptions(command: Command): Command;
  routingOptions(flags: object): RoutingOptions;
  /** Loads the feeds of `gtfs`; `feedsFlag` names the flag that gave them (default `--gtfs`). */
  openFeeds(flags: { gtfs?: string[]; feedsFlag?: string; cacheDir?: string; quiet?: boolean }): Promise<FeedSet>;
  lang(flags: { lang: string }): 'de' | 'en';
  homeAccess(flags: { access: string }): AccessMode;
}
