// What only the Elasticsearch engine has: its index layout (template, versioned index behind
// an alias, migrations), the Vietnamese analysis, per-document bulk errors. Real node only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScoredItem } from '../../core/types.ts';
import { buildQuery, ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { MAPPING_VERSION } from '../../pipeline/store/es-mapping.ts';
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
    expect(properties.title).toMatchObject({ type: 'text', analyzer: 'mw_folded', fields: { exact: { type: 'text', analyzer: 'mw_exact' } } });
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

  it('folds case, diacritics and đ in the main field and keeps them in .exact', async () => {
    const prefix = uniquePrefix('analysis');
    const store = await open(prefix);
    toDestroy.push(store);
    const analyze = async (analyzer: string, text: string) =>
      (await store.client.indices.analyze({ index: `${prefix}-items`, analyzer, text })).tokens?.map((t) => t.token);
    expect(await analyze('mw_folded', 'Đại hội ĐẢNG lần thứ XIII')).toEqual(['dai', 'hoi', 'dang', 'lan', 'thu', 'xiii']);
    expect(await analyze('mw_exact', 'Đại hội ĐẢNG')).toEqual(['đại', 'hội', 'đảng']);
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
    // Version 2 aggregates the terms the copy derived for every document.
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

  it('fails init with the node address when the cluster is unreachable', async () => {
    const store = new ElasticsearchStore({ node: 'http://127.0.0.1:9', index: 'nowhere', outboxPath: null });
    await expect(store.init()).rejects.toThrow(/Elasticsearch at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});
