// Store throughput: bulk-index N synthetic Vietnamese items into SQLite and into Elasticsearch
// in one run, then time the analysts' main query (flagged items, newest first) at that size.
//
//   npm run bench:store                          # 100,000 items
//   npm run bench:store -- --items 20000 --queries 500 --es-url http://127.0.0.1:9200
//   (also --sqlite-batch 5000, --es-batch 10000, --warmup 30000 untimed items first, --seed, --keep)
//
// Targets on a 2-core machine: ≥ 20,000 docs/s into SQLite, ≥ 5,000 docs/s into Elasticsearch,
// flagged-items query p95 < 50 ms. Elasticsearch: MEDIAWATCH_ES_URL or --es-url (default
// http://127.0.0.1:9200); when no node answers, SQLite is still benchmarked and the run says
// loudly that Elasticsearch was not. Run through bench/run.ts (node --expose-gc --import tsx).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ItemQuery, ScoredItem, StatsQuery, Store } from '../core/types.ts';
import { ElasticsearchStore } from '../pipeline/store/elasticsearch.ts';
import { searchIndexPath } from '../pipeline/store/search-index.ts';
import { SqliteStore } from '../pipeline/store/sqlite.ts';
import { numberArg, quantile, syntheticScoredItems, textArg, threadCpu, type ThreadCpu } from './synthetic.ts';

const ITEMS = numberArg('items', 100_000);
const QUERIES = numberArg('queries', 300);
const SQLITE_BATCH = numberArg('sqlite-batch', 5_000);
const ES_BATCH = numberArg('es-batch', 10_000);
const ES_URL = textArg('es-url', process.env.MEDIAWATCH_ES_URL ?? 'http://127.0.0.1:9200');
const KEEP = process.argv.includes('--keep');
const SEED = numberArg('seed', 20210125);
const WARMUP = numberArg('warmup', 30_000);

const TARGETS = { sqliteDocsPerSec: 20_000, esDocsPerSec: 5_000, p95Ms: 50 };

// --- measuring --------------------------------------------------------------------------

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

interface IndexFigures {
  seconds: number;
  docsPerSec: number;
  errors: number;
  /** CPU seconds of this process's main thread and of its other threads (the index worker, GC). */
  cpu: ThreadCpu;
}

async function bulkIndex(store: Store, items: ScoredItem[], batch: number): Promise<IndexFigures> {
  gc();
  const cpuBefore = threadCpu();
  const started = performance.now();
  let errors = 0;
  let lastReport = started;
  for (let i = 0; i < items.length; i += batch) {
    const result = await store.upsertItems(items.slice(i, i + batch));
    errors += result.errors.length + (result.buffered ?? 0);
    const now = performance.now();
    if (now - lastReport > 5_000) {
      lastReport = now;
      process.stdout.write(`  ${store.engine}: ${fmt(i + batch)}/${fmt(items.length)} after ${((now - started) / 1000).toFixed(1)}s\n`);
    }
  }
  // Timed until the last item is searchable, not merely stored.
  await store.refresh?.();
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = threadCpu();
  return { seconds, docsPerSec: items.length / seconds, errors, cpu: { main: cpuAfter.main - cpuBefore.main, other: cpuAfter.other - cpuBefore.other } };
}

/**
 * Indexes the first items into a throwaway store first, untimed: a node just started (the JVM's
 * JIT, V8's) is slower for its first seconds, and the figure wanted is sustained throughput.
 */
async function warmUp(store: Store, items: ScoredItem[], batch: number): Promise<void> {
  const count = Math.min(WARMUP, items.length);
  process.stdout.write(`  warm-up: ${fmt(count)} items into a throwaway ${store.engine} store (not timed)\n`);
  for (let i = 0; i < count; i += batch) await store.upsertItems(items.slice(i, Math.min(count, i + batch)));
  await store.refresh?.();
}

interface Latency {
  p50: number;
  p95: number;
  max: number;
}

async function latency(run: () => Promise<unknown>, times: number): Promise<Latency> {
  for (let i = 0; i < Math.min(20, times); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: samples[samples.length - 1] };
}

/** The analysts' queue: flagged items, newest first, a page at a time (pages 1..5). */
function flaggedQuery(i: number): ItemQuery {
  return { flagged: true, sort: 'newest', page: 1 + (i % 5), pageSize: 20 };
}

interface EngineFigures {
  engine: string;
  index: IndexFigures;
  flagged: Latency;
  flaggedSearch: Latency;
  stats: Latency;
  deep: Latency;
  total: number;
  flaggedTotal: number;
}

async function benchEngine(store: Store, items: ScoredItem[], batch: number): Promise<EngineFigures> {
  process.stdout.write(`\n${store.engine}: indexing ${fmt(items.length)} items in batches of ${fmt(batch)}...\n`);
  const index = await bulkIndex(store, items, batch);
  process.stdout.write(
    `  ${fmt(index.docsPerSec)} docs/s (${index.seconds.toFixed(1)}s, ${index.errors} errors; CPU: main thread ${index.cpu.main.toFixed(1)}s, other threads ${index.cpu.other.toFixed(1)}s)\n`,
  );
  const total = (await store.queryItems({ page: 1, pageSize: 1 })).total;
  const flaggedTotal = (await store.queryItems({ flagged: true, page: 1, pageSize: 1 })).total;
  let i = 0;
  const flagged = await latency(() => store.queryItems(flaggedQuery(i++)), QUERIES);
  const flaggedSearch = await latency(() => store.queryItems({ ...flaggedQuery(i++), q: 'dai hoi dang' }), QUERIES);
  const statsQuery: StatsQuery = { from: '2020-11-01', to: '2020-12-31' };
  const stats = await latency(() => store.stats(statsQuery), Math.max(20, Math.floor(QUERIES / 5)));
  const deepPage = Math.floor(Math.min(total, 50_000) / 20) - 1;
  const deep = await latency(() => store.queryItems({ sort: 'newest', page: Math.max(1, deepPage - (i++ % 3)), pageSize: 20 }), 20);
  return { engine: store.engine, index, flagged, flaggedSearch, stats, deep, total, flaggedTotal };
}

// --- run --------------------------------------------------------------------------------

async function probe(url: string): Promise<string | null> {
  try {
    const response = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(3000) });
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return String((error as Error).cause ?? (error as Error).message);
  }
}

process.stdout.write(`generating ${fmt(ITEMS)} synthetic Vietnamese items (seed ${SEED})...\n`);
const generated = performance.now();
const items = syntheticScoredItems(ITEMS, SEED);
const avgChars = items.reduce((sum, item) => sum + item.title.length + item.text.length, 0) / items.length;
const flaggedShare = items.filter((item) => item.flagged).length / items.length;
process.stdout.write(
  `  done in ${((performance.now() - generated) / 1000).toFixed(1)}s: avg ${fmt(avgChars)} chars/item, ${(flaggedShare * 100).toFixed(1)}% flagged\n`,
);

const results: EngineFigures[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-bench-'));
try {
  const warm = new SqliteStore({ path: join(tmp, 'warm-up.db') });
  await warm.init();
  await warmUp(warm, items, SQLITE_BATCH);
  await warm.close();
  const sqlitePath = join(tmp, 'bench.db');
  const sqlite = new SqliteStore({ path: sqlitePath });
  await sqlite.init();
  results.push(await benchEngine(sqlite, items, SQLITE_BATCH));
  await sqlite.close();
  const indexPath = searchIndexPath(sqlitePath);
  process.stdout.write(`  files: items ${fmt(statSync(sqlitePath).size / 1e6)} MB, full-text index ${fmt(statSync(indexPath).size / 1e6)} MB\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
// Let the disk settle (SQLite's writes flushed) before timing the next engine.
spawnSync('sync');
await new Promise((resolve) => setTimeout(resolve, 3000));

const esProblem = await probe(ES_URL);
if (esProblem) {
  const lines = [
    `ELASTICSEARCH NOT BENCHMARKED: no node at ${ES_URL} (${esProblem}).`,
    'Start one: bash scripts/elasticsearch.sh install && bash scripts/elasticsearch.sh start',
  ];
  process.stdout.write(`\n${'!'.repeat(80)}\n${lines.map((line) => `! ${line}`).join('\n')}\n${'!'.repeat(80)}\n`);
} else {
  const esStore = (index: string) => new ElasticsearchStore({ node: ES_URL, index, outboxPath: null, requestTimeoutMs: 120_000 });
  const prefix = `mwbench-${Date.now().toString(36)}`;
  const es = esStore(prefix);
  await es.init();
  try {
    const version = ((await es.client.info().catch(() => undefined)) as { version?: { number?: string } } | undefined)?.version?.number;
    const nodeInfo = await es.client.nodes.info({ node_id: '_local', metric: ['jvm'] });
    const node = Object.values(nodeInfo.nodes)[0];
    process.stdout.write(`\nElasticsearch ${version ?? node?.version} at ${ES_URL}, heap ${fmt((node?.jvm?.mem?.heap_max_in_bytes ?? 0) / 1048576)} MB\n`);
    const warm = esStore(`${prefix}-warm-up`);
    await warm.init();
    try {
      await warmUp(warm, items, ES_BATCH);
    } finally {
      await warm.destroy();
      await warm.close();
    }
    results.push(await benchEngine(es, items, ES_BATCH));
  } finally {
    if (!KEEP) await es.destroy();
    await es.close();
  }
}

const row = (cells: string[], widths: number[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
const header = ['engine', 'index docs/s', 'target', 'flagged p50', 'flagged p95', 'target', '+q p95', 'stats p95', 'deep p95'];
const table = [
  header,
  ...results.map((r) => {
    const target = r.engine === 'sqlite' ? TARGETS.sqliteDocsPerSec : TARGETS.esDocsPerSec;
    return [
      r.engine,
      fmt(r.index.docsPerSec),
      `≥${fmt(target)} ${r.index.docsPerSec >= target ? 'ok' : 'MISSED'}`,
      `${ms(r.flagged.p50)} ms`,
      `${ms(r.flagged.p95)} ms`,
      `<${TARGETS.p95Ms} ${r.flagged.p95 < TARGETS.p95Ms ? 'ok' : 'MISSED'}`,
      `${ms(r.flaggedSearch.p95)} ms`,
      `${ms(r.stats.p95)} ms`,
      `${ms(r.deep.p95)} ms`,
    ];
  }),
];
const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
process.stdout.write(`\n${fmt(ITEMS)} items, ${QUERIES} timed queries each (flagged: ${fmt(results[0].flaggedTotal)} matching items)\n`);
for (const cells of table) process.stdout.write(`${row(cells, widths)}\n`);
process.stdout.write(
  '"flagged": flagged=true, newest first, pages 1-5 of 20; "+q": the same with q="dai hoi dang"; ' +
    '"stats": two months of aggregations; "deep": a page near item 50,000 (or the end).\n',
);
const [lite, elastic] = results;
if (elastic) {
  process.stdout.write(
    `ratios: indexing sqlite/elasticsearch ${(lite.index.docsPerSec / elastic.index.docsPerSec).toFixed(1)}x; ` +
      `flagged p95 elasticsearch/sqlite ${(elastic.flagged.p95 / lite.flagged.p95).toFixed(1)}x\n`,
  );
  if (lite.total !== elastic.total || lite.flaggedTotal !== elastic.flaggedTotal) {
    process.stdout.write(`MISMATCH: sqlite holds ${lite.total} (${lite.flaggedTotal} flagged), elasticsearch ${elastic.total} (${elastic.flaggedTotal})\n`);
    process.exitCode = 1;
  }
}
if (results.some((r) => r.index.errors)) process.exitCode = 1;
