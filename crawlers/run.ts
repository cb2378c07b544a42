import { AsyncLocalStorage } from 'node:async_hooks';
import pLimit from 'p-limit';
import type { NewsSourceConfig, SourceConfig } from '../core/config.ts';
import { crawlBroadcast } from './broadcast/index.ts';
import type { CrawlRun } from './crawl-run.ts';
import { crawlEpaper } from './epaper.ts';
import { fetchResource } from './fetch.ts';
import { crawlPages, type Seed } from './pages.ts';
import { SourceReport } from './report.ts';
import { crawlFeed } from './rss.ts';
import { crawlSocialSource, isSocialSource, sourceLocation } from './social/index.ts';
import { SourceRunLog, sourceRunsPath } from './source-runs.ts';
import { discoverFromSitemaps, type SitemapPage } from './sitemap.ts';

interface SiteState extends Record<string, unknown> {
  /** When a round last found a new or changed article (epoch ms). */
  lastChangeAt?: number;
}

/**
 * One round of a news site: its start pages (home, sections) and the pages they link to, the
 * sitemap's new or re-dated pages, and stored articles due for a re-check; pages fetched before
 * and not due are skipped, due ones are asked for conditionally (304: unchanged).
 */
async function crawlNewsSite(source: NewsSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const options = run.pageOptions(source);
  const robots = await run.robots.get(source.startUrls[0]);
  const seeds: Seed[] = source.startUrls.map((url) => ({ url }));
  /** The newest change the sitemap dates (epoch ms), a signal of how often the site publishes. */
  let sitemapChangeAt: number | undefined;
  if (source.sitemaps) {
    const fetchSitemap = async (url: string) => {
      await run.limiter.acquire(url, options.requestsPerMinute);
      const response = await fetchResource(url, run.fetchOptions);
      if (response.status === 200) run.remembering(() => run.memory.remember(url, { kind: 'sitemap', sourceId: source.id }));
      return response;
    };
    const wanted = (url: string, lastmod?: string) => run.wants(source.id, url, lastmod);
    const discovered = await discoverFromSitemaps(source.startUrls[0], robots, fetchSitemap, options.maxPages, source.include, wanted);
    discovered.errors.forEach((error) => report.recordError(error.url, error.reason));
    // A news sitemap's title and date stand in when the page itself does not declare them.
    seeds.push(...discovered.pages.map((page) => ({ url: page.loc, userData: { sitemap: page } })));
    for (const page of discovered.pages) {
      const dated = Date.parse(page.lastmod ?? page.newsPublishedAt ?? '');
      if (dated <= run.now() && !(dated <= (sitemapChangeAt ?? -Infinity))) sitemapChangeAt = dated;
    }
  }
  const listed = new Set(seeds.map((seed) => seed.url));
  seeds.push(
    ...run.memory
      .due(source.id, options.maxPages)
      .filter((url) => !listed.has(url))
      .map((url) => ({ url })),
  );

  let changed = false;
  await crawlPages(
    seeds,
    { ...options, robots, followLinks: true, memory: run.pageMemory(source.id) },
    {
      onPageFetched: () => {
        report.fetched++;
        run.progress(report);
      },
      onArticle: async (article, url, userData, fetched, imageUrls) => {
        report.extracted++;
        const hint = (userData as { sitemap?: SitemapPage }).sitemap;
        const outcome = await run.pipeline.ingest({
          sourceId: source.id,
          kind: 'news',
          url,
          canonicalUrl: article.canonicalUrl,
          title: article.title || hint?.newsTitle || '',
          text: article.text,
          author: article.author,
          publishedAt: article.publishedAt ?? hint?.newsPublishedAt,
          fetchedAt: new Date(run.now()).toISOString(),
          imageUrls,
        });
        report.recordOutcome(url, outcome);
        if (outcome.status === 'new' || outcome.status === 'updated') changed = true;
        if (outcome.status !== 'error') run.rememberArticle(source.id, url, fetched, outcome.item.contentHash);
        run.progress(report);
      },
      onNonArticle: async (url, reason) => {
        report.recordSkip(url, reason);
      },
      onNotModified: async (url) => {
        report.notModified++;
        run.remembering(() => run.memory.unchanged(url));
      },
      onPointer: (url, fetched) => run.rememberPointer(source.id, url, fetched),
      onError: async (url, reason) => {
        report.recordError(url, reason);
        run.progress(report);
      },
    },
  );
  const stateKey = `site:${source.id}`;
  const state = run.state.get<SiteState>(stateKey) ?? {};
  const lastChangeAt = changed ? run.now() : Math.max(state.lastChangeAt ?? 0, sitemapChangeAt ?? 0) || undefined;
  report.pollAfterMs = run.pollAfter(lastChangeAt);
  if (lastChangeAt !== state.lastChangeAt) run.state.set(stateKey, { lastChangeAt });
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
      else if (source.kind === 'epaper') await crawlEpaper(source, run, report);
      else if (source.kind === 'broadcast') await crawlBroadcast(source, run, report);
      else if (isSocialSource(source)) await crawlSocialSource(source, run, report);
    } catch (error) {
      failed = true;
      report.recordError(location, failureReason(error));
    }
    // Node reports unawaited rejections once the microtask queue drains: let that happen before
    // the run is recorded.
    await new Promise((resolve) => setImmediate(resolve));
  });
  run.releaseClaims(source.id);
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
