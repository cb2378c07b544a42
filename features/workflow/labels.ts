import type { ItemKind, ReviewStatus, Store } from '../../core/types.ts';
import type { Actor, AuditLog } from './audit.ts';
import { DECIDED_STATUSES, type ReviewRecord, type Reviews } from './reviews.ts';

/** One line of the evaluation corpus (tests/fixtures/dev-corpus.jsonl). */
export interface CorpusRecord {
  id: string;
  kind: ItemKind;
  source: string;
  url: string;
  publishedAt: string;
  title: string;
  text: string;
  labels: { congress: boolean; distortion: boolean };
  note: string;
}

/**
 * The office's review decisions as labels: dismissed → not a distortion (about the congresses
 * or not, as the analyst said, else as classified); confirmed and beyond → a distortion about
 * the congresses.
 */
export function labelsFor(record: ReviewRecord, classifiedCongress: boolean): CorpusRecord['labels'] | null {
  if (record.status === 'dismissed') return { congress: record.congressLabel ?? classifiedCongress, distortion: false };
  if (DECIDED_STATUSES.includes(record.status)) return { congress: true, distortion: true };
  return null;
}

function noteFor(record: ReviewRecord): string {
  const when = record.updatedAt?.slice(0, 10) ?? '';
  const base = `Office review: ${record.status} by ${record.updatedBy ?? '?'} ${when}`.trim();
  return record.reason ? `${base}. ${record.reason}` : `${base}.`;
}

export interface LabelExport {
  records: CorpusRecord[];
  /** Reviewed item ids no longer in the store. */
  missing: string[];
}

/** Every decided review, joined with its item, in the corpus format; the export is audited. */
export async function exportLabels(
  deps: { reviews: Reviews; audit: AuditLog; store: Store },
  actor: Actor,
  options: { destination?: string; statuses?: readonly ReviewStatus[] } = {},
): Promise<LabelExport> {
  const records: CorpusRecord[] = [];
  const missing: string[] = [];
  for (const review of deps.reviews.list(options.statuses ?? DECIDED_STATUSES)) {
    const item = await deps.store.getItem(review.itemId);
    if (!item) {
      missing.push(review.itemId);
      continue;
    }
    const labels = labelsFor(review, item.congress);
    if (!labels) continue;
    records.push({
      id: item.id,
      kind: item.kind,
      source: item.sourceId,
      url: item.url,
      publishedAt: item.publishedAt ?? item.fetchedAt,
      title: item.title,
      text: item.text,
      labels,
      note: noteFor(review),
    });
  }
  deps.audit.record({
    actor,
    action: 'labels.export',
    targetType: 'labels',
    detail: { count: records.length, missing: missing.length, destination: options.destination ?? 'stdout' },
  });
  return { records, missing };
}

export function toJsonLines(records: CorpusRecord[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + (records.length ? '\n' : '');
}
