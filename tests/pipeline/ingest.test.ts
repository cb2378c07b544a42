import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classification, RawItem } from '../../core/types.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { NearDuplicateIndex } from '../../pipeline/nlp/cluster.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

const plain = {
  classify: (): Classification => ({
    congress: true,
    distortion: false,
    scores: { congress: 0.9, distortion: 0.1 },
    topics: ['congress-2020'],
    explanations: [],
  }),
};

const post = (overrides: Partial<RawItem> = {}): RawItem => ({
  sourceId: 'mastodon-gialai',
  kind: 'social',
  platform: 'mastodon',
  url: 'https://social.example/@anon/1',
  title: '',
  text: 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc sáng nay tại Pleiku, 350 đại biểu dự.',
  fetchedAt: '2020-10-14T03:00:00Z',
  engagement: { likes: 1, shares: 0 },
  ...overrides,
});

let store: SqliteStore;
let pipeline: IngestPipeline;
beforeEach(async () => {
  store = new SqliteStore({ path: ':memory:' });
  await store.init();
  pipeline = new IngestPipeline(store, plain, new NearDuplicateIndex());
});
afterEach(() => store.close());

describe('IngestPipeline', () => {
  it('stores a new item once and reports the re-fetch as a duplicate', async () => {
    expect((await pipeline.ingest(post())).status).toBe('new');
    expect((await pipeline.ingest(post())).status).toBe('duplicate');
    expect((await store.queryItems({ page: 1, pageSize: 10 })).total).toBe(1);
  });

  it('refreshes engagement counts of an unchanged post', async () => {
    const first = await pipeline.ingest(post());
    await pipeline.ingest(post({ engagement: { likes: 40, shares: 12 } }));
    const stored = await store.getItem(first.status === 'new' ? first.item.id : '');
    expect(stored!.engagement).toEqual({ likes: 40, shares: 12 });
  });

  it('skips the same text under another URL, and updates a page whose text changed', async () => {
    await pipeline.ingest(post());
    expect((await pipeline.ingest(post({ url: 'https://mirror.example/copy' }))).status).toBe('duplicate');
    const changed = await pipeline.ingest(post({ text: `${post().text} Cập nhật: phiên bế mạc ngày 16/10.` }));
    expect(changed.status).toBe('updated');
  });

  it("keeps analysts' review decisions when a page is re-crawled with new text", async () => {
    const first = await pipeline.ingest(post());
    if (first.status !== 'new') throw new Error('expected new');
    await store.upsertItems([{ ...first.item, review: { status: 'dismissed' } }]);
    await pipeline.ingest(post({ text: `${post().text} (sửa lỗi chính tả)` }));
    expect((await store.getItem(first.item.id))!.review).toEqual({ status: 'dismissed' });
  });

  it('puts a lightly edited repost in the same near-duplicate cluster', async () => {
    const first = await pipeline.ingest(post());
    const repost = await pipeline.ingest(post({ url: 'https://social.example/@anon/2', text: `${post().text} Chia sẻ để mọi người cùng biết!` }));
    expect(first.status === 'new' && repost.status === 'new').toBe(true);
    if (first.status !== 'new' || repost.status !== 'new') return;
    expect(repost.item.clusterId).toBe(first.item.clusterId);
  });
});
