/**
 * Frames a rumour borrows from a rebuttal (groups with `answeredInBody` or `borrowedWith`): evidence
 * against distortion counts only where its structure is complete, not where a title asks and the body
 * never answers. And the other way round (`notInItemWith`): a rumour's frame another speaker uses for an
 * act of its own ("Bài đã bị gỡ" in a moderator's notice) does not count beside that speaker's marks — marks outside
 * quotation marks: a notice that quotes the rumour's call to share is still a notice; `termsNotInItemWith` the same for
 * some of a group's phrases ("Link ở comment" under the writer's own "Vlog mới: …").
 */
import type { CompiledCues, CuePhrase, View } from './classifier-types.ts';
import { isNegated } from './cue-placement.ts';
import { longestNonOverlapping, type PhraseHit } from './lexicon.ts';
import { within } from './quotations.ts';
import { foldedSyllables } from './text.ts';

/**
 * Drops, in place, the hits of the frames a rumour borrows (groups with `answeredInBody` or
 * `borrowedWith`): evidence against distortion counts only where its structure is complete; and the hits
 * of a group in an item with a match of one of its `notInItemWith` groups (both read before any is dropped).
 */
export function withoutBorrowedFrames(
  cues: CompiledCues,
  fields: Array<{ v: View; negators: Array<PhraseHit<CuePhrase>>; cueList: Array<PhraseHit<CuePhrase>> }>,
): void {
  const groups = cues.file.groups;
  const groupOf = (h: PhraseHit<CuePhrase>) => (h.spec.data.kind === 'cue' ? h.spec.data.group : -1);
  // markers as counted: not inside a longer phrase ("hỏi thật chứ không" is no "thật chứ?"), not negated ("không phải nghe đồn")
  const counted = fields.map((f) => longestNonOverlapping(f.cueList).filter((h) => !isNegated(f.v, f.negators, h)));
  const inItem = (g: number) => counted.some((hits) => hits.some((h) => groupOf(h) === g));
  // (a mark quoted is someone else's words, not the item's: a notice quoting the rumour's "share trước khi bị xóa")
  const unquoted = counted.map((hits, k) => hits.filter((h) => !within(fields[k].v.quotations, fields[k].v.prepared.tokStart[h.tokFirst])));
  const inItemUnquoted = (g: number) => unquoted.some((hits) => hits.some((h) => groupOf(h) === g));
  const borrowed = cues.borrowedWith.map(
    (b, g) => (b !== undefined && b.all.every(inItem) && b.any.some(inItem)) || (cues.notInItemWith[g]?.some(inItemUnquoted) ?? false),
  );
  const body = fields.find((f) => f.v.field === 'text');
  // the body asks too, or answers with evidence of its own against distortion
  const bodyAnswers =
    body !== undefined && (body.v.prepared.original.includes('?') || body.cueList.some((h) => groupOf(h) >= 0 && groups[groupOf(h)].weight < 0));
  for (const f of fields) {
    f.cueList = f.cueList.filter((h) => {
      const g = groupOf(h);
      if (g < 0) return true;
      if (borrowed[g]) return false;
      const some = cues.termsNotInItemWith[g];
      if (some && some.groups.some(inItemUnquoted) && some.texts.has(foldedSyllables(h.spec.text).join(' '))) return false;
      return !(groups[g].answeredInBody && f.v.field === 'title' && !bodyAnswers);
    });
  }
}
