/**
 * Official facts and the checks that find passages contradicting them: dates of the congress,
 * its venue and format, numbers (delegates, committee members) and claims that the official
 * statement rules out (postponement, lists "leaked" before the vote). Each contradiction cites
 * the fact, so a spokesperson can write the rebuttal from it.
 */
import type { Vocabulary } from './automaton.ts';
import { dateWithin, extractDates, extractNumbers, formatDayDate, partOfPeriod, type DateMention, type DayDate, type NumberMention } from './extract.ts';
import { canon, type FactCheck, type FactsFile, type OfficialFact } from './facts-sheet.ts';
import { longestNonOverlapping, PhraseSet, runsAcrossEdge, type PhraseHit } from './lexicon.ts';
import type { AccentCache, SymbolStream } from './stream.ts';
import {
  beforeName,
  clauseStart,
  endsWithQuestion,
  gapAfter,
  inClauseAcrossNames,
  joinedByHyphen,
  phraseAt,
  phraseEndsBefore,
  sentenceStart,
  TOK_DIGITS,
  tokenSpan,
  tokenText,
  tokensInParentheses,
  wordsAt,
  type PreparedText,
} from './text.ts';

export interface Contradiction {
  factId: string;
  field: 'title' | 'text';
  tokFirst: number;
  tokLast: number;
  note: string;
  /** Read from the sheet's own count by its number alone (no context or marker named the fact): "Đừng tin con số 1.612 đại biểu". */
  byValue?: boolean;
  /** The writer's own count answering the sheet's exact count asked (answeredCounts): the asked count's first token. */
  answers?: number;
  /** The writer's own count heading a sentence as a correction does ("Thực tế mới 15/19 làm xong"): the verdict before it is the writer's. */
  countered?: boolean;
}

/** How the note of a verdict said of the sheet's own value begins ("Đừng tin con số 1.612 đại biểu"): it calls the official version false. */
const CALLS_OFFICIAL_VALUE = 'calls the official value';

/** Nothing but spaces and quotation marks between two tokens. */
const QUOTES_ONLY = /^[\s'"‘’“”«»]*['"‘’“”«»][\s'"‘’“”«»]*$/;

function callsOfficialValueFalseNote(value: string): string {
  return `${CALLS_OFFICIAL_VALUE} ${value} false`;
}

/** Whether a contradiction is a verdict said of the sheet's own value (its note: callsOfficialValueFalseNote), not a claim against it. */
export function callsOfficialValueFalse(c: Contradiction): boolean {
  return c.note.startsWith(CALLS_OFFICIAL_VALUE);
}

/** A claim the checks read and found agreeing with the sheet in use (a date within it, its count, its venue). */
export type Confirmation = Omit<Contradiction, 'note'>;

/** What the checks found in one item: the claims that contradict the sheet, and those that agree with it. */
export interface FactFindings {
  readonly contradictions: readonly Contradiction[];
  readonly confirmations: readonly Confirmation[];
}

export const NO_FINDINGS: FactFindings = { contradictions: [], confirmations: [] };

/** One field (title or text) as the checker sees it. */
export interface FieldView {
  field: 'title' | 'text';
  prepared: PreparedText;
  stream: SymbolStream;
  accents: AccentCache;
  /** Sentences that rebut or report a claim (claims in them are not the author's). */
  suppressed: Set<number>;
}

/** How an approximator bounds the number after it. */
type Approximation = '' | 'floor' | 'ceiling';

export type FactPhrase =
  | { kind: 'marker'; scope: string; weak: boolean; ordinal: boolean }
  | { kind: 'event' }
  | { kind: 'eventWord' }
  | { kind: 'claimWord' }
  | { kind: 'eventNoun' }
  | { kind: 'preparatory' }
  | { kind: 'opening' }
  | { kind: 'partAct' }
  | { kind: 'placeVerb' }
  | { kind: 'venuePredicate' }
  | { kind: 'venueRelative' }
  | { kind: 'venueLabel' }
  | { kind: 'electedBody'; fact: number; check: number }
  | { kind: 'electVerb'; fact: number; check: number }
  | { kind: 'claimCause'; fact: number; check: number }
  | { kind: 'venueLead' }
  | { kind: 'venueLeadAfter' }
  | { kind: 'watcher' }
  | { kind: 'viewer' }
  | { kind: 'viewAct' }
  | { kind: 'passiveAgent' }
  | { kind: 'venueAnaphor' }
  /** (alias: another name of the place, "Thủ đô" for Hà Nội) */
  | { kind: 'place'; name: string; key: string; alias?: boolean }
  | { kind: 'negator' }
  | { kind: 'quantifiedNegator' }
  | { kind: 'contrast' }
  | { kind: 'quantifier' }
  | { kind: 'alternative' }
  | { kind: 'quantifierCloser' }
  | { kind: 'venue'; name: string; key: string }
  | { kind: 'otherEvent' }
  | { kind: 'verbBody' }
  | { kind: 'rehearsal' }
  | { kind: 'documentStudy' }
  | { kind: 'destination' }
  | { kind: 'organiser' }
  | { kind: 'published' }
  | { kind: 'publishedHead' }
  | { kind: 'publishedSince' }
  | { kind: 'eventDocument' }
  | { kind: 'formatHolder' }
  | { kind: 'concedeLimit' }
  | { kind: 'concedeContrast' }
  | { kind: 'concedeKept' }
  | { kind: 'purpose' }
  | { kind: 'purposeListJoin' }
  | { kind: 'celebrant' }
  | { kind: 'rangeEnd' }
  | { kind: 'nameTail' }
  | { kind: 'shop' }
  | { kind: 'shopWord' }
  | { kind: 'facility' }
  | { kind: 'facilityLink' }
  | { kind: 'announceVerb' }
  | { kind: 'announceSubject' }
  | { kind: 'audience' }
  | { kind: 'settled' }
  /** a floor, a ceiling, or '' for a number around the official one */
  | { kind: 'approx'; key: Approximation }
  | { kind: 'comparator' }
  | { kind: 'durUnit' }
  | { kind: 'durContext' }
  | { kind: 'durShift' }
  | { kind: 'durCountdown' }
  | { kind: 'durInterval' }
  | { kind: 'durLengthAfter' }
  | { kind: 'durPartial' }
  | { kind: 'durIndefinite' }
  | { kind: 'durNoun' }
  | { kind: 'durRelative' }
  | { kind: 'claim'; fact: number; check: number }
  | { kind: 'unit'; fact: number; check: number }
  | { kind: 'context'; fact: number; check: number }
  | { kind: 'contextAfter'; fact: number; check: number }
  | { kind: 'membersAfter'; fact: number; check: number }
  | { kind: 'exclude'; fact: number; check: number }
  | { kind: 'otherBody'; fact: number; check: number }
  | { kind: 'partOf'; fact: number; check: number }
  | { kind: 'elector'; fact: number; check: number }
  | { kind: 'complNoun'; fact: number; check: number }
  | { kind: 'complVerb'; fact: number; check: number }
  | { kind: 'complBound'; fact: number; check: number }
  | { kind: 'complLast'; fact: number; check: number }
  | { kind: 'complPending'; fact: number; check: number }
  | { kind: 'complPendingVerb'; fact: number; check: number }
  | { kind: 'complPendingNoun'; fact: number; check: number }
  | { kind: 'complShift'; fact: number; check: number }
  | { kind: 'complExclude'; fact: number; check: number }
  | { kind: 'complAsOf'; fact: number; check: number }
  | { kind: 'complWhole'; fact: number; check: number };

/**
 * Every phrase datum gets all keys, in one order, whatever its kind: objects of one shape keep the
 * engine's property accesses monomorphic (a shape first seen late would throw optimised code away).
 */
const PHRASE_KEYS = { kind: 'event', scope: '', weak: false, ordinal: false, name: '', key: '', alias: false, fact: -1, check: -1 };
function factPhrase(d: FactPhrase): FactPhrase {
  return { ...PHRASE_KEYS, ...d } as FactPhrase;
}

interface Located<T> {
  hit: PhraseHit<T>;
  field: FieldView;
  /** Global order key: title tokens first, then text tokens. */
  g: number;
  sent: number;
}

/** An official venue named after a day and month: the words before them, and the day and month. */
interface DatedVenue {
  words: string[];
  day: number;
  month: number;
}

export class FactChecker {
  private readonly phrases: PhraseSet<FactPhrase>;
  readonly scopesWithFacts = new Set<string>();
  readonly scopePlaces = new Map<string, Set<string>>();
  readonly officialPlaces = new Map<FactCheck, string[]>();
  /** venueQualifiers, as canonical words. */
  readonly qualifiers: string[][];
  /** clauseDayWords, as canonical syllables. */
  readonly clauseDayWords: ReadonlySet<string>;
  /** clauseDayWords with periodLeads, as canonical syllables: what may stand before a period leading its clause. */
  readonly periodLeads: ReadonlySet<string>;
  /** announcedBefore.preposition, canonical. */
  readonly inFrontOf: string;
  /** venueTimeWords, venueObjects and outside, as canonical words (longest first). */
  readonly venueTimeWords: string[][];
  readonly venueObjects: string[][];
  readonly outside: string[][];
  /** placeAliases' names, as canonical words (longest first): they, and venueQualifiers, may stand between "ngoài" and its place. */
  readonly aliasWords: string[][];
  /** venueNameEnds, canonical. */
  readonly nameEnds: ReadonlySet<string>;
  /** venueNouns, as canonical words. */
  readonly venueNounWords: string[][];
  /** watchedTerms, canonical. */
  readonly watchedTerms: ReadonlySet<string>;
  /** viewedTerms.terms, canonical. */
  readonly viewedTerms: ReadonlySet<string>;
  /** publishedSince.reach. */
  readonly publishedReach: number;
  /** ordinalLeads, as canonical words (longest first). */
  readonly ordinalLeads: string[][];
  /** answeredCounts: its leads as canonical words (longest first), and its reach in sentences. */
  readonly answeredCounts: { leads: string[][]; reach: number };
  /** partLeads, as canonical words (longest first). */
  readonly partLeads: string[][];
  /** partListStops, canonical: a word that ends the part's list (it states a count of its own). */
  readonly partListStops: ReadonlySet<string>;
  /** repliedByValue, as canonical words (longest first). */
  readonly repliedByValue: {
    negations: string[][];
    predicateLeads: string[][];
    askers: string[][];
    then: string[][];
    reporters: string[][];
    sourceQuestions: string[][];
  };
  /** countPrintedAt, as canonical words. */
  readonly countPrintedAt: string[][];
  /** countDenials, as canonical words. */
  readonly countDenials: { before: string[][]; open: string[][]; close: string[][]; asked: string[][] };
  /** venueRelatives' verbs and stays, as canonical words (longest first). */
  readonly relativeVerbs: string[][];
  readonly relativeStays: string[][];
  /** The place verbs, canonical ("khai mac tai"), and the verbs that head them ("khai mac"). */
  readonly placeVerbForms: ReadonlySet<string>;
  readonly placeVerbHeads: ReadonlySet<string>;
  /** workplaces' verbs and workers, canonical. */
  readonly workplaceVerbs: ReadonlySet<string>;
  readonly workplaceWorkers: ReadonlySet<string>;
  /** The official places (venue, city) of each scope's facts: where that event is held. */
  readonly venuesByScope = new Map<string, Set<string>>();
  /** The official venues whose names end in a day and month ("Hội trường 17/3"): no date where the item names them. */
  readonly datedVenues: DatedVenue[] = [];
  /** The facts of each scope, with their index in data.facts. */
  readonly factsByScope = new Map<string, Array<{ f: OfficialFact; i: number }>>();
  /** Facts that a claim in another scope may be about (alsoScopes), by that scope. */
  readonly alsoByScope = new Map<string, Array<{ f: OfficialFact; i: number }>>();
  private lastCheck: object | null = null;

  constructor(
    readonly data: FactsFile,
    vocabulary: Vocabulary,
  ) {
    this.phrases = new PhraseSet<FactPhrase>(vocabulary);
    this.qualifiers = data.venueQualifiers.map((q) => canon(q).split(' '));
    this.clauseDayWords = new Set(data.clauseDayWords.map(canon));
    this.periodLeads = new Set([...data.clauseDayWords, ...data.periodLeads].map(canon));
    this.inFrontOf = canon(data.announcedBefore.preposition);
    // (longest first: phraseAt takes the first that matches)
    const longestFirst = (ws: string[]) => ws.map((w) => canon(w).split(' ')).sort((a, b) => b.length - a.length);
    this.venueTimeWords = longestFirst(data.venueTimeWords);
    this.nameEnds = new Set(data.venueNameEnds.map(canon));
    this.venueNounWords = data.venueNouns.map((n) => canon(n).split(' '));
    this.watchedTerms = new Set(data.watchedTerms.map(canon));
    this.viewedTerms = new Set(data.viewedTerms.terms.map(canon));
    this.publishedReach = data.publishedSince.reach;
    this.venueObjects = longestFirst(data.venueObjects);
    this.relativeVerbs = longestFirst(data.venueRelatives.verbs);
    this.relativeStays = longestFirst(data.venueRelatives.stays);
    this.outside = longestFirst(data.outside);
    this.aliasWords = longestFirst(Object.keys(data.placeAliases));
    this.ordinalLeads = longestFirst(data.ordinalLeads);
    this.answeredCounts = { leads: longestFirst(data.answeredCounts.leads), reach: data.answeredCounts.reach };
    this.partLeads = longestFirst(data.partLeads);
    this.partListStops = new Set(data.partListStops.map(canon));
    this.repliedByValue = {
      negations: longestFirst(data.repliedByValue.negations),
      predicateLeads: longestFirst(data.repliedByValue.predicateLeads),
      askers: longestFirst(data.repliedByValue.askers),
      then: longestFirst(data.repliedByValue.then),
      reporters: longestFirst(data.repliedByValue.reporters),
      sourceQuestions: longestFirst(data.repliedByValue.sourceQuestions),
    };
    this.countPrintedAt = longestFirst(data.countPrintedAt);
    this.countDenials = {
      before: longestFirst(data.countDenials.before),
      open: longestFirst(data.countDenials.open),
      close: longestFirst(data.countDenials.close),
      asked: longestFirst(data.countDenials.asked),
    };
    this.placeVerbForms = new Set(data.placeVerbs.map(canon));
    this.placeVerbHeads = new Set(data.placeVerbs.map((v) => canon(v).split(' ').slice(0, -1).join(' ')).filter((h) => h));
    this.workplaceVerbs = new Set(data.workplaces.verbs.map(canon));
    this.workplaceWorkers = new Set(data.workplaces.workers.map(canon));
    for (const [scope, def] of Object.entries(data.scopes)) {
      for (const m of def.markers) this.phrases.add(m, factPhrase({ kind: 'marker', scope, weak: false, ordinal: false }));
      for (const m of def.weakMarkers) this.phrases.add(m, factPhrase({ kind: 'marker', scope, weak: true, ordinal: false }));
      for (const m of def.ordinals) this.phrases.add(m, factPhrase({ kind: 'marker', scope, weak: false, ordinal: true }));
      this.scopePlaces.set(scope, new Set(def.places.map(canon)));
    }
    for (const e of data.events) this.phrases.add(e, factPhrase({ kind: 'event' }));
    for (const e of data.eventWords) this.phrases.add(e, factPhrase({ kind: 'eventWord' }));
    for (const e of data.claimWords) this.phrases.add(e, factPhrase({ kind: 'claimWord' }));
    for (const e of data.eventNouns) this.phrases.add(e, factPhrase({ kind: 'eventNoun' }));
    for (const e of data.preparatory) this.phrases.add(e, factPhrase({ kind: 'preparatory' }));
    for (const e of data.openings) this.phrases.add(e, factPhrase({ kind: 'opening' }));
    for (const e of data.partActs) this.phrases.add(e, factPhrase({ kind: 'partAct' }));
    for (const v of data.placeVerbs) this.phrases.add(v, factPhrase({ kind: 'placeVerb' }));
    for (const v of data.venuePredicates) this.phrases.add(v, factPhrase({ kind: 'venuePredicate' }));
    for (const v of data.venueRelatives.heads) this.phrases.add(v, factPhrase({ kind: 'venueRelative' }));
    for (const v of data.venueLabels) this.phrases.add(v, factPhrase({ kind: 'venueLabel' }));
    for (const v of data.venueLeads) this.phrases.add(v, factPhrase({ kind: 'venueLead' }));
    for (const v of data.venueLeadsAfterEvent) this.phrases.add(v, factPhrase({ kind: 'venueLeadAfter' }));
    for (const v of data.watchers) this.phrases.add(v, factPhrase({ kind: 'watcher' }));
    for (const v of data.viewedTerms.viewers) this.phrases.add(v, factPhrase({ kind: 'viewer' }));
    for (const v of data.viewedTerms.acts) this.phrases.add(v, factPhrase({ kind: 'viewAct' }));
    for (const v of data.passiveAgents) this.phrases.add(v, factPhrase({ kind: 'passiveAgent' }));
    for (const v of data.venueAnaphors) this.phrases.add(v, factPhrase({ kind: 'venueAnaphor' }));
    for (const n of data.negators) this.phrases.add(n, factPhrase({ kind: 'negator' }));
    for (const n of data.contrasts) this.phrases.add(n, factPhrase({ kind: 'contrast' }));
    for (const n of data.alternatives) this.phrases.add(n, factPhrase({ kind: 'alternative' }));
    for (const n of data.quantifiedNegation.quantifiers) this.phrases.add(n, factPhrase({ kind: 'quantifier' }));
    for (const n of data.quantifiedNegation.closers) this.phrases.add(n, factPhrase({ kind: 'quantifierCloser' }));
    for (const n of data.quantifiedNegation.negators) this.phrases.add(n, factPhrase({ kind: 'quantifiedNegator' }));
    for (const n of data.venueNouns) this.phrases.add(n, factPhrase({ kind: 'venue', name: n, key: canon(n) }));
    for (const n of data.otherEventNouns) this.phrases.add(n, factPhrase({ kind: 'otherEvent' }));
    for (const n of data.verbBodies) this.phrases.add(n, factPhrase({ kind: 'verbBody' }));
    for (const n of data.rehearsals) this.phrases.add(n, factPhrase({ kind: 'rehearsal' }));
    for (const n of data.documentStudies) this.phrases.add(n, factPhrase({ kind: 'documentStudy' }));
    for (const n of data.destinations) this.phrases.add(n, factPhrase({ kind: 'destination' }));
    for (const n of data.organisers) this.phrases.add(n, factPhrase({ kind: 'organiser' }));
    for (const n of data.publishedBy) this.phrases.add(n, factPhrase({ kind: 'published' }));
    for (const n of data.publishedSince.heads) this.phrases.add(n, factPhrase({ kind: 'publishedHead' }));
    for (const n of data.publishedSince.since) this.phrases.add(n, factPhrase({ kind: 'publishedSince' }));
    for (const n of data.eventDocuments) this.phrases.add(n, factPhrase({ kind: 'eventDocument' }));
    for (const n of data.formatHolders) this.phrases.add(n, factPhrase({ kind: 'formatHolder' }));
    for (const n of data.concessions.limits) this.phrases.add(n, factPhrase({ kind: 'concedeLimit' }));
    for (const n of data.concessions.contrasts) this.phrases.add(n, factPhrase({ kind: 'concedeContrast' }));
    for (const n of data.concessions.kept) this.phrases.add(n, factPhrase({ kind: 'concedeKept' }));
    for (const n of data.purposes) this.phrases.add(n, factPhrase({ kind: 'purpose' }));
    for (const n of data.purposeListJoins) this.phrases.add(n, factPhrase({ kind: 'purposeListJoin' }));
    for (const n of data.celebrants) this.phrases.add(n, factPhrase({ kind: 'celebrant' }));
    for (const n of data.rangeEnds) this.phrases.add(n, factPhrase({ kind: 'rangeEnd' }));
    for (const n of data.nameTails) this.phrases.add(n, factPhrase({ kind: 'nameTail' }));
    for (const n of data.shopHolders.nouns) this.phrases.add(n, factPhrase({ kind: 'shop' }));
    for (const n of data.shopHolders.words) this.phrases.add(n, factPhrase({ kind: 'shopWord' }));
    for (const n of data.facilities.nouns) this.phrases.add(n, factPhrase({ kind: 'facility' }));
    for (const n of data.facilities.links) this.phrases.add(n, factPhrase({ kind: 'facilityLink' }));
    for (const n of data.announcedBefore.verbs) this.phrases.add(n, factPhrase({ kind: 'announceVerb' }));
    for (const n of data.announcedBefore.subjects) this.phrases.add(n, factPhrase({ kind: 'announceSubject' }));
    for (const n of data.announcedBefore.audiences) this.phrases.add(n, factPhrase({ kind: 'audience' }));
    for (const n of data.announcedBefore.settled) this.phrases.add(n, factPhrase({ kind: 'settled' }));
    for (const n of data.approximators) this.phrases.add(n, factPhrase({ kind: 'approx', key: '' }));
    for (const n of data.floors) this.phrases.add(n, factPhrase({ kind: 'approx', key: 'floor' }));
    for (const n of data.ceilings) this.phrases.add(n, factPhrase({ kind: 'approx', key: 'ceiling' }));
    for (const n of data.comparators) this.phrases.add(n, factPhrase({ kind: 'comparator' }));
    for (const n of data.duration.units) this.phrases.add(n, factPhrase({ kind: 'durUnit' }));
    for (const n of data.duration.context) this.phrases.add(n, factPhrase({ kind: 'durContext' }));
    for (const n of data.duration.shift) this.phrases.add(n, factPhrase({ kind: 'durShift' }));
    for (const n of data.duration.countdown) this.phrases.add(n, factPhrase({ kind: 'durCountdown' }));
    for (const n of data.duration.lengthAfter) this.phrases.add(n, factPhrase({ kind: 'durLengthAfter' }));
    for (const n of data.duration.partial) this.phrases.add(n, factPhrase({ kind: 'durPartial' }));
    for (const n of data.duration.indefinite) this.phrases.add(n, factPhrase({ kind: 'durIndefinite' }));
    for (const n of data.duration.interval) this.phrases.add(n, factPhrase({ kind: 'durInterval' }));
    for (const n of data.duration.nouns) this.phrases.add(n, factPhrase({ kind: 'durNoun' }));
    for (const n of data.duration.relative) this.phrases.add(n, factPhrase({ kind: 'durRelative' }));
    const places = new Set(data.places);
    data.facts.forEach((fact, f) => {
      this.scopesWithFacts.add(fact.scope);
      const inScope = this.factsByScope.get(fact.scope);
      if (inScope) inScope.push({ f: fact, i: f });
      else this.factsByScope.set(fact.scope, [{ f: fact, i: f }]);
      for (const other of fact.alsoScopes) {
        const list = this.alsoByScope.get(other);
        if (list) list.push({ f: fact, i: f });
        else this.alsoByScope.set(other, [{ f: fact, i: f }]);
      }
      fact.checks.forEach((check, c) => {
        if (check.kind === 'claims') {
          for (const t of check.terms) this.phrases.add(t, factPhrase({ kind: 'claim', fact: f, check: c }));
          for (const t of check.electedBodies) this.phrases.add(t, factPhrase({ kind: 'electedBody', fact: f, check: c }));
          for (const t of check.electVerbs) this.phrases.add(t, factPhrase({ kind: 'electVerb', fact: f, check: c }));
          for (const t of check.causes) this.phrases.add(t, factPhrase({ kind: 'claimCause', fact: f, check: c }));
        }
        if (check.kind === 'place') {
          for (const p of check.places) places.add(p);
          this.officialPlaces.set(check, check.places.map(canon));
          const venues = this.venuesByScope.get(fact.scope) ?? new Set<string>();
          for (const p of check.places) venues.add(canon(p));
          this.venuesByScope.set(fact.scope, venues);
          for (const p of check.places) {
            // (the month written as a number or spelled, "Hội trường 17/3", "Hội trường 2 Tháng 9")
            const dated = /^(.*\S) (\d{1,2}) (?:thang )?(\d{1,2})$/.exec(canon(p));
            if (dated) this.datedVenues.push({ words: dated[1].split(' '), day: Number(dated[2]), month: Number(dated[3]) });
          }
        }
        if (check.kind === 'number') {
          for (const u of check.units) this.phrases.add(u, factPhrase({ kind: 'unit', fact: f, check: c }));
          for (const x of check.context) this.phrases.add(x, factPhrase({ kind: 'context', fact: f, check: c }));
          for (const x of check.contextAfter) this.phrases.add(x, factPhrase({ kind: 'contextAfter', fact: f, check: c }));
          for (const x of check.membersAfter) this.phrases.add(x, factPhrase({ kind: 'membersAfter', fact: f, check: c }));
          for (const x of check.exclude) this.phrases.add(x, factPhrase({ kind: 'exclude', fact: f, check: c }));
          for (const x of check.otherBodies) this.phrases.add(x, factPhrase({ kind: 'otherBody', fact: f, check: c }));
          for (const x of check.partOf) this.phrases.add(x, factPhrase({ kind: 'partOf', fact: f, check: c }));
          for (const x of check.electors) this.phrases.add(x, factPhrase({ kind: 'elector', fact: f, check: c }));
        }
        if (check.kind === 'completion') {
          for (const x of check.nouns) this.phrases.add(x, factPhrase({ kind: 'complNoun', fact: f, check: c }));
          for (const x of check.verbs) this.phrases.add(x, factPhrase({ kind: 'complVerb', fact: f, check: c }));
          for (const x of check.bounds) this.phrases.add(x, factPhrase({ kind: 'complBound', fact: f, check: c }));
          for (const x of check.last) this.phrases.add(x, factPhrase({ kind: 'complLast', fact: f, check: c }));
          for (const x of [...check.pending, ...check.pendingQuoted]) this.phrases.add(x, factPhrase({ kind: 'complPending', fact: f, check: c }));
          for (const x of check.pendingVerbs) this.phrases.add(x, factPhrase({ kind: 'complPendingVerb', fact: f, check: c }));
          for (const x of check.pendingNouns) this.phrases.add(x, factPhrase({ kind: 'complPendingNoun', fact: f, check: c }));
          for (const x of check.shifts) this.phrases.add(x, factPhrase({ kind: 'complShift', fact: f, check: c }));
          for (const x of check.exclude) this.phrases.add(x, factPhrase({ kind: 'complExclude', fact: f, check: c }));
          for (const x of check.asOf) this.phrases.add(x, factPhrase({ kind: 'complAsOf', fact: f, check: c }));
          for (const x of check.whole) this.phrases.add(x, factPhrase({ kind: 'complWhole', fact: f, check: c }));
        }
      });
    });
    for (const p of places) this.phrases.add(p, factPhrase({ kind: 'place', name: p, key: canon(p) }));
    for (const [alias, p] of Object.entries(data.placeAliases)) this.phrases.add(alias, factPhrase({ kind: 'place', name: alias, key: canon(p), alias: true }));
  }

  get facts(): OfficialFact[] {
    return this.data.facts;
  }

  /**
   * The venue noun at tokens first..last, with the words after it that go on the official name, is
   * that name short of its qualifiers ("Trung tâm Hội nghị" for "Trung tâm Hội nghị tỉnh"). A dash between two of
   * the name's words joins them, as the sheet writes them ("Cung Văn hóa Hữu nghị Việt – Xô", "Trung tâm Văn hóa –
   * Triển lãm tỉnh"): the en or em dash that ends a clause elsewhere does not cut the name.
   */
  namesShort(prepared: PreparedText, first: number, last: number, official: string): boolean {
    const words = official.split(' ');
    let j = 0;
    for (let t = first; t <= last; t++, j++) if (prepared.tokText[t] !== words[j]) return false;
    let t = last + 1;
    const goesOn = (k: number) => k < prepared.count && (prepared.tokClause[k] === prepared.tokClause[k - 1] || dashBetween(prepared, k - 1));
    for (; j < words.length && goesOn(t) && prepared.tokText[t] === words[j]; j++, t++);
    if (j === words.length) return true;
    // the name's head written in full and its tail left off, the item's name ending there — its clause ends or a word
    // that ends a name follows ("Cung Văn hóa Hữu nghị, …" for "… Hữu nghị Việt – Xô"; not "Trung tâm Hội nghị Quốc
    // gia" for "… Quốc tế")
    if (j > last - first + 1 && (!goesOn(t) || this.nameEnds.has(prepared.tokText[t]))) return true;
    // another qualifier right after: the venue of another level ("… Trung tâm huyện")
    if (goesOn(t) && phraseAt(prepared, t, this.qualifiers)) return false;
    while (j < words.length) {
      const at = j;
      const n = this.qualifiers.find((q) => q.every((w, i) => words[at + i] === w))?.length ?? 0;
      if (!n) return false;
      j += n;
    }
    return true;
  }

  /**
   * The venue noun at tokens first..last begins a building named inside the official name, after the name's own leading
   * venue noun: the sheet's venue is a hall of that building ("Hội trường Nhà Văn hóa Trung tâm") and the item names the
   * building ("họp ở Nhà Văn hóa Trung tâm An Khê"; study123's V′, c127-195). Read whole, so only where the building's
   * name ends there: its clause ends, a word that ends a name follows, or one of the sheet's own `places` does, a
   * qualifier before it or not ("… Trung tâm thị xã An Khê"); the official name's own closing qualifiers may be left off,
   * as namesShort reads them. Another name after it is another venue ("Nhà Văn hóa Trung tâm Pleiku", "… Trung tâm
   * huyện"), as is a name that leaves the building's short ("Nhà Văn hóa" alone).
   */
  namesBuilding(prepared: PreparedText, first: number, last: number, official: string, places: readonly string[]): boolean {
    const words = official.split(' ');
    const goesOn = (k: number) => k < prepared.count && (prepared.tokClause[k] === prepared.tokClause[k - 1] || dashBetween(prepared, k - 1));
    const others = places.filter((p) => p !== official).map((p) => p.split(' '));
    for (let k = 1; k < words.length; k++) {
      if (!this.venueNounWords.some((n) => n.every((w, i) => words[k + i] === w))) continue;
      let j = k;
      let t = first;
      for (; t <= last && words[j] === prepared.tokText[t]; t++, j++);
      if (t <= last) continue;
      for (; j < words.length && goesOn(t) && prepared.tokText[t] === words[j]; j++, t++);
      // (short of the qualifiers that end the official name only: "Nhà Văn hóa Trung tâm" for "… Trung tâm tỉnh")
      for (let n = 1; j < words.length && n; j += n) {
        const at = j;
        n = this.qualifiers.find((q) => q.every((w, i) => words[at + i] === w))?.length ?? 0;
      }
      if (j < words.length) continue;
      if (!goesOn(t) || this.nameEnds.has(prepared.tokText[t])) return true;
      if (phraseAt(prepared, t + phraseAt(prepared, t, this.qualifiers), others)) return true;
    }
    return false;
  }

  build(): void {
    this.phrases.build();
  }

  /** The phrases the checks look for (markers, events, places, claims, units ...). */
  get phraseSet(): PhraseSet<FactPhrase> {
    return this.phrases;
  }

  /**
   * One item's reading of the facts phrases, for its checks (ItemCheck.findings) and its verdicts on the
   * sheet's own values (ItemCheck.deniedOfficialValues). `hits` gives the matches of phraseSet in each field
   * (same order as `fields`), from the caller's one shared automaton pass.
   */
  read(fields: FieldView[], hits: ReadonlyArray<Array<PhraseHit<FactPhrase>>>): ItemCheck {
    const item = new ItemCheck(this, fields, hits);
    // Kept until the next item: a live instance keeps the engine's shape of ItemCheck (and the
    // optimised code of its methods) through full GCs.
    this.lastCheck = item;
    return item;
  }
}

type Of<K extends FactPhrase['kind']> = Located<Extract<FactPhrase, { kind: K }>>;
/** A venue claimed by a place verb or a venue predicate: the places and venue nouns that name it. */
interface PlaceClaim {
  verb: Located<FactPhrase>;
  phrase: Array<Of<'place'> | Of<'venue'>>;
  /** The verb puts the event outside the place ("tổ chức ngoài Thủ đô"): the place is denied, as after a negator. */
  outside?: boolean;
  /** A list's label ("Địa điểm: …") under a heading that names the event: its sentence need not name it. */
  labelled?: boolean;
}
interface MarkerScope {
  m: Located<FactPhrase>;
  scope: string;
  weak: boolean;
  /** The event a delegation goes to ("dự Đại hội XIII"): it scopes only claims in its own clause. */
  destination: boolean;
}
interface ForeignInfo {
  sents: Set<number>;
  any: boolean;
  ownNamed: boolean;
}

function bySentence<T extends { sent: number }>(xs: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of xs) {
    const list = m.get(x.sent);
    if (list) list.push(x);
    else m.set(x.sent, [x]);
  }
  return m;
}

/** A position (token, clause) in a field as a number: title and text apart. */
function fieldKey(fv: FieldView, n: number): number {
  return fv.field === 'title' ? n * 2 : n * 2 + 1;
}

/** The clause of token `tok` as a fieldKey. */
function clauseOf(fv: FieldView, tok: number): number {
  return fieldKey(fv, fv.prepared.tokClause[tok]);
}

function byKey<T>(m: Map<number, T[]>, k: number, x: T): void {
  const list = m.get(k);
  if (list) list.push(x);
  else m.set(k, [x]);
}

/** Index of the last marker with g' <= g in a sorted list (-1 if none). */
function lastAtOrBefore(list: MarkerScope[], g: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].m.g <= g) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const BEFORE = 0;
const AFTER = 1;
const ANY = 2;
function nearestIn(list: MarkerScope[], g: number, dir: number): string | null {
  const i = lastAtOrBefore(list, g);
  const before = i >= 0 ? list[i] : null;
  const after = i + 1 < list.length ? list[i + 1] : null;
  if (dir === BEFORE) return before?.scope ?? null;
  if (dir === AFTER) return after?.scope ?? null;
  if (!before) return after?.scope ?? null;
  if (!after) return before.scope;
  return g - before.m.g <= after.m.g - g ? before.scope : after.scope;
}

function isSuppressed(fv: FieldView, tok: number): boolean {
  return fv.suppressed.has(fv.prepared.tokSent[tok]);
}

/** Tokens an ordinal may stand after the organisation it numbers (a place name, "lần thứ"). */
const ORDINAL_GAP = 4;
/** Tokens a superior body may stand after the lower body it qualifies ("trực thuộc", "thuộc"). */
const QUALIFIER_GAP = 1;
/** Tokens between a date's subject event noun and the marker of its name ("Đại hội | đại biểu | Đảng bộ tỉnh"). */
const SUBJECT_NAME_GAP = 2;
/** Tokens from a watcher or a viewer to what it watches on or where ("theo dõi phiên khai mạc tại hội trường UBND phường"). */
const WATCH_REACH = 8;
/** Tokens between a destination phrase and the event's marker ("dự | Đại hội | XIII"). */
const DESTINATION_GAP = 2;
/** Tokens from a claim term's last to the closer of a negation over "any" ("công bố trước | nào"; one word may stand between). */
const CLOSER_GAP = 2;
/** Lead phrases at most between the correction's opener and the writer's count ("Thực tế | chỉ | mới | 15/19"). */
const COUNT_LEADS = 2;

/** Tokens between a finishing verb and the date it takes ("hoàn thành đại hội vào ngày 28/8"). */
const COMPLETION_GAP = 6;

const NO_LOCATED: Array<Located<FactPhrase>> = [];

/** The checks that ask whose event a fact is about (ItemCheck.anotherEventOwns, ownedObject). */
type FactUse = 'claim' | 'venue' | 'date' | 'count';
/** The holders a fact's whose-event reading looks back for (the nearest in its sentence wins). */
const HOLDERS = ['eventNoun', 'otherEvent', 'celebrant', 'facility'] as const;
type OwnerKind = (typeof HOLDERS)[number] | 'formatHolder' | 'shop';
/**
 * Which holders, nearest before a fact, make it another event's, by check: another gathering owns a claim ("hội nghị
 * trực tuyến") but not a date, a place or a count (the congress's own sessions are "lễ khai mạc", "phiên"); an activity
 * held for the congress and a facility of it own all four; a format holder and a shop own a claim (they are read for
 * claims only).
 */
const OWNERS: Record<FactUse, ReadonlySet<FactPhrase['kind']>> = {
  claim: new Set<OwnerKind>(['otherEvent', 'celebrant', 'facility', 'formatHolder', 'shop']),
  venue: new Set<OwnerKind>(['celebrant', 'facility']),
  date: new Set<OwnerKind>(['celebrant', 'facility']),
  count: new Set<OwnerKind>(['celebrant', 'facility']),
};
/**
 * Which holders, as the object of a fact's verb right after it, make the verb another event's, by check; `holdsVerb`: the
 * holder may begin before the verb and hold it ("buổi họp", "họp báo"), else it begins after the verb's first token.
 */
const OBJECTS: Record<FactUse, ReadonlyArray<{ kind: 'otherEvent' | 'celebrant'; holdsVerb: boolean }>> = {
  claim: [],
  venue: [{ kind: 'celebrant', holdsVerb: false }],
  date: [
    { kind: 'otherEvent', holdsVerb: true },
    { kind: 'celebrant', holdsVerb: false },
  ],
  count: [],
};

/**
 * An event verb read without diacritics that a longer word (`eventWords`) runs across the edge of, in its field: the
 * same letters are the word ("hoan thanh" is hoàn thành, not "hoãn").
 */
function crossedBareEvent(e: Located<FactPhrase>, words: ReadonlyArray<Located<FactPhrase>>): boolean {
  if (!(e.field.accents.lenient || e.field.accents.bareClause(e.hit.tokFirst))) return false;
  return crossedInField(e, words);
}

/** One of `words` runs across the edge of the phrase `x`, in its field. */
function crossedInField(x: Located<FactPhrase>, words: ReadonlyArray<Located<FactPhrase>>): boolean {
  return words.some((w) => w.field === x.field && runsAcrossEdge(w.hit, x.hit));
}
const NO_MARKERS: MarkerScope[] = [];
const NO_FACTS: Array<{ f: OfficialFact; i: number }> = [];

/**
 * The checks of one item (FactChecker.read). What the phrases say whatever is suppressed — the phrases by
 * kind, the sites, the venue claims, the scope of every marker, negators and numbers — is read once for the
 * item; the findings are made anew once the sentences suppressed have changed (the verdicts on official values are
 * read before the cues suppress any, the checks after), and shared by the asks in between.
 * A class rather than closures: its methods are compiled once and kept, where closures made per call lose
 * their optimised code at every full GC.
 */
export class ItemCheck {
  private readonly data: FactsFile;
  private readonly base = new Map<FieldView, number>();
  private readonly sentBase = new Map<FieldView, number>();
  /** The item's phrases by kind, in order of field and match (built once, in the constructor). */
  private readonly byKind = new Map<FactPhrase['kind'], Array<Located<FactPhrase>>>();
  /** Places and venues in order (see sites), read on first need. */
  private sitesInOrder: Array<Of<'place'> | Of<'venue'>> | null = null;
  /** The venue claims (see readPlaces), read on the first findings of an item that may hold a claim. */
  private placeClaims: PlaceClaim[] | null = null;
  private unclaimedPlaces: Array<Of<'place'>> = [];
  private readonly foreignCache = new Map<string, ForeignInfo>();
  private markerScopes: MarkerScope[] = NO_MARKERS;
  private strongMarkers: MarkerScope[] = NO_MARKERS;
  /** Full markers a sentence naming no event may inherit: not a delegation's destination. */
  private inheritedMarkers: MarkerScope[] = NO_MARKERS;
  private readonly markersBySent = new Map<number, MarkerScope[]>();
  private readonly negatorEnds = new Set<string>();
  private readonly nounSentences = new Set<number>();
  private readonly found = new Map<string, Contradiction>();
  private readonly agreeing = new Map<string, Confirmation>();
  private scoped = false;
  private negatorsRead = false;
  /** While set, no negator turns a claim away (deniedClaims reads what the negators deny). */
  private negationOff = false;
  /** The last findings with the negators on and off, with the number of sentences suppressed when they were read. */
  private readonly lastFindings: Array<{ suppressed: number; findings: FactFindings } | null> = [null, null];
  /** Numbers of each field, read once for the number and duration checks. */
  private readonly numbersOf = new Map<FieldView, NumberMention[]>();
  /** Dates of each field, read once for the date and completion checks. */
  private readonly datesOf = new Map<FieldView, DateMention[]>();

  constructor(
    private readonly checker: FactChecker,
    private readonly fields: FieldView[],
    hits: ReadonlyArray<Array<PhraseHit<FactPhrase>>>,
  ) {
    this.data = checker.data;
    let offset = 0;
    let sentOffset = 0;
    for (let index = 0; index < fields.length; index++) {
      const fv = fields[index];
      this.base.set(fv, offset);
      this.sentBase.set(fv, sentOffset);
      for (const hit of hits[index]) {
        const x: Located<FactPhrase> = { hit, field: fv, g: offset + hit.tokFirst, sent: sentOffset + fv.prepared.tokSent[hit.tokFirst] };
        const list = this.byKind.get(hit.spec.data.kind);
        if (list) list.push(x);
        else this.byKind.set(hit.spec.data.kind, [x]);
      }
      offset += fv.prepared.count + 1000;
      sentOffset += (fv.prepared.count ? fv.prepared.tokSent[fv.prepared.count - 1] : 0) + 1000;
    }
    // (read without diacritics, an event verb or a claim term a longer word runs across is that word)
    this.dropCrossed('event', 'eventWord', crossedBareEvent);
    this.dropCrossed('claim', 'claimWord', crossedBareEvent);
    // (and a place verb: "mong muon cua nhieu giao vien Gia Lai" is a wish, "mong muốn", not a venue "mượn"; the 157th pass)
    this.dropCrossed('placeVerb', 'eventWord', crossedBareEvent);
    // (an activity's name an event noun runs across is none: "Đại hội diễn ra" holds no "hội diễn")
    this.dropCrossed('celebrant', 'eventNoun', crossedInField);
    // (a shop noun a listed word runs across, typed or not, is that word: "quán triệt", "co quan")
    this.dropCrossed('shop', 'shopWord', crossedInField);
  }

  /** Drops the phrases of `kind` that a phrase of `crossing` runs across (`crossed`), as the longer word they are part of. */
  private dropCrossed(
    kind: FactPhrase['kind'],
    crossing: FactPhrase['kind'],
    crossed: (x: Located<FactPhrase>, words: ReadonlyArray<Located<FactPhrase>>) => boolean,
  ): void {
    const words = this.byKind.get(crossing);
    const hits = this.byKind.get(kind);
    if (!words || !hits) return;
    const kept = hits.filter((x) => !crossed(x, words));
    if (kept.length) this.byKind.set(kind, kept);
    else this.byKind.delete(kind);
  }

  private of<K extends FactPhrase['kind']>(kind: K): Array<Of<K>> {
    return (this.byKind.get(kind) ?? NO_LOCATED) as Array<Of<K>>;
  }

  /**
   * The claims that contradict or confirm the facts, outside the sentences suppressed now: read once per state (the
   * sentences suppressed, which only grow, and the negators on or off) and shared by every caller until it changes.
   * The callers read the arrays, never change them.
   */
  findings(): FactFindings {
    let suppressed = 0;
    for (const fv of this.fields) suppressed += fv.suppressed.size;
    const slot = this.negationOff ? 1 : 0;
    const last = this.lastFindings[slot];
    if (last && last.suppressed === suppressed) return last.findings;
    const findings = this.readFindings();
    this.lastFindings[slot] = { suppressed, findings };
    return findings;
  }

  /** The findings read anew (findings). */
  private readFindings(): FactFindings {
    const byKind = this.byKind;
    // no event marker: no claim can be attributed to an event with facts
    if (!byKind.has('marker')) return NO_FINDINGS;
    // nothing that could be a claim: no claim term, no venue verb, no event verb with an event noun, no unit with a context
    if (
      !byKind.has('claim') &&
      !byKind.has('placeVerb') &&
      !byKind.has('venuePredicate') &&
      !byKind.has('venueRelative') &&
      !byKind.has('venueLabel') &&
      !byKind.has('venueLead') &&
      !(byKind.has('event') && byKind.has('eventNoun')) &&
      !(byKind.has('unit') && (byKind.has('context') || byKind.has('contextAfter') || byKind.has('membersAfter'))) &&
      !(byKind.has('complVerb') && byKind.has('complNoun')) &&
      !(byKind.has('complPending') && (byKind.has('complNoun') || byKind.has('complPendingNoun'))) &&
      !(byKind.has('durUnit') && (byKind.has('durContext') || byKind.has('durShift') || byKind.has('durLengthAfter') || byKind.has('durNoun')))
    )
      return NO_FINDINGS;
    const placeClaims = (this.placeClaims ??= this.readPlaces());
    this.found.clear();
    this.agreeing.clear();
    this.claims();
    this.venues(placeClaims);
    this.dates();
    this.numbers();
    this.answeredCounts();
    this.durations();
    this.completions();
    this.pendingCompletions();
    this.countedCompletions();
    return { contradictions: [...this.found.values()], confirmations: [...this.agreeing.values()] };
  }

  /**
   * The claims a negator turns away: those that would contradict the sheet were their negator not there ("Đại hội
   * XIII không tổ chức trực tuyến", "… không rút ngắn còn 2 ngày": a value the sheet rules out, denied). Read with the
   * negators off, less what is read with them on (each kept apart by findings).
   */
  deniedClaims(): Contradiction[] {
    const kept = this.findings().contradictions;
    this.negationOff = true;
    let all: readonly Contradiction[];
    try {
      all = this.findings().contradictions;
    } finally {
      this.negationOff = false;
    }
    return all.filter((c) => !kept.some((k) => k.factId === c.factId && k.field === c.field && k.tokFirst === c.tokFirst));
  }

  /**
   * The venue claims, and with them the places no claim takes (unclaimedPlaces: another province that takes
   * a marker from its scope) and the sentences naming the event (nounSentences). Read before any scope.
   */
  private readPlaces(): PlaceClaim[] {
    const places = this.of('place');
    const placeVerbs = this.of('placeVerb');
    const sitesBySent = bySentence(this.sites());

    // The first place or venue after a place verb, in its clause, is a claimed venue (with the place
    // that qualifies a venue noun: "Trung tâm Hội nghị Quy Nhơn"); elsewhere, another province next
    // to a marker ("Đảng bộ tỉnh Kon Tum") means the marker is about another event.
    const claimedPlaceTokens = new Set<string>();
    const placeClaims: PlaceClaim[] = [];
    // (a verb read across the words of when or how, the object of a move or "ngoài": leadsAcross)
    const verbs: Array<{ v: Located<FactPhrase>; last: number; outside: boolean }> = [
      ...placeVerbs.map((v) => ({ v, last: v.hit.tokLast, outside: false })),
      ...this.leadsAcross(),
    ];
    for (const { v, last, outside } of verbs) {
      // (where the event is watched: "theo dõi phiên khai mạc tại hội trường UBND phường")
      if (this.watched(v.field, v.hit.tokFirst)) continue;
      // (where the writer works: "Em làm ở Pleiku, …")
      if (!outside && this.workplace(v)) continue;
      // (a word pointing back right after the verb names the venue before it: "… đang họp trong đó 🌸 #pleiku" is the venue
      // named before, not the tag after)
      const pointed = outside ? [] : this.venuePointedTo(v, sitesBySent);
      const phrase: Array<Of<'place'> | Of<'venue'>> = [...pointed];
      if (!pointed.length)
        for (const x of sitesBySent.get(v.sent) ?? []) {
          // (the dot after an abbreviation that heads a name ends a clause, not the venue: "tại TP. Hồ Chí Minh")
          if (x.field !== v.field || x.hit.tokFirst <= last || !inClauseAcrossNames(v.field.prepared, last, x.hit.tokFirst)) continue;
          const prev = phrase[phrase.length - 1];
          if (
            !prev
              ? outside
                ? this.placeRightAfter(v.field.prepared, last, x.hit.tokFirst)
                : x.hit.tokFirst <= last + 8
              : prev.hit.spec.data.kind === 'venue' && x.hit.tokFirst <= prev.hit.tokLast + 2
          )
            phrase.push(x);
          else break;
        }
      if (phrase.length) {
        placeClaims.push({ verb: v, phrase, outside });
        for (const p of phrase) claimedPlaceTokens.add(`${p.field.field}:${p.hit.tokFirst}`);
      }
    }
    // "Khách sạn X (ở) Pleiku sẽ là nơi diễn ra Đại hội …": the places and venues shortly before the
    // predicate, in its clause, when the event is named right after it
    const nouns = this.of('eventNoun');
    // — or in apposition, the predicate opening its clause: "… quanh Trung tâm Hội nghị tỉnh, nơi diễn ra Đại hội …"
    // (the sites in the clauses just before it, in its sentence)
    // — or a relative clause whose subject attends or holds the event: "…, nơi 1.602 đại biểu dự Đại hội XIII"
    for (const v of [...this.of('venuePredicate'), ...this.of('venueRelative')]) {
      const tc = v.field.prepared.tokClause;
      const clause = tc[v.hit.tokFirst];
      const apposed = v.hit.tokFirst > 0 && tc[v.hit.tokFirst - 1] !== clause;
      if (
        v.hit.spec.data.kind === 'venueRelative'
          ? !this.relativeToEvent(v)
          : !nouns.some((n) => n.field === v.field && n.hit.tokFirst > v.hit.tokLast && n.hit.tokFirst <= v.hit.tokLast + 2)
      )
        continue;
      const phrase = (sitesBySent.get(v.sent) ?? []).filter(
        (x) =>
          x.field === v.field &&
          x.hit.tokLast < v.hit.tokFirst &&
          x.hit.tokFirst >= v.hit.tokFirst - 8 &&
          (tc[x.hit.tokFirst] === clause || apposed) &&
          !claimedPlaceTokens.has(`${x.field.field}:${x.hit.tokFirst}`),
      );
      if (phrase.length) {
        placeClaims.push({ verb: v, phrase });
        for (const p of phrase) claimedPlaceTokens.add(`${p.field.field}:${p.hit.tokFirst}`);
      }
    }
    // "- Địa điểm: Trung tâm Hội nghị Quốc gia" under a heading naming the event
    for (const v of this.of('venueLabel')) {
      const p = v.field.prepared;
      const t0 = v.hit.tokFirst;
      const next = v.hit.tokLast + 1;
      if ((t0 > 0 && p.tokClause[t0 - 1] === p.tokClause[t0]) || next >= p.count || !gapAfter(p, v.hit.tokLast).includes(':')) continue;
      if (!this.headedByEvent(v)) continue;
      const phrase: Array<Of<'place'> | Of<'venue'>> = [];
      for (const x of sitesBySent.get(v.sent) ?? []) {
        if (x.field !== v.field || x.hit.tokFirst < next || claimedPlaceTokens.has(`${x.field.field}:${x.hit.tokFirst}`)) continue;
        const prev = phrase[phrase.length - 1];
        if (!prev ? x.hit.tokFirst === next : prev.hit.spec.data.kind === 'venue' && x.hit.tokFirst <= prev.hit.tokLast + 2) phrase.push(x);
        else break;
      }
      if (!phrase.length) continue;
      placeClaims.push({ verb: v, phrase, labelled: true });
      for (const x of phrase) claimedPlaceTokens.add(`${x.field.field}:${x.hit.tokFirst}`);
    }
    for (const claim of this.venueLeadClaims(sitesBySent, claimedPlaceTokens)) {
      placeClaims.push(claim);
      for (const p of claim.phrase) claimedPlaceTokens.add(`${p.field.field}:${p.hit.tokFirst}`);
    }
    const unclaimed: Array<Of<'place'>> = [];
    // (another name of a place is read only where a verb claims it)
    for (const p of places)
      if (!claimedPlaceTokens.has(`${p.field.field}:${p.hit.tokFirst}`) && !p.hit.spec.data.alias && !this.routeEnd(p, places)) unclaimed.push(p);
    this.unclaimedPlaces = unclaimed;
    for (const n of this.of('eventNoun')) this.nounSentences.add(n.sent);
    return placeClaims;
  }

  /**
   * The nearest gathering named before `v` in the item (the title's before the text's) is the event: an event noun, not
   * one of otherEventNouns ("Hội nghị …: Địa điểm: …" is that meeting's).
   */
  private headedByEvent(v: Located<FactPhrase>): boolean {
    let nearest: Located<FactPhrase> | null = null;
    for (const kind of ['eventNoun', 'otherEvent'] as const)
      for (const n of this.of(kind)) if (n.g < v.g && (!nearest || n.g > nearest.g) && !(kind === 'eventNoun' && this.namesDocument(n))) nearest = n;
    return !!nearest && nearest.hit.spec.data.kind === 'eventNoun';
  }

  /**
   * A place joined by a dash to a place of an event's own ("tuyến Pleiku – Quy Nhơn") is the end of a route from there,
   * not another province the sentence is about.
   */
  private routeEnd(x: Of<'place'>, places: ReadonlyArray<Of<'place'>>): boolean {
    const t = x.hit.tokFirst - 1;
    if (t < 0 || !dashBetween(x.field.prepared, t)) return false;
    const from = places.find((p) => p.field === x.field && p.hit.tokLast === t);
    return !!from && [...this.checker.scopePlaces.values()].some((own) => own.has(from.hit.spec.data.key));
  }

  /**
   * A relative head ("nơi") whose clause has, within venueRelatives.reach tokens, one of its verbs right before an event
   * noun ("nơi 1.602 đại biểu dự Đại hội XIII"), and none of its stays after it in the clause.
   */
  private relativeToEvent(v: Located<FactPhrase>): boolean {
    const p = v.field.prepared;
    const clause = p.tokClause[v.hit.tokFirst];
    const { relativeVerbs, relativeStays } = this.checker;
    const reach = this.data.venueRelatives.reach;
    // (the head's letters inside a place's name, typed without diacritics: "ra Ha Noi du dai hoi 13" is Hà Nội, not "nơi")
    if (this.sites().some((x) => x.field === v.field && x.hit.tokFirst <= v.hit.tokLast && x.hit.tokLast >= v.hit.tokFirst)) return false;
    const noun = this.of('eventNoun').find(
      (n) =>
        n.field === v.field &&
        n.hit.tokFirst > v.hit.tokLast + 1 &&
        n.hit.tokFirst <= v.hit.tokLast + reach &&
        p.tokClause[n.hit.tokFirst] === clause &&
        relativeVerbs.some((w) => n.hit.tokFirst - w.length > v.hit.tokLast && phraseAt(p, n.hit.tokFirst - w.length, [w]) === w.length),
    );
    if (!noun) return false;
    for (let t = noun.hit.tokLast + 1; t < p.count && p.tokClause[t] === clause; t++) if (phraseAt(p, t, relativeStays)) return false;
    return true;
  }

  /**
   * Place verbs read across words between their verb and their last word (the verb an event verb that heads a place
   * verb, `last` the word the venue follows): the words of when or how ("khai mạc hôm nay tại", "khai mạc trọng thể
   * tại", "khai mạc sáng 26/1 tại") or the object of a move ("chuyển địa điểm tổ chức ra"), at least one of them, each
   * starting within venueTimeReach tokens of the verb, before the rest of a place verb ("khai mạc … tại"); or "ngoài"
   * after such a verb, with or without them ("tổ chức ngoài Thủ đô"): the venue after it denied (`outside`).
   */
  private leadsAcross(): Array<{ v: Located<FactPhrase>; last: number; outside: boolean }> {
    const out: Array<{ v: Located<FactPhrase>; last: number; outside: boolean }> = [];
    const { venueTimeWords, venueObjects, outside, placeVerbForms, placeVerbHeads } = this.checker;
    for (const e of this.of('event')) {
      const head = canon(e.hit.spec.text);
      if (!placeVerbHeads.has(head)) continue;
      const p = e.field.prepared;
      const clause = p.tokClause[e.hit.tokLast];
      let t = e.hit.tokLast + 1;
      while (t < p.count && p.tokClause[t] === clause && t - e.hit.tokLast <= this.data.venueTimeReach) {
        // (a word that ends a place verb after the verb's head is that verb's, though it is a time word too: "dời hẳn vào
        // TP.HCM" is the move's "vào", not a time's)
        if (t > e.hit.tokLast + 1 && placeVerbForms.has(`${head} ${tokenText(p, t)}`)) break;
        if ((p.tokFlags[t] & TOK_DIGITS) !== 0) t++;
        else {
          const n = phraseAt(p, t, venueTimeWords) || phraseAt(p, t, venueObjects);
          if (!n) break;
          t += n;
        }
      }
      if (t >= p.count || p.tokClause[t] !== clause) continue;
      const away = phraseAt(p, t, outside);
      if (away) out.push({ v: e, last: t + away - 1, outside: true });
      else if (t > e.hit.tokLast + 1 && placeVerbForms.has(`${head} ${tokenText(p, t)}`)) out.push({ v: e, last: t, outside: false });
    }
    return out;
  }

  /**
   * The place at token `at` follows "ngoài" (ending at `last`) right after it, or after a qualifier or another name of a
   * place only ("ngoài thành phố Hà Nội", "ngoài Thủ đô Hà Nội"); not after other words ("họp ngoài giờ tại Hà Nội").
   */
  private placeRightAfter(p: PreparedText, last: number, at: number): boolean {
    let t = last + 1;
    while (t < at) {
      const n = phraseAt(p, t, this.checker.qualifiers) || phraseAt(p, t, this.checker.aliasWords);
      if (!n) return false;
      t += n;
    }
    return t === at;
  }

  /** A place verb of `workplaces` right after a worker that opens its clause: where the writer works, no venue. */
  private workplace(v: Located<FactPhrase>): boolean {
    const p = v.field.prepared;
    const t = v.hit.tokFirst - 1;
    if (t < 0 || !this.checker.workplaceWorkers.has(tokenText(p, t))) return false;
    if (t > 0 && p.tokClause[t - 1] === p.tokClause[t]) return false;
    const verb: string[] = [];
    for (let k = v.hit.tokFirst; k <= v.hit.tokLast; k++) verb.push(tokenText(p, k));
    return this.checker.workplaceVerbs.has(verb.join(' '));
  }

  /** A verb of watching ends at most eight tokens before token `tok`, in its clause ("theo dõi truyền hình trực tiếp phiên khai mạc"). */
  private watched(fv: FieldView, tok: number): boolean {
    return this.inWatchReach('watcher', fv, tok).length > 0;
  }

  /** The phrases of `kind` that end within WATCH_REACH tokens before token `tok`, in its clause. */
  private inWatchReach<K extends 'watcher' | 'viewer'>(kind: K, fv: FieldView, tok: number): Array<Of<K>> {
    const clause = fv.prepared.tokClause[tok];
    return this.of(kind).filter(
      (w) => w.field === fv && w.hit.tokLast < tok && w.hit.tokLast >= tok - WATCH_REACH && fv.prepared.tokClause[w.hit.tokLast] === clause,
    );
  }

  /**
   * The venues a lead word names before the event ("tại Hội trường 2-9"): the sites from the one right after the
   * lead up to the event's name, when (a) the lead opens its clause, every clause up to the event's name holds a
   * site, the event's name opens the clause after them and an event verb follows it in the sentence, unnegated
   * ("Sáng 8/10, tại Hội trường 2-9, thành phố Pleiku, Đại hội … đã khai mạc"); or (b) the lead follows the event's
   * name (a marker ends right before it) right after an event verb ("Khai mạc Đại hội Đảng bộ tỉnh tại Hội trường 2-9"), the sites in
   * the lead's clause. The event's name stands as the claim's verb (its scope, its sentence).
   */
  private venueLeadClaims(sitesBySent: Map<number, Array<Of<'place'> | Of<'venue'>>>, claimed: Set<string>): PlaceClaim[] {
    const out: PlaceClaim[] = [];
    const nouns = this.of('eventNoun');
    const events = this.of('event');
    const markers = this.of('marker');
    for (const v of [...this.of('venueLead'), ...this.of('venueLeadAfter')]) {
      const p = v.field.prepared;
      const t0 = v.hit.tokFirst;
      const clause0 = p.tokClause[t0];
      const afterOnly = v.hit.spec.data.kind === 'venueLeadAfter';
      const sites = (sitesBySent.get(v.sent) ?? []).filter(
        (x) => x.field === v.field && x.hit.tokFirst > v.hit.tokLast && !claimed.has(`${x.field.field}:${x.hit.tokFirst}`),
      );
      if (!sites.length || sites[0].hit.tokFirst !== v.hit.tokLast + 1) continue;
      const opens = (t: number) => t === 0 || p.tokClause[t - 1] !== p.tokClause[t];
      if (opens(t0) && !afterOnly) {
        // (a) the lead before the event's name
        const noun = nouns.find((n) => n.field === v.field && n.sent === v.sent && n.hit.tokFirst > sites[0].hit.tokLast && opens(n.hit.tokFirst));
        if (!noun) continue;
        const nounClause = p.tokClause[noun.hit.tokFirst];
        const phrase = sites.filter((x) => x.hit.tokLast < noun.hit.tokFirst);
        let covered = true;
        for (let c = clause0; c < nounClause; c++) if (!phrase.some((x) => p.tokClause[x.hit.tokFirst] === c)) covered = false;
        if (!covered || nounClause - clause0 > 2) continue;
        const verb = events.find(
          (e) => e.field === v.field && e.sent === v.sent && e.hit.tokFirst > noun.hit.tokLast && e.hit.tokFirst <= noun.hit.tokLast + 20,
        );
        if (!verb || this.negated(v.field, verb.hit.tokFirst) || this.watched(v.field, verb.hit.tokFirst)) continue;
        out.push({ verb: noun, phrase });
      } else {
        // (b) the lead after the event's name, right after the event's verb
        if (opens(t0)) continue;
        // (after the event's name: a marker ending right before the lead, or for a lead read only here the bare event noun)
        const rightAfter = (x: Located<FactPhrase>) => x.field === v.field && x.hit.tokLast === t0 - 1;
        if (!markers.some(rightAfter) && !(afterOnly && nouns.some(rightAfter))) continue;
        const before = nouns.filter((n) => n.field === v.field && n.hit.tokFirst < t0 && n.hit.tokFirst >= t0 - 12 && p.tokClause[n.hit.tokFirst] === clause0);
        const noun = before[before.length - 1];
        // (for a lead read only here, not a verb inside a session's name: "xem phiên bế mạc Đại hội tỉnh ở nhà văn hóa
        // huyện" watches it there)
        const verb =
          noun &&
          events.find(
            (e) =>
              e.field === v.field &&
              e.hit.tokLast === noun.hit.tokFirst - 1 &&
              !(afterOnly && nouns.some((n) => n.field === e.field && n.hit.tokFirst < e.hit.tokFirst && n.hit.tokLast >= e.hit.tokLast)),
          );
        if (!noun || !verb || this.watched(v.field, verb.hit.tokFirst) || this.watched(v.field, noun.hit.tokFirst)) continue;
        if (this.negated(v.field, noun.hit.tokFirst - 1)) continue;
        const phrase = sites.filter((x) => p.tokClause[x.hit.tokFirst] === clause0);
        out.push({ verb: noun, phrase });
      }
    }
    return out;
  }

  /**
   * The venue a word right after place verb v points back to ("họp ở đây"): the last site before the verb in
   * its sentence, else in the sentence before it, with the sites that qualify it just before ("Hội trường 2/9 ở
   * Pleiku"); none when no anaphor follows the verb.
   */
  private venuePointedTo(v: Located<FactPhrase>, sitesBySent: Map<number, Array<Of<'place'> | Of<'venue'>>>): Array<Of<'place'> | Of<'venue'>> {
    const p = v.field.prepared;
    if (
      !this.of('venueAnaphor').some(
        (a) => a.field === v.field && a.hit.tokFirst === v.hit.tokLast + 1 && p.tokClause[a.hit.tokFirst] === p.tokClause[v.hit.tokLast],
      )
    )
      return [];
    for (const sent of [v.sent, v.sent - 1]) {
      const before = (sitesBySent.get(sent) ?? []).filter((x) => x.field === v.field && x.hit.tokLast < v.hit.tokFirst);
      if (!before.length) continue;
      const run = [before[before.length - 1]];
      for (let k = before.length - 2; k >= 0 && before[k].hit.tokLast >= run[0].hit.tokFirst - 3; k--) run.unshift(before[k]);
      return run;
    }
    return [];
  }

  /** Places and venue nouns, the longest where they overlap ("Trung tâm Hội nghị tỉnh" over "trung tâm hội nghị"), in order. */
  private sites(): Array<Of<'place'> | Of<'venue'>> {
    return (this.sitesInOrder ??= this.readSites());
  }

  private readSites(): Array<Of<'place'> | Of<'venue'>> {
    // (overlaps are resolved within each field: the title's tokens are not the text's)
    const kept = new Set<PhraseHit<FactPhrase>>();
    for (const fv of this.fields) {
      const venueHits: Array<PhraseHit<FactPhrase>> = [];
      for (const x of this.of('place')) if (x.field === fv) venueHits.push(x.hit);
      for (const x of this.of('venue')) if (x.field === fv) venueHits.push(x.hit);
      for (const h of longestNonOverlapping(venueHits)) kept.add(h);
    }
    const sites: Array<Of<'place'> | Of<'venue'>> = [];
    // (another name of a place before a name is that name's: "thủ đô Viêng Chăn", "Thủ đô Hà Nội")
    for (const x of [...this.of('place'), ...this.of('venue')])
      if (
        kept.has(x.hit) &&
        !(x.hit.spec.data.kind === 'place' && x.hit.spec.data.alias && beforeName(x.field.prepared, x.hit.tokLast)) &&
        !joinedByHyphen(x.field.prepared, x.hit.tokFirst)
      )
        sites.push(x);
    return sites.sort(byPosition);
  }

  /**
   * Verdicts that call the sheet's own value false ("ai bảo Hà Nội là sai bét", "chuyện Đại hội khai mạc ngày
   * 25/1 là không có thật" under a sheet of Hà Nội and 25/1): for each verdict (tokens of a rebuttal's words),
   * the value named nearest before it in its clause, at most `maxGap` tokens away — a claim the checks read (a
   * date, a count, a venue after its verb) or a bare place or venue of the event — and, when that value is the
   * official one, a contradiction of its fact from the value to the verdict (`verdict`: the verdict's index, `valueLast`:
   * the value's last token). A value the sheet rules out ("ai bảo giơ tay là nói bậy") or a denied one ("tin không họp ở Hà Nội là bịa")
   * gives none: the verdict rebuts it. Read before any sentence is suppressed.
   */
  deniedOfficialValues(
    verdicts: ReadonlyArray<{ field: 'title' | 'text'; tokFirst: number; tokLast: number; valueAt?: number }>,
    maxGap: number,
  ): Array<Contradiction & { verdict: number; valueLast: number }> {
    const { contradictions, confirmations } = this.findings();
    const out: Array<Contradiction & { verdict: number; valueLast: number }> = [];
    // (a verdict said before its value: the count right after it, with or without an event marker in the item)
    verdicts.forEach((v, verdict) => {
      const fv = v.valueAt === undefined ? undefined : this.fields.find((f) => f.field === v.field);
      const found = fv && this.countAt(fv, v.valueAt!, contradictions, confirmations);
      if (!fv || !found) return;
      const [s, e] = tokenSpan(fv.prepared, v.valueAt!, found.last);
      out.push({
        factId: found.factId,
        field: v.field,
        tokFirst: v.tokFirst,
        tokLast: found.last,
        note: callsOfficialValueFalseNote(fv.prepared.original.slice(s, e)),
        verdict,
        valueLast: found.last,
        ...(found.byValue ? { byValue: true } : {}),
      });
    });
    // (with no event marker, only the sheet's own count by its number: "con số 1.602 đại biểu là bịa")
    const sites = this.byKind.has('marker') ? this.sites() : [];
    verdicts.forEach((v, verdict) => {
      const fv = v.valueAt === undefined ? this.fields.find((f) => f.field === v.field) : undefined;
      if (!fv) return;
      const p = fv.prepared;
      // (the value may close a quotation right before the verdict: "đáp án 'Trung tâm Hội nghị Quốc tế' là sai bét")
      const quotedBefore = (last: number) => last + 1 === v.tokFirst && QUOTES_ONLY.test(p.folded.slice(p.tokEnd[last], p.tokStart[v.tokFirst]));
      const near = (last: number) =>
        last < v.tokFirst && v.tokFirst - last - 1 <= maxGap && (p.tokClause[last] === p.tokClause[v.tokFirst] || quotedBefore(last));
      // the new forms of the hundred-and-twentieth pass (a quoted value, a bare date) only where the item asserts another
      // value of the same fact elsewhere (a contradiction outside the value): the writer sets its own value against the sheet's
      const assertedElsewhere = (factId: string, first: number) =>
        contradictions.some((c) => c.factId === factId && (c.field !== v.field || c.tokLast < first || c.tokFirst > v.tokLast));
      // the claims the checks read decide by their own reading (a denied official venue contradicts the sheet)
      let value: { first: number; last: number; factId: string | null } | null = null;
      for (const c of contradictions)
        if (c.field === v.field && near(c.tokLast) && (!value || c.tokLast > value.last)) value = { first: c.tokFirst, last: c.tokLast, factId: null };
      // (a bound that agrees with the sheet, "hơn 60 người" of 70, is not its value: the verdict rebuts it)
      for (const c of confirmations)
        if (c.field === v.field && near(c.tokLast) && (!value || c.tokLast > value.last))
          value = { first: c.tokFirst, last: c.tokLast, factId: this.justBefore('approx', fv, c.tokFirst) ? null : c.factId };
      // else a bare place or venue of the event ("ai bảo Hà Nội là sai"), nearer than any claim
      // (a place inside the event's name, "Đại hội Đảng bộ tỉnh Gia Lai", is no value of it)
      for (const x of sites) {
        if (x.field !== fv || !near(x.hit.tokLast) || (value && x.hit.tokLast <= value.last) || this.inMarker(x)) continue;
        let factId: string | null = null;
        let isValue = false;
        for (const { f } of this.factsIn(this.scopeAt(x.g, x.sent, clauseOf(fv, x.hit.tokFirst)), x.sent))
          for (const check of f.checks) {
            if (check.kind !== 'place') continue;
            isValue = true;
            if (!this.negated(fv, x.hit.tokFirst) && this.namesOfficial(fv, x, this.checker.officialPlaces.get(check)!, x.hit.spec.data.kind === 'venue'))
              factId = f.id;
          }
        if (isValue) value = { first: x.hit.tokFirst, last: x.hit.tokLast, factId };
      }
      if (value?.factId && quotedBefore(value.last) && p.tokClause[value.last] !== p.tokClause[v.tokFirst] && !assertedElsewhere(value.factId, value.first))
        return;
      // else a bare day that is exactly the first or last of the event's official days, where the item dates the event
      // otherwise ("Vậy là đại hội bắt đầu từ 20/10 nha, ai nói 22/10 là sai" under a sheet of 22–23/10)
      if (!value)
        for (const m of this.datesIn(fv)) {
          if (m.dates.length !== 1 || !near(m.tokLast)) continue;
          for (const c of contradictions) {
            if (c.field !== v.field && c.field !== fv.field) continue;
            const check = this.data.facts.find((f) => f.id === c.factId)?.checks.find((k) => k.kind === 'dates');
            if (check?.kind === 'dates' && (sameDay(m.dates[0], check.start) || sameDay(m.dates[0], check.end)) && assertedElsewhere(c.factId, m.tokFirst))
              value = { first: m.tokFirst, last: m.tokLast, factId: c.factId };
          }
        }
      // else the sheet's own count by its number, its unit right before the verdict ("chắc chắn con số 1.602 đại biểu là
      // bịa, thực tế chưa tới 1.000 người" under a sheet of 1.602; study117's Z, the hundred-and-twenty-eighth pass, c113-048)
      if (!value)
        for (const num of this.numbersIn(fv)) {
          if (num.tokLast >= v.tokFirst) continue;
          const found = this.countAt(fv, num.tokFirst, contradictions, confirmations);
          if (found?.byValue && near(found.last) && (!value || found.last > value.last))
            value = { first: num.tokFirst, last: found.last, factId: found.factId };
        }
      // else a bare number right before the verdict that is exactly a count of the sheet, where the item asserts another
      // value of that count elsewhere ("ĐH tỉnh có 350 đại biểu thôi nha … ai nói 342 là sai bét" under a sheet of 342; the
      // hundred-and-forty-fourth pass, study122's Z, c125-037): the writer sets its own count against the sheet's, as the
      // bare day above
      if (!value)
        for (const num of this.numbersIn(fv)) {
          if (num.words || num.tokLast >= v.tokFirst || p.tokClause[num.tokLast] !== p.tokClause[v.tokFirst] || isPercentage(p, num.tokLast)) continue;
          // (its unit may come between: "ai nói 342 người là sai")
          const unit = this.of('unit').find((u) => u.field === fv && u.hit.tokFirst === num.tokLast + 1);
          const last = unit ? unit.hit.tokLast : num.tokLast;
          // (or the verdict overlaps one that starts right after it: "26 là sai nha" — "là sai" and "sai nha" are one verdict)
          const verdictAfter = last + 1 === v.tokFirst || verdicts.some((o) => o.field === v.field && o.tokFirst === last + 1 && o.tokLast >= v.tokFirst);
          if (!verdictAfter) continue;
          for (const c of contradictions) {
            const fact = this.data.facts.find((f) => f.id === c.factId);
            // (or, with no unit, the bare day of the month the event officially opens or closes on, where the item dates
            // it otherwise: "ĐH 13 khai mạc 20/1 rồi, ai bảo 26 là sai nha" under a sheet of 26/1–1/2; the hundred-and-
            // fiftieth pass, study123's Z, c130-005)
            const isDay = (iso: string) => Number(iso.split('-')[2]) === num.value;
            const ofFact = fact?.checks.some(
              (k) => (k.kind === 'number' && k.value === num.value) || (!unit && k.kind === 'dates' && (isDay(k.start) || isDay(k.end))),
            );
            if (ofFact && assertedElsewhere(c.factId, num.tokFirst)) value = { first: num.tokFirst, last, factId: c.factId };
          }
        }
      if (!value?.factId) return;
      const [s, e] = tokenSpan(p, value.first, value.last);
      out.push({
        factId: value.factId,
        field: v.field,
        tokFirst: value.first,
        tokLast: v.tokLast,
        note: callsOfficialValueFalseNote(p.original.slice(s, e)),
        verdict,
        valueLast: value.last,
      });
    });
    return out;
  }

  /** Whether the count `num` follows one of partLeads with another count before it in its sentence (the whole it is part of). */
  private partOfStatedWhole(p: PreparedText, num: NumberMention, numbers: readonly NumberMention[]): boolean {
    const { partLeads: leads, partListStops: stops } = this.checker;
    if (!leads.length) return false;
    const sent = p.tokSent[num.tokFirst];
    // (the lead right before the count, or before the list the count goes on: "trong đó có 1 đại biểu nữ và 2 đại biểu
    // người dân tộc, 1 đại biểu công tác trong ngành y tế" — no semicolon nor a stop word, "gồm", between)
    for (let t = num.tokFirst - 1; t >= 0 && p.tokSent[t] === sent; t--) {
      if (p.folded.slice(p.tokEnd[t], p.tokStart[t + 1]).includes(';')) return false;
      const n = leads.find((w) => wordsAt(p, t - w.length + 1, w));
      if (n) {
        const first = t - n.length + 1;
        return numbers.some((m) => m.tokLast < first && p.tokSent[m.tokFirst] === sent);
      }
      if (stops.has(p.tokText[t])) return false;
    }
    return false;
  }

  /**
   * The contradictions a reply cites against the sheet's value it gives (repliedByValue): a clause opened by a negation
   * ("không đúng đâu", "không phải") with the contradiction in it or before it in its sentence, or an asker's span
   * ("ông nào bảo … thì") with the contradiction inside, or another outlet's version reported ("Một số trang mạng ghi
   * …") with the contradiction after it — each only where a confirmation of the same fact stands after the opener and
   * outside the opener's clause (after the asker's "thì"; in a later sentence than the outlet's): the item states the
   * sheet's value itself.
   * Pure: reads the fields and the findings given.
   */
  repliedByValue(contradictions: readonly Contradiction[], confirmations: readonly Confirmation[]): Set<Contradiction> {
    const out = new Set<Contradiction>();
    if (!contradictions.length) return out;
    const { negations, predicateLeads, askers, then, reporters, sourceQuestions } = this.checker.repliedByValue;
    const order = (field: string, tok: number) => (field === this.fields[0].field ? 0 : 1e6) + tok;
    for (const c of contradictions) {
      const fv = this.fields.find((f) => f.field === c.field);
      if (!fv) continue;
      const p = fv.prepared;
      const sent = p.tokSent[c.tokFirst];
      let t = sentenceStart(p, c.tokFirst);
      // [the opener's first token, the first token a confirmation may stand at, the clause it may not stand in]
      let found: { from: number; clause: number } | null = null;
      for (; t < p.count && p.tokSent[t] === sent && !found; t++) {
        // (another outlet's version reported, "Một số trang mạng ghi …": the sheet's value in a later sentence)
        const r = phraseAt(p, t, reporters);
        if (r && c.tokFirst >= t + r) {
          let next = t + r;
          while (next < p.count && p.tokSent[next] === sent) next++;
          found = { from: next, clause: -1 };
          continue;
        }
        const opensClause = t === 0 || p.tokClause[t - 1] !== p.tokClause[t] || phraseEndsBefore(p, t, predicateLeads);
        if (!opensClause) continue;
        const n = phraseAt(p, t, negations) || phraseAt(p, t, sourceQuestions);
        if (n) {
          // (the cited value in the negation's clause or before it)
          if (c.tokFirst < t || p.tokClause[c.tokFirst] === p.tokClause[t]) found = { from: t + n, clause: p.tokClause[t] };
          continue;
        }
        const a = phraseAt(p, t, askers);
        if (!a || c.tokFirst < t + a) continue;
        let u = t + a;
        while (u < p.count && p.tokSent[u] === sent && !phraseAt(p, u, then)) u++;
        if (u < p.count && p.tokSent[u] === sent && u > c.tokLast) found = { from: u + 1, clause: -1 };
      }
      if (!found) continue;
      const from = order(c.field, found.from);
      const clause = found.clause;
      const outside = (field: FieldView, tok: number) => order(field.field, tok) >= from && !(field === fv && p.tokClause[tok] === clause);
      const agrees = confirmations.some(
        (k) => k.factId === c.factId && outside(k.field === fv.field ? fv : this.fields.find((f) => f.field === k.field)!, k.tokFirst),
      );
      if (agrees || this.statesSheetCount(c.factId, outside)) out.add(c);
    }
    return out;
  }

  /**
   * Whether the item states the sheet's exact count of fact `factId` where `at` allows: a number equal to one of its
   * number checks' values with that check's unit right after it ("Con số chính thức … là 1.602 đại biểu" — read by its
   * value, as countAt reads the sheet's own count, where no context names the fact in its sentence).
   */
  private statesSheetCount(factId: string, at: (fv: FieldView, tok: number) => boolean): boolean {
    const i = this.data.facts.findIndex((f) => f.id === factId);
    if (i < 0) return false;
    const fact = this.data.facts[i];
    for (const fv of this.fields)
      for (const num of this.numbersIn(fv)) {
        if (num.words || !at(fv, num.tokFirst)) continue;
        const ok = fact.checks.some(
          (check, c) =>
            check.kind === 'number' &&
            check.value === num.value &&
            this.of('unit').some((u) => u.field === fv && u.hit.tokFirst === num.tokLast + 1 && u.hit.spec.data.fact === i && u.hit.spec.data.check === c),
        );
        if (ok) return true;
      }
    return false;
  }

  /**
   * The sheet's own counts denied by a frame around them (countDenials: "có 1602 đại biểu đâu", "làm gì có 1.587 đại
   * biểu"): a contradiction of the count's fact each, from the frame to the count (`byValue` where no context named it).
   */
  deniedCounts(): Contradiction[] {
    if (!this.byKind.has('unit')) return [];
    const { before, open, close, asked } = this.checker.countDenials;
    let findings: FactFindings | null = null;
    const out: Contradiction[] = [];
    for (const fv of this.fields) {
      const p = fv.prepared;
      // (the frame ends right before the count, in its clause)
      const frameAt = (words: string[], at: number) =>
        at >= 0 && phraseAt(p, at, [words]) === words.length && p.tokClause[at + words.length] === p.tokClause[at];
      for (const num of this.numbersIn(fv)) {
        const from = num.tokFirst;
        const pre = before.find((w) => frameAt(w, from - w.length));
        const opened = pre ? undefined : open.find((w) => frameAt(w, from - w.length));
        // (or a question opening its sentence that asks who says it: "Ai nói Đại hội XIII có 1.594 đại biểu?")
        const asking = pre ? null : this.askedAbout(p, from, asked);
        if (!pre && !opened && !asking) continue;
        findings ??= this.findings();
        const found = this.countAt(fv, from, findings.contradictions, findings.confirmations);
        if (!found) continue;
        // (the open frame closes right after the count: "có 1602 đại biểu đâu"; "có 1602 đại biểu" states it)
        const closed = !!opened && phraseAt(p, found.last + 1, close) > 0;
        const question = !pre && !closed && asking && endsWithQuestion(p, found.last) ? asking : null;
        if (!pre && !closed && !question) continue;
        const [s, e] = tokenSpan(p, from, found.last);
        out.push({
          factId: found.factId,
          field: fv.field,
          tokFirst: question ? question.at : from - (pre ?? opened)!.length,
          tokLast: found.last,
          note: `denies the official value ${p.original.slice(s, e)}`,
          ...(found.byValue ? { byValue: true } : {}),
        });
      }
    }
    return out;
  }

  /** The opener of a question asking who says the count at `at`, at the head of its sentence ("Ai nói …", "Ai bảo …"). */
  private askedAbout(p: PreparedText, at: number, asked: string[][]): { at: number } | null {
    const first = sentenceStart(p, at);
    return asked.some((w) => phraseAt(p, first, [w]) === w.length && first + w.length <= at) ? { at: first } : null;
  }

  /**
   * The sheet's own count at token `at` (a verdict said before it judges it: "Đừng tin con số 1.612 đại biểu"): a
   * count the checks read there that agrees with the sheet (its fact), none where they read a wrong one (the verdict
   * rebuts it); else a number there that is exactly the value of one fact's count (of the facts of its scope, or any
   * where no marker scopes it), with that count's unit after it or ending its clause ("đừng tin con số 1.592!"): that fact,
   * `byValue` (no context named it). Null when the value is no official count.
   */
  private countAt(
    fv: FieldView,
    at: number,
    contradictions: readonly Contradiction[],
    confirmations: readonly Confirmation[],
  ): { factId: string; last: number; byValue: boolean } | null {
    if (contradictions.some((c) => c.field === fv.field && c.tokFirst === at)) return null;
    const agreeing = confirmations.find((c) => c.field === fv.field && c.tokFirst === at);
    if (agreeing) return { factId: agreeing.factId, last: agreeing.tokLast, byValue: false };
    const p = fv.prepared;
    const num = this.numbersIn(fv).find((n) => n.tokFirst === at);
    if (!num || num.words || p.tokClause[num.tokLast] !== p.tokClause[at] || isPercentage(p, num.tokLast)) return null;
    const units = this.of('unit').filter((u) => u.field === fv && u.hit.tokFirst === num.tokLast + 1);
    const scope = this.byKind.has('marker') ? this.scopeAt(this.base.get(fv)! + at, this.sentBase.get(fv)! + p.tokSent[at], clauseOf(fv, at)) : null;
    const facts = scope ? this.factsIn(scope, this.sentBase.get(fv)! + p.tokSent[at]) : this.data.facts.map((f, i) => ({ f, i }));
    const named = new Set<number>();
    let last = num.tokLast;
    const printedAfter = phraseAt(p, num.tokLast + 1, this.checker.countPrintedAt) > 0;
    for (const { f, i } of facts)
      f.checks.forEach((check, c) => {
        if (check.kind !== 'number' || check.value !== num.value) return;
        const unit = units.find((u) => u.hit.spec.data.fact === i && u.hit.spec.data.check === c);
        // (with no unit of the count after it, the number ends its clause: "đừng tin 350 triệu" counts money — or the
        // place it was printed follows, "đừng tin con số 320 trên báo": the hundred-and-fiftieth pass, study123's Z)
        if (!unit && num.tokLast + 1 < p.count && p.tokClause[num.tokLast + 1] === p.tokClause[num.tokLast] && !printedAfter) return;
        named.add(i);
        if (unit) last = Math.max(last, unit.hit.tokLast);
      });
    if (named.size !== 1) return null;
    return { factId: this.data.facts[[...named][0]].id, last, byValue: true };
  }

  /** The place is part of the event's own name: inside a longer marker, or its scope's place right after one ("Đảng bộ tỉnh Gia Lai"). */
  private inMarker(x: Of<'place'> | Of<'venue'>): boolean {
    return this.of('marker').some(
      (m) =>
        m.field === x.field &&
        ((m.hit.tokFirst <= x.hit.tokFirst && x.hit.tokLast <= m.hit.tokLast && m.hit.tokLast - m.hit.tokFirst > x.hit.tokLast - x.hit.tokFirst) ||
          (x.hit.tokFirst === m.hit.tokLast + 1 && !!this.checker.scopePlaces.get(m.hit.spec.data.scope)?.has(x.hit.spec.data.key))),
    );
  }

  /** The place or venue names one of the official places (a venue noun may name it short: "Trung tâm Hội nghị" for "… tỉnh"). */
  private namesOfficial(fv: FieldView, x: Of<'place'> | Of<'venue'>, official: string[], mayShorten: boolean): boolean {
    const key = x.hit.spec.data.key;
    for (const o of official)
      if (
        o === key ||
        o.endsWith(` ${key}`) ||
        key.endsWith(` ${o}`) ||
        (mayShorten &&
          (this.checker.namesShort(fv.prepared, x.hit.tokFirst, x.hit.tokLast, o) ||
            this.checker.namesBuilding(fv.prepared, x.hit.tokFirst, x.hit.tokLast, o, official)))
      )
        return true;
    return false;
  }

  /** 1. Claims the official statement rules out (overlapping terms of one fact count once). */
  private claims(): void {
    // a term of another event's fact ("họp online" of the national venue) does not hide a shorter or
    // equal term of this event's ("online 100%" of the provincial format): overlaps are resolved
    // among the terms of the facts the claim's event has
    const claims = this.of('claim').filter((c) =>
      this.factsIn(this.scopeAt(c.g, c.sent, clauseOf(c.field, c.hit.tokFirst)), c.sent).some((x) => x.i === c.hit.spec.data.fact),
    );
    // (within each field: the title's tokens are not the text's)
    const claimHits = new Set<PhraseHit<FactPhrase>>();
    for (const fv of this.fields) {
      const claimList: Array<PhraseHit<Extract<FactPhrase, { kind: 'claim' }>>> = [];
      for (const c of claims) if (c.field === fv) claimList.push(c.hit);
      for (const h of longestNonOverlapping(claimList)) claimHits.add(h);
    }
    for (const c of claims) {
      if (!claimHits.has(c.hit)) continue;
      const { fact } = c.hit.spec.data;
      if (isSuppressed(c.field, c.hit.tokFirst) || this.negated(c.field, c.hit.tokFirst) || !(this.namesEvent(c.sent) || this.afterElectedBody(c))) continue;
      if (this.negatedOverAny(c)) continue;
      if (this.anotherEventOwns(c.field, c.hit.tokFirst, 'claim') || this.watchedClaim(c) || this.conceded(c) || this.announcedInFront(c)) continue;
      if (this.nameTail(c)) continue;
      if (this.congressAsCause(c) || this.studiedDocument(c)) continue;
      const check = this.data.facts[fact].checks[c.hit.spec.data.check];
      const note = check.kind === 'claims' && check.note ? check.note : `claims "${c.hit.spec.text}"`;
      this.add(fact, c.field, c.hit.tokFirst, c.hit.tokLast, note);
    }
  }

  /**
   * A claim term after a body only the congress elects and a verb of electing, in its sentence, of the term's own check
   * ("Ban Chấp hành Trung ương được bầu bằng hình thức biểu quyết giơ tay"): the congress's election, named or not; not
   * in a question.
   */
  private afterElectedBody(c: Located<FactPhrase>): boolean {
    // (asked, not said: "Bầu Ban Chấp hành Trung ương có 'giơ tay biểu quyết' không?")
    if (endsWithQuestion(c.field.prepared, c.hit.tokLast)) return false;
    const before = (kind: 'electedBody' | 'electVerb') => this.of(kind).some((x) => sameCheck(x, c) && x.sent === c.sent && x.hit.tokLast < c.hit.tokFirst);
    return before('electedBody') && before('electVerb');
  }

  /**
   * The congress named in the claim's sentence only after it, behind one of the check's `causes` in the event noun's
   * clause: what another event was moved for ("Thi thử … bị dời một tuần vì … dự Đại hội tỉnh").
   */
  private congressAsCause(c: Located<FactPhrase>): boolean {
    const fv = c.field;
    const p = fv.prepared;
    const nouns = this.of('eventNoun').filter((n) => n.field === fv && n.sent === c.sent);
    if (nouns.some((n) => n.hit.tokFirst < c.hit.tokFirst)) return false;
    const next = nouns.find((n) => n.hit.tokFirst > c.hit.tokLast);
    if (!next) return false;
    return this.of('claimCause').some(
      (x) =>
        sameCheck(x, c) &&
        x.field === fv &&
        x.hit.tokFirst > c.hit.tokLast &&
        x.hit.tokLast < next.hit.tokFirst &&
        p.tokClause[x.hit.tokFirst] === p.tokClause[next.hit.tokFirst],
    );
  }

  /**
   * The last congress named before the claim in its clause is a document's, studied: "<study verb> <document> <congress>"
   * ("quán triệt Nghị quyết Đại hội XIII theo hình thức trực tuyến").
   */
  private studiedDocument(c: Located<FactPhrase>): boolean {
    const fv = c.field;
    const tc = fv.prepared.tokClause;
    let last: Located<FactPhrase> | null = null;
    for (const n of this.of('eventNoun'))
      if (n.field === fv && n.hit.tokLast < c.hit.tokFirst && tc[n.hit.tokLast] === tc[c.hit.tokFirst] && (!last || n.hit.tokLast > last.hit.tokLast)) last = n;
    if (!last) return false;
    const doc = this.of('eventDocument').find((d) => d.field === fv && d.hit.tokLast === last.hit.tokFirst - 1);
    return !!doc && this.of('documentStudy').some((v) => v.field === fv && v.hit.tokLast === doc.hit.tokFirst - 1);
  }

  /** 2. Venue claims. */
  private venues(placeClaims: PlaceClaim[]): void {
    for (const { verb, phrase, outside, labelled } of placeClaims) {
      const fv = verb.field;
      if (isSuppressed(fv, verb.hit.tokFirst) || !(labelled || this.namesEvent(verb.sent))) continue;
      // (another event's place: "Triển lãm ảnh … khai mạc tại Pleiku, chào mừng Đại hội …")
      if (this.anotherEventOwns(fv, verb.hit.tokFirst, 'venue') || this.ownedObject(fv, verb.hit.tokFirst, verb.hit.tokLast, 'venue')) continue;
      const scope = this.scopeAt(verb.g, verb.sent, clauseOf(fv, verb.hit.tokFirst));
      // (outside the place, "tổ chức ngoài Thủ đô", denies it as a negator does; "không tổ chức ngoài Hà Nội" claims it)
      const isNegated = this.negated(fv, verb.hit.tokFirst) !== !!outside;
      const last = phrase[phrase.length - 1].hit.tokLast;
      const [s, e] = tokenSpan(fv.prepared, phrase[0].hit.tokFirst, last);
      const name = fv.prepared.original.slice(s, e);
      // the claim's span runs from the verb to the venue, or from the venue to a predicate after it
      const first = Math.min(verb.hit.tokFirst, phrase[0].hit.tokFirst);
      const end = Math.max(verb.hit.tokLast, last);
      for (const { f, i } of this.factsIn(scope, verb.sent)) {
        for (const check of f.checks) {
          if (check.kind !== 'place') continue;
          const official = this.checker.officialPlaces.get(check)!;
          let isOfficial = false;
          // a venue noun may name the official venue short, unless a place qualifies it ("Trung tâm Hội nghị Quy Nhơn")
          const shortened = phrase[phrase.length - 1].hit.spec.data.kind === 'venue' ? phrase[phrase.length - 1] : null;
          for (const p of phrase) if (this.namesOfficial(fv, p, official, p === shortened)) isOfficial = true;
          // (a generic hall, "hội trường lớn nơi tổ chức Đại hội", in a sentence that names only the official place: that place's hall)
          if (!isOfficial && !isNegated && this.hallOfOfficial(fv, verb.sent, phrase, official)) continue;
          if (!isOfficial && !isNegated) this.add(i, fv, first, end, `claims the venue is ${name}`);
          if (isOfficial && isNegated) this.add(i, fv, first, end, `denies the official venue ${name}`);
          if (isOfficial && !isNegated) this.agree(i, fv, first, end);
        }
      }
    }
  }

  /**
   * The venue is a venue noun alone (no name after it: "hội trường lớn", "hội trường"), and its sentence names the
   * official place outside the event's own name and no other place or venue: the hall of that place ("tại Trường Chính
   * trị tỉnh ở An Khê, … hội trường lớn nơi tổ chức Đại hội"). A sentence that names another place keeps the claim ("chuyển
   * về hội trường lớn tại TP. Pleiku").
   */
  private hallOfOfficial(fv: FieldView, sent: number, phrase: Array<Of<'place'> | Of<'venue'>>, official: string[]): boolean {
    if (phrase.length !== 1 || phrase[0].hit.spec.data.kind !== 'venue') return false;
    const hall = phrase[0];
    const p = fv.prepared;
    const next = hall.hit.tokLast + 1;
    if (next < p.count && p.tokClause[next] === p.tokClause[hall.hit.tokLast]) {
      const [s0, e0] = tokenSpan(p, next, next);
      const w = p.original.slice(s0, e0);
      if (w[0] !== w[0].toLowerCase()) return false;
    }
    let named = false;
    const sites: Array<Of<'place'> | Of<'venue'>> = [...this.of('place'), ...this.of('venue')];
    for (const x of sites) {
      if (x.field !== fv || x.sent !== sent || x.hit === hall.hit || this.inMarker(x)) continue;
      if (this.negated(fv, x.hit.tokFirst) || !this.namesOfficial(fv, x, official, x.hit.spec.data.kind === 'venue')) return false;
      named = true;
    }
    return named;
  }

  /** A claim term of `watchedTerms` after a watcher in its clause ("theo dõi Đại hội XIII qua màn hình"). */
  private watchedClaim(c: Located<FactPhrase>): boolean {
    const term = canon(c.hit.spec.text);
    if (this.checker.watchedTerms.has(term) && this.watched(c.field, c.hit.tokFirst)) return true;
    return this.checker.viewedTerms.has(term) && this.viewed(c.field, c.hit.tokFirst);
  }

  /**
   * A viewer (viewedTerms.viewers) before token `tok` within the watchers' reach in its clause, no act (viewedTerms.acts)
   * between them: "xem khai mạc ĐH 13 qua điện thoại" is how the viewer watched.
   */
  private viewed(fv: FieldView, tok: number): boolean {
    const acts = this.of('viewAct');
    return this.inWatchReach('viewer', fv, tok).some((w) => !acts.some((a) => a.field === fv && a.hit.tokFirst > w.hit.tokLast && a.hit.tokLast < tok));
  }

  /**
   * The claim conceded to another use (`concessions`): a limit right after it ("giơ tay chỉ áp dụng cho …"), or a contrast
   * later in its sentence and then a kept value, no negator between them ("… bằng giơ tay, nhưng bầu nhân sự luôn là
   * phiếu kín").
   */
  private conceded(c: Located<FactPhrase>): boolean {
    const fv = c.field;
    if (this.of('concedeLimit').some((h) => h.field === fv && h.hit.tokFirst === c.hit.tokLast + 1)) return true;
    const sent = fv.prepared.tokSent[c.hit.tokFirst];
    for (const k of this.of('concedeContrast')) {
      if (k.field !== fv || k.hit.tokFirst <= c.hit.tokLast || fv.prepared.tokSent[k.hit.tokFirst] !== sent) continue;
      for (const v of this.of('concedeKept')) {
        if (v.field !== fv || v.hit.tokFirst <= k.hit.tokLast || fv.prepared.tokSent[v.hit.tokFirst] !== sent) continue;
        if (!this.of('negator').some((n) => n.field === fv && n.hit.tokFirst > k.hit.tokLast && n.hit.tokLast < v.hit.tokFirst)) return true;
      }
    }
    return false;
  }

  /**
   * The claim is a verb of announcing with "trước" before the announcement's audience, results its subject: "kết
   * quả … được công bố trước (toàn thể) Đại hội" says in front of whom (see announcedBefore in the facts file).
   */
  private announcedInFront(c: Located<FactPhrase>): boolean {
    const fv = c.field;
    const p = fv.prepared;
    const last = c.hit.tokLast;
    if (tokenText(p, last) !== this.checker.inFrontOf) return false;
    const at = (x: Located<FactPhrase>) => x.field === fv && p.tokSent[x.hit.tokFirst] === p.tokSent[last];
    if (!this.of('announceVerb').some((v) => at(v) && v.hit.tokLast === last - 1)) return false;
    const audience = this.of('audience').find((a) => at(a) && a.hit.tokFirst === last + 1);
    if (!audience) return false;
    const subjects = this.of('announceSubject').filter((x) => at(x) && x.hit.tokLast < c.hit.tokFirst && x.hit.tokLast >= c.hit.tokFirst - 12);
    if (!subjects.length) return false;
    const from = subjects[subjects.length - 1].hit.tokLast;
    return !this.of('settled').some((x) => at(x) && x.hit.tokFirst > from && x.hit.tokFirst <= audience.hit.tokLast + 2);
  }

  /** "Trung tâm Hội nghị" is a place, not a gathering. */
  private inPlaceName(n: Located<FactPhrase>): boolean {
    for (const p of this.of('place')) if (p.field === n.field && p.hit.tokFirst <= n.hit.tokLast && n.hit.tokFirst <= p.hit.tokLast) return true;
    return false;
  }

  /** The event verb is inside a body's name ("Ban Tổ chức"). */
  private insideBody(e: Of<'event'>): boolean {
    return this.of('verbBody').some((b) => b.field === e.field && b.hit.tokFirst <= e.hit.tokFirst && b.hit.tokLast >= e.hit.tokLast);
  }

  /**
   * The date opens its sentence, the verb after it, and a rehearsal stands between the last congress named before the
   * verb and the verb, in the verb's clause ("Chiều 19/10, Ban Tổ chức Đại hội đã tổng duyệt … phiên khai mạc").
   */
  private rehearsedBetween(fv: FieldView, mention: DateMention, e: Of<'event'>, subjects: ReadonlyArray<Of<'eventNoun'>>): boolean {
    const p = fv.prepared;
    if (e.hit.tokFirst <= mention.tokLast || mention.tokFirst - sentenceStart(p, mention.tokFirst) > 2) return false;
    let from = mention.tokLast;
    for (const n of subjects) if (n.hit.tokLast < e.hit.tokFirst && n.hit.tokLast > from) from = n.hit.tokLast;
    return this.of('rehearsal').some(
      (r) => r.field === fv && r.hit.tokFirst > from && r.hit.tokLast < e.hit.tokFirst && p.tokClause[r.hit.tokFirst] === p.tokClause[e.hit.tokFirst],
    );
  }

  /**
   * The event verb names the opening ("khai mạc") and the date is its own: before it, or after it in its clause (in a
   * list, "8/10 khai mạc, 9/10 thảo luận …", the date after the comma is the next entry's).
   */
  private opensOn(e: Of<'event'>, m: DateMention): boolean {
    const p = e.field.prepared;
    if (m.tokFirst > e.hit.tokLast && p.tokClause[m.tokFirst] !== p.tokClause[e.hit.tokLast]) return false;
    if (m.tokFirst > e.hit.tokLast && this.endsRange(e.field, m.tokFirst)) return false;
    return this.of('opening').some((o) => o.field === e.field && o.hit.tokFirst === e.hit.tokFirst && o.hit.tokLast === e.hit.tokLast);
  }

  /** One of `partActs` follows the event verb in its clause, at most one word between ("tiến hành bầu", "tiến hành bỏ phiếu"). */
  private givenToPart(e: Of<'event'>): boolean {
    const tc = e.field.prepared.tokClause;
    return this.of('partAct').some(
      (a) => a.field === e.field && a.hit.tokFirst > e.hit.tokLast && a.hit.tokFirst - e.hit.tokLast <= 2 && tc[a.hit.tokFirst] === tc[e.hit.tokLast],
    );
  }

  /** The day is the start or within the check's `openingWithin` days after it. */
  private openingDay(d: DayDate, check: { start: string; openingWithin: number }): boolean {
    let day = check.start;
    for (let k = 0; k <= check.openingWithin; k++, day = dayShifted(day, 1)) if (sameDay(d, day)) return true;
    return false;
  }

  /**
   * Whose event is the fact at `tok` about (one mechanism for the claim, venue, date and count checks): the nearest
   * holder named before it in its sentence — an event noun not naming a document, another gathering (`otherEventNouns`),
   * an activity held for the congress (`celebrants`) or a facility of it (`facilities`), none inside a place's name; for a
   * claim also an activity with a format of its own right before it (`formatHolders`: "cuộc thi trực tuyến") or a shop
   * within its reach in the claim's clause (`shopHolders`: "tiệm bánh online"). Another event's when that holder owns
   * facts of the check (OWNERS: another gathering owns a claim, "hội nghị trực tuyến", but not a date, "Đại hội XIII: lễ
   * khai mạc diễn ra 25/1"), or when it is the congress's noun named as a facility's ("Trung tâm báo chí (phục vụ) Đại
   * hội"), or the congress as the object of a purpose after an activity with the fact in a later clause ("chương trình
   * nghệ thuật chào mừng Đại hội …, diễn ra tối 19/10"); "… chào mừng Đại hội … diễn ra từ 20 đến 22/10" in one clause is
   * the congress's.
   */
  private anotherEventOwns(fv: FieldView, tok: number, use: FactUse): boolean {
    const p = fv.prepared;
    const sent = p.tokSent[tok];
    const tc = p.tokClause;
    const owners = OWNERS[use];
    let nearest: Located<FactPhrase> | null = null;
    const nearer = (n: Located<FactPhrase>) =>
      n.field === fv && n.hit.tokLast < tok && p.tokSent[n.hit.tokFirst] === sent && (!nearest || n.hit.tokLast > nearest.hit.tokLast);
    for (const kind of HOLDERS)
      for (const n of this.of(kind)) if (nearer(n) && !(kind === 'eventNoun' ? this.namesDocument(n) : this.inPlaceName(n))) nearest = n;
    if (use === 'claim') {
      // (a format holder right before the claim, a shop and its goods within reach, in the claim's clause)
      for (const n of this.of('formatHolder')) if (n.hit.tokLast === tok - 1 && tc[n.hit.tokLast] === tc[tok] && nearer(n)) nearest = n;
      const reach = this.data.shopHolders.reach;
      for (const n of this.of('shop')) if (tok - n.hit.tokLast - 1 <= reach && tc[n.hit.tokLast] === tc[tok] && nearer(n)) nearest = n;
    }
    if (!nearest) return false;
    const kind = nearest.hit.spec.data.kind;
    if (kind !== 'eventNoun') return owners.has(kind);
    const n = nearest;
    // (the congress's noun as a facility's name, "Trung tâm báo chí (phục vụ) Đại hội XIII": the facility's)
    if (this.facilityOf(n)) return true;
    const purpose = this.purposeBefore(n);
    if (!purpose) return false;
    // (the fact in a later clause than the congress, or the activity, its purpose and the fact in one clause: the activity
    // is the subject, "Tối 19/10, chương trình nghệ thuật chào mừng Đại hội … diễn ra tại …")
    const later = tc[tok] !== tc[n.hit.tokLast];
    return this.of('celebrant').some(
      (c) =>
        c.field === fv &&
        p.tokSent[c.hit.tokFirst] === sent &&
        c.hit.tokLast < purpose.hit.tokFirst &&
        (later || (tc[c.hit.tokLast] === tc[purpose.hit.tokFirst] && tc[purpose.hit.tokFirst] === tc[tok])),
    );
  }

  /**
   * Another event is the object of the verb at first..last, in its clause: a holder of OBJECTS[use] starting at most two
   * tokens after the verb and not ending before it ("tổ chức họp báo", the verb inside "họp báo", "tổ chức trưng bày"),
   * not inside a place's name. The verb is then that event's, whatever the sentence says of the congress.
   */
  private ownedObject(fv: FieldView, first: number, last: number, use: FactUse): boolean {
    const tc = fv.prepared.tokClause;
    for (const { kind, holdsVerb } of OBJECTS[use])
      for (const n of this.of(kind))
        if (
          n.field === fv &&
          n.hit.tokFirst <= last + 2 &&
          (holdsVerb ? n.hit.tokLast >= first : n.hit.tokFirst > first) &&
          tc[n.hit.tokFirst] === tc[last] &&
          !this.inPlaceName(n)
        )
          return true;
    return false;
  }

  /** The event noun ends a facility's name: the facility right before it, or one of the links between ("Trung tâm báo chí phục vụ Đại hội"). */
  private facilityOf(n: Located<FactPhrase>): boolean {
    const fv = n.field;
    let end = n.hit.tokFirst - 1;
    const link = this.of('facilityLink').find((x) => x.field === fv && x.hit.tokLast === end);
    if (link) end = link.hit.tokFirst - 1;
    return this.of('facility').some(
      (x) => x.field === fv && x.hit.tokLast === end && fv.prepared.tokClause[x.hit.tokLast] === fv.prepared.tokClause[n.hit.tokFirst],
    );
  }

  /** The date at `tok` ends a range: one of rangeEnds right before it. */
  private endsRange(fv: FieldView, tok: number): boolean {
    return this.of('rangeEnd').some((x) => x.field === fv && x.hit.tokLast === tok - 1);
  }

  /**
   * The claim is one of nameTails written as a name's last word ("Sao Việt Online"): capitalised, not all capitals, right
   * after a capitalised word with small letters that is no part of an event's name or marker.
   */
  private nameTail(c: Located<FactPhrase>): boolean {
    const fv = c.field;
    const t = c.hit.tokFirst;
    if (t === 0 || !this.of('nameTail').some((x) => x.field === fv && x.hit.tokFirst === t && x.hit.tokLast === c.hit.tokLast)) return false;
    const p = fv.prepared;
    if (p.tokSent[t - 1] !== p.tokSent[t] || p.tokClause[t - 1] !== p.tokClause[t]) return false;
    const word = (k: number) => {
      const [s0, e0] = tokenSpan(p, k, k);
      return p.original.slice(s0, e0);
    };
    const titled = (w: string) => w.length > 1 && w[0] !== w[0].toLowerCase() && w.slice(1) !== w.slice(1).toUpperCase();
    for (let k = t; k <= c.hit.tokLast; k++) if (!titled(word(k))) return false;
    if (!titled(word(t - 1))) return false;
    return !(['marker', 'eventNoun'] as const).some((kind) => this.of(kind).some((x) => x.field === fv && x.hit.tokFirst <= t - 1 && t - 1 <= x.hit.tokLast));
  }

  /**
   * The event noun is what an activity is for ("chào mừng Đại hội XIII"): the purpose phrase that ends right before it, or
   * before the scope marker a list join links it to ("tìm hiểu về Đảng bộ tỉnh và Đại hội XVI").
   */
  private purposeBefore(n: Located<FactPhrase>): Located<FactPhrase> | undefined {
    const endsAt = (tok: number) => this.of('purpose').find((x) => x.field === n.field && x.hit.tokLast === tok);
    const direct = endsAt(n.hit.tokFirst - 1);
    if (direct) return direct;
    const join = this.of('purposeListJoin').find((j) => j.field === n.field && j.hit.tokLast === n.hit.tokFirst - 1);
    if (!join) return undefined;
    for (const m of this.of('marker'))
      if (m.field === n.field && m.hit.tokLast === join.hit.tokFirst - 1) {
        const x = endsAt(m.hit.tokFirst - 1);
        if (x) return x;
      }
    return undefined;
  }

  /** The event verb is inside a venue predicate that opens its clause (an apposition: "…, nơi diễn ra Đại hội …"). */
  private inApposedPredicate(e: Of<'event'>): boolean {
    const tc = e.field.prepared.tokClause;
    return this.of('venuePredicate').some(
      (v) =>
        v.field === e.field &&
        v.hit.tokFirst <= e.hit.tokFirst &&
        e.hit.tokLast <= v.hit.tokLast &&
        v.hit.tokFirst > 0 &&
        tc[v.hit.tokFirst - 1] !== tc[v.hit.tokFirst],
    );
  }

  /** The event noun names a document of the event ("Nghị quyết (của) Đại hội XIII"), not a gathering. */
  private namesDocument(n: Located<FactPhrase>): boolean {
    for (const d of this.of('eventDocument')) if (d.field === n.field && d.hit.tokLast === n.hit.tokFirst - 1) return true;
    return false;
  }

  /** 3. Dates tied to the event. */
  private dates(): void {
    const events = this.of('event').filter((e) => !this.ownedObject(e.field, e.hit.tokFirst, e.hit.tokLast, 'date') && !this.insideBody(e));
    const eventsBySent = bySentence(events);
    const nounsBySent = bySentence(this.of('eventNoun'));
    const preparatory = bySentence(this.of('preparatory'));
    for (const fv of events.length && this.nounSentences.size ? this.fields : []) {
      // a date is only tied to the event by an event verb in its own field
      let hasEvent = false;
      for (const e of events) if (e.field === fv) hasEvent = true;
      if (!hasEvent) continue;
      const p = fv.prepared;
      const g0 = this.base.get(fv)!;
      const s0 = this.sentBase.get(fv)!;
      const mentions = this.datesIn(fv);
      // an event verb with its own date right after it ("khai mạc ngày 26/1") does not take the date
      // that opens its sentence ("Sáng 23/1, Đoàn … lên đường … dự Đại hội …, khai mạc ngày 26/1")
      // a date right after a contrast ("… chứ không phải 25/1") is denied; the date right before it is set against that one
      const contrasted = new Set<DateMention>();
      const contrastedAfter = new Map<DateMention, DateMention>();
      for (const x of this.of('contrast')) {
        if (x.field !== fv) continue;
        const after = mentions.find((m) => m.tokFirst > x.hit.tokLast && m.tokFirst - x.hit.tokLast <= 2 && p.tokSent[m.tokFirst] === p.tokSent[x.hit.tokLast]);
        if (!after) continue;
        contrasted.add(after);
        const before = mentions.find(
          (m) => m.tokLast < x.hit.tokFirst && x.hit.tokFirst - m.tokLast <= 2 && p.tokSent[m.tokLast] === p.tokSent[x.hit.tokFirst],
        );
        if (before) contrastedAfter.set(before, after);
      }
      const datedVerbs = new Set<Of<'event'>>();
      for (const e of events) if (e.field === fv && mentions.some((m) => m.tokFirst > e.hit.tokLast && m.tokFirst - e.hit.tokLast <= 2)) datedVerbs.add(e);
      for (const mention of mentions) {
        if (isSuppressed(fv, mention.tokFirst)) continue;
        const sent = p.tokSent[mention.tokFirst];
        if (!this.namesEvent(s0 + sent)) continue;
        // an event verb shortly before the date, or a sentence that opens with the date and has an event verb
        const gs = s0 + sent;
        const sentNouns: Array<Of<'eventNoun'>> = [];
        // (the event named as a document's, "hội nghị học tập Nghị quyết Đại hội XIII … dời từ ngày 9/3", is no gathering the date ties)
        for (const n of nounsBySent.get(gs) ?? []) if (n.field === fv && !this.namesDocument(n)) sentNouns.push(n);
        // the event a delegation goes to is not the subject of the sentence's verb ("Từ ngày 20/1, các
        // đoàn đại biểu dự Đại hội XIII bắt đầu tập trung" dates the delegations' arrival), nor the event an activity
        // is for ("Tối 25/1, … tổ chức chương trình …, chào mừng Đại hội XIII khai mạc vào ngày mai")
        const subjects = sentNouns.filter((n) => !this.isDestination(n) && !this.purposeBefore(n));
        // the verb that ties it: the nearest before the date, else the first after it
        let tiedBy: Of<'event'> | null = null;
        for (const e of eventsBySent.get(gs) ?? []) {
          if (e.hit.tokFirst > mention.tokLast && datedVerbs.has(e)) continue;
          // a verb in an apposition after a venue ("…, nơi diễn ra Đại hội … từ ngày 20 đến 22/10") is the venue's
          // description: it takes no date from before its clause ("Chiều 18/10, Đoàn … xuất quân … tại Hội trường Tây Sơn, …")
          if (e.hit.tokFirst > mention.tokLast && this.inApposedPredicate(e)) continue;
          if (tiedBy && !nearerTie(e, tiedBy, mention.tokFirst)) continue;
          if (isTied(e, mention, sentNouns, subjects, fv, mention.dates.length > 1 ? 10 : 5, this.checker.clauseDayWords, this.checker.periodLeads)) tiedBy = e;
        }
        if (!tiedBy || this.rehearsedBetween(fv, mention, tiedBy, subjects)) continue;
        // (another event's day: "chương trình nghệ thuật chào mừng Đại hội …, diễn ra tối 19/10")
        if (this.anotherEventOwns(fv, tiedBy.hit.tokFirst, 'date')) continue;
        // a denied date is no claim ("Đại hội không kéo dài sang ngày 2/2", "không lùi sang tháng 11") when it is the
        // negated verb's own date, right after it: a date further on is what is said instead ("không diễn ra vào 26/1
        // như công bố mà phải đến 10/2")
        if (mention.tokFirst > tiedBy.hit.tokLast && mention.tokFirst - tiedBy.hit.tokLast <= 2 && this.negated(fv, tiedBy.hit.tokFirst)) continue;
        const g = g0 + mention.tokFirst;
        // the congress the sentence names as its subject, after the date, is the one dated ("Trưa 21/10, Đại hội đại biểu
        // Đảng bộ tỉnh lần thứ XVI đã tiến hành bỏ phiếu bầu đoàn đại biểu đi dự Đại hội … toàn quốc …"), not an event
        // named before the sentence
        const scope = this.subjectNamedAfter(fv, g0, s0 + sent, mention, sentNouns, subjects) ?? this.scopeAt(g, s0 + sent, clauseOf(fv, mention.tokFirst));
        for (const { f, i } of this.factsIn(scope, s0 + sent)) {
          for (const check of f.checks) {
            if (check.kind !== 'dates') continue;
            const outside: DayDate[] = [];
            const start = preparatory.has(gs) ? dayShifted(check.start, -1) : check.start;
            for (const d of mention.dates) if (!dateWithin(d, start, check.end)) outside.push(d);
            if (outside.length)
              this.add(
                i,
                fv,
                mention.tokFirst,
                mention.tokLast,
                `dates the event ${outside.map(formatDayDate).join(', ')}; official ${check.start}…${check.end}`,
              );
            // two days inside the span given to the congress's own business are a part of it ("Ngày 30-31/1, Đại hội XIII
            // đã tiến hành bầu …"), not the whole period
            else if (partOfPeriod(mention.dates, check.start, check.end) && this.givenToPart(tiedBy)) this.agree(i, fv, mention.tokFirst, mention.tokLast);
            // a period given for the event must be the official one ("từ 25 tới 27/1")
            else if (mention.dates.length === 2 && (!sameDay(mention.dates[0], check.start) || !sameDay(mention.dates[1], check.end)))
              this.add(
                i,
                fv,
                mention.tokFirst,
                mention.tokLast,
                `dates the event ${mention.dates.map(formatDayDate).join('–')}; official ${check.start}…${check.end}`,
              );
            else if (contrasted.has(mention)) continue;
            else {
              // set against the sheet's own first or last day ("khai mạc ngày 26/1 chứ đâu phải 25/1"): another day asserted
              const against = contrastedAfter.get(mention);
              const day = mention.dates[0];
              const bound = against?.dates.length === 1 ? [check.start, check.end].find((b) => sameDay(against.dates[0], b)) : undefined;
              if (mention.dates.length === 1 && bound && !sameDay(day, bound))
                this.add(i, fv, mention.tokFirst, mention.tokLast, `dates the event ${formatDayDate(day)}, set against the official ${bound}`);
              // the opening's own day is the first ("Ngày 22/10, Đại hội … khai mạc" of 21–23/10); not beside the
              // preparatory session, whose day may be the one before
              else if (mention.dates.length === 1 && !preparatory.has(gs) && this.opensOn(tiedBy, mention) && !this.openingDay(day, check))
                this.add(i, fv, mention.tokFirst, mention.tokLast, `dates the opening ${formatDayDate(day)}; official ${check.start}`);
              else this.agree(i, fv, mention.tokFirst, mention.tokLast);
            }
          }
        }
      }
    }
  }

  /** 4. Numbers with a unit, next to a context phrase. */
  private numbers(): void {
    const units = this.of('unit');
    const contexts: Array<Of<'context'> | Of<'contextAfter'> | Of<'membersAfter'>> = [
      ...this.of('context'),
      ...this.of('contextAfter'),
      ...this.of('membersAfter'),
    ];
    const excludes = this.of('exclude');
    const unitsAt = new Map<number, Array<Of<'unit'>>>();
    for (const x of units) byKey(unitsAt, fieldKey(x.field, x.hit.tokFirst), x);
    const contextsBySent = bySentence(contexts);
    const excludesByClause = new Map<number, Array<Of<'exclude'>>>();
    for (const x of excludes) byKey(excludesByClause, fieldKey(x.field, x.field.prepared.tokClause[x.hit.tokFirst]), x);
    for (const fv of units.length && contexts.length ? this.fields : []) {
      // a number counts only with a unit right after it and a context phrase before it, in its own field
      let hasUnit = false;
      let hasContext = false;
      for (const u of units) if (u.field === fv) hasUnit = true;
      for (const c of contexts) if (c.field === fv) hasContext = true;
      if (!hasUnit || !hasContext) continue;
      const p = fv.prepared;
      const g0 = this.base.get(fv)!;
      const s0 = this.sentBase.get(fv)!;
      const numbers = this.numbersIn(fv);
      const numberEnds = new Set(numbers.map((n) => n.tokLast));
      for (const num of numbers) {
        if (isSuppressed(fv, num.tokFirst) || alternativeTo(p, num.tokFirst, numberEnds)) continue;
        const unitHits = unitsAt.get(fieldKey(fv, num.tokLast + 1)) ?? [];
        if (!unitHits.length || isPercentage(p, num.tokLast) || dateBeforeMark(p, num)) continue;
        if (num.words && num.tokFirst === num.tokLast && num.value < 10) continue;
        const sent = p.tokSent[num.tokFirst];
        // (a part of a whole counted before it in its sentence: "gồm 14 đồng chí, trong đó có 1 đại biểu nữ")
        if (this.partOfStatedWhole(p, num, numbers)) continue;
        // (another event's count: "Hội thao chào mừng Đại hội … thu hút 500 vận động viên")
        if (this.anotherEventOwns(fv, num.tokFirst, 'count')) continue;
        const clause = p.tokClause[num.tokFirst];
        const scope = this.scopeAt(g0 + num.tokFirst, s0 + sent, clauseOf(fv, num.tokFirst));
        const candidates: Array<{ i: number; c: number }> = [];
        for (const { f, i } of this.factsIn(scope, s0 + sent)) {
          for (let c = 0; c < f.checks.length; c++) {
            if (f.checks[c].kind !== 'number') continue;
            for (const u of unitHits) {
              if (u.hit.spec.data.fact === i && u.hit.spec.data.check === c) {
                candidates.push({ i, c });
                break;
              }
            }
          }
        }
        if (!candidates.length) continue;
        // nearest context phrase before the number in the sentence decides which fact it speaks of
        let best: { i: number; c: number; d: number; clause: number; at?: number } | null = null;
        let bestAfter: { i: number; c: number; d: number; members: boolean } | null = null;
        let unitEnd = num.tokLast + 1;
        for (const u of unitHits) unitEnd = Math.max(unitEnd, u.hit.tokLast);
        for (const ctx of contextsBySent.get(s0 + sent) ?? []) {
          const members = ctx.hit.spec.data.kind === 'membersAfter';
          const after = members || ctx.hit.spec.data.kind === 'contextAfter';
          if (ctx.field !== fv || (after ? ctx.hit.tokFirst <= num.tokLast || p.tokClause[ctx.hit.tokFirst] !== clause : ctx.hit.tokLast >= num.tokFirst))
            continue;
          let cand: { i: number; c: number } | undefined;
          for (const x of candidates) {
            if (x.i === ctx.hit.spec.data.fact && x.c === ctx.hit.spec.data.check) {
              cand = x;
              break;
            }
          }
          if (!cand) continue;
          const d = after ? ctx.hit.tokFirst - num.tokLast : num.tokFirst - ctx.hit.tokLast;
          if (after) {
            if (!bestAfter || d < bestAfter.d) bestAfter = { i: cand.i, c: cand.c, d, members };
          } else if (!best || d < best.d) best = { i: cand.i, c: cand.c, d, clause: p.tokClause[ctx.hit.tokLast], at: ctx.hit.tokFirst };
        }
        // a context right after the unit names what its clause counts ("…, 14 người đi đại hội toàn quốc": the
        // delegation), over one before it in an earlier clause (the standing committee counted before)
        const adjacent = bestAfter && bestAfter.d === unitEnd + 1 - num.tokLast;
        const fromAfter = !!bestAfter && (!best || (adjacent && best.clause !== clause));
        const members = fromAfter && bestAfter!.members;
        if (bestAfter && fromAfter) best = { i: bestAfter.i, c: bestAfter.c, d: bestAfter.d, clause };
        if (!best) continue;
        const check = this.data.facts[best.i].checks[best.c];
        if (check.kind !== 'number') continue;
        // a count of the body's members well below its size is some of them, not the body ("5 ủy viên BCH … đã nhận tiền")
        if (members && num.value < check.partBelow * check.value) continue;
        let excluded = false;
        for (const x of excludesByClause.get(fieldKey(fv, clause)) ?? []) {
          if (x.hit.spec.data.fact === best.i && x.hit.spec.data.check === best.c && !this.electedBy(fv, x, num, best)) {
            excluded = true;
            break;
          }
        }
        // another body named before the count in its sentence, or the context read as a part ("trong Ban Chấp hành … có N")
        const sameCheck = (x: Of<'otherBody'> | Of<'partOf'>) => x.field === fv && x.hit.spec.data.fact === best.i && x.hit.spec.data.check === best.c;
        const otherBody = this.of('otherBody').some((x) => sameCheck(x) && p.tokSent[x.hit.tokFirst] === sent && x.hit.tokLast < num.tokFirst);
        const at = best.at;
        // (the part's verb right before the count: "trong … cũng có 13 người", not "Tin trong: BCH … sẽ là 55 người")
        const partOf =
          at !== undefined &&
          check.partVerbs.some((w) => wordsAt(p, num.tokFirst - w.length, w)) &&
          this.of('partOf').some((x) => sameCheck(x) && x.hit.tokLast === at - 1);
        if (
          excluded ||
          otherBody ||
          partOf ||
          this.negated(fv, num.tokFirst) ||
          this.justBefore('comparator', fv, num.tokFirst) ||
          this.partOfOfficial(fv, num, numbers, unitsAt, best, check.value)
        )
          continue;
        const approx = this.approximation(fv, num.tokFirst);
        const matches = (x: { i: number; c: number }): boolean => {
          const other = this.data.facts[x.i].checks[x.c];
          if (other.kind !== 'number') return false;
          // a floor or a ceiling is wrong only on its side ("hơn 66.000" of 61.000; "chưa tới 300" of 320)
          if (approx === 'floor') return other.value >= num.value * (1 - other.tolerance);
          if (approx === 'ceiling') return other.value <= num.value * (1 + other.tolerance);
          const tolerance = approx === null ? other.tolerance : Math.max(other.tolerance, this.data.approxTolerance);
          const within = Math.abs(num.value - other.value) <= tolerance * other.value;
          // (a round number said approximately: the sheet's value rounded to its last non-zero place)
          return approx === '' && this.data.approxRounding && !num.words ? within && roundsTo(other.value, num.value) : within;
        };
        // a count the sheet gives for another fact with the same unit, whose context the item has too, is that
        // fact's count, not a wrong one of the fact whose context is nearest ("Đại hội lần này … Tài liệu được
        // số hóa cho 365 đại biểu": the delegates, not the delegation to the national congress)
        const named = (x: { i: number; c: number }): boolean => contexts.some((ctx) => ctx.hit.spec.data.fact === x.i && ctx.hit.spec.data.check === x.c);
        const agreeing = matches(best) ? best : candidates.find((x) => x.i !== best.i && matches(x) && named(x));
        if (agreeing) this.agree(agreeing.i, fv, num.tokFirst, unitHits[0].hit.tokLast);
        else this.add(best.i, fv, num.tokFirst, unitHits[0].hit.tokLast, `says ${num.value} ${unitHits[0].hit.spec.text}; official ${check.value}`);
      }
    }
  }

  /**
   * 4b. The writer's own count answering the sheet's exact count asked (Z, the hundred-and-twentieth pass): "19 đảng bộ
   * trực thuộc? Sai nhé. Tỉnh chỉ còn 17 đảng bộ trực thuộc thôi", "18/18 đảng bộ trực thuộc?? Sai bét. Thực tế có 20
   * đảng bộ trực thuộc". A sentence ending in a question holds a count of exactly a number check's value with that
   * check's unit right after it (the unit names the fact, no scope needed: the sheet's own number is the guard); in one of the next `answeredCounts.reach` sentences of its field, a count right after
   * one of `answeredCounts.leads`, with that check's unit right after it, is the same fact's whatever its sentence's
   * scope: another number contradicts it, marked `countered` (the verdict standing alone between is no rebuttal:
   * turned-rebuttals.ts withCounteredVerdicts). A count below the check's `partBelow` share is some of them, a negated
   * one or one in a clause the check excludes says nothing.
   */
  private answeredCounts(): void {
    const { leads, reach } = this.checker.answeredCounts;
    const units = this.of('unit');
    if (!leads.length || !units.length) return;
    const excludes = this.of('exclude');
    for (const fv of this.fields) {
      const p = fv.prepared;
      const numbers = this.numbersIn(fv);
      const unitsAfter = (num: NumberMention) => units.filter((u) => u.field === fv && u.hit.tokFirst === num.tokLast + 1);
      for (const asked of numbers) {
        if (asked.words || !endsWithQuestion(p, asked.tokFirst)) continue;
        const sent = p.tokSent[asked.tokFirst];
        for (const u of unitsAfter(asked)) {
          const { fact: i, check: c } = u.hit.spec.data;
          const check = this.data.facts[i].checks[c];
          if (check.kind !== 'number' || asked.value !== check.value) continue;
          for (const num of numbers) {
            const at = num.tokFirst;
            if (p.tokSent[at] <= sent || p.tokSent[at] > sent + reach || num.words || num.value === check.value || num.value < check.partBelow * check.value)
              continue;
            const unit = unitsAfter(num).find((x) => sameCheck(x, u));
            const lead = leads.find((w) => at - w.length >= 0 && wordsAt(p, at - w.length, w) && p.tokClause[at - w.length] === p.tokClause[at]);
            if (!unit || !lead || isSuppressed(fv, at) || this.negated(fv, at)) continue;
            if (excludes.some((x) => sameCheck(x, u) && p.tokClause[x.hit.tokFirst] === p.tokClause[at])) continue;
            const added = this.add(i, fv, at, unit.hit.tokLast, `says ${num.value} ${unit.hit.spec.text} against the official ${check.value} it calls wrong`);
            // (read by the sheet's own number: the figure is the congress's, with or without a congress term in the item)
            if (added) Object.assign(added, { countered: true, byValue: true, answers: asked.tokFirst });
          }
        }
      }
    }
  }

  /**
   * The excluded body elects the one counted: an elector of the check ("bầu") after the exclude and before the number,
   * in its clause ("Đại hội Đảng bộ tỉnh … đã bầu Đoàn đại biểu đi dự Đại hội XIII … gồm 15 đồng chí").
   */
  private electedBy(fv: FieldView, x: Of<'exclude'>, num: NumberMention, at: { i: number; c: number }): boolean {
    const p = fv.prepared;
    const clause = p.tokClause[num.tokFirst];
    return this.of('elector').some(
      (e) =>
        e.field === fv &&
        e.hit.spec.data.fact === at.i &&
        e.hit.spec.data.check === at.c &&
        p.tokClause[e.hit.tokFirst] === clause &&
        e.hit.tokFirst > x.hit.tokLast &&
        e.hit.tokLast < num.tokFirst,
    );
  }

  /**
   * "Trong 51 đồng chí Ban Chấp hành ..., có 9 đồng chí nữ": a smaller count in a sentence that
   * states the official one, with a unit of the same check, is a part of it, not another total.
   */
  private partOfOfficial(
    fv: FieldView,
    num: NumberMention,
    numbers: NumberMention[],
    unitsAt: Map<number, Array<Of<'unit'>>>,
    at: { i: number; c: number },
    official: number,
  ): boolean {
    if (num.value >= official) return false;
    const p = fv.prepared;
    const sent = p.tokSent[num.tokFirst];
    for (const other of numbers) {
      if (other === num || other.value !== official || p.tokSent[other.tokFirst] !== sent) continue;
      for (const u of unitsAt.get(fieldKey(fv, other.tokLast + 1)) ?? []) if (u.hit.spec.data.fact === at.i && u.hit.spec.data.check === at.c) return true;
    }
    return false;
  }

  /**
   * 6. When the lower levels finished their congresses: a date taken by a finishing verb ("đơn vị cuối cùng hoàn thành
   * vào ngày 28/8") in a clause that names the bodies, or the last of them in a sentence that names the bodies, after
   * the official day, contradicts it; on
   * or before it, agrees. The date is the first after the verb in its clause, else the nearest before it there, else a
   * date that makes up the clause just before ("Ngày 28/8, …"). A bound ("trước ngày 25/8", "đến ngày 25/8": all done
   * by then) after the official day says nothing, unless the clause names the last body ("đến ngày 28/6, tổ chức cơ
   * sở đảng cuối cùng mới hoàn thành").
   */
  private completions(): void {
    const verbs = this.of('complVerb');
    if (!verbs.length || !this.byKind.has('complNoun')) return;
    const nouns = this.of('complNoun');
    const lasts = this.of('complLast');
    const bounds = this.of('complBound');
    const excludes = this.of('complExclude');
    const pending = this.of('complPending');
    for (const v of verbs) {
      const fv = v.field;
      const p = fv.prepared;
      const vf = v.hit.tokFirst;
      const clause = p.tokClause[vf];
      const sent = p.tokSent[vf];
      if (isSuppressed(fv, vf) || this.negated(fv, vf)) continue;
      if (pending.some((x) => sameCheck(x, v) && x.hit.tokLast < vf && vf - x.hit.tokLast <= 2 && p.tokClause[x.hit.tokLast] === p.tokClause[vf])) continue;
      const inClause = (x: Located<FactPhrase>) => sameCheck(x, v) && p.tokClause[x.hit.tokFirst] === clause;
      // the bodies named in the verb's clause, or the last of them there with the bodies named in the sentence
      const last = lasts.some(inClause);
      if (!nouns.some(inClause) && !(last && nouns.some((x) => sameCheck(x, v) && p.tokSent[x.hit.tokFirst] === sent))) continue;
      if (excludes.some((x) => sameCheck(x, v) && p.tokSent[x.hit.tokFirst] === sent)) continue;
      const { fact: i, check: c } = v.hit.spec.data;
      const check = this.data.facts[i].checks[c];
      if (check.kind !== 'completion') continue;
      const g0 = this.base.get(fv)!;
      const s0 = this.sentBase.get(fv)!;
      const scope = this.scopeAt(g0 + vf, s0 + sent, clauseOf(fv, vf));
      if (!this.factsIn(scope, s0 + sent).some((x) => x.i === i)) continue;
      const mentions = this.datesIn(fv);
      let mention: DateMention | undefined = mentions.find(
        (m) => m.tokFirst > v.hit.tokLast && p.tokClause[m.tokFirst] === clause && m.tokFirst - v.hit.tokLast <= COMPLETION_GAP,
      );
      if (!mention) for (const m of mentions) if (m.tokLast < vf && p.tokClause[m.tokFirst] === clause && vf - m.tokLast <= COMPLETION_GAP) mention = m;
      if (!mention && clause > 0)
        for (const m of mentions) {
          // a date that makes up the clause before ("Ngày 28/8, Đại hội … đã bế mạc")
          const before = clause - 1;
          if (p.tokSent[m.tokFirst] !== sent || p.tokClause[m.tokFirst] !== before || p.tokClause[m.tokLast + 1] === before) continue;
          if (m.tokFirst > 0 && p.tokClause[m.tokFirst - 3] === before) continue;
          mention = m;
        }
      if (!mention) continue;
      // (a state on a day of all the bodies, "Tính đến ngày 15/6/2020, 100% … đã hoàn thành", dates the completion)
      const asOf = this.statedAsOf(v, mention) && this.wholeIn(fv, v, clause);
      // (finished only then: "mới (cơ bản) hoàn thành" right before the verb, the date before it in the clause)
      const late = mention.tokLast < vf && phraseEndsBefore(p, vf, check.late);
      const bound = bounds.some((b) => sameCheck(b, v) && b.hit.tokLast < mention.tokFirst && mention.tokFirst - b.hit.tokLast <= 2);
      const day = mention.dates[mention.dates.length - 1];
      const later = laterThan(day, check.by);
      // (all the bodies finished before a later day, the bound after the verb, "100% tổ chức cơ sở đảng … đã hoàn thành đại
      // hội … trước ngày 15/7": the sheet's own statement with another day, not a bound the official day keeps; a bound
      // leading the sentence, "Trước ngày 30/6/2020, toàn bộ … đã hoàn thành", is how things stood then)
      const whole = bound && !!later && mention.tokFirst > v.hit.tokLast && this.wholeIn(fv, v, clause);
      if (later === false) this.agree(i, fv, mention.tokFirst, mention.tokLast);
      else if (later && (!bound || last || asOf || late || whole))
        this.add(i, fv, mention.tokFirst, mention.tokLast, `dates the completion ${formatDayDate(day)}; official by ${check.by}`);
    }
  }

  /**
   * The date tells how things stood on that day, in the clause before the verb's, of its sentence: an as-of word opens
   * that clause right before the date ("Tính đến ngày 15/6/2020, 100% … đã hoàn thành").
   */
  private statedAsOf(v: Of<'complVerb'>, m: DateMention): boolean {
    const p = v.field.prepared;
    const before = p.tokClause[v.hit.tokFirst] - 1;
    if (p.tokClause[m.tokFirst] !== before || p.tokSent[m.tokFirst] !== p.tokSent[v.hit.tokFirst]) return false;
    return this.of('complAsOf').some(
      (x) =>
        sameCheck(x, v) &&
        x.hit.tokFirst < m.tokFirst &&
        x.hit.tokLast <= m.tokFirst &&
        m.tokFirst - x.hit.tokLast <= 1 &&
        (x.hit.tokFirst === 0 || p.tokClause[x.hit.tokFirst - 1] !== before),
    );
  }

  /** All the bodies said to have finished in the verb's clause: a whole word ("toàn bộ") or "100%" before the verb. */
  private wholeIn(fv: FieldView, v: Of<'complVerb'>, clause: number): boolean {
    const p = fv.prepared;
    const before = (t: number) => t < v.hit.tokFirst && p.tokClause[t] === clause;
    if (this.of('complWhole').some((x) => x.field === fv && sameCheck(x, v) && before(x.hit.tokFirst))) return true;
    for (let t = v.hit.tokFirst - 1; t >= 0 && p.tokClause[t] === clause; t--) if (p.tokText[t] === '100' && isPercentage(p, t)) return true;
    return false;
  }

  /**
   * 6b. The lower levels said not to have held their congresses by a day after the official one: a pending word right
   * before a verb of holding or finishing ("mấy chi bộ thôn vẫn chưa đại hội được", "vẫn còn nhiều đảng bộ xã chưa tổ
   * chức được đại hội"), the bodies named before it in its clause, and a date after the official day before it in that
   * clause, the time of the state ("đến cuối tháng Tám vẫn còn …"), or right after a shift later in the sentence ("…, nên
   * dời hết sang tháng 8"). A date the verb takes ("chưa hoàn thành đại hội ngày 28/8 như dự kiến": the planned day) is
   * the completion check's, which reads nothing there; a date on or before the official day says nothing (some bodies
   * pending then is no contradiction), nor does a sentence that rebuts, names other bodies or another province.
   */
  private pendingCompletions(): void {
    const pending = this.of('complPending');
    if (!pending.length) return;
    const verbs = [...this.of('complVerb'), ...this.of('complPendingVerb')];
    const nouns = [...this.of('complNoun'), ...this.of('complPendingNoun')];
    const shifts = this.of('complShift');
    const excludes = this.of('complExclude');
    for (const w of pending) {
      const fv = w.field;
      const p = fv.prepared;
      const at = w.hit.tokFirst;
      // (the pending word in scare quotes, "3 xã vẫn 'treo' đại hội": the marks end no clause of the bodies or the verb)
      const quotedOnly = (a: number, b: number) => a >= 0 && QUOTES_ONLY.test(p.original.slice(p.tokEnd[a], p.tokStart[b]));
      const quoted = quotedOnly(at - 1, at) && quotedOnly(w.hit.tokLast, w.hit.tokLast + 1);
      const own = this.data.facts[w.hit.spec.data.fact].checks[w.hit.spec.data.check];
      const quotedForm = own.kind === 'completion' && own.pendingQuoted.includes(canon(w.hit.spec.text));
      if (quotedForm && !quoted) continue;
      const clause = quotedOnly(at - 1, at) ? p.tokClause[at - 1] : p.tokClause[at];
      const sent = p.tokSent[at];
      if (isSuppressed(fv, at) || this.negated(fv, at)) continue;
      const verb = verbs.find(
        (v) =>
          sameCheck(v, w) &&
          v.hit.tokFirst > w.hit.tokLast &&
          v.hit.tokFirst - w.hit.tokLast <= (quotedForm ? 1 : 2) &&
          (p.tokClause[v.hit.tokFirst] === p.tokClause[w.hit.tokLast] || (v.hit.tokFirst === w.hit.tokLast + 1 && quotedOnly(w.hit.tokLast, v.hit.tokFirst))),
      );
      if (!verb) continue;
      const body = nouns.find((x) => sameCheck(x, w) && p.tokClause[x.hit.tokFirst] === clause && x.hit.tokLast < at);
      if (!body) continue;
      if (excludes.some((x) => sameCheck(x, w) && p.tokSent[x.hit.tokFirst] === sent)) continue;
      const { fact: i, check: c } = w.hit.spec.data;
      const check = this.data.facts[i].checks[c];
      if (check.kind !== 'completion') continue;
      const g0 = this.base.get(fv)!;
      const s0 = this.sentBase.get(fv)!;
      const scope = this.scopeAt(g0 + at, s0 + sent, clauseOf(fv, at));
      // the lower levels ("other") of the province whose facts these are: no marker of the province needed (the
      // bodies are the sentence's subject, its place a commune or a village); another province named is no such scope
      const fact = this.data.facts[i];
      const lower = scope !== null && fact.alsoScopes.includes(scope) && !this.namesOtherPlace(fact.scope, s0 + sent);
      if (!lower && !this.factsIn(scope, s0 + sent).some((x) => x.i === i)) continue;
      const mentions = this.datesIn(fv);
      const mention =
        mentions.find((m) => p.tokClause[m.tokFirst] === clause && m.tokLast < at) ??
        mentions.find(
          (m) =>
            m.tokFirst > verb.hit.tokLast &&
            p.tokSent[m.tokFirst] === sent &&
            shifts.some((x) => sameCheck(x, w) && x.hit.tokLast < m.tokFirst && m.tokFirst - x.hit.tokLast <= 1 && x.hit.tokFirst > verb.hit.tokLast),
        );
      if (!mention) {
        // no date: the whole said to be done in an earlier clause of the sentence, then some still pending ("Dù báo cáo
        // chính thức khẳng định 100% tổ chức cơ sở đảng đã hoàn thành đại hội, … ít nhất 3 xã vẫn 'treo' đại hội"): the
        // sheet's completion set against
        // ... or in a later clause with no date of its own ("vẫn còn hàng chục chi bộ … chưa tổ chức đại hội, trái với báo
        // cáo rằng toàn bộ tổ chức cơ sở đảng đã hoàn thành"; a dated one, "nhưng đến 31/5 toàn bộ đã hoàn thành", tells
        // when they finished)
        const done = this.of('complVerb').find(
          (v) =>
            sameCheck(v, w) &&
            p.tokSent[v.hit.tokFirst] === sent &&
            (p.tokClause[v.hit.tokFirst] < clause ||
              (p.tokClause[v.hit.tokFirst] > clause && !mentions.some((m) => p.tokClause[m.tokFirst] === p.tokClause[v.hit.tokFirst]))) &&
            this.wholeIn(fv, v, p.tokClause[v.hit.tokFirst]),
        );
        // ... or the province's own congress held after them in the sentence ("19 đảng bộ trực thuộc thì có tới 5 cái chưa
        // đại hội xong mà tỉnh vẫn cho họp đại hội tỉnh"): the bodies still pending when it met, after the sheet's day
        // (study117's B, the hundred-and-twenty-eighth pass, c112-082, c113-080)
        const heldAnyway = this.of('event').some(
          (e) =>
            e.field === fv &&
            p.tokSent[e.hit.tokFirst] === sent &&
            e.hit.tokFirst > verb.hit.tokLast &&
            !this.negated(fv, e.hit.tokFirst) &&
            this.of('marker').some(
              (m) => m.field === fv && m.hit.tokFirst === e.hit.tokLast + 1 && m.hit.spec.data.scope === fact.scope && !m.hit.spec.data.weak,
            ),
        );
        // (read from the bodies named: the pending word may stand in scare quotes)
        if (done || heldAnyway)
          this.add(
            i,
            fv,
            body.hit.tokFirst,
            verb.hit.tokLast,
            `says bodies still had not held their congresses, ${done ? 'all reported done' : "when the province's met"}; official by ${check.by}`,
          );
        continue;
      }
      const day = mention.dates[mention.dates.length - 1];
      if (laterThan(day, check.by) === true)
        this.add(i, fv, mention.tokFirst, mention.tokLast, `says bodies had not held their congresses by ${formatDayDate(day)}; official by ${check.by}`);
    }
  }

  /**
   * 6c. The writer's own count of the bodies that finished, opening a sentence as a correction does ("Thực tế mới 15/19
   * làm xong" after "19/19 đảng bộ trực thuộc hoàn thành đại hội? Sai."): the bodies named in its sentence or the two before,
   * a count below the official number of bodies contradicts the completion (not all finished), the official number
   * agrees. A sentence that rebuts or names other bodies says nothing.
   */
  private countedCompletions(): void {
    const nouns = this.of('complNoun');
    if (!nouns.length) return;
    const excludes = this.of('complExclude');
    this.data.facts.forEach((f, i) =>
      f.checks.forEach((check, c) => {
        if (check.kind !== 'completion' || check.count === null || !check.counters.length) return;
        const mine = (x: Of<'complNoun'> | Of<'complExclude'>) => x.hit.spec.data.fact === i && x.hit.spec.data.check === c;
        for (const fv of this.fields) {
          const p = fv.prepared;
          for (const num of this.numbersIn(fv)) {
            const at = num.tokFirst;
            const sent = p.tokSent[at];
            const start = sentenceStart(p, at);
            if (isSuppressed(fv, at) || num.words) continue;
            const counter = check.counters.find((w) => wordsAt(p, start, w));
            if (!counter) continue;
            let t = start + counter.length;
            for (let k = 0; k < COUNT_LEADS; k++) {
              const lead = check.countLeads.find((w) => t + w.length <= at && wordsAt(p, t, w));
              if (lead) t += lead.length;
            }
            if (t !== at || p.tokClause[at] !== p.tokClause[start]) continue;
            // ("15/19": the official number after the slash is the whole the count is of)
            let last = num.tokLast;
            if (p.tokText[last + 1] !== undefined && Number(p.tokText[last + 1]) === check.count && p.original[p.tokStart[last + 1] - 1] === '/') last++;
            let verb = false;
            for (let v = last + 1; v <= last + check.countReach && p.tokClause[v] === p.tokClause[at] && !verb; v++)
              verb = check.countVerbs.some((w) => wordsAt(p, v, w));
            if (!verb) continue;
            // (the bodies in its sentence or the statement it answers, past a verdict standing alone: "…? Sai. Thực tế …")
            const near = (x: Of<'complNoun'>) => x.field === fv && mine(x) && p.tokSent[x.hit.tokFirst] <= sent && p.tokSent[x.hit.tokFirst] >= sent - 2;
            if (!nouns.some(near) || excludes.some((x) => x.field === fv && mine(x) && p.tokSent[x.hit.tokFirst] === sent)) continue;
            if (num.value < check.count) {
              const added = this.add(i, fv, at, last, `counts ${num.value} of the bodies finished; officially all ${check.count}`);
              if (added) added.countered = true;
            } else if (num.value === check.count) this.agree(i, fv, at, last);
          }
        }
      }),
    );
  }

  private datesIn(fv: FieldView): DateMention[] {
    const named = this.checker.datedVenues;
    return readOnce(this.datesOf, fv, (p) => {
      // (a day right after a verb of publishing is the article's: "đăng ngày 21/1")
      const published = this.of('published').filter((x) => x.field === fv);
      // (… or after "từ" a few words after an announcement and its author: "thông báo của Ban Tổ chức từ tháng 12")
      const heads = this.of('publishedHead').filter((x) => x.field === fv);
      const reach = this.checker.publishedReach;
      const since = this.of('publishedSince').filter(
        (x) =>
          x.field === fv &&
          heads.some(
            (h) =>
              h.hit.tokLast < x.hit.tokFirst &&
              x.hit.tokFirst - h.hit.tokLast <= reach &&
              p.tokClause[h.hit.tokLast] === p.tokClause[x.hit.tokFirst] &&
              // (not the congress named between them: "thông báo của Ban Tổ chức Đại hội từ ngày 28/1" may date it)
              !this.of('eventNoun').some((n) => n.field === fv && n.hit.tokFirst > h.hit.tokLast && n.hit.tokLast < x.hit.tokFirst),
          ),
      );
      return extractDates(p).filter(
        (m) =>
          !(named.length && inVenueName(p, m, named)) &&
          !published.some((x) => x.hit.tokLast === m.tokFirst - 1) &&
          !(m.dates.length === 1 && since.some((x) => x.hit.tokLast === m.tokFirst - 1)),
      );
    });
  }

  /** 5. Durations ("kéo dài 4 ngày", "chỉ họp có một ngày") and shifts ("lùi 1 ngày") of the event. */
  private durations(): void {
    const units = this.of('durUnit');
    const cues = [...this.of('durContext'), ...this.of('durShift')];
    if (!units.length || !(cues.length || this.of('durLengthAfter').length || this.of('durNoun').length)) return;
    const unitAt = new Map<number, number>();
    for (const u of units) unitAt.set(fieldKey(u.field, u.hit.tokFirst), u.hit.tokLast);
    const countdownAt = this.startsOf('durCountdown');
    // "<n> ngày sau khi / trước khai mạc": an interval from an event, not a length
    const intervalAt = this.startsOf('durInterval');
    const cueAt = new Map<number, Located<FactPhrase>>();
    for (const c of cues) cueAt.set(fieldKey(c.field, c.hit.tokLast), c);
    // the earliest start of the phrases ending at each token
    const cueStartAt = new Map<number, number>();
    for (const c of cues) {
      const k = fieldKey(c.field, c.hit.tokLast);
      cueStartAt.set(k, Math.min(cueStartAt.get(k) ?? c.hit.tokFirst, c.hit.tokFirst));
    }
    // "<n> ngày làm việc": a length phrase right after the unit, not followed by a part ("đầu tiên")
    const lengthAfterAt = new Map<number, Located<FactPhrase>>();
    const partialAt = this.startsOf('durPartial');
    const indefiniteAt = this.startsOf('durIndefinite');
    for (const c of this.of('durLengthAfter'))
      if (!partialAt.has(fieldKey(c.field, c.hit.tokLast + 1))) lengthAfterAt.set(fieldKey(c.field, c.hit.tokFirst), c);
    // "đại hội 3 ngày": the event's noun right before the count, not a time from it ("trước đại hội 3 ngày")
    const relativeEnds = new Set(this.of('durRelative').map((r) => fieldKey(r.field, r.hit.tokLast)));
    // nouns ending at one token ("đại hội", "kỳ đại hội"): relative when any of them is
    const nounEnds = new Map<number, Located<FactPhrase>>();
    const relativeNounEnds = new Set<number>();
    for (const n of this.of('durNoun')) {
      const end = fieldKey(n.field, n.hit.tokLast);
      if (relativeEnds.has(fieldKey(n.field, n.hit.tokFirst - 1))) relativeNounEnds.add(end);
      else nounEnds.set(end, n);
    }
    for (const end of relativeNounEnds) nounEnds.delete(end);
    // "<n> hay <m> ngày": the second of two values offered as alternatives (the first has no unit of its own)
    const alternativeEnds = new Map<number, number>();
    for (const a of this.of('alternative')) alternativeEnds.set(fieldKey(a.field, a.hit.tokLast), a.hit.tokFirst);
    for (const fv of this.fields) {
      const p = fv.prepared;
      const g0 = this.base.get(fv)!;
      const s0 = this.sentBase.get(fv)!;
      const numberStarts = new Set<number>();
      const numberEnds = new Set<number>();
      for (const num of this.numbersIn(fv)) {
        numberStarts.add(num.tokFirst);
        numberEnds.add(num.tokLast);
      }
      for (const num of this.numbersIn(fv)) {
        const unitLast = unitAt.get(fieldKey(fv, num.tokLast + 1));
        if (unitLast === undefined || isSuppressed(fv, num.tokFirst) || this.negated(fv, num.tokFirst) || this.justBefore('comparator', fv, num.tokFirst))
          continue;
        // (the unit in the count's clause: without diacritics "Sáng sớm 26/1, ngay trước phiên khai mạc" has no "1 ngày")
        if (p.tokClause[num.tokLast + 1] !== p.tokClause[num.tokLast]) continue;
        const joiner = alternativeEnds.get(fieldKey(fv, num.tokFirst - 1));
        if (joiner !== undefined && numberEnds.has(joiner - 1)) continue;
        if (countdownAt.has(fieldKey(fv, unitLast + 1)) || indefiniteAt.has(fieldKey(fv, unitLast + 1)) || intervalAt.has(fieldKey(fv, unitLast + 1))) continue;
        const sent = p.tokSent[num.tokFirst];
        if (!this.namesEvent(s0 + sent)) continue;
        let cue: Located<FactPhrase> | undefined;
        for (let back = 1; back <= 3 && !cue; back++) {
          const t = num.tokFirst - back;
          if (t < 0 || p.tokClause[t] !== p.tokClause[num.tokFirst]) break;
          cue = cueAt.get(fieldKey(fv, t));
        }
        // after the noun, "<n> ngày" then a number is an ordinal and a date ("Đại hội 13 ngày 26/1"), and "<n> ngày đầu" a part
        if (!cue && !partialAt.has(fieldKey(fv, unitLast + 1)) && !numberStarts.has(unitLast + 1)) cue = nounEnds.get(fieldKey(fv, num.tokFirst - 1));
        let scope: string | null;
        if (cue) scope = this.scopeAt(g0 + num.tokFirst, s0 + sent, clauseOf(fv, num.tokFirst));
        else {
          // "Đại hội Đảng bộ tỉnh … bế mạc sau 3 ngày làm việc", "Sau 4 ngày làm việc, Đại hội Đảng bộ tỉnh … bế mạc":
          // the event this sentence names, before the length or after it; a sentence naming none is not read ("Đại hội
          // bế mạc sau 3 ngày làm việc" may follow "… bầu đoàn dự Đại hội XIII")
          cue = lengthAfterAt.get(fieldKey(fv, unitLast + 1));
          if (!cue || p.tokClause[cue.hit.tokFirst] !== p.tokClause[num.tokFirst]) continue;
          scope = this.scopeNamedIn(g0 + num.tokFirst, s0 + sent);
        }
        // a negator before the length or shift phrase reaches its count: "không rút ngắn còn 2 ngày", "không lùi 1 tháng"
        // deny the value they name (the phrase read longest: "rút ngắn còn" and "còn" end at one token)
        if (cue.hit.tokLast < num.tokFirst && this.negated(fv, cueStartAt.get(fieldKey(fv, cue.hit.tokLast)) ?? cue.hit.tokFirst)) continue;
        const shift = cue.hit.spec.data.kind === 'durShift';
        const first = Math.min(cue.hit.tokFirst, num.tokFirst);
        const last = Math.max(cue.hit.tokLast, unitLast);
        for (const { f, i } of this.factsIn(scope, s0 + sent)) {
          for (const check of f.checks) {
            if (shift && check.kind === 'dates' && num.value > 0)
              this.add(i, fv, first, last, `moves the event by ${num.value} day(s); official ${check.start}…${check.end}`);
            if (!shift && check.kind === 'duration' && num.value !== check.days)
              this.add(i, fv, first, last, `says the event lasts ${num.value} day(s); official ${check.days}`);
            if (!shift && check.kind === 'duration' && num.value === check.days) this.agree(i, fv, first, last);
          }
        }
      }
    }
  }

  /** Where the phrases of `kind` start, as fieldKeys. */
  private startsOf(kind: FactPhrase['kind']): Set<number> {
    return new Set(this.of(kind).map((c) => fieldKey(c.field, c.hit.tokFirst)));
  }

  private numbersIn(fv: FieldView): NumberMention[] {
    return readOnce(this.numbersOf, fv, extractNumbers);
  }

  /**
   * How the number at token `tok` is approximate: the key of the approximator ending at most two tokens
   * before it, the nearest and then the longest ("ít hơn" a ceiling, not "hơn" a floor); null if none.
   */
  private approximation(fv: FieldView, tok: number): Approximation | null {
    let found: Of<'approx'> | null = null;
    for (const a of this.of('approx'))
      if (
        a.field === fv &&
        a.hit.tokLast < tok &&
        a.hit.tokLast >= tok - 2 &&
        (!found || a.hit.tokLast > found.hit.tokLast || (a.hit.tokLast === found.hit.tokLast && a.hit.tokFirst < found.hit.tokFirst))
      )
        found = a;
    return found ? found.hit.spec.data.key : null;
  }

  /** A phrase of `kind` ending at most two tokens before token `tok` (a comparator "so với", an approximator "hơn"). */
  private justBefore(kind: 'comparator' | 'approx', fv: FieldView, tok: number): boolean {
    for (const a of this.of(kind)) if (a.field === fv && a.hit.tokLast < tok && a.hit.tokLast >= tok - 2) return true;
    return false;
  }

  /** The scope of every marker, sorted by position (on first need: many items need none). */
  private scopeMarkers(): void {
    const markerScopes: MarkerScope[] = [];
    for (const m of this.of('marker')) markerScopes.push({ m, scope: this.scopeOfMarker(m), weak: m.hit.spec.data.weak, destination: this.isDestination(m) });
    markerScopes.sort(byMarkerPosition);
    for (let k = 1; k < markerScopes.length; k++) {
      const named = this.organisationNumbered(markerScopes, k);
      if (named) markerScopes[k].scope = named.scope;
    }
    this.markerScopes = markerScopes;
    const strongMarkers: MarkerScope[] = [];
    for (const x of markerScopes) if (!x.weak) strongMarkers.push(x);
    this.strongMarkers = strongMarkers;
    const inherited: MarkerScope[] = [];
    // (neither a delegation's destination nor a superior named as a passive's agent, "được Ban Thường vụ Tỉnh ủy chọn")
    for (const x of strongMarkers) if (!x.destination && !this.isAgent(x.m)) inherited.push(x);
    this.inheritedMarkers = inherited;
    for (const x of markerScopes) {
      const list = this.markersBySent.get(x.m.sent);
      if (list) list.push(x);
      else this.markersBySent.set(x.m.sent, [x]);
    }
    this.scoped = true;
  }

  /**
   * The organisation a marker belongs to when it only completes another's name: an ordinal of an event
   * with facts numbers the full marker just before it in its clause, at most ORDINAL_GAP tokens away
   * ("Đảng bộ thành phố Pleiku lần thứ XIII"); an ordinal of an event without facts (another term,
   * "lần thứ XV") is never taken by the organisation it numbers; a full marker of an event with facts
   * right after one without ("đảng bộ trực thuộc Tỉnh ủy", QUALIFIER_GAP) names the lower body's
   * superior. No event noun between, unless the body holds that congress (an organiser verb right before
   * the noun: "Đảng bộ quận Ninh Kiều tổ chức đại hội lần thứ XIII"); else null (the marker names its own
   * event: "Đoàn … dự Đại hội XIII").
   */
  private organisationNumbered(sorted: MarkerScope[], k: number): MarkerScope | null {
    const x = sorted[k];
    const data = x.m.hit.spec.data;
    if (data.kind !== 'marker' || x.weak || !this.checker.scopesWithFacts.has(data.scope)) return null;
    let prev: MarkerScope | null = null;
    for (let j = k - 1; j >= 0 && !prev; j--) {
      const d = sorted[j].m.hit.spec.data;
      if (!sorted[j].weak && d.kind === 'marker' && !d.ordinal) prev = sorted[j];
    }
    if (!prev || prev.scope === x.scope || prev.m.field !== x.m.field) return null;
    if (!data.ordinal && (this.checker.scopesWithFacts.has(prev.scope) || prev.m.hit.tokLast >= x.m.hit.tokFirst)) return null;
    const p = x.m.field.prepared;
    let from = prev.m.hit.tokLast;
    let to = x.m.hit.tokFirst;
    if (p.tokClause[from] !== p.tokClause[to]) return null;
    // (a lead right before a bare ordinal is its own: "Đảng bộ Quân sự tỉnh Gia Lai lần thứ XIII")
    if (data.ordinal) to -= this.checker.ordinalLeads.find((w) => to - w.length > from && wordsAt(p, to - w.length, w))?.length ?? 0;
    if (data.ordinal) from = this.heldCongressEnd(x.m.field, from, to) ?? from;
    if (to - from - 1 > (data.ordinal ? ORDINAL_GAP : QUALIFIER_GAP)) return null;
    for (const n of this.of('eventNoun')) if (n.field === x.m.field && n.hit.tokFirst > from && n.hit.tokLast < to) return null;
    return prev;
  }

  /**
   * "<body> <name> <organiser> <event noun>" between a body's marker (ending at token `from`) and an
   * ordinal at `to`: the last token of the event noun, from which the ordinal's gap counts; else null.
   */
  private heldCongressEnd(field: FieldView, from: number, to: number): number | null {
    for (const v of this.of('organiser')) {
      if (v.field !== field || v.hit.tokFirst <= from || v.hit.tokFirst - from - 1 > ORDINAL_GAP) continue;
      for (const n of this.of('eventNoun')) if (n.field === field && n.hit.tokFirst === v.hit.tokLast + 1 && n.hit.tokLast < to) return n.hit.tokLast;
    }
    return null;
  }

  /** The marker or event noun follows a destination phrase in its clause, at most DESTINATION_GAP tokens away ("dự Đại hội XIII"). */
  private isDestination(m: Located<FactPhrase>): boolean {
    const p = m.field.prepared;
    for (const d of this.of('destination'))
      if (
        d.field === m.field &&
        d.hit.tokLast < m.hit.tokFirst &&
        m.hit.tokFirst - d.hit.tokLast - 1 <= DESTINATION_GAP &&
        p.tokClause[d.hit.tokLast] === p.tokClause[m.hit.tokFirst]
      )
        return true;
    return false;
  }

  /**
   * The marker names a passive's agent: it follows a passive agent's word right before it in its clause, or lies within a
   * marker that does ("được Ban Thường vụ Tỉnh ủy chọn làm điểm": "tỉnh ủy" too).
   */
  private isAgent(m: Located<FactPhrase>): boolean {
    const p = m.field.prepared;
    const after = (a: Located<FactPhrase>, x: Located<FactPhrase>) =>
      a.field === x.field && a.hit.tokLast === x.hit.tokFirst - 1 && p.tokClause[a.hit.tokLast] === p.tokClause[x.hit.tokFirst];
    return this.of('passiveAgent').some(
      (a) => after(a, m) || this.of('marker').some((x) => after(a, x) && x.hit.tokFirst <= m.hit.tokFirst && x.hit.tokLast >= m.hit.tokLast),
    );
  }

  /** Whether sentence `sent` names a known place that is not one of `scope`'s own ("Ở Bình Định …"). */
  private namesOtherPlace(scope: string, sent: number): boolean {
    const own = this.checker.scopePlaces.get(scope);
    return this.unclaimedPlaces.some((p) => p.sent === sent && !own?.has(p.hit.spec.data.key));
  }

  private scopeOfMarker(m: Of<'marker'>): string {
    const scope = m.hit.spec.data.scope;
    const own = this.checker.scopePlaces.get(scope);
    if (!own || !own.size) return scope;
    let info = this.foreignCache.get(scope);
    if (!info) {
      const sents = new Set<number>();
      let any = false;
      let ownNamed = false;
      const elsewhere = this.venuesOfOtherNamedScopes(scope);
      for (const p of this.unclaimedPlaces) {
        if (own.has(p.hit.spec.data.key)) ownNamed = true;
        else if (!elsewhere.has(p.hit.spec.data.key)) {
          sents.add(p.sent);
          any = true;
        }
      }
      info = { sents, any, ownNamed };
      this.foreignCache.set(scope, info);
    }
    if (!info.any) return scope;
    // another province in the same sentence, or anywhere in an item that never names the scope's own places
    return info.sents.has(m.sent) || !info.ownNamed ? 'other' : scope;
  }

  /**
   * Where the other events the item names are held ("Đoàn Gia Lai đi Hà Nội dự Đại hội XIII"): such
   * a place is that event's venue, not another province, so it does not take a marker away from its scope.
   */
  private venuesOfOtherNamedScopes(scope: string): Set<string> {
    const venues = new Set<string>();
    for (const m of this.of('marker')) {
      const other = m.hit.spec.data.scope;
      if (other !== scope) for (const v of this.checker.venuesByScope.get(other) ?? []) venues.add(v);
    }
    return venues;
  }

  /**
   * Scope of a claim at global position g in sentence s, clause `clause` (fieldKey). Full markers before
   * it in the sentence (a delegation's destination only in its own clause), then before it in the item
   * (no destination), then after it in the sentence; then weak markers in the sentence; then anything nearest.
   */
  private scopeAt(g: number, s: number, clause: number): string | null {
    if (!this.scoped) this.scopeMarkers();
    const inSent = this.markersBySent.get(s) ?? NO_MARKERS;
    const strongInSent: MarkerScope[] = [];
    const strongBefore: MarkerScope[] = [];
    for (const x of inSent) {
      if (x.weak) continue;
      strongInSent.push(x);
      if (!x.destination || clauseOf(x.m.field, x.m.hit.tokFirst) === clause) strongBefore.push(x);
    }
    return (
      nearestIn(strongBefore, g, BEFORE) ??
      nearestIn(this.inheritedMarkers, g, BEFORE) ??
      nearestIn(strongInSent, g, AFTER) ??
      nearestIn(inSent, g, ANY) ??
      nearestIn(this.markerScopes, g, ANY)
    );
  }

  /**
   * The event a date's sentence names as its subject after the date: where the date stands before every full marker and
   * every event noun of its sentence, the first subject event noun after it (not a delegation's destination nor an
   * activity's purpose) whose own name carries full markers — the first starting on the noun or within SUBJECT_NAME_GAP
   * tokens after it, each next one within as many tokens of the one before — gives the last of them, the holder named
   * last ("Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI", "Đại hội XIII Công đoàn Việt Nam" is the union's); else null (the
   * claim's scope is read as any other's).
   */
  private subjectNamedAfter(
    fv: FieldView,
    g0: number,
    s: number,
    mention: DateMention,
    nouns: Array<Of<'eventNoun'>>,
    subjects: Array<Of<'eventNoun'>>,
  ): string | null {
    if (!this.scoped) this.scopeMarkers();
    const inSent = this.markersBySent.get(s) ?? NO_MARKERS;
    for (const x of inSent) if (!x.weak && x.m.g < g0 + mention.tokFirst) return null;
    if (nouns.some((n) => n.hit.tokFirst < mention.tokFirst)) return null;
    const noun = subjects.find((n) => n.hit.tokFirst > mention.tokLast);
    if (!noun) return null;
    let end = noun.hit.tokLast;
    let named: string | null = null;
    for (const x of inSent) {
      if (x.weak || x.m.field !== fv || x.m.hit.tokFirst < noun.hit.tokFirst) continue;
      if (x.m.hit.tokFirst - end - 1 > SUBJECT_NAME_GAP) break;
      if (x.destination) break;
      named = x.scope;
      end = Math.max(end, x.m.hit.tokLast);
    }
    return named;
  }

  /** The event named by a full marker in sentence s: the nearest before position g, else after it; null if none. */
  private scopeNamedIn(g: number, s: number): string | null {
    if (!this.scoped) this.scopeMarkers();
    const strongInSent: MarkerScope[] = [];
    for (const x of this.markersBySent.get(s) ?? NO_MARKERS) if (!x.weak) strongInSent.push(x);
    return nearestIn(strongInSent, g, BEFORE) ?? nearestIn(strongInSent, g, AFTER);
  }

  private negated(fv: FieldView, tokFirst: number): boolean {
    if (this.negationOff) return false;
    if (!this.negatorsRead) {
      for (const n of this.of('negator')) this.negatorEnds.add(`${n.field.field}:${n.hit.tokLast}`);
      this.negatorsRead = true;
    }
    for (let back = 1; back <= 2; back++) {
      const t = tokFirst - back;
      if (t < 0 || fv.prepared.tokClause[t] !== fv.prepared.tokClause[tokFirst]) break;
      if (this.negatorEnds.has(`${fv.field}:${t}`)) return true;
    }
    return false;
  }

  /**
   * A claim term under a negation over "any": a negator before it in its clause, with a quantifier between them ("không
   * sử dụng bất kỳ danh sách công bố trước nào", "không có danh sách nào được công bố trước") or a closer right after the
   * term or one word on, within CLOSER_GAP tokens ("… công bố trước nào").
   */
  private negatedOverAny(c: Of<'claim'>): boolean {
    if (this.negationOff) return false;
    const fv = c.field;
    const p = fv.prepared;
    const clause = p.tokClause[c.hit.tokFirst];
    let negEnd = -1;
    for (const n of [...this.of('negator'), ...this.of('quantifiedNegator')])
      if (n.field === fv && n.hit.tokLast < c.hit.tokFirst && p.tokClause[n.hit.tokFirst] === clause) negEnd = Math.max(negEnd, n.hit.tokLast);
    if (negEnd < 0) return false;
    for (const q of this.of('quantifier')) if (q.field === fv && q.hit.tokFirst > negEnd && q.hit.tokLast < c.hit.tokFirst) return true;
    for (const q of this.of('quantifierCloser')) {
      const gap = q.hit.tokFirst - c.hit.tokLast;
      if (q.field === fv && gap >= 1 && gap <= CLOSER_GAP && p.tokClause[q.hit.tokFirst] === clause) return true;
    }
    return false;
  }

  private namesEvent(sent: number): boolean {
    return !this.data.eventNouns.length || this.nounSentences.has(sent);
  }

  /** Records a claim contradicting the fact (with why), or agreeing with it (note null); one per fact and first token. */
  /** Records a contradiction (or, with a null note, an agreement) once per fact and place; returns the contradiction kept there. */
  private add(factIndex: number, fv: FieldView, tokFirst: number, tokLast: number, note: string | null): Contradiction | undefined {
    const factId = this.data.facts[factIndex].id;
    const key = `${factId}:${fv.field}:${tokFirst}`;
    if (note === null) {
      if (!this.agreeing.has(key)) this.agreeing.set(key, { factId, field: fv.field, tokFirst, tokLast });
      return undefined;
    }
    if (!this.found.has(key)) this.found.set(key, { factId, field: fv.field, tokFirst, tokLast, note });
    return this.found.get(key);
  }

  private agree(factIndex: number, fv: FieldView, tokFirst: number, tokLast: number): void {
    this.add(factIndex, fv, tokFirst, tokLast, null);
  }

  /**
   * The facts a claim in `scope` may contradict: the scope's own, and those of another scope that
   * list it in alsoScopes when sentence `sent` names their scope too.
   */
  private factsIn(scope: string | null, sent: number): Array<{ f: OfficialFact; i: number }> {
    if (!scope) return NO_FACTS;
    const own = this.checker.scopesWithFacts.has(scope) ? (this.checker.factsByScope.get(scope) ?? NO_FACTS) : NO_FACTS;
    const also = this.checker.alsoByScope.get(scope);
    if (!also) return own;
    if (!this.scoped) this.scopeMarkers();
    const named = new Set<string>();
    for (const m of this.markersBySent.get(sent) ?? NO_MARKERS) named.add(m.scope);
    const extra = also.filter((x) => named.has(x.f.scope));
    return extra.length ? [...own, ...extra] : own;
  }
}

/** Two phrases in one field that belong to the same check of the same fact (a completion check's verbs, bodies, bounds). */
function sameCheck(x: Located<FactPhrase>, y: Located<FactPhrase>): boolean {
  const d = x.hit.spec.data as { fact: number; check: number };
  const e = y.hit.spec.data as { fact: number; check: number };
  return x.field === y.field && d.fact === e.fact && d.check === e.check;
}

function byPosition(x: Located<FactPhrase>, y: Located<FactPhrase>): number {
  return x.g - y.g;
}

/** The ISO date (YYYY-MM-DD) `days` days after `iso` (before it, for a negative count). */
function dayShifted(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether the mentioned day is after the ISO day (its year taken as the ISO day's when left out); null for its own month. */
function laterThan(d: DayDate, iso: string): boolean | null {
  const [y, m, day] = iso.split('-').map(Number);
  const v = (d.year ?? y) * 100 + d.month;
  if (v !== y * 100 + m) return v > y * 100 + m;
  return d.day === undefined ? null : d.day > day;
}

/** The mentioned day is the ISO date (a part the mention leaves out is not compared). */
function sameDay(d: DayDate, iso: string): boolean {
  const [y, m, day] = iso.split('-').map(Number);
  return d.month === m && (d.day === undefined || d.day === day) && (d.year === undefined || d.year === y);
}

function byMarkerPosition(x: MarkerScope, y: MarkerScope): number {
  return x.m.g - y.m.g;
}

/** Verb `e` ties a date at token `at` more closely than `than`: the nearest before it, else the first after it. */
function nearerTie(e: Of<'event'>, than: Of<'event'>, at: number): boolean {
  const before = e.hit.tokFirst < at;
  if (before !== than.hit.tokFirst < at) return before;
  return before ? e.hit.tokFirst > than.hit.tokFirst : e.hit.tokFirst < than.hit.tokFirst;
}

/** The short form "ĐH tỉnh 18/10 khai mạc": tokens from the congress's noun to the date (its name's words between). */
const SHORT_FORM_NAME_GAP = 5;
/** ... and from the date to the event verb after it. */
const SHORT_FORM_VERB_GAP = 2;

/** The date mention is tied to the event by event verb `e` (see check, step 3). */
function isTied(
  e: Of<'event'>,
  mention: DateMention,
  nouns: Array<Of<'eventNoun'>>,
  subjects: Array<Of<'eventNoun'>>,
  fv: FieldView,
  window: number,
  dayWords: ReadonlySet<string>,
  periodLeads: ReadonlySet<string>,
): boolean {
  if (e.field !== fv) return false;
  const p = fv.prepared;
  if (e.hit.tokLast < mention.tokFirst) {
    // (an aside in parentheses between them is not counted: "diễn ra tại Trung tâm Văn hóa tỉnh (thị xã An Khê) từ ngày 21 đến 23/10")
    const aside = tokensInParentheses(p, e.hit.tokLast, mention.tokFirst);
    for (const n of nouns) {
      // "<đại hội> khai mạc ngày 20/10", "hoãn sang tháng 12"
      if (n.hit.tokFirst < e.hit.tokFirst && e.hit.tokLast >= mention.tokFirst - window - aside) return true;
      // "diễn ra Đại hội Đảng bộ tỉnh … từ ngày 14 đến 16/10": the congress the verb's object, the date after its name in one clause
      if (
        n.hit.tokFirst > e.hit.tokLast &&
        n.hit.tokFirst <= e.hit.tokLast + 2 &&
        n.hit.tokLast < mention.tokFirst &&
        n.hit.tokLast >= mention.tokFirst - 2 * window &&
        p.tokClause[n.hit.tokLast] === p.tokClause[mention.tokFirst]
      )
        return true;
    }
    return false;
  }
  // "Sáng 14/10, ... Đại hội ... khai mạc": the sentence opens with the date and the congress is the subject
  if (e.hit.tokFirst <= mention.tokLast) return false;
  const opensSentence = mention.tokFirst - sentenceStart(p, mention.tokFirst) <= 2;
  if (opensSentence) for (const n of subjects) if (n.hit.tokFirst > mention.tokLast && n.hit.tokLast < e.hit.tokFirst) return true;
  // "ĐH tỉnh 18/10 khai mạc", "Đại hội tỉnh ngày 18/10 sẽ khai mạc": the date between the congress named (its subject, a
  // few words of its name between) and its verb right after the date, in one clause
  const clause = p.tokClause[mention.tokFirst];
  if (e.hit.tokFirst - mention.tokLast <= SHORT_FORM_VERB_GAP && p.tokClause[e.hit.tokFirst] === clause)
    for (const n of subjects)
      if (n.hit.tokLast < mention.tokFirst && mention.tokFirst - n.hit.tokLast <= SHORT_FORM_NAME_GAP && p.tokClause[n.hit.tokLast] === clause) return true;
  // "…: từ 15 đến 17/10 đoạn QL19 qua An Khê cấm xe khách ban ngày vì đại hội tỉnh họp ở đó": a period leading its clause
  // after a colon or a comma, the congress named later in the clause as the subject of the verb right after its name
  if (mention.dates.length === 2 && p.tokClause[e.hit.tokFirst] === clause && leadsItsClause(p, mention.tokFirst, periodLeads))
    for (const n of subjects)
      if (
        n.hit.tokFirst > mention.tokLast &&
        n.hit.tokLast < e.hit.tokFirst &&
        e.hit.tokFirst - n.hit.tokLast <= SHORT_FORM_NAME_GAP &&
        p.tokClause[n.hit.tokFirst] === clause
      )
        return true;
  // "Hôm nay 14/10 khai mạc Đại hội ...": the event verb right after the date, the congress its object; so too in a
  // clause the date leads after a colon or a comma ("Thông báo nhanh: mai 19/10 khai mạc đại hội tỉnh")
  if (!opensSentence && !leadsItsClause(p, mention.tokFirst, dayWords)) return false;
  if (e.hit.tokFirst - mention.tokLast > 2) return false;
  for (const n of nouns) if (n.hit.tokFirst > e.hit.tokLast && n.hit.tokFirst - e.hit.tokLast <= 2) return true;
  return false;
}

/**
 * The date at token `tokFirst` opens a clause after a colon or a comma, with at most a day word or two before it
 * ("mai", "hôm nay", "sáng mai"): a date after the clause's own words ("đại hội huyện mà mai 19/10 …", "từ 14/10 …")
 * does not lead it.
 */
function leadsItsClause(p: PreparedText, tokFirst: number, dayWords: ReadonlySet<string>): boolean {
  const start = clauseStart(p, tokFirst);
  if (start === 0 || p.tokSent[start - 1] !== p.tokSent[start] || tokFirst - start > 2) return false;
  // opened by a colon or a comma, not a parenthesis ("Sau 3 ngày làm việc (16-18/7), Đại hội … bế mạc")
  if (!/^[\s,:]+$/.test(gapAfter(p, start - 1))) return false;
  for (let t = start; t < tokFirst; t++) if (!dayWords.has(tokenText(p, t))) return false;
  return true;
}

/** The smallest place a number is read as rounded to ("khoảng 1.500", "khoảng 400"; not "khoảng 370"). */
const ROUNDED_FROM = 100;

/**
 * Whether `value` rounded to the last non-zero place of the round number `stated` is within half that place of it
 * ("khoảng 1.600" of 1.587: to the hundred, yes; "khoảng 1.500": no). Only a number rounded to its hundreds or more
 * is read so: one with fewer trailing zeros ("khoảng 370", "khoảng 52") is a count stated nearly as it is, always
 * true here (the tolerance alone decides).
 */
export function roundsTo(value: number, stated: number): boolean {
  if (!Number.isInteger(stated) || stated <= 0 || stated % ROUNDED_FROM !== 0) return true;
  let place = ROUNDED_FROM;
  while (stated % (place * 10) === 0) place *= 10;
  return Math.abs(value - stated) <= place / 2;
}

/** "1.602 hay 1.587 đại biểu": the second number is one of two versions asked about, not a claim. */
function alternativeTo(p: PreparedText, tokFirst: number, numberEnds: ReadonlySet<number>): boolean {
  const t = tokFirst - 1;
  if (t < 1 || p.tokClause[t] !== p.tokClause[tokFirst] || !numberEnds.has(t - 1)) return false;
  const word = tokenText(p, t);
  return word === 'hay' || word === 'hoac';
}

/** A number followed by a percent sign ("100% đại biểu tán thành") is a share of the unit after it, not its count. */
function isPercentage(p: PreparedText, tokLast: number): boolean {
  return gapAfter(p, tokLast).includes('%');
}

/** Only a dash (hyphen, en or em dash) and spaces between token `tok` and the next. */
function dashBetween(p: PreparedText, tok: number): boolean {
  if (tok + 1 >= p.count) return false;
  return /^\s*[-\u2013\u2014]\s*$/.test(gapAfter(p, tok));
}

/**
 * A date's month or year ("d/m", "d/m/y": the number right after a slash) with a mark of punctuation before the word
 * after it: the date ends its clause and the word is no unit of it ("Hội nghị … chiều 10/10, đồng chí Bí thư …": the
 * month, not ten members). A fraction's total with its unit right after it ("17/17 đảng bộ") is still a count.
 */
/**
 * A day and month that ends the sheet's own venue name is the venue's name, not a date ("Đại hội … tại Hội trường
 * 17/3" under a sheet whose venue is "Hội trường 17/3"): one date, right after the words of the name before it.
 */
function inVenueName(p: PreparedText, m: DateMention, named: ReadonlyArray<DatedVenue>): boolean {
  if (m.dates.length !== 1) return false;
  const d = m.dates[0];
  return named.some((v) => {
    if (d.day !== v.day || d.month !== v.month || m.tokFirst < v.words.length) return false;
    const first = m.tokFirst - v.words.length;
    if (p.tokSent[first] !== p.tokSent[m.tokFirst]) return false;
    return wordsAt(p, first, v.words);
  });
}

function dateBeforeMark(p: PreparedText, num: NumberMention): boolean {
  const start = p.tokStart[num.tokFirst];
  if (start === 0 || p.folded[start - 1] !== '/') return false;
  return gapAfter(p, num.tokLast).trim() !== '';
}

/** What `read` finds in a field, read once into `cache` (several checks read a field's numbers or dates). */
function readOnce<T>(cache: Map<FieldView, T>, fv: FieldView, read: (p: PreparedText) => T): T {
  let found = cache.get(fv);
  if (found === undefined) {
    found = read(fv.prepared);
    cache.set(fv, found);
  }
  return found;
}
