/**
 * Training and cross-validation of the learned layer (model.ts). Pure and deterministic: a fixed
 * seed for the order of the gradient steps, folds assigned from hashed ids (stratified by label), so
 * the same corpora and lexicons give the same model, byte for byte except its `createdAt`.
 *
 * Every hyper-parameter (regularisation, combination with the lexicon score, decision thresholds)
 * is chosen by an inner cross-validation inside the training items only; `crossValidate` runs
 * that whole procedure on k−1 folds and scores the k-th, so its figures are never training-set ones.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { rng } from '../../core/random.ts';
import type { Classification, Explanation } from '../../core/types.ts';
import { overrideAfterScores, type Classifier } from './classifier.ts';
import { countConfusion, evaluate, metrics, type LabelledItem, type Metrics } from './evaluate.ts';
import type { OtherGathering } from './gatherings.ts';
import {
  blend,
  decide,
  evidenceAgainst,
  vetoedAgainst,
  logit,
  HEADS,
  itemFeatures,
  MODEL_FORMAT,
  NgramCollector,
  probability,
  sigmoid,
  type Combination,
  type DenseHead,
  type Head,
  type ItemFeatures,
  type ModelFile,
} from './model.ts';

export interface Example {
  item: LabelledItem;
  features: ItemFeatures;
  /** The lexicon classification (lexicons fixed; the model learns on top of it). */
  lexicon: Classification;
  /** The lexicons' final decision (after another organisation's gathering overrides it): the lexicons-only figures. */
  lexiconDecision: Classification;
  /** The item is about another organisation's gathering (gatherings.ts): a congress decision is overridden after the model's. */
  otherGathering: OtherGathering | null;
  /** The congress implied by an office and an electoral act (implied-congress.ts): with distortion evidence, congress-related after the model's decision. */
  impliedCongress: Explanation | null;
  /** The congress whose terms only another body's agent, origin, buyer or members cancel (agent-congress.ts): after the model's decision. */
  agentCongress?: Explanation | null;
  /** Another topic's rumour (other-news.ts): a congress decision overridden after the model's. */
  otherNews?: Explanation | null;
  /** The corpus the item comes from (its writers): `innerSplit: 'group'` and by-corpus CV hold whole groups out. */
  group?: string;
}

export interface TrainSettings {
  bucketBits: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Candidate L2 strengths and combinations; the inner cross-validation picks one per head. */
  lambdas: number[];
  combinations: Combination[];
  innerFolds: number;
  /**
   * How the inner cross-validation that chooses the hyper-parameters splits the training items:
   * 'random' (innerFolds stratified folds) or 'group' (one fold per corpus, when there are at least
   * three: thresholds are then chosen on writers the fold's model never saw).
   */
  innerSplit: 'random' | 'group';
  /**
   * 0: each head's threshold is the one with the best inner-CV F1. Else the distortion threshold is
   * the one with the best recall among those whose inner-CV precision reaches this value (the best
   * F1 when none does).
   */
  precisionTarget: number;
  /** Salt the n-grams of reported and other-event sentences (SentenceMarks). */
  sentenceContext: boolean;
  /** With sentenceContext, salt those of sentences that confirm the facts sheet too (SentenceMarks.confirmed). */
  confirmedFacts: boolean;
  /**
   * The distortion head's λ and combination (and, when given, its threshold) set rather than chosen.
   * The inner cross-validation cannot weigh the lexicon score honestly (its cues were written against
   * the training items), and its best candidates tie within an item or two: evidence added to the
   * lexicons then flips the blend, and with it the operating point on new writers
   * (docs/history/judgement.md, fortieth pass). Absent: every candidate is tried.
   */
  distortionFixed?: { lambda: number; combination: Combination; threshold?: number };
  /**
   * 0: a head's weights are those after the last gradient step. Else the mean of the weights at the
   * end of each of the last n epochs: the step size is still large at the end, so the last steps'
   * order (the seed) would otherwise move the weights (docs/history/judgement.md, thirty-sixth pass).
   */
  averagedEpochs: number;
  /**
   * After the gradient steps, with the weights frozen, the bias is set to the exact maximum-likelihood
   * intercept on the same items (the bias is not L2-penalised). The step size is still ~0.4 at the
   * last steps, so the last steps' order (the seed) leaves the bias anywhere within sd ~0.1, which
   * moves every score together (docs/history/judgement.md, fifty-fourth and fifty-seventh passes).
   */
  refitBias: boolean;
  /**
   * The model probability a flag with no lexicon evidence needs (TrainedModel.modelOnlyMin): set,
   * or 'chosen' on writers the model has not seen. Absent: none, as before (docs/history/judgement.md,
   * fifty-first pass: the choice is 0.4 or 0.45 with the seed, and 0.45 costs recall on new writers).
   */
  modelOnlyRequirement?: number | 'chosen';
  /**
   * The model probability a flag whose lexicon evidence is one weak cue needs (TrainedModel.weakEvidenceMin):
   * set. Absent: chosen by the inner cross-validation, as before; that choice flips with the seed (0.15–0.3),
   * and a flip moves a dozen catches on the pool (docs/history/judgement.md, rule R4's study).
   */
  weakCueRequirement?: number;
  /**
   * A distortion flag whose lexicon evidence nets at or below minus this weight is vetoed whatever the model's
   * probability (TrainedModel.againstVeto, decide's `vetoed`). Absent: no veto, as before (docs/history/judgement.md,
   * ninety-third pass: 1, one full cue, loses no catch on the read sets).
   */
  againstVeto?: number;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  bucketBits: 16,
  epochs: 25,
  learningRate: 0.5,
  seed: 20201014,
  lambdas: [1e-5, 1e-4, 1e-3],
  combinations: [false, true].flatMap((lexiconInputs) => [0.5, 0.7, 0.85, 1].map((modelWeight) => ({ lexiconInputs, modelWeight }))),
  innerFolds: 5,
  // 'group' helped the readable corpora's CV but not the untouched halves (docs/history/judgement.md, "ninth pass")
  innerSplit: 'random',
  precisionTarget: 0,
  sentenceContext: true,
  confirmedFacts: true,
  averagedEpochs: 0,
  refitBias: false,
};

/**
 * Features of labelled items, from the classifier's lexicon classification and prepared fields.
 * The classifier's own learned layer, if any, is set aside meanwhile (lexicons only).
 */
export function featurize(
  classifier: Classifier,
  items: LabelledItem[],
  bucketBits: number,
  sentenceContext = DEFAULT_SETTINGS.sentenceContext,
  confirmedFacts = DEFAULT_SETTINGS.confirmedFacts,
): Example[] {
  const collector = new NgramCollector(bucketBits, confirmedFacts);
  const saved = classifier.learned;
  let last: Example | null = null;
  const examples: Example[] = [];
  try {
    for (const item of items) {
      classifier.learned = {
        rescore(lexicon, title, text, marks) {
          collector.collect(title, text, sentenceContext ? marks : null);
          last = {
            item,
            features: itemFeatures(collector, lexicon, classifier.thresholds),
            lexicon,
            lexiconDecision: lexicon,
            otherGathering: marks.otherGathering(),
            impliedCongress: marks.impliedCongress(),
            agentCongress: marks.agentCongress?.() ?? null,
            otherNews: marks.otherNews?.() ?? null,
          };
          return lexicon;
        },
      };
      const decision = classifier.classify(item);
      examples.push({ ...last!, lexiconDecision: decision });
    }
  } finally {
    classifier.learned = saved;
  }
  return examples;
}

// ---------------------------------------------------------------------------------------------
// Folds

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/**
 * Fold of every id (0..k−1): ids are grouped by stratum (the labels), ordered by a hash of the id
 * and dealt round-robin, so each fold gets its share of every label. Items sharing an id share a fold.
 */
export function assignFolds(items: LabelledItem[], k: number, salt = ''): Map<string, number> {
  const strata = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const key = `${item.labels.congress}/${item.labels.distortion}`;
    const list = strata.get(key) ?? [];
    list.push(item.id);
    strata.set(key, list);
  }
  const folds = new Map<string, number>();
  let offset = 0;
  for (const key of [...strata.keys()].sort()) {
    const ids = strata.get(key)!.map((id) => ({ id, h: hash32(`${salt}${id}`) }));
    ids.sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
    // the offset carries on from one stratum to the next so small strata do not all start at fold 0
    ids.forEach(({ id }, i) => folds.set(id, (offset + i) % k));
    offset = (offset + ids.length) % k;
  }
  return folds;
}

/** Splits examples into k (train, test) pairs by their fold. */
export function splitFolds<T extends { item: LabelledItem }>(examples: T[], k: number, salt = ''): Array<{ train: T[]; test: T[] }> {
  const folds = assignFolds(
    examples.map((e) => e.item),
    k,
    salt,
  );
  return Array.from({ length: k }, (_, f) => ({
    train: examples.filter((e) => folds.get(e.item.id) !== f),
    test: examples.filter((e) => folds.get(e.item.id) === f),
  }));
}

/** One (train, test) pair per group (corpus), in order of first appearance: each group held out once. */
export function splitByGroup<T extends { group?: string }>(examples: T[]): Array<{ group: string; train: T[]; test: T[] }> {
  const groups = [...new Set(examples.map((e) => e.group ?? ''))];
  return groups.map((group) => ({
    group,
    train: examples.filter((e) => (e.group ?? '') !== group),
    test: examples.filter((e) => (e.group ?? '') === group),
  }));
}

function groupCount(examples: Example[]): number {
  return new Set(examples.map((e) => e.group ?? '')).size;
}

// ---------------------------------------------------------------------------------------------
// Logistic regression

function label(e: Example, head: Head): number {
  return e.item.labels[head] ? 1 : 0;
}

/**
 * L2-regularised logistic regression by stochastic gradient descent. The weights are kept as
 * scale × v, so the decay of every weight at each step costs one multiplication (exact L2, sparse steps).
 */
export function fitHead(examples: Example[], head: Head, lambda: number, withLexicon: boolean, s: TrainSettings): DenseHead {
  const size = 1 << s.bucketBits;
  const v = new Float64Array(size);
  let scale = 1;
  let bias = 0;
  const random = rng(s.seed);
  const order = examples.map((_, i) => i);
  const averaged = Math.min(s.averagedEpochs, s.epochs);
  const sum = averaged > 0 ? new Float64Array(size) : null;
  let biasSum = 0;
  let step = 0;
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const e = examples[i];
      const f = e.features;
      let dot = 0;
      for (let k = 0; k < f.ngrams.length; k++) dot += v[f.ngrams[k]];
      dot *= f.ngramValue;
      if (withLexicon) for (const [b, x] of f.lexicon) dot += v[b] * x;
      const g = sigmoid(bias + scale * dot) - label(e, head);
      const eta = s.learningRate / (1 + s.learningRate * lambda * step++);
      scale *= 1 - eta * lambda;
      const u = (eta * g) / scale;
      for (let k = 0; k < f.ngrams.length; k++) v[f.ngrams[k]] -= u * f.ngramValue;
      if (withLexicon) for (const [b, x] of f.lexicon) v[b] -= u * x;
      bias -= eta * g;
      if (scale < 1e-6) {
        for (let k = 0; k < size; k++) v[k] *= scale;
        scale = 1;
      }
    }
    if (sum && epoch >= s.epochs - averaged) {
      for (let k = 0; k < size; k++) sum[k] += v[k] * scale;
      biasSum += bias;
    }
  }
  const weights = new Float32Array(size);
  for (let k = 0; k < size; k++) weights[k] = round5(sum ? sum[k] / averaged : v[k] * scale);
  const fittedBias = sum ? biasSum / averaged : bias;
  return { bias: round5(s.refitBias ? interceptFor(examples, head, weights, withLexicon, fittedBias) : fittedBias), weights };
}

/**
 * The maximum-likelihood bias of a head whose weights are frozen: the root of
 * Σ (yᵢ − σ(b + sᵢ)) = 0 by Newton's method from `start` (the log-likelihood is concave in b).
 * When every item has the same label there is no finite root: `start` is kept.
 */
export function interceptFor(examples: Example[], head: Head, weights: Float32Array, withLexicon: boolean, start: number): number {
  const positives = examples.reduce((n, e) => n + label(e, head), 0);
  if (positives === 0 || positives === examples.length) return start;
  const frozen = { bias: 0, weights };
  const scores = examples.map((e) => logit(frozen, e.features, withLexicon));
  let b = start;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradient = positives;
    let curvature = 0;
    for (const z of scores) {
      const p = sigmoid(b + z);
      gradient -= p;
      curvature += p * (1 - p);
    }
    // a bounded step: far from the root the curvature can be tiny and a full step overshoot
    const step = Math.max(-1, Math.min(1, gradient / curvature));
    b += step;
    if (Math.abs(step) < 1e-12) break;
  }
  return b;
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

// ---------------------------------------------------------------------------------------------
// Choosing hyper-parameters, training, predicting

interface HeadChoice {
  lambda: number;
  combination: Combination;
  threshold: number;
}

export interface TrainedModel {
  heads: Record<Head, DenseHead>;
  choice: Record<Head, HeadChoice>;
  /** The model probability a distortion flag on weak lexicon evidence needs (decide in model.ts). */
  weakEvidenceMin: number;
  /** The model probability a distortion flag on lexicon evidence against distortion needs (decide in model.ts). */
  againstEvidenceMin: number;
  /** The model probability a distortion flag with no lexicon evidence needs (decide in model.ts). */
  modelOnlyMin: number;
  /** The net weight against distortion at or below whose negative a distortion flag is vetoed (decide in model.ts); 0: none. */
  againstVeto: number;
}

/**
 * Best-F1 threshold of scores against labels (ties: the one nearest 0.5); `gate` must hold too.
 * With a `precisionTarget`, the threshold of best recall among those reaching that precision
 * (ties: best F1), when one does.
 */
export function bestThreshold(
  scores: number[],
  labels: boolean[],
  gate: boolean[],
  precisionTarget = 0,
): { threshold: number; f1: number; meetsTarget: boolean } {
  let best = { threshold: 0.5, f1: -1 };
  let targeted: { threshold: number; f1: number; recall: number } | null = null;
  for (let t = 0.05; t < 0.951; t += 0.01) {
    const threshold = Math.round(t * 100) / 100;
    const c = countConfusion(scores.map((p, i) => [gate[i] && p >= threshold, labels[i]] as const));
    const m = metrics(c);
    const f1 = m.f1;
    if (f1 > best.f1 || (f1 === best.f1 && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5))) best = { threshold, f1 };
    if (
      precisionTarget > 0 &&
      c.tp > 0 &&
      m.precision >= precisionTarget &&
      (!targeted || m.recall > targeted.recall || (m.recall === targeted.recall && f1 > targeted.f1))
    )
      targeted = { threshold, f1, recall: m.recall };
  }
  return targeted ? { threshold: targeted.threshold, f1: targeted.f1, meetsTarget: true } : { ...best, meetsTarget: precisionTarget === 0 };
}

/** A set threshold, with the F1 it gives the scores (the weak-evidence requirement is weighed against it). */
function fixedThreshold(scores: number[], labels: boolean[], gate: boolean[], threshold: number): { threshold: number; f1: number; meetsTarget: boolean } {
  const c = countConfusion(scores.map((p, i) => [gate[i] && p >= threshold, labels[i]] as const));
  return { threshold, f1: metrics(c).f1, meetsTarget: true };
}

/**
 * Out-of-fold probabilities of one head's model (inner folds of the training items). A blend's
 * model does not depend on the blend's weight: one fit serves every weight.
 */
function outOfFold(examples: Example[], head: Head, lambda: number, lexicon: boolean, s: TrainSettings): Map<Example, number> {
  const out = new Map<Example, number>();
  const split = s.innerSplit === 'group' && groupCount(examples) >= 3 ? splitByGroup(examples) : splitFolds(examples, s.innerFolds, 'inner:');
  for (const { train, test } of split) {
    const fitted = fitHead(train, head, lambda, lexicon, s);
    for (const e of test) out.set(e, sigmoid(logit(fitted, e.features, lexicon)));
  }
  return out;
}

/**
 * Trains both heads on the examples: per head, the candidate (λ, combination) with the best
 * inner-cross-validated F1 and its best threshold; then a fit on all the examples.
 */
export function train(examples: Example[], s: TrainSettings = DEFAULT_SETTINGS, thresholds = { congress: 0.5, distortion: 0.5 }): TrainedModel {
  const choice = {} as Record<Head, HeadChoice>;
  const heads = {} as Record<Head, DenseHead>;
  // distortion is only reported for items judged congress-related: its threshold is tuned behind that gate
  let congressGate: boolean[] = examples.map(() => true);
  let weakEvidenceMin = 0;
  let againstEvidenceMin = 0;
  let modelOnlyMin = 0;
  for (const head of HEADS) {
    const labels = examples.map((e) => e.item.labels[head]);
    let best: (HeadChoice & { f1: number; meetsTarget: boolean; oof: number[]; probabilities: number[] }) | null = null;
    const fixed = head === 'distortion' ? s.distortionFixed : undefined;
    for (const lambda of fixed ? [fixed.lambda] : s.lambdas)
      for (const lexicon of [true, false]) {
        const combinations = (fixed ? [fixed.combination] : s.combinations).filter((c) => c.lexiconInputs === lexicon);
        if (!combinations.length) continue;
        const probabilities = outOfFold(examples, head, lambda, lexicon, s);
        for (const combination of combinations) {
          const oof = examples.map((e) => blend(combination, probabilities.get(e)!, e.lexicon.scores[head]));
          const { threshold, f1, meetsTarget } =
            fixed?.threshold !== undefined
              ? fixedThreshold(oof, labels, congressGate, fixed.threshold)
              : bestThreshold(oof, labels, congressGate, head === 'distortion' ? s.precisionTarget : 0);
          // a candidate that reaches the precision target beats any that does not
          if (!best || (meetsTarget && !best.meetsTarget) || (meetsTarget === best.meetsTarget && f1 > best.f1))
            best = { lambda, combination, threshold, f1, meetsTarget, oof, probabilities: examples.map((e) => probabilities.get(e)!) };
        }
      }
    choice[head] = { lambda: best!.lambda, combination: best!.combination, threshold: best!.threshold };
    if (head === 'congress') congressGate = best!.oof.map((p) => p >= best!.threshold);
    else {
      const lexiconThreshold = thresholds.distortion;
      weakEvidenceMin =
        s.weakCueRequirement ??
        requirement(
          examples,
          best!,
          congressGate,
          { upTo: 0.5, choose: 'lastFree' },
          (e) => e.lexicon.scores.distortion > 0 && e.lexicon.scores.distortion <= lexiconThreshold,
        );
      // (no item is both: evidence against distortion leaves a lexicon score of 0)
      const against = examples.map((e) => evidenceAgainst(e.lexicon));
      againstEvidenceMin = requirement(examples, best!, congressGate, { upTo: 0.95, choose: 'leastBest' }, (_, i) => against[i]);
      if (typeof s.modelOnlyRequirement === 'number') modelOnlyMin = s.modelOnlyRequirement;
      else if (s.modelOnlyRequirement === 'chosen') {
        // chosen on writers the n-grams have not seen (one fold per corpus): on random folds the
        // model knows each writer's wording, and its flags without evidence are right far more often
        const { lambda, combination, threshold } = best!;
        const byWriter = groupCount(examples) >= 3 ? outOfFold(examples, head, lambda, combination.lexiconInputs, { ...s, innerSplit: 'group' }) : null;
        const probabilities = examples.map((e, i) => (byWriter ? byWriter.get(e)! : best!.probabilities[i]));
        const oof = examples.map((e, i) => blend(combination, probabilities[i], e.lexicon.scores.distortion));
        const { f1 } = fixedThreshold(oof, labels, congressGate, threshold);
        modelOnlyMin = requirement(
          examples,
          { threshold, f1, oof, probabilities },
          congressGate,
          { upTo: 0.95, choose: 'leastBest' },
          (e, i) => e.lexicon.scores.distortion === 0 && !against[i],
        );
      }
    }
    heads[head] = fitHead(examples, head, best!.lambda, best!.combination.lexiconInputs, s);
  }
  return { heads, choice, weakEvidenceMin, againstEvidenceMin, modelOnlyMin, againstVeto: s.againstVeto ?? 0 };
}

/**
 * The model probability (0.05 steps, up to `upTo`) that a distortion flag on the items `applies`
 * picks (weak lexicon evidence; evidence against distortion) is asked to reach, judged by the
 * inner-cross-validated F1. 'lastFree': the largest that does not lower it — the training items
 * cannot show what the requirement saves (the cues were written against them), only what it
 * costs. 'leastBest': the smallest that raises it most — items whose lexicon evidence speaks
 * against distortion show what it saves, but the negative cues were written against them too, so
 * no more is asked than the gain needs (on other writers those cues misfire on distortions).
 */
export function requirement(
  examples: Example[],
  best: { threshold: number; f1: number; oof: number[]; probabilities: number[] },
  gate: boolean[],
  scan: { upTo: number; choose: 'lastFree' | 'leastBest' },
  applies: (e: Example, i: number) => boolean,
): number {
  const labels = examples.map((e) => e.item.labels.distortion);
  const held = examples.map(applies);
  let chosen = 0;
  let bestF1 = best.f1;
  for (let q = 0.05; q < scan.upTo + 0.001; q += 0.05) {
    const c = countConfusion(examples.map((_, i) => [gate[i] && best.oof[i] >= best.threshold && !(held[i] && best.probabilities[i] < q), labels[i]] as const));
    const f1 = metrics(c).f1;
    if (scan.choose === 'lastFree') {
      if (f1 < best.f1) break;
      chosen = Math.round(q * 100) / 100;
    } else if (f1 > bestF1) {
      bestF1 = f1;
      chosen = Math.round(q * 100) / 100;
    }
  }
  return chosen;
}

export interface CrossValidation {
  folds: number;
  /** Per fold: the group (corpus) held out, in by-corpus CV, and how many items the fold's model was trained on. */
  heldOut: Array<{ group?: string; trained: number; scored: number }>;
  /** Out-of-fold classification of every item (scored by a model that never saw it). */
  predictions: Map<string, Classification>;
  /** The hyper-parameters each fold's inner cross-validation chose. */
  choices: Array<Record<Head, HeadChoice>>;
  /** The model probability each fold's model asks of a flag on weak lexicon evidence. */
  weakEvidenceMin: number[];
  /** Out-of-fold classification of each variant (e.g. the item without diacritics), by the model of its item's fold. */
  variantPredictions: Map<string, Classification>;
}

export function predict(model: TrainedModel, e: Example, thresholds: { congress: number; distortion: number }): Classification {
  const probabilities = {
    congress: probability(model.heads.congress, model.choice.congress.combination, e.features),
    distortion: probability(model.heads.distortion, model.choice.distortion.combination, e.features),
  };
  const against = (model.againstEvidenceMin > 0 || model.modelOnlyMin > 0) && evidenceAgainst(e.lexicon);
  const { vetoed: _, ...decided } = decide(
    model.choice,
    probabilities,
    e.lexicon.scores,
    thresholds,
    model.weakEvidenceMin,
    against,
    model.againstEvidenceMin,
    model.modelOnlyMin,
    vetoedAgainst(e.lexicon, model.againstVeto),
  );
  const decision = {
    ...decided,
    topics: [],
    explanations: [],
  };
  return overrideAfterScores(
    decision,
    {
      impliedCongress: () => e.impliedCongress,
      agentCongress: () => e.agentCongress ?? null,
      otherGathering: () => e.otherGathering,
      otherNews: () => e.otherNews ?? null,
    },
    thresholds,
  );
}

/**
 * k-fold cross-validation of the whole training procedure (lexicons fixed); with `k = 'by-group'`,
 * one fold per group (corpus): each corpus is scored by a model trained on the others only, the
 * honest proxy for writers the model never saw. `variants` (same ids as their items, e.g. the items
 * typed without diacritics) are scored by their item's fold model, never trained on.
 */
export function crossValidate(
  examples: Example[],
  k: number | 'by-group',
  thresholds: { congress: number; distortion: number },
  s: TrainSettings = DEFAULT_SETTINGS,
  variants: Example[] = [],
): CrossValidation {
  const predictions = new Map<string, Classification>();
  const variantPredictions = new Map<string, Classification>();
  const choices: CrossValidation['choices'] = [];
  const weakEvidenceMin: number[] = [];
  const heldOut: CrossValidation['heldOut'] = [];
  const split: Array<{ group?: string; train: Example[]; test: Example[] }> = k === 'by-group' ? splitByGroup(examples) : splitFolds(examples, k);
  if (split.length < 2) throw new Error('cross-validation needs at least two folds (by group: two corpora)');
  for (const { group, train: trainSet, test } of split) {
    heldOut.push({ ...(group !== undefined ? { group } : {}), trained: trainSet.length, scored: test.length });
    const model = train(trainSet, s, thresholds);
    choices.push(model.choice);
    weakEvidenceMin.push(model.weakEvidenceMin);
    const ids = new Set(test.map((e) => e.item.id));
    for (const e of test) predictions.set(e.item.id, predict(model, e, thresholds));
    for (const e of variants) if (ids.has(e.item.id)) variantPredictions.set(e.item.id, predict(model, e, thresholds));
  }
  return { folds: split.length, heldOut, predictions, choices, weakEvidenceMin, variantPredictions };
}

// ---------------------------------------------------------------------------------------------
// The model file

export interface CorpusInfo {
  name: string;
  items: LabelledItem[];
  /** The facts file or sheet its items are judged under (absent: the configured facts). */
  facts?: string;
}

/** SHA-256 of the training items (id, title, text, labels, in order). */
export function trainingDataSha256(items: LabelledItem[]): string {
  const h = createHash('sha256');
  for (const i of items) h.update(`${JSON.stringify([i.id, i.title, i.text, i.labels.congress, i.labels.distortion])}\n`);
  return h.digest('hex');
}

function sparse(head: DenseHead): { bias: number; index: number[]; value: number[] } {
  const index: number[] = [];
  const value: number[] = [];
  head.weights.forEach((w, i) => {
    if (w !== 0) {
      index.push(i);
      value.push(w);
    }
  });
  return { bias: head.bias, index, value };
}

/** Figures of a set of predictions: what the model file records and `eval --cv` prints. */
export function figures(
  items: LabelledItem[],
  classify: (item: LabelledItem) => Classification,
): { congress: Metrics; distortion: Metrics; hardNegativeFalsePositiveRate: number } {
  const r = evaluate(items, classify);
  return { congress: r.congress, distortion: r.distortion, hardNegativeFalsePositiveRate: r.hardNegatives.rate };
}

/** The model file of a model trained on all the corpora, with its cross-validated figures. */
export function modelFile(
  model: TrainedModel,
  corpora: CorpusInfo[],
  examples: Example[],
  cv: CrossValidation,
  lexiconsSha256: string,
  s: TrainSettings,
  createdAt: string,
): ModelFile {
  const items = examples.map((e) => e.item);
  const cvFigures = figures(items, (i) => cv.predictions.get(i.id)!);
  const lexiconsOnly = figures(items, (i) => examples.find((e) => e.item === i)!.lexiconDecision);
  const heads = { congress: sparse(model.heads.congress), distortion: sparse(model.heads.distortion) };
  const hyperparameters = {
    bucketBits: s.bucketBits,
    lambda: { congress: model.choice.congress.lambda, distortion: model.choice.distortion.lambda },
    epochs: s.epochs,
    learningRate: s.learningRate,
    seed: s.seed,
    combination: { congress: model.choice.congress.combination, distortion: model.choice.distortion.combination },
    thresholds: { congress: model.choice.congress.threshold, distortion: model.choice.distortion.threshold },
    sentenceContext: s.sentenceContext,
    confirmedFacts: s.confirmedFacts,
    weakEvidenceMin: model.weakEvidenceMin,
    againstEvidenceMin: model.againstEvidenceMin,
    innerSplit: s.innerSplit,
    precisionTarget: s.precisionTarget,
    // recorded only when set, so that a model fitted the old way keeps its version id
    ...(s.averagedEpochs > 0 ? { averagedEpochs: s.averagedEpochs } : {}),
    ...(s.refitBias ? { refitBias: true as const } : {}),
    ...(s.modelOnlyRequirement !== undefined ? { modelOnlyMin: model.modelOnlyMin } : {}),
    ...(model.againstVeto > 0 ? { againstVeto: model.againstVeto } : {}),
  };
  const dataSha = trainingDataSha256(items);
  const version = `m-${createHash('sha256')
    .update(JSON.stringify([MODEL_FORMAT, dataSha, lexiconsSha256, hyperparameters, heads]))
    .digest('hex')
    .slice(0, 12)}`;
  return {
    format: MODEL_FORMAT,
    version,
    createdAt,
    trainingDataSha256: dataSha,
    lexiconsSha256,
    corpora: corpora.map((c) => ({
      name: c.name,
      items: c.items.length,
      congress: c.items.filter((i) => i.labels.congress).length,
      distortion: c.items.filter((i) => i.labels.distortion).length,
      ...(c.facts ? { facts: basename(c.facts) } : {}),
    })),
    hyperparameters,
    cvFigures: {
      folds: cv.folds,
      items: items.length,
      congress: cvFigures.congress,
      distortion: cvFigures.distortion,
      hardNegativeFalsePositiveRate: cvFigures.hardNegativeFalsePositiveRate,
      lexiconsOnly,
    },
    heads,
  };
}
