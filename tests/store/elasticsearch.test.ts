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
