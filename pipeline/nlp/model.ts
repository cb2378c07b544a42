/**
 * The learned layer beside the lexicons (docs/nlp.md, "The learned layer"): two logistic-regression
 * heads (congress, distortion) over hashed features of an item — its folded syllable unigrams and
 * bigrams, and optionally the lexicon classifier's own evidence (scores, which cue groups fired,
 * fact contradictions) — blended with the lexicon score; the training's inner cross-validation
 * chooses how (see Combination).
 *
 * The same feature code serves training (pipeline/nlp/train.ts) and scoring: the classifier hands
 * its lexicon classification and the fields it already prepared to `LearnedScorer.rescore`, so no
 * text is tokenised twice. Pure: no I/O here except `loadModelFile`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Classification, Explanation } from '../../core/types.ts';
import type { LearnedLayer, SentenceMarks } from './classifier.ts';
import { byFieldAndStart, cueKey } from './explanations.ts';
import { DISCOUNTED } from './reported-discount.ts';
import { tokenSpan, tokenText, TOK_DIGITS, type PreparedText } from './text.ts';

/** Format of the model file; bumped when the features or the file's shape change. */
export const MODEL_FORMAT = 1;

export type Head = 'congress' | 'distortion';
export const HEADS: readonly Head[] = ['congress', 'distortion'];

/**
 * How the final score is made: modelWeight × the model's probability + the rest × the lexicon
 * score, the model having the lexicon evidence among its inputs (stacking) or not. Stacking
 * alone is { lexiconInputs: true, modelWeight: 1 }.
 */
export interface Combination {
  lexiconInputs: boolean;
  modelWeight: number;
}

// ---------------------------------------------------------------------------------------------
// Features

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashCodes(codes: Uint16Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ codes[i], FNV_PRIME);
  return h >>> 0;
}

/** Hash of a named (non-n-gram) feature; the leading \u0001 keeps it apart from any syllable. */
function hashName(name: string): number {
  let h = Math.imul(FNV_OFFSET ^ 1, FNV_PRIME);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const NUMBER_HASH = hashName('#');
const CONFIRMED_HASH = hashName('fact:confirmed');
const REPORTED_SALT = 0x5bd1e995;
const OTHER_EVENT_SALT = 0x27d4eb2f;
const CONTRADICTION_SALT = 0x165667b1;
const CONFIRMATION_SALT = 0x61c88647;

function bigramHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x85ebca6b, FNV_PRIME)) >>> 0;
}

/** The lexicon evidence of one item as named feature values (what the model may weigh). */
function lexiconFeatures(c: Classification, thresholds: { congress: number; distortion: number }): Map<string, number> {
  const f = new Map<string, number>();
  const add = (name: string, value: number) => f.set(name, (f.get(name) ?? 0) + value);
  add('lex:congress', c.scores.congress);
  add('lex:distortion', c.scores.distortion);
  if (c.scores.congress >= thresholds.congress) add('lex:congress-decision', 1);
  if (c.congress && c.scores.distortion >= thresholds.distortion) add('lex:distortion-decision', 1);
  for (const e of c.explanations) {
    if (e.kind === 'fact') {
      // a contradiction inside a rumour the item reports and denies is a feature of its own
      if (!e.cited) add(e.note?.includes(DISCOUNTED) ? 'lex:fact-reported' : 'lex:fact', 1);
    } else if (e.kind === 'negative') add('lex:negative', 1);
    else if (e.kind === 'congress') add(`lex:congress-${e.note ?? 'term'}`, 1);
    else add(`cue:${cueKey(e.term)}`, Math.abs(e.weight));
  }
  // counts and sums grow with length; the model sees them on a log scale
  for (const [name, value] of f) if (name !== 'lex:congress' && name !== 'lex:distortion') f.set(name, Math.log1p(value));
  return f;
}

/** Hashed features of one item: n-gram buckets (binary, scaled) and named lexicon features. */
export interface ItemFeatures {
  /** Distinct n-gram buckets. */
  ngrams: Int32Array;
  /** Value of every n-gram feature: 1/√(number of distinct n-grams), so long and short items weigh alike. */
  ngramValue: number;
  /** Buckets and values of the lexicon features. */
  lexicon: Array<[number, number]>;
}

/**
 * Reused from item to item: the distinct n-grams of the current item and, for explanations, where
 * each was first seen. Distinct buckets are found with a small open-addressing set sized to the
 * item (it stays in the processor's cache, unlike a table over every bucket).
 */
export class NgramCollector {
  readonly mask: number;
  /** bucket + 1 in each slot of the set, 0 = empty; slots 0..slotMask are in use for this item. */
  private seen = new Int32Array(1024);
  private slotMask = 0;
  buckets = new Int32Array(256);
  /** field (0 title, 1 text, -1 the whole item) and first/last token of each collected n-gram. */
  where = new Int32Array(768);
  count = 0;

  /** `confirmedFacts`: the n-grams of sentences that confirm the facts sheet are salted too (models that learned so). */
  constructor(
    readonly bucketBits: number,
    readonly confirmedFacts: boolean,
  ) {
    this.mask = (1 << bucketBits) - 1;
  }

  /**
   * Collects the distinct unigrams and bigrams (within a sentence) of both fields. With `marks`,
   * the n-grams of a sentence that reports or rebuts a claim, or is about another event, are
   * features of their own (salted hashes): "bầu bằng máy" quoted in a rebuttal, or "đại hội" of
   * a Lao congress, then teach nothing about our congress's rumours. So are those of a sentence
   * that contradicts the facts sheet in use; with `confirmedFacts`, a clause that confirms it has
   * its n-grams both plain and salted, and the item one feature (fact:confirmed).
   */
  collect(title: PreparedText, text: PreparedText, marks: SentenceMarks | null = null): void {
    this.marks = marks;
    // at most two n-grams per token: a set of 4 slots per token stays at most half full
    const slots = 1 << Math.ceil(Math.log2(4 * (title.count + text.count) + 16));
    if (this.seen.length < slots) this.seen = new Int32Array(slots);
    else this.seen.fill(0, 0, slots);
    this.slotMask = slots - 1;
    this.count = 0;
    this.field(title, 0);
    this.field(text, 1);
    // who says it: the item's own voice denies or questions what it reports (one feature, at its first token)
    if (marks?.discourse) this.add(hashName(marks.discourse), -1, 0, 0);
    // it states a value the sheet confirms: one feature whatever the value and the sheet, learned from every such item
    if (this.confirmedFacts && marks && marks.confirmed[0].size + marks.confirmed[1].size > 0) this.add(CONFIRMED_HASH, -1, 0, 0);
  }

  private marks: SentenceMarks | null = null;

  /** The salt of the n-grams of clause `clause` of sentence `sent` of a field (0: none). */
  private salt(field: number, sent: number, clause: number): number {
    const m = this.marks;
    if (!m) return 0;
    if (m.otherEventItem || m.otherEvent[field].has(sent)) return OTHER_EVENT_SALT;
    if (m.contradicted[field].has(sent)) return CONTRADICTION_SALT;
    if (this.confirmedFacts && m.confirmed[field].has(clause)) return CONFIRMATION_SALT;
    return m.reported[field].has(sent) ? REPORTED_SALT : 0;
  }

  private field(p: PreparedText, field: number): void {
    let previous = 0;
    let previousPlain = 0;
    let clause = -1;
    let salt = 0;
    for (let t = 0; t < p.count; t++) {
      // (a clause never spans a sentence)
      if (p.tokClause[t] !== clause) {
        clause = p.tokClause[t];
        salt = this.salt(field, p.tokSent[t], clause);
      }
      // every number is one feature: amounts and dates are the facts checks' business
      const plain = p.tokFlags[t] & TOK_DIGITS ? NUMBER_HASH : hashCodes(p.codes, p.tokStart[t], p.tokEnd[t]);
      let h = plain;
      if (salt) h = Math.imul(h ^ salt, FNV_PRIME) >>> 0;
      this.add(h, field, t, t);
      if (t > 0 && p.tokSent[t - 1] === p.tokSent[t]) this.add(bigramHash(previous, h), field, t - 1, t);
      // a confirming clause keeps its plain n-grams beside the salted ones: salted alone, the words of
      // rumours told beside a true value were lost to the rest (leave-one-corpus-out recall fell)
      if (salt === CONFIRMATION_SALT) {
        this.add(plain, field, t, t);
        if (t > 0 && p.tokSent[t - 1] === p.tokSent[t]) this.add(bigramHash(previousPlain, plain), field, t - 1, t);
      }
      previous = h;
      previousPlain = plain;
    }
  }

  private add(hash: number, field: number, first: number, last: number): void {
    const b = hash & this.mask;
    const seen = this.seen;
    let slot = Math.imul(b, 0x9e3779b1) & this.slotMask;
    while (seen[slot] !== 0) {
      if (seen[slot] === b + 1) return;
      slot = (slot + 1) & this.slotMask;
    }
    seen[slot] = b + 1;
    if (this.count === this.buckets.length) {
      const grown = new Int32Array(this.buckets.length * 2);
      grown.set(this.buckets);
      this.buckets = grown;
      const where = new Int32Array(this.where.length * 2);
      where.set(this.where);
      this.where = where;
    }
    this.buckets[this.count] = b;
    this.where[this.count * 3] = field;
    this.where[this.count * 3 + 1] = first;
    this.where[this.count * 3 + 2] = last;
    this.count++;
  }
}

const NO_FEATURES: Array<[number, number]> = [];

/**
 * Features of the collected item. `copy`: the n-grams are copied out of the collector (training
 * keeps them); else they are a view, valid until the next item. Without `withLexicon`, the lexicon
 * features are left out (a model that does not use them need not compute them).
 */
export function itemFeatures(
  collector: NgramCollector,
  c: Classification,
  thresholds: { congress: number; distortion: number },
  copy = true,
  withLexicon = true,
): ItemFeatures {
  const lexicon: Array<[number, number]> = withLexicon ? [] : NO_FEATURES;
  if (withLexicon) for (const [name, value] of lexiconFeatures(c, thresholds)) lexicon.push([hashName(name) & collector.mask, value]);
  const ngrams = copy ? collector.buckets.slice(0, collector.count) : collector.buckets.subarray(0, collector.count);
  return { ngrams, ngramValue: 1 / Math.sqrt(Math.max(1, collector.count)), lexicon };
}

// ---------------------------------------------------------------------------------------------
// The model file

const count = z.number().int().min(0);
const metricsSchema = z.object({ tp: count, fp: count, fn: count, tn: count, n: count, precision: z.number(), recall: z.number(), f1: z.number() }).strict();
const headSchema = z
  .object({
    bias: z.number().finite(),
    index: z.array(z.number().int().min(0)),
    value: z.array(z.number().finite()),
  })
  .strict()
  .refine((h) => h.index.length === h.value.length, { message: 'index and value must have the same length' });

const modelFileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.string().min(1),
    createdAt: z.string().min(1),
    trainingDataSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    lexiconsSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    corpora: z
      .array(
        z
          // facts: the sheet a corpus was judged under, when not the configured one (absent in older models)
          .object({ name: z.string(), items: z.number().int(), congress: z.number().int(), distortion: z.number().int(), facts: z.string().optional() })
          .strict(),
      )
      .min(1),
    hyperparameters: z
      .object({
        bucketBits: z.number().int().min(10).max(24),
        lambda: z.object({ congress: z.number().positive(), distortion: z.number().positive() }).strict(),
        epochs: z.number().int().positive(),
        learningRate: z.number().positive(),
        seed: z.number().int(),
        combination: z
          .object({
            congress: z.object({ lexiconInputs: z.boolean(), modelWeight: z.number().min(0).max(1) }).strict(),
            distortion: z.object({ lexiconInputs: z.boolean(), modelWeight: z.number().min(0).max(1) }).strict(),
          })
          .strict(),
        thresholds: z.object({ congress: z.number().gt(0).lt(1), distortion: z.number().gt(0).lt(1) }).strict(),
        /** The n-grams of reported and other-event sentences are salted (see NgramCollector.collect); absent in older models. */
        sentenceContext: z.boolean().default(false),
        /** The n-grams of sentences that confirm the facts sheet are salted too (SentenceMarks.confirmed); absent in older models. */
        confirmedFacts: z.boolean().default(false),
        /** A distortion flag on weak lexicon evidence alone needs this model probability (see decide); absent in older models. */
        weakEvidenceMin: z.number().min(0).max(1).default(0),
        /** A distortion flag on lexicon evidence against distortion needs this model probability (see decide); absent in older models. */
        againstEvidenceMin: z.number().min(0).max(1).default(0),
        /** How the training's inner CV split the items (TrainSettings.innerSplit); absent in older models (random folds). */
        innerSplit: z.enum(['random', 'group']).default('random'),
        /** The inner-CV precision the distortion threshold was chosen to reach (0: best F1); absent in older models. */
        precisionTarget: z.number().min(0).max(1).default(0),
        /** The weights are the mean of those at the end of the last n epochs (TrainSettings.averagedEpochs); absent: the last step's. */
        averagedEpochs: z.number().int().min(1).optional(),
        /** The bias is the maximum-likelihood intercept with the weights frozen (TrainSettings.refitBias); absent: the last step's. */
        refitBias: z.literal(true).optional(),
        /** A distortion flag with no lexicon evidence needs this model probability (see decide); absent: none (older models, or not chosen). */
        modelOnlyMin: z.number().min(0).max(1).optional(),
        /**
         * A distortion flag whose lexicon evidence nets at or below minus this weight (one full cue: 1) is vetoed whatever
         * the model's probability (see decide); absent: no veto (older models, or not set).
         */
        againstVeto: z.number().gt(0).max(10).optional(),
      })
      .strict(),
    cvFigures: z
      .object({
        folds: z.number().int(),
        items: z.number().int(),
        congress: metricsSchema,
        distortion: metricsSchema,
        hardNegativeFalsePositiveRate: z.number(),
        lexiconsOnly: z.object({ congress: metricsSchema, distortion: metricsSchema, hardNegativeFalsePositiveRate: z.number() }).strict(),
      })
      .strict(),
    heads: z.object({ congress: headSchema, distortion: headSchema }).strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const head of HEADS)
      if (m.heads[head].index.some((i) => i >= 2 ** m.hyperparameters.bucketBits))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['heads', head, 'index'], message: `bucket beyond 2^${m.hyperparameters.bucketBits}` });
  });

export type ModelFile = z.infer<typeof modelFileSchema>;

export class ModelError extends Error {
  readonly userFacing = true;
  override name = 'ModelError';
}

/** Validates parsed JSON as a model file; errors name the file and the keys. */
export function parseModel(data: unknown, file: string): ModelFile {
  const result = modelFileSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 8).map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new ModelError(
    `Invalid model file ${file} (train a new one with "mediawatch train", or name another in the config key "model"):\n${issues.join('\n')}`,
  );
}

/** Reads and validates a model file. */
export function loadModelFile(file: string): ModelFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ModelError(`model file not found or unreadable: ${file} (config key "model")`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ModelError(
      `Invalid model file ${file}: not valid JSON (${(error as Error).message}); the file may be truncated — restore it from config/models/ or train again`,
    );
  }
  return parseModel(data, file);
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface DenseHead {
  bias: number;
  weights: Float32Array;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Logit of a head for one item's features. */
export function logit(head: DenseHead, f: ItemFeatures, withLexicon: boolean): number {
  let z = head.bias;
  let n = 0;
  for (let i = 0; i < f.ngrams.length; i++) n += head.weights[f.ngrams[i]];
  z += n * f.ngramValue;
  if (withLexicon) for (const [b, v] of f.lexicon) z += head.weights[b] * v;
  return z;
}

/** The combined score from the model's probability and the lexicon score. */
export function blend(c: Combination, probability: number, lexiconScore: number): number {
  return c.modelWeight * probability + (1 - c.modelWeight) * lexiconScore;
}

/** The model's probability for a head (the lexicon features counted if its combination uses them). */
export function probability(head: DenseHead, c: Combination, f: ItemFeatures): number {
  return sigmoid(logit(head, f, c.lexiconInputs));
}

/**
 * Maps a combined score so that the model's own decision threshold lands on `at` (the configured
 * threshold): the score an analyst sees and sorts by agrees with the flag.
 */
function calibrate(p: number, threshold: number, at: number): number {
  const s = p < threshold ? (at * p) / threshold : at + ((1 - at) * (p - threshold)) / (1 - threshold);
  return Math.round(s * 1000) / 1000;
}

/**
 * Whether the item's lexicon evidence speaks against distortion on balance: its cues, facts and
 * known rumours weigh less than nothing (a rebuttal, marked satire, a reader asking to be told). The
 * lexicon score cannot say so (it saturates at 0), so the blend treats such an item as one with no
 * evidence at all.
 */
export function evidenceAgainst(lexicon: Classification): boolean {
  return evidenceNet(lexicon) < 0;
}

/** The lexicon evidence's net weight: its distortion cues, facts and known rumours summed (negative: against distortion). */
export function evidenceNet(lexicon: Classification): number {
  let raw = 0;
  for (const e of lexicon.explanations) if (e.kind === 'distortion' || e.kind === 'fact' || e.kind === 'rumour') raw += e.weight;
  return Math.round(raw * 1000) / 1000;
}

/**
 * Whether a flag is vetoed whatever the model says (`againstVeto`, a model's setting; 0: never): the lexicon evidence
 * speaks against distortion by at least that weight — one full cue (a moderators' "nhóm đã gỡ", a reader's "chỉ muốn
 * biết", "báo thì nói"), not a half-weight one ("lan truyền thông tin", −0.5), which a rumour's report carries
 * (docs/history/judgement.md, ninety-third and ninety-fourth passes).
 */
export function vetoedAgainst(lexicon: Classification, againstVeto: number): boolean {
  return againstVeto > 0 && evidenceNet(lexicon) <= -againstVeto;
}

/** The term of the explanation shown when the veto holds a flag back (decide's `vetoed`). */
export const AGAINST_VETO_TERM = 'model-only flag vetoed: evidence against';

/**
 * How a vetoed flag is explained: at the strongest cue against distortion, the evidence's net weight and the model's
 * probability it overrode.
 */
export function vetoExplanation(lexicon: Classification, probability: number, againstVeto: number): Explanation | null {
  let strongest: Explanation | null = null;
  for (const e of lexicon.explanations)
    if ((e.kind === 'distortion' || e.kind === 'fact' || e.kind === 'rumour') && e.weight < 0 && (!strongest || e.weight < strongest.weight)) strongest = e;
  if (!strongest) return null;
  const net = evidenceNet(lexicon);
  return {
    kind: 'distortion',
    term: AGAINST_VETO_TERM,
    matched: strongest.matched,
    weight: 0,
    field: strongest.field,
    start: strongest.start,
    end: strongest.end,
    note: `the lexicon evidence speaks against distortion (net ${net}, at or below −${againstVeto}: a full cue against, "${strongest.term}" ${strongest.weight}) and no cue for it: the model's probability ${Math.round(probability * 1000) / 1000} alone does not flag it`,
  };
}

/**
 * Final scores and decisions for one item's features (`thresholds`: the configured ones). When
 * the lexicon evidence of distortion is weak — some, but no more than the lexicons' own threshold
 * (one ordinary cue) — the flag also needs the model's probability to reach `weakEvidenceMin`:
 * on items the cues were not written against, one cue that fires on an unforeseen phrasing was
 * enough to cross the blend. When the lexicon evidence speaks against distortion (`against`,
 * evidenceAgainst), the flag needs the model's probability to reach `againstEvidenceMin`. The shown
 * score stays below the threshold in both cases, and in a third: when the lexicons found no evidence
 * of distortion at all (a score of 0, the evidence not against it), the flag needs the model's
 * probability to reach `modelOnlyMin` — the blend alone asks 0.36 of it at the set point, and on
 * writers the n-grams have not seen such flags are mostly wrong (docs/history/judgement.md,
 * fifty-first pass).
 */
export function decide(
  choice: Record<Head, { combination: Combination; threshold: number }>,
  probabilities: { congress: number; distortion: number },
  lexiconScores: { congress: number; distortion: number },
  thresholds: { congress: number; distortion: number },
  weakEvidenceMin = 0,
  against = false,
  againstEvidenceMin = 0,
  modelOnlyMin = 0,
  vetoed = false,
): { congress: boolean; distortion: boolean; scores: { congress: number; distortion: number }; vetoed: boolean } {
  const c = choice.congress;
  const d = choice.distortion;
  const scores = {
    congress: calibrate(blend(c.combination, probabilities.congress, lexiconScores.congress), c.threshold, thresholds.congress),
    distortion: calibrate(blend(d.combination, probabilities.distortion, lexiconScores.distortion), d.threshold, thresholds.distortion),
  };
  const weak = lexiconScores.distortion > 0 && lexiconScores.distortion <= thresholds.distortion && probabilities.distortion < weakEvidenceMin;
  const outweighed = against && probabilities.distortion < againstEvidenceMin;
  const modelOnly = !against && lexiconScores.distortion === 0 && probabilities.distortion < modelOnlyMin;
  const above = scores.distortion >= thresholds.distortion;
  // the veto (evidence against of a full cue or more, the lexicon score 0): shown only where it alone holds the flag back
  const veto = vetoed && lexiconScores.distortion === 0 && above && !(weak || outweighed || modelOnly);
  if ((weak || outweighed || modelOnly || veto) && above) scores.distortion = Math.round((thresholds.distortion - 0.001) * 1000) / 1000;
  const congress = scores.congress >= thresholds.congress;
  return { congress, distortion: congress && scores.distortion >= thresholds.distortion, scores, vetoed: veto && congress };
}

/** Term prefix of the learned layer's explanations (n-grams, not cues an editor can act on). */
export const LEARNED_CUE_PREFIX = 'learned cue: ';

/** Up to this many learned cues are explained per head. */
const LEARNED_CUES = 3;

/** The learned layer the classifier calls, with a loaded model. */
export class LearnedScorer implements LearnedLayer {
  readonly version: string;
  /** Both heads' weights interleaved (congress, distortion per bucket): one memory access per n-gram. */
  private readonly weights: Float32Array;
  private readonly bias: Record<Head, number>;
  private readonly choice: Record<Head, { combination: Combination; threshold: number }>;
  private readonly collector: NgramCollector;
  private readonly lexiconInputs: boolean;
  private readonly sentenceContext: boolean;
  private readonly weakEvidenceMin: number;
  private readonly againstEvidenceMin: number;
  private readonly modelOnlyMin: number;
  private readonly againstVeto: number;
  /** Reused by explain(): the best n-grams so far and their ranks. */
  private readonly top = new Int32Array(LEARNED_CUES);
  private readonly topRank = new Float64Array(LEARNED_CUES);

  constructor(
    readonly model: ModelFile,
    private readonly thresholds: { congress: number; distortion: number },
  ) {
    this.version = model.version;
    const bits = model.hyperparameters.bucketBits;
    this.bias = { congress: model.heads.congress.bias, distortion: model.heads.distortion.bias };
    this.weights = new Float32Array(2 << bits);
    HEADS.forEach((head, h) => model.heads[head].index.forEach((b, k) => (this.weights[2 * b + h] = model.heads[head].value[k])));
    this.collector = new NgramCollector(bits, model.hyperparameters.confirmedFacts);
    const hp = model.hyperparameters;
    this.choice = {
      congress: { combination: hp.combination.congress, threshold: hp.thresholds.congress },
      distortion: { combination: hp.combination.distortion, threshold: hp.thresholds.distortion },
    };
    this.lexiconInputs = hp.combination.congress.lexiconInputs || hp.combination.distortion.lexiconInputs;
    this.sentenceContext = hp.sentenceContext;
    this.weakEvidenceMin = hp.weakEvidenceMin;
    this.againstEvidenceMin = hp.againstEvidenceMin;
    this.modelOnlyMin = hp.modelOnlyMin ?? 0;
    this.againstVeto = hp.againstVeto ?? 0;
  }

  rescore(lexicon: Classification, title: PreparedText, text: PreparedText, marks: SentenceMarks): Classification {
    this.collector.collect(title, text, this.sentenceContext ? marks : null);
    const f = itemFeatures(this.collector, lexicon, this.thresholds, false, this.lexiconInputs);
    const probabilities = this.probabilities(f);
    const { congress, distortion, scores, vetoed } = decide(
      this.choice,
      probabilities,
      lexicon.scores,
      this.thresholds,
      this.weakEvidenceMin,
      (this.againstEvidenceMin > 0 || this.modelOnlyMin > 0) && evidenceAgainst(lexicon),
      this.againstEvidenceMin,
      this.modelOnlyMin,
      vetoedAgainst(lexicon, this.againstVeto),
    );
    let explanations = lexicon.explanations;
    if (congress) {
      explanations = explanations.slice();
      const veto = vetoed ? vetoExplanation(lexicon, probabilities.distortion, this.againstVeto) : null;
      if (veto) explanations.push(veto);
      this.explain('congress', f, title, text, explanations);
      if (distortion) this.explain('distortion', f, title, text, explanations);
      explanations.sort(byFieldAndStart);
    }
    return { congress, distortion, scores, topics: lexicon.topics, explanations, modelVersion: this.version };
  }

  private probabilities(f: ItemFeatures): { congress: number; distortion: number } {
    const w = this.weights;
    let zc = 0;
    let zd = 0;
    for (let i = 0; i < f.ngrams.length; i++) {
      const b = 2 * f.ngrams[i];
      zc += w[b];
      zd += w[b + 1];
    }
    zc = this.bias.congress + zc * f.ngramValue;
    zd = this.bias.distortion + zd * f.ngramValue;
    if (this.choice.congress.combination.lexiconInputs) for (const [b, v] of f.lexicon) zc += w[2 * b] * v;
    if (this.choice.distortion.combination.lexiconInputs) for (const [b, v] of f.lexicon) zd += w[2 * b + 1] * v;
    return { congress: sigmoid(zc), distortion: sigmoid(zd) };
  }

  /**
   * "learned cue" explanations: the present n-grams with the largest positive weights, bigrams
   * first (a pair of syllables says more to an analyst than one).
   */
  private explain(head: Head, f: ItemFeatures, title: PreparedText, text: PreparedText, out: Explanation[]): void {
    const w = this.weights;
    const h = head === 'congress' ? 0 : 1;
    const c = this.collector;
    const top = this.top;
    const topRank = this.topRank;
    let n = 0;
    for (let k = 0; k < c.count; k++) {
      const weight = w[2 * c.buckets[k] + h];
      // (field -1: a feature of the whole item, no passage to show)
      if (weight <= 0 || c.where[k * 3] < 0) continue;
      const rank = weight + (c.where[k * 3 + 1] === c.where[k * 3 + 2] ? 0 : 1e3);
      // insertion into the few best so far (highest rank first; on ties the first seen stays ahead)
      let i = n < LEARNED_CUES ? n++ : LEARNED_CUES;
      if (i === LEARNED_CUES && rank <= topRank[LEARNED_CUES - 1]) continue;
      if (i === LEARNED_CUES) i--;
      while (i > 0 && topRank[i - 1] < rank) {
        top[i] = top[i - 1];
        topRank[i] = topRank[i - 1];
        i--;
      }
      top[i] = k;
      topRank[i] = rank;
    }
    for (let t = 0; t < n; t++) {
      const k = top[t];
      const field = c.where[k * 3] === 0 ? 'title' : 'text';
      const p = field === 'title' ? title : text;
      const first = c.where[k * 3 + 1];
      const last = c.where[k * 3 + 2];
      const [start, end] = tokenSpan(p, first, last);
      const gram = first === last ? tokenText(p, first) : `${tokenText(p, first)} ${tokenText(p, last)}`;
      const weight = Math.round(w[2 * c.buckets[k] + h] * f.ngramValue * 1000) / 1000;
      out.push({
        kind: head,
        term: `${LEARNED_CUE_PREFIX}${gram}`,
        matched: p.original.slice(start, end),
        weight,
        field,
        start,
        end,
        note: `learned cue (model ${this.version})`,
      });
    }
  }
}
