import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit from 'p-limit';
import { configRelative, type LoadedConfig, type NewsSourceConfig, type SourceConfig } from '../core/config.ts';
import type { IngestPipeline } from '../pipeline/ingest.ts';
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
    /** Called once per source when its crawl ends (progress drops it from the active list). */
    readonly sourceDone: (report: SourceReport) => void = () => {},
  ) {
    const { crawler } = config;
    this.fetchOptions = { userAgent: crawler.userAgent, timeoutSecs: crawler.timeoutSecs, maxBytes: crawler.maxPageBytes };
    this.robots = new RobotsCache(this.fetchOptions, { limiter: this.limiter, requestsPerMinute: crawler.requestsPerMinute });
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

/** What a stray rejection is charged to: the source whose work created the rejected promise. */
interface SourceContext {
  report: SourceReport;
  location: string;
}
const activeSource = new AsyncLocalStorage<SourceContext>();
let guardUsers = 0;

// A rejection nobody awaited (crawlee adds large request batches in the background) would end the
// process and lose every source's report. Node runs this handler in the async context of the
// rejected promise, so with sources crawled side by side it is charged to the one that made it.
function chargeStrayRejection(reason: unknown): void {
  const context = activeSource.getStore();
  if (context) context.report.recordError(context.location, failureReason(reason));
  else process.emitWarning(`background work failed outside any source's crawl: ${failureReason(reason)}`);
}

/** Installs the stray-rejection handler while any crawl runs (crawls may overlap under `serve`); returns its release. */
function guardStrayRejections(): () => void {
  if (guardUsers++ === 0) process.on('unhandledRejection', chargeStrayRejection);
  return () => {
    if (--guardUsers === 0) process.off('unhandledRejection', chargeStrayRejection);
  };
}

/** Sources reached at the same host share its rate limit, so one round crawls them one after another. */
function hostOf(source: SourceConfig, run: CrawlRun): string {
  const location = sourceLocation(source, run);
  try {
    return new URL(location).host;
  } catch {
    return `${source.kind}:${location}`;
  }
}

/** Crawls one source, recording its run; a source that fails as a whole is reported, never thrown. */
async function crawlSource(run: CrawlRun, source: SourceConfig, runLog: SourceRunLog): Promise<SourceReport> {
  const report = new SourceReport(source.id);
  const location = sourceLocation(source, run);
  const full = run.pipeline.diskFull ?? run.state.diskFull;
  if (full) {
    report.recordError(location, `disk full: ${full}; source not crawled`);
    return report;
  }
  // Each source's runs are recorded for GET /api/sources; a broken log never stops a crawl.
  const logged = <T>(action: () => T): T | undefined => {
    try {
      return action();
    } catch (error) {
      process.emitWarning(`source run log ${sourceRunsPath(run.config)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const runId = logged(() => runLog.start(source.id, source.kind));
  let failed = false;
  await activeSource.run({ report, location }, async () => {
    run.progress(report);
    try {
      if (source.kind === 'news') await crawlNewsSite(source, run, report);
      else if (source.kind === 'rss') await crawlFeed(source, run, report);
      else if (isSocialSource(source)) await crawlSocialSource(source, run, report);
    } catch (error) {
      failed = true;
      report.recordError(location, failureReason(error));
    }
    // Node reports unawaited rejections once the microtask queue drains: let that happen before
    // the run is recorded.
    await new Promise((resolve) => setImmediate(resolve));
  });
  if (runId !== undefined) logged(() => runLog.finish(runId, report, failed));
  run.progress(report);
  run.sourceDone(report);
  return report;
}

/**
 * Crawls each source once. Sources at different hosts run side by side, at most
 * `crawler.maxConcurrentSources` at a time (each host keeps its own rate limit through the shared
 * limiter, so a slow or hanging host holds up only its own sources); sources at one host run one
 * after another, in config order. A source that fails as a whole (robots.txt unreachable, feed
 * gone, anything thrown) is reported and the others go on; once the disk is full, sources not yet
 * started are reported as not crawled. Reports come back in the order of `sources`.
 */
export async function crawlSources(run: CrawlRun, sources: SourceConfig[]): Promise<SourceReport[]> {
  const runLog = new SourceRunLog(sourceRunsPath(run.config));
  const release = guardStrayRejections();
  const limit = pLimit(run.config.crawler.maxConcurrentSources);
  const byHost = new Map<string, SourceConfig[]>();
  for (const source of sources) {
    const host = hostOf(source, run);
    byHost.set(host, [...(byHost.get(host) ?? []), source]);
  }
  const reports = new Map<SourceConfig, SourceReport>();
  try {
    await Promise.all(
      [...byHost.values()].map((group) =>
        limit(async () => {
          for (const source of group) reports.set(source, await crawlSource(run, source, runLog));
        }),
      ),
    );
  } finally {
    release();
    runLog.close();
  }
  return sources.map((source) => reports.get(source)!);
}
