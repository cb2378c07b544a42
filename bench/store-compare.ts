// Same-run comparison of SQLite bulk indexing between this tree and another checkout (e.g. main):
// on a shared machine wall time varies 2–3x from minute to minute, so two versions are only
// compared by runs alternated in one session. Each run is its own process doing what
// `npm run bench:store` does for SQLite: a 30k-item warm-up store, then N items in batches of
// 5,000 timed until searchable, with the CPU seconds of the main thread and of the others.
//
//   git worktree add --detach /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
//   npm run bench:store-compare -- --base /tmp/base --runs 4 --items 100000
//
// The items come from this tree's bench/synthetic.ts for both, so both index the same items.
// The synthetic items come in clusters of three; in a real crawl most items are alone in their
// cluster (only near-duplicates share one): `--alone 0.9` gives that shape, nine items in ten alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../core/types.ts';
import { numberArg, repo, syntheticScoredItems, textArg, threadCpu } from './synthetic.ts';

const ITEMS = numberArg('items', 100_000);
const RUNS = numberArg('runs', 4);
const BATCH = numberArg('sqlite-batch', 5_000);
const WARMUP = numberArg('warmup', 30_000);
const SEED = numberArg('seed', 20210125);
const ALONE = numberArg('alone', 0);

interface RunFigures {
  tree: string;
  docsPerSec: number;
  main: number;
  other: number;
  load: number;
}

/** One timed run of the store in `tree`, in this process. */
async function runOnce(tree: string): Promise<RunFigures> {
  const { SqliteStore } = (await import(join(tree, 'pipeline/store/sqlite.ts'))) as { SqliteStore: new (options: { path: string }) => Store };
  const items = syntheticScoredItems(ITEMS, SEED);
  // Spread evenly: item i is alone when i mod 100 falls below the share; the rest keep their cluster.
  if (ALONE > 0) items.forEach((item, i) => (item.clusterId = i % 100 < ALONE * 100 ? `alone-${i}` : item.clusterId));
  const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-compare-'));
  try {
    const warm = new SqliteStore({ path: join(tmp, 'warm-up.db') });
    await warm.init();
    for (let i = 0; i < Math.min(WARMUP, ITEMS); i += BATCH) await warm.upsertItems(items.slice(i, Math.min(WARMUP, i + BATCH)));
    await warm.refresh?.();
    await warm.close();
    const store = new SqliteStore({ path: join(tmp, 'bench.db') });
    await store.init();
    (globalThis as { gc?: () => void }).gc?.();
    const load = loadavg()[0];
    const cpuBefore = threadCpu();
    const started = performance.now();
    for (let i = 0; i < ITEMS; i += BATCH) {
      const result = await store.upsertItems(items.slice(i, i + BATCH));
      if (result.errors.length) throw new Error(`${result.errors.length} items failed: ${result.errors[0].reason}`);
    }
    await store.refresh?.();
    const seconds = (performance.now() - started) / 1000;
    const cpu = threadCpu();
    const total = (await store.queryItems({ page: 1, pageSize: 1 })).total;
    await store.close();
    if (total !== ITEMS) throw new Error(`stored ${total} items, expected ${ITEMS}`);
    return { tree, docsPerSec: ITEMS / seconds, main: cpu.main - cpuBefore.main, other: cpu.other - cpuBefore.other, load };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const child = textArg('child', '');
if (child) {
  process.stdout.write(`${JSON.stringify(await runOnce(child))}\n`);
} else {
  const base = resolve(textArg('base', ''));
  if (!textArg('base', '')) throw new Error('--base <checkout to compare with> is required');
  const trees = { base, this: repo };
  const runs: Record<string, RunFigures[]> = { base: [], this: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always runs on the other's leftovers (page cache, load).
    for (const name of i % 2 ? (['this', 'base'] as const) : (['base', 'this'] as const)) {
      const run = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', trees[name]],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      if (run.status !== 0) throw new Error(`the ${name} run failed (exit ${run.status})`);
      const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as RunFigures;
      runs[name].push(figures);
      process.stdout.write(
        `${name.padEnd(4)} ${fmt(figures.docsPerSec).padStart(7)} docs/s  CPU main ${figures.main.toFixed(2)}s, other ${figures.other.toFixed(2)}s  (load ${figures.load.toFixed(1)})\n`,
      );
    }
  }
  process.stdout.write(`\n${fmt(ITEMS)} items, ${RUNS} alternated runs each; medians (this / base):\n`);
  for (const key of ['docsPerSec', 'main', 'other'] as const) {
    const [mine, theirs] = [median(runs.this.map((run) => run[key])), median(runs.base.map((run) => run[key]))];
    process.stdout.write(
      `  ${key.padEnd(10)} ${key === 'docsPerSec' ? fmt(mine) : mine.toFixed(2)} / ${key === 'docsPerSec' ? fmt(theirs) : theirs.toFixed(2)} = ${(mine / theirs).toFixed(2)}x\n`,
    );
  }
  const pairs = runs.this.map((run, i) => (run.main / runs.base[i].main).toFixed(2));
  process.stdout.write(`  main-thread CPU, run by run: ${pairs.join(', ')}x\n`);
}
