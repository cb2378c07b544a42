import type { Classification, RawItem, ScoredItem, Store } from '../core/types.ts';
import { normaliseItem } from './normalise.ts';

/** The NLP stage as the pipeline sees it (see pipeline/nlp). */
export interface ItemClassifier {
  classify(input: { title: string; text: string; kind?: string }): Classification;
}

export type IngestOutcome =
  | { status: 'new'; item: ScoredItem }
  | { status: 'updated'; item: ScoredItem }
  | { status: 'duplicate'; item: ScoredItem; duplicateOf: string }
  | { status: 'error'; reason: string };

/** Scores a normalised item: flagged means congress-related and likely distorted. */
export function scoreItem(raw: RawItem, classifier: ItemClassifier): ScoredItem {
  const item = normaliseItem(raw);
  const classification = classifier.classify({ title: item.title, text: item.text, kind: item.kind });
  return { ...item, ...classification, flagged: classification.congress && classification.distortion };
}

/**
 * raw item → normalised → scored → stored. Deduplicates by canonical URL (same id: the stored
 * item is refreshed, not added) and by content hash (the same story under another URL is skipped).
 */
export class IngestPipeline {
  constructor(
    private readonly store: Store,
    private readonly classifier: ItemClassifier,
  ) {}

  async ingest(raw: RawItem): Promise<IngestOutcome> {
    const item = scoreItem(raw, this.classifier);
    const sameContent = await this.store.findByContentHash(item.contentHash);
    if (sameContent && sameContent !== item.id) return { status: 'duplicate', item, duplicateOf: sameContent };
    const result = await this.store.upsertItems([item]);
    if (result.errors.length) return { status: 'error', reason: result.errors[0].reason };
    return result.inserted ? { status: 'new', item } : { status: 'updated', item };
  }
}
