// Mastodon connector against a fixture server that answers like the REST API
// (Status/Account entities, Link-header pagination, since_id, 429 with Retry-After).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { errorsOf, fixture, Harness, PSEUDONYM_KEY, query, rateLimitedOnce, sendJson, startSite } from './helpers.ts';

let site: StaticSite;
let harness: Harness;
let first: SourceReport[];
let firstItems: ScoredItem[];
/** Phase 2: a new status was posted between the runs. */
let phase = 1;

const TAG = '/api/v1/timelines/tag/daihoi';

function expectedPseudonym(id: string): string {
  return `anon:${createHmac('sha256', PSEUDONYM_KEY).update(`mastodon\u0000${id}`).digest('hex').slice(0, 16)}`;
}

beforeAll(async () => {
  const page2 = rateLimitedOnce('1', (_req, res, s) =>
    sendJson(res, 200, s.fillTemplate(fixture('mastodon/tag-daihoi-page2.json')), {
      link: `<${s.url}${TAG}?max_id=113100000000000288>; rel="next", <${s.url}${TAG}?min_id=113100000000000290>; rel="prev"`,
    }),
  );
  site = await startSite({
    [TAG]: (req, res, s) => {
      const q = query(req);
      const maxId = q.get('max_id');
      if (q.get('since_id')) {
        // Second run: only the status posted since; following rel="next" with since_id finds nothing more.
        if (phase === 2 && !maxId) {
          return sendJson(res, 200, s.fillTemplate(fixture('mastodon/tag-daihoi-new.json')), {
            link: `<${s.url}${TAG}?max_id=113100000000000400>; rel="next", <${s.url}${TAG}?min_id=113100000000000400>; rel="prev"`,
          });
        }
        return sendJson(res, 200, '[]');
      }
      if (!maxId) {
        return sendJson(res, 200, s.fillTemplate(fixture('mastodon/tag-daihoi-page1.json')), {
          link: `<${s.url}${TAG}?max_id=113100000000000303>; rel="next", <${s.url}${TAG}?min_id=113100000000000305>; rel="prev"`,
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '299',
          'x-ratelimit-reset': new Date(Date.now() + 300_000).toISOString(),
        });
      }
      if (maxId === '113100000000000303') return page2(req, res, s);
      // The end of the timeline: an empty array and no Link header.
      return sendJson(res, 200, '[]');
    },
    '/api/v1/timelines/tag/tingia': (_req, res) => sendJson(res, 200, fixture('mastodon/tag-tingia-truncated.json')),
    '/api/v1/accounts/lookup': (req, res, s) => {
      const acct = query(req).get('acct');
      if (acct === 'baogialai') return sendJson(res, 200, s.fillTemplate(fixture('mastodon/account-baogialai.json')));
      return sendJson(res, 404, '{"error":"Record not found"}');
    },
    '/api/v1/accounts/109000000000000001/statuses': (_req, res, s) => sendJson(res, 200, s.fillTemplate(fixture('mastodon/statuses-baogialai.json'))),
  });
  const host = new URL(site.url).host;
  harness = await new Harness({
    privacy: { pseudonymKey: PSEUDONYM_KEY, keepHandlesFor: { mastodon: [`baogialai@${host}`] } },
    sources: [
      {
        id: 'masto',
        kind: 'mastodon',
        baseUrl: site.url,
        hashtags: ['#daihoi', 'tingia'],
        accounts: ['baogialai', 'nguoidaxoa'],
        requestsPerMinute: 6000,
        maxWaitSecs: 5,
      },
    ],
  }).init();
  first = await harness.crawl();
  firstItems = await harness.items('masto');
}, 60_000);

afterAll(async () => {
  await site?.stop();
  await harness?.close();
});

const byId = (id: string) => firstItems.find((item) => item.url.endsWith(`/${id}`));

describe('Mastodon connector', () => {
  it('walks the hashtag timeline across pages via the Link header until an empty page', () => {
    const tagRequests = site.requests.filter((r) => r.path.startsWith(TAG));
    expect(tagRequests.map((r) => new URL(r.path, site.url).searchParams.get('max_id'))).toEqual([
      null,
      '113100000000000303',
      '113100000000000303',
      '113100000000000288',
    ]);
    expect(tagRequests.every((r) => r.path.includes('limit=40'))).toBe(true);
    expect(tagRequests.every((r) => r.userAgent.startsWith('mediawatch/'))).toBe(true);
  });

  it('waits out a 429 for its Retry-After and retries', () => {
    const page2 = site.requests.filter((r) => r.path.includes('max_id=113100000000000303'));
    expect(page2.map((r) => r.status)).toEqual([429, 200]);
    expect(byId('113100000000000290')).toBeDefined();
  });

  it('stores public statuses of the timeline and the account, skipping boosts', () => {
    expect(firstItems.map((item) => item.url.split('/').pop()).sort()).toEqual([
      '113100000000000288',
      '113100000000000290',
      '113100000000000303',
      '113100000000000304',
      '113100000000000305',
      '113100000000000350',
    ]);
    expect(firstItems.every((item) => item.kind === 'social' && item.platform === 'mastodon' && item.sourceId === 'masto')).toBe(true);
  });

  it('keeps URL, time and engagement, and converts the HTML content to text', () => {
    const a = byId('113100000000000305')!;
    expect(a.url).toBe(`${site.url}/@nguyenvana/113100000000000305`);
    expect(a.publishedAt).toBe('2020-10-15T14:05:12.000Z');
    expect(a.engagement).toEqual({ replies: 4, shares: 17, likes: 9 });
    expect(a.text).toMatch(/^NÓNG: nghe nói Đại hội Đảng bộ tỉnh Gia Lai bị hoãn/);
    expect(a.text).toContain('\n\n#daihoi');
    expect(a.text).not.toMatch(/<[a-z]/);
    const b = byId('113100000000000304')!;
    expect(b.url).toBe('https://mastodon.example/@lehoangc/113100000000000304');
    expect(b.text).toContain('hạn chế xe.\nMọi người đi vòng đường khác nhé.');
    // Mastodon hides parts of long links in spans; the text keeps the whole link.
    expect(b.text).toContain('https://baogialai.example/dai-hoi-khai-mac.html');
    const c = byId('113100000000000303')!;
    expect(c.title).toBe('Tin nội bộ về đại hội');
    expect(c.text).toContain('Kết quả bầu Bí thư Tỉnh ủy');
  });

  it('pseudonymises authors and mentions with the keyed hash, consistently', () => {
    const host = new URL(site.url).host;
    const a = byId('113100000000000305')!;
    expect(a.author).toBe(expectedPseudonym(`nguyenvana@${host}`));
    const d = byId('113100000000000290')!;
    expect(d.author).toBe(expectedPseudonym(`tranthib@${host}`));
    // The mention of tranthib in A became the same pseudonym as tranthib's own posts.
    expect(a.text).toContain(d.author!);
    expect(byId('113100000000000304')!.author).toBe(expectedPseudonym('lehoangc@mastodon.example'));
    // Display names appear nowhere; handles only inside the permalinks (/@user/id), the evidence link.
    const raw = harness.rawDocuments();
    for (const name of ['Nguyễn Văn A', 'Trần Thị B', 'Lê Hoàng C']) expect(raw).not.toContain(name);
    const withoutLinks = firstItems.map(({ url: _url, canonicalUrl: _canonical, ...rest }) => JSON.stringify(rest)).join('\n');
    for (const handle of ['nguyenvana', 'tranthib', 'lehoangc']) expect(withoutLinks).not.toContain(handle);
  });

  it('keeps the handle of a listed official account', () => {
    expect(byId('113100000000000350')!.author).toBe(`@baogialai@${new URL(site.url).host}`);
  });

  it('reports a malformed body and a deleted account, and goes on with the other streams', () => {
    const errors = errorsOf(first, 'masto');
    expect(errors.find((e) => e.url.includes('/tag/tingia'))?.reason).toMatch(/malformed JSON/);
    expect(errors.find((e) => e.url.includes('acct=nguoidaxoa'))?.reason).toMatch(/HTTP 404 \(Record not found\)/);
    expect(errors).toHaveLength(2);
    expect(harness.state()['social:masto:tag:tingia']).toBeUndefined();
    expect(harness.state()['social:masto:tag:daihoi']).toEqual({ newest: '000000113100000000000305' });
  });

  it('fetches only what is new on the next run (since_id), without re-reading older pages', async () => {
    phase = 2;
    const before = site.requests.length;
    const reports = await harness.crawl();
    const requests = site.requests.slice(before).filter((r) => r.path.startsWith(TAG));
    expect(requests.every((r) => r.path.includes('since_id=113100000000000305'))).toBe(true);
    expect(requests.some((r) => r.path.includes('max_id=113100000000000303'))).toBe(false);
    const report = reports.find((r) => r.sourceId === 'masto')!;
    expect(report.new).toBe(1);
    const items = await harness.items('masto');
    expect(items.find((item) => item.url.endsWith('/113100000000000400'))?.text).toContain('Ban Chấp hành khóa mới gồm 53 đồng chí');
    expect(harness.state()['social:masto:tag:daihoi']).toEqual({ newest: '000000113100000000000400' });
    // The account stream asks only for statuses after the newest of the first run (a boost, skipped but a position).
    expect(
      site.requests.slice(before).some((r) => r.path.includes('/accounts/109000000000000001/statuses') && r.path.includes('since_id=113100000000000351')),
    ).toBe(true);
    expect(report.errors.map((e) => e.url)).toEqual([expect.stringContaining('/tag/tingia'), expect.stringContaining('acct=nguoidaxoa')]);
  });
});
