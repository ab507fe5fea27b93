/**
 * The workbench's HTTP contract on the real BördeBus + MVB timetables: `/api/check` returns byte
 * for byte what `erreichbar check --format json` prints for the same parameters, `/sheet` what
 * `check --format sheet` writes; a bad parameter is a 400 `{ error, field }` with the CLI's own
 * one-line message; unknown, repeated and overlong parameters are refused by the schema; every
 * answer carries a CSP; nothing but GET is accepted.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { createServer } from '../../src/serve/create-server.js';
import { startServe } from '../../src/cli/commands/serve-command.js';
import { DEFAULT_ROUTING } from '../../src/router/route-planner.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
/** The server's today; the CLI gets the same one, so a case without `week` means the same week for both. */
const TODAY = '2026-12-01';
const erreichbar = (...args: string[]) =>
  run(process.execPath, [cli, ...args, '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet'], { maxBuffer: 1 << 26, env: { ...process.env, ERREICHBAR_TODAY: TODAY } });
/** The CLI's one-line message for bad flags (exit code 2), without the `erreichbar: ` prefix. */
const cliError = async (...args: string[]): Promise<string> => {
  const failed = await erreichbar(...args).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failed?.code).toBe(2);
  return failed!.stderr.trim().replace(/^erreichbar: /, '');
};

const CASE = { from: 'Wolmirstedt', to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa', week: '2026-12-07' };
const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();

describe('erreichbar serve: the HTTP contract', () => {
  let app: FastifyInstance;
  let inputs: Omit<Parameters<typeof startServe>[0], 'host' | 'port' | 'say' | 'log'>;

  beforeAll(async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const { destinations } = await loadDestinations(path.join(repoRoot, 'data', 'destinations.csv'));
    app = createServer({ feeds, places, destinations, today: () => TODAY });
    inputs = { feeds, places, destinations, routing: DEFAULT_ROUTING, lang: 'de' };
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('/api/check returns exactly what check --format json prints, for several cases', async () => {
    const cases: Record<string, string>[] = [
      CASE,
      { from: 'Hundisburg', to: 'Hermes Fulfilment Haldensleben', daytypes: '1' },
      { from: '52.2484,11.6289', to: 'Salutas', week: '2026-12-07', access: 'bike' },
      { from: 'Hundisburg', to: 'KVHS Haldensleben', kita: 'Kita Max und Moritz Haldensleben', week: '2026-12-07' },
    ];
    const flagOf: Record<string, string> = { daytypes: '--day-types', kita: '--via-kita' };
    for (const params of cases) {
      const args = Object.entries(params).flatMap(([key, value]) => (key === 'daytypes' ? ['--day-types'] : [flagOf[key] ?? `--${key}`, value]));
      const { stdout } = await erreichbar('check', ...args, '--format', 'json');
      const response = await app.inject(`/api/check?${query(params)}`);
      expect(response.statusCode, JSON.stringify(params)).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toBe(stdout);
    }
    const { stdout: english } = await erreichbar('check', '--from', 'Wolmirstedt', '--to', 'K+S', '--week', '2026-12-07', '--format', 'json', '--lang', 'en');
    expect((await app.inject(`/api/check?${query({ from: 'Wolmirstedt', to: 'K+S', week: '2026-12-07', lang: 'en' })}`)).body).toBe(english);
  }, 600_000);

  it('a bad parameter is a 400 { error, field } with the message the CLI prints for its flag', async () => {
    const bad: [Record<string, string>, string[], string][] = [
      [{ ...CASE, shift: 'früh' }, ['--shift', 'früh'], 'shift'],
      [{ ...CASE, days: 'Mo-Xy' }, ['--days', 'Mo-Xy'], 'days'],
      [{ ...CASE, week: '2026-13-01' }, ['--week', '2026-13-01'], 'week'],
      [{ ...CASE, week: '2030-01-07' }, ['--week', '2030-01-07'], 'week'],
      [{ ...CASE, from: 'Atlantis' }, ['--from', 'Atlantis'], 'from'],
      [{ ...CASE, from: '11.6289,52.2484' }, ['--from', '11.6289,52.2484'], 'from'],
      [{ ...CASE, to: 'Mond' }, ['--to', 'Mond'], 'to'],
      [{ ...CASE, access: 'auto' }, ['--access', 'auto'], 'access'],
      [{ ...CASE, kita: 'Kita Nirgendwo' }, ['--via-kita', 'Kita Nirgendwo'], 'kita'],
    ];
    for (const [params, flags, field] of bad) {
      const cliArgs = Object.entries({ ...CASE }).flatMap(([key, value]) => [`--${key}`, value]);
      const override = cliArgs.indexOf(flags[0]!);
      if (override >= 0) cliArgs.splice(override, 2, ...flags);
      else cliArgs.push(...flags);
      const message = await cliError('check', ...cliArgs);
      const response = await app.inject(`/api/check?${query(params)}`);
      expect(response.statusCode, message).toBe(400);
      expect(response.json()).toEqual({ error: message, field });
      expect(message).not.toContain('\n');
    }
    const missing = await app.inject(`/api/check?${query({ to: 'K+S' })}`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: await cliError('check', '--to', 'K+S'), field: 'from' });
  }, 600_000);

  it('the schema refuses unknown, repeated and overlong parameters, naming them', async () => {
    const unknown = await app.inject(`/api/check?${query({ ...CASE, shfit: '06:00-14:00' })}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'shfit', error: expect.stringContaining('unbekannter Parameter "shfit"') });
    const repeated = await app.inject(`/api/check?${query(CASE)}&from=Barleben`);
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({ error: '--from bitte nur einmal angeben', field: 'from' });
    const long = await app.inject(`/api/check?${query({ ...CASE, from: 'x'.repeat(500) })}`);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toEqual({ error: '--from ist zu lang (höchstens 120 Zeichen)', field: 'from' });
    const posted = await app.inject({ method: 'POST', url: '/api/check', payload: 'x'.repeat(5000), headers: { 'content-type': 'text/plain' } });
    expect(posted.statusCode).toBeGreaterThanOrEqual(400);
    expect(posted.statusCode).toBeLessThan(500);
  });

  it('the page shows a bad field\'s message next to that field, with status 400', async () => {
    const message = await cliError('check', ...Object.entries({ ...CASE, days: 'Mo-Xy' }).flatMap(([k, v]) => [`--${k}`, v]));
    const response = await app.inject(`/?${query({ ...CASE, days: 'Mo-Xy' })}`);
    expect(response.statusCode).toBe(400);
    const escaped = message.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    expect(response.body).toContain(`<p class="error" id="error-days" role="alert">${escaped}</p>`);
    expect(response.body).toMatch(/<input id="days" name="days" value="Mo-Xy"[^>]*aria-invalid="true"/);
  });

  it('/sheet is the trip sheet check --format sheet writes, with a strict CSP', async () => {
    const dir = tempCacheDir();
    const out = path.join(dir, 'blatt.html');
    await erreichbar('check', ...Object.entries(CASE).flatMap(([k, v]) => [`--${k}`, v]), '--format', 'sheet', '--sheet-lang', 'ar', '--out', out);
    const response = await app.inject(`/sheet?${query({ ...CASE, lang: 'ar' })}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(readFileSync(out, 'utf8'));
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const badLang = await app.inject(`/sheet?${query({ ...CASE, lang: 'xx' })}`);
    expect(badLang.statusCode).toBe(400);
    const message = await cliError('check', ...Object.entries(CASE).flatMap(([k, v]) => [`--${k}`, v]), '--format', 'sheet', '--sheet-lang', 'xx');
    expect(badLang.body).toContain(`<p class="error" id="error-general" role="alert">${message.replace(/"/g, '&quot;')}</p>`);
  });

  it('every answer has security headers; the page loads script and style only from itself', async () => {
    const page = await app.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).not.toMatch(/<script>|<style|\son[a-z]+=/i);
    expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const script = await app.inject('/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const notFound = await app.inject('/../etc/passwd');
    expect(notFound.statusCode).toBe(404);
  });

  it('type-ahead forgives umlauts and typos, and homes ranks Ortsteile with links to their case', async () => {
    const suggest = await app.inject('/api/suggest?kind=place&q=Wolmirst%C3%A4dt');
    expect(suggest.json()[0]).toEqual({ value: 'Wolmirstedt', detail: 'Wolmirstedt' });
    const typo = await app.inject(`/api/suggest?kind=place&q=${encodeURIComponent('Hundisbrug')}`);
    expect(typo.json().map((s: { value: string }) => s.value)).toContain('Hundisburg');
    const destination = await app.inject(`/api/suggest?kind=destination&q=${encodeURIComponent('kaliwerk')}`);
    expect(destination.json()[0]).toEqual({ value: 'K+S Kaliwerk Zielitz', detail: 'workplace' });
    const { stdout } = await erreichbar('homes', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', '2026-12-07');
    const homes = await app.inject(`/homes?${query({ to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa', week: '2026-12-07' })}`);
    expect(homes.statusCode).toBe(200);
    const lines = stdout.trim().split('\n');
    const heading = lines.find((line) => line.startsWith('Wohnorte für'))!;
    expect(homes.body).toContain(`<h2 id="homes-title">${heading.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</h2>`);
    expect(homes.body).toContain('<a href="/?from=Wolmirstedt&amp;to=K%2BS&amp;shift=06%3A00-14%3A00&amp;days=Mo-Sa&amp;week=2026-12-07">');
    expect(lines.length).toBeGreaterThan(3);
  });

  it('binds to 127.0.0.1 quietly; any other host only when asked, with a warning', async () => {
    const said: string[] = [];
    const local = await startServe({ ...inputs, host: '127.0.0.1', port: 0, say: (line) => said.push(line), log: () => undefined });
    await local.close();
    expect(said).toEqual([expect.stringMatching(/^erreichbar serve: http:\/\/127\.0\.0\.1:\d+\/ /)]);
    said.length = 0;
    const open = await startServe({ ...inputs, host: '0.0.0.0', port: 0, say: (line) => said.push(line), log: () => undefined });
    await open.close();
    expect(said[0]).toBe('WARNUNG: erreichbar serve lauscht auf 0.0.0.0, nicht nur auf diesem Rechner — ohne Anmeldung für alle im Netz erreichbar.');
  }, 120_000);
});
