/**
 * The check before publishing: the office's own outgoing text (a response draft, a portal post)
 * read by the same classifier that scores crawled items. A text is held when it contradicts the
 * official-facts sheet (a count, date, venue or claim that differs from the sheet) or carries
 * rumour cues; congress relevance is reported, never a reason to hold.
 */
import type { Classification, Explanation, ItemClassifier } from '../../core/types.ts';
import { LEARNED_CUE_PREFIX } from './model.ts';

export type HoldKind = 'fact' | 'cue';

/** Why a text is held, with the passage that triggered it. */
export interface HoldReason {
  kind: HoldKind;
  field: Explanation['field'];
  /** Character offsets [start, end) in the field, as in explanations. */
  start: number;
  end: number;
  matched: string;
  /** The contradicted fact's id (kind "fact") or the cue's id (kind "cue"). */
  term: string;
  factId?: string;
  /** In words, for the editor. */
  message: string;
}

export interface TextCheck extends Classification {
  held: boolean;
  reasons: HoldReason[];
}

export interface CheckInput {
  title?: string;
  text: string;
}

/** Anything that checks outgoing text (the workflow holds a draft publication on its verdict). */
export interface TextChecker {
  check(input: CheckInput): TextCheck;
}

function reasonOf(e: Explanation): HoldReason | null {
  const span = { field: e.field, start: e.start, end: e.end, matched: e.matched, term: e.term };
  if (e.kind === 'fact') return { kind: 'fact', ...span, factId: e.factId, message: `contradicts the official facts: ${e.note ?? e.term}` };
  // A learned n-gram ("đại hội") is no cue an editor can act on; negative weights are rebuttal framing.
  if (e.kind === 'distortion' && e.weight > 0 && !e.term.startsWith(LEARNED_CUE_PREFIX))
    return { kind: 'cue', ...span, message: `rumour cue "${e.matched}": ${e.note ?? e.term}` };
  return null;
}

/** The classifier's verdict on a text, with the reasons to hold it before publication. */
export function checkText(classifier: ItemClassifier, input: CheckInput): TextCheck {
  const classification = classifier.classify({ title: input.title ?? '', text: input.text });
  const reasons = classification.explanations.map(reasonOf).filter((r): r is HoldReason => r !== null);
  return { ...classification, held: reasons.length > 0, reasons };
}

/** A TextChecker over a classifier loaded on first use (publishing is rare; loading reads every lexicon). */
export function lazyChecker(load: () => ItemClassifier): TextChecker {
  let classifier: ItemClassifier | undefined;
  return {
    check(input) {
      classifier ??= load();
      return checkText(classifier, input);
    },
  };
}
