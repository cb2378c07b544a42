/**
 * Another topic's rumour (topic `otherNews`): an item that names nothing of the congress — no term of the topic in
 * any role, cancelled or not, and no word read for the implied congress — but is told in a rumour's own shape ("Tin
 * nội bộ: …", "người quen làm ở …", "share trước khi bị xóa") is about another body's news (a bishop, a district merger,
 * a bank, a match), whatever the model reads into its rumour-shaped n-grams. Read AFTER the model's decision, as whose
 * gathering is: an item judged congress-related on its n-grams alone is not, shown at the rumour's cue. The topic
 * score and the model's features do not move.
 */
import type { Classification, Explanation } from '../../core/types.ts';
import { cueKey } from './explanations.ts';
import { notCongressRelated } from './gatherings.ts';

export const OTHER_NEWS = "another topic's rumour: no congress term";

/** The explanation that shows it: the item's first cue of a rumour group, or null when it names the congress or has none. */
export function otherNewsExplanation(vocabulary: boolean, groups: ReadonlySet<string>, explanations: readonly Explanation[]): Explanation | null {
  if (vocabulary || !groups.size) return null;
  const cue = explanations.find((e) => e.kind === 'distortion' && e.weight > 0 && groups.has(cueKey(e.term)));
  if (!cue) return null;
  return {
    ...cue,
    kind: 'negative',
    term: OTHER_NEWS,
    weight: 0,
    note: `a rumour's own shape ("${cue.matched}") in an item that names nothing of the congress (no term of the topic, no Party office or act): another body's news, not congress-related (read after the model)`,
  };
}

/** A congress decision overridden for another topic's rumour: not congress-related, the shown score kept below the threshold. */
export function overrideForOtherNews(c: Classification, otherNews: () => Explanation | null, threshold: number): Classification {
  if (!c.congress) return c;
  const explanation = otherNews();
  return explanation ? notCongressRelated(c, explanation, threshold) : c;
}
