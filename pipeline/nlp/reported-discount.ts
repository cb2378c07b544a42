/**
 * Cues, rules and contradictions in a clause the item reports and its own voice denies or questions
 * (discourse.ts) count at the verdict's factor, and their notes say so.
 */
import type { View } from './classifier-types.ts';
import { inReportedClause } from './discourse.ts';
import { originalOffset } from './offsets.ts';

/** Marks the note of a cue, rule or contradiction counted at less weight in a reported clause. */
export const DISCOUNTED = ' — discounted';

/**
 * When token `tok` of the view sits in a reported clause of an item whose own voice denies or
 * questions it: the note saying why its weight is discounted (and it is counted); else null.
 */
export function reportedDiscount(v: View, tok: number): string | null {
  if (!inReported(v, tok)) return null;
  v.discounted++;
  return `${DISCOUNTED} ×${v.verdict.factor}: ${v.verdict.why}`;
}

/** Token `tok` sits in a clause the item reports and its own voice denies or questions. */
export function inReported(v: View, tok: number): boolean {
  return v.verdict.factor < 1 && v.discourse !== null && inReportedClause(v.discourse, originalOffset(v.prepared, v.prepared.tokStart[tok]));
}
