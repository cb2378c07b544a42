/**
 * News corrections read by their structure: a contradiction the item reports (quoted or in a reported clause) and then
 * corrects with the sheet's value of the same fact, stated by an office or a statement verb (discourse.ts
 * correctedClaims). Such a contradiction is cited, not asserted.
 */
import type { View } from './classifier-types.ts';
import { type ClaimCorrection, type CompiledDiscourse, correctedClaims, headlineCorrection, valueMarks } from './discourse.ts';
import type { Confirmation, Contradiction } from './facts.ts';

/** The voice that corrects a claim, and whether it is in the title. */
export type Correction = ClaimCorrection & { title: boolean };

/** The contradictions an item reports and then corrects, each with the voice that corrects it (offsets into its field). */
export function correctedContradictions(
  d: CompiledDiscourse | null,
  views: readonly View[],
  contradictions: readonly Contradiction[],
  confirmations: readonly Confirmation[],
): Map<Contradiction, Correction> {
  const out = new Map<Contradiction, Correction>();
  // (an item that calls the denial the lie asserts what it reports)
  if (!d?.structures || !contradictions.length || views[0].verdict.clue?.stance === 'counters') return out;
  // the numbers a marker gives as the right value ("Số chính thức là 1.596"), in each view, where no contradiction stands
  const marks = views.map((v) =>
    v.reading
      ? valueMarks(d, v.reading).filter(
          ([s, e]) => !contradictions.some((c) => c.field === v.field && v.prepared.tokStart[c.tokFirst] < e && s < v.prepared.tokEnd[c.tokLast]),
        )
      : [],
  );
  if (!confirmations.length && !marks.some((m) => m.length)) return out;
  const [title, body] = views;
  const spanIn = (v: View) => (c: Contradiction | Confirmation) => [v.prepared.tokStart[c.tokFirst], v.prepared.tokEnd[c.tokLast]] as const;
  // the title's statements of the sheet's value, each with its voice (a headline that corrects what the text reports)
  const headlines = new Map<string, ClaimCorrection>();
  if (title.reading)
    for (const k of confirmations)
      if (k.field === title.field && !headlines.has(k.factId)) {
        const voice = headlineCorrection(d, title.reading, spanIn(title)(k));
        if (voice) headlines.set(k.factId, voice);
      }
  for (const [index, v] of views.entries()) {
    const agrees = (c: Contradiction) => (k: Confirmation) => k.field === v.field && k.factId === c.factId;
    const fromTitle = (c: Contradiction) => (v === body ? (headlines.get(c.factId) ?? null) : null);
    const span = spanIn(v);
    const marked = (c: Contradiction) => marks[index].some(([s]) => s >= span(c)[1]);
    // every contradiction of the field: one corrected reaches the others of its reported sentence (correctedClaims)
    const claims = contradictions.filter((c) => c.field === v.field);
    if (!claims.some((c) => confirmations.some(agrees(c)) || fromTitle(c) || marked(c)) || !v.reading) continue;
    const found = correctedClaims(
      d,
      v.reading,
      claims.map(span),
      claims.map((c) => [...confirmations.filter(agrees(c)).map(span), ...marks[index].filter(([s]) => s >= span(c)[1])].sort((x, y) => x[0] - y[0])),
      v.quotations,
      claims.map(fromTitle),
    );
    for (const f of found) out.set(claims[f.claim], { ...f, title: fromTitle(claims[f.claim]) !== null });
  }
  return out;
}
