// Every view at an office's volume: builds N synthetic items in a store, starts the real
// `mediawatch serve` on it, and times each view of issue #16's table plus the dashboard's own
// calls over HTTP (p50/p95), checking every total against a full count made while the items
// were generated (never by the store). Prints serve's RSS and the bulk-indexing rate.
//
//   npm run bench:views                              # 1,000,000 items into SQLite
//   npm run bench:views -- --items 100000            # quicker
//   npm run bench:views -- --engine elasticsearch    # 2,000,000 into the node at MEDIAWATCH_ES_URL
//   npm run bench:views -- --engine elasticsearch --items 10000000   # the longer run (hours here)
//   (also --runs 20 timed requests per view, --seed, --dir DIR to keep the built store there and
//   reuse it on the next run with the same engine, items and seed)
//
// Targets on a 2-core machine: every view p50 < 300 ms and p95 < 1 s at 1M items in SQLite and
// 2M in Elasticsearch, totals equal to the full count, serve < 500 MB RSS, bulk indexing
// ≥ 20,000 docs/s SQLite, ≥ 5,000 docs/s Elasticsearch. Run through bench/run.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config.ts';
import type { ScoredItem } from '../core/types.ts';
import { foldVietnamese } from '../pipeline/nlp/fold.ts';
import { vietnamDay } from '../core/time.ts';
import { itemTimestamp, platformOf } from '../pipeline/store/common.ts';
import { ElasticsearchStore } from '../pipeline/store/elasticsearch.ts';
import { openStore } from '../pipeline/store/index.ts';
import { DEFAULT_RANGE_DAYS } from '../api/routes/trends.ts';
import { addDays } from '../api/trend-analysis.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../features/workflow/index.ts';
import { numberArg, quantile, repo, syntheticScoredItems, textArg, TreeMemory, writeBenchConfig } from './synthetic.ts';

const ENGINE = textArg('engine', 'sqlite') as 'sqlite' | 'elasticsearch';
if (ENGINE !== 'sqlite' && ENGINE !== 'elasticsearch') throw new Error('--engine is sqlite or elasticsearch');
const ITEMS = numberArg('items', ENGINE === 'sqlite' ? 1_000_000 : 2_000_000);
const RUNS = numberArg('runs', 20);
const SEED = numberArg('seed', 20201231);
const ES_URL = process.env.MEDIAWATCH_ES_URL ?? 'http://127.0.0.1:9200';
const DIR = textArg('dir', '');
const CHUNK = 50_000;
const BATCH = ENGINE === 'sqlite' ? 5_000 : 10_000;
const TARGETS = { p50Ms: 300, p95Ms: 1_000, rssMb: 500, docsPerSec: ENGINE === 'sqlite' ? 20_000 : 5_000 };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// --- the views and their full counts ------------------------------------------------------

interface View {
  name: string;
  path: string;
  /** Counts the items the view's total must equal (undefined: the view has no total). */
  counts?: (item: ScoredItem, words: Set<string>) => boolean;
  /** Or: its total is the items of these Vietnamese days ('default': the trends page's 90 days to the newest item). */
  days?: [string, string] | 'default';
}

const has = (words: Set<string>, text: string) =>
  foldVietnamese(text)
    .split(/\s+/)
    .every((word) => words.has(word));

const VIEWS: View[] = [
  { name: 'items flagged', path: '/api/items?flagged=true', counts: (item) => item.flagged },
  { name: 'items page 2000 of 50', path: '/api/items?pageSize=50&page=2000', counts: () => true },
  { name: 'review queue', path: '/api/review/queue', counts: (item) => item.flagged },
  { name: 'queue minDistortion=0.8', path: '/api/dashboard/queue?minDistortion=0.8', counts: (item) => item.scores.distortion >= 0.8 },
  { name: 'queue platform=web', path: '/api/dashboard/queue?platform=web', counts: (item) => platformOf(item) === 'web' },
  { name: 'items sort=distortion', path: '/api/items?sort=distortion', counts: () => true },
  { name: 'items q=dai hoi', path: `/api/items?q=${encodeURIComponent('dai hoi')}`, counts: (_item, words) => has(words, 'dai hoi') },
  {
    name: 'items q=đại hội đảng bộ&flagged',
    path: `/api/items?q=${encodeURIComponent('đại hội đảng bộ')}&flagged=true`,
    counts: (item, words) => item.flagged && has(words, 'đại hội đảng bộ'),
  },
  { name: 'stats', path: '/api/stats', counts: () => true },
  { name: 'stats one month', path: '/api/stats?from=2020-11-01&to=2020-11-30', days: ['2020-11-01', '2020-11-30'] },
  { name: 'trends Oct-Dec', path: '/api/trends?from=2020-10-01&to=2020-12-31', days: ['2020-10-01', '2020-12-31'] },
  // The dashboard's own calls: the queue page's default, the trends page's default, filter values.
  {
    name: 'dashboard queue (default)',
    path: '/api/dashboard/queue?sort=distortion&flagged=true&status=new,in_review&pageSize=20',
    counts: (item) => item.flagged,
  },
  {
    name: 'dashboard queue web+0.5',
    path: '/api/dashboard/queue?platform=web&minDistortion=0.5&sort=distortion',
    counts: (item) => platformOf(item) === 'web' && item.scores.distortion >= 0.5,
  },
  { name: 'dashboard trends (default)', path: '/api/trends', days: 'default' },
  { name: 'dashboard facets', path: '/api/dashboard/facets' },
  { name: 'dashboard sources', path: '/api/sources' },
];

// --- building ---------------------------------------------------------------------------

interface Built {
  engine: string;
  items: number;
  seed: number;
  counts: number[];
  byDay: Record<string, number>;
  docsPerSec: number;
}

/** The full count a view's total must equal. */
function expectedTotal(view: View, index: number, built: Built): number | undefined {
  if (view.counts) return built.counts[index];
  if (!view.days) return undefined;
  const days = Object.keys(built.byDay).sort();
  const [from, to] = view.days === 'default' ? [addDays(days[days.length - 1], -(DEFAULT_RANGE_DAYS - 1)), days[days.length - 1]] : view.days;
  return days.filter((day) => day >= from && day <= to).reduce((sum, day) => sum + built.byDay[day], 0);
}

async function build(configPath: string): Promise<Built> {
  const config = loadConfig(configPath);
  const store = await openStore(config);
  const counts = VIEWS.map(() => 0);
  const byDay: Record<string, number> = {};
  let indexSeconds = 0;
  try {
    for (let start = 0; start < ITEMS; start += CHUNK) {
      const items = syntheticScoredItems(Math.min(CHUNK, ITEMS - start), SEED + start, start);
      for (const item of items) {
        const words = new Set(item.foldedText.split(/[^\p{L}\p{N}]+/u));
        VIEWS.forEach((view, i) => view.counts?.(item, words) && counts[i]++);
        const day = vietnamDay(itemTimestamp(item));
        byDay[day] = (byDay[day] ?? 0) + 1;
      }
      const started = performance.now();
      for (let i = 0; i < items.length; i += BATCH) {
        const result = await store.upsertItems(items.slice(i, i + BATCH));
        if (result.errors.length || result.buffered) throw new Error(`indexing failed: ${JSON.stringify(result.errors[0] ?? result.buffered)}`);
      }
      indexSeconds += (performance.now() - started) / 1000;
      process.stdout.write(`  ${fmt(start + items.length)}/${fmt(ITEMS)} items, ${fmt((start + items.length) / indexSeconds)} docs/s\n`);
    }
    const started = performance.now();
    await store.refresh?.();
    indexSeconds += (performance.now() - started) / 1000;
    const workflow = openWorkflow(workflowOptionsFromConfig(config, { store }));
    await workflow.users.create({ username: 'bench', role: 'analyst', password: 'Do-hieu-nang-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    workflow.close();
  } finally {
    await store.close();
  }
  return { engine: ENGINE, items: ITEMS, seed: SEED, counts, byDay, docsPerSec: ITEMS / indexSeconds };
}

function token(configPath: string): string {
  const config = loadConfig(configPath);
  const workflow = openWorkflow(workflowOptionsFromConfig(config));
  try {
    return workflow.auth.createToken('bench', { name: 'bench:views' }, SYSTEM_ACTOR).token;
  } finally {
    workflow.close();
  }
}

// --- serving and timing ---------------------------------------------------------------------

async function startServe(configPath: string): Promise<{ url: string; pid: number; memory: TreeMemory; migration: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(repo, 'bin/mediawatch.js'), 'serve', '--config', configPath, '--port', '0'], {
    cwd: repo,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // From the spawn on: serve may migrate the index (in a child process) before it answers.
  const memory = new TreeMemory(child.pid!);
  const started = performance.now();
  let migrating: number | undefined;
  let migrated: number | undefined;
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (migrating === undefined && /migrating \S+ to/.test(stderr)) migrating = performance.now();
      if (migrated === undefined && /migrated \d+ document/.test(stderr)) migrated = performance.now();
      const match = /dashboard on (http:\/\/\S+?)\/ /.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const migration = () => {
    if (migrating === undefined) return 'no migration';
    const copy = /copying in process \d+, heap limit \d+ MB[^\n]*/.exec(stderr)?.[0] ?? 'copy process not reported';
    const took = migrated === undefined ? 'not finished' : `${((migrated - migrating) / 1000).toFixed(0)} s`;
    return `migration began ${((migrating - started) / 1000).toFixed(0)} s after the spawn, took ${took} (${copy})`;
  };
  return {
    url,
    pid: child.pid!,
    memory,
    migration,
    stop: async () => {
      memory.stop();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Timing {
  p50: number;
  p95: number;
  total?: number;
}

async function time(url: string, auth: string, view: View, expected: number | undefined): Promise<Timing> {
  const get = async () => {
    const response = await fetch(`${url}${view.path}`, { headers: { authorization: `Bearer ${auth}` } });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${view.path}: HTTP ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
  const first = await get();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await get();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), total: expected === undefined ? undefined : Number(first.total) };
}

// --- run --------------------------------------------------------------------------------

const dir = DIR || mkdtempSync(join(tmpdir(), 'mediawatch-views-'));
mkdirSync(dir, { recursive: true });
const prefix = `mwviews-${SEED}-${ITEMS}`;
const configPath = writeBenchConfig(
  dir,
  ENGINE === 'sqlite'
    ? { engine: 'sqlite', path: join(dir, 'mediawatch.db') }
    : { engine: 'elasticsearch', node: ES_URL, index: prefix, outboxPath: join(dir, 'outbox.db'), requestTimeoutMs: 120_000 },
);
const builtPath = join(dir, 'built.json');
const previous = existsSync(builtPath) ? (JSON.parse(readFileSync(builtPath, 'utf8')) as Built) : undefined;
let built: Built;
if (previous && previous.engine === ENGINE && previous.items === ITEMS && previous.seed === SEED) {
  built = previous;
  process.stdout.write(`reusing the ${fmt(ITEMS)}-item ${ENGINE} store in ${dir} (built at ${fmt(built.docsPerSec)} docs/s)\n`);
} else {
  process.stdout.write(`building ${fmt(ITEMS)} synthetic items into ${ENGINE} (${ENGINE === 'sqlite' ? dir : `${ES_URL}, index ${prefix}`})...\n`);
  built = await build(configPath);
  writeFileSync(builtPath, JSON.stringify(built));
}

const auth = token(configPath);
const serve = await startServe(configPath);
const rows: Array<{ view: View; timing: Timing; expected?: number }> = [];
let failed = false;
try {
  process.stdout.write(
    `serve on ${serve.url}, RSS ${serve.memory.sample().toFixed(0)} MB after start; ${serve.migration()}; ${RUNS} timed requests per view after one untimed\n`,
  );
  for (const [i, view] of VIEWS.entries()) {
    const expected = expectedTotal(view, i, built);
    const timing = await time(serve.url, auth, view, expected);
    rows.push({ view, timing, expected });
    process.stdout.write(`  ${view.name}: p50 ${timing.p50.toFixed(0)} ms, p95 ${timing.p95.toFixed(0)} ms\n`);
  }
  const now = serve.memory.sample();
  const memory = serve.memory.stop();
  const header = ['view', 'p50 ms', 'p95 ms', 'total', 'full count', 'ok'];
  const table = [
    header,
    ...rows.map(({ view, timing, expected }) => {
      const ok = timing.p50 < TARGETS.p50Ms && timing.p95 < TARGETS.p95Ms && timing.total === expected;
      if (!ok) failed = true;
      return [
        view.name,
        timing.p50.toFixed(0),
        timing.p95.toFixed(0),
        timing.total === undefined ? '-' : fmt(timing.total),
        expected === undefined ? '-' : fmt(expected),
        ok ? 'ok' : 'MISSED',
      ];
    }),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
  process.stdout.write(`\n${fmt(ITEMS)} items in ${ENGINE}; targets: p50 < ${TARGETS.p50Ms} ms, p95 < ${TARGETS.p95Ms} ms, total = full count\n`);
  for (const cells of table) process.stdout.write(`${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}\n`);
  // The sum of each process's own peak: an upper bound of serve's whole footprint.
  const rssOk = memory.peakSum < TARGETS.rssMb;
  const indexOk = built.docsPerSec >= TARGETS.docsPerSec;
  if (!rssOk) failed = true;
  process.stdout.write(
    `serve RSS ${now.toFixed(0)} MB now; peak ${memory.own.toFixed(0)} MB for serve's own process` +
      [...memory.children].map(([pid, peak]) => `, ${peak.toFixed(0)} MB for its child ${pid}`).join('') +
      `, ${memory.peakSum.toFixed(0)} MB together (largest sampled sum ${memory.peak.toFixed(0)} MB; target < ${TARGETS.rssMb}: ${rssOk ? 'ok' : 'MISSED'}); ` +
      `bulk indexing ${fmt(built.docsPerSec)} docs/s over the whole build (target ≥ ${fmt(TARGETS.docsPerSec)}: ${indexOk ? 'ok' : 'MISSED'}; bench:store is the reference figure)\n`,
  );
} finally {
  await serve.stop();
  if (!DIR) {
    if (ENGINE === 'elasticsearch') {
      const es = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: null });
      await es.init();
      await es.destroy();
      await es.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
if (failed) process.exitCode = 1;
