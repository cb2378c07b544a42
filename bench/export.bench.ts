// Bulk export: stream every item of a large SQLite store as CSV and as NDJSON, beside a plain
// scan of the same rows (the baseline: reading without writing a file), and watch memory stay
// flat while a million rows go by.
//
//   npm run bench:export                       # 1,000,000 items
//   npm run bench:export -- --items 200000     # quicker
//   (also --seed, --keep to leave the store in the temp folder)
//
// Figures: rows/s and MB/s of each export, the baseline's rows/s and the ratio, and RSS before,
// peak during, and at 10% vs 100% of the export (flat means the last is not above the first by
// more than a few MB). Run through bench/run.ts (node --expose-gc --import tsx).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ScoredItem } from '../core/types.ts';
import { writeItemsExport, type ExportFormat } from '../features/export.ts';
import { SqliteStore } from '../pipeline/store/sqlite.ts';
import { numberArg, syntheticScoredItems } from './synthetic.ts';

const ITEMS = numberArg('items', 1_000_000);
const SEED = numberArg('seed', 20201014);
const KEEP = process.argv.includes('--keep');
const CHUNK = 50_000;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

/** Discards what it is given, like a client that reads as fast as it can. */
class Sink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    done();
  }
}

/** RSS samples while `work` runs, keyed by how far it got (0..1). */
async function watchMemory<T>(
  work: (progress: (fraction: number) => void) => Promise<T>,
): Promise<{ result: T; before: number; peak: number; atTenth: number; atEnd: number }> {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  let atTenth = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const result = await work((fraction) => {
    const rss = process.memoryUsage().rss;
    peak = Math.max(peak, rss);
    if (!atTenth && fraction >= 0.1) atTenth = rss;
  });
  clearInterval(timer);
  const atEnd = process.memoryUsage().rss;
  return { result, before, peak: Math.max(peak, atEnd), atTenth, atEnd };
}

async function* tracked(batches: AsyncIterable<ScoredItem[]>, progress: (fraction: number) => void): AsyncIterable<ScoredItem[]> {
  let seen = 0;
  for await (const batch of batches) {
    seen += batch.length;
    progress(seen / ITEMS);
    yield batch;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-bench-export-'));
  const store = new SqliteStore({ path: join(dir, 'items.db') });
  await store.init();
  const buildStarted = performance.now();
  for (let first = 0; first < ITEMS; first += CHUNK) {
    await store.upsertItems(syntheticScoredItems(Math.min(CHUNK, ITEMS - first), SEED + first, first));
    if ((first / CHUNK) % 4 === 3) process.stdout.write(`  built ${fmt(first + CHUNK)}/${fmt(ITEMS)} items\n`);
  }
  await store.refresh();
  process.stdout.write(`store: ${fmt(ITEMS)} items in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s (${dir})\n\n`);

  const rows: string[][] = [];
  const baseline = await watchMemory(async (progress) => {
    const started = performance.now();
    let count = 0;
    for await (const batch of tracked(store.streamItems({}, 1000), progress)) count += batch.length;
    return { count, seconds: (performance.now() - started) / 1000, bytes: 0 };
  });
  const measured: Array<[string, typeof baseline]> = [['scan only (baseline)', baseline]];
  for (const format of ['csv', 'ndjson'] as ExportFormat[]) {
    measured.push([
      `export ${format}`,
      await watchMemory(async (progress) => {
        const sink = new Sink({ highWaterMark: 1 << 20 });
        const started = performance.now();
        const count = await writeItemsExport(tracked(store.streamItems({}, 1000), progress), format, sink);
        return { count, seconds: (performance.now() - started) / 1000, bytes: sink.bytes };
      }),
    ]);
  }
  for (const [name, figures] of measured) {
    const { count, seconds, bytes } = figures.result;
    if (count !== ITEMS) throw new Error(`${name}: ${count} rows, expected ${ITEMS}`);
    rows.push([
      name,
      fmt(count / seconds),
      bytes ? (bytes / 1_048_576 / seconds).toFixed(1) : '-',
      (baseline.result.count / baseline.result.seconds / (count / seconds)).toFixed(2),
      mb(figures.before),
      mb(figures.peak),
      `${mb(figures.atTenth)} → ${mb(figures.atEnd)}`,
    ]);
  }
  const header = ['run', 'rows/s', 'MB/s', 'baseline ×', 'RSS before MB', 'RSS peak MB', 'RSS at 10% → end MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) process.stdout.write(`${row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ')}\n`);
  const worstGrowth = Math.max(...measured.map(([, f]) => f.atEnd - f.atTenth)) / 1_048_576;
  process.stdout.write(
    `\nevery export wrote all ${fmt(ITEMS)} rows; largest RSS growth between 10% and the end: ${worstGrowth.toFixed(0)} MB (flat: ${worstGrowth < 64 ? 'yes' : 'NO'})\n`,
  );
  await store.close();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

await main();
