#!/usr/bin/env node
// Generates a large synthetic GTFS feed (a folder of .txt files) from the five real NASA feeds by
// replicating them: copy k gets every id prefixed `k_` and its stops moved on a grid of 0.8° of
// longitude × 0.5° of latitude (about 55 km), so copies never share stops or footpaths but keep
// their real stop spacing, timetables and calendars. Never committed: it writes into the folder
// given (default: the OS temp folder), streaming row by row, so memory stays flat in the size.
//
//   node scripts/make-synthetic-feed.mjs --copies 90 --out /tmp/erreichbar-synthetic-90
//
// One copy has 392,113 stop_times (all five feeds): 90 copies ≈ 35 M stop_times, 25 k stops × 90
// ≈ 400 k stops, 19.5 k trips × 90 ≈ 1.8 M trips — about the size of a Germany-wide feed.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import StreamZip from 'node-stream-zip';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nasa = path.resolve(root, '../shared/data/nasa');
const FEEDS = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map((name) => path.join(nasa, `gtfs_${name}_std_kn.zip`));

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const copies = Number(flag('--copies', '4'));
if (!Number.isInteger(copies) || copies < 1) {
  console.error(`--copies must be a whole number ≥ 1, got "${flag('--copies')}"`);
  process.exit(2);
}
const out = path.resolve(flag('--out', path.join(os.tmpdir(), `erreichbar-synthetic-${copies}`)));

/** Columns that hold ids, per file: these get the copy prefix. */
const ID_COLUMNS = {
  'agency.txt': ['agency_id'],
  'stops.txt': ['stop_id', 'parent_station'],
  'routes.txt': ['route_id', 'agency_id'],
  'trips.txt': ['route_id', 'service_id', 'trip_id', 'shape_id', 'block_id'],
  'stop_times.txt': ['trip_id', 'stop_id'],
  'calendar.txt': ['service_id'],
  'calendar_dates.txt': ['service_id'],
  'frequencies.txt': ['trip_id'],
  'transfers.txt': ['from_stop_id', 'to_stop_id', 'from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'],
};
const FILES = Object.keys(ID_COLUMNS);

const quote = (value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Streams one file of one feed through `emit(record)`; returns the header. */
async function eachRecord(zip, name, emit) {
  const entries = await zip.entries();
  const entry = Object.values(entries).find((e) => e.name.split('/').pop() === name);
  if (!entry) return null;
  const stream = await zip.stream(entry.name);
  const parser = stream.pipe(parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header = null;
  for await (const record of parser) {
    header ??= Object.keys(record);
    await emit(record);
  }
  return header;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const started = performance.now();
const counts = {};
for (const file of FILES) {
  // Read each real feed's file once (a few hundred thousand rows at most), then write it once per copy.
  let header = null;
  const perFeed = [];
  for (const [feedIndex, feedPath] of FEEDS.entries()) {
    const zip = new StreamZip.async({ file: feedPath });
    const rows = [];
    await eachRecord(zip, file, (record) => {
      header ??= Object.keys(record);
      rows.push(header.map((column) => record[column] ?? ''));
    });
    await zip.close();
    perFeed.push({ feedIndex, rows });
  }
  if (!header) continue;
  const idColumns = header.map((column) => ID_COLUMNS[file].includes(column));
  const isStopColumn = header.map((column) => column.includes('stop_id') || column === 'parent_station');
  const latColumn = file === 'stops.txt' ? header.indexOf('stop_lat') : -1;
  const lonColumn = file === 'stops.txt' ? header.indexOf('stop_lon') : -1;
  const writer = createWriteStream(path.join(out, file));
  const write = async (text) => {
    if (!writer.write(text)) await once(writer, 'drain');
  };
  await write(`${header.join(',')}\n`);
  let written = 0;
  for (let copy = 0; copy < copies; copy++) {
    const dLon = (copy % 10) * 0.8;
    const dLat = Math.floor(copy / 10) * 0.5;
    const seenStops = new Set();
    for (const { feedIndex, rows } of perFeed) {
      // Service, trip, route and agency ids collide between the real feeds: scope them per feed too.
      const stopPrefix = `${copy}_`;
      const idPrefix = `${copy}_${feedIndex}_`;
      let chunk = '';
      for (const values of rows) {
        if (file === 'stops.txt') {
          // The real feeds share stops (the same DHID in several feeds): one row per copy.
          if (seenStops.has(values[0])) continue;
          seenStops.add(values[0]);
        }
        let line = '';
        for (let i = 0; i < values.length; i++) {
          let value = values[i];
          if (idColumns[i] && value !== '') value = (isStopColumn[i] ? stopPrefix : idPrefix) + value;
          else if (i === latColumn && value !== '') value = (Number(value) + dLat).toFixed(6);
          else if (i === lonColumn && value !== '') value = (Number(value) + dLon).toFixed(6);
          line += (i > 0 ? ',' : '') + quote(value);
        }
        chunk += `${line}\n`;
        written++;
        if (chunk.length > 1 << 20) {
          await write(chunk);
          chunk = '';
        }
      }
      await write(chunk);
    }
  }
  writer.end();
  await once(writer, 'finish');
  counts[file] = written;
}
// feed_info.txt: one row.
{
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(out, 'feed_info.txt'), 'feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date\nerreichbar synthetic,https://example.org,de,20260605,20270604\n');
}
console.error(
  `${out}: ${copies} copies, ${Object.entries(counts)
    .map(([file, rows]) => `${file} ${rows.toLocaleString('en')}`)
    .join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(out);
