import type { Classification, RawItem, ScoredItem } from '../../core/types.ts';
import { normaliseItem } from '../../pipeline/normalise.ts';

/** A stored-shape item built through the real normaliser, with the classification given. */
export function makeItem(raw: Partial<RawItem> & { title: string; text: string }, classification: Partial<Classification> = {}): ScoredItem {
  const item = normaliseItem({
    sourceId: 'bao-a',
    kind: 'news',
    url: `https://bao-a.example/${encodeURIComponent(raw.title)}.html`,
    fetchedAt: '2020-10-20T00:00:00Z',
    ...raw,
  });
  const congress = classification.congress ?? false;
  const distortion = classification.distortion ?? false;
  return {
    ...item,
    congress,
    distortion,
    scores: classification.scores ?? { congress: congress ? 0.9 : 0.1, distortion: distortion ? 0.8 : 0.1 },
    topics: classification.topics ?? (congress ? ['congress-2020'] : []),
    explanations: classification.explanations ?? [],
    flagged: congress && distortion,
  };
}
