import { configRelative, type LoadedConfig, type NewsSourceConfig, type SourceConfig } from '../core/config.ts';
import type { IngestPipeline } from '../pipeline/ingest.ts';
import { crawlBroadcast } from './broadcast/index.ts';
import { fetchResource, type FetchOptions } from './fetch.ts';
import { crawlPages, type PageCrawlOptions } from './pages.ts';
import { HostRateLimiter, RobotsCache } from './politeness.ts';
import { SourceReport } from './report.ts';
import { crawlFeed } from './rss.ts';
import { crawlSocialSource, isSocialSource, sourceLocation } from './social/index.ts';
import { SourceRunLog, sourceRunsPath } from './source-runs.ts';
import { discoverFromSitemaps } from './sitemap.ts';
import { CrawlState } from './state.ts';

/** Everything the source crawlers of one run share: politeness, robots rules, state, the pipeline. */
export class CrawlRun {
  readonly limiter = new HostRateLimiter();
  readonly robots: RobotsCache;
  readonly state: CrawlState;
  readonly fetchOptions: FetchOptions;

  constructor(
    readonly config: LoadedConfig,
    readonly pipeline: IngestPipeline,
    readonly progress: (report: SourceReport) => void = () => {},
  ) {
    const { crawler } = config;
    this.fetchOptions = { userAgent: crawler.userAgent, timeoutSecs: crawler.timeoutSecs, maxBytes: crawler.maxPageBytes };
    this.robots = new RobotsCache(this.fetchOptions);
    this.state = new CrawlState(configRelative(config, config.statePath));
  }

  /** Page-crawl limits for a source: its own overrides, else the crawler defaults. */
  pageOptions(source: SourceConfig): Omit<PageCrawlOptions, 'robots' | 'followLinks'> {
    const { crawler } = this.config;
    return {
      userAgent: crawler.userAgent,
      requestsPerMinute: source.requestsPerMinute ?? crawler.requestsPerMinute,
      maxPages: source.maxPages ?? crawler.maxPages,
      timeoutSecs: crawler.timeoutSecs,
      maxRetries: crawler.maxRetries,
      maxPageBytes: crawler.maxPageBytes,
      include: source.include,
      exclude: source.exclude,
      limiter: this.limiter,
    };
  }
}

async function crawlNewsSite(source: NewsSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const options = run.pageOptions(source);
  const robots = await run.robots.get(source.startUrls[0]);
  const seeds = source.startUrls.map((url) => ({ url }));
  if (source.sitemaps) {
    const fetchSitemap = async (url: string) => {
      await run.limiter.acquire(url, options.requestsPerMinute);
      return fetchResource(url, run.fetchOptions);
    };
    const discovered = await discoverFromSitemaps(source.startUrls[0], robots, fetchSitemap, options.maxPages, source.include);
    discovered.errors.forEach((error) => report.recordError(error.url, error.reason));
    seeds.push(...discovered.urls.map((url) => ({ url })));
  }
  await crawlPages(seeds, { ...options, robots, followLinks: true }, {
    onPageFetched: () => {
      report.fetched++;
      run.progress(report);
    },
    onArticle: async (article, url) => {
      report.extracted++;
      const outcome = await run.pipeline.ingest({
        sourceId: source.id,
        kind: 'news',
        url,
        canonicalUrl: article.canonicalUrl,
        title: article.title,
        text: article.text,
        author: article.author,
        publishedAt: article.publishedAt,
        fetchedAt: new Date().toISOString(),
      });
      report.recordOutcome(url, outcome);
      run.progress(report);
    },
    onError: async (url, reason) => {
      report.recordError(url, reason);
      run.progress(report);
    },
  });
}

/** Why a source failed as a whole, in words; a failure of the program itself is labelled as one. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return `unexpected failure: ${String(error)}`;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) {
    return `unexpected program error (please report it): ${error.message}`;
  }
  return error.message;
}

/**
 * Crawls each source once, in order. A source that fails as a whole (robots.txt unreachable,
 * feed gone, anything thrown) is reported and the run moves on to the next one.
 */
export async function crawlSources(run: CrawlRun, sources: SourceConfig[]): Promise<SourceReport[]> {
  const reports: SourceReport[] = [];
  // Each source's runs are recorded for GET /api/sources; a broken log never stops a crawl.
  const runLog = new SourceRunLog(sourceRunsPath(run.config));
  const logged = <T>(action: () => T): T | undefined => {
    try {
      return action();
    } catch (error) {
      process.emitWarning(`source run log ${sourceRunsPath(run.config)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  // A rejection nobody awaited (crawlee adds large request batches in the background) would end
  // the process and lose every source's report; it is recorded against the source being crawled.
  let current: { report: SourceReport; location: string } | undefined;
  const stray = (reason: unknown) => current?.report.recordError(current.location, failureReason(reason));
  process.on('unhandledRejection', stray);
  try {
    for (const source of sources) {
      const report = new SourceReport(source.id);
      reports.push(report);
      current = { report, location: sourceLocation(source, run) };
      const runId = logged(() => runLog.start(source.id, source.kind));
      let failed = false;
      try {
        if (source.kind === 'news') await crawlNewsSite(source, run, report);
        else if (source.kind === 'rss') await crawlFeed(source, run, report);
        else if (source.kind === 'broadcast') await crawlBroadcast(source, run, report);
        else if (isSocialSource(source)) await crawlSocialSource(source, run, report);
      } catch (error) {
        failed = true;
        report.recordError(current.location, failureReason(error));
      }
      // Node reports unawaited rejections once the microtask queue drains: let that happen while
      // this source is still the current one.
      await new Promise((resolve) => setImmediate(resolve));
      if (runId !== undefined) logged(() => runLog.finish(runId, report, failed));
      run.progress(report);
    }
  } finally {
    process.off('unhandledRejection', stray);
    runLog.close();
  }
  return reports;
}
