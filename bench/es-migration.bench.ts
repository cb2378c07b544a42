// An Elasticsearch mapping migration inside `mediawatch serve`: builds N synthetic items as
// mapping v2 wrote them (no count keys, folded text in _source) once, then starts the real
// `serve` on them, which copies them to the current mapping version, and reports serve's peak
// RSS, the copy's rate and whether the API answered while it ran. Each run first points the
// alias back at the v2 index and deletes what an earlier run built, so runs can alternate
// between code trees on the same data.
//
//   MEDIAWATCH_ES_URL=http://127.0.0.1:9200 npm run bench:es-migration -- --items 300000
//   (also --repo DIR: run the `serve` of another checkout, e.g. a `git worktree` of an older commit;
//   --dir DIR for its config and workflow database; --seed)
//
// Target (issue #16): serve stays under 500 MB RSS. Run through bench/run.ts.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { loadConfig } from '../core/config.ts';
import { itemTimestamp } from '../pipeline/store/common.ts';
import { DEFAULT_LAYOUT, INDEX_MAPPINGS, indexSettings } from '../pipeline/store/es-mapping.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../features/workflow/index.ts';
import { numberArg, repo, syntheticScoredItems, textArg, TreeMemory, writeBenchConfig } from './synthetic.ts';

const ITEMS = numberArg('items', 300_000);
const SEED = numberArg('seed', 20201231);
const ES_URL = process.env.MEDIAWATCH_ES_URL ?? 'http://127.0.0.1:9200';
const SERVE_REPO = textArg('repo', repo);
const DIR = textArg('dir', join(tmpdir(), `mediawatch-migration-${ITEMS}`));
const PREFIX = `mwmigrate-${SEED}-${ITEMS}`;
const V2 = `${PREFIX}-items-v2`;
const TARGET_RSS_MB = 500;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const client = new Client({ node: ES_URL, requestTimeout: 120_000 });

/** The v2 index: today's settings and mapping without v3's count keys, documents with v2's bookkeeping and folded text. */
async function buildV2(): Promise<void> {
  const mappings = structuredClone(INDEX_MAPPINGS);
  const bookkeeping = (mappings.properties!.mw as { properties: Record<string, unknown> }).properties;
  for (const field of ['day', 'platform', 'daySource', 'dayTopic', 'dayPlatform']) delete bookkeeping[field];
  mappings._meta = { mappingVersion: 2, managedBy: 'mediawatch' };
  await client.indices.create({ index: V2, settings: { ...indexSettings(DEFAULT_LAYOUT), refresh_interval: '-1' }, mappings });
  const started = performance.now();
  for (let start = 0; start < ITEMS; start += 20_000) {
    const items = syntheticScoredItems(Math.min(20_000, ITEMS - start), SEED + start, start);
    const result = await client.helpers.bulk({
      datasource: items.map((item, i) => ({ ...item, mw: { ts: itemTimestamp(item), seq: start + i + 1, status: 'new', writtenAt: 0, terms: [] } })),
      onDocument: (doc) => ({ index: { _index: V2, _id: doc.id } }),
      flushBytes: 5_000_000,
      concurrency: 2,
    });
    if (result.failed) throw new Error(`building the v2 index: ${result.failed} document(s) failed`);
    process.stdout.write(
      `  ${fmt(start + items.length)}/${fmt(ITEMS)} v2 documents, ${fmt((start + items.length) / ((performance.now() - started) / 1000))} docs/s\n`,
    );
  }
  await client.indices.putSettings({ index: V2, settings: { refresh_interval: '1s' } });
  await client.indices.forcemerge({ index: V2, max_num_segments: 1 });
  await client.indices.refresh({ index: V2 });
}

/** Points the alias at the v2 index alone and deletes every later copy, as before the first upgrade. */
async function resetToV2(): Promise<void> {
  const indices = Object.keys(await client.indices.get({ index: `${PREFIX}-items-v*`, expand_wildcards: 'all' }));
  const later = indices.filter((index) => index !== V2);
  if (later.length) await client.indices.delete({ index: later.join(',') });
  await client.indices.putAlias({ index: V2, name: `${PREFIX}-items`, is_write_index: true });
  await client.indices.deleteIndexTemplate({ name: `${PREFIX}-items` }).catch(() => undefined);
}

async function token(configPath: string): Promise<string> {
  const workflow = openWorkflow(workflowOptionsFromConfig(loadConfig(configPath)));
  try {
    if (!workflow.users.list().some((user) => user.username === 'bench')) {
      await workflow.users.create({ username: 'bench', role: 'analyst', password: 'Do-hieu-nang-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    }
    return workflow.auth.createToken('bench', { name: 'bench:es-migration' }, SYSTEM_ACTOR).token;
  } finally {
    workflow.close();
  }
}

// --- run --------------------------------------------------------------------------------

if (!(await client.cluster.health().catch(() => undefined))) {
  process.stdout.write(`NOT RUN: no Elasticsearch node answers at ${ES_URL} (set MEDIAWATCH_ES_URL)\n`);
  process.exit(0);
}
mkdirSync(DIR, { recursive: true });
const configPath = writeBenchConfig(DIR, {
  engine: 'elasticsearch',
  node: ES_URL,
  index: PREFIX,
  outboxPath: join(DIR, 'outbox.db'),
  requestTimeoutMs: 120_000,
});
if (!(await client.indices.exists({ index: V2 }))) {
  process.stdout.write(`building ${fmt(ITEMS)} v2 documents into ${ES_URL}, index ${V2}...\n`);
  await buildV2();
}
await resetToV2();
const auth = await token(configPath);

process.stdout.write(`serve from ${SERVE_REPO} migrating ${fmt(ITEMS)} v2 documents...\n`);
const child = spawn(process.execPath, [join(SERVE_REPO, 'bin/mediawatch.js'), 'serve', '--config', configPath, '--port', '0'], {
  cwd: SERVE_REPO,
  env: { ...process.env, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
let url: string | undefined;
let migratingAt: number | undefined;
let migratedAt: number | undefined;
// serve and the process it copies in: both count against the budget.
const memory = new TreeMemory(child.pid!);
let rssBefore = 0;
child.stderr!.on('data', (chunk: Buffer) => {
  stderr += chunk.toString('utf8');
  url ??= /dashboard on (http:\/\/\S+?)\/ /.exec(stderr)?.[1];
  if (migratingAt === undefined && /migrating \S+ to/.test(stderr)) {
    migratingAt = performance.now();
    rssBefore = memory.sample();
  }
  if (migratedAt === undefined && /migrated \d+ document/.test(stderr)) migratedAt = performance.now();
});
const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
const answers = { tried: 0, ok: 0, totals: new Set<number>() };
try {
  while (migratedAt === undefined || url === undefined) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${stderr}`);
    if (url && migratedAt === undefined) {
      answers.tried++;
      const response = await fetch(`${url}/api/items?pageSize=1`, { headers: { authorization: `Bearer ${auth}` } }).catch(() => undefined);
      if (response?.ok) {
        answers.ok++;
        answers.totals.add(Number(((await response.json()) as { total: number }).total));
      } else await response?.body?.cancel();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
} finally {
  memory.stop();
  child.kill('SIGTERM');
  await exited;
  await client.close();
}
const { own, children, peak, peakSum } = memory.stop();
const seconds = (migratedAt! - migratingAt!) / 1000;
const during = answers.tried ? `; during it the API answered ${answers.ok}/${answers.tried} item queries, totals ${[...answers.totals].join(', ')}` : '';
process.stdout.write(
  `migrated ${fmt(ITEMS)} documents in ${seconds.toFixed(1)} s (${fmt(ITEMS / seconds)} docs/s); serve RSS ${rssBefore.toFixed(0)} MB as it began, peak ${own.toFixed(0)} MB for serve's own process` +
    [...children.values()].map((mb) => ` + ${mb.toFixed(0)} MB for its copy process`).join('') +
    ` = ${peakSum.toFixed(0)} MB (largest sampled sum ${peak.toFixed(0)} MB; target < ${TARGET_RSS_MB}: ${peakSum < TARGET_RSS_MB ? 'ok' : 'MISSED'})${during}\n`,
);
