/**
 * The errors erreichbar throws on purpose. Every one has a stable `code` that callers may switch
 * on; the CLI maps {@link DataError} to exit code 1 and {@link UsageError} to exit code 2 and
 * prints only the message (one line) unless `--debug` is given.
 */

/**
 * A text a person reads: German (the default language of erreichbar) and, where given, English.
 * A plain string is used for both languages.
 */
export type UserText = string | { readonly de: string; readonly en: string };

/** The German and English form of a {@link UserText}. */
export function userTextIn(text: UserText, lang: 'de' | 'en'): string {
  return typeof text === 'string' ? text : text[lang];
}

/**
 * Root of all errors thrown by erreichbar on purpose. `message` is German (the default language);
 * {@link ErreichbarError.messageIn} gives the English form for `--lang en`.
 */
export class ErreichbarError extends Error {
  /** Stable, machine-readable code, e.g. `BAD_TIME` or `NO_SERVICE`. */
  readonly code: string;
  /** The message in English (the same as `message` where no English form was given). */
  readonly messageEn: string;

  constructor(code: string, message: UserText, options?: { cause?: unknown }) {
    super(userTextIn(message, 'de'), options);
    this.name = 'ErreichbarError';
    this.code = code;
    this.messageEn = userTextIn(message, 'en');
  }

  /** The message in the given language. */
  messageIn(lang: 'de' | 'en'): string {
    return lang === 'en' ? this.messageEn : this.message;
  }
}

/** Where in an input file a problem was found. All parts are optional but as many as known are given. */
export interface DataLocation {
  /** File name as the user knows it, e.g. `stop_times.txt` or `orte.csv` (never an absolute path of ours). */
  file?: string;
  /** 1-based line number in that file (the header is line 1). */
  line?: number;
  /** Column or property name. */
  field?: string;
  /** The offending value, quoted in the message. */
  value?: string;
}

/**
 * Bad input data: a feed, a places file or a destinations file that cannot be used as it is.
 * The message reads `file:line: field "value" <what was expected>`.
 */
export class DataError extends ErreichbarError {
  readonly location: DataLocation;

  constructor(code: string, location: DataLocation, problem: UserText, options?: { cause?: unknown }) {
    super(
      code,
      { de: formatDataMessage(location, userTextIn(problem, 'de')), en: formatDataMessage(location, userTextIn(problem, 'en')) },
      options,
    );
    this.name = 'DataError';
    this.location = location;
  }
}

/** Bad usage: a flag or argument that does not fit. The message names the flag and what was expected. */
export class UsageError extends ErreichbarError {
  /** The flag or argument, e.g. `--shift`. */
  readonly flag: string | undefined;

  constructor(message: UserText, flag?: string, code = 'BAD_USAGE') {
    super(code, message);
    this.name = 'UsageError';
    this.flag = flag;
  }
}

/**
 * Formats a location and a problem as one line:
 * `stop_times.txt:1842: arrival_time "25:6:00" is not H:MM:SS`.
 */
export function formatDataMessage(location: DataLocation, problem: string): string {
  const where = [location.file, location.line].filter((part) => part !== undefined).join(':');
  const what = [location.field, location.value === undefined ? undefined : JSON.stringify(location.value)]
    .filter((part) => part !== undefined)
    .join(' ');
  return [where ? `${where}:` : '', what, problem].filter((part) => part !== '').join(' ');
}
