import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CheerioCrawler,
  Configuration,
  NonRetryableError,
  RequestQueue,
  log as crawleeLog,
  LogLevel,
  type CheerioCrawlingContext,
  type CheerioCrawlerOptions,
} from 'crawlee';
import type { RobotsTxtFile } from '@crawlee/utils';
import { boundMarkup } from './bounds.ts';
import { decodeDocument } from './charset.ts';
import { extractPage, type ExtractedArticle } from './extract-article.ts';
import { articleImageUrls } from './images.ts';
import type { HostRateLimiter } from './politeness.ts';
import { networkFailure } from './fetch.ts';
import { canonicalizeUrl, isAssetUrl, normalizeCrawlUrl, passesPatterns, SiteScope } from './urls.ts';
import { quoteUrl } from '../core/urls.ts';

// Our own progress and error report replaces crawlee's console chatter.
crawleeLog.setLevel(LogLevel.OFF);

/** Meta-refresh and canonical hops followed from one seed before giving up (stops A→B→A loops). */
const MAX_HOPS = 3;

/** Limits and politeness for one page crawl. */
export interface PageCrawlOptions {
  userAgent: string;
  requestsPerMinute: number;
  maxPages: number;
  timeoutSecs: number;
  maxRetries: number;
  maxPageBytes: number;
  include: string[];
  exclude: string[];
  /** Follow same-site links found on each page (news sites) or only fetch the seeds (feed entries). */
  followLinks: boolean;
  robots: RobotsTxtFile;
  limiter: HostRateLimiter;
  /** First retry waits this long, doubling each time. Default 1000 ms. */
  retryBackoffMs?: number;
  /** Incremental crawling: which links are worth a request, and validators for conditional ones. Default: every link, unconditionally. */
  memory?: PageFetchMemory;
  /** Images of each article collected for OCR. Default 0 (none). */
  maxImages?: number;
}

/** What a crawl remembers of earlier rounds, as the page crawler asks it (see CrawlMemory). */
export interface PageFetchMemory {
  /** Whether a discovered link is worth a request this round (unseen, a listing page, or due). */
  wanted(url: string): boolean;
  /** If-None-Match / If-Modified-Since for a page fetched before. */
  validators(url: string): Record<string, string>;
}

/** How a page was fetched: the URL asked for (before redirects) and the validators it answered with. */
export interface FetchedPage {
  requestedUrl: string;
  etag?: string;
  lastModified?: string;
}

export interface Seed {
  url: string;
  /** Carried along redirects and canonical hops, handed back with the article. */
  userData?: Record<string, unknown>;
}

export interface PageCrawlEvents {
  /** `fetched`: how the page was fetched; `imageUrls`: the story's images for OCR (at most `maxImages`). */
  onArticle(article: ExtractedArticle, finalUrl: string, userData: Record<string, unknown>, fetched: FetchedPage, imageUrls: string[]): Promise<void>;
  /** Nothing new here: a conditional request answered 304, or the page points at an article fetched recently and not due. */
  onNotModified?(url: string, userData: Record<string, unknown>): Promise<void>;
  /** A page that only points at another (print copy, meta-refresh stub), followed to `target`. */
  onPointer?(url: string, fetched: FetchedPage): void;
  onPageFetched(url: string): void;
  /** A fetched page that is neither an article nor a redirect stub (home, category, info page), and why. */
  onNonArticle?(url: string, reason: string, userData: Record<string, unknown>): Promise<void>;
  onError(url: string, reason: string, userData: Record<string, unknown>): Promise<void>;
}

/**
 * CheerioCrawler that decodes pages itself. Crawlee decodes by the Content-Type header only;
 * Vietnamese sites often declare windows-1258 in a <meta charset> instead, so raw bytes are
 * kept (forceResponseEncoding: latin1 passes them through untouched) and decoded here, with a
 * size cap enforced while streaming.
 */
class NewsPageCrawler extends CheerioCrawler {
  constructor(
    options: CheerioCrawlerOptions,
    config: Configuration,
    private readonly maxPageBytes: number,
  ) {
    super({ ...options, forceResponseEncoding: 'latin1' }, config);
    // A 304 has no body and usually no Content-Type, which crawlee would refuse before the
    // request handler sees it; declared as (empty) HTML it reaches the handler as "unchanged".
    this.postNavigationHooks.unshift(({ response }) => {
      if (response?.statusCode === 304) response.headers['content-type'] = 'text/html';
    });
  }

  protected override async _parseHTML(response: IncomingMessage, isXml: boolean, context: CheerioCrawlingContext) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response) {
      size += chunk.length;
      if (size > this.maxPageBytes) {
        response.destroy();
        throw new NonRetryableError(`page exceeds the ${this.maxPageBytes}-byte cap`);
      }
      chunks.push(chunk as Buffer);
    }
    const { text } = decodeDocument(Buffer.concat(chunks), response.headers['content-type']);
    // Hostile markup (deep nesting, huge attributes or text runs) is capped before any tree is built.
    const utf8 = Readable.from([Buffer.from(boundMarkup(text).html, 'utf8')]) as unknown as IncomingMessage;
    return super._parseHTML(utf8, isXml, context);
  }
}

function errorReason(error: Error): string {
  // crawlee wraps resets and refusals in "Detected a session error, rotating session..."; say what happened.
  const network = networkFailure(error);
  if (network) return network;
  const message = error.message.split('\n')[0];
  if (/Redirected \d+ times/i.test(message)) return `redirect loop (${message})`;
  if (/timed out|timeout/i.test(message)) return `timeout: ${message}`;
  return message;
}

/**
 * crawlee gives every RequestQueue a 1,000,000-slot deduplication cache (two 8 MB arrays) however
 * few requests it will hold; with one queue per source crawl, 48 crawls side by side kept about
 * 0.8 GB in them. A source queues at most `maxPages` requests, so a cache a few times that size
 * serves as well (a miss only means the queue checks its own records). Left alone if crawlee
 * renames the field.
 */
function shrinkSeenCache(queue: RequestQueue, slots: number): void {
  type SeenCache = { size?: number; constructor: new (size: number) => SeenCache };
  const internals = queue as unknown as { requestSeenCache?: SeenCache };
  const cache = internals.requestSeenCache;
  if (cache && typeof cache.size === 'number' && cache.size > slots) internals.requestSeenCache = new cache.constructor(slots);
}

/**
 * Fetches seeds (and, for news sites, the same-site links they lead to) with crawlee,
 * honouring robots.txt, the host rate limit, include/exclude patterns and the page budget.
 */
export async function crawlPages(seeds: Seed[], options: PageCrawlOptions, events: PageCrawlEvents): Promise<void> {
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const queue = await RequestQueue.open(`mediawatch-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, { config });
  shrinkSeenCache(queue, Math.max(1024, options.maxPages * 4));
  const backoff = options.retryBackoffMs ?? 1000;

  // Every URL is validated before it reaches crawlee: its queue rejects a whole batch for one bad
  // URL, and past the first 1,000 requests it does so in the background, where the rejection would
  // end the process.
  const startable: Seed[] = [];
  for (const seed of seeds) {
    const checked = normalizeCrawlUrl(seed.url);
    if (!checked.ok) await events.onError(seed.url, `invalid URL ${quoteUrl(seed.url)} (${checked.reason}); not fetched`, seed.userData ?? {});
    else if (!options.robots.isAllowed(checked.url, options.userAgent))
      await events.onError(seed.url, 'disallowed by robots.txt; not fetched', seed.userData ?? {});
    else startable.push({ url: checked.url, userData: seed.userData });
  }
  const scope = new SiteScope(
    startable.map((seed) => seed.url),
    options.include,
  );
  const allowed = (url: string) =>
    scope.contains(url) && options.robots.isAllowed(url, options.userAgent) && passesPatterns(url, options.include, options.exclude);

  const hopsOf = (context: CheerioCrawlingContext) => Number(context.request.userData.hops ?? 0);
  const enqueueTarget = (context: CheerioCrawlingContext, target: string) =>
    context.addRequests([{ url: target, userData: { ...context.request.userData, hops: hopsOf(context) + 1 } }]);

  const followPointer = async (context: CheerioCrawlingContext, target: string) => {
    if (options.memory?.wanted(target) ?? true) await enqueueTarget(context, target);
    else await events.onNotModified?.(context.request.url, context.request.userData);
  };

  const crawler = new NewsPageCrawler(
    {
      requestQueue: queue,
      maxRequestsPerCrawl: options.maxPages,
      maxRequestRetries: options.maxRetries,
      // crawlee retries resets and refusals as "session errors" up to 10 times whatever
      // maxRequestRetries says; the configured retries bound those too.
      maxSessionRotations: options.maxRetries,
      navigationTimeoutSecs: options.timeoutSecs,
      requestHandlerTimeoutSecs: Math.max(60, options.timeoutSecs * 2),
      maxConcurrency: 4,
      useSessionPool: false,
      persistCookiesPerSession: false,
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await options.limiter.acquire(request.url, options.requestsPerMinute);
          gotOptions.headers = { ...gotOptions.headers, ...options.memory?.validators(request.url), 'user-agent': options.userAgent };
          gotOptions.maxRedirects = 5;
          // got follows redirects by itself; each hop is checked like any other link.
          gotOptions.hooks = {
            ...gotOptions.hooks,
            beforeRedirect: [
              (next) => {
                const target = next.url?.toString() ?? '';
                const checked = normalizeCrawlUrl(target);
                if (!checked.ok) throw new NonRetryableError(`redirected to an invalid URL ${quoteUrl(target)} (${checked.reason})`);
                if (!allowed(checked.url)) throw new NonRetryableError(`redirected to ${checked.url}, which is off-site or disallowed`);
              },
            ],
          };
        },
      ],
      requestHandler: async (context) => {
        const { request, $ } = context;
        const finalUrl = request.loadedUrl ?? request.url;
        events.onPageFetched(finalUrl);
        const header = (name: string) => [context.response.headers[name]].flat()[0];
        const fetched: FetchedPage = { requestedUrl: request.url, etag: header('etag'), lastModified: header('last-modified') };
        // crawlee hands 4xx pages to the handler; a missing page is an error of the source, not a page.
        const status = context.response.statusCode ?? 200;
        if (status === 304) {
          await events.onNotModified?.(request.url, request.userData);
          return;
        }
        if (status >= 400) {
          await events.onError(finalUrl, `HTTP ${status}`, request.userData);
          return;
        }
        // crawlee bundles an older cheerio; its API is the subset extractPage uses, so reuse the parsed tree.
        const page = extractPage($ as unknown as Parameters<typeof extractPage>[0], finalUrl);
        if (options.followLinks) {
          const rejected: string[] = [];
          await context.enqueueLinks({
            strategy: 'all',
            transformRequestFunction: (candidate) => {
              const checked = normalizeCrawlUrl(candidate.url);
              if (!checked.ok) {
                if (scope.contains(candidate.url)) rejected.push(`invalid link ${quoteUrl(candidate.url)} (${checked.reason}); not followed`);
                return false;
              }
              const worthFetching = allowed(checked.url) && !isAssetUrl(checked.url) && (options.memory?.wanted(checked.url) ?? true);
              return worthFetching ? { ...candidate, url: checked.url } : false;
            },
          });
          for (const reason of rejected) await events.onError(finalUrl, reason, request.userData);
        }
        if (page.kind === 'redirect') {
          const target = normalizeCrawlUrl(page.target, finalUrl);
          if (hopsOf(context) >= MAX_HOPS) await events.onError(finalUrl, `more than ${MAX_HOPS} meta refreshes in a row`, request.userData);
          else if (!target.ok) await events.onError(finalUrl, `meta refresh to an invalid URL ${quoteUrl(page.target)} (${target.reason})`, request.userData);
          else if (allowed(target.url)) {
            events.onPointer?.(request.url, fetched);
            await followPointer(context, target.url);
          } else await events.onError(finalUrl, `meta refresh to ${target.url}, which is off-site, disallowed or excluded`, request.userData);
          return;
        }
        if (page.kind === 'other') {
          await events.onNonArticle?.(finalUrl, page.reason, request.userData);
          return;
        }
        const { article } = page;
        // A print version or tracking URL declares its canonical page: fetch that one instead so
        // the story is stored once, from its own page. If the canonical page cannot be fetched,
        // this copy is stored under the canonical URL.
        const canonical = normalizeCrawlUrl(article.canonicalUrl);
        if (canonical.ok && article.canonicalUrl !== canonicalizeUrl(finalUrl) && allowed(canonical.url) && hopsOf(context) < MAX_HOPS) {
          events.onPointer?.(request.url, fetched);
          await followPointer(context, canonical.url);
          return;
        }
        const images = options.maxImages ? articleImageUrls($ as unknown as Parameters<typeof articleImageUrls>[0], finalUrl, options.maxImages) : [];
        await events.onArticle(article, finalUrl, request.userData, fetched, images);
      },
      errorHandler: async ({ request }) => {
        await sleep(Math.min(30_000, backoff * 2 ** request.retryCount));
      },
      failedRequestHandler: async ({ request }, error) => {
        await events.onError(request.url, errorReason(error), request.userData);
      },
    },
    config,
    options.maxPageBytes,
  );

  // All seeds are queued before crawling starts, so a queue failure is this source's error, not a stray rejection.
  await crawler.run(
    startable.map((seed) => ({ url: seed.url, userData: seed.userData ?? {} })),
    { waitForAllRequestsToBeAdded: true },
  );
  await queue.drop();
}
