/**
 * The connecting words of the trip sheet in one language. Placeholders in braces (`{min}`,
 * `{time}`) are filled in; stop, line and place names are never translated — they stay as
 * printed on the bus stop sign.
 */
export interface SheetPhrases {
  /** The language's own name, e.g. `العربية`. */
  languageName: string;
  /** Writing direction. */
  dir: 'ltr' | 'rtl';
  title: string;
  intro: string;
  from: string;
  to: string;
  via: string;
  time: string;
  /** Weekday abbreviations Monday … Sunday. */
  weekdays: [string, string, string, string, string, string, string];
  dayTypes: { 'school-day': string; 'holiday-weekday': string; saturday: string; 'sunday-holiday': string; 'no-service': string };
  there: string;
  back: string;
  /**
   * One ride: `{dep}` and `{arr}` are times, `{from}` and `{to}` stop names, `{line}` the vehicle
   * and line ("Bus 623"), `{towards}` the filled {@link SheetPhrases.towards} (or nothing).
   */
  ride: string;
  /** Direction of a line: `{headsign}` is the destination shown on the bus. */
  towards: string;
  vehicles: { bus: string; tram: string; metro: string; train: string; ferry: string; onDemand: string };
  /** Walk of `{min}` minutes from `{from}` to `{to}`. */
  walk: string;
  /** Bicycle ride of `{min}` minutes from `{from}` to `{to}`. */
  bike: string;
  /** Change vehicles at one stop, `{min}` minutes between arriving and leaving. */
  change: string;
  /** Change to another platform of the same stop, `{min}` minutes. */
  platformChange: string;
  /** Walk `{walk}` minutes to another stop `{stop}` to change, `{min}` minutes in all. */
  walkToChange: string;
  /** Arrive `{min}` minutes before the start at `{time}`. */
  waitBefore: string;
  /** Leave `{min}` minutes after the end at `{time}`. */
  waitAfter: string;
  /** Kita: opens / closes at `{time}`. */
  opens: string;
  closes: string;
  /** The days a block applies to. */
  onDays: string;
  noConnection: string;
  noWayThere: string;
  noWayBack: string;
  /** Earliest arrival only at `{time}`. */
  earliestArrival: string;
  /** First bus home only at `{time}`. */
  firstReturn: string;
  noBusThatDay: string;
  /** Takes too long: `{min}` minutes of travel. */
  tooLong: string;
  /** Long wait: `{min}` minutes. */
  longWait: string;
  whatToDo: string;
  advice: string[];
  disclaimer: string;
  /** Heading of the Kita chain lines. */
  chainLegs: { homeToKita: string; kitaToDestination: string; destinationToKita: string; kitaToHome: string };
  minutes: string;
}
