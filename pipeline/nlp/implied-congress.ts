/**
 * The congress implied by a Party office and an electoral act (config/topics `implies`): a rumour
 * about who was elected is about the congress that elects, when no other organisation or event is
 * named. Read after the model's decision, so the trained threshold does not move with it.
 */
import type { Classification, Explanation } from '../../core/types.ts';
import { core, type Implies, sentenceKey, type TopicHit } from './classifier-types.ts';
import { byFieldAndStart, explain } from './explanations.ts';

/**
 * An item below the congress threshold whose Party office and electoral act imply the congress (no
 * other organisation or event named) is congress-related when its distortion evidence alone would
 * flag it: a rumour about who was elected is about the congress that elects.
 */
export function overrideForImpliedCongress(
  c: Classification,
  implied: () => Explanation | null,
  thresholds: { congress: number; distortion: number },
): Classification {
  if (c.congress || c.scores.distortion < thresholds.distortion) return c;
  const explanation = implied();
  if (!explanation) return c;
  return {
    ...c,
    congress: true,
    distortion: true,
    scores: { congress: Math.max(c.scores.congress, thresholds.congress), distortion: c.scores.distortion },
    explanations: [...c.explanations, explanation].sort(byFieldAndStart),
  };
}

export const IMPLIED_PAIR = 'implied: office + electoral act';

/**
 * The first Party office and the first electoral act of an item, wherever they are, as one pair; a body
 * named as newly elected ("Ban Thường vụ mới") is both on its own. `inItem` (words read only here, never
 * scored: `impliedInItem`) add offices, acts and the term spoken of as "this time", which pairs with an office
 * only ("Ban Thường vụ lần này …"; "khai mạc SEA Games năm nay" is no post's term). With no office, a sitting
 * and another act are the congress's sitting and its business ("bế mạc sớm … trong hội trường"); two electoral
 * acts alone are any election's ("bầu cử Mỹ … phiếu bầu giả"). Another event's sitting named in `inItem`
 * ("lễ khai mạc", "họp báo") leaves only the first reading.
 */
export function impliedAnywhere(pos: TopicHit[], inItem: TopicHit[] = []): TopicHit | undefined {
  // another event's sitting ("lễ khai mạc festival"): only a Party office and an electoral act say it is ours
  if (inItem.some((h) => implies(h) === 'other')) return officeAndAct(pos);
  const office = pos.find(isOffice) ?? inItem.find(isOffice);
  if (office && implies(office) === 'elected-body') return pairOf(office, office);
  const acts = [...pos.filter(isAct), ...inItem.filter(isAct)];
  if (office) {
    const act = acts[0] ?? inItem.find((h) => implies(h) === 'term');
    return act ? pairOf(office, act) : undefined;
  }
  const sitting = acts.find((a) => implies(a) === 'sitting');
  const other = sitting && acts.find((a) => a.spec.text !== sitting.spec.text);
  return other ? pairOf(sitting, other) : undefined;
}

function officeAndAct(pos: TopicHit[]): TopicHit | undefined {
  const office = pos.find(isOffice);
  const act = office && (implies(office) === 'elected-body' ? office : pos.find(isAct));
  return office && act ? pairOf(office, act) : undefined;
}

/** How the override for the implied congress is shown (overrideForImpliedCongress). */
export function impliedExplanation(pair: TopicHit): Explanation {
  const out: Explanation[] = [];
  const note = 'no congress named, but a Party office and an electoral act with distortion evidence: congress-related';
  explain(out, pair.view, pair.tokFirst, pair.tokLast, core('congress', pair.spec.text, 0, note), null);
  return out[0];
}

/** What a term `implies` (config/topics): a Party office or body, an electoral act, a body newly elected, or nothing. */
function implies(h: TopicHit): Implies | undefined {
  const d = h.spec.data;
  return d.kind === 'pos' || d.kind === 'implied' ? d.implies : undefined;
}

function isOffice(h: TopicHit): boolean {
  const i = implies(h);
  return i === 'office' || i === 'elected-body';
}

function isAct(h: TopicHit): boolean {
  const i = implies(h);
  return i === 'act' || i === 'sitting' || i === 'elected-body';
}

/** An office and an act read as one: spanning both when they are in one sentence, else shown at the office. */
function pairOf(office: TopicHit, act: TopicHit): TopicHit {
  const [a, b] = act.view !== office.view || act.sent !== office.sent ? [office, office] : office.first < act.first ? [office, act] : [act, office];
  const spec = { text: `${office.spec.text} + ${act.spec.text}`, syllables: [], keys: [], data: office.spec.data };
  return { spec, first: a.first, last: b.last, tokFirst: a.tokFirst, tokLast: b.tokLast, view: office.view, sent: office.sent, pair: true };
}

/**
 * The congress named by its acts: per sentence, the first Party office or body (a term that `implies:
 * office`) with its nearest electoral act (`implies: act`) within `window` syllables. As an anchor,
 * another organisation named near it, or anywhere in an item without a strong term, cancels it ("Hội
 * Phụ nữ bầu … chủ tịch"); the terms themselves still count as context.
 */
export function impliedPairs(pos: TopicHit[], window: number): TopicHit[] {
  const pairs: TopicHit[] = [];
  const paired = new Set<number>();
  for (const office of pos) {
    const key = sentenceKey(office.view.field, office.sent);
    if (!isOffice(office) || paired.has(key)) continue;
    let best: TopicHit | null = null;
    let bestDistance = Infinity;
    for (const act of pos) {
      // (a body newly elected pairs with another term, never alone: as an anchor it needs a second word of the congress)
      if (!isAct(act) || act === office || act.view !== office.view || act.sent !== office.sent) continue;
      const distance = act.tokFirst > office.tokLast ? act.tokFirst - office.tokLast : office.tokFirst - act.tokLast;
      if (distance <= window && distance < bestDistance) [best, bestDistance] = [act, distance];
    }
    if (!best) continue;
    paired.add(key);
    pairs.push(pairOf(office, best));
  }
  return pairs;
}
