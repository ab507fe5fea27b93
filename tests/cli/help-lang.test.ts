/** `--help` is German by default and English with `--lang en`; commander's own words too. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
async function erreichbar(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const COMMANDS = [[], ['import'], ['calendar'], ['route'], ['check'], ['report'], ['compare'], ['homes'], ['places'], ['serve'], ['feeds'], ['feeds', 'download'], ['feeds', 'list']];

describe('--help', () => {
  it.each(COMMANDS.map((command) => [command.join(' ') || '(top)', command] as const))('%s: German by default, English with --lang en', async (_, command) => {
    const german = await erreichbar(...command, '--help');
    expect(german.code).toBe(0);
    expect(german.stdout).toMatch(/^Aufruf: erreichbar/);
    expect(german.stdout).toMatch(/\nOptionen:\n/);
    // No English left in the German help: commander's defaults and the usual words of our English texts.
    expect(german.stdout).not.toMatch(/\(default|\[options\]|display help| the | or | of |Usage:|Options:/);
    const english = await erreichbar(...command, '--help', '--lang', 'en');
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/^Usage: erreichbar/);
    expect(english.stdout).not.toMatch(/Aufruf|Optionen:| oder | der | die /);
  });

  it('check --help names the flags in both languages', async () => {
    expect((await erreichbar('check', '--help')).stdout).toMatch(/--from <home> +Name des Ortsteils oder lat,lon\n/);
    expect((await erreichbar('check', '--help', '--lang', 'en')).stdout).toMatch(/--from <home> +Ortsteil name or lat,lon\n/);
  });

  it('no command: the help on stderr, exit code 2 (a call that does nothing is a usage error)', async () => {
    for (const command of [[], ['feeds']]) {
      const bare = await erreichbar(...command);
      expect(bare.code, command.join(' ')).toBe(2);
      expect(bare.stdout).toBe('');
      expect(bare.stderr).toMatch(/^Aufruf: erreichbar/);
    }
  });

  it("commander's errors: German by default", async () => {
    const unknown = await erreichbar('route', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("Fehler: unbekannte Option '--colour'\n(erreichbar <Befehl> --help zeigt die Optionen)\n");
    const english = await erreichbar('route', '--colour', 'red', '--lang', 'en');
    expect(english.stderr).toBe("error: unknown option '--colour'\n(erreichbar <command> --help shows the options)\n");
  });
});
