/**
 * Official facts and the checks that find passages contradicting them: dates of the congress,
 * its venue and format, numbers (delegates, committee members) and claims that the official
 * statement rules out (postponement, lists "leaked" before the vote). Each contradiction cites
 * the fact, so a spokesperson can write the rebuttal from it.
 */
import { z } from 'zod';
import type { Vocabulary } from './automaton.ts';
import { dateWithin, extractDates, extractNumbers, formatDayDate, type DayDate } from './extract.ts';
import { loadYamlFile, longestNonOverlapping, PhraseSet, type PhraseHit } from './lexicon.ts';
import type { AccentCache, SymbolStream } from './stream.ts';
import type { PreparedText } from './text.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const phrase = z.string().min(1);

const checkSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('dates'),
      /** The official period; a date tied to the event outside it contradicts the fact. */
      start: isoDate,
      end: isoDate,
    })
    .strict(),
  z
    .object({
      kind: z.literal('claims'),
      /** Asserting any of these (not negated, not in a rebuttal) contradicts the fact. */
      terms: z.array(phrase).min(1),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('place'),
      /** The official place names; claiming another known place contradicts the fact. */
      places: z.array(phrase).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('number'),
      value: z.number(),
      /** Unit nouns right after the number ("đại biểu", "đồng chí", "người"). */
      units: z.array(phrase).min(1),
      /** One of these must occur in the same sentence before the number (the nearest decides). */
      context: z.array(phrase).min(1),
      /** A clause with one of these is about something else. */
      exclude: z.array(phrase).default([]),
    })
    .strict(),
]);

export type FactCheck = z.infer<typeof checkSchema>;

const factSchema = z
  .object({
    id: z.string().min(1),
    statement: z.string().min(1),
    date: isoDate,
    source: z.string().min(1),
    topic: z.string().min(1),
    values: z.record(z.unknown()).default({}),
    /** Which event the fact is about: a key of `scopes`. */
    scope: z.string().min(1),
    checks: z.array(checkSchema).default([]),
  })
  .strict();

export const factsFileSchema = z
  .object({
    /** Known place names (provinces, cities): a claimed venue is recognised among these. */
    places: z.array(phrase).default([]),
    /** Events the facts are about, each recognised by marker phrases; scopes without facts (e.g. "other") stop checks. */
    scopes: z.record(
      z
        .object({
          name: z.string().optional(),
          markers: z.array(phrase).min(1),
          /** Markers that only locate (a place name, "tỉnh mình"): used when no full marker decides. */
          weakMarkers: z.array(phrase).default([]),
          /** The scope's own places: a marker next to another known place belongs to another event. */
          places: z.array(phrase).default([]),
        })
        .strict(),
    ),
    /** Nouns naming the event ("đại hội"): date, place and claim checks need one in the sentence. */
    eventNouns: z.array(phrase).default([]),
    /** Verbs that tie a date to the event ("khai mạc", "diễn ra", "hoãn sang"). */
    events: z.array(phrase).default([]),
    /** Phrases that introduce a venue ("tổ chức ở", "chuyển vào"). */
    placeVerbs: z.array(phrase).default([]),
    /** Negators: "không tổ chức ở Hà Nội" negates the place verb. */
    negators: z.array(phrase).default([]),
    facts: z.array(factSchema).min(1),
  })
  .strict()
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    data.facts.forEach((fact, index) => {
      if (ids.has(fact.id)) ctx.addIssue({ code: 'custom', path: ['facts', index, 'id'], message: `duplicate id "${fact.id}"` });
      ids.add(fact.id);
      if (!data.scopes[fact.scope])
        ctx.addIssue({ code: 'custom', path: ['facts', index, 'scope'], message: `unknown scope "${fact.scope}" (known: ${Object.keys(data.scopes).join(', ')})` });
    });
  });

export type FactsFile = z.infer<typeof factsFileSchema>;
export type OfficialFact = FactsFile['facts'][number];

/** Reads and validates the official-facts YAML; the spokesperson UI lists these. */
export function loadOfficialFacts(file: string): OfficialFact[] {
  return loadFactsFile(file).facts;
}

export function loadFactsFile(file: string): FactsFile {
  return loadYamlFile(file, factsFileSchema, 'official facts');
}

export interface Contradiction {
  factId: string;
  field: 'title' | 'text';
  tokFirst: number;
  tokLast: number;
  note: string;
}

/** One field (title or text) as the checker sees it. */
export interface FieldView {
  field: 'title' | 'text';
  prepared: PreparedText;
  stream: SymbolStream;
  accents: AccentCache;
  /** Sentences that rebut or report a claim (claims in them are not the author's). */
  suppressed: Set<number>;
}

export type FactPhrase =
  | { kind: 'marker'; scope: string; weak: boolean }
  | { kind: 'event' }
  | { kind: 'eventNoun' }
  | { kind: 'placeVerb' }
  | { kind: 'place'; name: string; key: string }
  | { kind: 'negator' }
  | { kind: 'claim'; fact: number; check: number }
  | { kind: 'unit'; fact: number; check: number }
  | { kind: 'context'; fact: number; check: number }
  | { kind: 'exclude'; fact: number; check: number };

interface Located<T> {
  hit: PhraseHit<T>;
  field: FieldView;
  /** Global order key: title tokens first, then text tokens. */
  g: number;
  sent: number;
}

function canon(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class FactChecker {
  private readonly phrases: PhraseSet<FactPhrase>;
  private readonly scopesWithFacts = new Set<string>();
  private readonly scopePlaces = new Map<string, Set<string>>();
  private readonly officialPlaces = new Map<FactCheck, string[]>();

  constructor(
    readonly data: FactsFile,
    vocabulary: Vocabulary,
  ) {
    this.phrases = new PhraseSet<FactPhrase>(vocabulary);
    for (const [scope, def] of Object.entries(data.scopes)) {
      for (const m of def.markers) this.phrases.add(m, { kind: 'marker', scope, weak: false });
      for (const m of def.weakMarkers) this.phrases.add(m, { kind: 'marker', scope, weak: true });
      this.scopePlaces.set(scope, new Set(def.places.map(canon)));
    }
    for (const e of data.events) this.phrases.add(e, { kind: 'event' });
    for (const e of data.eventNouns) this.phrases.add(e, { kind: 'eventNoun' });
    for (const v of data.placeVerbs) this.phrases.add(v, { kind: 'placeVerb' });
    for (const n of data.negators) this.phrases.add(n, { kind: 'negator' });
    const places = new Set(data.places);
    data.facts.forEach((fact, f) => {
      this.scopesWithFacts.add(fact.scope);
      fact.checks.forEach((check, c) => {
        if (check.kind === 'claims') for (const t of check.terms) this.phrases.add(t, { kind: 'claim', fact: f, check: c });
        if (check.kind === 'place') {
          for (const p of check.places) places.add(p);
          this.officialPlaces.set(check, check.places.map(canon));
        }
        if (check.kind === 'number') {
          for (const u of check.units) this.phrases.add(u, { kind: 'unit', fact: f, check: c });
          for (const x of check.context) this.phrases.add(x, { kind: 'context', fact: f, check: c });
          for (const x of check.exclude) this.phrases.add(x, { kind: 'exclude', fact: f, check: c });
        }
      });
    });
    for (const p of places) this.phrases.add(p, { kind: 'place', name: p, key: canon(p) });
  }

  get facts(): OfficialFact[] {
    return this.data.facts;
  }

  build(): void {
    this.phrases.build();
  }

  /** The phrases the checks look for (markers, events, places, claims, units ...). */
  get phraseSet(): PhraseSet<FactPhrase> {
    return this.phrases;
  }

  /**
   * Finds contradictions across the fields of one item. `hitsOf` gives the matches of phraseSet
   * in a field when the caller already has them (one shared automaton pass).
   */
  check(fields: FieldView[], hitsOf?: (field: FieldView) => Array<PhraseHit<FactPhrase>>): Contradiction[] {
    const all: Array<Located<FactPhrase>> = [];
    const base = new Map<FieldView, number>();
    let offset = 0;
    let sentOffset = 0;
    const sentBase = new Map<FieldView, number>();
    for (const fv of fields) {
      base.set(fv, offset);
      sentBase.set(fv, sentOffset);
      for (const hit of hitsOf ? hitsOf(fv) : this.phrases.match(fv.stream, fv.accents)) {
        all.push({ hit, field: fv, g: offset + hit.tokFirst, sent: sentOffset + fv.prepared.tokSent[hit.tokFirst] });
      }
      offset += fv.prepared.count + 1000;
      sentOffset += (fv.prepared.count ? fv.prepared.tokSent[fv.prepared.count - 1] : 0) + 1000;
    }
    const byKind = new Map<FactPhrase['kind'], Array<Located<FactPhrase>>>();
    for (const x of all) {
      const list = byKind.get(x.hit.spec.data.kind);
      if (list) list.push(x);
      else byKind.set(x.hit.spec.data.kind, [x]);
    }
    // no event marker: no claim can be attributed to an event with facts
    if (!byKind.has('marker')) return [];
    // nothing that could be a claim: no claim term, no venue verb, no event verb with an event noun, no unit with a context
    if (
      !byKind.has('claim') &&
      !byKind.has('placeVerb') &&
      !(byKind.has('event') && byKind.has('eventNoun')) &&
      !(byKind.has('unit') && byKind.has('context'))
    )
      return [];
    const of = <K extends FactPhrase['kind']>(kind: K) => (byKind.get(kind) ?? []) as Array<Located<Extract<FactPhrase, { kind: K }>>>;
    const markers = of('marker');
    const places = of('place');
    const placeVerbs = of('placeVerb');
    const negators = of('negator');
    const events = of('event');

    const group = <T extends Located<FactPhrase>>(xs: T[], key: (x: T) => number | string) => {
      const m = new Map<number | string, T[]>();
      for (const x of xs) {
        const k = key(x);
        const list = m.get(k);
        if (list) list.push(x);
        else m.set(k, [x]);
      }
      return m;
    };
    const placesBySent = group(places, (x) => x.sent);

    // A place right after a place verb is a claimed venue; elsewhere, another province next to a
    // marker ("Đảng bộ tỉnh Kon Tum") means the marker is about another event.
    const claimedPlaceTokens = new Set<string>();
    const placeClaims: Array<{ verb: Located<FactPhrase>; place: Located<Extract<FactPhrase, { kind: 'place' }>> }> = [];
    for (const v of placeVerbs) {
      const p = (placesBySent.get(v.sent) ?? []).find(
        (x) => x.field === v.field && x.hit.tokFirst > v.hit.tokLast && x.hit.tokFirst <= v.hit.tokLast + 3,
      );
      if (p) {
        placeClaims.push({ verb: v, place: p });
        claimedPlaceTokens.add(`${p.field.field}:${p.hit.tokFirst}`);
      }
    }
    const unclaimedPlaces = places.filter((p) => !claimedPlaceTokens.has(`${p.field.field}:${p.hit.tokFirst}`));
    const foreignCache = new Map<string, { sents: Set<number>; any: boolean; ownNamed: boolean }>();
    const scopeOfMarker = (m: Located<Extract<FactPhrase, { kind: 'marker' }>>): string => {
      const scope = m.hit.spec.data.scope;
      const own = this.scopePlaces.get(scope);
      if (!own || !own.size) return scope;
      let info = foreignCache.get(scope);
      if (!info) {
        const foreign = unclaimedPlaces.filter((p) => !own.has(p.hit.spec.data.key));
        info = {
          sents: new Set(foreign.map((p) => p.sent)),
          any: foreign.length > 0,
          ownNamed: unclaimedPlaces.some((p) => own.has(p.hit.spec.data.key)),
        };
        foreignCache.set(scope, info);
      }
      if (!info.any) return scope;
      // another province in the same sentence, or anywhere in an item that never names the scope's own places
      return info.sents.has(m.sent) || !info.ownNamed ? 'other' : scope;
    };
    type MarkerScope = { m: Located<FactPhrase>; scope: string; weak: boolean };
    const markerScopes: MarkerScope[] = markers.map((m) => ({ m, scope: scopeOfMarker(m), weak: m.hit.spec.data.weak }));
    markerScopes.sort((x, y) => x.m.g - y.m.g);
    const strongMarkers = markerScopes.filter((x) => !x.weak);
    const markersBySent = new Map<number, MarkerScope[]>();
    for (const x of markerScopes) {
      const list = markersBySent.get(x.m.sent);
      if (list) list.push(x);
      else markersBySent.set(x.m.sent, [x]);
    }
    /** Index of the last marker with g' <= g in a sorted list (-1 if none). */
    const lastAtOrBefore = (list: MarkerScope[], g: number) => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].m.g <= g) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    };
    const nearestIn = (list: MarkerScope[], g: number, dir: 'before' | 'after' | 'any'): string | null => {
      const i = lastAtOrBefore(list, g);
      const before = i >= 0 ? list[i] : null;
      const after = i + 1 < list.length ? list[i + 1] : null;
      if (dir === 'before') return before?.scope ?? null;
      if (dir === 'after') return after?.scope ?? null;
      if (!before) return after?.scope ?? null;
      if (!after) return before.scope;
      return g - before.m.g <= after.m.g - g ? before.scope : after.scope;
    };

    /**
     * Scope of a claim at global position g in sentence s. Full markers before it in the sentence,
     * then before it in the item, then after it in the sentence; then weak markers in the sentence;
     * then anything nearest.
     */
    const scopeAt = (g: number, s: number): string | null => {
      const inSent = markersBySent.get(s) ?? [];
      const strongInSent = inSent.filter((x) => !x.weak);
      return (
        nearestIn(strongInSent, g, 'before') ??
        nearestIn(strongMarkers, g, 'before') ??
        nearestIn(strongInSent, g, 'after') ??
        nearestIn(inSent, g, 'any') ??
        nearestIn(markerScopes, g, 'any')
      );
    };
    const negatorEnds = new Set(negators.map((n) => `${n.field.field}:${n.hit.tokLast}`));
    const negated = (fv: FieldView, tokFirst: number): boolean => {
      for (const back of [1, 2]) {
        const t = tokFirst - back;
        if (t < 0 || fv.prepared.tokClause[t] !== fv.prepared.tokClause[tokFirst]) break;
        if (negatorEnds.has(`${fv.field}:${t}`)) return true;
      }
      return false;
    };
    const suppressed = (fv: FieldView, tok: number) => fv.suppressed.has(fv.prepared.tokSent[tok]);
    const nounSentences = new Set(of('eventNoun').map((n) => n.sent));
    const namesEvent = (sent: number) => !this.data.eventNouns.length || nounSentences.has(sent);
    const eventsBySent = group(events, (x) => x.sent);
    const nounsBySent = group(of('eventNoun'), (x) => x.sent);

    const found = new Map<string, Contradiction>();
    const add = (factIndex: number, fv: FieldView, tokFirst: number, tokLast: number, note: string) => {
      const fact = this.data.facts[factIndex];
      const key = `${fact.id}:${fv.field}:${tokFirst}`;
      if (!found.has(key)) found.set(key, { factId: fact.id, field: fv.field, tokFirst, tokLast, note });
    };
    const factsIn = (scope: string | null) =>
      scope && this.scopesWithFacts.has(scope) ? this.data.facts.map((f, i) => ({ f, i })).filter((x) => x.f.scope === scope) : [];

    // 1. Claims the official statement rules out (overlapping terms of one fact count once).
    const claims = of('claim');
    const claimHits = new Set(longestNonOverlapping(claims.map((c) => c.hit)));
    for (const c of claims) {
      if (!claimHits.has(c.hit)) continue;
      const { fact } = c.hit.spec.data;
      if (suppressed(c.field, c.hit.tokFirst) || negated(c.field, c.hit.tokFirst) || !namesEvent(c.sent)) continue;
      if (scopeAt(c.g, c.sent) !== this.data.facts[fact].scope) continue;
      const check = this.data.facts[fact].checks[c.hit.spec.data.check];
      const note = check.kind === 'claims' && check.note ? check.note : `claims "${c.hit.spec.text}"`;
      add(fact, c.field, c.hit.tokFirst, c.hit.tokLast, note);
    }

    // 2. Venue claims.
    for (const { verb, place } of placeClaims) {
      const fv = verb.field;
      if (suppressed(fv, verb.hit.tokFirst) || !namesEvent(verb.sent)) continue;
      const scope = scopeAt(verb.g, verb.sent);
      const isNegated = negated(fv, verb.hit.tokFirst);
      for (const { f, i } of factsIn(scope)) {
        for (const check of f.checks) {
          if (check.kind !== 'place') continue;
          const official = this.officialPlaces.get(check)!;
          const name = place.hit.spec.data.key;
          const isOfficial = official.some((o) => o === name || o.endsWith(` ${name}`) || name.endsWith(` ${o}`));
          if (!isOfficial && !isNegated) add(i, fv, verb.hit.tokFirst, place.hit.tokLast, `claims the venue is ${place.hit.spec.data.name}`);
          if (isOfficial && isNegated) add(i, fv, verb.hit.tokFirst, place.hit.tokLast, `denies the official venue ${place.hit.spec.data.name}`);
        }
      }
    }

    // 3. Dates tied to the event.
    for (const fv of events.length && nounSentences.size ? fields : []) {
      // a date is only tied to the event by an event verb in its own field
      if (!events.some((e) => e.field === fv)) continue;
      const p = fv.prepared;
      const g0 = base.get(fv)!;
      const s0 = sentBase.get(fv)!;
      for (const mention of extractDates(p)) {
        if (suppressed(fv, mention.tokFirst)) continue;
        const sent = p.tokSent[mention.tokFirst];
        if (!namesEvent(s0 + sent)) continue;
        // an event verb shortly before the date, or a sentence that opens with the date and has an event verb
        const gs = s0 + sent;
        const nouns = (nounsBySent.get(gs) ?? []).filter((n) => n.field === fv);
        const tied = (eventsBySent.get(gs) ?? []).some((e) => {
          if (e.field !== fv) return false;
          // "<đại hội> khai mạc ngày 20/10", "hoãn sang tháng 12"
          if (e.hit.tokLast < mention.tokFirst && e.hit.tokLast >= mention.tokFirst - 5) return nouns.some((n) => n.hit.tokFirst < e.hit.tokFirst);
          // "Sáng 14/10, ... Đại hội ... khai mạc": the sentence opens with the date and the congress is the subject
          let sentStart = mention.tokFirst;
          while (sentStart > 0 && p.tokSent[sentStart - 1] === sent) sentStart--;
          return (
            mention.tokFirst - sentStart <= 2 &&
            e.hit.tokFirst > mention.tokLast &&
            nouns.some((n) => n.hit.tokFirst > mention.tokLast && n.hit.tokLast < e.hit.tokFirst)
          );
        });
        if (!tied) continue;
        const g = g0 + mention.tokFirst;
        const scope = scopeAt(g, s0 + sent);
        for (const { f, i } of factsIn(scope)) {
          for (const check of f.checks) {
            if (check.kind !== 'dates') continue;
            const outside = mention.dates.filter((d: DayDate) => !dateWithin(d, check.start, check.end));
            if (outside.length)
              add(i, fv, mention.tokFirst, mention.tokLast, `dates the event ${outside.map(formatDayDate).join(', ')}; official ${check.start}…${check.end}`);
          }
        }
      }
    }

    // 4. Numbers with a unit, next to a context phrase.
    const units = of('unit');
    const contexts = of('context');
    const excludes = of('exclude');
    const unitsAt = group(units, (x) => `${x.field.field}:${x.hit.tokFirst}`);
    const contextsBySent = group(contexts, (x) => x.sent);
    const excludesByClause = group(excludes, (x) => `${x.field.field}:${x.field.prepared.tokClause[x.hit.tokFirst]}`);
    for (const fv of units.length && contexts.length ? fields : []) {
      // a number counts only with a unit right after it, in its own field
      if (!units.some((u) => u.field === fv)) continue;
      const p = fv.prepared;
      const g0 = base.get(fv)!;
      const s0 = sentBase.get(fv)!;
      for (const num of extractNumbers(p)) {
        if (suppressed(fv, num.tokFirst)) continue;
        const unitHits = unitsAt.get(`${fv.field}:${num.tokLast + 1}`) ?? [];
        if (!unitHits.length) continue;
        if (num.words && num.tokFirst === num.tokLast && num.value < 10) continue;
        const sent = p.tokSent[num.tokFirst];
        const clause = p.tokClause[num.tokFirst];
        const scope = scopeAt(g0 + num.tokFirst, s0 + sent);
        const candidates = factsIn(scope).flatMap(({ f, i }) =>
          f.checks.map((check, c) => ({ f, i, c, check })).filter((x) => x.check.kind === 'number' && unitHits.some((u) => u.hit.spec.data.fact === x.i && u.hit.spec.data.check === x.c)),
        );
        if (!candidates.length) continue;
        // nearest context phrase before the number in the sentence decides which fact it speaks of
        let best: { i: number; c: number; d: number } | null = null;
        for (const ctx of contextsBySent.get(s0 + sent) ?? []) {
          if (ctx.field !== fv || ctx.hit.tokLast >= num.tokFirst) continue;
          const cand = candidates.find((x) => x.i === ctx.hit.spec.data.fact && x.c === ctx.hit.spec.data.check);
          if (!cand) continue;
          const d = num.tokFirst - ctx.hit.tokLast;
          if (!best || d < best.d) best = { i: cand.i, c: cand.c, d };
        }
        if (!best) continue;
        const check = this.data.facts[best.i].checks[best.c];
        if (check.kind !== 'number') continue;
        const excluded = (excludesByClause.get(`${fv.field}:${clause}`) ?? []).some(
          (x) => x.hit.spec.data.fact === best!.i && x.hit.spec.data.check === best!.c,
        );
        if (excluded) continue;
        if (num.value !== check.value) {
          const unit = unitHits[0].hit.spec.text;
          add(best.i, fv, num.tokFirst, unitHits[0].hit.tokLast, `says ${num.value} ${unit}; official ${check.value}`);
        }
      }
    }
    return [...found.values()];
  }
}
