#!/usr/bin/env node
// README examples from real output: runs the CLI on the NASA feeds beside the repository
// (../shared/data/nasa) and rewrites every block between `<!-- example:NAME -->` and
// `<!-- /example:NAME -->` in README.md with the command and what it printed (shortened with "…"
// the same way every time). `--check` rewrites nothing and exits 1 when a block differs, naming it.
//
//   npm run readme:examples            # rewrite README.md (build first: npm run build)
//   npm run readme:examples -- --check # does README.md match the real output?
//   … --readme <file>                  # another copy of the README (tests)
//   … --only homes,report              # only these examples
//
// "Today" is fixed (ERREICHBAR_TODAY) so day types and default weeks do not move with the clock.
// The feeds' cache: $ERREICHBAR_CACHE_DIR, else the CLI's default.
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readmeFlag = process.argv.indexOf('--readme');
const README = readmeFlag > 0 ? path.resolve(process.argv[readmeFlag + 1]) : path.join(root, 'README.md');
const TODAY = '2026-12-01';
const BB = '../shared/data/nasa/gtfs_boerdebus_std_kn.zip';
const MVB = '../shared/data/nasa/gtfs_mvb_std_kn.zip';

/** Paragraphs of the output (split at blank lines). */
const blocks = (text) => text.trimEnd().split(/\n\n+/);
const ELLIPSIS = '…';

/**
 * The examples: the command as shown (`--gtfs …` after the first), its arguments, and which part
 * of the output is shown.
 */
const EXAMPLES = {
  'check-wolmirstedt': {
    args: ['check', '--gtfs', BB, MVB, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', '2026-12-07'],
    shown: `erreichbar check --gtfs ${BB} ${MVB} \\\n  --from Wolmirstedt --to "K+S" --shift 06:00-14:00 --days Mo-Sa --week 2026-12-07`,
    // The data notices (if any), the summary, the first day and the last day.
    select: (out) => {
      const parts = blocks(out);
      const notices = /^(Achtung|Annahme|Hinweis|Warning|Assumption|Note)\b/.test(parts[0] ?? '') ? [parts.shift()] : [];
      const shown = parts.length <= 3 ? parts : [parts[0], parts[1], ELLIPSIS, parts[parts.length - 1]];
      return [...notices, ...shown].join('\n\n');
    },
  },
  'check-hundisburg': {
    args: ['check', '--gtfs', BB, MVB, '--from', 'Hundisburg', '--to', 'Hermes Fulfilment Haldensleben', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--dates', '2026-12-09'],
    shown: 'erreichbar check --gtfs … --from Hundisburg --to "Hermes Fulfilment Haldensleben" --shift 06:00-14:00 --days Mo-Sa --dates 2026-12-09',
    select: (out) => out.trimEnd(),
  },
  homes: {
    args: ['homes', '--gtfs', BB, MVB, '--to', 'Hermes Fulfilment Haldensleben', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--limit', '3'],
    shown: 'erreichbar homes --gtfs … --to "Hermes Fulfilment Haldensleben" --shift 06:00-14:00 --days Mo-Sa --limit 3',
    select: (out) => out.trimEnd(),
  },
  report: {
    args: ['report', '--gtfs', BB, MVB],
    shown: 'erreichbar report --gtfs …',
    // The first Ortsteil of Gemeinde Haldensleben with its first three slots.
    select: (out) => {
      const lines = out.split('\n');
      const at = lines.indexOf('Gemeinde Haldensleben');
      if (at < 0) return out.split('\n').slice(0, 5).concat(ELLIPSIS).join('\n');
      return [...lines.slice(at, at + 5), `    ${ELLIPSIS}`].join('\n');
    },
  },
};

function run(name, example) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'erreichbar'), ...example.args, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ERREICHBAR_TODAY: TODAY },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`readme-examples: ${name}: exit ${result.status}\n${result.stderr}`);
    process.exit(2);
  }
  return example.select(result.stdout);
}

/** The text between the markers: the command and its output. */
function block(example, output) {
  return `\n\`\`\`sh\n${example.shown}\n\`\`\`\n\n\`\`\`\n${output}\n\`\`\`\n`;
}

const check = process.argv.includes('--check');
let readme = readFileSync(README, 'utf8');
const drifted = [];
const missing = [];
const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1].split(',') : undefined;
for (const [name, example] of Object.entries(EXAMPLES)) {
  if (only && !only.includes(name)) continue;
  const start = `<!-- example:${name} -->`;
  const end = `<!-- /example:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    missing.push(name);
    continue;
  }
  const current = readme.slice(from + start.length, to);
  const wanted = block(example, run(name, example));
  if (current !== wanted) {
    drifted.push(name);
    readme = readme.slice(0, from + start.length) + wanted + readme.slice(to);
  }
}
if (missing.length > 0) {
  process.stderr.write(`readme-examples: README.md has no markers for: ${missing.join(', ')}\n`);
  process.exit(2);
}
if (check) {
  if (drifted.length > 0) {
    process.stderr.write(`readme-examples: README.md differs from the real output in: ${drifted.join(', ')} (run npm run readme:examples)\n`);
    process.exit(1);
  }
  process.stdout.write('readme-examples: README.md matches the real output\n');
} else {
  const partial = `${README}.partial-${process.pid}`;
  writeFileSync(partial, readme);
  renameSync(partial, README);
  process.stdout.write(drifted.length > 0 ? `readme-examples: rewrote ${drifted.join(', ')}\n` : 'readme-examples: README.md was up to date\n');
}
