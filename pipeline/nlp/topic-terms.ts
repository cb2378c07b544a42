/**
 * Congress relevance from the topic lexicons' hits: positive terms cancelled by the negatives near
 * them (another event, another organisation), co-occurrence bonuses, item-scope negatives, and the
 * plenum names read by plenums.ts.
 */
import { core, type Item, item, sentenceKey, type TopicHit, topicPhrase, type TopicPhrase, type View } from './classifier-types.ts';
import { IMPLIED_PAIR } from './implied-congress.ts';
import type { PhraseHit, TopicFile } from './lexicon.ts';
import { type CompiledPlenums, type PlenumPart, readPlenums } from './plenums.ts';
import { repeatFactor } from './weights.ts';

type TopicScoring = TopicFile['scoring'];

/**
 * Negative contexts cancel the strong and anchor terms they overlap, and the anchors close to them
 * in the sentence; without an uncancelled strong term, any near negative cancels every anchor.
 * A negative naming another event (a foreign party, the UN General Assembly) cancels every term of
 * its sentence but the tracked event's own names ("Đại hội XIII"); in the title or the lead it makes
 * the item about that event: other strong terms then need a tracked name to count.
 */
export function cancellations(pos: TopicHit[], near: TopicHit[], events: TopicHit[], nearWindow: number): Map<TopicHit, TopicHit> {
  const nearBySent = new Map<number, TopicHit[]>();
  for (const n of near) {
    const k = sentenceKey(n.view.field, n.sent);
    const list = nearBySent.get(k);
    if (list) list.push(n);
    else nearBySent.set(k, [n]);
  }
  const cancelledBy = new Map<TopicHit, TopicHit>();
  for (const p of pos) {
    const d = p.spec.data;
    if (d.kind !== 'pos' || d.role === 'context') continue;
    // a phrase never spans a sentence: overlapping and close negatives are in the same sentence
    for (const n of nearBySent.get(sentenceKey(p.view.field, p.sent)) ?? []) {
      const overlaps = n.first <= p.last && p.first <= n.last;
      const close = n.sent === p.sent && (n.tokFirst > p.tokLast ? n.tokFirst - p.tokLast : p.tokFirst - n.tokLast) <= nearWindow;
      const otherEvent = n.spec.data.kind === 'neg' && n.spec.data.scope === 'event' && n.sent === p.sent && !d.tracked;
      if (overlaps || otherEvent || (d.role === 'anchor' && close)) {
        cancelledBy.set(p, n);
        break;
      }
    }
  }
  let lead: TopicHit | null = null;
  for (const n of events) if (n.view.field === 'title' || n.sent === 0) lead ??= n;
  let hasStrong = false;
  for (const p of pos) if (isRole(p, 'strong') && !cancelledBy.has(p) && (!lead || (p.spec.data.kind === 'pos' && p.spec.data.tracked))) hasStrong = true;
  if (!hasStrong && near.length) {
    for (const p of pos) if ((isRole(p, 'anchor') || (lead && isRole(p, 'strong'))) && !cancelledBy.has(p)) cancelledBy.set(p, lead ?? near[0]);
  }
  return cancelledBy;
}

/** Weights of the active (uncancelled) terms, context terms and co-occurrence bonuses. */
export function scoreTopicTerms(
  active: TopicHit[],
  cancelledBy: Map<TopicHit, TopicHit>,
  pos: TopicHit[],
  s: TopicScoring,
  seen: Map<string, number>,
  items: Item[],
): number {
  let hasStrong = false;
  for (const p of pos) if (isRole(p, 'strong') && !cancelledBy.has(p)) hasStrong = true;
  let hasAnchor = false;
  for (const p of active) if (isRole(p, 'anchor')) hasAnchor = true;
  const contextBySent = new Map<number, TopicHit[]>();
  for (const c of active) {
    if (!isRole(c, 'context')) continue;
    const k = sentenceKey(c.view.field, c.sent);
    const list = contextBySent.get(k);
    if (list) list.push(c);
    else contextBySent.set(k, [c]);
  }
  let raw = 0;
  let contextTotal = 0;
  let anchorIndex = 0;
  for (const p of active) {
    const d = p.spec.data;
    if (d.kind !== 'pos') continue;
    const title = p.view.field === 'title' ? s.titleWeight : 1;
    if (d.role === 'context') {
      if (!hasStrong && !hasAnchor) continue;
      let w = d.weight * title * repeatFactor(seen, p.spec.text, s.repeatDecay);
      w = Math.max(0, Math.min(w, s.contextCap - contextTotal));
      contextTotal += w;
      raw += w;
      items.push(item(p.view, p.tokFirst, p.tokLast, core('congress', p.spec.text, w, 'context')));
      continue;
    }
    // (pairs of other words decay together: one act named twice is not more evidence)
    const w = d.weight * title * repeatFactor(seen, p.pair ? IMPLIED_PAIR : p.spec.text, s.repeatDecay);
    raw += w;
    items.push(item(p.view, p.tokFirst, p.tokLast, core('congress', p.spec.text, w, d.role === 'strong' ? 'strong term' : p.pair ? IMPLIED_PAIR : 'anchor')));
    if (d.role === 'anchor' && !p.pair) {
      // co-occurrence: distinct context terms in the same sentence within the window
      const nearTerms = new Set<string>();
      for (const c of contextBySent.get(sentenceKey(p.view.field, p.sent)) ?? []) {
        const dist = c.tokFirst > p.tokLast ? c.tokFirst - p.tokLast : p.tokFirst - c.tokLast;
        if (dist <= s.nearWindow) nearTerms.add(c.spec.text);
      }
      if (nearTerms.size) {
        const bonus = s.nearBonus * Math.min(2, nearTerms.size) * Math.pow(s.repeatDecay, anchorIndex++);
        raw += bonus;
        items.push(item(p.view, p.tokFirst, p.tokLast, core('congress', `${p.spec.text} + ${[...nearTerms].join(', ')}`, bonus, 'co-occurrence')));
      }
    }
  }
  return raw;
}

/** Explanations of cancelled terms, and item-scope negatives (subtracted). */
export function scoreTopicNegatives(
  cancelledBy: Map<TopicHit, TopicHit>,
  neg: TopicHit[],
  s: TopicScoring,
  seen: Map<string, number>,
  items: Item[],
  raw: number,
): number {
  for (const [p, n] of cancelledBy) {
    const d = p.spec.data;
    const nd = n.spec.data;
    const why = nd.kind === 'pos' || nd.kind === 'neg' ? nd.note : undefined;
    const note = `cancels "${p.spec.text}"${why ? ` (${why})` : ''}`;
    items.push(item(n.view, n.tokFirst, n.tokLast, core('negative', n.spec.text, -(d.kind === 'pos' ? d.weight : 0), note)));
  }
  for (const n of neg) {
    const d = n.spec.data;
    if (d.kind !== 'neg' || d.scope !== 'item') continue;
    const w = d.weight * repeatFactor(seen, `neg:${n.spec.text}`, s.repeatDecay);
    raw -= w;
    items.push(item(n.view, n.tokFirst, n.tokLast, core('negative', n.spec.text, -w, d.note)));
  }
  return raw;
}

/**
 * A phrase that overlaps a tracked name names the tracked event as that name does ("Nghị quyết Đại hội
 * XIII": the anchor "nghị quyết đại hội" wins the overlap with the strong "đại hội xiii", and another
 * event named in its sentence must not cancel it).
 */
export function withTrackedInside(h: PhraseHit<TopicPhrase>, phrases: Array<PhraseHit<TopicPhrase>>): PhraseHit<TopicPhrase> {
  const d = h.spec.data;
  if (d.kind !== 'pos' || d.tracked || d.role === 'context') return h;
  for (const p of phrases) {
    const inner = p.spec.data;
    if (inner.kind === 'pos' && inner.tracked && p.first <= h.last && h.first <= p.last && inner.role !== 'context')
      return { ...h, spec: { ...h.spec, data: topicPhrase({ ...d, role: inner.role, weight: Math.max(d.weight, inner.weight), tracked: true }) } };
  }
  return h;
}

/** Whether `h` lies within a longer congress phrase of `phrases` (of any role: "Lào Cai" is not "Lào"). */
export function insidePhrase(h: PhraseHit<TopicPhrase>, phrases: Array<PhraseHit<TopicPhrase>>): boolean {
  for (const p of phrases) {
    const d = p.spec.data;
    if (d.kind === 'pos' && p.first <= h.first && h.last <= p.last && p.last - p.first > h.last - h.first) return true;
  }
  return false;
}

/**
 * The plenums of a field as phrase hits: the congress's own as anchors, any other as a near negative
 * (a later plenum's business is not the congress; one named in passing cancels only what is near it).
 */
export function plenumHits(plenums: CompiledPlenums, v: View, hits: Array<PhraseHit<TopicPhrase>>): Array<PhraseHit<TopicPhrase>> {
  const parts: PlenumPart[] = [];
  for (const h of hits) {
    const d = h.spec.data;
    if (d.kind === 'plenum') parts.push({ part: d.part, level: d.level, first: h.first, last: h.last, tokFirst: h.tokFirst, tokLast: h.tokLast });
  }
  if (!parts.length) return [];
  const config = plenums.config;
  return readPlenums(plenums, v.prepared, v.stream, parts).map((pl) => {
    const text = `plenum ${pl.ordinal ?? 'mid-term'} (${config.levels[pl.level].level}${pl.term === null ? '' : `, term ${pl.term}`})`;
    const data = pl.congress
      ? topicPhrase({ kind: 'pos', role: 'anchor', weight: config.congressWeight, tracked: false })
      : topicPhrase({ kind: 'neg', scope: 'near', weight: config.laterWeight, note: config.laterNote });
    return { spec: { text, syllables: [], keys: [], data }, first: pl.first, last: pl.last, tokFirst: pl.tokFirst, tokLast: pl.tokLast };
  });
}

export function locate(h: PhraseHit<TopicPhrase>, v: View): TopicHit {
  return { spec: h.spec, first: h.first, last: h.last, tokFirst: h.tokFirst, tokLast: h.tokLast, view: v, sent: v.prepared.tokSent[h.tokFirst] };
}

export function isRole(h: TopicHit, role: string): boolean {
  return h.spec.data.kind === 'pos' && h.spec.data.role === role;
}

/**
 * A foreign power said to act inside the congress ("người bên Campuchia qua ngồi giám sát"): its name,
 * no more than the power's words, names no other event — unless it follows a congress term closely,
 * as a foreign party's congress is named ("Đại hội 20 bên Trung Quốc").
 */
export function actsInsideCongress(h: PhraseHit<TopicPhrase>, v: View, posHits: Array<PhraseHit<TopicPhrase>>, ownerGap: number): boolean {
  if (h.spec.data.kind !== 'neg' || h.spec.data.scope !== 'event') return false;
  for (let t = h.tokFirst; t <= h.tokLast; t++) if (!v.foreignHand.has(t)) return false;
  const sent = v.prepared.tokSent[h.tokFirst];
  return !posHits.some((p) => v.prepared.tokSent[p.tokLast] === sent && p.tokLast < h.tokFirst && h.tokFirst - p.tokLast <= ownerGap + 1);
}
