// Shards and replicas come from the config (store.shards, store.replicas): new indices get them
// from the template, an existing index gets the replicas (a live setting) and a warning when its
// shard count differs (fixed at creation). Real node only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import type { ShardLayout } from '../../pipeline/store/es-mapping.ts';
import { makeItem } from '../helpers/items.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from './es-env.ts';

const es = await probeElasticsearch();
if (!es.ok) reportNotRun('Elasticsearch shards and replicas', es.reason, START_HINT);

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-es-shards-'));
const stores: ElasticsearchStore[] = [];

afterAll(async () => {
  await stores[0]?.destroy().catch(() => undefined);
  for (const store of stores) await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(prefix: string, layout: Partial<ShardLayout> | undefined, warnings: string[]): Promise<ElasticsearchStore> {
  const store = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: null, layout, warn: (message) => warnings.push(message) });
  await store.init();
  stores.push(store);
  return store;
}

async function settingsOf(store: ElasticsearchStore): Promise<Record<string, string>> {
  const response = await store.client.indices.getSettings({ index: store.names.alias, flat_settings: true });
  return Object.values(response)[0].settings as Record<string, string>;
}

describe.skipIf(!es.ok)('Elasticsearch: shards and replicas from the config', () => {
  it('creates the index with the configured layout and moves the replicas of an existing one', async () => {
    const prefix = uniquePrefix('shards');
    const warnings: string[] = [];
    const first = await open(prefix, { shards: 2, replicas: 0 }, warnings);
    expect(await settingsOf(first)).toMatchObject({ 'index.number_of_shards': '2', 'index.number_of_replicas': '0', 'index.auto_expand_replicas': 'false' });
    await first.upsertItems([makeItem({ title: 'Đại hội Đảng bộ', text: 'Hai phân đoạn' })]);
    expect(warnings).toEqual([]);

    // The default layout on the same index: replicas follow, the shard count cannot.
    const second = await open(prefix, undefined, warnings);
    expect(await settingsOf(second)).toMatchObject({ 'index.number_of_shards': '2', 'index.auto_expand_replicas': '0-1' });
    expect(warnings.join('\n')).toMatch(/has 2 primary shard\(s\) but store\.shards is 1; shards are fixed when an index is created/);
    expect(warnings.join('\n')).toMatch(/replicas of .*-items-v\d+ set to 0-1 \(store\.replicas; was 0\)/);
    expect((await second.queryItems({ q: 'dai hoi', page: 1, pageSize: 10 })).total).toBe(1);

    // Back to a fixed count; opening again with the same layout changes nothing.
    const third = await open(prefix, { shards: 2, replicas: 0 }, warnings);
    expect(await settingsOf(third)).toMatchObject({ 'index.number_of_replicas': '0', 'index.auto_expand_replicas': 'false' });
    const before = warnings.length;
    await open(prefix, { shards: 2, replicas: 0 }, warnings);
    expect(warnings.slice(before)).toEqual([]);
  });
});
