/**
 * The language of `--help`: German by default, English with `--lang en`. `main` reads `--lang` from
 * the command line before the commands are built (commander builds the help text from the
 * descriptions given at that time), so every description is written as {@link h}`(de, en)`.
 * Commander's own words (titles, "default:", its error messages) are translated here too.
 */
import { Help, type Command } from 'commander';

let helpLang: 'de' | 'en' = 'de';

/** Sets the language of the help texts built from now on. */
export function setHelpLang(lang: 'de' | 'en'): void {
  helpLang = lang;
}

/** The help language in effect. */
export function currentHelpLang(): 'de' | 'en' {
  return helpLang;
}

/** A help text in the chosen language. */
export function h(de: string, en: string): string {
  return helpLang === 'en' ? en : de;
}

const TITLES: Record<string, string> = {
  'Usage:': 'Aufruf:',
  'Options:': 'Optionen:',
  'Commands:': 'Befehle:',
  'Arguments:': 'Argumente:',
  'Global Options:': 'Globale Optionen:',
};

/** Commander's own error lines in German (the rest are passed through unchanged). */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.*)'/, "Fehler: unbekannte Option '$1'"],
  [/^error: unknown command '(.*)'/, "Fehler: unbekannter Befehl '$1'"],
  [/^error: option '(.*)' argument missing/, "Fehler: bei Option '$1' fehlt der Wert"],
  [/^error: missing required argument '(.*)'/, "Fehler: Argument '$1' fehlt"],
  [/^error: too many arguments/, 'Fehler: zu viele Argumente'],
  [/^\(Did you mean (.*)\?\)/m, '(Meinten Sie $1?)'],
];

/**
 * Titles, "(default: …)", the help and version options and commander's error lines in the help
 * language; subcommands created afterwards inherit it.
 */
export function localizeHelp(program: Command): Command {
  if (helpLang === 'en') return program;
  const base = new Help();
  return program
    .configureHelp({
      styleTitle: (title: string) => TITLES[title] ?? title,
      styleUsage: (usage: string) => usage.replace('[options]', '[Optionen]').replace('[command]', '[Befehl]'),
      subcommandTerm: (command) => base.subcommandTerm(command).replace('[options]', '[Optionen]').replace('[command]', '[Befehl]'),
      optionDescription: (option) => base.optionDescription(option).replace(/(\(|, )default: /, '$1Standard: ').replace(/\(choices: /, '(Auswahl: '),
      argumentDescription: (argument) => base.argumentDescription(argument).replace(/(\(|, )default: /, '$1Standard: '),
    })
    .helpOption('-h, --help', 'Hilfe zu diesem Befehl zeigen')
    .helpCommand('help [befehl]', 'Hilfe zu einem Befehl zeigen')
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(ERRORS.reduce((line, [pattern, german]) => line.replace(pattern, german), text)),
    });
}
