// End to end on the embedded default: serve the fixture news site (plus the demo forum feed)
// on 127.0.0.1, crawl it through the whole pipeline into SQLite, then read it back via the API.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { runCrawl } from '../../cli/commands/crawl.ts';
import { DEMO_SITE_ROOT, demoConfig, startDemoSite } from '../../cli/commands/demo.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { CrawlProgress, formatCrawlSummary } from '../../cli/progress.ts';
import type { LoadedConfig } from '../../core/config.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import type { ItemSummary, Page, ScoredItem, Store } from '../../core/types.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig, type Workflow } from '../../features/workflow/index.ts';

interface ExpectedArticle {
  url: string;
  title: string;
  publishedAt: string;
  author: string;
  labels: { congress: boolean; distortion: boolean };
  body_contains: string[];
  body_excludes: string[];
}
const expected = JSON.parse(readFileSync(join(DEMO_SITE_ROOT, 'expected.json'), 'utf8')) as {
  article_count: number;
  articles: ExpectedArticle[];
  never_fetch_prefix: string;
  external_links_not_followed: string[];
  duplicates_collapsed: Array<{ url: string; canonical: string }>;
  meta_refresh: Array<{ url: string; target: string }>;
  non_article_pages: string[];
  feeds: { rss: { items: number; malformed_pubdate: string[] }; atom: { entries: number } };
  sitemap: { urls: number };
};

const SITE_SOURCES = ['tin-pho-nui', 'tin-pho-nui-rss', 'tin-pho-nui-atom'];
const quietProgress = () => new CrawlProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

let site: StaticSite;
let dataDir: string;
let config: LoadedConfig;
let firstRun: SourceReport[];
let store: Store;
let api: RunningServer;
let workflow: Workflow;
/** A read-only API token: every API route but /api/health needs one. */
let token: string;

async function siteItems(): Promise<ScoredItem[]> {
  const items: ScoredItem[] = [];
  for await (const batch of store.scanItems()) items.push(...batch.filter((item) => SITE_SOURCES.includes(item.sourceId)));
  return items;
}

function report(sourceId: string): SourceReport {
  const found = firstRun.find((r) => r.sourceId === sourceId);
  if (!found) throw new Error(`no report for ${sourceId}`);
  return found;
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  site = await startDemoSite();
  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-e2e-'));
  config = demoConfig(site.url, dataDir);
  firstRun = await runCrawl(config, [], quietProgress());
  store = await openStore(config);
  workflow = openWorkflow({ ...workflowOptionsFromConfig(config, { store }), security: { scryptCost: 10 } });
  await workflow.users.create({ username: 'e2e', role: 'viewer', password: 'Kiem-thu-doc-1', mustChangePassword: false }, SYSTEM_ACTOR);
  token = workflow.auth.createToken('e2e', { name: 'e2e' }, SYSTEM_ACTOR).token;
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await api?.close();
  workflow?.close();
  await store?.close();
  await site?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('crawling the fixture site', () => {
  it('stores exactly the expected articles under their canonical URLs', async () => {
    const items = await siteItems();
    const urls = items.map((item) => new URL(item.canonicalUrl).pathname).sort();
    expect(urls).toEqual(expected.articles.map((a) => a.url).sort());
    expect(items).toHaveLength(expected.article_count);
  });

  it.each(expected.articles.map((a) => [a.url, a] as const))('extracts %s correctly', async (path, article) => {
    const item = (await siteItems()).find((candidate) => new URL(candidate.canonicalUrl).pathname === path);
    expect(item, `no item for ${path}`).toBeDefined();
    expect(item!.title).toBe(article.title);
    expect(Date.parse(item!.publishedAt ?? '')).toBe(Date.parse(article.publishedAt));
    expect(item!.author).toBe(article.author);
    for (const text of article.body_contains) expect(item!.text).toContain(text);
    for (const text of article.body_excludes) expect(item!.text).not.toContain(text);
    expect({ congress: item!.congress, distortion: item!.distortion }).toEqual(article.labels);
  });

  it('never requests robots-disallowed pages and identifies itself on every request', () => {
    expect(site.requests.some((r) => r.path === '/robots.txt')).toBe(true);
    expect(site.requests.filter((r) => r.path.startsWith(expected.never_fetch_prefix))).toEqual([]);
    expect(new Set(site.requests.map((r) => r.userAgent))).toEqual(new Set([config.crawler.userAgent]));
  });

  it('discovers pages from the sitemap and follows same-site links only', async () => {
    expect(site.requests.some((r) => r.path === '/sitemap.xml')).toBe(true);
    const errors = firstRun.flatMap((r) => r.errors.map((e) => `${e.url} ${e.reason}`)).join('\n');
    for (const external of expected.external_links_not_followed) expect(errors).not.toContain(new URL(external).hostname);
    const stored = (await siteItems()).map((item) => item.url);
    expect(stored.every((url) => url.startsWith(site.url))).toBe(true);
  });

  it('collapses the print duplicate and the meta-refresh stub into their canonical article', async () => {
    const urls = (await siteItems()).flatMap((item) => [new URL(item.url).pathname, new URL(item.canonicalUrl).pathname]);
    for (const { url } of [...expected.duplicates_collapsed, ...expected.meta_refresh]) expect(urls).not.toContain(url);
    for (const page of expected.non_article_pages.filter((p) => p !== '/')) expect(urls).not.toContain(page);
    // The refresh stub was fetched and followed to its target.
    const fetched = site.requests.map((r) => r.path);
    for (const { url, target } of expected.meta_refresh) {
      expect(fetched).toContain(url);
      expect(fetched).toContain(target);
    }
  });

  it('reports each fetched non-article page as a skip with the reason, not as an error', () => {
    const news = report('tin-pho-nui');
    const fetched = new Set(site.requests.map((r) => r.path));
    const pages = expected.non_article_pages.filter((page) => fetched.has(page));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const reasons = new Map(news.skipped.map((skip) => [new URL(skip.url).pathname, skip.reason]));
    for (const page of pages) expect(reasons.get(page), page).toMatch(/home, category|list of links|no running text|no article markup/);
    const errorPages = new Set(news.errors.map((error) => new URL(error.url).pathname));
    for (const page of pages) expect(errorPages.has(page), page).toBe(false);
    expect(formatCrawlSummary(firstRun)).toContain(`tin-pho-nui: ${news.skipped.length} page(s) skipped, not articles:`);
  });

  it('keeps every feed entry, including the one with a malformed date', async () => {
    const rss = report('tin-pho-nui-rss');
    expect(rss.errors).toEqual([]);
    expect(rss.new + rss.updated + rss.duplicates).toBe(expected.feeds.rss.items);
    const atom = report('tin-pho-nui-atom');
    expect(atom.errors).toEqual([]);
    expect(atom.new).toBe(0);
    expect(atom.duplicates + atom.updated).toBe(expected.feeds.atom.entries);
    for (const path of expected.feeds.rss.malformed_pubdate) {
      const item = (await siteItems()).find((candidate) => new URL(candidate.canonicalUrl).pathname === path);
      const article = expected.articles.find((a) => a.url === path)!;
      expect(Date.parse(item!.publishedAt ?? '')).toBe(Date.parse(article.publishedAt));
    }
  });

  it('adds nothing when the same site is crawled again', async () => {
    const before = await store.stats({});
    const mark = site.requests.length;
    const again = await runCrawl(config, [], quietProgress());
    // Stored articles are not due for a re-check yet (first at 1 h) and robots.txt is remembered.
    const refetched = site.requests.slice(mark).map((r) => r.path);
    expect(refetched.filter((path) => expected.articles.some((a) => a.url === path))).toEqual([]);
    expect(refetched).not.toContain('/robots.txt');
    expect(again.reduce((sum, r) => sum + r.new, 0)).toBe(0);
    expect((await store.stats({})).total).toBe(before.total);
    // The unchanged feeds answered 304 to the conditional GET or were all duplicates.
    for (const r of again.filter((x) => x.sourceId !== 'tin-pho-nui')) expect(r.errors).toEqual([]);
  });
});

describe('the API over the crawled store', () => {
  it('lists flagged items, each with explanations that point at the text', async () => {
    const { status, body } = await getJson<Page<ItemSummary>>('/api/items?flagged=true&pageSize=100');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((item) => item.flagged && item.congress && item.distortion)).toBe(true);
    for (const summary of body.items) {
      const { body: item } = await getJson<ScoredItem>(`/api/items/${summary.id}`);
      expect(item.explanations.length).toBeGreaterThan(0);
      for (const explanation of item.explanations) {
        const field = explanation.field === 'title' ? item.title : item.text;
        expect(field.slice(explanation.start, explanation.end)).toBe(explanation.matched);
      }
    }
  });

  it('finds "Đại hội" when searched without diacritics, and pages through results', async () => {
    const { body: accented } = await getJson<Page<ItemSummary>>(`/api/items?q=${encodeURIComponent('Đại hội Đảng bộ')}`);
    const { body: folded } = await getJson<Page<ItemSummary>>('/api/items?q=dai+hoi+dang+bo');
    expect(folded.total).toBeGreaterThan(0);
    expect(folded.total).toBe(accented.total);
    const { body: page2 } = await getJson<Page<ItemSummary>>('/api/items?q=dai+hoi&pageSize=2&page=2');
    const { body: page1 } = await getJson<Page<ItemSummary>>('/api/items?q=dai+hoi&pageSize=2&page=1');
    expect(page2.items.map((i) => i.id)).not.toEqual(page1.items.map((i) => i.id));
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: page1.total });
  });

  it('counts items by day, source and flag', async () => {
    const { status, body } = await getJson<{ total: number; flagged: number; bySource: Array<{ key: string; count: number }>; byDay: unknown[] }>('/api/stats');
    expect(status).toBe(200);
    expect(body.bySource.reduce((sum, b) => sum + b.count, 0)).toBe(body.total);
    expect(body.bySource.map((b) => b.key)).toContain('tin-pho-nui');
    expect(body.byDay.length).toBeGreaterThan(1);
  });

  it('reports its health', async () => {
    const { status, body } = await getJson<{ status: string; items: number }>('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.items).toBeGreaterThan(0);
  });
});
