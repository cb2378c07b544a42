// Cuts an item's title or text into runs at the edges of its explanations, so that each
// matched term or cue can be marked (as text, never markup). Pure: also used by the unit tests.

/**
 * An explanation as the API gives it (the parts marking needs).
 * @typedef {{ kind: string, matched?: string, start?: number, end?: number, field?: string }} Explanation
 */
/** @typedef {{ text: string, start: number, end: number, kinds: string[], explanations: number[] }} Run */

/** When spans overlap, the mark shows the first of these kinds. */
export const KIND_PRIORITY = ['fact', 'rumour', 'distortion', 'negative', 'congress'];

/**
 * The [start, end) of an explanation in `text`: its own offsets when they point at the matched
 * text, else the first occurrence of the matched text, else null (nothing to mark).
 * @param {string} text
 * @param {Explanation} explanation
 * @returns {{ start: number, end: number } | null}
 */
export function locate(text, explanation) {
  const { start, end, matched } = explanation;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length) {
    if (!matched || text.slice(start, end) === matched) return { start, end };
  }
  if (matched) {
    const at = text.indexOf(matched);
    if (at >= 0) return { start: at, end: at + matched.length };
  }
  return null;
}

/**
 * Runs covering `text` in order: { text, start, end, kinds, explanations } where
 * `explanations` are the indexes (into `explanations`) of the spans covering the run and `kinds`
 * their kinds by priority. Runs without any span have empty lists. Only explanations whose
 * `field` equals `field` count.
 * @param {string} text
 * @param {Explanation[]} explanations
 * @param {string} [field]
 * @returns {Run[]}
 */
export function segments(text, explanations, field) {
  /** @type {Array<{ start: number, end: number, index: number, kind: string }>} */
  const spans = [];
  explanations.forEach((explanation, index) => {
    if (field && explanation.field !== field) return;
    const where = locate(text, explanation);
    if (where) spans.push({ ...where, index, kind: explanation.kind });
  });
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  /** @type {Run[]} */
  const runs = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    const kinds = KIND_PRIORITY.filter((kind) => covering.some((span) => span.kind === kind));
    for (const span of covering) if (!kinds.includes(span.kind)) kinds.push(span.kind);
    const last = runs[runs.length - 1];
    if (!covering.length && last && !last.explanations.length) {
      last.text += text.slice(start, end);
      last.end = end;
      continue;
    }
    runs.push({ text: text.slice(start, end), start, end, kinds, explanations: covering.map((span) => span.index) });
  }
  return runs;
}

/**
 * Where a sentence ends: a line break, or . ! ? … followed by a space.
 * @param {string} text
 * @param {number} at
 */
function endsSentence(text, at) {
  return text[at] === '\n' || (/[.!?…]/.test(text[at]) && (at + 1 >= text.length || /\s/.test(text[at + 1])));
}

/**
 * The sentence (or line) around [start, end), at most about `max` characters, with whether it was cut.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 * @param {number} [max]
 */
export function context(text, start, end, max = 320) {
  let from = start;
  while (from > 0 && !endsSentence(text, from - 1) && start - from < max / 2) from -= 1;
  let to = end;
  while (to < text.length && !endsSentence(text, to) && to - end < max / 2) to += 1;
  if (to < text.length && text[to] !== '\n') to += 1;
  while (from < start && /\s/.test(text[from])) from += 1;
  return {
    from,
    to,
    before: text.slice(from, start),
    match: text.slice(start, end),
    after: text.slice(end, to),
    cutBefore: from > 0 && !endsSentence(text, from - 1) && !/\s/.test(text[from - 1]),
    cutAfter: to < text.length && !endsSentence(text, to - 1),
  };
}
