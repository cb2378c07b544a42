import type { SocialSourceConfig } from '../../core/config.ts';
import type { SourceReport } from '../report.ts';
import type { CrawlRun } from '../crawl-run.ts';
import { SocialHttp } from './http.ts';
import type { Pseudonymiser } from './pseudonym.ts';

/**
 * Requests per minute to each network when the source sets none: the documented limit where
 * there is one, or a polite share of it (see docs/social.md).
 */
export const DEFAULT_REQUESTS_PER_MINUTE: Record<SocialSourceConfig['kind'], number> = {
  // 300 requests / 5 minutes per IP for unauthenticated API calls; half of it.
  mastodon: 30,
  // AppView: 3000 requests / 5 minutes per IP; a small share of it.
  bluesky: 60,
  // Feeds have no published limit; stay light.
  youtube: 20,
  telegram: 20,
  // Unauthenticated Data API access: about 10 queries per minute.
  reddit: 10,
  file: 600,
};

/** Pages (requests) per stream and run when the source sets no maxPages. */
export const DEFAULT_MAX_PAGES = 10;

/** What every connector of one source run gets. */
export class SocialContext {
  readonly http: SocialHttp;
  readonly fetchedAt = new Date().toISOString();
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];

  constructor(
    readonly run: CrawlRun,
    readonly report: SourceReport,
    readonly source: SocialSourceConfig,
    readonly pseudonyms: Pseudonymiser,
  ) {
    this.include = source.include.map((pattern) => new RegExp(pattern));
    this.exclude = source.exclude.map((pattern) => new RegExp(pattern));
    this.http = new SocialHttp({
      fetchOptions: run.fetchOptions,
      limiter: run.limiter,
      requestsPerMinute: source.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE[source.kind],
      maxRetries: run.config.crawler.maxRetries,
      maxWaitSecs: 'maxWaitSecs' in source ? source.maxWaitSecs : 0,
      onResponse: () => {
        report.fetched++;
        run.progress(report);
      },
    });
  }

  get maxPages(): number {
    return this.source.maxPages ?? DEFAULT_MAX_PAGES;
  }

  /** The source's include/exclude patterns, applied to post URLs. */
  accepts(url: string): boolean {
    if (this.include.length && !this.include.some((pattern) => pattern.test(url))) return false;
    return !this.exclude.some((pattern) => pattern.test(url));
  }

  /** Records a failed stream (or row) and lets the source go on. */
  fail(location: string, error: unknown): void {
    this.report.recordError(location, error instanceof Error ? error.message : String(error));
    this.run.progress(this.report);
  }
}
