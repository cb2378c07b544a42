import { DiskFullError } from '../core/disk.ts';
import type { IngestOutcome, ItemClassifier, RawItem, ScoredItem, Store } from '../core/types.ts';
import { httpUrl, quoteUrl } from '../core/urls.ts';
import { normaliseItem } from './normalise.ts';
import { withRevision } from './revisions.ts';
import { classifyWithOcr } from './ocr/score.ts';

/** Near-duplicate clustering as the pipeline sees it (see pipeline/nlp/cluster.ts). */
export interface ClusterAssigner {
  /** Returns the cluster of this item; the same id always gets the same cluster. */
  assign(id: string, foldedText: string, seenAt: string): string;
}

/** Known-rumour matching as the pipeline sees it (see features/workflow/known-rumours.ts). */
export interface RumourChecker {
  /** Counts a stored item in the matcher's document frequencies. */
  observe(item: ScoredItem): void;
  /** The item, with its match against the office's decided items applied (score, explanations, knownRumour). */
  check(item: ScoredItem): Promise<ScoredItem>;
}

/** Scores a normalised item (with the text read from its images): flagged means congress-related and likely distorted. */
export function scoreItem(raw: RawItem, classifier: ItemClassifier): ScoredItem {
  const item = normaliseItem(raw);
  const classification = classifyWithOcr(classifier, item);
  return { ...item, ...classification, flagged: classification.congress && classification.distortion };
}

/**
 * raw item → normalised → scored → stored. Deduplicates by canonical URL (same id: unchanged
 * content is skipped, changed content is re-scored and refreshes the stored item, which keeps the
 * earlier version and what changed in its revisions) and by content hash (the same
 * story under another URL is skipped). Near-duplicates (small edits) are stored but share a cluster.
 */
export class IngestPipeline {
  private diskFullPath: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly classifier: ItemClassifier,
    private readonly clusters?: ClusterAssigner,
    private readonly knownRumours?: RumourChecker,
  ) {}

  /**
   * Feeds every stored item to the cluster index, so new items join clusters seen in earlier runs,
   * and to the known-rumour matcher's document frequencies.
   */
  async seedIndexes(): Promise<number> {
    if (!this.clusters && !this.knownRumours) return 0;
    let seeded = 0;
    for await (const batch of this.store.scanItems()) {
      for (const item of batch) {
        this.clusters?.assign(item.id, item.foldedText, item.fetchedAt);
        this.knownRumours?.observe(item);
      }
      seeded += batch.length;
    }
    return seeded;
  }

  /**
   * The store file that could not be written because its disk filled up. From then on nothing
   * more is stored (each item is reported as not stored), rather than failing item after item.
   */
  get diskFull(): string | undefined {
    return this.diskFullPath;
  }

  /**
   * Adds the text read from a stored item's images (or scanned page) and scores the item again with
   * it; the item keeps its review, cluster and identity. Called by the OCR queue when its work is done.
   */
  async applyOcr(id: string, ocr: Pick<RawItem, 'ocrText' | 'ocrImages'>): Promise<IngestOutcome> {
    try {
      const stored = await this.store.getItem(id);
      if (!stored) return { status: 'error', reason: 'the item was deleted before its images were read' };
      const { knownRumour: _earlier, modelVersion: _model, ...rest } = stored;
      let item = scoreItem({ ...rest, ...ocr }, this.classifier);
      if (this.knownRumours) item = await this.knownRumours.check(item);
      item.clusterId = stored.clusterId;
      item.review = stored.review;
      const result = await this.store.upsertItems([item]);
      if (result.errors.length) return { status: 'error', reason: result.errors[0].reason };
      return { status: 'updated', item };
    } catch (error) {
      if (error instanceof DiskFullError) this.diskFullPath = error.path;
      return { status: 'error', reason: `store: ${(error as Error).message}` };
    }
  }

  async ingest(raw: RawItem): Promise<IngestOutcome> {
    if (this.diskFullPath) return { status: 'error', reason: `disk full: ${this.diskFullPath}; not stored` };
    for (const link of [raw.url, raw.canonicalUrl]) {
      if (link !== undefined && !httpUrl(link)) return { status: 'error', reason: `refused: the item's link ${quoteUrl(link)} is not an http(s) URL` };
    }
    let item: ScoredItem;
    try {
      item = scoreItem(raw, this.classifier);
    } catch (error) {
      return { status: 'error', reason: `scoring failed: ${(error as Error).message}` };
    }
    try {
      const stored = await this.store.getItem(item.id);
      if (stored && stored.contentHash === item.contentHash && stored.title === item.title) {
        // Same post, same text: only its engagement moves, and spread signals need the latest counts.
        if (item.engagement && JSON.stringify(item.engagement) !== JSON.stringify(stored.engagement)) {
          const refreshed = await this.store.upsertItems([{ ...stored, engagement: item.engagement }]);
          if (refreshed.errors.length) return { status: 'error', reason: refreshed.errors[0].reason };
        }
        return { status: 'duplicate', item: stored, duplicateOf: stored.id };
      }
      // An empty body (an image-only post, a scanned page waiting for OCR) is no story to match by content.
      if (!stored && item.text) {
        const sameContent = await this.store.findByContentHash(item.contentHash);
        if (sameContent) return { status: 'duplicate', item, duplicateOf: sameContent };
      }
      if (this.knownRumours) item = await this.knownRumours.check(item);
      if (this.clusters) item.clusterId = this.clusters.assign(item.id, item.foldedText, item.fetchedAt);
      // A refreshed page keeps the decisions analysts already took on it, and its earlier text as evidence.
      if (stored?.review) item.review = stored.review;
      if (stored) item.revisions = withRevision(stored, item);
      const result = await this.store.upsertItems([item]);
      if (result.errors.length) return { status: 'error', reason: result.errors[0].reason };
      return stored ? { status: 'updated', item } : { status: 'new', item };
    } catch (error) {
      if (error instanceof DiskFullError) {
        this.diskFullPath = error.path;
        return { status: 'error', reason: `${error.message}; not stored` };
      }
      return { status: 'error', reason: `store: ${(error as Error).message}` };
    }
  }
}
