import type { Explanation } from '../core/types.ts';
import { shortenAtWord } from '../core/text.ts';
import { LEARNED_CUE_PREFIX } from '../pipeline/nlp/model.ts';

/**
 * Why an item was flagged, in one console line: the passages an analyst would check first. The sheet's
 * contradictions and repeats of answered rumours come before cue words, and the model's n-grams come
 * last (they say what the model weighed, not a claim to check). Cited facts weigh nothing: left out.
 */
export function flagReasons(explanations: readonly Explanation[], limit = 3): string {
  const ranked = explanations
    .map((e) => ({ e, rank: reasonRank(e) }))
    .filter((r): r is { e: Explanation; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || b.e.weight - a.e.weight);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { e } of ranked) {
    const line = describeReason(e);
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
    if (lines.length === limit) break;
  }
  return lines.join('; ');
}

function reasonRank(e: Explanation): number | null {
  if (e.kind === 'fact') return e.cited ? null : 0;
  if (e.kind === 'rumour') return e.weight > 0 ? 1 : null;
  if (e.kind !== 'distortion' || e.weight <= 0) return null;
  return e.term.startsWith(LEARNED_CUE_PREFIX) ? 3 : 2;
}

function describeReason(e: Explanation): string {
  const passage = `“${shortenAtWord(e.matched, 60)}”`;
  if (e.kind === 'fact') return `contradicts ${e.factId ?? e.term}: ${passage}`;
  if (e.kind === 'rumour') return `repeats an answered rumour: ${passage}`;
  return e.term.startsWith(LEARNED_CUE_PREFIX) ? `learned cue ${passage}` : `cue ${passage}`;
}
