import type { IngestOutcome } from '../pipeline/ingest.ts';

export interface CrawlError {
  url: string;
  reason: string;
}

/** Per-source counters shown while a crawl runs and in its final summary. */
export class SourceReport {
  fetched = 0;
  extracted = 0;
  new = 0;
  duplicates = 0;
  flagged = 0;
  /** 304 answers to conditional GETs (an unchanged feed). */
  notModified = 0;
  readonly errors: CrawlError[] = [];

  constructor(readonly sourceId: string) {}

  recordOutcome(outcome: IngestOutcome): void {
    if (outcome.status === 'error') return;
    if (outcome.status === 'new') this.new++;
    else this.duplicates++;
    if (outcome.status === 'new' && outcome.item.flagged) this.flagged++;
  }

  recordError(url: string, reason: string): void {
    this.errors.push({ url, reason });
  }

  toJSON() {
    const { sourceId, fetched, extracted, new: added, duplicates, flagged, notModified, errors } = this;
    return { sourceId, fetched, extracted, new: added, duplicates, flagged, notModified, errors };
  }
}
