// Large, deep and broken feeds and sitemaps through the real crawl path (HTTP on 127.0.0.1,
// SQLite): the newest entries of a huge feed are stored and the rest counted, deep nesting loses
// nothing, and a feed that breaks off keeps the entries before the break.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite } from '../../cli/demo/static-site.ts';
import { crawlOnce, type CrawledOnce } from '../helpers/crawl.ts';
import { wrapDeep } from '../helpers/mutate.ts';

const SITE = join(import.meta.dirname, '../fixtures/site');
const HUGE_ENTRIES = 100_000;
const KEEP = 500;

/** Minutes after 2024-01-01 of entry i: a permutation, so the newest entries are spread through the feed. */
const minuteOf = (i: number) => (i * 7919) % HUGE_ENTRIES;
const FIXTURE_ARTICLES = [
  '/thoi-su/phan-luong-giao-thong-phuc-vu-dai-hoi.html',
  '/the-thao/khai-mac-dai-hoi-the-duc-the-thao-huyen-chu-prong.html',
  '/kinh-te/gia-ca-phe-hom-nay-tai-gia-lai-tang-300-dong.html',
];

function rssItem(site: StaticSite, path: string, title: string, date?: Date): string {
  return `<item><title>${title}</title><link>${site.url}${path}</link>${date ? `<pubDate>${date.toUTCString()}</pubDate>` : ''}<description>Tóm tắt ${title}</description></item>`;
}
const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Thử</title>${items}</channel></rss>`;
const xml = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);

let site: StaticSite;
let crawled: CrawledOnce;

const report = (id: string) => crawled.reports.find((r) => r.sourceId === id)!;
const urlsOf = (sourceId: string) => crawled.items.filter((item) => item.sourceId === sourceId).map((item) => new URL(item.url).pathname);

beforeAll(async () => {
  site = new StaticSite({
    root: SITE,
    routes: {
      '/robots.txt': (_req, res, s) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nAllow: /\nSitemap: ${s.url}/sitemap-sau.xml\n`),
      '/lon.xml': (_req, res, s) => {
        // Written in pieces, as a real server streams a feed of this size (about 17 MB).
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lớn</title>');
        for (let i = 0; i < HUGE_ENTRIES; i += 1000) {
          const chunk = [];
          for (let j = i; j < i + 1000; j++) chunk.push(rssItem(s, `/bai/${j}`, `Bài số ${j}`, new Date(Date.UTC(2024, 0, 1) + minuteOf(j) * 60_000)));
          res.write(chunk.join(''));
        }
        res.end('</channel></rss>');
      },
      '/sau.xml': (req, res, s) =>
        xml(rss(`${rssItem(s, '/sau/1', 'Sâu một')}${wrapDeep(rssItem(s, '/sau/2', 'Sâu hai'), 10_000)}${rssItem(s, '/sau/3', 'Sâu ba')}`))(req, res),
      '/cut.xml': (req, res, s) => xml(rss(`${rssItem(s, '/cut/1', 'Đứt một')}${rssItem(s, '/cut/2', 'Đứt hai')}`).slice(0, -60))(req, res),
      '/atom-thieu.xml': (req, res, s) =>
        xml(
          `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Không liên kết</title><link/></entry><entry><title>Có liên kết</title><link href="${s.url}/atom/1"/></entry></feed>`,
        )(req, res),
      '/trang-trong.html': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><p>Trang trống</p></body></html>'),
      '/sitemap-sau.xml': (_req, res, s) =>
        res.writeHead(200, { 'content-type': 'application/xml' }).end(
          // 10,000 levels around the entries, and inside one <loc> (which exhausted the stack of a recursive reader).
          `<urlset>${wrapDeep(FIXTURE_ARTICLES.map((path, i) => `<url><loc>${s.url}${path}${i ? '' : wrapDeep('', 10_000)}</loc></url>`).join(''), 10_000)}</urlset>`,
        ),
    },
  });
  await site.start();
  crawled = await crawlOnce(
    [
      { id: 'lon', kind: 'rss', url: `${site.url}/lon.xml`, fetchArticles: false },
      { id: 'sau', kind: 'rss', url: `${site.url}/sau.xml`, fetchArticles: false },
      { id: 'cut', kind: 'rss', url: `${site.url}/cut.xml`, fetchArticles: false },
      { id: 'atom-thieu', kind: 'rss', url: `${site.url}/atom-thieu.xml`, fetchArticles: false },
      // Only the pages the sitemap lists: no link is followed (seeds are not filtered by patterns).
      { id: 'sitemap-sau', kind: 'news', startUrls: [`${site.url}/trang-trong.html`], sitemaps: true, exclude: ['.'] },
    ],
    { timeoutSecs: 30, maxRetries: 0, requestsPerMinute: 60_000, maxFeedEntries: KEEP },
  );
}, 180_000);

afterAll(async () => {
  await crawled?.cleanup();
  await site?.stop();
});

describe('feeds and sitemaps beyond the ordinary', () => {
  it(`stores the newest ${KEEP} entries of a ${HUGE_ENTRIES}-entry feed and reports how many were skipped`, () => {
    const newest = Array.from({ length: HUGE_ENTRIES }, (_, i) => i)
      .sort((a, b) => minuteOf(b) - minuteOf(a))
      .slice(0, KEEP)
      .map((i) => `/bai/${i}`);
    expect(urlsOf('lon').sort()).toEqual(newest.sort());
    expect(report('lon').new).toBe(KEEP);
    expect(report('lon').errors.map((error) => error.reason)).toEqual([
      `feed has ${HUGE_ENTRIES} entries; kept the newest ${KEEP}, skipped ${HUGE_ENTRIES - KEEP}`,
    ]);
  });

  it('stores every entry of a feed nested 10,000 levels deep', () => {
    expect(urlsOf('sau').sort()).toEqual(['/sau/1', '/sau/2', '/sau/3']);
    expect(report('sau').errors).toEqual([]);
  });

  it('stores the entries before the point where a feed breaks off, and says it was cut', () => {
    expect(urlsOf('cut')).toEqual(['/cut/1']);
    expect(report('cut').errors.map((error) => error.reason)).toEqual(['feed is cut off inside an entry; kept the 1 complete entries before it']);
  });

  it('names an entry without a link in words, and stores the others', () => {
    expect(urlsOf('atom-thieu')).toEqual(['/atom/1']);
    expect(report('atom-thieu').errors.map((error) => error.reason)).toEqual(['feed entry "Không liên kết" has no link; skipped']);
  });

  it('finds the articles a sitemap nested 10,000 levels deep lists', () => {
    expect(urlsOf('sitemap-sau').sort()).toEqual([...FIXTURE_ARTICLES].sort());
    expect(report('sitemap-sau').errors).toEqual([]);
  });
});
