/**
 * Another topic's rumour (topic `otherNews`): an item that names nothing of the congress — no term of the topic in
 * any role, cancelled or not, and no word read for the implied congress — but is told in a rumour's own shape ("Tin
 * nội bộ: …", "người quen làm ở …", "share trước khi bị xóa") is about another body's news (a bishop, a district merger,
 * a bank, a match), whatever the model reads into its rumour-shaped n-grams. Read AFTER the model's decision, as whose
 * gathering is: an item judged congress-related on its n-grams alone is not, shown at the rumour's cue. The topic
 * score and the model's features do not move.
 */
import type { Classification, Explanation } from '../../core/types.ts';
import type { OtherNewsObjects } from './classifier-types.ts';
import { cueKey } from './explanations.ts';
import { foldVietnamese } from './fold.ts';
import { notCongressRelated } from './gatherings.ts';

export const OTHER_NEWS = "another topic's rumour: no congress term";

export function compileOtherNewsObjects(spec: { groups: string[]; objects: string[]; reach: number } | undefined): OtherNewsObjects | null {
  if (!spec) return null;
  return { groups: new Set(spec.groups), objects: spec.objects.map((o) => foldVietnamese(o).toLowerCase().trim().split(/\s+/)), reach: spec.reach };
}

/** How far after a cue its object is looked for (characters; the reach in syllables decides). */
const OBJECT_SPAN = 120;
const STOP = /[.!?;:\n]/;

/**
 * Whether an object of `o` starts within its reach of syllables after the cue, in the cue's sentence: the words after the
 * cue (`after`, as written) folded, cut at the first stop.
 */
export function objectAfterCue(o: OtherNewsObjects, after: string): boolean {
  const head = foldVietnamese(after.slice(0, OBJECT_SPAN)).toLowerCase();
  const stop = head.search(STOP);
  const syllables = (stop < 0 ? head : head.slice(0, stop)).match(/[a-z0-9]+/g) ?? [];
  for (let i = 0; i <= o.reach && i < syllables.length; i++) if (o.objects.some((w) => w.every((s, k) => syllables[i + k] === s))) return true;
  return false;
}

/**
 * The explanation that shows it: the item's first cue of a rumour group (or of a leak's group before another topic's
 * object: `objects` with the fields' texts the explanations' offsets are in), or null when it names the congress or has none.
 */
export function otherNewsExplanation(
  vocabulary: boolean,
  groups: ReadonlySet<string>,
  explanations: readonly Explanation[],
  objects: { spec: OtherNewsObjects; fields: Partial<Record<Explanation['field'], string>> } | null = null,
): Explanation | null {
  if (vocabulary || (!groups.size && !objects)) return null;
  const leak = (e: Explanation) =>
    !!objects && objects.spec.groups.has(cueKey(e.term)) && objectAfterCue(objects.spec, (objects.fields[e.field] ?? '').slice(e.end));
  const cue = explanations.find((e) => e.kind === 'distortion' && e.weight > 0 && (groups.has(cueKey(e.term)) || leak(e)));
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
