/**
 * Explanations as shown: token spans resolved to offsets of the exact title and text passed in,
 * title first then by offset.
 */
import type { Explanation } from '../../core/types.ts';
import type { ExplanationCore, Field, Item, View } from './classifier-types.ts';
import { tokenSpan } from './text.ts';
import { round } from './weights.ts';

/** Appends the explanation of an item: tokens first..last, or raw original offsets. */
export function explain(out: Explanation[], v: View, first: number, last: number, e: ExplanationCore, raw: [number, number] | null): void {
  const [start, end] = raw ?? tokenSpan(v.prepared, first, last);
  out.push(explanation(e, v.prepared.original.slice(start, end), v.field, start, end));
}

/** Title explanations first, then by offset. */
export function byFieldAndStart(a: Explanation, b: Explanation): number {
  return a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1;
}

/**
 * An explanation object. Each combination of the optional keys has its own object literal, so that
 * every explanation is created with its final shape (adding keys afterwards makes the engine
 * create transient object shapes that a full GC drops, throwing away optimised code with them).
 */
export function explanation(e: ExplanationCore, matched: string, field: Field, start: number, end: number): Explanation {
  const { kind, term, note, factId, statement } = e;
  const weight = round(e.weight);
  if (statement !== undefined) {
    if (e.cited) return { kind, term, matched, weight, field, start, end, note, factId, statement, cited: true };
    return { kind, term, matched, weight, field, start, end, note, factId, statement };
  }
  if (e.cited) return { kind, term, matched, weight, field, start, end, note, factId, cited: true };
  if (note === undefined) {
    if (factId === undefined) return { kind, term, matched, weight, field, start, end };
    return { kind, term, matched, weight, field, start, end, factId };
  }
  if (factId === undefined) return { kind, term, matched, weight, field, start, end, note };
  return { kind, term, matched, weight, field, start, end, note, factId };
}

/** An explanation at raw offsets of the original string (style features). */
export function explainRaw(items: Item[], view: View, start: number, end: number, e: ExplanationCore) {
  items.push({ view, first: -1, last: -1, raw: [start, end], e });
}

/** A cue explanation's group: "unverified: nghe nói" → "unverified", "style: alarm emoji 😱" → "style: alarm emoji". */
export function cueKey(term: string): string {
  if (term.startsWith('style:')) return term.split(' ').slice(0, 3).join(' ');
  const colon = term.indexOf(':');
  return colon < 0 ? term : term.slice(0, colon);
}
