// A crawl meets every kind of bad input a real site serves; each is recorded as a per-source
// error with a reason, the crawl goes on, and the good pages are still stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite } from '../../cli/demo/static-site.ts';
import { parseConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

const ROOT = join(import.meta.dirname, '../fixtures/bad-input');
const MAX_PAGE_BYTES = 60_000;

// Crawler behaviour is under test here, not scoring: every item scores as unrelated.
const unrelated = {
  classify: (): Classification => ({ congress: false, distortion: false, scores: { congress: 0, distortion: 0 }, topics: [], explanations: [] }),
};

const redirect = (to: string) => (_req: unknown, res: ServerResponse) => res.writeHead(302, { location: to }).end();

let site: StaticSite;
let brokenRobots: StaticSite;
let dataDir: string;
let store: SqliteStore;
let reports: SourceReport[];

function errorFor(path: string): string | undefined {
  return reports.flatMap((r) => r.errors).find((error) => error.url.endsWith(path))?.reason;
}

beforeAll(async () => {
  site = new StaticSite({
    root: ROOT,
    routes: {
      '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
      '/cham.html': (_req, res) => {
        const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>quá muộn</p>'), 4000);
        res.on('close', () => clearTimeout(timer));
      },
      '/mat.html': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>'),
      '/loi.html': (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Bảo trì</h1>'),
      '/vong-a.html': redirect('/vong-b.html'),
      '/vong-b.html': redirect('/vong-a.html'),
      '/to.html': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><body><article><p>${'Đại hội '.repeat(MAX_PAGE_BYTES / 4)}</p></article></body></html>`);
      },
      '/tai-lieu': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 binary'),
      '/rss-hong.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>Thiếu thẻ đóng'),
      '/rss-500.xml': (_req, res) => res.writeHead(500).end('internal error'),
    },
  });
  await site.start();
  brokenRobots = new StaticSite({
    root: ROOT,
    routes: { '/robots.txt': (_req, res) => res.writeHead(500).end('robots down') },
  });
  await brokenRobots.start();

  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-bad-input-'));
  const config = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
      statePath: join(dataDir, 'state.json'),
      crawler: { timeoutSecs: 1, maxRetries: 1, maxPageBytes: MAX_PAGE_BYTES, requestsPerMinute: 6000 },
      sources: [
        { id: 'broken-feed', kind: 'rss', url: `${site.url}/rss-hong.xml` },
        { id: 'failing-feed', kind: 'rss', url: `${site.url}/rss-500.xml` },
        { id: 'robots-down', kind: 'news', startUrls: [`${brokenRobots.url}/`], sitemaps: false },
        { id: 'bad-site', kind: 'news', startUrls: [`${site.url}/`], sitemaps: false },
      ],
    },
    '<test>',
    dataDir,
  );
  store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
  const run = new CrawlRun(config, new IngestPipeline(store, unrelated));
  reports = await crawlSources(run, config.sources);
}, 120_000);

afterAll(async () => {
  await store?.close();
  await site?.stop();
  await brokenRobots?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('bad input during a crawl', () => {
  it('stores the good and the broken-HTML article despite everything else', async () => {
    const page = await store.queryItems({ page: 1, pageSize: 10 });
    expect(page.items.map((item) => new URL(item.url).pathname).sort()).toEqual(['/bai-tot.html', '/hong.html']);
    const broken = await store.getItem(page.items.find((item) => item.url.endsWith('/hong.html'))!.id);
    expect(broken!.title).toBe('Xã Ia Băng hoàn thành đại hội chi bộ thôn');
    expect(broken!.publishedAt).toBe('2020-06-20T07:30:00+07:00');
    expect(broken!.text).toContain('bầu chi ủy và bí thư chi bộ');
    expect(broken!.text).not.toContain('vận động phiếu');
  });

  it('records a timeout', () => expect(errorFor('/cham.html')).toMatch(/timeout|timed out/i));
  it('records a 404 without retrying', () => {
    expect(errorFor('/mat.html')).toMatch(/404/);
    expect(site.requests.filter((r) => r.path === '/mat.html')).toHaveLength(1);
  });
  it('records a 5xx after retrying', () => {
    expect(errorFor('/loi.html')).toMatch(/503/);
    expect(site.requests.filter((r) => r.path === '/loi.html').length).toBe(2);
  });
  it('records a redirect loop', () => expect(errorFor('/vong-a.html')).toMatch(/redirect/i));
  it('records a page over the size cap', () => expect(errorFor('/to.html')).toMatch(new RegExp(`${MAX_PAGE_BYTES}-byte cap`)));
  it('records a non-HTML content type', () => expect(errorFor('/tai-lieu')).toMatch(/application\/pdf/));
  it('records a malformed feed and a failing feed, and carries on with the next sources', () => {
    expect(reports.find((r) => r.sourceId === 'broken-feed')!.errors[0].reason).toMatch(/feed/i);
    expect(reports.find((r) => r.sourceId === 'failing-feed')!.errors[0].reason).toMatch(/HTTP 500/);
  });
  it('does not crawl a host whose robots.txt answers 5xx', () => {
    const report = reports.find((r) => r.sourceId === 'robots-down')!;
    expect(report.errors[0].reason).toMatch(/robots/i);
    expect(brokenRobots.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });
});
