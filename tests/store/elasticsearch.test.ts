// What only the Elasticsearch engine has: its index layout (template, versioned index behind
// an alias, migrations), the Vietnamese analysis, per-document bulk errors. Real node only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import type { CountKey, CountRow, ScoredItem } from '../../core/types.ts';
import { itemTimestamp } from '../../pipeline/store/common.ts';
import { buildQuery, ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { DEFAULT_LAYOUT, INDEX_MAPPINGS, MAPPING_VERSION, indexSettings } from '../../pipeline/store/es-mapping.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from './es-env.ts';

const es = await probeElasticsearch();
if (!es.ok) reportNotRun('Elasticsearch engine', es.reason, START_HINT);

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-es-'));
const stores: ElasticsearchStore[] = [];
const toDestroy: ElasticsearchStore[] = [];

async function open(prefix: string, extra: Partial<ConstructorParameters<typeof ElasticsearchStore>[0]> = {}) {
  const store = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: join(tmp, `${prefix}.db`), ...extra });
  await store.init();
  stores.push(store);
  return store;
}

afterAll(async () => {
  for (const store of toDestroy) await store.destroy().catch(() => undefined);
  for (const store of stores) await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!es.ok)('Elasticsearch engine', () => {
  it('installs a template and a versioned index behind an alias', async () => {
    const prefix = uniquePrefix('layout');
    const store = await open(prefix);
    toDestroy.push(store);
    const aliases = await store.client.indices.getAlias({ name: `${prefix}-items` });
    expect(Object.keys(aliases)).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
    expect(aliases[`${prefix}-items-v${MAPPING_VERSION}`].aliases[`${prefix}-items`]).toMatchObject({ is_write_index: true });
    const templates = await store.client.indices.getIndexTemplate({ name: `${prefix}-items` });
    expect(templates.index_templates[0].index_template.index_patterns).toEqual([`${prefix}-items-v*`]);

    const mapping = (await store.client.indices.getMapping({ index: `${prefix}-items` }))[`${prefix}-items-v${MAPPING_VERSION}`].mappings;
    const properties = mapping.properties as Record<string, Record<string, unknown>>;
    expect(properties.title).toMatchObject({ type: 'text', analyzer: 'mw_indexed', search_analyzer: 'mw_folded', index_options: 'freqs' });
    expect(properties.explanations).toMatchObject({ type: 'object', enabled: false });
    for (const field of ['sourceId', 'kind', 'topics', 'clusterId']) expect(properties[field]).toMatchObject({ type: 'keyword' });
    expect(properties.flagged).toMatchObject({ type: 'boolean' });

    // A second start changes nothing; one after the alias was removed by hand restores it.
    await open(prefix);
    expect(Object.keys(await store.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
    await store.client.indices.deleteAlias({ index: `${prefix}-items-v${MAPPING_VERSION}`, name: `${prefix}-items` });
    await open(prefix);
    expect(Object.keys(await store.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
  });

  it('indexes each word folded (case, diacritics, đ) and, when folding changed it, as written', async () => {
    const prefix = uniquePrefix('analysis');
    const store = await open(prefix);
    toDestroy.push(store);
    const analyze = async (analyzer: string, text: string) =>
      (await store.client.indices.analyze({ index: `${prefix}-items`, analyzer, text })).tokens?.map((t) => t.token);
    expect(await analyze('mw_folded', 'Đại hội ĐẢNG lần thứ XIII')).toEqual(['dai', 'hoi', 'dang', 'lan', 'thu', 'xiii']);
    expect(await analyze('mw_exact', 'Đại hội ĐẢNG')).toEqual(['đại', 'hội', 'đảng']);
    const indexed = (await store.client.indices.analyze({ index: `${prefix}-items`, analyzer: 'mw_indexed', text: 'Đại hội dang' })).tokens!;
    // Order within a position is the filter's own; what matters is which words share it.
    expect(indexed.map((t) => `${t.position} ${t.token}`).sort()).toEqual(['0 dai', '0 đại', '1 hoi', '1 hội', '2 dang']);
  });

  it('ranks the spelling typed with diacritics above other words that fold the same', async () => {
    const prefix = uniquePrefix('ranking');
    const store = await open(prefix);
    toDestroy.push(store);
    const party = makeItem({ url: 'https://a.example/1', title: 'Bài viết', text: 'Nghị quyết của Đảng về kinh tế.' });
    const post = makeItem({ url: 'https://a.example/2', title: 'Bài viết', text: 'Nghị quyết được đăng về kinh tế.' });
    const ascii = makeItem({ url: 'https://a.example/3', title: 'Bài viết', text: 'Nghi quyet dang ve kinh te.' });
    await store.upsertItems([post, ascii, party]);
    const search = async (q: string) =>
      (await store.client.search({ index: `${prefix}-items`, query: buildQuery({ q }), _source: false })).hits.hits.map((hit) => hit._id);
    expect((await search('Đảng'))[0]).toBe(party.id);
    expect((await search('đăng'))[0]).toBe(post.id);
    expect(new Set(await search('dang'))).toEqual(new Set([party.id, post.id, ascii.id]));
  });

  it('counts every group when a key has more values than one terms aggregation returns', async () => {
    const store = await open(uniquePrefix('groups'));
    toDestroy.push(store);
    // 5,200 sources over two days (the nested terms aggregation returns 5,000 per bucket), every third flagged.
    const items = Array.from({ length: 5_200 }, (_, i) =>
      makeItem(
        { sourceId: `nguon-${i}`, url: `https://a.example/${i}`, title: `Bài ${i}`, text: 'Tin.', publishedAt: `2021-01-0${1 + (i % 2)}T03:00:00Z` },
        { congress: i % 3 === 0, distortion: i % 3 === 0 },
      ),
    );
    await store.upsertItems(items);
    const bySource = await store.counts({}, ['source']);
    expect(bySource).toHaveLength(5_200);
    expect(bySource.every((row) => row.count === 1)).toBe(true);
    expect(bySource.reduce((sum, row) => sum + row.flagged, 0)).toBe(1_734);
    const byDaySource = await store.counts({}, ['day', 'source']);
    expect(byDaySource).toHaveLength(5_200);
    expect(byDaySource.filter((row) => row.keys[0] === '2021-01-01')).toHaveLength(2_600);
    expect(await store.counts({ flagged: true }, ['day'])).toEqual([
      { keys: ['2021-01-01'], count: 867, flagged: 867 },
      { keys: ['2021-01-02'], count: 867, flagged: 867 },
    ]);
    // Past the keyed count's size (one field per day × source), the nested aggregations answer the same.
    const capped = await open(store.names.alias.replace(/-items$/, ''), { keyedCountSize: 1_000 });
    const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));
    expect(sorted(await capped.counts({}, ['day', 'source']))).toEqual(sorted(byDaySource));
  });

  it('breaks ties of cluster size by the latest member however far back the walk must go', async () => {
    const store = await open(uniquePrefix('clusters'));
    toDestroy.push(store);
    const at = (day: number, second: number) => new Date(Date.UTC(2021, 0, day, 3, 0, second)).toISOString();
    // 5,500 newer lone members (every 4th about the congress), then three pairs: the newest two pairs win.
    const lone = Array.from({ length: 5_500 }, (_, i) => ({
      ...makeItem({ url: `https://a.example/lone-${i}`, title: `Tin ${i}`, text: 'Tin.', publishedAt: at(3, i) }, { congress: i % 4 === 0 }),
      clusterId: `lone-${i}`,
    }));
    const pairs = [0, 1, 2].flatMap((pair) =>
      [0, 1].map((member) => ({
        ...makeItem(
          { url: `https://a.example/pair-${pair}-${member}`, title: `Cặp ${pair}`, text: 'Tin.', publishedAt: at(1, pair * 10 + member) },
          { congress: true, distortion: member === 0 },
        ),
        clusterId: `pair-${pair}`,
      })),
    );
    await store.upsertItems([...lone, ...pairs]);
    const expected = (ids: number[]) =>
      ids.map((pair) => ({ clusterId: `pair-${pair}`, size: 2, flagged: 1, firstSeen: at(1, pair * 10), lastSeen: at(1, pair * 10 + 1) }));
    // 5,500 lone items before the pairs: more than the walk reads, so the single aggregation answers.
    expect(await store.topClusters({}, 2)).toEqual(expected([2, 1]));
    // 1,375 lone congress items: the pairs are met on the walk's third page.
    expect(await store.topClusters({ congress: true }, 2)).toEqual(expected([2, 1]));
    expect(await store.topClusters({ congress: true }, 5)).toEqual(expected([2, 1, 0]));
  });

  it('reports per-document rejections instead of swallowing them, and keeps the good ones', async () => {
    const store = await open(uniquePrefix('errors'));
    toDestroy.push(store);
    const good = makeItem({ url: 'https://a.example/good', title: 'Tốt', text: 'Bài hợp lệ.' });
    const bad = {
      ...makeItem({ url: 'https://a.example/bad', title: 'Hỏng', text: 'Điểm số không phải là số.' }),
      scores: { congress: 'cao', distortion: 0.1 },
    } as unknown as ScoredItem;
    const result = await store.upsertItems([good, bad]);
    expect(result.inserted).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].id).toBe(bad.id);
    expect(result.errors[0].reason).toMatch(/document_parsing_exception|mapper_parsing_exception/);
    expect(result.buffered).toBeUndefined();
    expect(store.pendingWrites()).toBe(0);
    expect(await store.getItem(good.id)).not.toBeNull();
    expect(await store.getItem(bad.id)).toBeNull();
  });

  it('migrates to a new mapping version by copying and moving the alias, keeping every item', async () => {
    const prefix = uniquePrefix('migrate');
    const v1 = await open(prefix, { mappingVersion: 1 });
    toDestroy.push(v1);
    const mention = { kind: 'congress' as const, term: 'dai-hoi', matched: 'Đại hội', weight: 1, field: 'text' as const, start: 0, end: 7 };
    const items = Array.from({ length: 1_200 }, (_, i) =>
      makeItem({ url: `https://a.example/m${i}`, title: `Bài ${i}`, text: i % 2 ? 'Đại hội Đảng' : 'Kinh tế' }, { explanations: i % 2 ? [mention] : [] }),
    );
    await v1.upsertItems(items);
    const warnings: string[] = [];
    const v2 = await open(prefix, { mappingVersion: 2, warn: (message) => warnings.push(message) });
    expect(Object.keys(await v2.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v2`]);
    expect(warnings.join('\n')).toMatch(/migrated 1200 document\(s\) to .*-items-v2/);
    expect((await v2.queryItems({ q: 'dai hoi', page: 1, pageSize: 1 })).total).toBe(600);
    expect((await v2.termCounts({})).map((term) => [term.term, term.items])).toEqual([['đại hội', 600]]);
    const scanned: string[] = [];
    for await (const batch of v2.scanItems(500)) scanned.push(...batch.map((item) => item.id));
    expect(scanned).toEqual(items.map((item) => item.id));
    // The old index is kept (deleting it is the operator's call) but no longer aliased.
    expect(await v2.client.indices.exists({ index: `${prefix}-items-v1` })).toBe(true);
    // An older mediawatch refuses an index made by a newer one, and leaves its template alone.
    await expect(open(prefix, { mappingVersion: 1 })).rejects.toThrow(/made by a newer mediawatch/);
    const template = await v2.client.indices.getIndexTemplate({ name: `${prefix}-items` });
    expect(template.index_templates[0].index_template._meta).toMatchObject({ mappingVersion: 2 });
  });

  it('upgrades an index written by mapping v2 to the current one: every item found, the count keys derived for each', async () => {
    const prefix = uniquePrefix('v2tov3');
    // What mapping v2 wrote: its mapping (no count keys) and documents with v2's bookkeeping only.
    const v2Mappings = structuredClone(INDEX_MAPPINGS);
    const bookkeeping = (v2Mappings.properties!.mw as { properties: Record<string, unknown> }).properties;
    for (const field of ['day', 'platform', 'daySource', 'dayTopic', 'dayPlatform']) delete bookkeeping[field];
    v2Mappings._meta = { mappingVersion: 2, managedBy: 'mediawatch' };
    const client = new Client({ node: ES_URL });
    await client.indices.create({
      index: `${prefix}-items-v2`,
      settings: indexSettings(DEFAULT_LAYOUT),
      mappings: v2Mappings,
      aliases: { [`${prefix}-items`]: { is_write_index: true } },
    });
    // Sources, topics (none, one, two), platforms (named, social without one, web) and days,
    // some of them after 17:00 UTC, which is already the next day in Vietnam.
    const items = Array.from({ length: 2_500 }, (_, i) => ({
      ...makeItem(
        {
          sourceId: `nguon-${i % 7}`,
          kind: i % 3 === 0 ? 'social' : 'news',
          platform: i % 6 === 0 ? 'facebook' : undefined,
          url: `https://a.example/v2-${i}`,
          title: `Bài ${i}`,
          text: i % 2 ? 'Đại hội Đảng' : 'Kinh tế',
          publishedAt: new Date(Date.UTC(2021, 0, 1 + (i % 5), (i * 7) % 24, i % 60)).toISOString(),
        },
        { congress: i % 4 === 0, distortion: i % 8 === 0, topics: i % 4 === 0 ? ['congress-2020', ...(i % 8 === 0 ? ['rumours'] : [])] : [] },
      ),
    }));
    const operations = items.flatMap((item, i) => [
      { index: { _index: `${prefix}-items-v2`, _id: item.id } },
      { ...item, mw: { ts: itemTimestamp(item), seq: i + 1, status: 'new', writtenAt: Date.now(), terms: [] } },
    ]);
    const bulk = await client.bulk({ operations, refresh: true });
    expect(bulk.errors).toBe(false);
    await client.close();

    const warnings: string[] = [];
    const v3 = await open(prefix, { warn: (message) => warnings.push(message) });
    toDestroy.push(v3);
    expect(Object.keys(await v3.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
    expect(warnings.join('\n')).toMatch(new RegExp(`migrated 2500 document\\(s\\) to .*-items-v${MAPPING_VERSION}`));
    // The new index searches and refreshes like any other once the copy is done.
    const settings = await v3.client.indices.getSettings({ index: `${prefix}-items-v${MAPPING_VERSION}`, flat_settings: true });
    expect(settings[`${prefix}-items-v${MAPPING_VERSION}`].settings).toMatchObject({ 'index.refresh_interval': '1s', 'index.translog.durability': 'request' });
    for (const item of items) expect(await v3.getItem(item.id)).toEqual(item);
    // Each count the keys answer equals SQLite's over the same items.
    const sqlite = new SqliteStore({ path: join(tmp, `${prefix}.sqlite`) });
    await sqlite.init();
    try {
      await sqlite.upsertItems(items);
      const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));
      for (const by of [['day'], ['platform'], ['day', 'source'], ['day', 'topic'], ['day', 'platform']] as CountKey[][]) {
        for (const filter of [{}, { from: '2021-01-02', to: '2021-01-04' }, { flagged: true }]) {
          expect(sorted(await v3.counts(filter, by))).toEqual(sorted(await sqlite.counts(filter, by)));
        }
      }
    } finally {
      await sqlite.close();
    }
  });

  it('answers from a readable index while serve migrates it in the background, and copies every item and late write', async () => {
    const prefix = uniquePrefix('background');
    const old = await open(prefix, { mappingVersion: 3 });
    toDestroy.push(old);
    const items = Array.from({ length: 6_000 }, (_, i) =>
      makeItem(
        { sourceId: `nguon-${i % 5}`, url: `https://a.example/b${i}`, title: `Bài ${i}`, text: i % 3 ? 'Đại hội Đảng bộ tỉnh' : 'Kinh tế' },
        { congress: i % 3 !== 0, distortion: i % 6 === 1 },
      ),
    );
    await old.upsertItems(items);
    const byDay = await old.counts({}, ['day', 'source']);
    const warnings: string[] = [];
    const serving = await open(prefix, { migrateInBackground: true, warn: (message) => warnings.push(message) });
    let done = false;
    const migrated = serving.migrated().then(() => (done = true));
    // init() returned with the copy under way: the old index answers reads and takes writes.
    expect(Object.keys(await serving.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v3`]);
    expect((await serving.queryItems({ q: 'dai hoi dang bo', page: 1, pageSize: 1 })).total).toBe(4_000);
    expect((await serving.queryItems({ q: 'Đại hội', flagged: true, page: 1, pageSize: 1 })).total).toBe(1_000);
    expect(await serving.counts({}, ['day', 'source'])).toEqual(byDay);
    const late = makeItem({ url: 'https://a.example/late', title: 'Tin mới', text: 'Bế mạc Đại hội' });
    const edited = { ...items[0], title: 'Bài đã sửa' };
    expect(await serving.upsertItems([late, edited])).toMatchObject({ inserted: 1, updated: 1, errors: [] });
    expect(done).toBe(false);
    await migrated;
    expect(Object.keys(await serving.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
    expect(warnings.join('\n')).toMatch(/migrated \d+ document\(s\) to .*-items-v4/);
    expect((await serving.stats({})).total).toBe(6_001);
    expect(await serving.getItem(late.id)).toEqual(late);
    expect((await serving.getItem(edited.id))?.title).toBe('Bài đã sửa');
    const scanned = new Set<string>();
    for await (const batch of serving.scanItems(1_000)) for (const item of batch) scanned.add(item.id);
    expect(scanned).toEqual(new Set([...items.map((item) => item.id), late.id]));
    expect((await serving.queryItems({ q: 'dai hoi dang bo', page: 1, pageSize: 1 })).total).toBe(4_000);
  });

  it('copies in a process with the configured heap cap; a copy that outgrows it fails, says so, and leaves the old index in use', async () => {
    const prefix = uniquePrefix('heapcap');
    const old = await open(prefix, { mappingVersion: 3 });
    toDestroy.push(old);
    const items = Array.from({ length: 300 }, (_, i) => makeItem({ url: `https://a.example/h${i}`, title: `Bài ${i}`, text: 'Đại hội Đảng bộ tỉnh' }));
    // One document of 12 MB: parsed from the page, then serialised for the bulk request, it
    // cannot fit in a 24 MB old generation (its modules take ~20 MB), while the copy's own pages stay far below it.
    const huge = makeItem({ url: 'https://a.example/huge', title: 'Bài dài', text: 'tin '.repeat(3_000_000) });
    await old.upsertItems([...items, huge]);
    // A node busy with other suites may answer the 12 MB bulk with "overloaded": the store buffers
    // it and replays in the background. The copy is only tested once every item is in the index.
    await vi.waitFor(async () => expect((await old.stats({})).total).toBe(301), { timeout: 90_000, interval: 1_000 });

    const warnings: string[] = [];
    const serving = await open(prefix, { migrateInBackground: true, migrationHeapMb: 24, warn: (message) => warnings.push(message) });
    await serving.migrated();
    const log = warnings.join('\n');
    // The limit as V8 inside the copy process reports it: the old generation asked for plus the young one.
    const limit = Number(/copying in process \d+, heap limit (\d+) MB \(store\.migrationHeapMb 24\)/.exec(log)?.[1]);
    expect(limit).toBeGreaterThanOrEqual(24);
    expect(limit).toBeLessThan(24 + 64);
    expect(log).toMatch(
      /migration to .*-items-v4 failed \(the copy ran out of its 24 MB heap after \d+ document\(s\) \(raise store\.migrationHeapMb\)\); still serving .*-items-v3/,
    );
    // Nothing lost, nothing half-done in use: the alias stays on v3, which answers every item.
    expect(Object.keys(await serving.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v3`]);
    expect((await serving.stats({})).total).toBe(301);
    expect((await serving.queryItems({ q: 'dai hoi dang bo', page: 1, pageSize: 1 })).total).toBe(300);
    await serving.close();

    // A command that copies before it starts (crawl, reindex) fails with the same reason.
    await expect(open(prefix, { migrationHeapMb: 24 })).rejects.toThrow(/ran out of its 24 MB heap/);

    // With room for the document the next start copies everything.
    const roomy = await open(prefix, { migrationHeapMb: 256 });
    expect(Object.keys(await roomy.client.indices.getAlias({ name: `${prefix}-items` }))).toEqual([`${prefix}-items-v${MAPPING_VERSION}`]);
    expect((await roomy.stats({})).total).toBe(301);
    expect((await roomy.getItem(huge.id))?.text.length).toBe(huge.text.length);
  }, 240_000);

  it('fails init with the node address when the cluster is unreachable', async () => {
    const store = new ElasticsearchStore({ node: 'http://127.0.0.1:9', index: 'nowhere', outboxPath: null });
    await expect(store.init()).rejects.toThrow(/Elasticsearch at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});
