// Bluesky connector against a fixture AppView answering app.bsky.feed.searchPosts and
// app.bsky.feed.getAuthorFeed with lexicon-shaped outputs (PostView, FeedViewPost, cursors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { Pseudonymiser } from '../../crawlers/social/pseudonym.ts';
import { errorsOf, fixture, Harness, PSEUDONYM_KEY, query, rateLimitedOnce, sendJson, startSite } from './helpers.ts';

let site: StaticSite;
let harness: Harness;
let first: SourceReport[];
let items: ScoredItem[];
let phase = 1;

const SEARCH = '/xrpc/app.bsky.feed.searchPosts';
const AUTHOR_FEED = '/xrpc/app.bsky.feed.getAuthorFeed';
const pseudonyms = new Pseudonymiser(PSEUDONYM_KEY);

beforeAll(async () => {
  const feedPage2 = rateLimitedOnce('1', (_req, res) => sendJson(res, 200, fixture('bluesky/author-baogialai-page2-empty.json')));
  site = await startSite({
    [SEARCH]: (req, res) => {
      const q = query(req);
      if (q.get('q') === 'tin giả') return sendJson(res, 200, fixture('bluesky/search-malformed.json'));
      if (q.get('since')) return sendJson(res, 200, phase === 2 && !q.get('cursor') ? fixture('bluesky/search-new.json') : '{"posts":[]}');
      const page = { '': 'search-page1.json', '25': 'search-page2.json', '50': 'search-page3-empty.json' }[q.get('cursor') ?? ''];
      return page ? sendJson(res, 200, fixture(`bluesky/${page}`)) : sendJson(res, 400, '{"error":"InvalidRequest","message":"invalid cursor"}');
    },
    [AUTHOR_FEED]: (req, res, s) => {
      const q = query(req);
      if (q.get('actor') !== 'baogialai.bsky.social') return sendJson(res, 400, fixture('bluesky/error-profile-not-found.json'));
      if (!q.get('cursor')) return sendJson(res, 200, fixture('bluesky/author-baogialai-page1.json'));
      return feedPage2(req, res, s);
    },
  });
  harness = await new Harness({
    privacy: { pseudonymKey: PSEUDONYM_KEY, keepHandlesFor: { bluesky: ['@baogialai.bsky.social'] } },
    sources: [
      {
        id: 'bsky',
        kind: 'bluesky',
        baseUrl: site.url,
        searches: ['đại hội', 'tin giả'],
        authors: ['baogialai.bsky.social', 'daxoa.bsky.social'],
        lang: 'vi',
        requestsPerMinute: 6000,
      },
    ],
  }).init();
  first = await harness.crawl();
  items = await harness.items('bsky');
}, 60_000);

afterAll(async () => {
  await site?.stop();
  await harness?.close();
});

const byRkey = (rkey: string) => items.find((item) => item.url.endsWith(`/post/${rkey}`));

describe('Bluesky connector', () => {
  it('pages through search results with the cursor until an empty page', () => {
    const searches = site.requests.filter((r) => r.path.startsWith(SEARCH) && !r.path.includes('tin+gi') && !r.path.includes('tin%20gi'));
    const params = searches.map((r) => new URL(r.path, site.url).searchParams);
    expect(params.map((p) => p.get('cursor'))).toEqual([null, '25', '50']);
    expect(params.every((p) => p.get('q') === 'đại hội' && p.get('sort') === 'latest' && p.get('limit') === '100' && p.get('lang') === 'vi')).toBe(true);
  });

  it('maps a PostView to an item: DID permalink, time, counts, text', () => {
    const post = byRkey('3kz7qa2xy4c2a')!;
    expect(post).toMatchObject({
      kind: 'social',
      platform: 'bluesky',
      url: 'https://bsky.app/profile/did:plc:hoa4lx2k7q3nvzjm5e6rwtyu/post/3kz7qa2xy4c2a',
      publishedAt: '2020-10-15T14:20:00.000Z',
      engagement: { replies: 3, shares: 23, likes: 11 },
    });
    expect(post.text).toMatch(/^Đại hội Đảng bộ tỉnh Gia Lai bị HOÃN đến tháng 12/);
    expect(post.text).toContain('share mạnh nhé #daihoi');
  });

  it('replaces a mention facet (a UTF-8 byte range) by the mentioned account\u2019s pseudonym', () => {
    const post = byRkey('3kz7qa2xy4c2a')!;
    const minh = pseudonyms.pseudonym('bluesky', 'did:plc:minh7c2vqk5xw3hjn8d4fsao');
    expect(post.text).toContain(`tin từ bên trong. ${minh} share mạnh nhé`);
    expect(byRkey('3kz7pzz7fj22c')!.author).toBe(minh);
    expect(post.author).toBe(pseudonyms.pseudonym('bluesky', 'did:plc:hoa4lx2k7q3nvzjm5e6rwtyu'));
    const raw = harness.rawDocuments();
    for (const personal of ['minhgialai', 'hoa-pleiku', 'Hoa Pleiku', 'Minh Gia Lai']) expect(raw).not.toContain(personal);
  });

  it('skips accounts that asked not to be shown to logged-out viewers', () => {
    expect(byRkey('3kz7q9xxm2k2b')).toBeUndefined();
    expect(harness.rawDocuments()).not.toContain('không muốn bài này bị thu thập');
  });

  it('reads an author feed: official handle kept, reposts skipped, a reply to a deleted post kept', () => {
    const official = byRkey('3kz7r2b3c4d2e')!;
    expect(official.author).toBe('@baogialai.bsky.social');
    expect(official.engagement).toEqual({ replies: 6, shares: 49, likes: 90 });
    const reply = byRkey('3kz7r1a9b8c2f')!;
    expect(reply.text).toBe('Bài gốc đã bị xóa rồi, nhưng thông tin đó là bịa đặt, đại hội không hề hoãn.');
    expect(reply.author).toBe('@baogialai.bsky.social');
    // The reposted post is stored once, from the search, under its own author.
    expect(items.filter((item) => item.url.endsWith('/post/3kz7pzz7fj22c'))).toHaveLength(1);
    expect(items).toHaveLength(4);
  });

  it('honours a 429 on the next author-feed page, then stops at the empty page', () => {
    const feed = site.requests.filter((r) => r.path.startsWith(AUTHOR_FEED) && r.path.includes('actor=baogialai'));
    expect(feed.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(new URL(feed[1].path, site.url).searchParams.get('cursor')).toBe('2020-10-15T14:50:00.300Z');
    expect(new URL(feed[0].path, site.url).searchParams.get('filter')).toBe('posts_with_replies');
  });

  it('reports a malformed output and a deleted profile with the XRPC error, and goes on', () => {
    const errors = errorsOf(first, 'bsky');
    expect(errors.find((e) => e.url.includes('q=tin'))?.reason).toMatch(/not a searchPosts output \(posts/);
    expect(errors.find((e) => e.url.includes('actor=daxoa'))?.reason).toMatch(/HTTP 400 \(InvalidRequest: Profile not found\)/);
    expect(errors).toHaveLength(2);
  });

  it('asks only for posts since the newest seen on the next run', async () => {
    phase = 2;
    const before = site.requests.length;
    const reports = await harness.crawl();
    const searches = site.requests.slice(before).filter((r) => r.path.startsWith(SEARCH) && r.path.includes('q=%C4%91'));
    expect(new URL(searches[0].path, site.url).searchParams.get('since')).toBe('2020-10-15T14:20:00.000Z');
    expect(reports[0].new).toBe(1);
    expect((await harness.items('bsky')).find((item) => item.url.endsWith('/post/3kz7xa4bq6s2d'))?.text).toContain('Ban Chấp hành khóa mới 53 người');
    const state = harness.state()['social:bsky:search:đại hội'];
    expect(state.newest).toBe('2020-10-16T09:00:00.000Z|at://did:plc:minh7c2vqk5xw3hjn8d4fsao/app.bsky.feed.post/3kz7xa4bq6s2d');
  });
});
