import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { baselineCongress, evaluate, rates, type ItemCategory, type LabelledItem, type Metrics } from '../../pipeline/nlp/evaluate.ts';
import type { Classification } from '../../core/types.ts';
import { stripDiacritics } from '../../pipeline/nlp/fold.ts';
import { classifierOptionsFromConfig, lexiconsSha256, loadClassifier, type ClassifierOptions } from '../../pipeline/nlp/index.ts';
import type { Combination, Head } from '../../pipeline/nlp/model.ts';
import {
  crossValidate,
  DEFAULT_SETTINGS,
  featurize,
  figures,
  modelFile,
  train,
  type CorpusInfo,
  type CrossValidation,
  type Example,
  type TrainSettings,
} from '../../pipeline/nlp/train.ts';
import { DEFAULT_KEPT_VERSIONS, historyDirOf, pruneModelHistory } from '../../pipeline/nlp/model-history.ts';
import { UserError } from '../errors.ts';
import { parseKeep } from './models.ts';
import { CORPUS_HELP, parseCorpusSpec, readCategories, readCorpus, selectHalf } from '../corpus.ts';

/**
 * Reads several labelled corpora (problems go to stderr); ids must be unique across them. Each
 * argument is `FILE` or `FILE#odd` / `FILE#even` (the items whose id ends in an odd / even number);
 * a corpus is judged under its own facts sheet, `<name>.facts.json` beside `<name>.jsonl`, when
 * there is one, unless `facts` (the --facts option) names one for every corpus. The categories of
 * its items come from `<name>.categories.tsv` beside it, when there is one.
 */
export function readCorpora(
  specs: string[],
  command: string,
  facts?: string,
): { corpora: CorpusInfo[]; items: LabelledItem[]; categories: Map<string, ItemCategory>; problems: number } {
  const corpora: CorpusInfo[] = [];
  const seen = new Map<string, string>();
  const categories = new Map<string, ItemCategory>();
  let problems = 0;
  const report = (found: string[]) => {
    for (const p of found) process.stderr.write(`mediawatch ${command}: ${p}\n`);
    problems += found.length;
  };
  for (const arg of specs) {
    const spec = parseCorpusSpec(arg);
    const read = readCorpus(spec.file);
    report(read.problems);
    const items = spec.half ? selectHalf(read.items, spec.half, arg) : read.items;
    if (!items.length) throw new UserError(`no labelled items in ${arg}`);
    for (const item of items) {
      const other = seen.get(item.id);
      if (other) throw new UserError(`item id "${item.id}" appears twice (${other} and ${arg}): ids must be unique across the corpora`);
      seen.set(item.id, arg);
    }
    if (spec.categories) {
      const sidecar = readCategories(spec.categories);
      report(sidecar.problems);
      for (const item of items) {
        const category = sidecar.categories.get(item.id);
        if (category) categories.set(item.id, category);
      }
    }
    const name = `${relative(process.cwd(), spec.file) || basename(spec.file)}${spec.half ? `#${spec.half}` : ''}`;
    const sheet = facts ?? spec.facts;
    corpora.push({ name, items, ...(sheet ? { facts: sheet } : {}) });
  }
  return { corpora, items: corpora.flatMap((c) => c.items), categories, problems };
}

/** The classifier options of a corpus judged under its own facts: a JSON sheet replaces the configured values, a YAML file the facts. */
export function withFacts(options: ClassifierOptions, facts: string | undefined): ClassifierOptions {
  if (!facts) return options;
  return facts.toLowerCase().endsWith('.json') ? { ...options, factsSheet: facts } : { ...options, factsFile: facts, factsSheet: undefined };
}

function row(name: string, m: { congress: Metrics; distortion?: Metrics; hardNegativeFalsePositiveRate: number }): string {
  const prf = (x: Metrics) => {
    const r = rates(x);
    return `${r.precision.toFixed(3)}  ${r.recall.toFixed(3)}  ${r.f1.toFixed(3)}`;
  };
  return `${name.padEnd(32)} ${prf(m.congress)}     ${m.distortion ? prf(m.distortion) : '   —      —      —  '}     ${m.hardNegativeFalsePositiveRate.toFixed(3)}`;
}

function describe(c: Combination): string {
  return `${c.modelWeight} × model (${c.lexiconInputs ? 'n-grams + lexicon evidence' : 'n-grams'})${c.modelWeight < 1 ? ` + ${Math.round((1 - c.modelWeight) * 100) / 100} × lexicon score` : ''}`;
}

function weakRule(q: number): string {
  return q ? `one weak cue needs model ≥ ${q}` : 'one weak cue needs no model support';
}

function againstRule(q: number): string {
  return q ? `evidence against distortion needs model ≥ ${q}` : 'evidence against distortion needs no model support';
}

function modelOnlyRule(q: number | undefined): string {
  return q === undefined ? '' : q ? `; a flag with no lexicon evidence needs model ≥ ${q}` : '; a flag with no lexicon evidence needs no more than the blend';
}

function vetoRule(v: number | undefined): string {
  return v ? `; evidence against of ${v} or more vetoes a flag` : '';
}

export interface CvReport {
  folds: number;
  /** 'by-corpus': each fold is one corpus, scored by a model trained on the others. */
  split: 'random' | 'by-corpus';
  /** Per fold: the corpus held out (by-corpus), and how many items its model was trained on and scored. */
  heldOut: CrossValidation['heldOut'];
  items: number;
  corpora: Array<{ name: string; items: number }>;
  learned: ReturnType<typeof figures>;
  lexiconsOnly: ReturnType<typeof figures>;
  baseline: { congress: Metrics; hardNegativeFalsePositiveRate: number };
  /** Congress F1 with diacritics − without (texts typed without them), out-of-fold and lexicons only. */
  noDiacriticsGap: { learned: number; lexiconsOnly: number; itemsWithout: number };
  /** The same out-of-fold predictions, per corpus (when there are several). */
  byCorpus: Array<{ name: string; learned: ReturnType<typeof figures>; lexiconsOnly: ReturnType<typeof figures>; stripped?: StrippedFigures }>;
  /** Every item again with its diacritics removed, scored by the same fold models (when variants were given). */
  stripped?: StrippedFigures;
  choices: CrossValidation['choices'];
  weakEvidenceMin: number[];
}

/** Figures of the items typed without diacritics, and F1 as typed − F1 without, per head. */
export interface StrippedFigures {
  learned: ReturnType<typeof figures>;
  lexiconsOnly: ReturnType<typeof figures>;
  gap: { learned: { congress: number; distortion: number }; lexiconsOnly: { congress: number; distortion: number } };
}

function strippedFigures(
  items: LabelledItem[],
  asTyped: { learned: ReturnType<typeof figures>; lexiconsOnly: ReturnType<typeof figures> },
  learned: Map<string, Classification>,
  lexicon: Map<string, Classification>,
): StrippedFigures {
  const result = { learned: figures(items, (i) => learned.get(i.id)!), lexiconsOnly: figures(items, (i) => lexicon.get(i.id)!) };
  const gap = (a: ReturnType<typeof figures>, b: ReturnType<typeof figures>) => ({
    congress: Math.round((a.congress.f1 - b.congress.f1) * 10000) / 10000,
    distortion: Math.round((a.distortion.f1 - b.distortion.f1) * 10000) / 10000,
  });
  return { ...result, gap: { learned: gap(asTyped.learned, result.learned), lexiconsOnly: gap(asTyped.lexiconsOnly, result.lexiconsOnly) } };
}

/** Cross-validated figures of the learned layer beside the lexicons alone and the substring baseline. */
export function cvReport(examples: Example[], corpora: CorpusInfo[], cv: CrossValidation, variants: Example[] = []): CvReport {
  const items = examples.map((e) => e.item);
  const lexicon = new Map(examples.map((e) => [e.item.id, e.lexiconDecision]));
  const variantLexicon = new Map(variants.map((e) => [e.item.id, e.lexiconDecision]));
  const both = (subset: LabelledItem[]) => ({
    learned: figures(subset, (i) => cv.predictions.get(i.id)!),
    lexiconsOnly: figures(subset, (i) => lexicon.get(i.id)!),
  });
  const stripped = (subset: LabelledItem[]) =>
    variants.length ? { stripped: strippedFigures(subset, both(subset), cv.variantPredictions, variantLexicon) } : {};
  const baseline = figures(items, (i) => {
    const congress = baselineCongress(i);
    return { congress, distortion: false, scores: { congress: congress ? 1 : 0, distortion: 0 }, topics: [], explanations: [] };
  });
  const learnedReport = evaluate(items, (i) => cv.predictions.get(i.id)!);
  return {
    folds: cv.folds,
    split: cv.heldOut.some((h) => h.group !== undefined) ? 'by-corpus' : 'random',
    heldOut: cv.heldOut,
    items: items.length,
    corpora: corpora.map((c) => ({ name: c.name, items: c.items.length })),
    ...both(items),
    baseline: { congress: baseline.congress, hardNegativeFalsePositiveRate: baseline.hardNegativeFalsePositiveRate },
    noDiacriticsGap: {
      learned: learnedReport.diacritics.congressF1Gap,
      lexiconsOnly: evaluate(items, (i) => lexicon.get(i.id)!).diacritics.congressF1Gap,
      itemsWithout: learnedReport.diacritics.withoutDiacritics.n,
    },
    byCorpus: corpora.length > 1 ? corpora.map((c) => ({ name: c.name, ...both(c.items), ...stripped(c.items) })) : [],
    ...stripped(items),
    choices: cv.choices,
    weakEvidenceMin: cv.weakEvidenceMin,
  };
}

function strippedRows(indent: string, s: StrippedFigures | undefined): string[] {
  if (!s) return [];
  const gap = (g: { congress: number; distortion: number }) => `congress ${g.congress.toFixed(3)}, distortion ${g.distortion.toFixed(3)}`;
  return [
    row(`${indent}no diacritics (CV)`, s.learned),
    row(`${indent}no diacritics (lexicons)`, s.lexiconsOnly),
    `${indent}  F1 gap, as typed − without diacritics: learned ${gap(s.gap.learned)}; lexicons ${gap(s.gap.lexiconsOnly)}`,
  ];
}

export function formatCvReport(r: CvReport): string {
  const heads: Head[] = ['congress', 'distortion'];
  const byCorpus = r.split === 'by-corpus';
  const fold = (i: number) => {
    const h = r.heldOut[i];
    return byCorpus ? `held out ${h.group} (${h.scored} items; trained on ${h.trained})` : `fold ${i + 1}`;
  };
  return [
    byCorpus
      ? `leave-one-corpus-out cross-validation over ${r.items} items (${r.corpora.map((c) => `${c.name} ${c.items}`).join(', ')}):`
      : `${r.folds}-fold cross-validation over ${r.items} items (${r.corpora.map((c) => `${c.name} ${c.items}`).join(', ')}):`,
    byCorpus
      ? `each corpus scored by a model trained on the other ${r.folds - 1} corpora only (hyper-parameters chosen inside them); lexicons fixed`
      : `each fold scored by a model trained on the other ${r.folds - 1} folds (hyper-parameters chosen inside them); lexicons fixed`,
    `${''.padEnd(32)} congress P      R      F1     distortion P  R      F1     hard-negative FP rate`,
    row(`learned + lexicons (${byCorpus ? 'by-corpus' : `${r.folds}-fold`} CV)`, r.learned),
    row('lexicons only', r.lexiconsOnly),
    row('baseline: substring "đại hội"', r.baseline),
    `congress F1 gap, with − without diacritics (${r.noDiacriticsGap.itemsWithout} items without): ${r.noDiacriticsGap.learned.toFixed(3)} learned + lexicons (CV), ${r.noDiacriticsGap.lexiconsOnly.toFixed(3)} lexicons only`,
    ...strippedRows('', r.stripped),
    ...r.byCorpus.flatMap((c) => [
      `${c.name} (${c.learned.congress.n} items):`,
      row(`  learned + lexicons (CV)`, c.learned),
      row('  lexicons only', c.lexiconsOnly),
      ...strippedRows('  ', c.stripped),
    ]),
    'chosen per fold:',
    ...r.choices.map(
      (c, i) =>
        `  ${fold(i)}: ${heads.map((h) => `${h} ${describe(c[h].combination)} λ=${c[h].lambda} threshold ${c[h].threshold}`).join('; ')}; ${weakRule(r.weakEvidenceMin[i])}`,
    ),
  ].join('\n');
}

/** The items as typed without diacritics (same ids and labels). */
export function withoutDiacritics(items: LabelledItem[]): LabelledItem[] {
  return items.map((i) => ({ ...i, title: stripDiacritics(i.title), text: stripDiacritics(i.text) }));
}

/**
 * Lexicon classification and features of every item of every corpus, each under its own facts
 * (the model set aside); `transform` turns the items first (e.g. withoutDiacritics).
 */
export function examplesOf(options: ClassifierOptions, corpora: CorpusInfo[], transform: (items: LabelledItem[]) => LabelledItem[] = (i) => i): Example[] {
  return corpora.flatMap((c) =>
    featurize(loadClassifier({ ...withFacts(options, c.facts), modelFile: undefined }), transform(c.items), DEFAULT_SETTINGS.bucketBits).map((e) => ({
      ...e,
      group: c.name,
    })),
  );
}

export const PRECISION_TARGET_HELP =
  'choose the distortion threshold as the one of best recall among those whose inner cross-validated precision reaches P (0 < P < 1; default: the best F1)';

export const INNER_SPLIT_HELP =
  'how the inner cross-validation that chooses the hyper-parameters splits the training items: "random" (5 stratified folds, the default) or "by-corpus" (one fold per corpus when there are at least three)';

export const DISTORTION_FIXED_HELP =
  'set the distortion head\'s L2 strength and model weight (n-grams only, the rest the lexicon score), and optionally its threshold, instead of choosing them by the inner cross-validation: "λ,weight[,threshold]", e.g. 0.0001,0.7';

/** `--distortion-fixed λ,weight[,threshold]`: the distortion head's set choice (TrainSettings.distortionFixed). */
function parseDistortionFixed(value: string): NonNullable<TrainSettings['distortionFixed']> {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const [lambda, modelWeight, threshold] = parts;
  const valid =
    (parts.length === 2 || parts.length === 3) &&
    lambda > 0 &&
    modelWeight >= 0 &&
    modelWeight <= 1 &&
    (threshold === undefined || (threshold > 0 && threshold < 1));
  if (!valid) throw new UserError(`--distortion-fixed must be "λ,weight" or "λ,weight,threshold", e.g. 0.0001,0.7 (got "${value}")`);
  return { lambda, combination: { lexiconInputs: false, modelWeight }, ...(threshold === undefined ? {} : { threshold }) };
}

export const AVERAGED_EPOCHS_HELP = "weights as the mean of those at the end of the last n epochs (0, the default: the last step's)";

export const REFIT_BIAS_HELP =
  "after the gradient steps, each head's bias set to the maximum-likelihood intercept on its training items with the weights frozen (default: the last step's bias)";

export const MODEL_ONLY_HELP =
  'the model probability a distortion flag with no lexicon evidence needs (0 < q < 1); without a value, chosen on out-of-fold probabilities of writers the model has not seen (one inner fold per corpus)';

export const WEAK_CUE_HELP =
  'the model probability a distortion flag whose lexicon evidence is one weak cue needs (0 < w < 1); default: chosen by the inner cross-validation, which varies with the seed';

export const AGAINST_VETO_HELP =
  'a distortion flag whose lexicon evidence nets at or below minus this weight (1: one full cue against) is vetoed, whatever the model says (0 < v ≤ 10); default: no veto';

export const SEED_HELP = `seed of the gradient order (default ${DEFAULT_SETTINGS.seed})`;

/** How the training is set from the command line: the options trainSettings reads. */
export interface TrainOptions {
  precisionTarget?: string;
  innerSplit?: string;
  distortionFixed?: string;
  averagedEpochs?: string;
  refitBias?: boolean;
  seed?: string;
  modelOnlyRequirement?: boolean | string;
  weakCueRequirement?: string;
  againstVeto?: string;
}

/** Registers the options of TrainOptions on a command (train, eval --cv, eval:writers), each help after `prefix`. */
export function withTrainOptions<C extends Command>(command: C, prefix = ''): C {
  command
    .option('--precision-target <p>', `${prefix}${PRECISION_TARGET_HELP}`)
    .option('--inner-split <how>', `${prefix}${INNER_SPLIT_HELP}`)
    .option('--distortion-fixed <λ,weight[,threshold]>', `${prefix}${DISTORTION_FIXED_HELP}`)
    .option('--averaged-epochs <n>', `${prefix}${AVERAGED_EPOCHS_HELP}`)
    .option('--refit-bias', `${prefix}${REFIT_BIAS_HELP}`)
    .option('--seed <n>', `${prefix}${SEED_HELP}`)
    .option('--model-only-requirement [q]', `${prefix}${MODEL_ONLY_HELP}`)
    .option('--weak-cue-requirement <w>', `${prefix}${WEAK_CUE_HELP}`)
    .option('--against-veto <v>', `${prefix}${AGAINST_VETO_HELP}`);
  return command;
}

/** Whether any option of TrainOptions was given. */
export function hasTrainOptions(options: TrainOptions): boolean {
  return [
    options.precisionTarget,
    options.innerSplit,
    options.distortionFixed,
    options.averagedEpochs,
    options.refitBias,
    options.seed,
    options.modelOnlyRequirement,
    options.weakCueRequirement,
    options.againstVeto,
  ].some((o) => o !== undefined);
}

/** The training settings, with the options of TrainOptions when given. */
export function trainSettings(options: TrainOptions): TrainSettings {
  const settings = { ...DEFAULT_SETTINGS };
  if (options.precisionTarget !== undefined) {
    const p = Number(options.precisionTarget);
    if (!(p > 0 && p < 1)) throw new UserError(`--precision-target must be a number between 0 and 1, e.g. 0.9 (got "${options.precisionTarget}")`);
    settings.precisionTarget = p;
  }
  if (options.innerSplit !== undefined) {
    if (options.innerSplit !== 'random' && options.innerSplit !== 'by-corpus')
      throw new UserError(`--inner-split must be "random" or "by-corpus" (got "${options.innerSplit}")`);
    settings.innerSplit = options.innerSplit === 'by-corpus' ? 'group' : 'random';
  }
  if (options.distortionFixed !== undefined) settings.distortionFixed = parseDistortionFixed(options.distortionFixed);
  if (options.averagedEpochs !== undefined) {
    const n = Number(options.averagedEpochs);
    if (!Number.isInteger(n) || n < 0 || n > settings.epochs)
      throw new UserError(`--averaged-epochs must be a whole number from 0 to ${settings.epochs} (got "${options.averagedEpochs}")`);
    settings.averagedEpochs = n;
  }
  if (options.refitBias) settings.refitBias = true;
  if (options.seed !== undefined) {
    const seed = Number(options.seed);
    if (!Number.isInteger(seed) || seed < 1 || seed > 0xffffffff)
      throw new UserError(`--seed must be a whole number from 1 to ${0xffffffff} (got "${options.seed}")`);
    settings.seed = seed;
  }
  if (options.modelOnlyRequirement === true) settings.modelOnlyRequirement = 'chosen';
  else if (options.modelOnlyRequirement !== undefined && options.modelOnlyRequirement !== false) {
    const q = Number(options.modelOnlyRequirement);
    if (!(q > 0 && q < 1))
      throw new UserError(`--model-only-requirement must be a number between 0 and 1, e.g. 0.4, or no value (got "${options.modelOnlyRequirement}")`);
    settings.modelOnlyRequirement = q;
  }
  if (options.weakCueRequirement !== undefined) {
    const w = Number(options.weakCueRequirement);
    if (!(w > 0 && w < 1)) throw new UserError(`--weak-cue-requirement must be a number between 0 and 1, e.g. 0.1 (got "${options.weakCueRequirement}")`);
    settings.weakCueRequirement = w;
  }
  if (options.againstVeto !== undefined) {
    const v = Number(options.againstVeto);
    if (!(v > 0 && v <= 10)) throw new UserError(`--against-veto must be a number above 0 and at most 10, e.g. 1 (got "${options.againstVeto}")`);
    settings.againstVeto = v;
  }
  return settings;
}

export function registerTrain(program: Command): void {
  withTrainOptions(program.command('train'))
    .description('train the learned layer on labelled corpora (dev corpora, export-labels output); prints its cross-validated figures')
    .requiredOption('--corpus <files...>', CORPUS_HELP)
    .option('--out <file>', 'model file to write', 'config/model.json')
    .option('--folds <k>', 'folds of the cross-validation printed and recorded in the model', '5')
    .option('--keep-versions <n>', 'versions kept in models/ beside the output, newest first (0: every version)', String(DEFAULT_KEPT_VERSIONS))
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .action((options: TrainOptions & { corpus: string[]; out: string; folds: string; keepVersions: string; config?: string }) => {
      const folds = Number(options.folds);
      if (!Number.isInteger(folds) || folds < 2) throw new UserError(`--folds must be a whole number of at least 2 (got "${options.folds}")`);
      const keepVersions = parseKeep(options.keepVersions);
      const settings = trainSettings(options);
      const config = loadConfig(options.config);
      const classifierOptions = classifierOptionsFromConfig(config);
      const { corpora, items, problems } = readCorpora(options.corpus, 'train');
      const started = Date.now();
      const examples = examplesOf(classifierOptions, corpora);
      const cv = crossValidate(examples, folds, classifierOptions.thresholds, settings);
      process.stdout.write(`${formatCvReport(cvReport(examples, corpora, cv))}\n`);
      const model = train(examples, settings, classifierOptions.thresholds);
      const file = modelFile(model, corpora, examples, cv, lexiconsSha256(classifierOptions), settings, new Date().toISOString());
      const out = resolve(options.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(file)}\n`);
      // every model is kept beside the current one, so a rollback is a change of the config key "model"
      const kept = join(historyDirOf(out), `model-${file.version}.json`);
      mkdirSync(dirname(kept), { recursive: true });
      copyFileSync(out, kept);
      const pruned = keepVersions ? pruneModelHistory(dirname(kept), { keep: keepVersions, current: file.version }) : [];
      process.stdout.write(
        `model ${file.version} trained on ${items.length} items in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `congress ${describe(file.hyperparameters.combination.congress)} (threshold ${file.hyperparameters.thresholds.congress}), ` +
          `distortion ${describe(file.hyperparameters.combination.distortion)} (threshold ${file.hyperparameters.thresholds.distortion}; ${weakRule(file.hyperparameters.weakEvidenceMin)}; ${againstRule(file.hyperparameters.againstEvidenceMin)}${modelOnlyRule(file.hyperparameters.modelOnlyMin)}${vetoRule(file.hyperparameters.againstVeto)})\n` +
          `written to ${relative(process.cwd(), out)} and ${relative(process.cwd(), kept)}` +
          (pruned.length ? `; ${pruned.length} older versions pruned (--keep-versions ${keepVersions})` : '') +
          '\n',
      );
      if (problems) process.exitCode = 1;
    });
}
