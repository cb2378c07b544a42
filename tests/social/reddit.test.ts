// Reddit connector against fixture JSON listings (Listing/t3 things, `after` pagination,
// deleted and removed posts, X-Ratelimit-* headers).
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
const pseudonyms = new Pseudonymiser(PSEUDONYM_KEY);

const quota = { 'x-ratelimit-used': '3', 'x-ratelimit-remaining': '97.0', 'x-ratelimit-reset': '420' };

beforeAll(async () => {
  const search = rateLimitedOnce('1', (_req, res) => sendJson(res, 200, fixture('reddit/gialai-search.json'), quota));
  site = await startSite({
    '/r/VietNam/new.json': (req, res) => {
      const after = query(req).get('after');
      if (phase === 2 && !after) return sendJson(res, 200, fixture('reddit/vietnam-new-newer.json'), quota);
      const page = { '': 'vietnam-new-page1.json', t3_jb19yy: 'vietnam-new-page2.json', t3_jb18ww: 'vietnam-new-page3-empty.json' }[after ?? ''];
      return sendJson(res, 200, fixture(`reddit/${page ?? 'vietnam-new-page3-empty.json'}`), quota);
    },
    '/r/GiaLai/search.json': search,
    '/r/broken/new.json': (_req, res) => sendJson(res, 200, fixture('reddit/broken-truncated.json')),
    '/r/private_sub/new.json': (_req, res) => sendJson(res, 403, fixture('reddit/forbidden.json')),
  });
  harness = await new Harness({
    sources: [
      {
        id: 'rd',
        kind: 'reddit',
        baseUrl: site.url,
        subreddits: ['VietNam', 'r/broken', 'private_sub'],
        searches: [{ query: 'đại hội', subreddit: 'GiaLai' }],
        requestsPerMinute: 6000,
      },
    ],
  }).init();
  first = await harness.crawl();
  items = await harness.items('rd');
}, 60_000);

afterAll(async () => {
  await site?.stop();
  await harness?.close();
});

const post = (id: string) => items.find((item) => item.url.includes(`/comments/${id}/`));

describe('Reddit connector', () => {
  it('follows `after` through the new listing until an empty page', () => {
    const pages = site.requests.filter((r) => r.path.startsWith('/r/VietNam/new.json')).map((r) => new URL(r.path, site.url).searchParams);
    expect(pages.map((p) => p.get('after'))).toEqual([null, 't3_jb19yy', 't3_jb18ww']);
    expect(pages.every((p) => p.get('limit') === '100' && p.get('raw_json') === '1')).toBe(true);
  });

  it('searches a subreddit newest first, after a 429', () => {
    const searches = site.requests.filter((r) => r.path.startsWith('/r/GiaLai/search.json'));
    expect(searches.map((r) => r.status)).toEqual([429, 200]);
    const params = new URL(searches[1].path, site.url).searchParams;
    expect([params.get('q'), params.get('restrict_sr'), params.get('sort')]).toEqual(['đại hội', '1', 'new']);
    expect(post('jb17vv')?.text).toMatch(/^Nghe đâu đại hội tỉnh mình năm nay tổ chức ở Kon Tum/);
  });

  it('skips posts deleted by their author or removed by moderators', () => {
    expect(items.map((item) => item.url.split('/')[6]).sort()).toEqual(['jb17vv', 'jb18ww', 'jb19yy', 'jb1a01']);
    const raw = harness.rawDocuments();
    expect(raw).not.toContain('Danh sách nhân sự đại hội bị lộ');
    expect(raw).not.toContain('kết quả bầu bí thư có từ trước');
  });

  it('maps a t3 thing: permalink, created_utc, score, comments, crossposts, raw text', () => {
    expect(post('jb1a01')).toMatchObject({
      kind: 'social',
      platform: 'reddit',
      url: new URL('/r/VietNam/comments/jb1a01/đại_hội_tỉnh_gia_lai/', site.url).href,
      title: 'Đại hội tỉnh Gia Lai bị hoãn thật không mọi người?',
      publishedAt: new Date(1602771600 * 1000).toISOString(),
      engagement: { likes: 42, replies: 17, shares: 2 },
    });
    expect(post('jb18ww')!.text).toContain('rườm rà & nhanh hơn');
    // A link post without text carries its link as the text.
    expect(post('jb19yy')!.text).toBe('https://baogialai.example/dai-hoi-khai-mac.html');
  });

  it('pseudonymises authors and u/ mentions', () => {
    expect(post('jb1a01')!.author).toBe(pseudonyms.pseudonym('reddit', 'pleiku_guy'));
    expect(post('jb18ww')!.author).toBe(pseudonyms.pseudonym('reddit', 'hoang_gl'));
    expect(post('jb1a01')!.text).toContain(`${pseudonyms.pseudonym('reddit', 'hoang_gl')} có biết gì không?`);
    const raw = harness.rawDocuments();
    for (const name of ['pleiku_guy', 'hoang_gl', 'dan_gia_lai', 'news_bot_vn']) expect(raw).not.toContain(name);
  });

  it('reports a truncated body and a private subreddit, and goes on', () => {
    const errors = errorsOf(first, 'rd');
    expect(errors.find((e) => e.url.includes('/r/broken/'))?.reason).toMatch(/malformed JSON/);
    expect(errors.find((e) => e.url.includes('/r/private_sub/'))?.reason).toMatch(/HTTP 403 \(403: Forbidden\)|HTTP 403 \(Forbidden\)/);
    expect(errors).toHaveLength(2);
  });

  it('stops at the newest post of the last run on the next run', async () => {
    phase = 2;
    const before = site.requests.length;
    const reports = await harness.crawl();
    const pages = site.requests.slice(before).filter((r) => r.path.startsWith('/r/VietNam/new.json'));
    expect(pages).toHaveLength(1);
    expect(reports[0].new).toBe(1);
    expect((await harness.items('rd')).find((item) => item.url.includes('/comments/jb1b02/'))?.title).toBe('Đại hội bế mạc rồi');
    expect(harness.state()['social:rd:new:vietnam']).toEqual({ newest: `00${1602860000}:0000000jb1b02` });
  });
});
