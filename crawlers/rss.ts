import type { RawItem } from '../core/types.ts';
import type { RssSourceConfig } from '../core/config.ts';
import { StreamDecoder } from './charset.ts';
import { failureReason, freshnessMs, openResource } from './fetch.ts';
import type { ExtractedArticle } from './extract-article.ts';
import { FeedReader, type FeedEntry, type FeedReading } from './feed-parser.ts';
import { crawlPages, type Seed } from './pages.ts';
import type { CrawlRun } from './crawl-run.ts';
import type { SourceReport } from './report.ts';

interface FeedValidators extends Record<string, unknown> {
  etag?: string;
  lastModified?: string;
  /** When the feed last had a new or updated entry (epoch ms): how often it changes sets its poll interval. */
  lastChangeAt?: number;
}

function entryItem(source: RssSourceConfig, entry: FeedEntry, fetchedAt: string, article?: ExtractedArticle & { imageUrls?: string[] }): RawItem {
  return {
    sourceId: source.id,
    kind: 'rss',
    url: entry.link,
    canonicalUrl: article?.canonicalUrl,
    title: article?.title || entry.title,
    text: article?.text || entry.summary,
    author: article?.author ?? entry.author,
    // A feed date that failed to parse falls back to the date the page itself declares.
    publishedAt: entry.publishedAt ?? article?.publishedAt,
    fetchedAt,
    imageUrls: article?.imageUrls,
  };
}

function groupByOrigin(seeds: Seed[]): Map<string, Seed[]> {
  const groups = new Map<string, Seed[]>();
  for (const seed of seeds) {
    const origin = new URL(seed.url).origin;
    groups.set(origin, [...(groups.get(origin) ?? []), seed]);
  }
  return groups;
}

/**
 * Reads the feed's body as it arrives: memory stays bounded by the entry cap, not the feed's
 * length. A body over the byte cap, or one that breaks off, keeps the entries read until then.
 */
async function readFeed(response: Response, run: CrawlRun): Promise<FeedReading & { complete: boolean }> {
  const { maxFeedBytes, maxFeedEntries } = run.config.crawler;
  const reader = new FeedReader(response.url, maxFeedEntries);
  const decoder = new StreamDecoder(response.headers.get('content-type') ?? undefined);
  let size = 0;
  let interruption: string | undefined;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > maxFeedBytes) {
        interruption = `feed is larger than the ${maxFeedBytes}-byte cap; read its first ${maxFeedBytes} bytes`;
        break;
      }
      if (!reader.write(decoder.write(Buffer.from(chunk)))) break;
    }
  } catch (error) {
    interruption = `feed download broke off after ${size} bytes (${failureReason(error, run.config.crawler.timeoutSecs)})`;
  }
  if (!interruption) reader.write(decoder.end());
  const reading = reader.end();
  if (interruption) reading.problems.unshift(interruption);
  return { ...reading, complete: !interruption };
}

/**
 * Reads an RSS 2.0, RSS 1.0 or Atom feed with a conditional GET (an unchanged feed costs one 304)
 * and ingests its newest entries (crawler.maxFeedEntries), with the full text from the entry's
 * page when it can be fetched and the feed's own summary when it cannot, so no entry is lost.
 * Only the pages of new or updated entries (or of stored ones due for a re-check) are fetched;
 * the rest are stored already and counted as duplicates. Sets report.pollAfterMs from the feed's
 * Cache-Control/Expires and how recently it changed.
 */
export async function crawlFeed(source: RssSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const stateKey = `feed:${source.id}`;
  const validators = run.state.get<FeedValidators>(stateKey) ?? {};
  if (!(await run.robots.isAllowed(source.url))) {
    report.recordError(source.url, 'feed disallowed by robots.txt; not fetched');
    return;
  }
  await run.limiter.acquire(source.url, source.requestsPerMinute ?? run.config.crawler.requestsPerMinute);
  const headers: Record<string, string> = {};
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const response = await openResource(source.url, { ...run.fetchOptions, headers });
  report.fetched++;
  run.progress(report);
  report.pollAfterMs = run.pollAfter(validators.lastChangeAt, freshnessMs(response.headers, run.now()));
  if (response.status === 304) {
    report.notModified++;
    return;
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    report.recordError(source.url, `feed answered HTTP ${response.status}`);
    return;
  }
  const { entries, problems, complete } = await readFeed(response, run);
  problems.forEach((problem) => report.recordError(source.url, problem));
  const fetchedAt = new Date(run.now()).toISOString();

  const ingest = async (entry: FeedEntry, article?: ExtractedArticle & { imageUrls?: string[] }) => {
    const outcome = await run.pipeline.ingest(entryItem(source, entry, fetchedAt, article));
    report.recordOutcome(entry.link, outcome);
    run.progress(report);
    return outcome;
  };

  if (!source.fetchArticles) {
    for (const entry of entries) {
      report.extracted++;
      await ingest(entry);
    }
  } else {
    const fresh = entries.filter((entry) => run.wants(source.id, entry.link, entry.updatedAt));
    // Entries whose page is stored and not due (or being fetched by another source of this run)
    // are not fetched again: read from the feed, each a duplicate.
    report.extracted += entries.length - fresh.length;
    report.duplicates += entries.length - fresh.length;
    const seeds = fresh.map((entry) => ({ url: entry.link, userData: { entry } }));
    for (const [origin, group] of groupByOrigin(seeds)) {
      let robots;
      try {
        robots = await run.robots.get(origin);
      } catch (error) {
        // Without the site's rules its pages are not fetched; the feed's summaries still count.
        report.recordError(origin, (error as Error).message);
        for (const seed of group) await ingest(entryOf(seed.userData));
        continue;
      }
      await crawlPages(
        group,
        { ...run.pageOptions(source), robots, followLinks: false, memory: run.pageMemory(source.id) },
        {
          onPageFetched: () => {
            report.fetched++;
            run.progress(report);
          },
          onArticle: async (article, url, userData, fetched, imageUrls) => {
            report.extracted++;
            const outcome = await ingest(entryOf(userData), { ...article, imageUrls });
            if (outcome.status !== 'error') run.rememberArticle(source.id, url, fetched, outcome.item.contentHash);
          },
          onNotModified: async (url) => {
            report.extracted++;
            report.duplicates++;
            run.remembering(() => run.memory.unchanged(url));
          },
          onPointer: (url, fetched) => run.rememberPointer(source.id, url, fetched),
          onNonArticle: async (url, reason, userData) => {
            report.recordError(url, `entry's page is not an article: ${reason} (kept the feed's summary)`);
            await ingest(entryOf(userData));
          },
          onError: async (url, reason, userData) => {
            report.recordError(url, `${reason} (kept the feed's summary)`);
            await ingest(entryOf(userData));
          },
        },
      );
    }
  }
  // Validators are saved only once every entry is stored: a crash before this point, or a download
  // that broke off, makes the next run fetch the whole feed again instead of getting a 304.
  if (!complete) return;
  const lastChangeAt = report.new + report.updated > 0 ? run.now() : validators.lastChangeAt;
  report.pollAfterMs = run.pollAfter(lastChangeAt, freshnessMs(response.headers, run.now()));
  run.state.set(stateKey, {
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    lastChangeAt,
  });
}

function entryOf(userData: Record<string, unknown> | undefined): FeedEntry {
  return (userData as { entry: FeedEntry }).entry;
}
