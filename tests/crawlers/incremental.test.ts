// Incremental crawling through the real crawl path (HTTP on 127.0.0.1, SQLite, the crawl memory
// file): a later round asks only for what the re-check policy calls for, conditionally; feeds
// fetch the pages of new entries only; robots.txt is fetched once per lifetime across rounds;
// sitemaps (lastmod, Google News) find new and edited articles; an edit keeps a revision.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config.ts';
import type { Classification, ScoredItem } from '../../core/types.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { CountingNewsSite, sampleArticle, type NewsSiteOptions } from '../helpers/news-site.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** Flags an item when its text calls something fabricated: enough to see an edit re-scored. */
const classifier = {
  classify: ({ text }: { text: string }): Classification => {
    const hit = text.includes('bịa đặt');
    return { congress: hit, distortion: hit, scores: { congress: hit ? 1 : 0, distortion: hit ? 1 : 0 }, topics: [], explanations: [] };
  },
};

interface Harness {
  site: CountingNewsSite;
  store: SqliteStore;
  /** One crawl round of every source at T0 + offset; `sideBySide`: the sources run concurrently. */
  round(offsetMs: number, sideBySide?: boolean): ReturnType<typeof crawlSources>;
  /** One run kept across rounds, as `serve` keeps it, on the clock `now`. */
  lastingRun(now: () => number): { run: CrawlRun; sources: ReturnType<typeof parseConfig>['sources'] };
  items(): Promise<ScoredItem[]>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function harness(articles: number, sources: (site: CountingNewsSite) => unknown[], options: NewsSiteOptions = {}): Promise<Harness> {
  const site = new CountingNewsSite(options);
  for (let n = 1; n <= articles; n++) site.publish(sampleArticle(n, at(-n * HOUR)));
  await site.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-incremental-'));
  const config = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
      statePath: join(dataDir, 'state.json'),
      crawler: { requestsPerMinute: 6000, maxRetries: 0, pollMinSecs: 30, pollMaxSecs: 1800 },
      sources: sources(site),
    },
    '<test>',
    dataDir,
  );
  const store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
  const pipeline = new IngestPipeline(store, classifier);
  cleanups.push(async () => {
    await store.close();
    await site.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    site,
    store,
    async round(offsetMs, sideBySide = false) {
      const run = new CrawlRun(config, pipeline, () => {}, { now: () => T0 + offsetMs });
      try {
        if (sideBySide) return (await Promise.all(config.sources.map((source) => crawlSources(run, [source])))).flat();
        return await crawlSources(run, config.sources);
      } finally {
        run.close();
      }
    },
    lastingRun(now) {
      const run = new CrawlRun(config, pipeline, () => {}, { now });
      cleanups.unshift(async () => run.close());
      return { run, sources: config.sources };
    },
    async items() {
      const all: ScoredItem[] = [];
      for await (const batch of store.scanItems()) all.push(...batch);
      return all;
    },
  };
}

/** Requests made since `mark`, by path. */
const since = (site: CountingNewsSite, mark: number) =>
  site.requests
    .slice(mark)
    .map((r) => `${r.status} ${r.path}`)
    .sort();

describe('incremental site crawl', () => {
  it('asks an unchanged site only for its listing pages and sitemap until articles are due, then conditionally', async () => {
    const h = await harness(10, (site) => [{ id: 'tin-thu', kind: 'news', startUrls: [`${site.url}/`] }]);
    const [first] = await h.round(0);
    expect(first.errors).toEqual([]);
    expect(first.new).toBe(10);
    expect(h.site.count(/^\/bai\//)).toBe(10);
    expect(h.site.requests).toHaveLength(14); // robots, sitemap, home, section, 10 articles

    let mark = h.site.requests.length;
    const [second] = await h.round(10 * 60_000);
    // robots.txt is remembered; articles fetched 10 minutes ago are not due (first re-check at 1 h).
    expect(since(h.site, mark)).toEqual(['200 /', '200 /chuyen-muc/thoi-su', '200 /sitemap.xml']);
    expect(second.new + second.updated).toBe(0);
    // Last change seen 10 minutes ago: poll again in a quarter of that.
    expect([first.pollAfterMs, second.pollAfterMs]).toEqual([30_000, 150_000]);

    mark = h.site.requests.length;
    const [third] = await h.round(HOUR + 60_000);
    // Every article is due for its 1-hour re-check: asked with its ETag, answered 304, nothing stored again.
    expect(since(h.site, mark).filter((r) => r.includes('/bai/'))).toHaveLength(10);
    expect(h.site.count(/^\/bai\//, 304)).toBe(10);
    expect(h.site.requests.length - mark).toBe(13);
    expect(third.notModified).toBe(10);
    expect(third.updated).toBe(0);

    mark = h.site.requests.length;
    await h.round(2 * HOUR);
    // Next re-check is at 6 h.
    expect(since(h.site, mark)).toEqual(['200 /', '200 /chuyen-muc/thoi-su', '200 /sitemap.xml']);

    // robots.txt: once across all rounds of its 24-hour lifetime, and again after it.
    expect(h.site.count(/^\/robots\.txt$/)).toBe(1);
    await h.round(25 * HOUR);
    expect(h.site.count(/^\/robots\.txt$/)).toBe(2);
  });

  it('keeps the earlier version of an edited article with what changed, and re-scores it', async () => {
    const h = await harness(3, (site) => [{ id: 'tin-thu', kind: 'news', startUrls: [`${site.url}/`] }]);
    await h.round(0);
    const target = h.site.articles[1];
    const before = (await h.items()).find((item) => item.url === h.site.articleUrl(target))!;
    expect(before.flagged).toBe(false);
    const removed = target.paragraphs[2];
    const added = 'Tin đồn về việc thu hồi đất là bịa đặt, lãnh đạo tỉnh khẳng định.';
    // Edited silently: same URL, no new date anywhere the crawler could see before its re-check.
    const { updatedAt } = target;
    h.site.edit(
      target.slug,
      { title: `${target.title} (cập nhật)`, paragraphs: [target.paragraphs[0], target.paragraphs[1], added, target.paragraphs[3]] },
      at(30 * 60_000),
    );
    target.updatedAt = updatedAt;

    const [recheck] = await h.round(HOUR + 60_000);
    expect(recheck.updated).toBe(1);
    expect(recheck.notModified).toBe(2);
    const after = (await h.store.getItem(before.id))!;
    expect(after.title).toBe(`${target.title}`);
    expect(after.flagged).toBe(true);
    expect(after.revisions).toHaveLength(1);
    const [revision] = after.revisions!;
    expect(revision.title).toBe(before.title);
    expect(revision.text).toBe(before.text);
    expect(revision.fetchedAt).toBe(before.fetchedAt);
    expect(revision.replacedAt).toBe(at(HOUR + 60_000));
    expect(revision.changes).toEqual({ title: { from: before.title, to: after.title }, addedSentences: [added], removedSentences: [removed] });
    // Summaries (lists) leave the revisions out.
    const listed = await h.store.queryItems({ page: 1, pageSize: 10 });
    expect(listed.items.every((item) => !('revisions' in item))).toBe(true);
  });

  it('finds new and re-dated articles from a Google News sitemap without walking the site', async () => {
    const h = await harness(4, (site) => [{ id: 'tin-thu', kind: 'news', startUrls: [`${site.url}/`] }], { listed: false });
    const [first] = await h.round(0);
    expect(first.new).toBe(4);
    const news = sampleArticle(5, at(5 * 60_000));
    news.title = 'Tin mới chỉ có trong sitemap';
    h.site.publish(news);
    h.site.edit('tin-so-2', { paragraphs: [...sampleArticle(2, '').paragraphs, 'Đoạn bổ sung sau khi đăng bài.'] }, at(6 * 60_000));

    let mark = h.site.requests.length;
    const [second] = await h.round(10 * 60_000);
    expect(since(h.site, mark)).toEqual(['200 /', '200 /bai/tin-so-2.html', '200 /bai/tin-so-5.html', '200 /sitemap.xml']);
    expect([second.new, second.updated]).toEqual([1, 1]);
    const stored = (await h.items()).find((item) => item.url.endsWith('/tin-so-5.html'))!;
    expect(Date.parse(stored.publishedAt!)).toBe(Date.parse(news.publishedAt));

    mark = h.site.requests.length;
    await h.round(20 * 60_000);
    expect(since(h.site, mark)).toEqual(['200 /', '200 /sitemap.xml']);
  });
});

describe('incremental feed polling', () => {
  it('fetches the page of the one new entry among five, and suggests when to poll again', async () => {
    const h = await harness(5, (site) => [{ id: 'tin-thu-rss', kind: 'rss', url: `${site.url}/rss.xml` }]);
    const [first] = await h.round(0);
    expect(first.new).toBe(5);
    expect(h.site.count(/^\/bai\//)).toBe(5);
    // Just changed: the minimum interval (30 s), but not before the feed's max-age of 300 s.
    expect(first.pollAfterMs).toBe(300_000);

    h.site.publish(sampleArticle(6, at(60_000)));
    let mark = h.site.requests.length;
    const [second] = await h.round(2 * 60_000);
    expect(since(h.site, mark)).toEqual(['200 /bai/tin-so-6.html', '200 /rss.xml']);
    expect([second.new, second.duplicates]).toEqual([1, 5]);

    // An updated entry (dc:modified after our fetch) is fetched again at once, not at its re-check.
    h.site.edit('tin-so-3', { paragraphs: [...sampleArticle(3, '').paragraphs, 'Thông tin được cập nhật lúc trưa.'] }, at(3 * 60_000));
    mark = h.site.requests.length;
    const [third] = await h.round(4 * 60_000);
    expect(since(h.site, mark)).toEqual(['200 /bai/tin-so-3.html', '200 /rss.xml']);
    expect(third.updated).toBe(1);

    // Quiet for 4 hours: polled a quarter of that apart, within the 30-minute maximum.
    mark = h.site.requests.length;
    const [quiet] = await h.round(4 * 60_000 + 4 * HOUR);
    expect(quiet.pollAfterMs).toBe(1_800_000);
    // Robots expired? No: 4 h < 24 h. Every page was due at 1 h and is asked for conditionally.
    expect(h.site.count(/^\/robots\.txt$/)).toBe(1);
    expect(since(h.site, mark).filter((r) => r.startsWith('304'))).toHaveLength(6);
  });
});

describe('a run kept across rounds (serve)', () => {
  it('polls an unchanged feed without asking for its stored entries again', async () => {
    const h = await harness(5, (site) => [{ id: 'tin-thu-rss', kind: 'rss', url: `${site.url}/rss.xml` }]);
    let offset = 0;
    const { run, sources } = h.lastingRun(() => T0 + offset);
    await crawlSources(run, sources);
    expect(h.site.count(/^\/bai\//)).toBe(5);

    h.site.publish(sampleArticle(6, at(60_000)));
    offset = 2 * 60_000;
    let mark = h.site.requests.length;
    const [second] = await crawlSources(run, sources);
    expect(since(h.site, mark)).toEqual(['200 /bai/tin-so-6.html', '200 /rss.xml']);
    expect([second.new, second.duplicates]).toEqual([1, 5]);

    offset = 4 * 60_000;
    mark = h.site.requests.length;
    await crawlSources(run, sources);
    expect(since(h.site, mark)).toEqual(['200 /rss.xml']);
  });
});

describe('a site and its feed crawled side by side', () => {
  it('fetch each article page once between them', async () => {
    const h = await harness(5, (site) => [
      { id: 'tin-thu', kind: 'news', startUrls: [`${site.url}/`] },
      { id: 'tin-thu-rss', kind: 'rss', url: `${site.url}/rss.xml` },
    ]);
    const reports = await h.round(0, true);
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(h.site.count(/^\/bai\//)).toBe(5);
    expect(reports.reduce((sum, r) => sum + r.new, 0)).toBe(5);
    expect(await h.items()).toHaveLength(5);
  });
});
