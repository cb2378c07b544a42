// One contract, every engine: the same cases run against SQLite (a temp file) and against a
// real Elasticsearch node (a fresh index prefix per run). Expected results come from a small
// reference model written here, so both engines must agree with it, and so with each other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterCount, CountKey, CountRow, ItemFilter, ItemQuery, ItemSort, ScoredItem, Stats, StatsQuery, Store, TermCount } from '../../core/types.ts';
import { foldVietnamese } from '../../pipeline/nlp/fold.ts';
import { vietnamDay } from '../../core/time.ts';
import { dateBound, itemTimestamp, termKey, toSummary } from '../../pipeline/store/common.ts';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';
import { withRevision } from '../../pipeline/revisions.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from './es-env.ts';

// --- engines ----------------------------------------------------------------------------

interface Engine {
  name: string;
  available: boolean;
  /** A fresh, empty store, plus a way to open more handles on the same data. */
  create(tag: string): Promise<{ store: Store; another(): Promise<Store> }>;
  cleanup(): Promise<void>;
}

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-contract-'));
const opened: Store[] = [];

async function opening<T extends Store>(store: T): Promise<T> {
  await store.init();
  opened.push(store);
  return store;
}

const sqlite: Engine = {
  name: 'sqlite',
  available: true,
  async create(tag) {
    const path = join(tmp, `${tag}.db`);
    return { store: await opening(new SqliteStore({ path })), another: () => opening(new SqliteStore({ path })) };
  },
  async cleanup() {},
};

const es = await probeElasticsearch();
const esStores: ElasticsearchStore[] = [];
const elasticsearch: Engine = {
  name: 'elasticsearch',
  available: es.ok,
  async create(tag) {
    const options = { node: ES_URL, index: uniquePrefix(tag), outboxPath: join(tmp, `${tag}-outbox.db`) };
    const store = await opening(new ElasticsearchStore(options));
    esStores.push(store);
    return { store, another: () => opening(new ElasticsearchStore(options)) };
  },
  async cleanup() {
    for (const store of esStores) await store.destroy();
  },
};

if (!es.ok) reportNotRun('store contract on Elasticsearch', es.reason, START_HINT);
else process.stderr.write(`store contract: Elasticsearch ${es.version} at ${ES_URL}\n`);

afterAll(async () => {
  for (const engine of [sqlite, elasticsearch]) if (engine.available) await engine.cleanup();
  for (const store of opened) await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

// --- reference model --------------------------------------------------------------------

const words = (text: string) => foldVietnamese(text).match(/[\p{L}\p{N}]+/gu);

function matches(item: ScoredItem, query: Partial<ItemQuery> & StatsQuery): boolean {
  if (query.flagged !== undefined && item.flagged !== query.flagged) return false;
  if (query.congress !== undefined && item.congress !== query.congress) return false;
  if (query.source && item.sourceId !== query.source) return false;
  if (query.kind && item.kind !== query.kind) return false;
  if (query.platform && (item.platform ?? (item.kind === 'social' ? 'social' : 'web')) !== query.platform) return false;
  if (query.minDistortion !== undefined && item.scores.distortion < query.minDistortion) return false;
  if (query.minCongress !== undefined && item.scores.congress < query.minCongress) return false;
  if (query.clusterId && item.clusterId !== query.clusterId) return false;
  if (query.topic && !item.topics.includes(query.topic)) return false;
  if (query.status?.length && !query.status.includes(item.review?.status ?? 'new')) return false;
  if (query.assignee && item.review?.assignee !== query.assignee) return false;
  const ts = itemTimestamp(item);
  if (query.from && ts < dateBound(query.from, 'from')) return false;
  if (query.to && ts > dateBound(query.to, 'to')) return false;
  if (query.q !== undefined) {
    const wanted = words(query.q);
    if (!wanted) return false;
    const present = new Set(words(item.foldedText));
    if (!wanted.every((word) => present.has(word))) return false;
  }
  return true;
}

function compare(sort: ItemSort): (a: ScoredItem, b: ScoredItem) => number {
  const byId = (a: ScoredItem, b: ScoredItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byTs = (a: ScoredItem, b: ScoredItem) => (itemTimestamp(a) < itemTimestamp(b) ? -1 : itemTimestamp(a) > itemTimestamp(b) ? 1 : 0);
  if (sort === 'oldest') return (a, b) => byTs(a, b) || byId(a, b);
  if (sort === 'distortion') return (a, b) => b.scores.distortion - a.scores.distortion || byTs(b, a) || byId(a, b);
  return (a, b) => byTs(b, a) || byId(a, b);
}

function expectedIds(items: ScoredItem[], query: Partial<ItemQuery>): string[] {
  return items
    .filter((item) => matches(item, query))
    .sort(compare(query.sort ?? 'newest'))
    .map((item) => item.id);
}

function expectedStats(items: ScoredItem[], query: StatsQuery): Stats {
  const selected = items.filter((item) => matches(item, query));
  const count = <K extends string>(keyOf: (item: ScoredItem) => K[]) => {
    const buckets = new Map<K, { key: K; count: number; flagged: number }>();
    for (const item of selected) {
      for (const key of keyOf(item)) {
        const bucket = buckets.get(key) ?? { key, count: 0, flagged: 0 };
        bucket.count++;
        if (item.flagged) bucket.flagged++;
        buckets.set(key, bucket);
      }
    }
    return [...buckets.values()];
  };
  const byCount = (a: { key: string; count: number }, b: { key: string; count: number }) => b.count - a.count || (a.key < b.key ? -1 : 1);
  return {
    total: selected.length,
    flagged: selected.filter((item) => item.flagged).length,
    congress: selected.filter((item) => item.congress).length,
    byDay: count((item) => [vietnamDay(itemTimestamp(item))]).sort((a, b) => (a.key < b.key ? -1 : 1)),
    bySource: count((item) => [item.sourceId]).sort(byCount),
    byTopic: count((item) => item.topics)
      .sort(byCount)
      .map(({ key, count: n }) => ({ key, count: n })),
  };
}

/** Reference counts: each item under every combination of its keys. */
function expectedCounts(items: ScoredItem[], filter: ItemFilter, by: CountKey[]): CountRow[] {
  const keysOf = (item: ScoredItem, key: CountKey): string[] => {
    switch (key) {
      case 'day':
        return [vietnamDay(itemTimestamp(item))];
      case 'topic':
        return item.topics.length ? item.topics : [''];
      case 'source':
        return [item.sourceId];
      case 'platform':
        return [item.platform ?? (item.kind === 'social' ? 'social' : 'web')];
      case 'kind':
        return [item.kind];
      case 'status':
        return [item.review?.status ?? 'new'];
      case 'cluster':
        return [item.clusterId ?? ''];
    }
  };
  const rows = new Map<string, CountRow>();
  const selected = items.filter((item) => matches(item, filter));
  if (!by.length) return [{ keys: [], count: selected.length, flagged: selected.filter((item) => item.flagged).length }];
  for (const item of selected) {
    let combos: string[][] = [[]];
    for (const key of by) combos = combos.flatMap((combo) => keysOf(item, key).map((value) => [...combo, value]));
    for (const keys of combos) {
      const row = rows.get(JSON.stringify(keys)) ?? rows.set(JSON.stringify(keys), { keys, count: 0, flagged: 0 }).get(JSON.stringify(keys))!;
      row.count++;
      if (item.flagged) row.flagged++;
    }
  }
  return sortRows([...rows.values()]);
}

const sortRows = (rows: CountRow[]) => [...rows].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

/** Reference clusters: members matching the filter, two or more, largest, then latest first. */
function expectedClusters(items: ScoredItem[], filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, limit: number): ClusterCount[] {
  const clusters = new Map<string, ScoredItem[]>();
  for (const item of items.filter((candidate) => candidate.clusterId && matches(candidate, filter))) {
    clusters.set(item.clusterId!, [...(clusters.get(item.clusterId!) ?? []), item]);
  }
  return [...clusters]
    .filter(([, members]) => members.length > 1)
    .map(([clusterId, members]) => {
      const times = members.map(itemTimestamp).sort();
      return { clusterId, size: members.length, flagged: members.filter((m) => m.flagged).length, firstSeen: times[0], lastSeen: times[times.length - 1] };
    })
    .sort((a, b) => b.size - a.size || (a.lastSeen < b.lastSeen ? 1 : -1))
    .slice(0, limit);
}

/** Reference term counts: items per term, each with the form and kind of its first mention. */
function expectedTerms(items: ScoredItem[], filter: Pick<ItemFilter, 'from' | 'to'>): TermCount[] {
  const terms = new Map<string, Map<string, { form: string; kind: string; items: number }>>();
  for (const item of items.filter((candidate) => matches(candidate, filter))) {
    const seen = new Set<string>();
    for (const explanation of item.explanations) {
      const term = termKey(explanation.matched);
      if (seen.has(term)) continue;
      seen.add(term);
      const form = explanation.matched.normalize('NFC').replace(/\s+/g, ' ').trim();
      const forms = terms.get(term) ?? terms.set(term, new Map()).get(term)!;
      const entry =
        forms.get(`${explanation.kind} ${form}`) ??
        forms.set(`${explanation.kind} ${form}`, { form, kind: explanation.kind, items: 0 }).get(`${explanation.kind} ${form}`)!;
      entry.items++;
    }
  }
  return [...terms]
    .map(([term, forms]) => ({
      term,
      items: [...forms.values()].reduce((sum, form) => sum + form.items, 0),
      forms: [...forms.values()].sort((a, b) => b.items - a.items || (a.form < b.form ? -1 : 1)),
    }))
    .sort((a, b) => b.items - a.items || (a.term < b.term ? -1 : 1)) as TermCount[];
}

/** An explanation of one matched term, as the scorer writes it. */
const mention = (kind: 'congress' | 'distortion', matched: string) => ({
  kind,
  term: termKey(matched),
  matched,
  weight: 0.5,
  field: 'text' as const,
  start: 0,
  end: matched.length,
});

/** What a store hands back: the item as JSON (undefined fields dropped). */
const stored = (item: ScoredItem) => JSON.parse(JSON.stringify(item)) as ScoredItem;

// --- fixtures ---------------------------------------------------------------------------

const flaggedScores = (distortion: number) => ({ congress: 0.9, distortion });

/** Covers every filter, sort tie-break and day boundary (Vietnam time) the contract promises. */
function fixtureItems(): ScoredItem[] {
  const items: ScoredItem[] = [
    makeItem(
      {
        sourceId: 'bao-a',
        url: 'https://bao-a.example/dai-hoi-khai-mac',
        title: 'Đại hội Đảng lần thứ XIII khai mạc',
        text: 'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc sáng nay tại Hà Nội.',
        publishedAt: '2021-01-25T01:00:00Z',
      },
      { congress: true, topics: ['congress-2020'], scores: flaggedScores(0.2) },
    ),
    makeItem(
      {
        sourceId: 'bao-a',
        url: 'https://bao-a.example/tin-don-nhan-su',
        title: 'Tin đồn về nhân sự Đại hội',
        text: 'Một trang mạng lan truyền tin đồn sai sự thật về nhân sự Đảng trước thềm Đại hội.',
        publishedAt: '2021-01-24T10:00:00Z',
      },
      { congress: true, distortion: true, topics: ['congress-2020', 'rumours'], scores: flaggedScores(0.95) },
    ),
    makeItem(
      {
        sourceId: 'bao-b',
        url: 'https://bao-b.example/kinh-te',
        title: 'Kinh tế Hà Nội tăng trưởng',
        text: 'GDP của thành phố tăng 4,5% trong năm 2020.',
        publishedAt: '2020-10-16T16:59:59.999Z',
      },
      { topics: ['economy'] },
    ),
    makeItem(
      {
        sourceId: 'bao-b',
        url: 'https://bao-b.example/thoi-tiet',
        title: 'Thời tiết miền Trung',
        text: 'Mưa lớn kéo dài ở các tỉnh miền Trung.',
        publishedAt: '2020-10-16T17:00:00Z',
      },
      {},
    ),
    makeItem(
      {
        sourceId: 'bao-b',
        url: 'https://bao-b.example/nua-dem',
        title: 'Bản tin nửa đêm',
        text: 'Đăng tải lúc nửa đêm theo giờ Việt Nam.',
        publishedAt: '2020-10-15T17:30:00Z',
      },
      {},
    ),
    makeItem(
      {
        sourceId: 'dien-dan',
        kind: 'social',
        platform: 'mastodon',
        url: 'https://dien-dan.example/@a/1',
        title: 'Bài đăng trên diễn đàn',
        text: 'Người dùng đăng bài xuyên tạc về Đại hội Đảng, kêu gọi tẩy chay.',
        fetchedAt: '2021-01-26T03:00:00Z',
      },
      { congress: true, distortion: true, topics: ['congress-2020'], scores: flaggedScores(0.95) },
    ),
    makeItem(
      {
        sourceId: 'dien-dan',
        kind: 'social',
        url: 'https://dien-dan.example/@b/2',
        title: 'Ngày không hợp lệ',
        text: 'Ngày đăng của bài này không đọc được, nên dùng thời điểm thu thập.',
        publishedAt: 'không rõ',
        fetchedAt: '2021-01-26T03:00:00Z',
      },
      { topics: [] },
    ),
    makeItem(
      {
        sourceId: 'rss-c',
        kind: 'rss',
        url: 'https://rss-c.example/a',
        title: 'Dự báo kinh tế',
        text: 'Các chuyên gia nhận định về đường lối phát triển của Đảng.',
        publishedAt: '2021-01-20T00:00:00+07:00',
      },
      { congress: true, topics: ['congress-2020', 'economy'], scores: flaggedScores(0.5) },
    ),
    makeItem(
      {
        sourceId: 'rss-c',
        kind: 'rss',
        url: 'https://rss-c.example/b',
        title: 'ĐẠI HỘI ĐẢNG BẾ MẠC',
        text: 'Phiên bế mạc diễn ra trang trọng.',
        publishedAt: '2021-02-01T08:00:00Z',
      },
      { congress: true, distortion: true, topics: ['congress-2020'], scores: flaggedScores(0.7) },
    ),
  ];
  items[0].clusterId = 'c1';
  items[1].clusterId = 'c1';
  items[5].clusterId = 'c2';
  items[7].clusterId = 'c2';
  items[8].clusterId = 'c3';
  items[0].explanations = [mention('congress', 'Đại hội'), mention('congress', 'đại  hội'), mention('congress', 'khai mạc')];
  items[1].explanations = [mention('distortion', 'tin đồn'), mention('congress', 'Đại hội')];
  items[5].explanations = [mention('distortion', 'xuyên tạc'), mention('distortion', 'tẩy chay'), mention('congress', 'Đại hội')];
  items[8].explanations = [mention('congress', 'ĐẠI HỘI')];
  items[1].review = { status: 'in_review', assignee: 'lan' };
  items[5].review = { status: 'confirmed', assignee: 'minh', priority: 'high', tags: ['mxh'] };
  items[8].review = { status: 'new', assignee: 'lan' };
  items[3].engagement = { likes: 3, shares: 1 };
  return items;
}

const FILTER_QUERIES: Array<Partial<ItemQuery>> = [
  {},
  { flagged: true },
  { flagged: false },
  { congress: true },
  { congress: false, sort: 'oldest' },
  { source: 'bao-b' },
  { source: 'khong-co' },
  { kind: 'social' },
  { kind: 'rss', flagged: true },
  { platform: 'mastodon' },
  { topic: 'economy' },
  { topic: 'congress-2020', flagged: false },
  { clusterId: 'c1', sort: 'oldest' },
  { status: ['new'] },
  { status: ['in_review', 'confirmed'] },
  { assignee: 'lan' },
  { from: '2021-01-01' },
  { to: '2020-10-16' },
  { from: '2020-10-16', to: '2020-10-16' },
  { from: '2020-10-17', to: '2020-10-17' },
  { from: '2021-01-24T10:00:00Z', to: '2021-01-25T01:00:00Z' },
  { sort: 'distortion' },
  { sort: 'oldest' },
  { q: 'dai hoi dang' },
  { q: 'Đại hội Đảng' },
  { q: 'ĐẠI HỘI' },
  { q: 'Đại hội'.normalize('NFD') },
  { q: 'đăng' },
  { q: 'kinh te ha noi' },
  { q: 'dai hoi bế mạc' },
  { q: 'xiii' },
  { q: 'dang khai mac tai ha noi', sort: 'oldest' },
  { q: 'dai hoi', flagged: true, sort: 'distortion' },
  { q: 'dai hoi', source: 'dien-dan' },
  { q: 'không có từ này' },
  { q: '!!! ...' },
  { q: '' },
  { minDistortion: 0.7 },
  { minDistortion: 0.95, sort: 'distortion' },
  { minCongress: 0.85, sort: 'oldest' },
  { minDistortion: 0.5, minCongress: 0.5, platform: 'web' },
  { platform: 'web' },
  { platform: 'social' },
  { platform: 'web', flagged: true, sort: 'distortion' },
  { platform: 'social', q: 'ngay' },
  { q: 'dai hoi', minDistortion: 0.9 },
];

const COUNT_FILTERS: ItemFilter[] = [
  {},
  { flagged: true },
  { from: '2021-01-01' },
  { from: '2020-10-16', to: '2020-10-16' },
  { from: '2021-01-24T10:00:00Z', to: '2021-01-25T01:00:00Z' },
  { topic: 'economy' },
  { platform: 'web' },
  { platform: 'social', status: ['new'] },
  { minDistortion: 0.7 },
  { source: 'bao-b', congress: false },
  { clusterId: 'c1' },
  { q: 'dai hoi' },
  { source: 'khong-co' },
];

const COUNT_KEYS: CountKey[][] = [
  [],
  ['day'],
  ['topic'],
  ['source'],
  ['platform'],
  ['kind'],
  ['status'],
  ['cluster'],
  ['day', 'topic'],
  ['day', 'platform'],
  ['status', 'source'],
];

// --- the contract -----------------------------------------------------------------------

for (const engine of [sqlite, elasticsearch]) {
  describe.skipIf(!engine.available)(`store contract: ${engine.name}`, () => {
    describe('upserts', () => {
      let store: Store;
      beforeAll(async () => {
        store = (await engine.create('upsert')).store;
      });

      it('inserts once and replaces on the same id (idempotent)', async () => {
        const [a, b] = fixtureItems();
        expect(await store.upsertItems([a, b])).toEqual({ inserted: 2, updated: 0, errors: [] });
        expect(await store.upsertItems([a, b])).toEqual({ inserted: 0, updated: 2, errors: [] });
        expect(await store.getItem(a.id)).toEqual(stored(a));
        expect((await store.queryItems({ page: 1, pageSize: 10 })).total).toBe(2);

        const edited = makeItem(
          { sourceId: 'bao-a', url: a.url, title: 'Đại hội Đảng bầu Ban Chấp hành', text: 'Đại hội bầu Ban Chấp hành Trung ương khóa XIII.' },
          { congress: true },
        );
        expect(edited.id).toBe(a.id);
        expect(await store.upsertItems([edited])).toEqual({ inserted: 0, updated: 1, errors: [] });
        expect((await store.getItem(a.id))?.title).toBe('Đại hội Đảng bầu Ban Chấp hành');
        expect((await store.queryItems({ page: 1, pageSize: 10 })).total).toBe(2);
        expect((await store.queryItems({ q: 'ban chap hanh', page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([a.id]);
        expect((await store.queryItems({ q: 'khai mac', page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([]);
      });

      it('counts a repeated id within one batch as an insert then an update, and keeps the last copy', async () => {
        const item = fixtureItems()[2];
        const second = { ...item, title: 'Bản sửa' };
        expect(await store.upsertItems([item, second])).toEqual({ inserted: 1, updated: 1, errors: [] });
        expect((await store.getItem(item.id))?.title).toBe('Bản sửa');
      });

      it('returns null for unknown ids and hashes', async () => {
        expect(await store.getItem('khong-co-id')).toBeNull();
        expect(await store.findByContentHash('0'.repeat(40))).toBeNull();
      });

      it('finds the first-inserted item carrying a content hash, even after it is updated', async () => {
        const original = makeItem({ url: 'https://bao-d.example/goc', title: 'Bài gốc', text: 'Cùng một nội dung được đăng lại.' });
        const copy = makeItem({ url: 'https://bao-e.example/ban-sao', title: 'Bản sao', text: 'Cùng một nội dung được đăng lại.' });
        expect(copy.contentHash).toBe(original.contentHash);
        expect(copy.id).not.toBe(original.id);
        await store.upsertItems([original]);
        await store.upsertItems([copy]);
        expect(await store.findByContentHash(original.contentHash)).toBe(original.id);
        await store.upsertItems([{ ...original, title: 'Bài gốc (cập nhật)' }]);
        expect(await store.findByContentHash(original.contentHash)).toBe(original.id);
      });

      it('round-trips every field, including review, engagement, explanations the scoring model and a known-rumour match', async () => {
        const item = fixtureItems()[5];
        item.explanations = [
          { kind: 'distortion', term: 'xuyen-tac', matched: 'xuyên tạc', weight: 0.8, field: 'text', start: 16, end: 25 },
          { kind: 'rumour', term: 'confirmed:it-1', matched: 'xuyên tạc', weight: 0.7, field: 'text', start: 16, end: 25, note: 'repeats a rumour …' },
        ];
        item.modelVersion = 'm-0123456789ab';
        item.knownRumour = {
          itemId: 'it-1',
          decision: 'confirmed',
          decidedAt: '2020-10-14T01:30:00.000Z',
          response: { id: 'r-1', publishedAt: '2020-10-14T03:00:00.000Z', url: 'https://gialai.example/dinh-chinh', title: 'Đính chính' },
          similarity: 0.82,
        };
        await store.upsertItems([item]);
        expect(await store.getItem(item.id)).toEqual(stored(item));
        const summary = (await store.queryItems({ source: 'dien-dan', page: 1, pageSize: 5 })).items.find((s) => s.id === item.id);
        expect(summary).toEqual(JSON.parse(JSON.stringify(toSummary(item))));
      });
    });

    describe('revisions', () => {
      let store: Store;
      beforeAll(async () => {
        store = (await engine.create('revisions')).store;
      });

      it("keeps an edited item's earlier versions with their changes, and leaves them out of summaries", async () => {
        const first = makeItem({ url: 'https://bao-r.example/bai', title: 'Bản đầu', text: 'Câu một. Câu hai.' });
        const revisions = withRevision(first, { title: 'Bản sửa', text: 'Câu một. Câu ba.', fetchedAt: '2020-10-15T02:00:00.000Z' });
        const edited = { ...makeItem({ url: first.url, title: 'Bản sửa', text: 'Câu một. Câu ba.' }), revisions };
        await store.upsertItems([first]);
        await store.upsertItems([edited]);
        const got = await store.getItem(first.id);
        expect(got).toEqual(stored(edited));
        expect(got?.revisions).toEqual([
          {
            title: 'Bản đầu',
            text: 'Câu một. Câu hai.',
            contentHash: first.contentHash,
            fetchedAt: first.fetchedAt,
            replacedAt: '2020-10-15T02:00:00.000Z',
            changes: { title: { from: 'Bản đầu', to: 'Bản sửa' }, addedSentences: ['Câu ba.'], removedSentences: ['Câu hai.'] },
          },
        ]);
        await store.refresh?.();
        const [summary] = (await store.queryItems({ page: 1, pageSize: 5 })).items;
        expect(summary.id).toBe(first.id);
        expect('revisions' in summary).toBe(false);
      });
    });

    describe('text read from images (OCR)', () => {
      let store: Store;
      beforeAll(async () => {
        store = (await engine.create('ocr')).store;
      });

      it('round-trips ocrText and its images, searches it like the text, and leaves it out of summaries', async () => {
        const screenshot = makeItem({
          sourceId: 'mxh',
          kind: 'social',
          url: 'https://mxh.example/bai/1',
          title: '',
          text: 'Xem ảnh này',
          imageUrls: ['https://mxh.example/anh/1.png'],
          ocrText: 'Danh sách nhân sự bị rò rỉ',
          ocrImages: [{ url: 'https://mxh.example/anh/1.png', start: 0, end: 26 }],
        });
        screenshot.explanations = [{ kind: 'distortion', term: 'ro-ri', matched: 'rò rỉ', weight: 0.5, field: 'ocr', start: 21, end: 26 }];
        const page = makeItem({
          sourceId: 'bao-in',
          kind: 'epaper',
          url: 'https://bao.example/2020-10-14.pdf#page=3',
          canonicalUrl: 'https://bao.example/2020-10-14.pdf',
          title: 'Báo 2020-10-14 – p. 3/8',
          text: 'Trang ba',
          epaper: { edition: 'Báo', date: '2020-10-14', page: 3, pages: 8, pdfUrl: 'https://bao.example/2020-10-14.pdf', textFrom: 'text-layer' },
        });
        await store.upsertItems([screenshot, page]);
        expect(await store.getItem(screenshot.id)).toEqual(stored(screenshot));
        expect(await store.getItem(page.id)).toEqual(stored(page));
        for (const q of ['rò rỉ nhân sự', 'ro ri nhan su']) {
          expect((await store.queryItems({ q, page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([screenshot.id]);
        }
        expect((await store.queryItems({ kind: 'epaper', page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([page.id]);
        const [summary] = (await store.queryItems({ q: 'ro ri', page: 1, pageSize: 10 })).items;
        expect(summary).toEqual(JSON.parse(JSON.stringify(toSummary(screenshot))));
        expect(summary).not.toHaveProperty('ocrText');

        // New OCR text replaces the old words in the index.
        await store.upsertItems([{ ...screenshot, ocrText: 'Ảnh phong cảnh', foldedText: makeItem({ ...screenshot, ocrText: 'Ảnh phong cảnh' }).foldedText }]);
        expect((await store.queryItems({ q: 'ro ri', page: 1, pageSize: 10 })).total).toBe(0);
        expect((await store.queryItems({ q: 'phong canh', page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([screenshot.id]);
      });
    });

    describe('queries and aggregations', () => {
      let store: Store;
      const items = fixtureItems();
      beforeAll(async () => {
        store = (await engine.create('query')).store;
        // Two batches, to exercise updates in between.
        await store.upsertItems(items.slice(0, 5));
        await store.upsertItems(items.slice(5));
      });

      it.each(FILTER_QUERIES.map((query) => [JSON.stringify(query), query] as const))('filters %s like the reference', async (_, query) => {
        const page = await store.queryItems({ ...query, page: 1, pageSize: 50 });
        const expected = expectedIds(items, query);
        expect(page.items.map((item) => item.id)).toEqual(expected);
        expect(page.total).toBe(expected.length);
      });

      it('finds "Đại hội Đảng" when typed without diacritics', async () => {
        const titles = (await store.queryItems({ q: 'dai hoi dang', page: 1, pageSize: 50 })).items.map((i) => i.title);
        expect(titles).toContain('Đại hội Đảng lần thứ XIII khai mạc');
        expect(titles).toContain('ĐẠI HỘI ĐẢNG BẾ MẠC');
        expect(titles).not.toContain('Kinh tế Hà Nội tăng trưởng');
      });

      it('pages through results without gaps or repeats', async () => {
        const all = expectedIds(items, { sort: 'oldest' });
        const seen: string[] = [];
        for (let page = 1; page <= 4; page++) {
          const result = await store.queryItems({ sort: 'oldest', page, pageSize: 3 });
          expect(result.total).toBe(items.length);
          expect(result).toMatchObject({ page, pageSize: 3 });
          seen.push(...result.items.map((item) => item.id));
        }
        expect(seen).toEqual(all);
      });

      it.each([
        {},
        { source: 'bao-b' },
        { from: '2020-10-16', to: '2020-10-16' },
        { from: '2021-01-01' },
        { clusterId: 'c1' },
        { source: 'khong-co' },
      ] as StatsQuery[])('aggregates %j by day (Vietnam time), source and topic like the reference', async (query) => {
        expect(await store.stats(query)).toEqual(expectedStats(items, query));
      });

      it.each(COUNT_KEYS.flatMap((by) => COUNT_FILTERS.map((filter) => [JSON.stringify(by), JSON.stringify(filter), by, filter] as const)))(
        'counts by %s over %s like the reference',
        async (_by, _filter, by, filter) => {
          const rows = await store.counts(filter, by);
          expect(by.length ? sortRows(rows) : rows).toEqual(expectedCounts(items, filter, by));
        },
      );

      it.each([{}, { congress: true }, { from: '2021-01-25' }, { to: '2021-01-24' }, { from: '2021-01-01', limit: 1 }] as Array<
        Pick<ItemFilter, 'from' | 'to' | 'congress'> & { limit?: number }
      >)('ranks the clusters of %j like the reference', async ({ limit = 10, ...filter }) => {
        expect(await store.topClusters(filter, limit)).toEqual(expectedClusters(items, filter, limit));
      });

      it('ranks c2 (two members, the latest) before c1 and leaves out one-member c3', async () => {
        expect((await store.topClusters({}, 10)).map((cluster) => [cluster.clusterId, cluster.size, cluster.flagged])).toEqual([
          ['c2', 2, 1],
          ['c1', 2, 1],
        ]);
      });

      it.each([{}, { from: '2021-01-25' }, { from: '2021-01-24', to: '2021-01-25' }, { from: '2021-01-24T12:00:00Z' }, { to: '2020-12-31' }])(
        'counts the terms of %j like the reference',
        async (filter) => {
          expect(await store.termCounts(filter)).toEqual(expectedTerms(items, filter));
        },
      );

      it('counts a term once per item, whatever its case or spacing, with its forms', async () => {
        const dai = (await store.termCounts({})).find((term) => term.term === 'đại hội');
        expect(dai).toEqual({
          term: 'đại hội',
          items: 4,
          forms: [
            { form: 'Đại hội', kind: 'congress', items: 3 },
            { form: 'ĐẠI HỘI', kind: 'congress', items: 1 },
          ],
        });
      });

      it('keeps the counts right when items are updated: a new day, topics, review status and terms', async () => {
        const { store: updated } = await engine.create('updates');
        await updated.upsertItems(items);
        const moved = {
          ...items[2],
          publishedAt: '2021-01-26T05:00:00Z',
          topics: ['rumours'],
          review: { status: 'dismissed' as const },
          explanations: [mention('distortion', 'tin đồn')],
        };
        await updated.upsertItems([moved]);
        const now = items.map((item) => (item.id === moved.id ? moved : item));
        for (const by of [['day'], ['topic'], ['status', 'source']] as CountKey[][])
          expect(sortRows(await updated.counts({}, by))).toEqual(expectedCounts(now, {}, by));
        expect(await updated.termCounts({})).toEqual(expectedTerms(now, {}));
        expect(await updated.topClusters({}, 10)).toEqual(expectedClusters(now, {}, 10));
      });

      it('keeps the counts right when one batch writes a stored id twice and a new id twice', async () => {
        const { store: repeated } = await engine.create('repeated');
        await repeated.upsertItems(items.slice(1));
        const [fresh, stored] = [items[0], items[2]];
        const firstEdit = { ...stored, publishedAt: '2021-01-20T05:00:00Z', topics: ['rumours'], clusterId: fresh.clusterId ?? 'c-new' };
        const lastEdit = {
          ...stored,
          publishedAt: '2021-01-27T05:00:00Z',
          review: { status: 'dismissed' as const },
          explanations: [mention('distortion', 'tin đồn')],
        };
        const freshEdit = { ...fresh, topics: ['economy'], flagged: !fresh.flagged };
        expect(await repeated.upsertItems([firstEdit, fresh, lastEdit, freshEdit])).toEqual({ inserted: 1, updated: 3, errors: [] });
        const now = items.map((item) => (item.id === stored.id ? lastEdit : item.id === fresh.id ? freshEdit : item));
        for (const by of [['day'], ['topic'], ['status', 'source'], ['day', 'platform']] as CountKey[][])
          expect(sortRows(await repeated.counts({}, by))).toEqual(expectedCounts(now, {}, by));
        expect(await repeated.termCounts({})).toEqual(expectedTerms(now, {}));
        expect(await repeated.topClusters({}, 10)).toEqual(expectedClusters(now, {}, 10));
        expect(await repeated.topClusters({ congress: true }, 10)).toEqual(expectedClusters(now, { congress: true }, 10));
      });

      it('keeps the counts right when a batch of new items ends by writing its first id again', async () => {
        // Every row new, the first written twice: counted once, as it ends up, and the rows
        // between counted too.
        const { store: fresh } = await engine.create('fresh-repeat');
        const edit = { ...items[0], publishedAt: '2021-01-27T05:00:00Z', topics: ['rumours'], explanations: [mention('distortion', 'tin đồn')] };
        expect(await fresh.upsertItems([...items, edit])).toEqual({ inserted: items.length, updated: 1, errors: [] });
        const now = [edit, ...items.slice(1)];
        for (const by of [['day'], ['topic'], ['status', 'source'], ['day', 'platform']] as CountKey[][])
          expect(sortRows(await fresh.counts({}, by))).toEqual(expectedCounts(now, {}, by));
        expect(await fresh.termCounts({})).toEqual(expectedTerms(now, {}));
        expect(await fresh.topClusters({}, 10)).toEqual(expectedClusters(now, {}, 10));
      });

      it('ranks a cluster straddling the range by its members in range, also after members move or go', async () => {
        const { store: ranked } = await engine.create('straddle');
        const member = (cluster: string, days: string[]) =>
          days.map((day, n) => ({
            ...makeItem(
              { url: `https://bao-a.example/${cluster}-${n}`, title: `Tin ${cluster} ${n}`, text: 'Nội dung', publishedAt: `${day}T03:00:00Z` },
              { congress: n % 2 === 0, distortion: n === 0, scores: flaggedScores(0.7) },
            ),
            clusterId: cluster,
          }));
        // "big" has five members, two of them in January; "mid" three, "small" two, all in January.
        let items = [
          ...member('big', ['2020-12-01', '2020-12-02', '2020-12-03', '2021-01-05', '2021-01-06']),
          ...member('mid', ['2021-01-02', '2021-01-03', '2021-01-04']),
          ...member('small', ['2021-01-07', '2021-01-08']),
        ];
        await ranked.upsertItems(items);
        const january = { from: '2021-01-01', to: '2021-01-31' };
        const cases: Array<[Pick<ItemFilter, 'from' | 'to' | 'congress'>, number]> = [
          [january, 1],
          [january, 2],
          [january, 3],
          [{ ...january, congress: true }, 3],
          [{}, 2],
          [{ to: '2020-12-02' }, 1],
          [{ from: '2021-01-06T00:00:00Z' }, 3],
        ];
        const check = async () => {
          for (const [filter, limit] of cases) expect(await ranked.topClusters(filter, limit)).toEqual(expectedClusters(items, filter, limit));
        };
        await check();
        // A member of "mid" moves to December, a January member of "big" leaves it.
        const moved = [
          { ...items[5], publishedAt: '2020-12-20T03:00:00Z' },
          { ...items[4], clusterId: 'small' },
        ];
        await ranked.upsertItems(moved);
        items = items.map((item) => moved.find((m) => m.id === item.id) ?? item);
        await check();
        await ranked.deleteOlderThan?.('2020-12-02T12:00:00Z');
        items = items.filter((item) => itemTimestamp(item) >= '2020-12-02T12:00:00.000Z');
        await check();
      });

      it('buckets an item published at 17:30 UTC on the next Vietnamese day', async () => {
        const stats = await store.stats({ source: 'bao-b' });
        expect(stats.byDay.map((day) => day.key)).toEqual(['2020-10-16', '2020-10-17']);
        expect(stats.byDay[0].count).toBe(2);
      });

      it.each(FILTER_QUERIES.filter((query) => query.sort !== 'distortion').map((query) => [JSON.stringify(query), query] as const))(
        'streams every item matching %s, whole, in the order of the pages',
        async (_, query) => {
          const streamed: ScoredItem[] = [];
          for await (const batch of store.streamItems({ ...query, sort: query.sort as 'newest' | 'oldest' | undefined }, 2)) {
            expect(batch.length).toBeLessThanOrEqual(2);
            streamed.push(...batch);
          }
          expect(streamed.map((item) => item.id)).toEqual(expectedIds(items, query));
          for (const item of streamed) expect(item.text).toBe(items.find((original) => original.id === item.id)!.text);
        },
      );

      it('scans every item in insertion order, in batches', async () => {
        const batches: string[][] = [];
        for await (const batch of store.scanItems(4)) batches.push(batch.map((item) => item.id));
        expect(batches.map((batch) => batch.length)).toEqual([4, 4, 1]);
        expect(batches.flat()).toEqual(items.map((item) => item.id));
        // An update does not move an item.
        await store.upsertItems([{ ...items[0], title: 'Cập nhật' }]);
        const again: ScoredItem[] = [];
        for await (const batch of store.scanItems(100)) again.push(...batch);
        expect(again.map((item) => item.id)).toEqual(items.map((item) => item.id));
        expect(again[0].title).toBe('Cập nhật');
        await store.upsertItems([items[0]]);
      });
    });

    describe('retention', () => {
      it('deletes items older than a cutoff (published, else fetched time), search entries included', async () => {
        const { store } = await engine.create('retention');
        const items = fixtureItems();
        await store.upsertItems(items);
        const cutoff = '2021-01-24T10:00:00Z';
        const kept = items.filter((item) => itemTimestamp(item) >= new Date(cutoff).toISOString());
        expect(await store.deleteOlderThan?.(cutoff)).toBe(items.length - kept.length);
        expect((await store.queryItems({ sort: 'oldest', page: 1, pageSize: 50 })).items.map((i) => i.id)).toEqual(expectedIds(kept, { sort: 'oldest' }));
        expect(await store.stats({})).toEqual(expectedStats(kept, {}));
        expect(sortRows(await store.counts({}, ['day', 'platform']))).toEqual(expectedCounts(kept, {}, ['day', 'platform']));
        expect(await store.termCounts({})).toEqual(expectedTerms(kept, {}));
        expect(await store.topClusters({}, 10)).toEqual(expectedClusters(kept, {}, 10));
        expect((await store.queryItems({ q: 'thoi tiet', page: 1, pageSize: 5 })).total).toBe(0);
        expect(await store.getItem(items[3].id)).toBeNull();
        expect(await store.deleteOlderThan?.(cutoff)).toBe(0);
      });

      it('deletes only the given kinds when asked to', async () => {
        const { store } = await engine.create('retention-kinds');
        const items = fixtureItems();
        await store.upsertItems(items);
        const cutoff = '2030-01-01T00:00:00Z';
        const social = items.filter((item) => item.kind === 'social');
        expect(await store.deleteKindsOlderThan?.(['social'], cutoff)).toBe(social.length);
        expect((await store.queryItems({ page: 1, pageSize: 50 })).total).toBe(items.length - social.length);
        expect((await store.queryItems({ kind: 'social', page: 1, pageSize: 50 })).total).toBe(0);
      });
    });

    describe('deep pagination', () => {
      const COUNT = 10_250;
      let store: Store;
      let items: ScoredItem[];
      beforeAll(async () => {
        store = (await engine.create('deep')).store;
        const base = Date.parse('2021-01-01T00:00:00Z');
        items = Array.from({ length: COUNT }, (_, i) =>
          makeItem(
            {
              sourceId: `nguon-${i % 7}`,
              url: `https://bao.example/bai-${i}`,
              title: `Bài ${i}`,
              text: i % 2 ? 'Tin về Đại hội Đảng.' : 'Tin kinh tế.',
              // Ties on the timestamp, so the id tie-break matters.
              publishedAt: new Date(base + (i % 3000) * 60_000).toISOString(),
            },
            { congress: i % 2 === 1, distortion: i % 3 === 0, scores: { congress: 0.5, distortion: (i % 10) / 10 } },
          ),
        );
        for (let start = 0; start < COUNT; start += 2_500) {
          const result = await store.upsertItems(items.slice(start, start + 2_500));
          expect(result.errors).toEqual([]);
        }
      }, 180_000);

      it.each([
        { sort: 'newest', page: 101, pageSize: 100 },
        { sort: 'newest', page: 103, pageSize: 100 },
        { sort: 'newest', page: 104, pageSize: 100 },
        { sort: 'oldest', page: 34, pageSize: 300 },
        { sort: 'oldest', page: 11, pageSize: 1000 },
        { sort: 'distortion', page: 205, pageSize: 50 },
        // Past the end: no items, the full total.
        { sort: 'newest', page: 150, pageSize: 100 },
      ] as const)('serves $sort page $page of $pageSize past 10,000 results', async ({ sort, page, pageSize }) => {
        const result = await store.queryItems({ sort, page, pageSize });
        const expected = expectedIds(items, { sort }).slice((page - 1) * pageSize, page * pageSize);
        expect(result.total).toBe(COUNT);
        expect(result.items.map((item) => item.id)).toEqual(expected);
      });

      it('applies filters on deep pages too', async () => {
        const query = { q: 'tin', congress: false, sort: 'oldest' as const };
        const expected = expectedIds(items, query);
        expect(expected.length).toBe(COUNT / 2);
        const result = await store.queryItems({ ...query, page: 51, pageSize: 100 });
        expect(result.total).toBe(expected.length);
        expect(result.items.map((item) => item.id)).toEqual(expected.slice(5000, 5100));
        const everything = await store.queryItems({ q: 'tin', sort: 'oldest', page: 102, pageSize: 100 });
        expect(everything.total).toBe(COUNT);
        expect(everything.items.map((item) => item.id)).toEqual(expectedIds(items, { sort: 'oldest' }).slice(10_100, 10_200));
      });

      it('counts every item in the aggregations', async () => {
        expect(await store.stats({})).toEqual(expectedStats(items, {}));
        // More groups than one page of the engine's aggregation (Elasticsearch pages 5,000 at a time).
        expect(sortRows(await store.counts({}, ['day', 'source']))).toEqual(expectedCounts(items, {}, ['day', 'source']));
        expect(sortRows(await store.counts({ minDistortion: 0.5 }, ['cluster']))).toEqual(expectedCounts(items, { minDistortion: 0.5 }, ['cluster']));
      });

      it.each([{ sort: 'newest' as const }, { sort: 'oldest' as const, congress: true }, { q: 'dai hoi', sort: 'newest' as const }])(
        'streams all of %j across timestamp ties, 1,000 at a time',
        async (query) => {
          const ids: string[] = [];
          for await (const batch of store.streamItems(query, 1_000)) ids.push(...batch.map((item) => item.id));
          expect(ids).toEqual(expectedIds(items, query));
        },
      );
    });

    describe('concurrent writers', () => {
      it('lands every item exactly once when several handles write overlapping batches at once', async () => {
        const { store, another } = await engine.create('concurrent');
        const handles = [store, await another(), await another(), await another()];
        const version = (writer: number, i: number) =>
          makeItem({ url: `https://bao.example/chung-${i}`, title: `Bài ${i}`, text: `Phiên bản của người ghi ${writer} cho bài ${i}.` });
        const writes = handles.map(async (handle, writer) => {
          const mine = Array.from({ length: 300 }, (_, k) => version(writer, writer * 150 + k));
          const results = [];
          for (let start = 0; start < mine.length; start += 25) results.push(await handle.upsertItems(mine.slice(start, start + 25)));
          return results;
        });
        const results = (await Promise.all(writes)).flat();
        expect(results.flatMap((result) => result.errors)).toEqual([]);
        expect(results.reduce((sum, result) => sum + result.inserted + result.updated, 0)).toBe(4 * 300);
        const unique = 3 * 150 + 300;
        expect((await store.queryItems({ page: 1, pageSize: 1 })).total).toBe(unique);
        expect((await store.stats({})).total).toBe(unique);
        for (const i of [0, 149, 150, 299, 300, 449, 599, 749]) {
          const item = await handles[i % 4].getItem(version(0, i).id);
          const writers = [0, 1, 2, 3].filter((w) => i >= w * 150 && i < w * 150 + 300);
          expect(writers.map((w) => version(w, i).text)).toContain(item?.text);
        }
        let scanned = 0;
        for await (const batch of store.scanItems(200)) scanned += batch.length;
        expect(scanned).toBe(unique);
      });
    });
  });
}
