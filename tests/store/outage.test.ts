// An Elasticsearch outage in the middle of a crawl must not lose items. This file runs its own
// node on another port (scripts/elasticsearch.sh, separate data dir and pid file), so stopping
// it mid-run does not disturb the other test files, which share the main node.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Classification, RawItem } from '../../core/types.ts';
import type { ItemClassifier } from '../../core/types.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { normaliseItem } from '../../pipeline/normalise.ts';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { installedDistribution, probeElasticsearch, reportNotRun, runScript, uniquePrefix } from './es-env.ts';

const PORT = Number(process.env.MEDIAWATCH_ES_OUTAGE_PORT ?? 9251);
const URL = `http://127.0.0.1:${PORT}`;
const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-outage-'));
// The node runs as an unprivileged user when tests run as root: it must reach its data dir.
chmodSync(tmp, 0o755);
const nodeEnv = { ES_PORT: String(PORT), ES_DATA_DIR: join(tmp, 'node'), ES_HEAP: '384m' };

const distribution = installedDistribution();
const occupied = distribution.ok ? await probeElasticsearch(URL) : undefined;
const runnable = distribution.ok && occupied && !occupied.ok;
if (!distribution.ok) {
  reportNotRun('Elasticsearch outage test', distribution.reason, 'Install one: bash scripts/elasticsearch.sh install');
} else if (!runnable) {
  reportNotRun('Elasticsearch outage test', `port ${PORT} is already in use by another node`, 'Set MEDIAWATCH_ES_OUTAGE_PORT to a free port');
}

/** Stand-in for the NLP stage: the outage is about storage, not scoring. */
const classifier: ItemClassifier = {
  classify: ({ title, text }): Classification => {
    const congress = /đại hội/i.test(`${title} ${text}`);
    return { congress, distortion: false, scores: { congress: congress ? 0.9 : 0.1, distortion: 0.1 }, topics: [], explanations: [] };
  },
};

const raw = (i: number): RawItem => ({
  sourceId: 'bao-mat-dien',
  kind: 'news',
  url: `https://bao-mat-dien.example/bai-${i}.html`,
  title: `Tin số ${i} về Đại hội`,
  text: `Nội dung riêng của bài số ${i}, đăng trong lúc máy chủ tìm kiếm có thể đang tắt.`,
  publishedAt: new Date(Date.UTC(2021, 0, 1, 0, i)).toISOString(),
  fetchedAt: '2021-01-02T00:00:00Z',
});

const stores: ElasticsearchStore[] = [];
function openStore(prefix: string, outboxPath: string, warnings: string[]): ElasticsearchStore {
  const store = new ElasticsearchStore({
    node: URL,
    index: prefix,
    outboxPath,
    replayIntervalMs: 300,
    requestTimeoutMs: 5_000,
    warn: (message) => warnings.push(message),
  });
  stores.push(store);
  return store;
}

describe.skipIf(!runnable)('Elasticsearch outage', () => {
  beforeAll(async () => {
    await runScript('start', { ...nodeEnv, ES_FRESH: '1' });
  }, 240_000);

  afterAll(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
    try {
      await runScript('stop', nodeEnv);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  it('buffers items while the node is down mid-crawl and replays them, in order, when it is back', async () => {
    const warnings: string[] = [];
    const store = openStore(uniquePrefix('outage'), join(tmp, 'outbox-a.db'), warnings);
    await store.init();
    const pipeline = new IngestPipeline(store, classifier);
    const raws = Array.from({ length: 60 }, (_, i) => raw(i));
    const statuses: string[] = [];

    for (const item of raws.slice(0, 20)) statuses.push((await pipeline.ingest(item)).status);
    const decided = (await store.getItem(normaliseItem(raws[3]).id))!;
    await store.upsertItems([{ ...decided, review: { status: 'confirmed', assignee: 'lan' } }]);
    await runScript('stop', nodeEnv);
    expect((await probeElasticsearch(URL)).ok).toBe(false);

    for (const item of raws.slice(20, 40)) statuses.push((await pipeline.ingest(item)).status);
    expect(statuses).toEqual(Array(40).fill('new'));
    expect(store.pendingWrites()).toBe(20);
    expect(warnings.join('\n')).toMatch(/buffering items in .*outbox-a\.db/);
    // A confirmed item crawled again: the crawl cannot look it up, so it is buffered as new ...
    expect((await pipeline.ingest(raws[3])).status).toBe('new');
    // What the crawl reads back during the outage comes from the outbox: no double insert.
    expect((await pipeline.ingest(raws[25])).status).toBe('duplicate');
    const direct = await store.upsertItems([(await store.getItem(normaliseItem(raws[30]).id))!]);
    expect(direct).toMatchObject({ inserted: 0, updated: 0, errors: [], buffered: 1 });

    await runScript('start', nodeEnv);
    for (const item of raws.slice(40)) statuses.push((await pipeline.ingest(item)).status);
    expect(statuses).toEqual(Array(60).fill('new'));
    await vi.waitFor(() => expect(store.pendingWrites()).toBe(0), { timeout: 30_000, interval: 200 });
    expect(warnings.join('\n')).toMatch(/answers again after \d+s; replayed \d+ buffered item/);

    const page = await store.queryItems({ sort: 'oldest', page: 1, pageSize: 100 });
    expect(page.total).toBe(60);
    expect(page.items.map((item) => item.title)).toEqual(raws.map((item) => item.title));
    const scanned: string[] = [];
    for await (const batch of store.scanItems(25)) scanned.push(...batch.map((item) => item.title));
    expect(scanned).toEqual(raws.map((item) => item.title));
    expect((await store.getItem(page.items[30].id))?.text).toBe(raws[30].text);
    // ... and the replay keeps the analysts' decision on it.
    expect((await store.getItem(decided.id))?.review).toEqual({ status: 'confirmed', assignee: 'lan' });
    expect((await store.queryItems({ status: ['confirmed'], page: 1, pageSize: 10 })).items.map((item) => item.id)).toEqual([decided.id]);
  }, 240_000);

  it('keeps buffered items on disk across a restart of mediawatch', async () => {
    const prefix = uniquePrefix('durable');
    const outboxPath = join(tmp, 'outbox-b.db');
    const warnings: string[] = [];
    const first = openStore(prefix, outboxPath, warnings);
    await first.init();
    const pipeline = new IngestPipeline(first, classifier);
    expect((await pipeline.ingest(raw(100))).status).toBe('new');

    await runScript('stop', nodeEnv);
    const buffered = [];
    for (let i = 101; i < 106; i++) buffered.push((await pipeline.ingest(raw(i))).status);
    expect(buffered).toEqual(Array(5).fill('new'));
    await first.close();
    expect(warnings.join('\n')).toMatch(/5 item\(s\) stay buffered in .*outbox-b\.db/);

    await runScript('start', nodeEnv);
    const second = openStore(prefix, outboxPath, warnings);
    await second.init();
    expect(second.pendingWrites()).toBe(0);
    expect(warnings.join('\n')).toMatch(/5 item\(s\) buffered in .*outbox-b\.db by an earlier run/);
    const page = await second.queryItems({ sort: 'oldest', page: 1, pageSize: 10 });
    expect(page.items.map((item) => item.title)).toEqual([100, 101, 102, 103, 104, 105].map((i) => raw(i).title));
  }, 240_000);
});
