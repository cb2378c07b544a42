import type { Explanation } from '../core/types.ts';
import { shortenAtWord } from '../core/text.ts';
import { LEARNED_CUE_PREFIX } from '../pipeline/nlp/model.ts';
import { claimOfFactNote } from '../pipeline/nlp/classifier.ts';

/**
 * Why an item was flagged, one console line per reason: the passages an analyst would check first, each with
 * what it means (a passage alone — "Ông bí thư tỉnh phát biểu" — says nothing of why it counts). The
 * sheet's contradictions and repeats of answered rumours come before cue words, and the model's
 * n-grams come last (they say what the model weighed, not a claim to check). One line per fact and
 * per cue family, and each passage once: a second passage of the same kind, or a second reading of
 * the same words, tells the reader nothing new. Cited facts weigh nothing: left out.
 */
export function flagReasons(explanations: readonly Explanation[], limit = 3): string[] {
  const ranked = explanations
    .map((e) => ({ e, rank: reasonRank(e) }))
    .filter((r): r is { e: Explanation; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || (a.rank === 0 ? a.e.start - b.e.start : b.e.weight - a.e.weight));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { e } of ranked) {
    // one line per kind, and a passage shown once: a cue read on words already shown as a contradiction adds nothing
    const kind = reasonKind(e);
    const passage = `${e.field}:${e.start}:${e.matched}`;
    if (seen.has(kind) || seen.has(passage)) continue;
    seen.add(kind).add(passage);
    lines.push(describeReason(e));
    if (lines.length === limit) break;
  }
  return lines;
}

/** 0 the sheet's contradictions (in reading order: a fact's weight goes to whichever check ran first), 1 answered rumours, 2 cues, 3 learned cues (by weight). */
function reasonRank(e: Explanation): number | null {
  if (e.kind === 'fact') return e.cited ? null : 0;
  if (e.kind === 'rumour') return e.weight > 0 ? 1 : null;
  if (e.kind !== 'distortion' || e.weight <= 0) return null;
  return isLearned(e) ? 3 : 2;
}

/** A fact by its id; a lexicon cue by its family (the term's part before ":"); a learned cue by its n-gram. */
function reasonKind(e: Explanation): string {
  if (e.kind === 'fact') return `fact ${e.factId ?? e.term}`;
  if (e.kind === 'distortion' && !isLearned(e)) return `cue ${e.term.split(':')[0]}`;
  return `${e.kind} ${e.term} ${e.matched}`;
}

function describeReason(e: Explanation): string {
  const passage = `“${shortenAtWord(e.matched, 60)}”`;
  if (e.kind === 'fact') {
    const claim = claimOfFactNote(e.note);
    // the sheet's own words after the passage: a reader at the console has no sheet open to look "GL-DATE" up in
    const sheet = e.statement ? `; the sheet says “${shortenAtWord(e.statement, 130)}”` : '';
    return `against the sheet (${e.factId ?? e.term})${claim ? `, ${claim}` : ''}: ${passage}${sheet}`;
  }
  if (e.kind === 'rumour') return `repeats an answered rumour: ${passage}`;
  if (isLearned(e)) return `learned cue ${passage}`;
  return e.note ? `${shortenNote(e.note, 70)}: ${passage}` : `cue ${passage}`;
}

/**
 * A cue family's note cut at a clause (", ", " (", " — ") rather than mid-phrase: "claim sourced to an unnamed
 * insider, a relative or a friend "working at …"" reads as "claim sourced to an unnamed insider…", not as a quotation
 * left open. A note with no clause break early enough is cut at a word.
 */
function shortenNote(note: string, max: number): string {
  if (note.length <= max) return note;
  const head = note.slice(0, max);
  const breaks = [', ', ' (', ' — '].map((b) => head.lastIndexOf(b));
  const cut = Math.max(...breaks);
  return cut >= max / 3 ? `${note.slice(0, cut)}…` : shortenAtWord(note, max);
}

function isLearned(e: Explanation): boolean {
  return e.term.startsWith(LEARNED_CUE_PREFIX);
}
