/**
 * The learned layer beside the lexicons (docs/nlp.md, "The learned layer"): two logistic-regression
 * heads (congress, distortion) over hashed features of an item — its folded syllable unigrams and
 * bigrams, and the lexicon classifier's own evidence (scores, which cue groups fired, fact
 * contradictions) — so the model learns how far to trust each kind of evidence.
 *
 * The same feature code serves training (pipeline/nlp/train.ts) and scoring: the classifier hands
 * its lexicon classification and the fields it already prepared to `LearnedScorer.rescore`, so no
 * text is tokenised twice. Pure: no I/O here except `loadModelFile`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Classification, Explanation } from '../../core/types.ts';
import { byFieldAndStart, type LearnedLayer } from './classifier.ts';
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
export function hashName(name: string): number {
  let h = Math.imul(FNV_OFFSET ^ 1, FNV_PRIME);
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const NUMBER_HASH = hashName('#');

function bigramHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x85ebca6b, FNV_PRIME)) >>> 0;
}

/** The lexicon evidence of one item as named feature values (what the model may weigh). */
export function lexiconFeatures(c: Classification, thresholds: { congress: number; distortion: number }): Map<string, number> {
  const f = new Map<string, number>();
  const add = (name: string, value: number) => f.set(name, (f.get(name) ?? 0) + value);
  add('lex:congress', c.scores.congress);
  add('lex:distortion', c.scores.distortion);
  if (c.scores.congress >= thresholds.congress) add('lex:congress-decision', 1);
  if (c.congress && c.scores.distortion >= thresholds.distortion) add('lex:distortion-decision', 1);
  for (const e of c.explanations) {
    if (e.kind === 'fact') add('lex:fact', 1);
    else if (e.kind === 'negative') add('lex:negative', 1);
    else if (e.kind === 'congress') add(`lex:congress-${e.note ?? 'term'}`, 1);
    else add(`cue:${cueKey(e.term)}`, Math.abs(e.weight));
  }
  // counts and sums grow with length; the model sees them on a log scale
  for (const [name, value] of f) if (name !== 'lex:congress' && name !== 'lex:distortion') f.set(name, Math.log1p(value));
  return f;
}

/** A cue explanation's group: "unverified: nghe nói" → "unverified", "style: alarm emoji 😱" → "style: alarm emoji". */
function cueKey(term: string): string {
  if (term.startsWith('style:')) return term.split(' ').slice(0, 3).join(' ');
  const colon = term.indexOf(':');
  return colon < 0 ? term : term.slice(0, colon);
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
 * each was first seen. A bucket counts as seen when its stamp is the current item's.
 */
export class NgramCollector {
  readonly mask: number;
  private readonly stamp: Uint32Array;
  private item = 0;
  buckets = new Int32Array(256);
  /** field (0 title, 1 text) and first/last token of each collected n-gram. */
  where = new Int32Array(768);
  count = 0;

  constructor(readonly bucketBits: number) {
    this.mask = (1 << bucketBits) - 1;
    this.stamp = new Uint32Array(1 << bucketBits);
  }

  /** Collects the distinct unigrams and bigrams (within a sentence) of both fields. */
  collect(title: PreparedText, text: PreparedText): void {
    this.item = (this.item + 1) >>> 0 || 1;
    if (this.item === 1) this.stamp.fill(0);
    this.count = 0;
    this.field(title, 0);
    this.field(text, 1);
  }

  private field(p: PreparedText, field: number): void {
    let previous = 0;
    for (let t = 0; t < p.count; t++) {
      // every number is one feature: amounts and dates are the facts checks' business
      const h = p.tokFlags[t] & TOK_DIGITS ? NUMBER_HASH : hashCodes(p.codes, p.tokStart[t], p.tokEnd[t]);
      this.add(h, field, t, t);
      if (t > 0 && p.tokSent[t - 1] === p.tokSent[t]) this.add(bigramHash(previous, h), field, t - 1, t);
      previous = h;
    }
  }

  private add(hash: number, field: number, first: number, last: number): void {
    const b = hash & this.mask;
    if (this.stamp[b] === this.item) return;
    this.stamp[b] = this.item;
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

/** Features of one item, copied out of the collector (for training). */
export function itemFeatures(collector: NgramCollector, c: Classification, thresholds: { congress: number; distortion: number }): ItemFeatures {
  const lexicon: Array<[number, number]> = [];
  for (const [name, value] of lexiconFeatures(c, thresholds)) lexicon.push([hashName(name) & collector.mask, value]);
  return { ngrams: collector.buckets.slice(0, collector.count), ngramValue: 1 / Math.sqrt(Math.max(1, collector.count)), lexicon };
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

export const modelFileSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    version: z.string().min(1),
    createdAt: z.string().min(1),
    trainingDataSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    lexiconsSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    corpora: z.array(z.object({ name: z.string(), items: z.number().int(), congress: z.number().int(), distortion: z.number().int() }).strict()).min(1),
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
  throw new ModelError(`Invalid model file ${file} (train a new one with "mediawatch train", or name another in the config key "model"):\n${issues.join('\n')}`);
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
    throw new ModelError(`Invalid model file ${file}: not valid JSON (${(error as Error).message}); the file may be truncated — restore it from config/models/ or train again`);
  }
  return parseModel(data, file);
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface DenseHead {
  bias: number;
  weights: Float32Array;
}

export function denseHead(head: { bias: number; index: number[]; value: number[] }, bucketBits: number): DenseHead {
  const weights = new Float32Array(1 << bucketBits);
  head.index.forEach((i, k) => (weights[i] = head.value[k]));
  return { bias: head.bias, weights };
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

/** The combined score of a head, before calibration. */
export function combined(head: DenseHead, c: Combination, f: ItemFeatures, lexiconScore: number): number {
  return blend(c, sigmoid(logit(head, f, c.lexiconInputs)), lexiconScore);
}

/**
 * Maps a combined score so that the model's own decision threshold lands on `at` (the configured
 * threshold): the score an analyst sees and sorts by agrees with the flag.
 */
export function calibrate(p: number, threshold: number, at: number): number {
  const s = p < threshold ? (at * p) / threshold : at + ((1 - at) * (p - threshold)) / (1 - threshold);
  return Math.round(s * 1000) / 1000;
}

/** Final scores and decisions for one item's features (`thresholds`: the configured ones). */
export function decide(
  heads: Record<Head, DenseHead>,
  choice: Record<Head, { combination: Combination; threshold: number }>,
  f: ItemFeatures,
  lexiconScores: { congress: number; distortion: number },
  thresholds: { congress: number; distortion: number },
): { congress: boolean; distortion: boolean; scores: { congress: number; distortion: number } } {
  const score = (head: Head) => calibrate(combined(heads[head], choice[head].combination, f, lexiconScores[head]), choice[head].threshold, thresholds[head]);
  const scores = { congress: score('congress'), distortion: score('distortion') };
  const congress = scores.congress >= thresholds.congress;
  return { congress, distortion: congress && scores.distortion >= thresholds.distortion, scores };
}

/** Up to this many learned cues are explained per head. */
const LEARNED_CUES = 3;

/** The learned layer the classifier calls, with a loaded model. */
export class LearnedScorer implements LearnedLayer {
  readonly version: string;
  private readonly heads: Record<Head, DenseHead>;
  private readonly choice: Record<Head, { combination: Combination; threshold: number }>;
  private readonly collector: NgramCollector;

  constructor(
    readonly model: ModelFile,
    private readonly thresholds: { congress: number; distortion: number },
  ) {
    this.version = model.version;
    const bits = model.hyperparameters.bucketBits;
    this.heads = { congress: denseHead(model.heads.congress, bits), distortion: denseHead(model.heads.distortion, bits) };
    this.collector = new NgramCollector(bits);
    const hp = model.hyperparameters;
    this.choice = {
      congress: { combination: hp.combination.congress, threshold: hp.thresholds.congress },
      distortion: { combination: hp.combination.distortion, threshold: hp.thresholds.distortion },
    };
  }

  rescore(lexicon: Classification, title: PreparedText, text: PreparedText): Classification {
    this.collector.collect(title, text);
    const f = itemFeatures(this.collector, lexicon, this.thresholds);
    const { congress, distortion, scores } = decide(this.heads, this.choice, f, lexicon.scores, this.thresholds);
    const explanations = lexicon.explanations.slice();
    if (congress) this.explain('congress', f, [title, text], explanations);
    if (distortion) this.explain('distortion', f, [title, text], explanations);
    explanations.sort(byFieldAndStart);
    return { congress, distortion, scores, topics: lexicon.topics, explanations, modelVersion: this.version };
  }

  /**
   * "learned cue" explanations: the present n-grams with the largest positive weights, bigrams
   * first (a pair of syllables says more to an analyst than one).
   */
  private explain(head: Head, f: ItemFeatures, fields: PreparedText[], out: Explanation[]): void {
    const w = this.heads[head].weights;
    const c = this.collector;
    const rank = (k: number) => w[c.buckets[k]] + (c.where[k * 3 + 1] === c.where[k * 3 + 2] ? 0 : 1e3);
    const top: number[] = [];
    for (let k = 0; k < c.count; k++) {
      if (w[c.buckets[k]] <= 0) continue;
      top.push(k);
      top.sort((a, b) => rank(b) - rank(a) || a - b);
      if (top.length > LEARNED_CUES) top.pop();
    }
    for (const k of top) {
      const field = c.where[k * 3] === 0 ? 'title' : 'text';
      const p = fields[c.where[k * 3]];
      const first = c.where[k * 3 + 1];
      const last = c.where[k * 3 + 2];
      const [start, end] = tokenSpan(p, first, last);
      const gram = first === last ? tokenText(p, first) : `${tokenText(p, first)} ${tokenText(p, last)}`;
      const weight = Math.round(w[c.buckets[k]] * f.ngramValue * 1000) / 1000;
      out.push({ kind: head, term: `learned cue: ${gram}`, matched: p.original.slice(start, end), weight, field, start, end, note: `learned cue (model ${this.version})` });
    }
  }
}
