// Hostile servers on 127.0.0.1: a sitemap index whose first sitemap lists 1,100 good pages (past
// crawlee's first 1,000 requests, which it adds in the background) followed by mutated sitemaps
// and bad <loc> values; links, redirects and canonicals to another port of the same host; a
// server that resets connections; a port that refuses them. The run must finish, every source
// must have its report, every good page must be stored, and each bad URL or failure must be one
// error with a plain reason, within the limits the config sets.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite, type RouteHandler } from '../../cli/demo/static-site.ts';
import { formatCrawlSummary } from '../../cli/progress.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { SourceRunLog, sourceRunsPath } from '../../crawlers/source-runs.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { unrelated } from '../social/helpers.ts';
import { mutated } from '../helpers/url-fuzz.ts';

const ROOT = join(import.meta.dirname, '../fixtures/bad-input');
const CLEAN_PAGES = 1100;
const TIMEOUT_SECS = 2;
const MAX_RETRIES = 1;

const TEMPLATE = readFileSync(join(ROOT, 'bai-tot.html'), 'utf8');
const TITLE = 'Hội nghị Ban Chấp hành Đảng bộ huyện chuẩn bị đại hội';
/** A distinct article per number (its own title and text, so none is a duplicate of another). */
const article = (n: number, head = '') =>
  TEMPLATE.replaceAll(TITLE, `${TITLE} (bài ${n})`).replace('</head>', `${head}</head>`).replace('</div>', `<p>Bài số ${n} của loạt bài.</p></div>`);

const xmlEscape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const urlset = (locs: string[], attribute = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((loc) => `<url><loc${attribute}>${xmlEscape(loc)}</loc></url>`).join('')}</urlset>`;
const sendXml =
  (body: string): RouteHandler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
const sendHtml =
  (body: string): RouteHandler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
let resetAttempts = 0;
/** Answers with a TCP reset (RST), as an overloaded server or a middlebox does. */
const resetConnection: RouteHandler = (req) => {
  resetAttempts++;
  req.socket.resetAndDestroy();
};

let hostile: StaticSite;
/** Another port of the same host: nothing may ever be fetched from it. */
let otherPort: StaticSite;
let resetting: StaticSite;
let refusedPort: number;
let dataDir: string;
let config: LoadedConfig;
let store: SqliteStore;
let reports: SourceReport[];
/** Bad <loc> values planted in one sitemap, each with the reason it must be recorded with. */
let plantedLocs: Array<[string, RegExp]>;

const report = (id: string) => reports.find((r) => r.sourceId === id)!;
const reasons = (id: string) => report(id).errors.map((error) => error.reason);

async function itemsOf(sourceId: string): Promise<ScoredItem[]> {
  const items: ScoredItem[] = [];
  for await (const batch of store.scanItems()) items.push(...batch.filter((item) => item.sourceId === sourceId));
  return items;
}

async function freeClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function hostileRoutes(): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (let n = 1; n <= CLEAN_PAGES; n++) routes[`/bai/${n}.html`] = sendHtml(article(n));
  const base = () => hostile.url;
  const host = () => new URL(hostile.url).host;
  plantedLocs = [];
  return {
    ...routes,
    '/robots.txt': (_req, res, site) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nAllow: /\nSitemap: ${site.url}/sitemap-index.xml\n`),
    '/': (req, res, site) =>
      sendHtml(
        `<html><body><a href="/chuyen-cong.html">chuyển</a> <a href="/chinh-tac.html">chính tắc</a>
         <a href="${otherPort.url}/lien-ket.html">cổng khác</a> <a href="/${'d'.repeat(3000)}.html">dài</a></body></html>`,
      )(req, res, site),
    '/chuyen-cong.html': (_req, res) => res.writeHead(302, { location: `${otherPort.url}/bai/1.html` }).end(),
    '/chinh-tac.html': (req, res, site) => sendHtml(article(0, `<link rel="canonical" href="${otherPort.url}/goc.html">`))(req, res, site),
    '/sitemap-index.xml': (req, res, site) =>
      sendXml(
        `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          ['sach', 'loc-hong', 'mau-0', 'mau-1', 'mau-2', 'ngau-nhien', 'thuoc-tinh']
            .map((name) => `<sitemap><loc>${base()}/sitemap-${name}.xml</loc></sitemap>`)
            .join('') +
          `<sitemap><loc>htt://${host()}/sitemap-lat.xml</loc></sitemap></sitemapindex>`,
      )(req, res, site),
    '/sitemap-sach.xml': (req, res, site) => sendXml(urlset(Array.from({ length: CLEAN_PAGES }, (_, i) => `${base()}/bai/${i + 1}.html`)))(req, res, site),
    '/sitemap-loc-hong.xml': (req, res, site) => {
      plantedLocs = [
        [`htt://${host()}/bai/1.html`, /not an http\(s\) address/],
        [`http://${host()}/bai/\u0001x.html`, /control characters/],
        [`http://${host()}/${'a'.repeat(3000)}`, /longer than 2048/],
        [`http://nguoi:matkhau@${host()}/bai/2.html`, /user name or password/],
        ['http://[::1', /not a valid URL/],
      ];
      sendXml(urlset([...plantedLocs.map(([loc]) => loc), `${otherPort.url}/bai/3.html`]))(req, res, site);
    },
    // Byte flips, truncation, odd characters and long runs in whole sitemaps and in single URLs.
    ...Object.fromEntries(
      fc
        .sample(mutated(fc.constant(urlset(Array.from({ length: 30 }, (_, i) => `{{BASE_URL}}/bai/${i + 1}.html`))), 8), { seed: 21, numRuns: 3 })
        .map((text, i): [string, RouteHandler] => [`/sitemap-mau-${i}.xml`, (req, res, site) => sendXml(site.fillTemplate(text))(req, res, site)]),
    ),
    '/sitemap-ngau-nhien.xml': (req, res, site) =>
      sendXml(urlset(fc.sample(mutated(fc.constant(`${base()}/bai/7.html`), 3), { seed: 5, numRuns: 100 })))(req, res, site),
    '/sitemap-thuoc-tinh.xml': (req, res, site) => sendXml(urlset([`${base()}/bai/8.html`], ` data-x="${'x'.repeat(100_000)}"`))(req, res, site),
    '/feed.xml': (_req, res, site) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>
         <item><title>Tin tốt</title><link>${site.url}/tin/tot.html</link><description>Tin tốt có tóm tắt.</description></item>
         <item><title>Liên kết hỏng</title><link>http://[::1</link><description>x</description></item>
         <item><title>Kịch bản</title><link>javascript:alert(1)</link><description>y</description></item>
         </channel></rss>`,
      ),
  };
}

beforeAll(async () => {
  otherPort = new StaticSite({ root: ROOT });
  await otherPort.start();
  hostile = new StaticSite({ root: ROOT, routes: hostileRoutes() });
  await hostile.start();
  resetting = new StaticSite({
    root: ROOT,
    routes: {
      '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
      '/': resetConnection,
      '/feed.xml': resetConnection,
      // Closes the connection without answering (no reset).
      '/dong.xml': (req) => req.socket.destroy(),
    },
  });
  await resetting.start();
  refusedPort = await freeClosedPort();

  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-hostile-'));
  config = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
      statePath: join(dataDir, 'state.json'),
      crawler: { timeoutSecs: TIMEOUT_SECS, maxRetries: MAX_RETRIES, requestsPerMinute: 600_000, maxPages: 1500 },
      sources: [
        { id: 'poisoned', kind: 'news', startUrls: [`${hostile.url}/`] },
        { id: 'feed', kind: 'rss', url: `${hostile.url}/feed.xml`, fetchArticles: false },
        { id: 'reset-page', kind: 'news', startUrls: [`${resetting.url}/`], sitemaps: false },
        { id: 'reset-feed', kind: 'rss', url: `${resetting.url}/feed.xml` },
        { id: 'closed-feed', kind: 'rss', url: `${resetting.url}/dong.xml` },
        { id: 'refused', kind: 'news', startUrls: [`http://127.0.0.1:${refusedPort}/`] },
      ],
    },
    '<test>',
    dataDir,
  );
  store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
  reports = await crawlSources(new CrawlRun(config, new IngestPipeline(store, unrelated)), config.sources);
}, 600_000);

afterAll(async () => {
  await store?.close();
  await Promise.all([hostile?.stop(), otherPort?.stop(), resetting?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a crawl against hostile servers', () => {
  it('finishes with a report and a finished run record for every source', () => {
    expect(reports.map((r) => r.sourceId)).toEqual(config.sources.map((s) => s.id));
    const summary = formatCrawlSummary(reports);
    for (const source of config.sources) expect(summary).toContain(source.id);
    const log = new SourceRunLog(sourceRunsPath(config), { readonly: true });
    try {
      const latest = log.latest();
      for (const source of config.sources) expect(latest.get(source.id)?.finishedAt, source.id).toBeTruthy();
    } finally {
      log.close();
    }
  });

  it('stores every good page of the poisoned sitemap index', async () => {
    const stored = new Set((await itemsOf('poisoned')).map((item) => new URL(item.url).pathname));
    const missing = Array.from({ length: CLEAN_PAGES }, (_, i) => `/bai/${i + 1}.html`).filter((path) => !stored.has(path));
    expect(missing).toEqual([]);
  });

  it('records each bad <loc> as one error of its sitemap, with the reason', () => {
    for (const [loc, reason] of plantedLocs) {
      const matching = report('poisoned').errors.filter(
        (error) => error.url.endsWith('/sitemap-loc-hong.xml') && error.reason.includes(JSON.stringify(loc).slice(1, 40)),
      );
      expect(matching, loc.slice(0, 60)).toHaveLength(1);
      expect(matching[0].reason).toMatch(/^invalid URL in sitemap: /);
      expect(matching[0].reason).toMatch(reason);
    }
    expect(reasons('poisoned')).toContainEqual(expect.stringMatching(/^invalid URL in sitemap: "htt:\/\/.*sitemap-lat\.xml"/));
  });

  it('words every error for an analyst, never as a program fault', () => {
    const all = reports.flatMap((r) => r.errors.map((error) => error.reason));
    expect(all.filter((reason) => /Received one or more errors|CombinedPropertyError|Cannot read|is not a function|unexpected/i.test(reason))).toEqual([]);
  });

  it('never fetches another port of the same host: not by link, redirect, canonical or sitemap', () => {
    expect(otherPort.requests).toEqual([]);
    expect(reasons('poisoned')).toContainEqual(expect.stringMatching(new RegExp(`redirected to ${otherPort.url}/bai/1\\.html, which is off-site`)));
    expect(reasons('poisoned')).toContainEqual(expect.stringMatching(/^invalid link ".*ddd.*" \(longer than 2048 characters\); not followed$/));
  });

  it('keeps the good feed entries and records the entries with invalid links', async () => {
    expect((await itemsOf('feed')).map((item) => item.title)).toEqual(['Tin tốt']);
    expect(reasons('feed')).toEqual([
      'feed entry "Liên kết hỏng" has an invalid link "http://[::1" (not a valid URL); skipped',
      'feed entry "Kịch bản" has an invalid link "javascript:alert(1)" (not an http(s) address); skipped',
    ]);
  });

  it('gives up on a resetting server within the configured timeout and retries, saying the connection was reset', () => {
    const log = new SourceRunLog(sourceRunsPath(config), { readonly: true });
    try {
      const run = log.latest().get('reset-page')!;
      const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
      // (maxRetries + 1) attempts of at most timeoutSecs, 1 s backoff between them, plus generous slack.
      expect(seconds).toBeLessThan(30);
    } finally {
      log.close();
    }
    expect(reasons('reset-page')).toEqual(['connection reset by peer']);
    // The page (maxRetries + 1 attempts) and the feed (one fetch).
    expect(resetAttempts).toBe(MAX_RETRIES + 1 + 1);
    expect(reasons('reset-feed')).toEqual([`${resetting.url}/feed.xml: connection reset by peer`]);
    expect(reasons('closed-feed')).toEqual([`${resetting.url}/dong.xml: connection closed by the server without an answer`]);
  });

  it('says a refused connection was refused', () => {
    expect(reasons('refused')).toEqual([expect.stringMatching(/robots\.txt: connection refused$/)]);
  });
});
