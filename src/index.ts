/**
 * erreichbar — can a person without a car get from an Ortsteil of Landkreis Börde to a shift,
 * course or Kita in time, and back home after it, by the real bus timetable?
 *
 * The public API. Layers: feed (import, cache, merge) → timetable (one date) → router (RAPTOR)
 * → analysis (shift question, day types, report) → report (renderers).
 */
export { ErreichbarError, DataError, UsageError, formatDataMessage, userTextIn, type DataLocation, type UserText } from './errors.js';

export { loadFeeds, isServiceActive, serviceDates, cleanStopName } from './feed/load-feeds.js';
export type { FeedSet, FeedSummary, LoadFeedsOptions, ServiceCalendar, FrequencyRow, TransferRow } from './feed/load-feeds.js';
export type { FeedStop } from './feed/types.js';
export type { FeedProblem } from './feed/validate-feed.js';
export { checkServiceDate } from './feed/check-service-date.js';

export { buildTimetable, type Timetable, type TimetableOptions } from './timetable/build-timetable.js';
export { reverseTimetable } from './timetable/reverse-timetable.js';

export { RaptorScratch, earliestArrival, rangeQuery, UNREACHED, MAX_TRANSFERS_LIMIT } from './router/raptor.js';
export type { RaptorOptions, RaptorSource, RangeSource } from './router/raptor.js';
export { unfoldJourney, describeJourney, type Journey, type Leg, type RideLeg, type WalkLeg, type RawJourney } from './router/journey.js';
export { RoutePlanner, DEFAULT_ROUTING, type RoutingOptions, type RouteQuery, type RouteResult } from './router/route-planner.js';

export { serviceCalendar, classifyDay, DAY_TYPE_IDS, DAY_TYPE_LABELS } from './analysis/service-calendar.js';
export type { CalendarDay, DayTypeId, ServiceCalendarOptions } from './analysis/service-calendar.js';
export { ReachabilityEngine, DEFAULT_LIMITS, VERDICTS } from './analysis/reachability.js';
export type { DayAssessment, NamedPoint, ReachabilityLimits, ReachabilityOptions, Reason, WindowSearch, SlotTimes, Verdict } from './analysis/reachability.js';
export { chooseDates, defaultWeek, REPRESENTED_DAY_TYPES, type DaySelection } from './analysis/choose-days.js';
export { buildReport, summarize, REPORT_SCHEMA_VERSION } from './analysis/build-report.js';
export { buildReportInWorkers, reportWorkerCount, PARALLEL_FROM_PLACE_SLOTS } from './analysis/build-report-parallel.js';
export type { Report, OrtsteilReport, ReportDay, ReportDestination, ReportPlace, ReportSlot, ReportSlotResult, JourneySummary, BuildReportOptions } from './analysis/build-report.js';

export { formatJourney, formatLegs, journeyToJson, formatDuration, type Lang, type JourneyJson } from './report/format-journey.js';
export { renderCheck, checkToJson, summaryLine, type CheckSubject } from './report/render-check.js';
export {
  renderReportTable,
  renderReportCsv,
  renderReportJson,
  renderReportMarkdown,
  renderReportGeoJson,
  renderHomes,
  rankHomes,
  type CsvDialect,
  type RenderReportOptions,
} from './report/render-report.js';

export { DEFAULT_WALK_MODEL, DEFAULT_BIKE_MODEL, distanceMeters, walkSecondsForDistance, type LatLon, type WalkModel } from './geo/walk-model.js';
export { parseGtfsTime, parseClock, formatClock, formatClockShort, parseIsoDate, formatIsoDate, formatDateForHumans } from './time/clock.js';
export { wallClockToServiceSeconds, serviceSecondsToWallClock, serviceDayOffsetSeconds } from './time/service-day-offset.js';
export { assessKitaChain, type ChainAssessment, type ChainBreak, type ChainLeg, type ChainOptions, type ChainReason, type OpeningHours } from './analysis/kita-chain.js';
export { renderChain, chainToJson } from './report/render-check.js';
export { loadPlaces, PLACE_KINDS, type Place, type PlaceKind, type LoadedPlaces } from './places/load-places.js';
export { loadDestinations, CATEGORIES, type Destination, type Category, type LoadedDestinations } from './places/load-destinations.js';
export { loadStops } from './places/load-stops.js';
export { bundledDataPath, BUNDLED_DATA_FILES, type BundledDataFile } from './places/bundled-data.js';
export { rankNameMatches, resolveName, normalizeName, editDistance, MatchLevel, NAME_KINDS } from './places/match-name.js';
export type { NameMatch, NameKind, RankOptions, ResolveOptions } from './places/match-name.js';
export { parseSchedule, parseDays, parseTimeRange, formatSlot, formatDays, ScheduleSyntaxError, type Slot } from './places/parse-schedule.js';
export { BOERDE_AREA, type Area } from './places/read-point.js';
export { nearestStops, type NearbyStop } from './geo/nearest-stops.js';
export { renderReportHtml, escapeHtml, NASA_ATTRIBUTION, type RenderHtmlOptions } from './report/render-html.js';
export { buildMapNetwork, boundsAround, type MapNetwork, type Bounds } from './report/map-network.js';
export { compareReports, classifyChange, type Comparison, type ComparisonEntry, type Change, type DayMatching } from './analysis/compare-reports.js';
export { renderComparison } from './report/render-compare.js';
export type { AccessMode, SlotKind } from './analysis/reachability.js';
export { runCheck, checkResultToJson, renderCheckResult, type CheckParams, type CheckInputs, type CheckResult, type CheckItem, type ChainItem } from './cli/commands/check-command.js';
export { runHomes, type HomesParams, type HomesInputs } from './cli/commands/homes-command.js';
export { bestStartTimes, BEST_TIMES_SCHEMA_VERSION, type BestTimesResult, type BestTimesOptions, type BestTimesCandidate, type BestTimesDay, type BestTimesGain, type VerdictGroup, type Weighting, type WeightKind } from './analysis/best-times.js';
export { renderBestTimesText, renderBestTimesCsv, renderBestTimesJson, renderBestTimesHtml } from './report/render-best-times.js';
export { loadParticipants } from './places/load-participants.js';
export { BridgeFinder, CAR_RIDE_MODEL, BIKE_RIDE_MODEL, type RideModel, type MeetingPoint, type BridgeLeg, type Bridge, type CaseBridge, type BridgeOptions } from './analysis/bridges.js';
export { findGaps, GAPS_SCHEMA_VERSION, type GapsResult, type GapCase, type MeetingPointUse, type FindGapsOptions } from './analysis/gaps.js';
export { renderGapsText, renderGapsCsv, renderGapsJson } from './report/render-gaps.js';
export { bridgeSentence, rideModelText } from './report/bridge-sentence.js';
export { bridgesForDays } from './analysis/bridges.js';
export { bridgeToJson } from './report/bridge-sentence.js';
export { buildMonitor, compareMonitors, departuresAt, MONITOR_SCHEMA_VERSION, type MonitorResult, type MonitorOptions, type MonitorOrtsteil, type MonitorDay, type MonitorGemeinde, type MonitorGemeindeDay, type MonitorChange, type MissedStandard, type Connection } from './analysis/monitor.js';
export { renderMonitorMarkdown, renderMonitorCsv, renderMonitorJson, renderMonitorHtml } from './report/render-monitor.js';
export { loadCentralPlaces, loadServiceStandards, CENTRE_LEVELS, STANDARD_INDICATORS, type CentralPlace, type CentreLevel, type ServiceStandard, type StandardIndicator } from './places/load-planning-tables.js';
export { addBridgesToReport } from './analysis/gaps.js';
export { summarizeBridge, type BridgeSummary, type BridgeLegSummary } from './analysis/bridges.js';
export { renderSheet, SHEET_CSP, type RenderSheetOptions } from './report/render-sheet.js';
export { SHEET_LANGS, SHEET_PHRASES, type SheetLang, type SheetPhrases } from './report/sheet-phrases/index.js';
export { createServer, type ServerOptions } from './serve/create-server.js';
export { loadOfficialCalendar, parseOfficialCalendar, officialDay, easterSunday, publicHolidaysByLaw, OFFICIAL_CALENDAR_FILE } from './analysis/official-calendar.js';
export type { OfficialCalendar, OfficialDay, OfficialDayTypeId, SchoolHolidays } from './analysis/official-calendar.js';
export { fullServiceCalendar } from './analysis/service-calendar.js';
export { dataWarnings, type DataWarning, type DataWarningOptions } from './analysis/data-notices.js';
export { officialServiceDates, type ServiceAs } from './analysis/official-service.js';
export { feedCoverage, commonServiceRange, coverageLines, tripsPerFeed, type FeedCoverage, type CommonRange } from './analysis/feed-coverage.js';
export { railNotices, hasRailRoutes, loadRailStations, nearestRailStation, RAIL_STATIONS_FILE, RAIL_STATIONS_ATTRIBUTION, type RailNotice, type RailStation } from './analysis/rail-notice.js';
