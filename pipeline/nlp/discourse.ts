/**
 * Who says it: a pure reading of an item's discourse structure. It finds the clauses where the
 * item reports someone else's words — quotations, and reported speech after a rumour source and a
 * verb ("một số tài khoản lan truyền rằng ...", "trang X đăng: ...") — and the item's own voice
 * around them: does it deny, correct or question what it reports, and who speaks (an office or
 * spokesperson, the outlet, an anonymous "mình")? An item that reports a rumour and denies it in its
 * own voice answers the rumour; the cues inside its reported clauses are the rumour's words.
 *
 * Markers (quote pairs, reporting verbs, rumour sources, denials, speakers) are data:
 * config/discourse.yaml. Matching is on folded text (lowercase, no diacritics), whole words, so text
 * typed without diacritics reads the same.
 */
import { z } from 'zod';
import { foldVietnamese } from './fold.ts';
import { escapeRegExp } from '../../core/text.ts';
import { dotHeadsName } from './text.ts';

const phrases = z.array(z.string().min(1)).min(1);

export const discourseSchema = z
  .object({
    quotes: z.array(z.tuple([z.string().length(1), z.string().length(1)])).min(1),
    reporting: z.object({ rumourVerbs: phrases, plainVerbs: phrases, sources: phrases, selfSpeakers: phrases, resume: phrases }).strict(),
    stance: z.object({ denials: phrases, questions: phrases, counterDenials: phrases, denialsBeforeQuote: phrases, correctionOpeners: phrases }).strict(),
    speakers: z.object({ official: phrases, outlet: phrases, anonymous: phrases }).strict(),
    structures: z
      .object({
        correction: z
          .object({
            weight: z.number().max(0),
            denials: phrases,
            notAfter: phrases,
            notThen: phrases,
            values: phrases,
            stated: phrases,
            negators: phrases,
          })
          .strict(),
        versions: z.object({ weight: z.number().max(0), sources: phrases, verbs: phrases, contrast: phrases, insinuations: phrases }).strict(),
        motive: z.object({ weight: z.number().max(0), phrases, discounts: phrases.optional() }).strict(),
        correctedClaim: z
          .object({ weight: z.number().max(0), voices: phrases, negators: phrases, turns: phrases, setAgainst: phrases, values: phrases.optional() })
          .strict(),
        dialogueAnswer: z
          .object({ weight: z.number().max(0), answers: phrases, maxLabelWords: z.number().int().min(1) })
          .strict()
          .optional(),
        alternativeQuestion: z.object({ or: phrases, closers: phrases, leading: phrases }).strict().optional(),
        replyLine: z
          .object({
            weight: z.number().max(0),
            opens: phrases,
            answers: phrases,
            within: z.number().int().min(1),
            /**
             * A question told in the writer's own words, then denied by the next sentence's opening ("Có bạn hỏi ĐH 13 có
             * lùi sang tháng 3 không. Không nhé, …"; the 148th pass): `opens` a sentence, `answers` open the next one.
             */
            asked: z.object({ opens: phrases, answers: phrases, labels: phrases.optional(), labelledAnswers: phrases.optional() }).strict().optional(),
          })
          .strict()
          .optional(),
        mediaDebunk: z
          .object({
            weight: z.number().max(0),
            media: phrases,
            verdicts: phrases,
            sourced: phrases,
            elsewhere: phrases,
            eventWords: z.number().int().min(1),
            /** A year before `before` (four digits from 1900), after one of `words` ("năm 2016"): an earlier event. */
            earlierYear: z
              .object({ words: phrases, before: z.number().int().min(1901).max(9999) })
              .strict()
              .optional(),
            negators: phrases,
            noSuchEvent: phrases,
            close: phrases,
            /** Words that make the media an illustration (its source rebuts nothing): none between the media and the verdict. */
            illustrative: phrases,
            /** Cue groups naming the media in the debunk's sentence, before its verdict: cited, not offered (weight 0). */
            discounts: phrases.optional(),
          })
          .strict()
          .optional(),
        headlineDenial: z
          .object({
            weight: z.number().max(0),
            existential: phrases,
            plain: phrases,
            gap: z.number().int().min(0),
            claimNouns: phrases,
            verdicts: phrases,
            why: phrases,
            adverbs: phrases,
            sanctions: phrases,
            postings: phrases,
            contents: phrases,
            documents: phrases,
            /**
             * Claim nouns that open a title naming its claim unquoted, a verdict closing it ("Thông tin Đại hội … dời
             * sang cuối tháng 10 là sai sự thật"): at least `minClaimWords` words between them are the claim.
             */
            namedClaim: z
              .object({ openers: phrases, minClaimWords: z.number().int().min(1) })
              .strict()
              .optional(),
            /** Address words that may follow the verdict opening a text before its full stop ("Không đúng bạn ơi."). */
            answerTails: phrases.optional(),
            /** A title that asks a claim in its own words, then a verdict closing it or opening the text (the 141st pass). */
            askedClaim: z
              .object({ minClaimWords: z.number().int().min(1) })
              .strict()
              .optional(),
            /**
             * A fact-check's verdict label opening the title, then a colon or a dash and the claim it judges ("SAI: Đại hội
             * … dời về Nhà thi đấu Pleiku", "Tin giả: …"; the 148th pass): at least `minClaimWords` words after it.
             */
            labels: z
              .object({ verdicts: phrases, minClaimWords: z.number().int().min(1) })
              .strict()
              .optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    discount: z
      .object({
        official: z.number().min(0).max(1),
        outlet: z.number().min(0).max(1),
        unnamed: z.number().min(0).max(1),
        anonymous: z.number().min(0).max(1),
        question: z.number().min(0).max(1),
      })
      .strict(),
  })
  .strict();

export type DiscourseMarkers = z.infer<typeof discourseSchema>;

export type Speaker = 'official' | 'outlet' | 'anonymous' | 'unnamed';

/** A clause that reports someone else's words: [start, end) in the text passed in. */
export interface ReportedClause {
  start: number;
  end: number;
  kind: 'quote' | 'report';
  /** The reporting verb or quotation mark that opened it, as written. */
  marker: string;
}

/** A stance the item takes in its own voice (outside every reported clause). */
export interface VoiceClue {
  stance: 'denies' | 'questions' | 'counters';
  start: number;
  end: number;
  matched: string;
  speaker: Speaker;
  /** The words that named the speaker, as written, when one was found. */
  speakerText?: string;
}

export interface DiscourseAnalysis {
  reported: ReportedClause[];
  /** Own-voice denials, questions and counter-denials, in text order. */
  voice: VoiceClue[];
}

/** What an item's own voice does with the rumours it reports, and the weight left to their cues. */
export interface DiscourseVerdict {
  /** Weight kept by a cue inside a reported clause: 1 when the own voice neither denies nor questions. */
  factor: number;
  /** The clue that decided it (the strongest speaker's denial, else a question), or null. */
  clue: VoiceClue | null;
  /** Field (0 title, 1 text) of the clue. */
  field: number;
  /** Why reported cues weigh less, for explanations; null when they do not. */
  why: string | null;
}

/**
 * One list of phrases: a regular expression over folded text, and the accented forms of each
 * folded phrase. A match in accented text must be one of them ("nội bộ" is not "nói", "tin đồn"
 * not "đồn"); a match typed without diacritics stands for any.
 */
export interface Matcher {
  re: RegExp;
  accented: Map<string, Set<string>>;
}

/** The compiled markers: one regular expression per list (whole words of folded text). */
export interface CompiledDiscourse {
  markers: DiscourseMarkers;
  quoteClose: Map<string, string>;
  quoteOpen: RegExp;
  rumourVerbs: Matcher;
  plainVerbs: Matcher;
  sources: Matcher;
  selfBefore: RegExp;
  resume: Matcher;
  denials: Matcher;
  /** A denial predicate followed by a quotation (the match ends before the quotation mark). */
  denialsBeforeQuote: Matcher;
  /** A correction opening its sentence (the match must start the sentence, see analyse). */
  correctionOpeners: Matcher;
  questions: Matcher;
  counters: Matcher;
  official: Matcher;
  outlet: Matcher;
  anonymous: Matcher;
  /** Official or outlet speaker at the start of a clause (after a comma). */
  namedAfterComma: RegExp;
  /** Any stance marker, whole words: an item without one needs no further reading. */
  anyStance: RegExp;
  /** Answers read by their structure (structureClues); null without `structures` in the markers. */
  structures: CompiledStructures | null;
}

interface CompiledStructures {
  correction: { weight: number; denials: Matcher; notAfter: RegExp; notThen: Matcher; values: Matcher; stated: Matcher; negatorBefore: RegExp };
  versions: { weight: number; sources: Matcher; verbs: Matcher; contrast: RegExp; insinuations: Matcher };
  /** `discounts`: the cue keys (a group id, "rule <id>") a question with the asker's aim asks about, not asserts. */
  motive: { weight: number; phrases: Matcher; discounts: ReadonlySet<string> };
  correctedClaim: { weight: number; voices: Matcher; negatorBefore: RegExp; turns: Matcher; setAgainst: Matcher; values: RegExp | null };
  /** A chat's answer line: a speaker's label, a colon, then one of `answers` (dialogueAnswered). */
  dialogueAnswer: { weight: number; label: RegExp; answer: RegExp } | null;
  alternativeQuestion: { or: Matcher; closers: Matcher; leading: Matcher } | null;
  /** A reply line opening the text: the question it quotes, then its answer (repliedLine). */
  replyLine: {
    weight: number;
    opens: RegExp;
    answers: Matcher;
    within: number;
    /** A sentence opening with a question told (`opens`, group 1 its end), the next sentence opening with a denial. */
    /**
     * `labelled`: an answer's label and its colon ("Trả lời: …", "Đáp: …"); `labelledAnswers`: a bare denial after it,
     * its clause closed ("Trả lời: không."); `questions`: a label opening a sentence, read after a question.
     */
    asked: { opens: RegExp; answers: Matcher; labelled: RegExp | null; labelledAnswers: Matcher | null; questions: RegExp | null } | null;
  } | null;
  /** A media debunk or a denied event (mediaDebunked). */
  mediaDebunk: {
    weight: number;
    media: Matcher;
    verdicts: Matcher;
    sourced: Matcher;
    /** Another event or an earlier time within `eventWords` words after a verb of cutting or shooting. */
    elsewhere: RegExp;
    negatorBefore: RegExp;
    noSuchEvent: Matcher;
    close: Matcher;
    illustrative: Matcher;
    discounts: ReadonlySet<string>;
  } | null;
  headlineDenial: CompiledHeadlineDenial | null;
  /** A correction's denial: an item without one, and without a question mark, needs no structure reading. */
  any: RegExp;
}

interface CompiledHeadlineDenial {
  weight: number;
  existential: Matcher;
  plain: Matcher;
  gap: number;
  /** What may follow a quotation's close to the end of the title for it to be judged: a claim noun, a verdict. */
  verdictAfter: RegExp;
  /** A verdict closing a why-question, after an adverb or not. */
  whyVerdict: RegExp;
  /** A verdict that opens a text as its own sentence ("Sai. …", "Không đúng! …"): the answer to a title that asks. */
  answerOpens: RegExp;
  why: Matcher;
  sanctions: Matcher;
  postings: Matcher;
  contents: Matcher;
  documents: Matcher;
  /** A claim noun opening the title, the unquoted claim, a verdict closing it (group 1: the claim noun); or null. */
  namedClaim: { re: RegExp; minClaimWords: number } | null;
  /** The fewest words of a claim a title asks in its own words (askedClaim), or 0: not read. */
  askedClaimWords: number;
  /** A verdict label opening the title (`labels`), and the fewest words of the claim after it; or null. */
  labels: { verdicts: Matcher; minClaimWords: number } | null;
}

interface WordTrie {
  end: boolean;
  next: Map<string, WordTrie>;
}

function trieSource(node: WordTrie): string {
  return [...node.next]
    .map(([word, child]) => {
      if (!child.next.size) return escapeRegExp(word);
      // greedy: a longer phrase wins over its prefix, as in a list sorted longest first
      return `${escapeRegExp(word)}(?:\\s+(?:${trieSource(child)}))${child.end ? '?' : ''}`;
    })
    .join('|');
}

/** The alternative "|<word> <year before `before`>" of mediaDebunk.elsewhere (`earlierYear`), or nothing. */
function earlierYear(y: { words: string[]; before: number } | undefined): string {
  if (!y) return '';
  const years = Array.from({ length: y.before - 1900 }, (_, i) => String(1900 + i));
  return `|(?:${alternation(y.words)})\\s+(?:${years.join('|')})${E}`;
}

/** A negator ending right before a position, at most one word between ("không phải là ghép", "chưa xác nhận"): read by negated. */
function negatorJustBefore(negators: string[]): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${alternation(negators)})\\s+(?:[a-z]+\\s+)?$`);
}

/** Whether a negatorJustBefore pattern ends at folded offset `i` (read in the 24 characters before it). */
function negated(negatorBefore: RegExp, text: string, i: number): boolean {
  return negatorBefore.test(text.slice(Math.max(0, i - 24), i));
}

/**
 * The phrases as one expression over folded text, factored by shared leading words: the engine
 * tries a first word once, not once per phrase that starts with it (every position of every item).
 */
function alternation(list: string[]): string {
  const root: WordTrie = { end: false, next: new Map() };
  for (const phrase of list) {
    let node = root;
    for (const word of foldVietnamese(phrase).trim().split(/\s+/)) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return trieSource(root);
}

// Word edges in folded text (lowercase, no diacritics): ASCII classes keep the expressions free of
// Unicode property tests, which would cost at every position of every item.
const E = '(?![a-z0-9])';

export function words(list: string[], followedBy = ''): Matcher {
  const accented = new Map<string, Set<string>>();
  for (const p of list) {
    const key = foldVietnamese(p).trim().replace(/\s+/g, ' ');
    const forms = accented.get(key) ?? new Set<string>();
    forms.add(p.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' '));
    accented.set(key, forms);
  }
  // the left word edge is checked after a match (see wordStart): a leading lookbehind would be tried at every position
  return { re: new RegExp(`(?:${alternation(list)})${E}${followedBy}`, 'g'), accented };
}

function compileHeadlineDenial(h: NonNullable<NonNullable<DiscourseMarkers['structures']>['headlineDenial']>): CompiledHeadlineDenial {
  const verdicts = alternation(h.verdicts);
  return {
    weight: h.weight,
    existential: words(h.existential),
    plain: words(h.plain),
    gap: h.gap,
    // "' — câu nói không có thật", "': không có bằng chứng", "' – sai", "' là bịa đặt"
    verdictAfter: new RegExp(`^\\s*(?:[-\u2013\u2014:,]\\s*)?(?:(?:${alternation(h.claimNouns)})\\s+)?(?:${verdicts})${E}[\\s.!]*$`),
    whyVerdict: new RegExp(`(?<![a-z0-9])(?:(?:${alternation(h.adverbs)})\\s+)?(?:${verdicts})\\s*\\?[\\s?!.]*$`),
    answerOpens: new RegExp(`^\\s*(?:${verdicts})${E}${h.answerTails?.length ? `(?:\\s+(?:${alternation(h.answerTails)})${E})?` : ''}\\s*[.!]`),
    why: words(h.why),
    sanctions: words(h.sanctions),
    postings: words(h.postings),
    contents: words(h.contents),
    documents: words(h.documents),
    // "Thông tin <claim> là sai sự thật" (the claim unquoted, the title nothing but the claim and its verdict)
    namedClaim: h.namedClaim
      ? { re: new RegExp(`^\\s*(${alternation(h.namedClaim.openers)})\\s+(.+?)\\s+(?:${verdicts})${E}[\\s.!]*$`), minClaimWords: h.namedClaim.minClaimWords }
      : null,
    askedClaimWords: h.askedClaim?.minClaimWords ?? 0,
    labels: h.labels ? { verdicts: words(h.labels.verdicts), minClaimWords: h.labels.minClaimWords } : null,
  };
}

export function compileDiscourse(markers: DiscourseMarkers): CompiledDiscourse {
  const r = markers.reporting;
  const s = markers.stance;
  const sp = markers.speakers;
  const opens = `[${markers.quotes.map(([o]) => escapeRegExp(o)).join('')}]`;
  const beforeQuote = `(?=\\s*${opens})`;
  const st = markers.structures;
  const structures: CompiledStructures | null = st
    ? {
        correction: {
          weight: st.correction.weight,
          denials: words(st.correction.denials),
          notAfter: new RegExp(`(?<![a-z0-9])(?:${alternation(st.correction.notAfter)})\\s*$`),
          notThen: words(st.correction.notThen),
          // a value opener ("con số chính thức là") counts only with a number after it
          values: words(st.correction.values, '(?=\\s*[0-9])'),
          stated: words(st.correction.stated),
          negatorBefore: negatorJustBefore(st.correction.negators),
        },
        versions: {
          weight: st.versions.weight,
          sources: words(st.versions.sources),
          verbs: words(st.versions.verbs),
          contrast: new RegExp(`(?<![a-z0-9])(?:${alternation(st.versions.contrast)})\\s*$`),
          insinuations: words(st.versions.insinuations),
        },
        motive: { weight: st.motive.weight, phrases: words(st.motive.phrases), discounts: new Set(st.motive.discounts ?? []) },
        correctedClaim: {
          weight: st.correctedClaim.weight,
          voices: words(st.correctedClaim.voices),
          negatorBefore: negatorJustBefore(st.correctedClaim.negators),
          turns: words(st.correctedClaim.turns),
          setAgainst: words(st.correctedClaim.setAgainst),
          // "Số chính thức là 1.596", "Số đúng: 320": the marker, then the number it gives (group 1)
          values: st.correctedClaim.values
            ? new RegExp(`(?<![a-z0-9])(?:${alternation(st.correctedClaim.values)})\\s*:?\\s*([0-9][0-9.,]*[0-9]|[0-9])`, 'g')
            : null,
        },
        dialogueAnswer: st.dialogueAnswer
          ? {
              weight: st.dialogueAnswer.weight,
              label: new RegExp(`^\\s*([a-z0-9]+(?:\\s+[a-z0-9]+){0,${st.dialogueAnswer.maxLabelWords - 1}})\\s*:`),
              // a line "<label of 1..n words>: <answer>" (folded text, one line)
              answer: new RegExp(
                `^\\s*([a-z0-9]+(?:\\s+[a-z0-9]+){0,${st.dialogueAnswer.maxLabelWords - 1}})\\s*:\\s*(?:${alternation(st.dialogueAnswer.answers)})${E}`,
              ),
            }
          : null,
        alternativeQuestion: st.alternativeQuestion
          ? { or: words(st.alternativeQuestion.or), closers: words(st.alternativeQuestion.closers), leading: words(st.alternativeQuestion.leading) }
          : null,
        replyLine: st.replyLine
          ? {
              weight: st.replyLine.weight,
              // at the start of a line: "Trả lời chị hỏi (vụ) “…", then the quotation's open mark
              opens: new RegExp(`(?:^|\\n)\\s*(?:${alternation(st.replyLine.opens)})\\s*(?=${opens})`),
              answers: words(st.replyLine.answers),
              within: st.replyLine.within,
              // at the start of the text or of a sentence: "Có bạn hỏi …", the question told to its end
              asked: st.replyLine.asked
                ? {
                    opens: new RegExp(
                      `(?:^|[.!?\\n])\\s*(?:${alternation(st.replyLine.asked.opens)})${E}(?:[^.!?:\\n]|(?<=[0-9])[.:](?=[0-9]))*([.!?:\\n]|$)`,
                      'g',
                    ),
                    answers: words(st.replyLine.asked.answers),
                    labelled: st.replyLine.asked.labels?.length ? new RegExp(`^(?:${alternation(st.replyLine.asked.labels)})\\s*:\\s*`) : null,
                    labelledAnswers: st.replyLine.asked.labelledAnswers?.length ? words(st.replyLine.asked.labelledAnswers, '(?=\\s*(?:[.!,;\\n]|$))') : null,
                    // a label opening a sentence, after a question mark and its closing marks ("…?'. Trả lời: không.")
                    questions: st.replyLine.asked.labels?.length
                      ? new RegExp(`\\?[${CLOSERS}]*[.]?\\s*(?:${alternation(st.replyLine.asked.labels)})\\s*:`, 'g')
                      : null,
                  }
                : null,
            }
          : null,
        mediaDebunk: st.mediaDebunk
          ? {
              weight: st.mediaDebunk.weight,
              media: words(st.mediaDebunk.media),
              verdicts: words(st.mediaDebunk.verdicts),
              sourced: words(st.mediaDebunk.sourced),
              // another event, or a year before the congress's ("năm 2016", "năm 2019"), within n words
              elsewhere: new RegExp(
                `^(?:\\s+[a-z0-9]+){0,${st.mediaDebunk.eventWords}}?\\s+(?:(?:${alternation(st.mediaDebunk.elsewhere)})${E}${earlierYear(st.mediaDebunk.earlierYear)})`,
              ),
              negatorBefore: negatorJustBefore(st.mediaDebunk.negators),
              noSuchEvent: words(st.mediaDebunk.noSuchEvent),
              close: words(st.mediaDebunk.close),
              illustrative: words(st.mediaDebunk.illustrative),
              discounts: new Set(st.mediaDebunk.discounts ?? []),
            }
          : null,
        headlineDenial: st.headlineDenial ? compileHeadlineDenial(st.headlineDenial) : null,
        // (what a structure without a question needs: a correction's denial, a reply line's opening, a media verdict or a denied event)
        any: new RegExp(
          `(?:${alternation([
            ...st.correction.denials,
            ...(st.replyLine?.opens ?? []),
            ...(st.replyLine?.asked?.opens ?? []),
            ...(st.mediaDebunk ? [...st.mediaDebunk.verdicts, ...st.mediaDebunk.sourced, ...st.mediaDebunk.noSuchEvent] : []),
          ])})${E}`,
        ),
      }
    : null;
  return {
    markers,
    structures,
    quoteClose: new Map(markers.quotes.map(([o, c]) => [o, c])),
    quoteOpen: new RegExp(opens, 'g'),
    rumourVerbs: words(r.rumourVerbs),
    plainVerbs: words(r.plainVerbs),
    sources: words(r.sources),
    selfBefore: new RegExp(`(?<![a-z0-9])(?:${alternation(r.selfSpeakers)})(?:\\s+[a-z]+)?\\s*$`),
    resume: words(r.resume),
    denials: words(s.denials),
    denialsBeforeQuote: words(s.denialsBeforeQuote, beforeQuote),
    correctionOpeners: words(s.correctionOpeners),
    questions: words(s.questions),
    counters: words(s.counterDenials),
    official: words(sp.official),
    outlet: words(sp.outlet),
    anonymous: words(sp.anonymous),
    namedAfterComma: new RegExp(`^\\s*(?:${alternation([...sp.official, ...sp.outlet])})${E}`),
    // (a denial before a quotation counts only with its quotation: "không" alone is in most items;
    // the left word edge up front: this one list is read in every field, and it is long, so
    // positions inside words are best dropped before its alternatives are tried)
    anyStance: new RegExp(
      `(?<![a-z0-9])(?:(?:${alternation([...s.denials, ...s.questions, ...s.counterDenials, ...s.correctionOpeners])})${E}|(?:${alternation(s.denialsBeforeQuote)})${E}${beforeQuote})`,
    ),
  };
}

/** A folded text with, for each folded character, its offset in the text passed in. */
export interface Folded {
  folded: string;
  original: string;
  /** Offset in `original` of folded char i (length folded.length + 1); null: the identity. */
  toOriginal: ArrayLike<number> | null;
  /** Each list's matches in this text, found once. */
  cache: Map<Matcher, Array<[number, number]>>;
  /** The text's sentences and quotations, read once for the analysis and the structure reading (one markers set per text). */
  sentences?: Array<[number, number]>;
  quotes?: FoldedClause[];
  /** Its reported clauses (reportsOf) and a chat's lines answered by a denial (dialogueLinesOf), read once per text. */
  reports?: FoldedClause[];
  dialogue?: DialogueLine[];
  /** Its questions told in the writer's words and denied next (askedAndAnswered), read once: the view's replies and the structure reading share them. */
  asked?: Array<{ asked: [number, number]; answer: [number, number] }>;
  /** Abbreviations that head a name, as written (text.ts dotHeadsName); absent: none. */
  namePrefixes?: ReadonlySet<string>;
}

/** The text's sentences (folded offsets), read once for every reading of it (discourse, gatherings). */
export function sentencesOf(f: Folded): Array<[number, number]> {
  return (f.sentences ??= sentences(f));
}

function quotationsOf(d: CompiledDiscourse, f: Folded): FoldedClause[] {
  return (f.quotes ??= quotations(d, f.folded, sentencesOf(f)));
}

/** The first sentence ending at or after folded offset `i`, else the whole text (`length`). */
function sentenceTo(sents: Array<[number, number]>, i: number, length: number): [number, number] {
  return sents.find(([, e]) => e >= i) ?? [0, length];
}

export function at(f: Folded, i: number): number {
  return f.toOriginal ? f.toOriginal[i] : i;
}

const SENTENCE_END = /[.!?;]+(?=\s|$)|\n+/g;

/** Sentences end at . ! ? ; before a space, and at line breaks; not at a dot that heads a name (dotHeadsName). */
function sentences(f: Folded): Array<[number, number]> {
  const text = f.folded;
  const out: Array<[number, number]> = [];
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (f.namePrefixes && m[0] === '.' && dotHeadsName(f.original, at(f, m.index), f.namePrefixes)) continue;
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push([from, text.length]);
  return out;
}

const MARKED = /[^\0-\x7f]/;
const WORD_CHAR = /[a-z0-9]/;

function wordStart(text: string, i: number): boolean {
  return i === 0 || !WORD_CHAR.test(text[i - 1]);
}

/** Matches of `m` in the whole folded text whose accents, where the text has any, are the phrase's (read once per text). */
function matchesOf(m: Matcher, f: Folded): Array<[number, number]> {
  let out = f.cache.get(m);
  if (out) return out;
  out = [];
  const re = m.re;
  re.lastIndex = 0;
  for (let r = re.exec(f.folded); r; r = re.exec(f.folded)) {
    if (!wordStart(f.folded, r.index)) {
      re.lastIndex = r.index + 1;
      continue;
    }
    const end = r.index + r[0].length;
    const written = f.original.slice(at(f, r.index), at(f, end)).normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
    const unaccented = !MARKED.test(written.replace(/đ/g, 'd'));
    if (unaccented || m.accented.get(r[0].replace(/\s+/g, ' '))?.has(written)) out.push([r.index, end]);
  }
  f.cache.set(m, out);
  return out;
}

/** The matches of `m` within folded [from, to). */
function all(m: Matcher, f: Folded, from = 0, to = f.folded.length): Array<[number, number]> {
  return matchesOf(m, f).filter(([a, b]) => a >= from && b <= to);
}

function inside(spans: Array<{ start: number; end: number }>, a: number, b: number): boolean {
  for (const s of spans) if (s.start <= a && b <= s.end) return true;
  return false;
}

/** A reported clause in folded offsets, with where its marker is. */
type FoldedClause = ReportedClause & { markerAt: [number, number] };

/** Quotations, in folded offsets (an unclosed quotation runs to the end of its sentence). */
function quotations(d: CompiledDiscourse, text: string, sents: Array<[number, number]>): FoldedClause[] {
  const out: FoldedClause[] = [];
  d.quoteOpen.lastIndex = 0;
  for (let m = d.quoteOpen.exec(text); m; m = d.quoteOpen.exec(text)) {
    const close = text.indexOf(d.quoteClose.get(m[0])!, m.index + 1);
    const sentEnd = sents.find(([, e]) => e > m!.index)?.[1] ?? text.length;
    const end = close < 0 ? sentEnd : close + 1;
    out.push({ start: m.index, end, kind: 'quote', marker: m[0], markerAt: [m.index, m.index + 1] });
    d.quoteOpen.lastIndex = end;
  }
  return out;
}

/**
 * Reported speech of one sentence: a rumour verb, or a plain verb after a rumour source, whose
 * speaker is not the item itself ("tôi cho rằng") nor a named office or the outlet ("Ban Tổ chức
 * cho rằng ..." is the answer, not the rumour). The clause runs from the source (else the verb) to
 * the close of the first quotation after the verb, else to where the own voice resumes ("nhưng
 * thực tế", ", Văn phòng Tỉnh ủy ..."), or to the end of the sentence.
 */
function reports(d: CompiledDiscourse, f: Folded, [from, to]: [number, number], quotes: FoldedClause[], out: FoldedClause[]): void {
  const text = f.folded;
  const verbs = [...all(d.rumourVerbs, f, from, to).map((v) => [...v, 1]), ...all(d.plainVerbs, f, from, to).map((v) => [...v, 0])].sort((a, b) => a[0] - b[0]);
  let doneTo = from;
  for (const [vs, ve, rumour] of verbs) {
    if (vs < doneTo || inside(quotes, vs, ve)) continue;
    const before = text.slice(from, vs);
    // (a source whose name ends in the speaker's word, right before the verb, is no self: "nhiều em ghi …")
    const self = d.selfBefore.exec(before);
    if (self && !all(d.sources, f, from, vs).some(([a, b]) => a <= from + self.index && /^\s*$/.test(text.slice(b, vs)))) continue;
    // a verb inside a source's name is no verb ("tin đồn", "bài đăng"), nor one that is a speaker ("báo" typed as "bao")
    if (all(d.sources, f, from, to).some(([a, b]) => a <= vs && ve <= b && b - a > ve - vs)) continue;
    if ([...all(d.official, f, vs, to), ...all(d.outlet, f, vs, to)].some(([a]) => a === vs)) continue;
    // each clause names its own source, after the previous one
    const sources = all(d.sources, f, doneTo, vs);
    const named = [...all(d.official, f, doneTo, vs), ...all(d.outlet, f, doneTo, vs)];
    const lastSource = sources.length ? sources[sources.length - 1][0] : -1;
    const lastNamed = named.length ? Math.max(...named.map((n) => n[0])) : -1;
    if (lastNamed > lastSource) continue;
    if (!rumour && lastSource < 0) continue;
    let end = to;
    const next = /^\s*:?\s*/.exec(text.slice(ve, to))![0].length + ve;
    // the reported words are the quotation that follows the verb, when there is one in its sentence
    const quote = quotes.find((q) => q.start >= next && q.start < to);
    if (quote) end = quote.end;
    else {
      const resume = all(d.resume, f, ve, to)[0];
      if (resume) end = resume[0];
      for (let c = text.indexOf(',', ve); c >= 0 && c < end; c = text.indexOf(',', c + 1))
        if (d.namedAfterComma.test(text.slice(c + 1, end))) {
          end = c;
          break;
        }
    }
    out.push({ start: lastSource >= 0 ? lastSource : vs, end, kind: 'report', marker: text.slice(vs, ve), markerAt: [vs, ve] });
    doneTo = end;
  }
}

/** The reported clauses of every sentence of the text (reports), in order, read once: analyse and correctedClaims share them. */
function reportsOf(d: CompiledDiscourse, f: Folded): FoldedClause[] {
  if (!f.reports) {
    const quotes = quotationsOf(d, f);
    const out: FoldedClause[] = [];
    for (const s of sentencesOf(f)) reports(d, f, s, quotes, out);
    f.reports = out;
  }
  return f.reports;
}

/** The speaker of a stance at [a, b) in sentence [from, to): the nearest name before it, else after it. */
function speakerOf(
  d: CompiledDiscourse,
  f: Folded,
  [from, to]: [number, number],
  a: number,
  b: number,
  reported: ReportedClause[],
): { speaker: Speaker; span?: [number, number] } {
  const kinds: Array<[Speaker, Matcher]> = [
    ['official', d.official],
    ['outlet', d.outlet],
    ['anonymous', d.anonymous],
  ];
  let best: { speaker: Speaker; span?: [number, number] } = { speaker: 'unnamed' };
  let bestDistance = Infinity;
  for (const [speaker, re] of kinds)
    for (const [s, e] of all(re, f, from, to)) {
      if (inside(reported, s, e) || (s < b && e > a)) continue;
      // before the stance counts first; a name after it ("..., Văn phòng Tỉnh ủy khẳng định") next
      const distance = e <= a ? a - e : 1000 + s - b;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { speaker, span: [s, e] };
      }
    }
  return best;
}

function hasStance(d: CompiledDiscourse, text: string): boolean {
  return d.anyStance.test(text);
}

function analyse(d: CompiledDiscourse, f: Folded): DiscourseAnalysis {
  const text = f.folded;
  // most items neither deny nor question anything: nothing more to read
  if (!hasStance(d, text)) return { reported: [], voice: [] };
  const sents = sentencesOf(f);
  const quotes = quotationsOf(d, f);
  const reported: FoldedClause[] = [...quotes, ...reportsOf(d, f)];
  const voice: VoiceClue[] = [];
  const stances: Array<[VoiceClue['stance'], Matcher]> = [
    ['counters', d.counters],
    ['denies', d.denials],
    ['denies', d.denialsBeforeQuote],
    ['denies', d.correctionOpeners],
    ['questions', d.questions],
  ];
  const taken: Array<{ start: number; end: number }> = [];
  for (const [stance, re] of stances)
    for (const [a, b] of all(re, f)) {
      // a stance word inside a longer one already read ("không phải tin giả" is no denial); a
      // question between versions is the asker's even where a report runs on ("trang X ghi 17, bên nào đúng?")
      if (inside(stance === 'questions' || re === d.denialsBeforeQuote ? quotes : reported, a, b) || taken.some((t) => t.start < b && a < t.end)) continue;
      const sent = sentenceTo(sents, b, text.length);
      if (re === d.correctionOpeners && text.slice(sent[0], a).trim()) continue;
      taken.push({ start: a, end: b });
      const { speaker, span } = speakerOf(d, f, sent, a, b, reported);
      const clue: VoiceClue = { stance, start: at(f, a), end: at(f, b), matched: f.original.slice(at(f, a), at(f, b)), speaker };
      if (span) clue.speakerText = f.original.slice(at(f, span[0]), at(f, span[1]));
      voice.push(clue);
    }
  voice.sort((x, y) => x.start - y.start);
  reported.sort((x, y) => x.start - y.start);
  return {
    reported: reported.map((r) => ({
      start: at(f, r.start),
      end: at(f, r.end),
      kind: r.kind,
      marker: f.original.slice(at(f, r.markerAt[0]), at(f, r.markerAt[1])),
    })),
    voice,
  };
}

/** A text (any normalisation) folded for reading, with every folded char's offset in it (`namePrefixes`: see Folded). */
export function foldForReading(text: string, namePrefixes?: ReadonlySet<string>): Folded {
  let folded = '';
  const map: number[] = [];
  // fold per code unit, dropping combining marks, so every folded char keeps its original offset
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x300 && code <= 0x36f) continue;
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const ch = pair ? text.slice(i, i + 2) : text[i];
    const fc = foldVietnamese(ch);
    for (let k = 0; k < fc.length; k++) map.push(i);
    folded += fc;
    if (pair) i++;
  }
  map.push(text.length);
  return { folded, original: text, toOriginal: map, cache: new Map(), namePrefixes };
}

/** Reads the discourse of a text (any normalisation); offsets are into the string passed in. */
export function analyseDiscourse(text: string, d: CompiledDiscourse): DiscourseAnalysis {
  return analyse(d, foldForReading(text));
}

/** A reading of text already folded by the classifier (text.ts), with its offset map: analyseFolded and structuresOfFolded share it. */
export function foldedReading(folded: string, original: string, toOriginal: ArrayLike<number> | null, namePrefixes?: ReadonlySet<string>): Folded {
  return { folded, original, toOriginal, cache: new Map(), namePrefixes };
}

/** The same reading on a field's foldedReading. */
export function analyseFolded(d: CompiledDiscourse, f: Folded): DiscourseAnalysis {
  return analyse(d, f);
}

const RANK: Record<Speaker, number> = { official: 0, outlet: 1, unnamed: 2, anonymous: 3 };

/**
 * The item's verdict from its fields' analyses (title, text): a counter-denial anywhere keeps
 * every cue's weight (the item calls the denial the lie); else a denial — the most authoritative
 * speaker's — discounts the reported clauses' cues by that speaker's factor; else a question does.
 */
export function discourseVerdict(d: CompiledDiscourse, fields: DiscourseAnalysis[]): DiscourseVerdict {
  const none: DiscourseVerdict = { factor: 1, clue: null, field: -1, why: null };
  if (!fields.some((a) => a.reported.length)) return none;
  let best: { clue: VoiceClue; field: number } | null = null;
  let question: { clue: VoiceClue; field: number } | null = null;
  for (let field = 0; field < fields.length; field++)
    for (const clue of fields[field].voice) {
      if (clue.stance === 'counters') return { ...none, clue, field };
      if (clue.stance === 'questions') question ??= { clue, field };
      else if (!best || RANK[clue.speaker] < RANK[best.clue.speaker]) best = { clue, field };
    }
  const chosen = best ?? question;
  if (!chosen) return none;
  const { clue, field } = chosen;
  const who =
    clue.speaker === 'unnamed'
      ? 'the item'
      : `${clue.speaker === 'anonymous' ? 'a first-person speaker' : `an ${clue.speaker} speaker`}${clue.speakerText ? ` ("${clue.speakerText}")` : ''}`;
  const factor = clue.stance === 'questions' ? d.markers.discount.question : d.markers.discount[clue.speaker];
  const verb = clue.stance === 'questions' ? 'asks which version is right' : 'denies or corrects it';
  return { factor, clue, field, why: `inside a reported or quoted clause; in its own voice ${who} ${verb} ("${clue.matched}")` };
}

/** Whether original offset `at` lies in one of the reported clauses. */
export function inReportedClause(a: DiscourseAnalysis, at: number): boolean {
  for (const r of a.reported) if (r.start <= at && at < r.end) return true;
  return false;
}

/** An answer read by its structure (structureClues): its kind, where it is (offsets into the text passed in) and its weight. */
export interface StructureClue {
  kind: 'correction' | 'versions' | 'motive' | 'dialogue' | 'debunk' | 'reply';
  start: number;
  end: number;
  matched: string;
  weight: number;
}

/**
 * Answers read by their structure rather than by a word, in one field (config/discourse.yaml, `structures`):
 * - a **correction**: in the item's own voice a denial ("không phải", "là nhầm") and, in its sentence or the next, the
 *   right value with its source — a value opener before a number ("con số chính thức là 1.590", "đúng là 51") or a
 *   statement made plain ("báo tỉnh đăng rõ", "BTC công bố từ tháng 12"), not negated ("chưa công bố"). A denial after
 *   "chứ" asserts what came before it ("hơn 2000 chứ không phải 1587 như báo đưa"), one before "mà" what comes after
 *   it ("không phải một mà nhiều lần"), and neither counts.
 * - **versions asked about**: two versions attributed to others (a source and a verb of saying), the second set against
 *   the first ("…, còn báo thì nói …", "trang kia lại ghi …"), and an open question; a question that insinuates
 *   ("sao báo không đưa?", "có phải … không?") is the rumour's, and nothing is read then.
 * - **a motive for asking**: the asker's own reason ("mình cần biết để sắp xếp công việc", "muốn hỏi cho rõ", "tui hổng
 *   muốn share sai") beside an open question.
 * At most one clue of each kind.
 */
function structureClues(d: CompiledDiscourse, f: Folded, quotes: FoldedClause[]): StructureClue[] {
  const st = d.structures!;
  const text = f.folded;
  const sents = sentencesOf(f);
  const sentenceAt = (i: number) =>
    Math.max(
      0,
      sents.findIndex(([, e]) => e >= i),
    );
  const out: StructureClue[] = [];
  const clue = (kind: StructureClue['kind'], a: number, b: number, weight: number): StructureClue => ({
    kind,
    start: at(f, a),
    end: at(f, b),
    matched: f.original.slice(at(f, a), at(f, b)),
    weight,
  });
  // a question in the field, and none that insinuates ("mà sao báo không ai đưa?", "có phải … không?")
  const openQuestion = () => {
    const questions = sents.filter(([, q]) => text[q] === '?');
    return questions.length > 0 && !questions.some(([x, y]) => all(st.versions.insinuations, f, x, y).length);
  };
  const c = st.correction;
  for (const [a, b] of all(c.denials, f)) {
    // (inside a report it may be the report's own predicate: "nhóm ghi 13 người là nhầm")
    if (inside(quotes, a, b)) continue;
    const si = sentenceAt(a);
    if (c.notAfter.test(text.slice(sents[si]?.[0] ?? 0, a))) continue;
    // "không phải X mà Y" asserts Y (in the denial's clause)
    const clauseEnd = Math.min(sents[si]?.[1] ?? text.length, ...[text.indexOf(',', b)].filter((i) => i >= 0));
    if (all(c.notThen, f, b, clauseEnd).length) continue;
    const windowEnd = sents[Math.min(si + 1, sents.length - 1)]?.[1] ?? text.length;
    const value = [...all(c.values, f, b, windowEnd), ...all(c.stated, f, b, windowEnd)]
      .filter(([s, e]) => !inside(quotes, s, e) && !negated(c.negatorBefore, text, s))
      .sort((x, y) => x[0] - y[0])[0];
    if (value) {
      out.push(clue('correction', a, value[1], c.weight));
      break;
    }
  }
  // a media debunk ("cái clip “…” là cắt từ <another event>") or a denied event ("ko có vụ … đâu")
  const debunk = mediaDebunked(d, f, quotes, sents);
  if (debunk) out.push(clue('debunk', debunk[0], debunk[1], st.mediaDebunk!.weight));
  // a reply line quoting what it answers, then its answer ("Trả lời chị hỏi vụ “…”: không đúng đâu chị")
  // … or a question told in the writer's own words, denied by the next sentence ("Có bạn hỏi … không. Không nhé, …")
  const reply = repliedLine(d, f, quotes) ?? askedAndAnswered(d, f)[0]?.answer;
  if (reply) out.push(clue('reply', reply[0], reply[1], st.replyLine!.weight));
  // (versions and a motive go with a question)
  if (!text.includes('?')) return out;
  const v = st.versions;
  // the second version: a source and its verb of saying, set against what came before ("còn báo thì nói", "trang kia lại ghi")
  for (const [s, e] of all(v.sources, f)) {
    if (inside(quotes, s, e)) continue;
    const [from, to] = sents[sentenceAt(s)] ?? [0, text.length];
    const verb = all(v.verbs, f, e, Math.min(to, e + 25))[0];
    if (!verb || !(v.contrast.test(text.slice(from, s)) || v.contrast.test(text.slice(e, verb[0]).trimEnd()))) continue;
    // the first: any verb of saying before it, outside quotations ("Bạn tui nói …, còn báo thì nói …")
    if (!all(v.verbs, f, 0, s).some(([x, y]) => !inside(quotes, x, y))) continue;
    if (openQuestion()) out.push(clue('versions', s, verb[1], v.weight));
    break;
  }
  // the asker's own reason for asking, beside an open question ("mình cần biết để sắp xếp công việc", "tui hổng muốn share sai")
  const motive = all(st.motive.phrases, f).find(([a, b]) => !inside(quotes, a, b));
  if (motive && openQuestion()) out.push(clue('motive', motive[0], motive[1], st.motive.weight));
  // a chat's answer line denying what the line before it asked ("Khách: … thật không ạ?" / "Shop: Không đâu …")
  const answer = st.dialogueAnswer ? dialogueLinesOf(d, f)[0] : undefined;
  if (answer) out.push(clue('dialogue', answer.answer[0], answer.answer[1], st.dialogueAnswer!.weight));
  return out;
}

/**
 * A reply line (`structures.replyLine`; the 141st pass, study122's R d): a line opening with "Trả lời <chị / bạn> hỏi
 * (vụ) / viết" right before a quotation — the message answered — then, after the quotation and within `within`
 * characters, outside any quotation, an answer that denies it ("không đúng đâu chị", "Có thể bạn nhầm"). Folded span of
 * the answer, or null.
 */
function repliedLine(d: CompiledDiscourse, f: Folded, quotes: FoldedClause[]): [number, number] | null {
  const rl = d.structures?.replyLine;
  if (!rl) return null;
  const text = f.folded;
  const m = rl.opens.exec(text);
  if (!m) return null;
  const q = quotes.find((x) => x.start === m.index + m[0].length);
  if (!q) return null;
  return all(rl.answers, f, q.end, Math.min(text.length, q.end + rl.within)).find(([a, b]) => !inside(quotes, a, b)) ?? null;
}

/**
 * A question told in the writer's own words (`structures.replyLine.asked`; the 148th pass, study123's R): a sentence
 * opening with "Có bạn hỏi …" (at the text's start or after a sentence's end), and the next sentence opening with a denial
 * ("Không nhé, vẫn họp từ 26/1 …", "Không đâu, …"). The question is the message the reply answers — read as a reply's
 * quoted line ("> …"): its claims and cues are cited. Not an answer that agrees ("Có nhé"), that does not open the next
 * sentence, or "Không biết" (no denial). Folded spans of each question and its answer.
 */
export function askedAndAnswered(d: CompiledDiscourse | null, f: Folded): Array<{ asked: [number, number]; answer: [number, number] }> {
  return (f.asked ??= questionsAnswered(d, f));
}

function questionsAnswered(d: CompiledDiscourse | null, f: Folded): Array<{ asked: [number, number]; answer: [number, number] }> {
  const a = d?.structures?.replyLine?.asked;
  if (!a) return [];
  const text = f.folded;
  const out: Array<{ asked: [number, number]; answer: [number, number] }> = [];
  a.opens.lastIndex = 0;
  for (let m = a.opens.exec(text); m; m = a.opens.exec(text)) {
    const end = m.index + m[0].length;
    // (the question starts at its opener's first letter, after the sentence's end the match may open with)
    const start = m.index + m[0].search(/[a-z0-9]/);
    const answer = answerAt(a, f, end);
    if (answer) out.push({ asked: [start, end], answer });
    // (the next question may open right where this one closed)
    a.opens.lastIndex = Math.max(m.index + 1, end - 1);
  }
  // … and any question answered under a label opening the next sentence ("Có người hỏi: “… 1.587 đại biểu không?”. Trả
  // lời: không.", "… có đúng không?' Trả lời: không đúng."): the question's sentence is the one asked
  if (a.questions) {
    a.questions.lastIndex = 0;
    for (let m = a.questions.exec(text); m; m = a.questions.exec(text)) {
      const mark = m.index;
      const answer = answerAt(a, f, mark + 1);
      if (!answer || out.some((x) => x.answer[0] === answer[0])) continue;
      // (the question opens after the last sentence's end before its mark; a number's dots are none: "1.587")
      let from = mark - 1;
      while (from >= 0 && !(/[.!?\n]/.test(text[from]) && !(text[from] === '.' && /[0-9]/.test(text[from - 1] ?? '') && /[0-9]/.test(text[from + 1] ?? ''))))
        from--;
      const start = from + 1 + (text.slice(from + 1).length - text.slice(from + 1).trimStart().length);
      if (start < mark) out.push({ asked: [start, mark + 1], answer });
    }
  }
  return out;
}

/** Closing quotation marks and brackets a question may end inside ("…một phần?'."). */
const CLOSERS = `'"\u201d\u2019\u00bb)\\]`;
const CLOSING = new RegExp(`^[\\s${CLOSERS}]*[.!?]*\\s*`);

/**
 * The denial answering a question that ends at folded offset `end`: after its closing marks and a sentence's end, one of
 * `answers` opening the next sentence ("Không nhé, …"), or an answer's label and its colon, then one of `answers` or of
 * `labelledAnswers` closed by a clause mark ("Trả lời: không.", "Trả lời: không đúng."). Not "Trả lời: có …", nor "Trả
 * lời: không biết" (no denial). Folded span of the denial, or undefined.
 */
function answerAt(a: NonNullable<NonNullable<CompiledStructures['replyLine']>['asked']>, f: Folded, end: number): [number, number] | undefined {
  const text = f.folded;
  let next = end + CLOSING.exec(text.slice(end))![0].length;
  const label = a.labelled?.exec(text.slice(next));
  if (label) next += label[0].length;
  const at = ([x]: [number, number]) => x === next;
  return all(a.answers, f, next).find(at) ?? (label && a.labelledAnswers ? all(a.labelledAnswers, f, next).find(at) : undefined);
}

/** How far after a verb of cutting or shooting `mediaDebunk.elsewhere` is read (characters: its `eventWords` words and more). */
const ELSEWHERE_CHARS = 160;

/**
 * A media debunk (`structures.mediaDebunk`; the 141st pass, study122's R a): a clip, screenshot, photo or video named in
 * a sentence (outside quotation marks), then in that sentence the own voice's verdict on what it shows — doctored or old
 * ("Cái ảnh chụp màn hình “…” là ghép nha", "là ảnh cũ"), or cut or shot from another event, another event or an earlier
 * year within a few words after the verb ("cái clip “…” là cắt từ Đại hội Hội Nông dân tỉnh năm ngoái", "quay ở đám
 * cưới bên Chư Sê", "ghép từ một phim tài liệu cũ năm 2016"); or an event said not to have happened, its close in the
 * same sentence ("ko có vụ đại biểu nhận phong bì ở sảnh đâu mn ơi"). Not a verdict negated right before it ("không
 * phải là ghép"), in a sentence that asks or turns after it ("…, nhưng …"), nor in a field that counters a denial
 * ("… là thật"). Folded span of the verdict, or null.
 */
function mediaDebunked(d: CompiledDiscourse, f: Folded, quotes: FoldedClause[], sents: Array<[number, number]>): [number, number] | null {
  const md = d.structures?.mediaDebunk;
  if (!md) return null;
  const text = f.folded;
  // each candidate verdict, and whether it judges a media named before it (else it denies an event)
  const judging = (spans: Array<[number, number]>, onMedia: boolean) => spans.map(([a, b]): [number, number, boolean] => [a, b, onMedia]);
  const candidates = [
    ...judging(all(md.verdicts, f), true),
    ...judging(
      all(md.sourced, f).filter(([, b]) => md.elsewhere.test(text.slice(b, b + ELSEWHERE_CHARS))),
      true,
    ),
    ...judging(all(md.noSuchEvent, f), false),
  ].sort((x, y) => x[0] - y[0]);
  if (!candidates.length || all(d.counters, f).length) return null;
  for (const [a, b, onMedia] of candidates) {
    if (inside(quotes, a, b) || negated(md.negatorBefore, text, a)) continue;
    const [from, to] = sentenceTo(sents, b, text.length);
    if (text[to] === '?' || all(d.resume, f, b, to).length) continue;
    if (onMedia) {
      const named = all(md.media, f, from, a).find(([x, y]) => !inside(quotes, x, y));
      // (an illustration's source rebuts nothing: "Hình ảnh minh họa trong video là ảnh chụp từ một hội nghị khác")
      if (!named || all(md.illustrative, f, from, a).length) continue;
    } else if (!all(md.close, f, b, to).some(([x, y]) => !inside(quotes, x, y))) continue;
    return [a, b];
  }
  return null;
}

/** The structure clues of a text (any normalisation); offsets are into the string passed in. */
export function structuresOf(text: string, d: CompiledDiscourse): StructureClue[] {
  return structuresOfFolded(d, foldForReading(text));
}

/** The same on a field's foldedReading. */
export function structuresOfFolded(d: CompiledDiscourse, f: Folded): StructureClue[] {
  if (!d.structures || !(f.folded.includes('?') || d.structures.any.test(f.folded))) return [];
  return structureClues(d, f, quotationsOf(d, f));
}

/** The voice that corrects a reported claim (correctedClaims, headlineCorrection): offsets into the text, as written. */
export interface ClaimCorrection {
  claim: number;
  start: number;
  end: number;
  matched: string;
  /** The voice's start in folded offsets (correctedClaims). */
  at?: number;
}

/**
 * Reported claims corrected by their structure rather than by a verdict word (config/discourse.yaml,
 * `structures.correctedClaim`): a claim inside a quotation (`quoted`: double and single marks, folded offsets) or a
 * reported clause ("một số bài viết nói …", "thông tin lan truyền rằng …"), then, after it and outside any report, a
 * statement of the same fact that agrees with the sheet (`confirmations[k]` for `claims[k]`), with a voice that states
 * it before it in its sentence: an office or a statement verb ("Ban Tổ chức khẳng định", "theo Văn phòng Tỉnh ủy",
 * "thực tế", "con số đúng"), not negated ("chưa xác nhận") and not turned after the value ("…, nhưng …"). "Trước thông
 * tin 'lùi sang tháng 11', Ban Tổ chức khẳng định Đại hội diễn ra từ 20 đến 22/10" is a correction; "Báo đưa 51 người,
 * thật ra 55" is not (the official value is the reported one, the claim the writer's own). `headline[k]`: the claim is
 * corrected already by the item's title (headlineCorrection), so it needs only to be reported.
 */
export function correctedClaims(
  d: CompiledDiscourse,
  f: Folded,
  claims: ReadonlyArray<readonly [number, number]>,
  confirmations: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
  quoted: ReadonlyArray<readonly [number, number]>,
  headline: ReadonlyArray<ClaimCorrection | null>,
): ClaimCorrection[] {
  const cc = d.structures?.correctedClaim;
  if (!cc) return [];
  const text = f.folded;
  const sents = sentencesOf(f);
  const quotes = quotationsOf(d, f);
  const reported = reportsOf(d, f);
  const marked = [...quotes, ...quoted.map(([start, end]) => ({ start, end }))];
  const out: ClaimCorrection[] = [];
  claims.forEach(([a], k) => {
    const around = [...marked, ...reported].filter((r) => r.start <= a && a < r.end);
    if (!around.length) return;
    const title = headline[k];
    if (title) {
      out.push({ ...title, claim: k });
      return;
    }
    // the claim's own words end with its quotation, else its report; a report running on past them (to the end of the
    // sentence: "… cho rằng '…', ông X khẳng định: '…'") is not the correction's
    const after = Math.min(...around.map((r) => r.end));
    const later = reported.filter((r) => r.start >= after);
    for (const [s, e] of confirmations[k]) {
      if (s < after || inside(later, s, e)) continue;
      const [from, to] = sentenceTo(sents, s, text.length);
      const voice = all(cc.voices, f, Math.max(from, after), s).find(
        ([x, y]) => !inside(marked, x, y) && !inside(later, x, y) && !negated(cc.negatorBefore, text, x),
      );
      if (!voice || all(cc.turns, f, e, to).length) continue;
      out.push({ claim: k, start: at(f, voice[0]), end: at(f, voice[1]), matched: f.original.slice(at(f, voice[0]), at(f, voice[1])), at: voice[0] });
      break;
    }
  });
  // the correction reaches every figure of the reported sentence it corrects: "… ghi Đại hội tỉnh có 350 đại biểu, đại
  // diện 66.000 đảng viên – con số này sai. Số đúng: …" (the 135th pass) — a claim after the corrected one in its
  // sentence and before the voice, with no turn between them
  const found = out.length;
  for (let i = 0; i < found; i++) {
    const c = out[i];
    const [a] = claims[c.claim];
    const sent = sents.find(([x, y]) => x <= a && a < y);
    if (!sent || c.at === undefined) continue;
    claims.forEach(([s, e], j) => {
      if (s <= a || s >= sent[1] || e > c.at! || out.some((o) => o.claim === j) || all(cc.turns, f, a, s).length) return;
      out.push({ ...c, claim: j });
    });
  }
  return out;
}

/**
 * The numbers a corrected-claim marker gives (`correctedClaim.values`: "Số chính thức là 1.596", "Số đúng: 320"), as
 * folded spans: they stand for the sheet's value where the check finds no count of its own (the marker's sentence names
 * no congress). The caller drops those that contradict the sheet (a wrong value called official is the writer's claim).
 */
export function valueMarks(d: CompiledDiscourse | null, f: Folded): Array<[number, number]> {
  const re = d?.structures?.correctedClaim.values;
  if (!re) return [];
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(f.folded); m; m = re.exec(f.folded)) {
    const end = m.index + m[0].length;
    out.push([end - m[1].length, end]);
  }
  return out;
}

/**
 * The lines a chat answers with a denial (`structures.dialogueAnswer`): "Khách: … nghe nói … thật không ạ?" followed by
 * "Shop: Không đâu chị ơi, …" — the asker's line, a question under a speaker's label, is the message the answer
 * rebuts, read as a reply's quoted line (the 135th pass, study121's R c). Folded spans of the text `folded`; the answer
 * must come under another label than the question's, on the next non-empty line.
 */
export function dialogueAnswered(d: CompiledDiscourse | null, f: Folded): Array<[number, number]> {
  return dialogueLinesOf(d, f).map((x) => x.asked);
}

/** A chat's question line answered by a denial: the question line and the answer's denial (folded spans). */
interface DialogueLine {
  asked: [number, number];
  answer: [number, number];
}

/** The text's dialogueLines, read once: the replies of its view (dialogueAnswered) and its structure reading share them. */
function dialogueLinesOf(d: CompiledDiscourse | null, f: Folded): DialogueLine[] {
  return (f.dialogue ??= dialogueLines(d, f.folded));
}

/** The question lines a chat answers with a denial, each with the answer's label and denial (folded spans). */
function dialogueLines(d: CompiledDiscourse | null, folded: string): DialogueLine[] {
  const da = d?.structures?.dialogueAnswer;
  if (!da || !folded.includes('\n') || !folded.includes(':')) return [];
  const out: DialogueLine[] = [];
  let previous: { label: string; start: number; end: number; asks: boolean } | null = null;
  for (let start = 0; start < folded.length;) {
    let end = folded.indexOf('\n', start);
    if (end < 0) end = folded.length;
    const line = folded.slice(start, end);
    if (line.trim()) {
      const label = da.label.exec(line)?.[1] ?? null;
      const answer = da.answer.exec(line);
      if (answer && previous && previous.asks && previous.label !== answer[1])
        out.push({ asked: [previous.start, previous.end], answer: [start + answer.index, start + answer.index + answer[0].length] });
      previous = label ? { label, start, end, asks: line.includes('?') } : null;
    }
    start = end + 1;
  }
  return out;
}

/**
 * A title that states the sheet's value (`value`, folded offsets) as a correction: a voice before it, as in
 * correctedClaims ("Tỉnh ủy khẳng định …"), or the value set against another after it ("Đoàn Gia Lai gồm 13 đồng chí,
 * không phải 15", "… họp tại Nhà Quốc hội, không phải Mỹ Đình"). `claim` is left -1 for the caller.
 */
export function headlineCorrection(d: CompiledDiscourse, f: Folded, [s, e]: readonly [number, number]): ClaimCorrection | null {
  const cc = d.structures?.correctedClaim;
  if (!cc) return null;
  const text = f.folded;
  const voice =
    all(cc.voices, f, 0, s).find(([x]) => !negated(cc.negatorBefore, text, x)) ?? all(cc.setAgainst, f, e).find(([x]) => !text.slice(e, x).includes('?'));
  if (!voice || all(cc.turns, f, e).length || text.includes('?')) return null;
  return { claim: -1, start: at(f, voice[0]), end: at(f, voice[1]), matched: f.original.slice(at(f, voice[0]), at(f, voice[1])) };
}

/**
 * Whether a claim (folded offsets [s, e)) is one side of an alternative question (config/discourse.yaml,
 * `structures.alternativeQuestion`): the writer asks which of two things holds — "ĐH 13 có họp trực tuyến không hay vẫn
 * họp ở Hà Nội?", "… có được công bố trước Đại hội không, hay chỉ đại biểu mới biết?", "cho e hỏi ĐH13 là họp tới 1/2
 * hay 2/2 ạ". The claim lies in the clause of the "hay" or in the clause right before it, and the alternatives close as a
 * question: the clause of the "hay" runs to a question mark, or its last word is a question particle. Not where the
 * sentence leads with the claim before its "hay" ("Có phải … hay …?", "Nghe nói … hay …?": a rumour asked about is
 * passed on), nor a "hay" that opens no second alternative (a clause with nothing after it).
 */
export function inAlternativeQuestion(d: CompiledDiscourse, f: Folded, s: number, e: number): boolean {
  const aq = d.structures?.alternativeQuestion;
  if (!aq) return false;
  const text = f.folded;
  const sent = sentencesOf(f).find(([a, b]) => a <= s && s < b);
  if (!sent) return false;
  const [from, to] = sent;
  for (const [x, y] of all(aq.or, f, from, to)) {
    // the clause of the "hay" (commas split clauses) and the one before it
    const comma = text.indexOf(',', y);
    const clauseEnd = comma < 0 || comma > to ? to : comma;
    const previous = text.lastIndexOf(',', x - 1);
    const before = previous < from ? from : Math.max(from, text.lastIndexOf(',', previous - 1) + 1);
    if (s < before || e > clauseEnd || !/[a-z0-9]/.test(text.slice(y, clauseEnd))) continue;
    const asked = (clauseEnd === to && text[to] === '?') || all(aq.closers, f, y, clauseEnd).some(([, b]) => !/[a-z0-9]/.test(text.slice(b, clauseEnd)));
    if (!asked || all(aq.leading, f, from, Math.min(s, x)).length) continue;
    return true;
  }
  return false;
}

/** A title that denies the claim its item reports (headlineDenial): the form read, where it is, and the claim it names. */
export interface HeadlineDenial {
  form:
    | 'denied quotation'
    | 'verdict after the quoted claim'
    | 'verdict after the named claim'
    | 'why it is wrong'
    | 'sanction for posting'
    | 'denied content'
    | 'denied value'
    | 'quoted question answered'
    | 'asked claim answered'
    | 'verdict label before the claim';
  /** The denial, offsets into the title as written. */
  start: number;
  end: number;
  matched: string;
  /** The claim the title names (folded offsets): a contradiction of the sheet elsewhere in the title is its own claim. */
  claim: [number, number];
}

/**
 * A fact-check's verdict-first form: a title that asks a quoted claim — the quotation opens the title and a question
 * mark follows its close ("'Đoàn Gia Lai 16 người, 3 người Trung ương cài vào'?", "'Đại hội tỉnh có 420 đại biểu'?
 * Thông tin sai") — answered by a verdict that opens the text as its own sentence ("Sai. Đoàn đại biểu … gồm 13 đồng
 * chí"). The title's quotation is the claim the item answers (a denial, as headlineDenial's forms). Not a title that
 * asks in the writer's own words, nor a quotation answered otherwise ("Đúng.", "Chưa rõ."). `quoted`: the title's
 * quotations ([open mark, close mark], folded offsets).
 */
export function answeredQuestionTitle(
  d: CompiledDiscourse,
  title: Folded,
  quoted: ReadonlyArray<readonly [number, number]>,
  body: Folded,
): HeadlineDenial | null {
  const h = d.structures?.headlineDenial;
  if (!h) return null;
  const text = title.folded;
  const lead = text.length - text.trimStart().length;
  const q = quoted.find(([s]) => s === lead);
  if (!q) return askedClaimAnswered(d, h, title, quoted, body);
  if (!/^\s*\?/.test(text.slice(q[1] + 1)) || !h.answerOpens.test(body.folded)) return null;
  const end = Math.min(q[1] + 1, text.length);
  return {
    form: 'quoted question answered',
    start: at(title, q[0]),
    end: at(title, end),
    matched: title.original.slice(at(title, q[0]), at(title, end)),
    claim: [q[0], end],
  };
}

/**
 * A title that asks a claim in its own words (`askedClaim`; the 141st pass, study122's R b): the title opens with the
 * claim (after a reply's label, "Re:"), its first question mark closes it, and a verdict answers it — closing the title
 * ("Đại hội XIII chuyển vào Đà Nẵng? Thông tin sai") or, the title nothing more, opening the text as its own sentence
 * ("Re: chỉ có 1.200 đại biểu?" / "Không đúng bạn ơi. …"). The claim is the words asked (at least `askedClaimWords`), with
 * no quotation in it (the quoted form is answeredQuestionTitle's), no counter-denial in the title and no rumour verb
 * ("đồn là …": a plain verb is not looked for, typed without diacritics "Dang bo" reads as "đăng").
 */
function askedClaimAnswered(
  d: CompiledDiscourse,
  h: CompiledHeadlineDenial,
  title: Folded,
  quoted: ReadonlyArray<readonly [number, number]>,
  body: Folded,
): HeadlineDenial | null {
  if (!h.askedClaimWords) return null;
  const text = title.folded;
  const ask = text.indexOf('?');
  if (ask < 0) return null;
  const label = /^\s*(?:[a-z]{1,3}\s*:\s*)?/.exec(text)![0].length;
  const claim = text.slice(label, ask);
  // (a number's dots are no full stop: "chỉ có 1.200 đại biểu?")
  if (claim.trim().split(/\s+/).filter(Boolean).length < h.askedClaimWords || /[.!;:]/.test(claim.replace(/(?<=[0-9])[.,:](?=[0-9])/g, ''))) return null;
  if (quoted.some(([s]) => s < ask) || all(d.counters, title).length || all(d.rumourVerbs, title, label, ask).length) return null;
  const tail = text.slice(ask + 1);
  const answered = tail.trim() ? h.verdictAfter.test(tail) : h.answerOpens.test(body.folded);
  if (!answered) return null;
  return {
    form: 'asked claim answered',
    start: at(title, label),
    end: at(title, text.length),
    matched: title.original.slice(at(title, label), at(title, text.length)),
    claim: [label, ask + 1],
  };
}

/**
 * A verdict label opening the title (`labels`: "SAI:", "[Tin giả] –"), optionally in brackets, then a colon or a dash: the
 * label's span to the claim's first character (folded offsets), where at least `minClaimWords` words follow; or null.
 */
function labelledClaim(h: CompiledHeadlineDenial, f: Folded): [number, number] | null {
  if (!h.labels) return null;
  const text = f.folded;
  const first = all(h.labels.verdicts, f).find(([a]) => /^\s*[[(]?\s*$/.test(text.slice(0, a)));
  if (!first) return null;
  const sep = /^\s*[\])]?\s*(?:[:|\u2013\u2014]|\s-\s|[\])]\s)\s*/.exec(text.slice(first[1]));
  if (!sep) return null;
  const claim = first[1] + sep[0].length;
  if (
    text
      .slice(claim)
      .split(/\s+/)
      .filter((w) => /[a-z0-9]/.test(w)).length < h.labels.minClaimWords
  )
    return null;
  return [first[0], claim];
}

/** Whether a field reports a claim: a quotation, or a verb that reports a rumour ("lan truyền rằng", "đang đồn là"). */
export function reportsClaim(d: CompiledDiscourse, f: Folded): boolean {
  return quotationsOf(d, f).length > 0 || all(d.rumourVerbs, f).length > 0;
}

/** The claim [start, end) of a title "<claim noun> <claim> <verdict>" (`namedClaim`), folded offsets, or null. */
function namedClaimOf(n: NonNullable<CompiledHeadlineDenial['namedClaim']>, text: string): [number, number] | null {
  const m = n.re.exec(text);
  if (!m) return null;
  const start = m.index + m[0].indexOf(m[1]) + m[1].length;
  const claim = text.slice(start).indexOf(m[2]) + start;
  if (m[2].split(/\s+/).filter(Boolean).length < n.minClaimWords || /[,:;.!|\u2013\u2014]/.test(m[2])) return null;
  return [claim, claim + m[2].length];
}

/**
 * A title that denies the claim (config/discourse.yaml, `structures.headlineDenial`), read on the title alone: a
 * negator opening a clause before the quoted claim ("Không có 'danh sách rò rỉ' nào …", "…, không 'giơ tay'"), a
 * verdict closing the title after it ("'…' — câu nói không có thật", "Thông tin '…': không có bằng chứng"), a
 * why-question that takes the verdict as given ("Vì sao các '…' luôn sai?"), or a sanction for posting it ("Xử phạt
 * chủ tài khoản … đăng tin …"). `quoted`: the title's quotations, double and single marks ([open mark, close mark],
 * folded offsets). Not a denial inside a quotation or after a verb of saying (someone else's, reported), nor a
 * negator inside its clause ("… vì không 'nộp lệ phí'") unless `answered` (the text answers the claim under an answer's
 * frame, quotations.ts framedQuotations) and the negator stands right before the quotation; no form but the
 * why-question in a title that asks.
 */
export function headlineDenial(d: CompiledDiscourse, f: Folded, quoted: ReadonlyArray<readonly [number, number]>, answered = false): HeadlineDenial | null {
  const h = d.structures?.headlineDenial;
  if (!h) return null;
  const text = f.folded;
  const quotes = quoted.map(([s, e]) => ({ start: s, end: Math.min(e + 1, text.length) })).sort((x, y) => x.start - y.start);
  const named = !quotes.length && h.namedClaim ? namedClaimOf(h.namedClaim, text) : null;
  const label = labelledClaim(h, f);
  if (!quotes.length && !named && !label && !all(h.sanctions, f).length && !all(h.contents, f).length) return null;
  const outside = (a: number, b: number) => !inside(quotes, a, b);
  const opensClause = (x: number) => /(?:^|[,:;|\u2013\u2014-])\s*$/.test(text.slice(0, x));
  // or an office as the clause's subject right before it: "Công an thị xã … xử phạt …" (the office's own act)
  const clauseStart = (x: number) => {
    const m = /[^,:;|\u2013\u2014-]*$/.exec(text.slice(0, x))!;
    return m.index + (m[0].length - m[0].trimStart().length);
  };
  const officeOpens = (x: number) => {
    const c = clauseStart(x);
    return c < x && all(d.official, f, c, x).some(([a, b]) => a === c && outside(a, b));
  };
  // a speaker or source and its verb of saying before it: the denial is someone else's, reported ("Báo tỉnh bảo không có
  // 'danh sách' nào …"); a verb alone is no report ("Dang bo" typed without diacritics is "Đảng bộ", not "đăng")
  const speakers = [d.sources, d.official, d.outlet, d.anonymous];
  const reportedBefore = (x: number) =>
    [...all(d.rumourVerbs, f, 0, x), ...all(d.plainVerbs, f, 0, x)].some(
      ([a, b]) => outside(a, b) && speakers.some((m) => all(m, f, 0, a).some(([s, e]) => outside(s, e))),
    );
  const found = (form: HeadlineDenial['form'], a: number, b: number, claim: [number, number]): HeadlineDenial => ({
    form,
    start: at(f, a),
    end: at(f, b),
    matched: f.original.slice(at(f, a), at(f, b)),
    claim,
  });
  const wordsBetween = (a: number, b: number) => text.slice(a, b).split(/\s+/).filter(Boolean).length;
  if (text.includes('?')) {
    // the why-question: "Vì sao các 'danh sách rò rỉ' trước Đại hội luôn sai?" (not a quoted outlet: "Vì sao 'báo tỉnh' luôn sai?")
    const why = all(h.why, f)[0];
    const verdict = h.whyVerdict.exec(text);
    if (!why || text.slice(0, why[0]).trim() || !verdict) return null;
    const q = quotes.find((x) => x.start >= why[1] && x.end <= verdict.index && !all(d.outlet, f, x.start, x.end).length);
    return q ? found('why it is wrong', why[0], text.length, [q.start, q.end]) : null;
  }
  // a fact-check's verdict label opening the title, then its claim: "SAI: Đại hội … dời về Nhà thi đấu Pleiku", "Tin giả:
  // '…'" (the claim may be quoted; the classifier asks the text to report one)
  if (label) return found('verdict label before the claim', label[0], label[1], [label[1], text.length]);
  for (const q of quotes) {
    // a negator opening a clause, the quoted claim right after it or within `gap` words of its clause
    const negators = [...all(h.existential, f, 0, q.start).map((m) => [...m, h.gap]), ...all(h.plain, f, 0, q.start).map((m) => [...m, 0])];
    for (const [a, b, gap] of negators) {
      const between = text.slice(b, q.start);
      if (/[,:;.!|\u2013\u2014]/.test(between) || wordsBetween(b, q.start) > gap) continue;
      // (inside its clause too, right before the quoted claim, where the text answers that claim under an answer's frame:
      // "Ban Chấp hành khóa XVI không 'giảm xuống 45 người'" over "Đối với thông tin trên một trang mạng về việc '…', Ban
      // Tổ chức … cho biết …"; the 155th pass — "… vì không 'nộp lệ phí'" over a text that answers nothing stays a claim)
      const answeredHere = answered && !between.trim();
      if (!outside(a, b) || !(opensClause(a) || answeredHere) || reportedBefore(a)) continue;
      return found('denied quotation', a, q.end, [q.start, q.end]);
    }
    // a verdict closing the title after the quoted claim
    if (h.verdictAfter.test(text.slice(q.end))) return found('verdict after the quoted claim', q.start, text.length, [q.start, q.end]);
  }
  // the claim named unquoted between a claim noun opening the title and a verdict closing it (no verb of saying is
  // looked for inside the claim: typed without diacritics "Dang bo" reads as "đăng")
  if (named) return found('verdict after the named claim', 0, text.length, named);
  // a sanction for posting: what was posted is the claim
  for (const [a, b] of all(h.sanctions, f)) {
    if (!outside(a, b) || !(opensClause(a) || officeOpens(a)) || reportedBefore(a)) continue;
    const posting = all(h.postings, f, b).find(([x, y]) => outside(x, y) && !/[.!;]/.test(text.slice(b, x)));
    if (!posting) continue;
    const end = sentencesOf(f).find(([, e]) => e > posting[1])?.[1] ?? text.length;
    return found('sanction for posting', a, posting[1], [posting[1], end]);
  }
  // a document said not to hold the claim: "Dự thảo văn kiện … không có nội dung sáp nhập huyện …" (the words after
  // the denial, to the clause's end, are the claim; the document named in the title, outside a quotation)
  if (all(h.documents, f).some(([a, b]) => outside(a, b)))
    for (const [a, b] of all(h.contents, f)) {
      if (!outside(a, b) || reportedBefore(a)) continue;
      const end = /[,:;.!|\u2013\u2014]/.exec(text.slice(b));
      return found('denied content', a, b, [b, end ? b + end.index : text.length]);
    }
  return null;
}
