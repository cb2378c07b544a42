/**
 * Congress relevance from the topic lexicons' hits: positive terms cancelled by the negatives near
 * them (another event, another organisation), co-occurrence bonuses, item-scope negatives, and the
 * plenum names read by plenums.ts.
 */
import { type CompiledAgents, core, type Item, item, sentenceKey, type TopicHit, topicPhrase, type TopicPhrase, type View } from './classifier-types.ts';
import { IMPLIED_PAIR } from './implied-congress.ts';
import { gapBetween } from './text.ts';
import { runsAcrossEdge, type PhraseHit, type TopicFile } from './lexicon.ts';
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
export function cancellations(
  pos: TopicHit[],
  near: TopicHit[],
  events: TopicHit[],
  nearWindow: number,
  bystander: (n: TopicHit) => boolean = () => false,
): Map<TopicHit, TopicHit> {
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
  // (a bystander beside the Party's own body cancels only what it overlaps or stands near: topic `bystanders`)
  const holder = lead ?? near.find((n) => !bystander(n));
  if (!hasStrong && holder) {
    for (const p of pos) if ((isRole(p, 'anchor') || (lead && isRole(p, 'strong'))) && !cancelledBy.has(p)) cancelledBy.set(p, holder);
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

/**
 * A topic's raw score from its terms: the active terms, less the item-scope negatives; a long body with a single
 * passing mention and nothing in the title is damped. Explanations go to `items`.
 */
export function topicRaw(
  pos: TopicHit[],
  active: TopicHit[],
  cancelledBy: Map<TopicHit, TopicHit>,
  neg: TopicHit[],
  s: TopicScoring,
  tokens: number,
  items: Item[],
): number {
  const seen = new Map<string, number>();
  let raw = scoreTopicTerms(active, cancelledBy, pos, s, seen, items);
  raw = scoreTopicNegatives(cancelledBy, neg, s, seen, items, raw);
  let evidence = 0;
  let inTitle = false;
  for (const p of active) {
    if (isRole(p, 'context')) continue;
    evidence++;
    if (p.view.field === 'title') inTitle = true;
  }
  if (raw > 0 && !inTitle && tokens > 400) {
    const density = (evidence * 1000) / tokens;
    if (density < s.minDensity) raw *= Math.max(0.4, density / s.minDensity);
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

/**
 * The topic's hits without the terms a word of the topic's `words` runs across, where the term was matched without
 * diacritics (the item typed so, or the term's clause): "dai hoi chi bo phieu" is "đại hội chỉ bỏ phiếu", "dai hoi dong
 * khach" is "đại hội đông khách". The words themselves are dropped too (never scored). In accented text the accents
 * have already decided.
 */
export function withoutCrossedTerms(v: View, hits: Array<PhraseHit<TopicPhrase>>): Array<PhraseHit<TopicPhrase>> {
  const words = hits.filter((h) => h.spec.data.kind === 'word');
  if (!words.length) return hits;
  return hits.filter(
    (h) => h.spec.data.kind !== 'word' && !((v.accents.lenient || v.accents.bareClause(h.tokFirst)) && words.some((w) => runsAcrossEdge(w, h))),
  );
}

/**
 * Whether `h` lies within a longer word of the topic's `names` ("lao thanh" is "lão thành", not "Lào"), or, where
 * `partyBody` (the item names a Party body), of its `partyNames` ("lao dong" is "lao động").
 */
export function insideName(h: PhraseHit<TopicPhrase>, hits: Array<PhraseHit<TopicPhrase>>, partyBody = false): boolean {
  for (const p of hits) {
    const d = p.spec.data;
    if (d.kind === 'name' && (!d.party || partyBody) && p.first <= h.first && h.last <= p.last && p.last - p.first > h.last - h.first) return true;
  }
  return false;
}

/**
 * Whether a Party body of `agents.party` ("đảng bộ", "tỉnh ủy", "chi bộ"), or a term of `also` (the colloquial "đại hội
 * tỉnh"), is among a view's congress hits, overlapping ones too.
 */
export function holdsPartyBody(hits: Array<PhraseHit<TopicPhrase>>, agents: CompiledAgents | null, also: ReadonlySet<string> = new Set()): boolean {
  if (!agents) return false;
  for (const h of hits) if (h.spec.data.kind === 'pos' && (hasAgentKey(agents.party, h.spec.text) || hasAgentKey(also, h.spec.text))) return true;
  return false;
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

/** A term as the agents' word sets hold it (`bare`, `party`). */
function agentKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Terms as a word set of agentKey holds them (`bare`, `party`, the topic's `bystanders`). */
export function agentKeys(list: string[]): ReadonlySet<string> {
  return new Set(list.map(agentKey));
}

/** Whether a word set of agentKeys holds the term `text`. */
export function hasAgentKey(keys: ReadonlySet<string>, text: string): boolean {
  return keys.has(agentKey(text));
}

export function compileAgents(agents: NonNullable<TopicFile['agents']>): CompiledAgents {
  return {
    window: agents.window,
    memberWindow: agents.memberWindow,
    bare: agentKeys(agents.bare),
    party: agentKeys(agents.party),
    parenthesised: agents.parenthesised,
  };
}

/** A field's agent words (topic `agents`), but those inside a longer congress term or negative ("vận động viên"). */
export function agentHits(hits: Array<PhraseHit<TopicPhrase>>, posHits: Array<PhraseHit<TopicPhrase>>): Array<PhraseHit<TopicPhrase>> {
  const out: Array<PhraseHit<TopicPhrase>> = [];
  for (const h of hits) {
    if (h.spec.data.kind !== 'agent' || insidePhrase(h, posHits)) continue;
    if (hits.some((x) => x.spec.data.kind === 'neg' && x.first <= h.first && h.last <= x.last && x.last - x.first > h.last - h.first)) continue;
    out.push(h);
  }
  return out;
}

/**
 * A negative that is not a gathering's holder but the claim's agent, origin, buyer or the members' description
 * (topic `agents`): a near or event negative that a verb of `verbs` follows in its clause within the window ("bên
 * công ty thủy điện lo hết", "Bắc Kinh đã vận động từ 2019"), that a word of `markers` leads ("người của Tỉnh đoàn",
 * "của Trung Quốc", "cho công ty xuất khẩu"), or that a word of `members` precedes in its sentence within the member
 * window ("đồng chí là cán bộ hưu trí, cựu chiến binh"). Only where its sentence names the congress by more than a
 * bare gathering word ("vào Thường vụ", "Ban Chấp hành khóa XVI", "đại hội tỉnh", "chi bộ"), and no congress term is
 * written right before it in its clause: "Đại hội Tỉnh đoàn vận động …", "đại hội của công ty" are the body's own.
 * `'served'` where a verb of `serves` follows it with a bare gathering word after the verb in its sentence and the
 * sentence names nothing more ("Chi đoàn … đảm bảo y tế cho Đại hội": the served gathering is the congress, so the
 * item need not name it beyond bare words); `'named'` otherwise. A negative inside a parenthesis right after a name
 * (`parenthesised`) describes the person, as a member word does.
 */
export function notTheHolder(
  h: PhraseHit<TopicPhrase>,
  v: View,
  posHits: Array<PhraseHit<TopicPhrase>>,
  found: Array<PhraseHit<TopicPhrase>>,
  agents: CompiledAgents,
  ownerGap: number,
): 'named' | 'served' | false {
  if (h.spec.data.kind !== 'neg' || h.spec.data.scope === 'item') return false;
  const p = v.prepared;
  const sent = p.tokSent[h.tokFirst];
  const clause = p.tokClause[h.tokFirst];
  const after = (x: PhraseHit<TopicPhrase>) =>
    // (in its clause: a quotation mark around the verb does not end it, '… đã "mua" được một ghế')
    p.tokSent[x.tokFirst] === sent &&
    x.tokFirst > h.tokLast &&
    x.tokFirst - h.tokLast - 1 <= agents.window &&
    !/[,;:.!?()]/.test(gapBetween(p, h.tokLast, x.tokFirst));
  // a verb of serving with a bare gathering word after it in the sentence: the served gathering names the congress
  const served = found.some(
    (x) =>
      x.spec.data.kind === 'agent' &&
      x.spec.data.role === 'serve' &&
      after(x) &&
      posHits.some((g) => p.tokSent[g.tokFirst] === sent && g.tokFirst > x.tokLast && agents.bare.has(agentKey(g.spec.text))),
  );
  const acts =
    served ||
    describedInParenthesis(h, v, agents) ||
    found.some((x) => {
      const d = x.spec.data;
      if (d.kind !== 'agent') return false;
      if (d.role === 'verb' || d.role === 'serve') return after(x);
      if (d.role === 'marker') return x.tokLast === h.tokFirst - 1 && p.tokClause[x.tokFirst] === clause;
      return p.tokSent[x.tokFirst] === sent && x.tokLast < h.tokFirst && h.tokFirst - x.tokLast - 1 <= agents.memberWindow;
    });
  if (!acts) return false;
  // (a sentence that names no congress term but the words every gathering uses holds nothing of its own: the
  // item's other sentences must name the congress, namedBeyondBare)
  let named = true;
  for (const x of posHits) {
    const d = x.spec.data;
    if (d.kind !== 'pos' || p.tokSent[x.tokFirst] !== sent) continue;
    // the body's own gathering, named right before it ("Đại hội Tỉnh đoàn", "đại hội của công ty") or right after
    // it ("bên Lào đại hội Đảng xong rồi")
    // (a Party-vocabulary word before a body that serves the congress is its own office, "Ban Thường vụ Tỉnh đoàn … thực
    // hiện Nghị quyết Đại hội", not a gathering it holds)
    const office = served && d.role === 'context';
    if (!office && p.tokClause[x.tokLast] === clause && x.tokLast < h.tokFirst && h.tokFirst - x.tokLast <= ownerGap + 2) return false;
    if (p.tokClause[x.tokFirst] === clause && x.tokFirst > h.tokLast && x.tokFirst - h.tokLast <= ownerGap + 1) return false;
    if (namesTheParty(x, agents)) return 'named';
    if (d.role !== 'context') named = false;
  }
  return served ? 'served' : named && 'named';
}

/**
 * A negative inside a parenthesis opened right after a word, within the member window of the parenthesis and before
 * it closes: a person's description ("chị Hằng (chi hội trưởng phụ nữ) được bầu vào chi ủy"), not a holder.
 */
function describedInParenthesis(h: PhraseHit<TopicPhrase>, v: View, agents: CompiledAgents): boolean {
  // (another organisation only: "Đảng bộ tỉnh Attapeu (Lào)" names a foreign event, not a person's description)
  if (!agents.parenthesised || h.spec.data.kind !== 'neg' || h.spec.data.scope !== 'near') return false;
  const p = v.prepared;
  const start = p.tokStart[h.tokFirst];
  const open = p.folded.lastIndexOf('(', start);
  if (open < 0 || p.folded.slice(open, start).includes(')')) return false;
  let t = h.tokFirst - 1;
  let inside = 0;
  while (t >= 0 && p.tokStart[t] > open) {
    inside++;
    t--;
  }
  // (a word right before the parenthesis, in the same sentence: a name it describes)
  return t >= 0 && inside <= agents.memberWindow && p.tokSent[t] === p.tokSent[h.tokFirst] && /^\s*$/.test(p.folded.slice(p.tokEnd[t], open));
}

/** Whether a Party body of `party` ("chi bộ", "đảng ủy", "Tỉnh ủy") is among the item's congress terms. */
export function namesPartyBody(pos: TopicHit[], agents: CompiledAgents): boolean {
  return pos.some((x) => x.spec.data.kind === 'pos' && hasAgentKey(agents.party, x.spec.text));
}

/** Whether the item names the congress by a term more than the words every organisation's gathering uses (topic `agents`). */
export function namedBeyondBare(pos: TopicHit[], agents: CompiledAgents): boolean {
  return pos.some((x) => namesTheParty(x, agents));
}

/** A congress term that is more than the words every gathering uses: a strong term or an anchor not of `bare`, or a Party body of `party`. */
function namesTheParty(x: { spec: { text: string; data: TopicPhrase } }, agents: CompiledAgents): boolean {
  const d = x.spec.data;
  if (d.kind !== 'pos') return false;
  const text = agentKey(x.spec.text);
  return d.role === 'context' ? agents.party.has(text) : !agents.bare.has(text);
}
