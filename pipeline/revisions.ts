import type { ItemRevision, RevisionChanges, ScoredItem } from '../core/types.ts';

/** Revisions kept per item: the oldest go first (the first version stays as long as edits are few). */
export const MAX_REVISIONS = 20;

const segmenter = new Intl.Segmenter('vi', { granularity: 'sentence' });

function sentences(text: string): string[] {
  return [...segmenter.segment(text)].map((part) => part.segment.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Sentences of `a` not in `b`, counting repeats (a sentence said twice and now once was removed once). */
function missingFrom(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const sentence of b) left.set(sentence, (left.get(sentence) ?? 0) + 1);
  return a.filter((sentence) => {
    const count = left.get(sentence) ?? 0;
    if (count) left.set(sentence, count - 1);
    return !count;
  });
}

/** What changed from one version of a title and text to the next. */
export function diffVersions(before: { title: string; text: string }, after: { title: string; text: string }): RevisionChanges {
  const old = sentences(before.text);
  const now = sentences(after.text);
  return {
    ...(before.title !== after.title ? { title: { from: before.title, to: after.title } } : {}),
    addedSentences: missingFrom(now, old),
    removedSentences: missingFrom(old, now),
  };
}

/** The stored version an edit replaces, with what the edit changed, appended to its earlier revisions. */
export function withRevision(stored: ScoredItem, next: Pick<ScoredItem, 'title' | 'text' | 'fetchedAt'>): ItemRevision[] {
  const revision: ItemRevision = {
    title: stored.title,
    text: stored.text,
    contentHash: stored.contentHash,
    fetchedAt: stored.fetchedAt,
    replacedAt: next.fetchedAt,
    changes: diffVersions(stored, next),
  };
  return [...(stored.revisions ?? []), revision].slice(-MAX_REVISIONS);
}
