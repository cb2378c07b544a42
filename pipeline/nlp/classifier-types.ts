/**
 * The shapes the classifier and its checks share: compiled lexicons, a field's view of an item, cue
 * and topic phrase data, explanation items and sentence keys. Types and their one-shape constructors
 * only, so that every check module imports them one way and none imports the classifier.
 */
import type { Explanation } from '../../core/types.ts';
import type { MatchBuffer } from './automaton.ts';
import type { DiscourseAnalysis, DiscourseVerdict, Folded } from './discourse.ts';
import type { FieldView } from './facts.ts';
import type { CuesFile, PhraseHit, PhraseSet, PhraseSpec, TopicFile } from './lexicon.ts';
import type { CompiledPlenums } from './plenums.ts';

export type Field = 'title' | 'text';

/**
 * What a congress term implies (config/topics `implies`): a Party office or body, an electoral act, a sitting of
 * the congress (an act too: its opening, closing, hall), a body named as newly elected (both), or (`impliedInItem`
 * only) the term a post is spoken of in, "this time", which pairs with an office alone, or another event's
 * sitting ("lễ khai mạc"), which leaves only an office and an act to imply the congress.
 */
export type Implies = 'office' | 'act' | 'sitting' | 'elected-body' | 'term' | 'other';

export type TopicPhrase =
  | { kind: 'pos'; role: 'strong' | 'anchor' | 'context'; weight: number; note?: string; tracked: boolean; implies?: Implies }
  | { kind: 'neg'; scope: 'near' | 'item' | 'event'; weight: number; note?: string }
  /** A word that implies the congress only for an item's distortion evidence (`impliedInItem`): never scored. */
  | { kind: 'implied'; implies: Implies }
  /**
   * Words that make a negative the claim's agent, origin, buyer or the members' description rather than a gathering's
   * holder (topic `agents`, read after the model's decision): a verb the body acts with, a word right before it, a
   * word that describes members a few syllables before it. Never scored.
   */
  | { kind: 'agent'; role: 'verb' | 'marker' | 'member' | 'serve' }
  /** A longer word holding a negative's letters without diacritics ("lão thành" for "lào", topic `names`): never scored. */
  | { kind: 'name'; party: boolean }
  /** A common word that, typed without diacritics, runs across a term's edge ("chỉ bỏ phiếu" over "chi bộ", topic `words`): never scored. */
  | { kind: 'word' }
  /** A part of a plenum's name (read by plenums.ts): its opener, or a body of level `level`. */
  | { kind: 'plenum'; part: 'opener' | 'body'; level: number };

export type CuePhrase =
  | { kind: 'cue'; group: number }
  /** marked: counts only where the text writes it with its accents (see `markedNegators`). */
  | { kind: 'negator'; marked: boolean }
  /** marked: a phrase a cue holds that counts only typed with its accents (see `markedPhrases`); else a longer word. */
  | { kind: 'word'; marked: boolean }
  | { kind: 'verb' }
  | { kind: 'vague' }
  /** A part of `combine` entries: [combine entry, position of its list] for each entry it is in. */
  | { kind: 'part'; parts: Array<[number, number]> };

// Phrase data get every key of their union, in one order (one object shape: see factPhrase() in facts.ts).
const TOPIC_KEYS = {
  kind: 'pos',
  role: 'anchor',
  scope: 'near',
  weight: 0,
  note: undefined as string | undefined,
  tracked: false,
  implies: undefined as Implies | undefined,
  part: 'opener' as 'opener' | 'body',
  level: -1,
  party: false,
};

export function topicPhrase(d: TopicPhrase): TopicPhrase {
  return { ...TOPIC_KEYS, ...d } as TopicPhrase;
}

const CUE_KEYS = { kind: 'cue', group: -1, parts: [] as Array<[number, number]>, marked: false };

export function cuePhrase(d: CuePhrase): CuePhrase {
  return { ...CUE_KEYS, ...d } as CuePhrase;
}

export interface CompiledTopic {
  file: TopicFile;
  phrases: PhraseSet<TopicPhrase>;
  /** Index of the phrase set in the classifier's shared matcher. */
  set: number;
  plenums: CompiledPlenums | null;
  /** The agent reading of negatives (topic `agents`), or null. */
  agents: CompiledAgents | null;
  /** The cue groups of a rumour's own shape that make an item naming nothing of the topic another topic's rumour (other-news.ts). */
  otherNews: ReadonlySet<string>;
  /** A leak's cue groups read as another topic's rumour only before one of its objects (topic `otherNewsObjects`), or null. */
  otherNewsObjects: OtherNewsObjects | null;
  /** Terms that, typed with no mark, name nothing of the topic for the other-news reading (topic `otherNewsUnmarked`), folded. */
  otherNewsUnmarked: ReadonlySet<string>;
  /** The near negatives that, beside the Party's own body, cancel only what is near them (topic `bystanders`), as written, lower case. */
  bystanders: ReadonlySet<string>;
  /** The congress terms that name the Party's own body for `partyNames` besides `agents.party` (topic `partyNamesBodies`), as agentKeys holds them. */
  partyNamesBodies: ReadonlySet<string>;
}

/** A topic's `agents`, compiled: the windows, its bare gathering words and its Party bodies as written in the lexicon. */
export interface CompiledAgents {
  window: number;
  memberWindow: number;
  bare: ReadonlySet<string>;
  party: ReadonlySet<string>;
  /** Whether a negative inside a parenthesis right after a person's name describes that person (`parenthesised`). */
  parenthesised: boolean;
}

export interface CompiledCues {
  file: CuesFile;
  phrases: PhraseSet<CuePhrase>;
  set: number;
  acronyms: Set<string>;
  emoji: string[];
  /** Smallest first code unit of the alarm emoji: a text whose largest code unit is below has none. */
  emojiMin: number;
  /** Runs of ! and ? (style.exclamation.minRun or more). */
  runRe: RegExp;
  /** A line of a checklist fact-check (see verdictLines), or null without verdicts. */
  verdictLineRe: RegExp | null;
  /** Structural rules, with the indexes of their groups. */
  rules: Array<{ rule: CuesFile['rules'][number]; all: number[]; none: number[]; any: number[]; noneInItem: number[]; anaphors: number[] }>;
  /** `combine` entries: their group and number of lists. */
  combos: Array<{ group: number; lists: number }>;
  /** The spec of each chain of parts found so far (by its parts' phrases), made once. */
  chainSpecs: Map<string, PhraseSpec<CuePhrase>>;
  /** 1 for the matcher's patterns that are parts of this file's combine entries (read by chainParts, not hits). */
  parts: Uint8Array;
  /** Longest part, in stream positions. */
  maxPartLength: number;
  /** Per part pattern: the places it fills, bit index * combos.length + combo set (parts such as "không" fill many). */
  places: Array<Uint32Array | undefined>;
  /** Per pattern: the combos it opens (a part of their first list), in order, once per entry; empty for most. */
  heads: Int32Array[];
  /** Per group with `joinsAlternatives`: its `notBeside` words, folded (else undefined). */
  notBeside: Array<Set<string> | undefined>;
  /** Per group with `advisedAgainst`: its advice, verbs of passing news on, news and words not between (typed words), and its gap (else undefined). */
  advisedAgainst: Array<{ advice: TypedWords[]; passOn: TypedWords[]; news: TypedWords[]; notBetween: TypedWords[]; gap: number } | undefined>;
  /** Per group with `borrowedWith`: the indexes of its groups (else undefined). */
  borrowedWith: Array<{ all: number[]; any: number[] } | undefined>;
  /** Per group with `notInItemWith`: the indexes of those groups (else undefined). */
  notInItemWith: Array<number[] | undefined>;
  /** Per group with `suppressOnlyWith`: the indexes of those groups (else undefined). */
  suppressOnlyWith: Array<number[] | undefined>;
  /** Per group with `termsNotInItemWith`: its phrases read so (folded) and the indexes of those groups (else undefined). */
  termsNotInItemWith: Array<{ texts: Set<string>; groups: number[] } | undefined>;
  /** Per group with `turnedBy`: its groups' indexes and the phrases a subject never turns, folded (else undefined). */
  turnedBy: Array<CompiledTurn | undefined>;
  /** Whether any group has `turnedBy`. */
  turns: boolean;
  /** The `turnedBy` subject groups: markers read by withTurnedRebuttals alone. */
  turnMarkers: Set<number>;
  /** Per group with `standsAlone`: its particles folded and its groups' indexes (else undefined). */
  standsAlone: Array<CompiledStandsAlone | undefined>;
  /** The spec of each turned phrase, made once. */
  turnedSpecs: Map<PhraseSpec<CuePhrase>, PhraseSpec<CuePhrase>>;
  /** beforeAmount: the cue-ending syllables and the words of amount after them, folded. */
  beforeAmount: { syllables: Set<string>; words: string[][] };
  /** personTitles, folded (their folded letters) and as written (lowercase, NFC). */
  personTitles: { folded: Set<string>; written: Set<string> };
  /** nameOpeners, folded (cue-placement.ts nameAfterCue). */
  nameOpeners: Set<string>;
  /** namedQuotations.names (before) and .after: the names that give a quotation as someone else's words. */
  quotationNames: QuotationNames;
  /** correctionSources: its groups' ids, and the phrases of nothing issued (typed words). */
  correctionSources: { groups: Set<string>; unsourced: TypedWords[]; setAside: { not: TypedWords[]; as: TypedWords[]; gap: number } };
  /** listedQuotations.joiners folded, with a comma before each, and a comma alone: what may stand between two quotations of a list. */
  listJoiners: Set<string>;
  /** style.scareQuote.after: the words folded, and their accent keys (a word typed with accents must be one of these). */
  scareAfter: Set<string>;
  scareAfterKeys: Set<string>;
  /** style.scareQuote.negatedBy: each negator's folded syllables and their accent keys. */
  scareNegators: TypedWords[];
  /** style.quote.negatedBy: each negator's folded syllables and their accent keys. */
  quoteNegators: TypedWords[];
}

/**
 * Words matched as typed (a quotation's names, a subject's verbs of saying and named claims): their syllables folded, and
 * each one's accent key (a syllable typed with accents must be the word's).
 */
/**
 * Names of a quotation, each with its folded syllables and their accent keys (a syllable typed with accents must be
 * one of these): right before its opening mark, or right after its closing mark.
 */
export interface QuotationNames {
  before: TypedWords[];
  after: TypedWords[];
  /**
   * namedQuotations.answers: what opens a field that answers a question or a rumour (openers), or says one was received
   * (received); openers counted only with a colon after them (labelled: "admin"); the words an opener may follow, folded
   * (replies: "re", "fwd"), a field's label before it, a colon after (labels: "tóm tắt"), and openers counted only with a
   * verb reporting the post's claim later in their sentence (reported: "trước thông tin" … "cho rằng").
   */
  answers: {
    openers: TypedWords[];
    labelled: TypedWords[];
    received: TypedWords[];
    replies: Set<string>;
    labels: TypedWords[];
    reported: { openers: TypedWords[]; verbs: TypedWords[] };
  };
  /** namedQuotations.deniedSaying: each speaker's denial of having said (speaker, denial, verb), and the words that make it an insistence. */
  deniedSaying: { heads: TypedSequence; notBefore: TypedWords[] };
  /** namedQuotations.removals: a moderator's removal verb, the posts it removes, the words allowed before the mark. */
  removals: { verbs: TypedWords[]; posts: TypedWords[]; gap: number };
  /** namedQuotations.stopForwarding: the plea, the verb of forwarding, the post quoted, the words allowed between verb and post. */
  stopForwarding: { asks: TypedWords[]; verbs: TypedWords[]; posts: TypedWords[]; between: number };
  /** namedQuotations.answeredFrame: an answer's frame opening the sentence, the words allowed before the mark and an answer put off; a thing "called" so, denied after a colon. */
  answeredFrame: {
    openers: TypedWords[];
    gap: number;
    deferrals: TypedWords[];
    called: TypedWords[];
    denials: TypedWords[];
    /** an unquoted version refuted: the verb that reports it, the asker opening its sentence, the verdict after it, the next sentence's refutation. */
    refuted: { said: TypedWords[]; sayers: TypedWords[]; verdicts: TypedWords[]; next: TypedWords[] };
  };
}

export interface TypedWords {
  syllables: string[];
  keys: string[];
}

/**
 * Phrases in sequence, one from each list in order and in consecutive tokens (typedSequence; read by typedSequenceAt):
 * each list's phrases by their first syllable, in the list's order.
 */
export interface TypedSequence {
  lists: Array<Map<string, TypedWords[]>>;
}

export interface CompiledStandsAlone {
  particles: string[][];
  officialVersion: number[];
  into: number;
}

export interface CompiledTurn {
  into: number;
  sentence: number[];
  /** The press's denial dismissed in the next sentence (see the schema's `nextSentence`), or null. */
  nextSentence: { groups: number[]; speakers: string[][]; verbs: TypedWords[] } | null;
  /** Words right before a hit that make it a forecast (folded syllables): the hit is not read. */
  forecasts: string[][];
  /** Words that open the claim a verdict denies (folded syllables). */
  claimOpeners: string[][];
  subject: {
    groups: number[];
    maxGap: number;
    notFor: Set<string>;
    notAfter: string[][];
    /** Verbs of saying between the subject and the verdict (as typed: a syllable typed with accents must be the verb's). */
    speakerVerbs: TypedWords[];
    /** Words between the subject and the verdict that name the claim judged (the subject speaks, it is not accused). */
    namedClaims: TypedWords[];
    /** Verdicts a subject right after them turns (folded, joined by spaces). */
    afterVerdicts: Set<string>;
    afterOnly: number[];
    /** Subject groups that turn a verdict only with a match of `bodies` near (see the schema's `needsBody`). */
    needsBody: { groups: number[]; bodies: number[] } | null;
  } | null;
  /** The verdict said of the sheet's own value: how far before it the value may stand, or null. */
  officialValue: {
    maxGap: number;
    notFor: Set<string>;
    speakerVerbs: string[][];
    /** Verdicts said before their value ("đừng tin", folded) and the nouns that may stand between ("con số"), folded syllables. */
    before: { verdicts: Set<string>; nouns: string[][] };
  } | null;
}

/** A counted cue match (not in a rebuttal sentence, not negated), for the structural rules. */
export interface CueMark {
  group: number;
  view: View;
  /** sentenceKey of its sentence. */
  sent: number;
  tokFirst: number;
  tokLast: number;
}

export interface View extends FieldView {
  field: Field;
  /** Sentences that name another event (a foreign party, the UN General Assembly). */
  otherEvent: Set<number>;
  /** Tokens of a foreign power said to act inside the tracked congress (a rule with actsInsideCongress). */
  foreignHand: Set<number>;
  /** Sentences with a counted contradiction of the official facts. */
  contradicted: Set<number>;
  /** Clauses with a claim that agrees with the official facts (asserted, not cited or reported), in no contradicting sentence. */
  confirmed: Set<number>;
  /** Candidate matches of every phrase set in this field (one pass of the shared automaton). */
  raw: MatchBuffer;
  /** The field folded for the discourse and other-gathering readings (discourse.ts foldedReading), shared by them and the chat lines its replies take; made with the view. */
  reading: Folded | null;
  /** Who says what in this field (discourse.ts), and the item's verdict; null without discourse markers. */
  discourse: DiscourseAnalysis | null;
  verdict: DiscourseVerdict;
  /** Cues and contradictions counted at less weight because they sit in a reported clause. */
  discounted: number;
  /** The lines a reply quotes ("> …", quotations.ts replyQuotations), folded offsets: the message it answers, in any item. */
  replies: Array<[number, number]>;
  /** What the field quotes in double or single marks (quotations.ts rebuttalQuotations), folded offsets; read once, used by every reading. */
  quotations: Array<[number, number]>;
}

export type ExplanationCore = Omit<Explanation, 'field' | 'start' | 'end' | 'matched'>;

/** An explanation before offsets are resolved: tokens first..last, or raw original offsets. */
export interface Item {
  view: View;
  first: number;
  last: number;
  raw: [number, number] | null;
  e: ExplanationCore;
}

// Items and their explanation cores are always made here, with every key (one object shape each).
export function core(kind: ExplanationCore['kind'], term: string, weight: number, note: string | undefined, factId?: string, cited?: true): ExplanationCore {
  return cited ? { kind, term, weight, note, factId, cited } : { kind, term, weight, note, factId };
}

export function item(view: View, first: number, last: number, e: ExplanationCore): Item {
  return { view, first, last, raw: null, e };
}

export type TopicHit = PhraseHit<TopicPhrase> & { view: View; sent: number; pair?: true };

/** Key of a field's sentence (title and text sentences apart). */
export function sentenceKey(field: Field, sent: number): number {
  return field === 'title' ? sent * 2 : sent * 2 + 1;
}

/**
 * A leak's cue groups that are another topic's rumour only before an object of another topic (topic `otherNewsObjects`):
 * "Rò rỉ lịch thi tốt nghiệp THPT" is an exam's leak, where a bare "rò rỉ" may be the congress's own (the 157th pass).
 * `objects`: folded, each as its syllables.
 */
export interface OtherNewsObjects {
  groups: ReadonlySet<string>;
  objects: string[][];
  reach: number;
}
