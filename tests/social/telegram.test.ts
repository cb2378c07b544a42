// Telegram connector against fixture channel web previews (t.me/s/<channel> markup:
// .tgme_widget_message[data-post], .tme_messages_more[data-before]).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { Pseudonymiser } from '../../crawlers/social/pseudonym.ts';
import { errorsOf, fixture, Harness, PSEUDONYM_KEY, query, rateLimitedOnce, startSite } from './helpers.ts';

let site: StaticSite;
let harness: Harness;
let first: SourceReport[];
let items: ScoredItem[];
let phase = 1;
const pseudonyms = new Pseudonymiser(PSEUDONYM_KEY);

const html = { 'content-type': 'text/html; charset=utf-8' };

beforeAll(async () => {
  const hotNews = rateLimitedOnce('1', (_req, res) => res.writeHead(200, html).end(fixture('telegram/tinnongpleiku.html')));
  site = await startSite({
    '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /s/kenhcam\n'),
    '/s/baogialaionline': (req, res) => {
      const before = query(req).get('before');
      const page = !before
        ? phase === 1
          ? 'baogialaionline.html'
          : 'baogialaionline-new.html'
        : before === '101'
          ? 'baogialaionline-before-101.html'
          : 'baogialaionline-before-98.html';
      res.writeHead(200, html).end(fixture(`telegram/${page}`));
    },
    '/s/tinnongpleiku': hotNews,
    // A channel that does not exist (or has previews off) is redirected to its contact page.
    '/s/kenhkhongton': (_req, res) => res.writeHead(302, { location: '/kenhkhongton' }).end(),
    '/kenhkhongton': (_req, res) => res.writeHead(200, html).end(fixture('telegram/not-a-preview.html')),
    '/s/kenhhong': (_req, res) => res.writeHead(200, html).end(fixture('telegram/bad-gateway.html')),
    '/s/kenhcam': (_req, res) => res.writeHead(200, html).end(fixture('telegram/tinnongpleiku.html')),
  });
  harness = await new Harness({
    privacy: { pseudonymKey: PSEUDONYM_KEY, keepHandlesFor: { telegram: ['baogialaionline'] } },
    sources: [
      {
        id: 'tg',
        kind: 'telegram',
        baseUrl: site.url,
        channels: ['baogialaionline', 'tinnongpleiku', 'kenhkhongton', 'kenhhong', 'kenhcam'],
        requestsPerMinute: 6000,
      },
    ],
  }).init();
  first = await harness.crawl();
  items = await harness.items('tg');
}, 60_000);

afterAll(async () => {
  await site?.stop();
  await harness?.close();
});

const message = (path: string) => items.find((item) => item.url === `${site.url}/${path}`);

describe('Telegram connector', () => {
  it('pages back with ?before= until a page without messages', () => {
    const pages = site.requests.filter((r) => r.path.startsWith('/s/baogialaionline')).map((r) => r.path);
    expect(pages).toEqual(['/s/baogialaionline', '/s/baogialaionline?before=101', '/s/baogialaionline?before=98']);
  });

  it('stores text messages with time, views and reactions; skips service messages; a deleted id is just absent', () => {
    expect(items.filter((item) => item.url.includes('/baogialaionline/')).map((item) => item.url.split('/').pop())).toEqual(['98', '100', '101', '103']);
    const closing = message('baogialaionline/103')!;
    expect(closing).toMatchObject({ kind: 'social', platform: 'telegram', publishedAt: '2020-10-16T10:05:00.000Z', engagement: { views: 1200, likes: 245 } });
    expect(closing.text).toBe(
      'Chiều 16/10, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI bế mạc.\n\nBan Chấp hành khóa mới gồm 53 đồng chí. Chi tiết: baogialai.example/be-mac',
    );
    expect(message('baogialaionline/98')!.engagement).toEqual({ views: 1500 });
    expect(message('baogialaionline/102')).toBeUndefined();
  });

  it('keeps only the message text, not the quoted message it replies to, nor a signature', () => {
    const rebuttal = message('baogialaionline/101')!;
    expect(rebuttal.text).toBe('Bác bỏ tin đồn: thông tin Đại hội bị hoãn là sai sự thật.');
    expect(harness.rawDocuments()).not.toContain('Nguyễn Phóng Viên');
  });

  it('keeps a listed media channel\u2019s handle, pseudonymises other channels and mentions', () => {
    expect(message('baogialaionline/103')!.author).toBe('@baogialaionline');
    const hot = message('tinnongpleiku/55')!;
    expect(hot.author).toBe(pseudonyms.pseudonym('telegram', 'tinnongpleiku'));
    expect(hot.text).toContain(`hỏi ${pseudonyms.pseudonym('telegram', 'nguoidan_pk')} thì biết`);
    expect(message('baogialaionline/98')!.text).toContain(`Liên hệ ${pseudonyms.pseudonym('telegram', 'tuyengiao_gl')} để biết thêm.`);
    expect(hot.engagement).toEqual({ views: 15300, likes: 1100 });
  });

  it('retries after a 429', () => {
    expect(site.requests.filter((r) => r.path === '/s/tinnongpleiku').map((r) => r.status)).toEqual([429, 200]);
  });

  it('reports a missing channel, a page that is not a preview, and a channel robots.txt disallows', () => {
    const errors = errorsOf(first, 'tg');
    expect(errors.find((e) => e.url.endsWith('/s/kenhkhongton'))?.reason).toMatch(/does not exist, is private, or has no public preview/);
    expect(errors.find((e) => e.url.endsWith('/s/kenhhong'))?.reason).toMatch(/not a channel preview page/);
    expect(errors.find((e) => e.url.endsWith('/s/kenhcam'))?.reason).toMatch(/robots\.txt/);
    expect(errors).toHaveLength(3);
    expect(site.requests.some((r) => r.path === '/s/kenhcam')).toBe(false);
  });

  it('stops at the newest message of the last run on the next run', async () => {
    phase = 2;
    const before = site.requests.length;
    const reports = await harness.crawl(['tg']);
    const pages = site.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/s/baogialaionline'))
      .map((r) => r.path);
    expect(pages).toEqual(['/s/baogialaionline']);
    expect(reports[0].new).toBe(1);
    expect(message('baogialaionline/104')).toBeUndefined();
    expect((await harness.items('tg')).some((item) => item.url.endsWith('/baogialaionline/104'))).toBe(true);
    expect(harness.state()['social:tg:channel:baogialaionline']).toEqual({ newest: '000000000104' });
  });
});
