// Helpers shared by every store engine so that they return identical shapes.
import type { ItemSummary, ScoredItem } from '../../core/types.ts';

/** Vietnam has no DST, so day buckets are a fixed +07:00 shift. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const SNIPPET_LENGTH = 240;

/** Calendar day (YYYY-MM-DD) of an instant as seen in Asia/Ho_Chi_Minh. */
export function vietnamDay(iso: string): string {
  return new Date(Date.parse(iso) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant an item is sorted and bucketed by: publication time, else when we fetched it. */
export function itemTimestamp(item: Pick<ScoredItem, 'publishedAt' | 'fetchedAt'>): string {
  const published = item.publishedAt && !Number.isNaN(Date.parse(item.publishedAt)) ? item.publishedAt : undefined;
  return new Date(published ?? item.fetchedAt).toISOString();
}

/**
 * Lower/upper bounds of a date filter. A bare date ("2020-10-16") in `to` means the end of
 * that day in Vietnam, so "from=to=2020-10-16" returns that whole day.
 */
export function dateBound(value: string, edge: 'from' | 'to'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const time = edge === 'from' ? 'T00:00:00.000+07:00' : 'T23:59:59.999+07:00';
    return new Date(value + time).toISOString();
  }
  return new Date(value).toISOString();
}

export function toSummary(item: ScoredItem): ItemSummary {
  const { text, foldedText: _folded, explanations: _explanations, ocrText: _ocr, ...rest } = item;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const snippet = collapsed.length > SNIPPET_LENGTH ? `${collapsed.slice(0, SNIPPET_LENGTH - 1)}…` : collapsed;
  return { ...rest, snippet };
}
