import type { IngestOutcome } from '../core/types.ts';

export interface CrawlError {
  url: string;
  reason: string;
}

/** A fetched page that is not an article (home, category, info page), with the extractor's reason. */
export type SkippedPage = CrawlError;

/** Per-source counters shown while a crawl runs and in its final summary. */
export class SourceReport {
  fetched = 0;
  extracted = 0;
  new = 0;
  /** Known URLs whose content changed since the last crawl. */
  updated = 0;
  duplicates = 0;
  flagged = 0;
  /** 304 answers to conditional GETs (an unchanged feed). */
  notModified = 0;
  /** When to poll this source again (ms), as its server or change history suggests; the scheduler clamps it. */
  pollAfterMs?: number;
  readonly errors: CrawlError[] = [];
  /** Pages fetched but not stored because they are not articles: counted with a reason, not errors. */
  readonly skipped: SkippedPage[] = [];
  /** Publication and storage times (ms) of the new items whose publication time is known (freshness figures). */
  readonly newItemTimes: Array<{ published: number; stored: number }> = [];

  constructor(readonly sourceId: string) {}

  /** Counts what the pipeline did with an extracted item; a failed item is an error of this source. */
  recordOutcome(url: string, outcome: IngestOutcome): void {
    if (outcome.status === 'error') this.recordError(url, outcome.reason);
    else if (outcome.status === 'duplicate') this.duplicates++;
    else {
      if (outcome.status === 'new') {
        this.new++;
        const published = Date.parse(outcome.item.publishedAt ?? '');
        if (Number.isFinite(published)) this.newItemTimes.push({ published, stored: Date.now() });
      } else this.updated++;
      if (outcome.item.flagged) this.flagged++;
    }
  }

  recordError(url: string, reason: string): void {
    this.errors.push({ url, reason });
  }

  recordSkip(url: string, reason: string): void {
    this.skipped.push({ url, reason });
  }

  toJSON() {
    const { sourceId, fetched, extracted, updated, duplicates, flagged, notModified, errors, skipped } = this;
    return { sourceId, fetched, extracted, new: this.new, updated, duplicates, flagged, notModified, errors, skipped };
  }
}
