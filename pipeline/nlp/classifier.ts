/**
 * The NLP stage: topic relevance (the 2020 Party congresses), distortion likelihood and
 * official-facts contradictions, each score with its explanations (term, weight, offsets into
 * the exact title/text passed in).
 *
 * Per field: one pass folds the text, one tokenises it (syllable ids from a character trie), one
 * builds the id stream (abbreviations expanded) and one runs the automaton of every lexicon; the
 * scoring then only looks at the matches. Buffers are reused from item to item (classify is
 * synchronous), and the hot code keeps one object shape per kind of object, with no closures made
 * per call, so that the engine's optimised code stays valid (see docs/nlp.md, "Speed").
 *
 * This module is the composition: it compiles the lexicons (a cues file in cue-compile) and runs the
 * passes; each check with one job is a module of its own, importing only the shared shapes
 * (classifier-types.ts) and the modules below it, never this one — topic-terms (congress
 * relevance), cue-terms and cue-chains (cue matches as counted), cue-placement (where a cue makes a
 * claim), turned-rebuttals, borrowed-frames, cue-rules (structural rules), scare-quotes, style,
 * checklist, implied-congress; quotations, offsets, reported-discount, explanations and weights are
 * what they share.
 */
import type { Classification, Explanation, ItemClassifier } from '../../core/types.ts';
import { MatchBuffer, Vocabulary } from './automaton.ts';
import { withBareVerdicts } from './bare-verdicts.ts';
import { withoutBorrowedFrames } from './borrowed-frames.ts';
import { isChecklist, scoreChecklist, verdictLines } from './checklist.ts';
import {
  type CompiledCues,
  type CompiledTopic,
  core,
  type CueMark,
  type CuePhrase,
  type ExplanationCore,
  type Field,
  type Item,
  type OtherNewsObjects,
  type TopicHit,
  topicPhrase,
  type TopicPhrase,
  type View,
} from './classifier-types.ts';
import { correctedContradictions } from './corrected-claims.ts';
import { chainParts } from './cue-chains.ts';
import { abbreviationForms, compileCues, withPartTables } from './cue-compile.ts';
import {
  advisedAgainst,
  asksWhereRequired,
  headsWhereRequired,
  isNegated,
  joinsWhereRequired,
  opensWhereRequired,
  endsBeforeAmount,
  nameAfterCue,
  titleBeforeName,
  withoutCrossedCues,
  writtenWithMarks,
} from './cue-placement.ts';
import { scoreRules } from './cue-rules.ts';
import { isRebuttal, scoreCueTerms, scoreQuotes } from './cue-terms.ts';
import {
  analyseFolded,
  type CompiledDiscourse,
  compileDiscourse,
  type DiscourseMarkers,
  type DiscourseVerdict,
  discourseVerdict,
  foldedReading,
  type HeadlineDenial,
  headlineDenial,
  answeredQuestionTitle,
  askedAndAnswered,
  reportsClaim,
  dialogueAnswered,
  inAlternativeQuestion,
  type StructureClue,
  structuresOfFolded,
} from './discourse.ts';
import { byFieldAndStart, cueKey, explain } from './explanations.ts';
import { callsOfficialValueFalse, type Contradiction, FactChecker, type FactFindings, type FactPhrase, type ItemCheck, NO_FINDINGS } from './facts.ts';
import type { FactsFile, OfficialFact } from './facts-sheet.ts';
import {
  type CompiledGatherings,
  compileGatherings,
  type GatheringMarkers,
  heldByOther,
  type OtherGathering,
  otherGatheringFolded,
  overrideForOtherGathering,
} from './gatherings.ts';
import { impliedAnywhere, impliedExplanation, impliedPairs, overrideForImpliedCongress } from './implied-congress.ts';
import { type CuesFile, longestNonOverlapping, type PhraseHit, PhraseMatcher, PhraseSet, type TopicFile } from './lexicon.ts';
import { originalSpans, tokensOf } from './offsets.ts';
import { compilePlenums } from './plenums.ts';
import {
  answeringItem,
  framedQuotations,
  inQuotation,
  listedQuotations,
  namedInItem,
  rebuttalQuotations,
  replyQuotations,
  setAsideIn,
  unsourcedIn,
  within,
} from './quotations.ts';
import { inReported, reportedDiscount } from './reported-discount.ts';
import { scoreScareQuotes } from './scare-quotes.ts';
import { type AbbreviationEntry, AbbreviationTable, AccentCache, namePrefixesOf, StreamBuffers } from './stream.ts';
import { scoreStyle } from './style.ts';
import { foldedSyllables, joinAbbreviatedNames, type PreparedText, prepareText, TextBuffers } from './text.ts';
import {
  actsInsideCongress,
  agentHits,
  agentKeys,
  cancellations,
  compileAgents,
  hasAgentKey,
  holdsPartyBody,
  insideName,
  insidePhrase,
  locate,
  namedBeyondBare,
  namesPartyBody,
  notTheHolder,
  plenumHits,
  topicRaw,
  withoutCrossedTerms,
  withTrackedInside,
} from './topic-terms.ts';
import { agentCongressExplanation, overrideForAgentCongress } from './agent-congress.ts';
import { compileOtherNewsObjects, otherNewsExplanation, overrideForOtherNews } from './other-news.ts';
import { foldVietnamese } from './fold.ts';
import { withCounteredVerdicts, withOfficialValuesDenied, withTurnedRebuttals } from './turned-rebuttals.ts';
import { round, saturate } from './weights.ts';

const NO_VERDICT: DiscourseVerdict = { factor: 1, clue: null, field: -1, why: null };

/** Arrays reused from one item to the next for one field (classify is synchronous, views never outlive it). */
class Workspace {
  readonly text = new TextBuffers();
  readonly stream = new StreamBuffers();
  readonly raw = new MatchBuffer();
  readonly accents = new AccentCache(prepareText(''));
  /**
   * The last view, kept until the next item: a live instance keeps the engine's object shapes of
   * PreparedText, SymbolStream and AccentCache alive through full GCs, so optimised code that
   * depends on them is not thrown away between items.
   */
  last: View | null = null;
}

/** Rescores an item from its lexicon classification and its prepared fields (valid during the call only). */
export interface LearnedLayer {
  rescore(lexicon: Classification, title: PreparedText, text: PreparedText, marks: SentenceMarks): Classification;
}

/**
 * What the lexicons found about the sentences of an item (per field: title, text), for the learned
 * layer: sentences that report, rebut or question a claim (the rebuttal, genuine-question and
 * prevention families), sentences about another event, and whether the whole item is about one
 * (named in its title or lead, with no tracked congress name). The model reads the words of such
 * sentences as other features than the same words asserted about our congress.
 */
export interface SentenceMarks {
  reported: [ReadonlySet<number>, ReadonlySet<number>];
  otherEvent: [ReadonlySet<number>, ReadonlySet<number>];
  otherEventItem: boolean;
  /**
   * Sentences that contradict the facts sheet in use: their words are features of their own, so
   * what the model learns from "kéo dài 4 ngày" is that it contradicted the sheet, not the words
   * (with a sheet saying four days, the same words are not a contradiction and read as plain).
   */
  contradicted: [ReadonlySet<number>, ReadonlySet<number>];
  /**
   * The mirror: clauses (PreparedText.tokClause) stating a value the sheet in use confirms ("chỉ
   * họp có ba ngày thôi" under a sheet of three days), in sentences that contradict none. Their
   * words are features of their own too, so the model learns that stating the sheet's value is not
   * distortion, under any sheet, rather than reading the plain words of a short terse post as a
   * rumour's (the plain n-grams are kept beside them: see NgramCollector.collect). Clauses, not
   * sentences: a rumour told in the same sentence, after a comma, is read as before.
   */
  confirmed: [ReadonlySet<number>, ReadonlySet<number>];
  /**
   * Who says it (discourse.ts): the stance of an item whose own voice denies or questions what it
   * reports, as a feature name ("discourse:denies:official"), or null. (Salting the n-grams of the
   * reported clauses too was tried: the model then flagged short true statements on their plain
   * words, e.g. "chỉ họp có ba ngày thôi" under a sheet of three days.)
   */
  discourse: string | null;
  /**
   * Whose gathering (gatherings.ts), read when asked: the item's every "đại hội" is another
   * organisation's and it names nothing of the Party's congresses, or null. Not a feature: the
   * congress decision is overridden after the model's, so the threshold the training chooses does
   * not move with it.
   */
  otherGathering: () => OtherGathering | null;
  /**
   * The congress implied by a Party office and an electoral act (see impliedPairs), shown where it was
   * read, or null. Not a feature: like another organisation's gathering it applies after the model's
   * decision (overrideForImpliedCongress).
   */
  impliedCongress: () => Explanation | null;
  /**
   * The congress read from the item's own terms where the negatives that cancel them are the claim's agent, origin,
   * buyer or members, not a gathering's holder (agent-congress.ts), shown where it was read, or null. Not a feature:
   * it applies after the model's decision.
   */
  agentCongress?: () => Explanation | null;
  /**
   * Another topic's rumour (other-news.ts): an item naming nothing of the congress, told in a rumour's shape, shown at
   * its cue, or null. Not a feature: it applies after the model's decision.
   */
  otherNews?: () => Explanation | null;
}

const FACT_NOTE_SEPARATOR = ' — ';

/** Of the facts check's findings, only the contradictions read by the sheet's own number (`byValue`): an item with no congress term. */
function byValueOnly(f: FactFindings): FactFindings {
  const contradictions = f.contradictions.filter((c) => c.byValue);
  return contradictions.length ? { contradictions, confirmations: [] } : NO_FINDINGS;
}

/**
 * A fact passage's explanation core: its note says what the item claims (`claim`), then the sheet's side — how the
 * passage stands to the fact (`stance`), the fact's id and statement, and why its weight is discounted, if it is;
 * `statement` holds the statement alone (cli/reasons.ts shows it).
 */
function factCore(claim: string, stance: string, fact: OfficialFact, weight: number, how: { cited?: true; discounted?: string | null } = {}): ExplanationCore {
  const note = `${claim}${FACT_NOTE_SEPARATOR}${stance}${fact.id}: ${fact.statement}${how.discounted ?? ''}`;
  if (how.cited) return { kind: 'fact', term: fact.id, weight, note, factId: fact.id, statement: fact.statement, cited: true };
  return { kind: 'fact', term: fact.id, weight, note, factId: fact.id, statement: fact.statement };
}

/** What a fact passage claims against the sheet, read back from its note ("claims the venue is Pleiku"). */
export function claimOfFactNote(note: string | undefined): string | undefined {
  return note?.split(FACT_NOTE_SEPARATOR)[0];
}

/** The readings behind the decisions made after the scores (overrideAfterScores), each read only when asked. */
export interface AfterScores {
  impliedCongress: () => Explanation | null;
  agentCongress: () => Explanation | null;
  otherGathering: () => OtherGathering | null;
  otherNews: () => Explanation | null;
}

/**
 * The decisions read after the scores, in their order (the classifier's and training's alike): the
 * congress implied by an office and an act, the congress whose terms only another body's agent, origin,
 * buyer or members cancel, then, read only for an item still judged congress-related, another
 * organisation's gathering and another topic's rumour.
 */
export function overrideAfterScores(c: Classification, after: AfterScores, thresholds: { congress: number; distortion: number }): Classification {
  const withImplied = overrideForAgentCongress(overrideForImpliedCongress(c, after.impliedCongress, thresholds), after.agentCongress, thresholds);
  if (!withImplied.congress) return withImplied;
  const held = overrideForOtherGathering(withImplied, after.otherGathering(), thresholds.congress);
  const out = held.congress ? overrideForOtherNews(held, after.otherNews, thresholds.congress) : held;
  if (out !== withImplied) out.explanations.sort(byFieldAndStart);
  return out;
}

export interface ClassifierSources {
  topics: TopicFile[];
  cues: CuesFile[];
  abbreviations: AbbreviationEntry[];
  facts: FactsFile;
  thresholds: { congress: number; distortion: number };
  /** Structural markers of reported speech and of the own voice (config/discourse.yaml); absent: not read. */
  discourse?: DiscourseMarkers;
  /** Holders of gatherings (config/gatherings.yaml); absent: not read. */
  gatherings?: GatheringMarkers;
}

/** Below this share of diacritic letters, a text counts as typed without diacritics. */
export const LENIENT_BELOW = 0.08;
/** A letter with a mark (or any non-ASCII character): a word written with it is typed with its accents. */
const NON_ASCII = /[^\0-\x7f]/;
/** A term as `otherNewsUnmarked` lists it and as a hit's spec names it: folded, lower-case, single-spaced. */
const unmarkedKey = (term: string) => foldVietnamese(term).toLowerCase().trim().replace(/\s+/g, ' ');

export class Classifier implements ItemClassifier {
  readonly vocabulary = new Vocabulary();
  readonly abbreviations: AbbreviationTable;
  /** Abbreviations that head a name, as written ("TP", "Q"): their dot ends no sentence. */
  private readonly namePrefixes: ReadonlySet<string>;
  private readonly topics: CompiledTopic[];
  private readonly cues: CompiledCues[];
  readonly factChecker: FactChecker;
  readonly thresholds: { congress: number; distortion: number };
  /** Every phrase set (topics, cues, facts) in one automaton: one pass per field. */
  private readonly matcher: PhraseMatcher;
  private readonly factSet: number;
  /** The first fact with each id (as facts.find would give). */
  private readonly factsById = new Map<string, OfficialFact>();
  private readonly workspaces = [new Workspace(), new Workspace()];
  /** The learned layer (a trained model, see model.ts), when the config names one. */
  learned: LearnedLayer | null = null;
  /** Ids of the cue groups that mark an item as a rebuttal (`rebuts: true`). */
  readonly rebuttalGroups: ReadonlySet<string>;
  private readonly discourse: CompiledDiscourse | null;
  private readonly gatherings: CompiledGatherings | null;

  constructor(sources: ClassifierSources) {
    this.thresholds = sources.thresholds;
    this.discourse = sources.discourse ? compileDiscourse(sources.discourse) : null;
    this.gatherings = sources.gatherings
      ? compileGatherings(
          sources.gatherings,
          sources.topics.flatMap((t) => t.words),
        )
      : null;
    this.abbreviations = new AbbreviationTable(sources.abbreviations, foldedSyllables);
    this.namePrefixes = namePrefixesOf(sources.abbreviations);
    const sets: Array<PhraseSet<any>> = [];
    this.topics = sources.topics.map((file) => {
      const phrases = new PhraseSet<TopicPhrase>(this.vocabulary);
      for (const t of file.terms)
        phrases.add(t.term, topicPhrase({ kind: 'pos', role: t.role, weight: t.weight, note: t.note, tracked: t.tracked, implies: t.implies }));
      for (const n of file.negatives) phrases.add(n.term, topicPhrase({ kind: 'neg', scope: n.scope, weight: n.weight, note: n.note }));
      for (const i of file.impliedInItem) phrases.add(i.term, topicPhrase({ kind: 'implied', implies: i.implies }));
      for (const verb of file.agents?.verbs ?? []) phrases.add(verb, topicPhrase({ kind: 'agent', role: 'verb' }));
      for (const marker of file.agents?.markers ?? []) phrases.add(marker, topicPhrase({ kind: 'agent', role: 'marker' }));
      for (const member of file.agents?.members ?? []) phrases.add(member, topicPhrase({ kind: 'agent', role: 'member' }));
      for (const serve of file.agents?.serves ?? []) phrases.add(serve, topicPhrase({ kind: 'agent', role: 'serve' }));
      for (const name of file.names) phrases.add(name, topicPhrase({ kind: 'name', party: false }));
      for (const name of file.partyNames) phrases.add(name, topicPhrase({ kind: 'name', party: true }));
      for (const word of file.words) phrases.add(word, topicPhrase({ kind: 'word' }));
      const pl = file.plenums;
      if (pl) {
        for (const o of pl.opener) phrases.add(o, topicPhrase({ kind: 'plenum', part: 'opener', level: -1 }));
        pl.levels.forEach((l, level) => {
          for (const b of l.bodies) phrases.add(b, topicPhrase({ kind: 'plenum', part: 'body', level }));
        });
      }
      return {
        file,
        phrases,
        set: sets.push(phrases) - 1,
        plenums: pl ? compilePlenums(pl) : null,
        agents: file.agents ? compileAgents(file.agents) : null,
        otherNews: new Set(file.otherNews),
        otherNewsObjects: compileOtherNewsObjects(file.otherNewsObjects),
        otherNewsUnmarked: new Set(file.otherNewsUnmarked.map(unmarkedKey)),
        bystanders: agentKeys(file.bystanders),
        partyNamesBodies: agentKeys(file.partyNamesBodies),
      };
    });
    const abbreviationWords = abbreviationForms(sources.abbreviations);
    this.cues = sources.cues.map((file) => {
      const cues = compileCues(file, this.vocabulary, abbreviationWords, sets.length);
      sets.push(cues.phrases);
      return cues;
    });
    this.rebuttalGroups = new Set(sources.cues.flatMap((file) => file.groups.filter((g) => g.rebuts).map((g) => g.id)));
    this.factChecker = new FactChecker(sources.facts, this.vocabulary);
    this.factSet = sets.push(this.factChecker.phraseSet) - 1;
    for (const f of this.factChecker.facts) if (!this.factsById.has(f.id)) this.factsById.set(f.id, f);
    // Abbreviation syllables get ids too, so the stream is built from the ids found while tokenising.
    this.abbreviations.bind(this.vocabulary);
    // Every phrase set shares the vocabulary: build the automaton once it is complete.
    this.matcher = new PhraseMatcher(sets, this.vocabulary);
    for (const cues of this.cues) withPartTables(cues, this.matcher);
    this.vocabulary.trie();
  }

  private view(field: Field, text: string, ws: Workspace): View {
    const prepared = prepareText(text, this.vocabulary.trie(), ws.text);
    joinAbbreviatedNames(prepared, this.namePrefixes);
    const stream = this.abbreviations.stream(prepared, this.vocabulary, ws.stream);
    // (one reading per field, its sentences, quotations and chat lines read once, for the discourse, the structure and
    // the other-gathering readings and the replies below)
    const reading = foldedReading(prepared.folded, prepared.original, prepared.origStart, this.namePrefixes);
    const view: View = {
      field,
      prepared,
      stream,
      accents: ws.accents.reset(prepared),
      suppressed: new Set(),
      otherEvent: new Set(),
      foreignHand: new Set(),
      contradicted: new Set(),
      confirmed: new Set(),
      raw: ws.raw,
      reading,
      discourse: null,
      verdict: NO_VERDICT,
      discounted: 0,
      // (and a chat's question line answered by a denial on the next line, "Khách: …?" / "Shop: Không đâu …")
      // (and a question told in the writer's words, denied by the next sentence: "Có bạn hỏi … không. Không nhé, …")
      replies: [...replyQuotations(prepared), ...dialogueAnswered(this.discourse, reading), ...askedAndAnswered(this.discourse, reading).map((x) => x.asked)],
      quotations: rebuttalQuotations(prepared),
    };
    ws.last = view;
    return view;
  }

  classify(input: { title: string; text: string; kind?: string }): Classification {
    const views: View[] = [this.view('title', input.title ?? '', this.workspaces[0]), this.view('text', input.text ?? '', this.workspaces[1])];
    // Text typed without diacritics: bare syllables may stand for accented ones.
    const letters = views[0].prepared.letters + views[1].prepared.letters;
    const marked = views[0].prepared.diacriticLetters + views[1].prepared.diacriticLetters;
    const lenient = letters > 0 && marked / letters < LENIENT_BELOW;
    for (const v of views) {
      v.accents.lenient = lenient;
      this.matcher.scan(v.stream, v.raw);
    }
    const explanations: Explanation[] = [];

    // ---- who says it: reported clauses, and what the own voice does with them (each field's reading, made by view)
    const d = this.discourse;
    if (d) {
      for (const v of views) v.discourse = analyseFolded(d, v.reading!);
      const verdict = discourseVerdict(d, [views[0].discourse!, views[1].discourse!]);
      for (const v of views) v.verdict = verdict;
    }

    // ---- distortion cues, scored first: a rule may find a foreign power acting inside the congress (foreignHand)
    // the item's facts phrases, read once: the verdicts on official values (scoreCues) and the facts check both ask it
    const facts = this.factChecker.read(views, [
      this.matcher.hits<FactPhrase>(this.factSet, views[0].raw, views[0].stream, views[0].accents),
      this.matcher.hits<FactPhrase>(this.factSet, views[1].raw, views[1].stream, views[1].accents),
    ]);
    // a title that denies the claim its item reports: a rebuttal, read before the cues
    const headline = d ? this.headlineDenial(d, views, facts) : null;
    let distortionRaw = 0;
    let atHalf = 2;
    let rebuts = false;
    let citesVersions = false;
    const cueItems: Item[] = [];
    // verdicts said of the sheet's own value: contradictions the facts check counts, not rebuttals
    const denials: Contradiction[] = [];
    // an item answering a question or a rumour ("Trả lời câu hỏi … về chuyện '…'", "Bản tin nhận được câu hỏi … về tin
    // đồn '…'"), by each cues file's names: every quotation in it is theirs (read once; the cues and the facts check ask it)
    const answeringBy = this.cues.map((c) => answeringItem(views, c.quotationNames));
    for (const [c, cues] of this.cues.entries()) {
      const { raw, items, versions, denied } = this.scoreCues(cues, views, facts, headline, answeringBy[c]);
      distortionRaw += raw;
      citesVersions ||= versions;
      denials.push(...denied);
      for (const it of items) if (it.e.weight < 0) rebuts = true;
      atHalf = cues.file.scoring.evidenceAtHalf;
      cueItems.push(...items);
    }
    // the sheet's own count denied by its frame ("có 1602 đại biểu đâu", "làm gì có 1.587 đại biểu")
    denials.push(...facts.deniedCounts());

    // ---- topics
    let congressScore = 0;
    let otherEventItem = false;
    let implied: TopicHit | undefined;
    let restored: { score: number; by: TopicHit[] } | undefined;
    let vocabulary = false;
    let otherNewsGroups: ReadonlySet<string> = new Set();
    let otherNewsObjects: OtherNewsObjects | null = null;
    const topics: string[] = [];
    for (const topic of this.topics) {
      const { score, items, aboutOtherEvent, implied: topicImplied, restored: topicRestored, vocabulary: topicVocabulary } = this.scoreTopic(topic, views);
      for (const it of items) explain(explanations, it.view, it.first, it.last, it.e, it.raw);
      if (topic.file.feeds === 'congress') {
        if (aboutOtherEvent) otherEventItem = true;
        congressScore = Math.max(congressScore, score);
        implied ??= topicImplied;
        if (topicRestored && (!restored || topicRestored.score > restored.score)) restored = topicRestored;
        vocabulary ||= topicVocabulary;
        if (topic.otherNews.size) otherNewsGroups = topic.otherNews;
        otherNewsObjects ??= topic.otherNewsObjects;
      }
      if (score >= this.thresholds.congress) topics.push(topic.file.id);
    }
    // answers read by their structure (discourse.ts), read before the cues are explained: a question that gives the
    // asker's own practical aim ("hỏi cho chắc", "ở xa muốn xem mà không biết kênh nào") asks, the hearsay it asks about
    // is discounted as a question's (`structures.motive.discounts`; the 135th pass, study121's S)
    const clues = d ? views.map((v) => structuresOfFolded(d, v.reading!)) : [[], []];
    const asking = d?.structures?.motive.discounts;
    const asks = clues.map((c) => c.some((x) => x.kind === 'motive'));
    if (asking?.size && asks.some(Boolean))
      for (const it of cueItems) {
        if (it.e.weight <= 0 || !asking.has(cueKey(it.e.term)) || !asks[views.indexOf(it.view)]) continue;
        distortionRaw -= reweigh(it, it.e.weight * d!.markers.discount.question, "asked, with the asker's own aim: discounted");
      }
    // the media a debunk names in its sentence, before its verdict ("Cái ảnh chụp màn hình “…” là ghép"): the clip
    // debunked, not a leak offered — its cue cited (`structures.mediaDebunk.discounts`; the 141st pass, study122's R a)
    const debunked = d?.structures?.mediaDebunk?.discounts;
    // (each field's debunk verdict, its first token: -1 where it has none)
    const verdictAt = views.map((v, i) => {
      const clue = clues[i].find((c) => c.kind === 'debunk');
      return clue ? tokensOf(v.prepared, clue.start, clue.end)[0] : -1;
    });
    if (debunked?.size && verdictAt.some((t) => t >= 0))
      for (const it of cueItems) {
        if (it.e.weight <= 0 || it.first < 0 || !debunked.has(cueKey(it.e.term))) continue;
        const p = it.view.prepared;
        const at = verdictAt[views.indexOf(it.view)];
        if (at < 0 || it.last >= at || p.tokSent[it.first] !== p.tokSent[at]) continue;
        distortionRaw -= reweigh(it, 0, 'the media a debunk names: cited');
      }
    // (where each cue of a correction source's group is explained: it may be read as the correction's source below)
    const sources: Array<[Item, number]> = [];
    for (const it of cueItems) {
      if (it.first >= 0 && it.e.weight > 0 && this.cues.some((c) => c.correctionSources.groups.has(cueKey(it.e.term)))) sources.push([it, explanations.length]);
      explain(explanations, it.view, it.first, it.last, it.e, it.raw);
    }

    // answers read by their structure (discourse.ts): a correction with its source, versions asked about, a motive for asking
    if (d)
      for (const [index, v] of views.entries())
        for (const clue of clues[index]) {
          const [first, last] = tokensOf(v.prepared, clue.start, clue.end);
          if (first < 0) continue;
          distortionRaw += clue.weight;
          if (REBUTTING_CLUES.has(clue.kind)) rebuts = true;
          else if (clue.kind === 'versions') citesVersions = true;
          const [term, note] = STRUCTURE_EXPLANATIONS[clue.kind];
          explain(explanations, v, first, last, core('distortion', term, clue.weight, note), null);
        }

    if (headline && d?.structures?.headlineDenial) {
      rebuts = true;
      const weight = d.structures.headlineDenial.weight;
      const [first, last] = tokensOf(views[0].prepared, headline.start, headline.end);
      distortionRaw += weight;
      if (first >= 0)
        explain(
          explanations,
          views[0],
          first,
          last,
          core(
            'distortion',
            HEADLINE_DENIAL,
            weight,
            `who says it: the title denies the claim its item reports (${headline.form}); the claims it quotes are cited`,
          ),
          null,
        );
    }

    // ---- official facts (about the congress: checked for items with any congress evidence, since the
    // checker attributes each claim to an event by its own markers; an item named by a weak anchor,
    // "Đoàn Gia Lai đi ĐH toàn quốc … 20 người", may still be judged congress-related by the model)
    const congress = congressScore >= this.thresholds.congress;
    // (the writer's own count answering the sheet's exact count, read by its number, needs no congress term either)
    const findings = congressScore > 0 ? facts.findings() : byValueOnly(facts.findings());
    const { confirmations } = findings;
    // (the sheet's own count called false by its number alone, "Đừng tin con số 1.612 đại biểu", needs no congress term: the figure is the congress's)
    const denied = congressScore > 0 ? denials : denials.filter((c) => c.byValue);
    const contradictions = denied.length ? [...findings.contradictions, ...denied] : findings.contradictions;
    // (the sheet's own value the writer calls wrong is the writer's stance wherever a named saying would cite it: "… có 342
    // đại biểu thôi nha. Ai nói 350 người là sai." — the 150th pass's Z against the 159th's refuted saying)
    const ownDenials = new Set(denied);
    const perFact = new Map<string, number>();
    const contradictionWeight = this.cues[0]?.file.scoring.contradictionWeight ?? 2.5;
    const decay = this.cues[0]?.file.scoring.repeatDecay ?? 0.5;
    let factIndex = 0;
    // a quotation named as someone else's words ("Gỡ bài '…'", "Bài '…' đã bị gỡ vì sai", "thấy ghi '…'", "mạng xã hội
    // cho rằng "…""): in any item the claim inside is theirs, quoted (the hundred-and-fourth pass)
    const namedBy = this.cues.map((c) => namedInItem(views, c.quotationNames));
    const quotedAsOthers = views.map((_, i) => namedBy.flatMap((n) => n[i]));
    const framed = views.map((v) => this.cues.flatMap((c) => framedQuotations(v.prepared, v.quotations, c.quotationNames.answeredFrame)));
    // an item answering a question or a rumour: every quotation in it is theirs, once a correction has had its reading
    // (the hundred-and-eighth pass)
    const answering = answeringBy.some(Boolean);
    // a claim reported, then corrected with the sheet's value by an office or a statement verb: cited, its sentence reported
    const corrected = citesVersions ? new Map() : correctedContradictions(d, views, contradictions, confirmations);
    // a reply giving the sheet's value against the value it cites ("'BTV 17 người': không đúng đâu em ơi, … có 13 đồng
    // chí", "Ông nào bảo … họp ở Pleiku thì …, họp ở Nhà Văn hóa …"): the cited value is the post's (the 123rd pass)
    const replied = citesVersions ? new Set<Contradiction>() : facts.repliedByValue(contradictions, confirmations);
    let correction = false;
    for (const c of contradictions) {
      const v = c.field === views[0].field ? views[0] : views[1];
      // an item that rebuts or corrects a claim quotes it: a contradiction inside quotation marks is the quoted claim
      if (rebuts && inQuotation(v.prepared, c.tokFirst)) continue;
      // (a claim an answer's frame takes up and its office then corrects keeps the corrected claim's reading below: "Trước
      // tin đồn '… lùi sang tháng 3' …, Ban Tổ chức khẳng định … diễn ra từ ngày 27/1 …" — the 155th pass, c61-193)
      const framedAndCorrected = corrected.has(c) && within(framed[v === views[0] ? 0 : 1], v.prepared.tokStart[c.tokFirst]);
      const deniedUnquoted = ownDenials.has(c) && !inQuotation(v.prepared, c.tokFirst);
      if (!framedAndCorrected && !deniedUnquoted && within(quotedAsOthers[v === views[0] ? 0 : 1], v.prepared.tokStart[c.tokFirst])) continue;
      // (in any item, a line a reply quotes, "> …", is the message it answers)
      if (within(v.replies, v.prepared.tokStart[c.tokFirst])) continue;
      // (under a denying title, in single marks too: "Trước thông tin 'Đại hội họp trực tuyến', …")
      if (headline && within(v.quotations, v.prepared.tokStart[c.tokFirst])) continue;
      const fact = this.factsById.get(c.factId)!;
      const by = corrected.get(c);
      if (by) {
        v.suppressed.add(v.prepared.tokSent[c.tokFirst]);
        explain(
          explanations,
          v,
          c.tokFirst,
          c.tokLast,
          factCore(c.note, `reported, then corrected ("${by.matched}"): cited, not asserted; `, fact, 0, { cited: true }),
          null,
        );
        if (correction || !d?.structures) continue;
        correction = true;
        const weight = d.structures.correctedClaim.weight;
        const where = by.title ? views[0] : v;
        const [first, last] = tokensOf(where.prepared, by.start, by.end);
        distortionRaw += weight;
        const [term, note] = STRUCTURE_EXPLANATIONS.correctedClaim;
        if (first >= 0) explain(explanations, where, first, last, core('distortion', term, weight, note), null);
        continue;
      }
      if (replied.has(c)) {
        v.suppressed.add(v.prepared.tokSent[c.tokFirst]);
        explain(explanations, v, c.tokFirst, c.tokLast, factCore(c.note, 'cited by a reply that gives the official value: ', fact, 0, { cited: true }), null);
        continue;
      }
      if (answering && within(v.quotations, v.prepared.tokStart[c.tokFirst])) continue;
      if (citesVersions) {
        // located for the reader (a transcript's time code, the item page), never counted
        explain(explanations, v, c.tokFirst, c.tokLast, factCore(c.note, 'cited, not asserted; ', fact, 0, { cited: true }), null);
        continue;
      }
      // one side of an alternative question ("… có họp trực tuyến không hay vẫn họp ở Hà Nội?"): asked about, not asserted —
      // its weight cited; its sentence stays marked for the model as any contradiction's (the model's features unchanged)
      if (d && v.reading && inAlternativeQuestion(d, v.reading, v.prepared.tokStart[c.tokFirst], v.prepared.tokEnd[c.tokLast])) {
        if (!reportedDiscount(v, c.tokFirst)) v.contradicted.add(v.prepared.tokSent[c.tokFirst]);
        explain(
          explanations,
          v,
          c.tokFirst,
          c.tokLast,
          factCore(c.note, 'asked about in an alternative question, not asserted; ', fact, 0, { cited: true }),
          null,
        );
        continue;
      }
      const why = reportedDiscount(v, c.tokFirst);
      // (a contradiction the item reports and denies: its words are features of the reported clause, not of a contradiction)
      if (!why) v.contradicted.add(v.prepared.tokSent[c.tokFirst]);
      const seen = perFact.get(c.factId) ?? 0;
      perFact.set(c.factId, seen + 1);
      let weight = seen ? 0 : contradictionWeight * Math.pow(decay, factIndex++);
      if (why) weight = round(weight * v.verdict.factor);
      distortionRaw += weight;
      explain(explanations, v, c.tokFirst, c.tokLast, factCore(c.note, 'contradicts ', fact, weight, { discounted: why }), null);
    }

    // agreeing claims count for nothing here; read as contradictions are (not cited, quoted or reported), they mark their sentence for the model
    for (const c of citesVersions ? [] : confirmations) {
      const v = c.field === views[0].field ? views[0] : views[1];
      const p = v.prepared;
      if (
        (rebuts && inQuotation(p, c.tokFirst)) ||
        within(v.replies, p.tokStart[c.tokFirst]) ||
        inReported(v, c.tokFirst) ||
        v.contradicted.has(p.tokSent[c.tokFirst])
      )
        continue;
      for (let t = c.tokFirst; t <= c.tokLast; t++) v.confirmed.add(p.tokClause[t]);
    }

    // an insider cited for the truth: the correction's source, not the rumour's (the hundred-and-eighth pass)
    if (sources.length) distortionRaw -= this.correctionSources(sources, cueItems, explanations);

    const verdict = views[0].verdict;
    if (verdict.clue && views[0].discounted + views[1].discounted > 0) {
      const v = views[verdict.field];
      const { clue } = verdict;
      const [at, last] = tokensOf(v.prepared, clue.start, clue.end);
      const note = `who says it: the item reports a claim and ${clue.stance === 'questions' ? 'asks about it' : 'denies it'} in its own voice (speaker: ${clue.speaker}${clue.speakerText ? ` "${clue.speakerText}"` : ''}); ${views[0].discounted + views[1].discounted} cue(s) in its reported clauses weigh ×${verdict.factor}`;
      if (at >= 0) explain(explanations, v, at, last, core('distortion', `discourse: own voice ${clue.stance} (${clue.speaker})`, 0, note), null);
    }

    const distortionScore = saturate(distortionRaw, atHalf);
    explanations.sort(byFieldAndStart);
    const lexicon: Classification = {
      congress,
      distortion: congress && distortionScore >= this.thresholds.distortion,
      scores: { congress: congressScore, distortion: distortionScore },
      topics,
      explanations,
    };
    // The final scores: the lexicon evidence alone, or combined with the learned model (model.ts);
    // then the decisions read after the scores (overrideAfterScores).
    const impliedCongress = () => (implied ? impliedExplanation(implied) : null);
    const agentCongress = () => (restored && restored.score >= this.thresholds.congress ? agentCongressExplanation(restored.by) : null);
    const otherNews = () =>
      otherNewsExplanation(
        vocabulary,
        otherNewsGroups,
        explanations,
        otherNewsObjects && { spec: otherNewsObjects, fields: { title: views[0].prepared.original, text: views[1].prepared.original } },
      );
    let other: OtherGathering | null | undefined;
    const otherGathering = () => (other === undefined ? (other = this.otherGathering(views)) : other);
    const after: AfterScores = { impliedCongress, agentCongress, otherGathering, otherNews };
    if (!this.learned) return overrideAfterScores(lexicon, after, this.thresholds);
    const marks: SentenceMarks = {
      reported: [views[0].suppressed, views[1].suppressed],
      otherEvent: [views[0].otherEvent, views[1].otherEvent],
      otherEventItem,
      contradicted: [views[0].contradicted, views[1].contradicted],
      confirmed: [views[0].confirmed, views[1].confirmed],
      discourse: verdict.factor < 1 ? `discourse:${verdict.clue!.stance}:${verdict.clue!.speaker}` : null,
      ...after,
    };
    return overrideAfterScores(this.learned.rescore(lexicon, views[0].prepared, views[1].prepared, marks), after, this.thresholds);
  }

  /**
   * The insider cited for the truth ("Con trai tôi làm ở BHYT tỉnh bảo chưa có văn bản nào"): a cue of a
   * correctionSources group, outside quotation marks, whose sentence says nothing was issued (`unsourced`) is the
   * correction's source — its weight taken back (returned) and its explanation kept at 0 — where no value of the item
   * counts against the sheet and no other cue of weight stands in its sentence (style aside). Each source comes with
   * where its explanation stands in `explanations`. (Its sentence stating the sheet's value was tried: rumours state
   * the sheet's dates beside their claim, "em trai em làm ở Hà Nội nói … đại hội 26/1 chỉ đọc tên thôi".)
   */
  private correctionSources(sources: Array<[Item, number]>, cueItems: Item[], explanations: Explanation[]): number {
    if (explanations.some((e) => e.kind === 'fact' && e.weight > 0)) return 0;
    const unsourced = this.cues.flatMap((c) => c.correctionSources.unsourced);
    const setAside = this.cues.map((c) => c.correctionSources.setAside);
    let back = 0;
    for (const [it, at] of sources) {
      const v = it.view;
      const p = v.prepared;
      const sentence = p.tokSent[it.first];
      if (within(v.quotations, p.tokStart[it.first])) continue;
      const others = cueItems.some(
        (o) =>
          o !== it &&
          o.view === v &&
          o.first >= 0 &&
          o.e.weight > 0 &&
          p.tokSent[o.first] === sentence &&
          !o.e.term.startsWith('style:') &&
          !sources.some(([s]) => s === o),
      );
      if (others) continue;
      // (nothing issued, or the rumour's value set aside: "không phải 1 ngày như tin bên nhóm mình")
      if (!unsourcedIn(p, sentence, unsourced) && !setAside.some((a) => setAsideIn(p, sentence, a))) continue;
      back += it.e.weight;
      const e = explanations[at];
      explanations[at] = {
        ...e,
        weight: 0,
        note: `${e.note ?? ''}; the insider is cited for the truth (the sheet's value, or nothing issued): the correction's source, not the rumour's`,
      };
    }
    return back;
  }

  /**
   * The title's denial of the claim (discourse.ts headlineDenial; or a quoted question the text's first word answers,
   * answeredQuestionTitle), unless the item counters a denial or the title
   * contradicts the sheet outside the claim it names (its own claim: "Đại hội bầu bằng giơ tay, không 'phiếu kín'").
   */
  private headlineDenial(d: CompiledDiscourse, views: View[], facts: ItemCheck): HeadlineDenial | null {
    const title = views[0];
    if (!title.reading || !title.prepared.count || !d.structures?.headlineDenial) return null;
    // (an item that calls the denial the lie: "Ban Tổ chức càng phủ nhận càng thấy có")
    if (views.some((v) => v.discourse?.voice.some((c) => c.stance === 'counters'))) return null;
    const body = views[1].reading;
    const denial =
      headlineDenial(d, title.reading, title.quotations, this.answersFramedClaim(views[1])) ??
      (body ? answeredQuestionTitle(d, title.reading, title.quotations, body) : null) ??
      this.deniedValueTitle(views, facts);
    if (!denial) return null;
    // (a document's content denied answers a claim the text quotes)
    if (denial.form === 'denied content' && !views[1].quotations.length) return null;
    // (a verdict label judges the claim the item reports: quoted in the title or the text, or reported there, "lan truyền
    // rằng …")
    const reports = (v: View) => v.quotations.length > 0 || (!!v.reading && reportsClaim(d, v.reading));
    if (denial.form === 'verdict label before the claim' && !views.some(reports)) return null;
    const [s, e] = denial.claim;
    const { contradictions, confirmations } = facts.findings();
    const onTitle = (c: { field: string }) => c.field === title.field;
    const inClaim = (c: { tokFirst: number }) => {
      const at = title.prepared.tokStart[c.tokFirst];
      return at >= s && at < e;
    };
    // (the title's own claim beside the one it denies)
    if (contradictions.some((c) => onTitle(c) && !inClaim(c))) return null;
    // (a claim named unquoted, or after a verdict label: not one that agrees with the sheet, "Thông tin Đại hội diễn ra
    // 21-23/10 là sai sự thật", "SAI: Đại hội diễn ra 21-23/10" call the official version false, unless the claim
    // contradicts the sheet too: "… dời sang cuối tháng 10 …")
    if (denial.form === 'verdict after the named claim' || denial.form === 'verdict label before the claim') {
      const inside = contradictions.filter((c) => onTitle(c) && inClaim(c));
      const contradicts = inside.some((c) => !callsOfficialValueFalse(c));
      const callsFalse = inside.some(callsOfficialValueFalse);
      const agrees = confirmations.some((c) => onTitle(c) && inClaim(c));
      if (!contradicts && (agrees || callsFalse)) return null;
    }
    return denial;
  }

  /** Whether a field quotes a claim under an answer's frame ("Trước / Đối với thông tin … '…'", by any cues file's names). */
  private answersFramedClaim(v: View): boolean {
    return v.quotations.length > 0 && this.cues.some((c) => framedQuotations(v.prepared, v.quotations, c.quotationNames.answeredFrame).length > 0);
  }

  /**
   * A title that denies a value the sheet rules out, with no quotation ("Đại hội XIII không tổ chức trực tuyến",
   * "Đại hội … không rút ngắn còn 2 ngày"): the facts check reads a claim there that a negator turns away, and the
   * text quotes a claim of the same fact (the rumour the title answers, in double or single marks) and asserts none
   * outside a quotation. Not a title that asks, nor one that asserts a contradiction of its own (a denied official
   * value is one: "Đại hội không họp ở Hà Nội" stays a claim).
   */
  private deniedValueTitle(views: View[], facts: ItemCheck): HeadlineDenial | null {
    const [title, body] = views;
    // (the text must quote a claim: without a quotation there, no findings are read for it)
    if (title.prepared.original.includes('?') || !body.quotations.length) return null;
    const findings = facts.findings();
    if (findings.contradictions.some((c) => c.field === title.field)) return null;
    // the text quotes the claim of that fact, and asserts none of it outside a quotation
    const quoted = body.quotations;
    const reported = new Set<string>();
    const asserted = new Set<string>();
    for (const c of findings.contradictions)
      if (c.field === body.field) (within(quoted, body.prepared.tokStart[c.tokFirst]) ? reported : asserted).add(c.factId);
    const denied = facts.deniedClaims().find((c) => c.field === title.field && reported.has(c.factId) && !asserted.has(c.factId));
    if (!denied) return null;
    const p = title.prepared;
    const start = p.tokStart[denied.tokFirst];
    const end = p.tokEnd[denied.tokLast];
    // (the claim's span only marks where the title's own value is: no contradiction is left in the title)
    return { form: 'denied value', start, end, matched: p.original.slice(start, end), claim: [0, title.reading!.folded.length] };
  }

  private otherGathering(views: View[]): OtherGathering | null {
    return this.gatherings ? otherGatheringFolded(this.gatherings, [views[0].reading!, views[1].reading!], !views[0].accents.lenient) : null;
  }

  private heldByOther(views: View[]): boolean {
    return !!this.gatherings && heldByOther(this.gatherings, [views[0].reading!, views[1].reading!], !views[0].accents.lenient);
  }

  private scoreTopic(topic: CompiledTopic, views: View[]) {
    const s = topic.file.scoring;
    const pos: TopicHit[] = [];
    const neg: TopicHit[] = [];
    const inItem: TopicHit[] = [];
    const notHolders: Array<{ v: View; first: number; last: number; served: boolean }> = [];
    let tokens = 0;
    // (a term whose letters, typed without diacritics, a longer word runs across is no term: "dai hoi chi bo phieu")
    const viewHits = views.map((v) => withoutCrossedTerms(v, this.matcher.hits<TopicPhrase>(topic.set, v.raw, v.stream, v.accents)));
    // (a Party body named anywhere in the item: "lao dong" beside it is labour, not Laos — topic `partyNames`)
    const partyBody = topic.file.partyNames.length > 0 && viewHits.some((hits) => holdsPartyBody(hits, topic.agents, topic.partyNamesBodies));
    for (const [i, v] of views.entries()) {
      tokens += v.prepared.count;
      const hits = viewHits[i];
      const posHits: Array<PhraseHit<TopicPhrase>> = [];
      const negHits: Array<PhraseHit<TopicPhrase>> = [];
      for (const h of hits) if (h.spec.data.kind === 'pos') posHits.push(h);
      // (not a negative inside a longer word that holds its letters without diacritics: "lao thanh" is "lão thành")
      for (const h of hits) if (h.spec.data.kind === 'neg' && !insideName(h, hits, partyBody)) negHits.push(h);
      for (const h of longestNonOverlapping(hits.filter((x) => x.spec.data.kind === 'implied'))) inItem.push(locate(h, v));
      const plenums = topic.plenums ? plenumHits(topic.plenums, v, hits) : [];
      for (const h of plenums) if (h.spec.data.kind === 'neg') negHits.push(h);
      for (const h of longestNonOverlapping(posHits)) pos.push(locate(withTrackedInside(h, posHits), v));
      // the congress's own plenum adds to the committee's name inside it ("Hội nghị lần thứ nhất BCH Đảng bộ tỉnh")
      for (const h of plenums) if (h.spec.data.kind === 'pos') pos.push(locate(h, v));
      // a negative inside a longer congress phrase is part of its name: "Đảng bộ Công ty ..." is a Party body, not a company
      for (const h of negHits) if (!insidePhrase(h, posHits) && !actsInsideCongress(h, v, posHits, s.foreignOwnerGap)) neg.push(locate(h, v));
      // (read after the model's decision only: another body as the claim's agent, origin, buyer or members is not a holder)
      if (topic.agents) {
        const found = agentHits(hits, posHits);
        // (with no agent word, only a person's description in parentheses can read a negative so)
        if (found.length || topic.agents.parenthesised)
          for (const h of negHits) {
            const reading = notTheHolder(h, v, posHits, found, topic.agents, s.foreignOwnerGap);
            if (reading) notHolders.push({ v, first: h.first, last: h.last, served: reading === 'served' });
          }
      }
    }
    if (s.impliedPairWeight > 0)
      for (const pair of impliedPairs(pos, s.nearWindow))
        pos.push({ ...pair, spec: { ...pair.spec, data: topicPhrase({ kind: 'pos', role: 'anchor', weight: s.impliedPairWeight, tracked: false }) } });
    const near: TopicHit[] = [];
    const events: TopicHit[] = [];
    for (const n of neg) {
      if (n.spec.data.kind !== 'neg' || n.spec.data.scope === 'item') continue;
      near.push(n);
      if (n.spec.data.scope === 'event') events.push(n);
    }
    // (the workplace's words beside the Party's own body, no gathering of another organisation: topic `bystanders`)
    const bystander =
      topic.bystanders.size && topic.agents && namesPartyBody(pos, topic.agents) && !this.heldByOther(views)
        ? (n: TopicHit) => hasAgentKey(topic.bystanders, n.spec.text)
        : undefined;
    const cancelledBy = cancellations(pos, near, events, s.nearWindow, bystander);
    let lead = false;
    for (const n of events) {
      n.view.otherEvent.add(n.sent);
      if (n.view.field === 'title' || n.sent === 0) lead = true;
    }
    let tracked = false;
    for (const p of pos) if (p.spec.data.kind === 'pos' && p.spec.data.tracked) tracked = true;
    const active: TopicHit[] = [];
    for (const p of pos) if (!cancelledBy.has(p)) active.push(p);
    const items: Item[] = [];
    const raw = topicRaw(pos, active, cancelledBy, neg, s, tokens, items);
    // the congress implied by an office and an act anywhere in an item that names no other organisation or event
    const implied = s.impliedPairWeight > 0 && !near.length && !events.length ? impliedAnywhere(pos, inItem) : undefined;
    // the same terms with the negatives that are not a gathering's holder left out (agent-congress.ts: after the model)
    let restored: { score: number; by: TopicHit[] } | undefined;
    // (a body serving the gathering it names after its verb, "Chi đoàn … đảm bảo y tế cho Đại hội", names the congress so)
    if (notHolders.length && (notHolders.some((x) => x.served) || namedBeyondBare(pos, topic.agents!))) {
      const held = (n: TopicHit) => notHolders.some((x) => x.v === n.view && x.first <= n.last && n.first <= x.last);
      const by = cancelledBy.size ? [...new Set(cancelledBy.values())].filter(held) : neg.filter(held);
      const kept = near.filter((n) => !held(n));
      const cancelled = cancellations(
        pos,
        kept,
        kept.filter((n) => n.spec.data.kind === 'neg' && n.spec.data.scope === 'event'),
        s.nearWindow,
        bystander,
      );
      const alt = topicRaw(
        pos,
        pos.filter((p) => !cancelled.has(p)),
        cancelled,
        neg,
        s,
        tokens,
        [],
      );
      if (by.length && alt > raw) restored = { score: saturate(alt, s.evidenceAtHalf), by };
    }
    // (any term of the topic, in any role, cancelled or not, or a Party office, an act or a sitting read for the implied
    // congress; not "lần này" or another event's sitting: other-news.ts)
    // (a term of `otherNewsUnmarked` typed with no mark at all, in lower case, is none here: "dang" is mostly "đang", not
    // "đảng"; the Party's name is written "Dang")
    const unmarked = (p: TopicHit) => {
      if (!topic.otherNewsUnmarked.has(unmarkedKey(p.spec.text))) return false;
      const pr = p.view.prepared;
      const written = pr.original.slice(pr.tokStart[p.tokFirst], pr.tokEnd[p.tokLast]);
      return !NON_ASCII.test(written) && written === written.toLowerCase();
    };
    const vocabulary =
      pos.some((p) => !unmarked(p)) || inItem.some((h) => h.spec.data.kind === 'implied' && h.spec.data.implies !== 'term' && h.spec.data.implies !== 'other');
    return { score: saturate(raw, s.evidenceAtHalf), items, aboutOtherEvent: lead && !tracked, implied, restored, vocabulary };
  }

  /** `isAnswering`: whether the item answers a question or a rumour by these cues' names (answeringItem). */
  private scoreCues(cues: CompiledCues, views: View[], facts: ItemCheck, headline: HeadlineDenial | null, isAnswering: boolean) {
    const items: Item[] = [];
    const groupTotals = new Map<number, number>();
    const seen = new Map<string, number>();
    const marks: CueMark[] = [];
    let raw = 0;
    const fields = views.map((v) => {
      const hits = this.matcher.hits<CuePhrase>(cues.set, v.raw, v.stream, v.accents, cues.parts);
      const negators: Array<PhraseHit<CuePhrase>> = [];
      const cueList: Array<PhraseHit<CuePhrase>> = [];
      const verbs: Array<PhraseHit<CuePhrase>> = [];
      const vague: Array<PhraseHit<CuePhrase>> = [];
      const words: Array<PhraseHit<CuePhrase>> = [];
      for (const h of hits) {
        const data = h.spec.data;
        const kind = data.kind;
        if (data.kind === 'negator') {
          if (!data.marked || writtenWithMarks(v, h)) negators.push(h);
        } else if (kind === 'cue') cueList.push(h);
        else if (kind === 'verb') verbs.push(h);
        else if (kind === 'word') words.push(h);
        else vague.push(h);
      }
      chainParts(this.matcher, cues, v, cueList);
      // (advice against passing news on holds its words: a shorter cue inside them, "kiểm chứng", is no more read than they are)
      const advised = cueList.filter((h) => advisedAgainst(cues, v.prepared, h));
      const opening = cueList.filter(
        (h) =>
          opensWhereRequired(cues, v.prepared, h) &&
          joinsWhereRequired(cues, v.prepared, h) &&
          headsWhereRequired(cues, v.prepared, h) &&
          asksWhereRequired(cues, v.prepared, h) &&
          !advised.some((a) => a.tokFirst <= h.tokFirst && h.tokLast <= a.tokLast),
      );
      // a negated rebuttal ("không ai đính chính": nobody has denied it) is no rebuttal at all
      const kept = negators.length ? opening.filter((h) => !(isRebuttal(cues, h) && isNegated(v, negators, h))) : opening;
      const uncrossed = words.length ? withoutCrossedCues(v, kept, words) : kept;
      const counted = cues.beforeAmount.syllables.size ? uncrossed.filter((h) => !endsBeforeAmount(v, h, cues.beforeAmount)) : uncrossed;
      // (a person's title before a name, typed without diacritics: "Chi Dinh Thi …" is "Chị Đinh Thị …", not "chỉ định")
      const titled = cues.personTitles.folded.size ? counted.filter((h) => !titleBeforeName(v, h, cues.personTitles)) : counted;
      // (a proper name opening on the cue's last syllable, typed without diacritics: "la Gia Kon" is "là Gia Kon", not "là giả")
      const read = cues.nameOpeners.size ? titled.filter((h) => !nameAfterCue(v, h, cues.nameOpeners)) : titled;
      return { v, negators, cueList: read, verbs, vague };
    });
    withBareVerdicts(cues, fields);
    withTurnedRebuttals(cues, fields);
    // (before any sentence is suppressed: the facts check reads the verdict's value as written)
    const denied = cues.turns ? withOfficialValuesDenied(cues, fields, facts) : [];
    withCounteredVerdicts(cues, fields, facts);
    withoutBorrowedFrames(cues, fields);
    // a title that denies the claim is a rebuttal: its sentence names the claim, the item's quotations are the rumour's
    if (headline) {
      const [first] = tokensOf(views[0].prepared, headline.start, headline.end);
      if (first >= 0) views[0].suppressed.add(views[0].prepared.tokSent[first]);
    }
    // A checklist fact-check rebuts line by line: each verdict line is a rumour it quotes.
    const checklists = views.map((v) => verdictLines(cues, v.prepared.original));
    const checklist = isChecklist(cues.file.checklist, [...checklists[0], ...checklists[1]]);
    // A rebuttal quotes the rumour it answers: the cues inside its quotation marks are the rumour's, not the author's.
    if (checklist) raw = scoreChecklist(cues, views, checklists, items, raw);
    const rebuttal = checklist || headline !== null || flaggedOutsideQuotes(cues, fields, 'rebuts');
    const versions = flaggedOutsideQuotes(cues, fields, 'citesVersions');
    // (every quotation of an item answering a question or a rumour is someone else's words: answeringItem)
    const answering = !rebuttal && isAnswering;
    const named = rebuttal || answering ? null : namedInItem(views, cues.quotationNames);
    for (const [index, { v, negators, cueList, verbs, vague }] of fields.entries()) {
      // (a line a reply quotes, "> …", is the message it answers, in any item)
      const replies = originalSpans(v.prepared, v.replies);
      // outside a rebuttal, a quotation named as someone else's words — "lời kêu gọi '…'" — is the rumour's, and so are
      // quotations listed, two or more joined by a comma, "và", "hay": "toàn tin “mua ghế”, “rò rỉ”"
      const quoted = rebuttal
        ? [...originalSpans(v.prepared, v.quotations), ...(checklist ? checklists[index].map((l) => l.span) : []), ...replies]
        : [
            ...originalSpans(v.prepared, [...(answering ? v.quotations : named![index]), ...listedQuotations(v.prepared, v.quotations, cues.listJoiners)]),
            ...replies,
          ];
      // (each part adds its weights to raw in turn, in the same order as one loop would)
      raw = scoreCueTerms(cues, v, cueList, negators, groupTotals, seen, items, marks, raw, quoted);
      // the rebuttal's own quotation is the rumour it answers, not a fabricated quote
      // (and an answering item's scare-quoted word is the rumour's word too: "không ai bị "rút tên"" under "Trước thông tin …")
      if (!rebuttal)
        raw = answering ? scoreQuotes(cues, v, verbs, vague, items, raw) : scoreScareQuotes(cues, v, items, scoreQuotes(cues, v, verbs, vague, items, raw));
      raw = scoreStyle(cues, v, items, raw, quoted);
    }
    if (cues.rules.length && marks.length) raw = scoreRules(cues, marks, items, raw);
    return { raw, items, versions, denied };
  }
}

/** The term of a title that denies the claim (headlineDenial). */
const HEADLINE_DENIAL = 'discourse: the headline denies the claim';

/** Gives a cue item the weight `kept` with `note` added to its explanation; returns the weight taken off. */
function reweigh(it: { e: ExplanationCore }, kept: number, note: string): number {
  const taken = it.e.weight - kept;
  it.e = { ...it.e, weight: kept, note: `${it.e.note ?? ''} (${note})` };
  return taken;
}

/** The structure clues that rebut a claim the item carries (a correction, a media debunk, a reply line's denial): `rebuts`. */
const REBUTTING_CLUES: ReadonlySet<StructureClue['kind']> = new Set(['correction', 'debunk', 'reply']);

/** The explanation of each kind of answer read by its structure: its term and note. */
const STRUCTURE_EXPLANATIONS: Record<StructureClue['kind'] | 'correctedClaim', [string, string]> = {
  correctedClaim: [
    'discourse: a reported claim corrected',
    "who says it: the item reports a claim, then an office or a statement gives the sheet's value of the same fact",
  ],
  correction: ['discourse: correction with its source', 'who says it: in its own voice the item denies a claim and gives the right value with its source'],
  versions: ['discourse: versions asked about', 'who says it: the item sets two versions others give against each other and asks which is right'],
  motive: ['discourse: a motive for asking', 'who says it: the item asks, and gives its own reason for asking'],
  dialogue: ['discourse: a chat answers the question', "who says it: a chat's answer line denies what the line before it asked"],
  reply: ['discourse: a reply line answers the question', 'who says it: a reply line quotes the message it answers, then denies it'],
  debunk: [
    'discourse: a media debunk',
    'who says it: the item says the clip or photo it names is doctored, old or from another event, or that the event did not happen',
  ],
};

/** Whether a cue of a group with `flag` occurs outside quotation marks. */
function flaggedOutsideQuotes(cues: CompiledCues, fields: Array<{ v: View; cueList: Array<PhraseHit<CuePhrase>> }>, flag: 'rebuts' | 'citesVersions'): boolean {
  for (const { v, cueList } of fields)
    for (const h of cueList) if (h.spec.data.kind === 'cue' && cues.file.groups[h.spec.data.group][flag] && !inQuotation(v.prepared, h.tokFirst)) return true;
  return false;
}
