import { configRelative, type LoadedConfig, type SourceConfig } from '../core/config.ts';
import type { IngestOutcome, RawItem } from '../core/types.ts';
import type { FetchOptions } from './fetch.ts';
import { crawlMemoryPath, CrawlMemory } from './memory.ts';
import type { FetchedPage, PageCrawlOptions, PageFetchMemory } from './pages.ts';
import { pollAfterMs } from './poll.ts';
import { HostRateLimiter, RobotsCache } from './politeness.ts';
import type { SourceReport } from './report.ts';
import { CrawlState } from './state.ts';

/**
 * Where crawled items go (the ingest pipeline, which lives above the crawlers and is handed in):
 * the crawlers know only this shape, so they never import pipeline/.
 */
export interface ItemSink {
  ingest(raw: RawItem): Promise<IngestOutcome>;
  /** Set once a write failed for lack of space: the file that could not be written. */
  readonly diskFull: string | undefined;
}

/** The round's OCR queue as the e-paper crawler sees it: a scanned page waits for OCR. */
export interface OcrQueue {
  enqueuePdfPage(itemId: string, sourceId: string, pdf: string, page: number, pdfUrl: string): void;
}

/**
 * Everything the source crawlers of one run share: politeness, robots rules, state, the crawl
 * memory of earlier rounds, the pipeline. `now` is the clock of re-check schedules and poll
 * suggestions (tests move it on).
 */
export class CrawlRun {
  readonly limiter = new HostRateLimiter();
  readonly robots: RobotsCache;
  readonly state: CrawlState;
  readonly memory: CrawlMemory;
  readonly fetchOptions: FetchOptions;
  readonly sourceDone: (report: SourceReport) => void;
  readonly now: () => number;
  /** The round's OCR queue (images of items, scanned e-paper pages), when OCR is enabled. */
  ocr?: OcrQueue;

  constructor(
    readonly config: LoadedConfig,
    readonly pipeline: ItemSink,
    readonly progress: (report: SourceReport) => void = () => {},
    /**
     * `sourceDone` is called once per source when its crawl ends (progress drops it from the
     * active list); `now` is the clock of re-check schedules and poll suggestions (tests move it on).
     */
    hooks: { sourceDone?: (report: SourceReport) => void; now?: () => number } = {},
  ) {
    const { crawler } = config;
    this.sourceDone = hooks.sourceDone ?? (() => {});
    this.now = hooks.now ?? Date.now;
    this.fetchOptions = { userAgent: crawler.userAgent, timeoutSecs: crawler.timeoutSecs, maxBytes: crawler.maxPageBytes };
    this.state = new CrawlState(configRelative(config, config.statePath));
    this.memory = new CrawlMemory(crawlMemoryPath(config), crawler, this.now);
    this.robots = new RobotsCache(this.fetchOptions, {
      persisted: { store: this.memory, ttlMs: crawler.robotsTtlHours * 3_600_000, now: this.now },
      politeness: { limiter: this.limiter, requestsPerMinute: crawler.requestsPerMinute },
    });
  }

  /** Closes the crawl memory file; the run is not used afterwards. */
  close(): void {
    this.memory.close();
  }

  /** The poll interval to suggest for a source last seen changing at `lastChangeAt`. */
  pollAfter(lastChangeAt: number | undefined, serverFreshnessMs?: number): number {
    const { pollMinSecs, pollMaxSecs } = this.config.crawler;
    return pollAfterMs(lastChangeAt, this.now(), { minMs: pollMinSecs * 1000, maxMs: pollMaxSecs * 1000 }, serverFreshnessMs);
  }

  /**
   * Records a fetched article (and the URL asked for, when a redirect led to it) once it is
   * stored, so later rounds skip it until its re-check is due. A memory that cannot be written
   * only costs refetches, so that is a warning, never a lost item.
   */
  rememberArticle(sourceId: string, url: string, fetched: FetchedPage, contentHash?: string): void {
    this.remembering(() => this.memory.remember(url, { kind: 'article', sourceId, contentHash, etag: fetched.etag, lastModified: fetched.lastModified }));
    if (fetched.requestedUrl !== url) this.rememberPointer(sourceId, fetched.requestedUrl, fetched);
  }

  /** Records a page that only led to an article (redirect, print copy, meta refresh): skipped like its article. */
  rememberPointer(sourceId: string, url: string, fetched: FetchedPage): void {
    this.remembering(() => this.memory.remember(url, { kind: 'pointer', sourceId, etag: fetched.etag, lastModified: fetched.lastModified }));
  }

  /** Runs a crawl-memory write; a failure (disk full, locked file) is a warning, not a crawl error. */
  remembering(write: () => void): void {
    try {
      write();
    } catch (error) {
      process.emitWarning(`crawl memory ${crawlMemoryPath(this.config)}: ${(error as Error).message}`);
    }
  }

  /**
   * Pages a running source has set out to fetch: another source running beside it leaves them
   * alone. Released when the source's crawl ends, since `serve` keeps one run for every round.
   */
  private readonly claims = new Map<string, string>();

  /** Ends a source's claims: its next round asks the memory again (a stored page is not due). */
  releaseClaims(sourceId: string): void {
    for (const [url, owner] of this.claims) if (owner === sourceId) this.claims.delete(url);
  }

  /**
   * Whether a source should fetch a page this round: the memory wants it (unseen, due, or
   * announced as changed) and no other source of this run has claimed it (a site and its feed
   * crawled side by side fetch each new article once).
   */
  wants(sourceId: string, url: string, changedAt?: string): boolean {
    const owner = this.claims.get(url);
    if (owner !== undefined) return owner === sourceId;
    if (!this.memory.wanted(url, changedAt)) return false;
    this.claims.set(url, sourceId);
    return true;
  }

  /** Page-fetch memory for a source's crawlPages: a known page is asked for when due, with its validators. */
  pageMemory(sourceId: string): PageFetchMemory {
    return { wanted: (url) => this.wants(sourceId, url), validators: (url) => this.memory.validators(url) };
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
      maxImages: this.config.ocr.enabled ? this.config.ocr.maxImagesPerItem : 0,
      include: source.include,
      exclude: source.exclude,
      limiter: this.limiter,
    };
  }
}
