// Bulk indexing through a checkout's ElasticsearchStore, for alternating runs of two code trees
// on a loaded machine: prints docs/s and the node's CPU per item (from the Elasticsearch
// process's CPU time, which varies far less with the load than wall time), this process's CPU
// per item and the index's bytes per item (unmerged, so noisy).
//
//   MEDIAWATCH_ES_URL=http://127.0.0.1:9262 ES_PID_FILE=/tmp/mediawatch-es-9262/elasticsearch.pid \
//     npm run bench:es-bulk-cpu -- /path/to/checkout [--items 30000] [--batch 10000]
//   (ES_INDEX_SETTINGS='{"refresh_interval":"-1"}' applies index settings before the load)
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { numberArg } from './synthetic.ts';

const checkout = process.argv[2];
if (!checkout || checkout.startsWith('--')) throw new Error('usage: es-bulk-ab.ts CHECKOUT [--items N] [--batch N]');
const ITEMS = numberArg('items', 30_000);
const BATCH = numberArg('batch', 10_000);
const ES_URL = process.env.MEDIAWATCH_ES_URL ?? 'http://127.0.0.1:9200';
const pidFile = process.env.ES_PID_FILE;
if (!pidFile) throw new Error('ES_PID_FILE: the pid file of the local node (scripts/elasticsearch.sh writes it in ES_DATA_DIR)');
const esPid = readFileSync(pidFile, 'utf8').trim();

const { ElasticsearchStore } = (await import(`${checkout}/pipeline/store/elasticsearch.ts`)) as typeof import('../pipeline/store/elasticsearch.ts');
const { syntheticScoredItems } = (await import(`${checkout}/bench/synthetic.ts`)) as typeof import('./synthetic.ts');

/** CPU seconds (user + system) of the Elasticsearch process, from /proc. */
function esCpu(): number {
  const fields = readFileSync(`/proc/${esPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const items = syntheticScoredItems(ITEMS, 20210125);
const prefix = `mwbulkab-${process.pid}`;
const store = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: null, requestTimeoutMs: 120_000 });
await store.init();
try {
  if (process.env.ES_INDEX_SETTINGS) await store.client.indices.putSettings({ index: `${prefix}-items`, settings: JSON.parse(process.env.ES_INDEX_SETTINGS) });
  const load = loadavg()[0];
  const cpuBefore = esCpu();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ITEMS; i += BATCH) {
    const result = await store.upsertItems(items.slice(i, i + BATCH));
    if (result.errors.length) throw new Error(`indexing failed: ${JSON.stringify(result.errors[0])}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const es = esCpu() - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const stats = await store.client.indices.stats({ index: `${prefix}-items`, metric: 'store' });
  const bytes = stats._all.primaries?.store?.size_in_bytes ?? 0;
  process.stdout.write(
    `${checkout}: ${ITEMS} items, ${Math.round(ITEMS / seconds)} docs/s, node CPU ${Math.round((es * 1e6) / ITEMS)} µs/item, ` +
      `this process ${Math.round((own.user + own.system) / ITEMS)} µs/item, index ${Math.round(bytes / ITEMS)} B/item, load ${load.toFixed(1)}–${loadavg()[0].toFixed(1)}\n`,
  );
} finally {
  await store.destroy();
  await store.close();
}
