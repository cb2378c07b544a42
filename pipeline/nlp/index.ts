/**
 * Public entry of the NLP stage. See docs/nlp.md.
 *
 *   const classifier = loadClassifier(classifierOptionsFromConfig(loadConfig()));
 *   classifier.classify({ title, text }) → { congress, distortion, scores, topics, explanations }
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { Classifier } from './classifier.ts';
import { loadFactsFile } from './facts-sheet.ts';
import { LearnedScorer, loadModelFile } from './model.ts';
import { abbreviationsSchema, cuesSchema, LexiconError, loadYamlFile, topicSchema } from './lexicon.ts';
import { discourseSchema } from './discourse.ts';
import { gatheringsSchema } from './gatherings.ts';
import type { AbbreviationEntry } from './stream.ts';

export interface ClassifierOptions {
  topicFiles: string[];
  cueFiles: string[];
  abbreviationsFile: string;
  factsFile: string;
  /** A facts sheet in the shared JSON format whose facts and values replace those of factsFile (its checks are kept). */
  factsSheet?: string;
  thresholds: { congress: number; distortion: number };
  /** The learned model's file; absent: lexicons only. */
  modelFile?: string;
  /** Markers of reported speech and the own voice (config/discourse.yaml); absent: not read. */
  discourseFile?: string;
  /** Holders of gatherings (config/gatherings.yaml): another organisation's "đại hội" is not ours; absent: not read. */
  gatheringsFile?: string;
}

/** Resolves the lexicon paths of a loaded config (relative to the config file's folder). */
export function classifierOptionsFromConfig(config: LoadedConfig): ClassifierOptions {
  return {
    topicFiles: config.topics.map((p) => configRelative(config, p)),
    cueFiles: config.distortionCues.map((p) => configRelative(config, p)),
    abbreviationsFile: configRelative(config, config.abbreviations),
    factsFile: configRelative(config, config.officialFacts),
    thresholds: { congress: config.thresholds.congress, distortion: config.thresholds.distortion },
    modelFile: config.model ? configRelative(config, config.model) : undefined,
    discourseFile: config.discourse ? configRelative(config, config.discourse) : undefined,
    gatheringsFile: config.gatherings ? configRelative(config, config.gatherings) : undefined,
  };
}

/** SHA-256 of every lexicon file the classifier reads (a model records the lexicons it was trained with). */
export function lexiconsSha256(options: ClassifierOptions): string {
  const h = createHash('sha256');
  for (const file of [
    ...options.topicFiles,
    ...options.cueFiles,
    options.abbreviationsFile,
    options.factsFile,
    ...(options.discourseFile ? [options.discourseFile] : []),
  ])
    h.update(readFileSync(file)).update('\0');
  return h.digest('hex');
}

/** Reads abbreviations/teencode entries from YAML. */
export function loadAbbreviations(file: string): AbbreviationEntry[] {
  const data = loadYamlFile(file, abbreviationsSchema, 'abbreviations');
  return data.abbreviations.map((a) => ({
    forms: Array.isArray(a.abbr) ? a.abbr : [a.abbr],
    expansion: a.expansion,
    match: a.match,
    beforeName: a.beforeName,
    note: a.note,
  }));
}

/**
 * Reads and validates every lexicon and builds the automata once; with a model file, the learned
 * layer combines the model with the lexicon evidence. A model trained with other lexicons still
 * loads, and `stale` says so (retrain with `npm run train`).
 */
export function loadClassifier(options: ClassifierOptions): Classifier {
  if (!options.topicFiles.length) throw new LexiconError('no topic lexicon configured (config key "topics")');
  const topics = options.topicFiles.map((f) => loadYamlFile(f, topicSchema, 'topic lexicon'));
  const ids = new Set<string>();
  topics.forEach((t, i) => {
    if (ids.has(t.id)) throw new LexiconError(`Invalid topic lexicon file ${options.topicFiles[i]}:\n  - id: duplicate topic id "${t.id}"`);
    ids.add(t.id);
  });
  const cues = options.cueFiles.map((f) => loadYamlFile(f, cuesSchema, 'distortion cues'));
  const classifier = new Classifier({
    topics,
    cues,
    abbreviations: loadAbbreviations(options.abbreviationsFile),
    facts: loadFactsFile(options.factsFile, options.factsSheet),
    thresholds: options.thresholds,
    discourse: options.discourseFile ? loadYamlFile(options.discourseFile, discourseSchema, 'discourse markers') : undefined,
    gatherings: options.gatheringsFile ? loadYamlFile(options.gatheringsFile, gatheringsSchema, 'gathering holders') : undefined,
  });
  if (options.modelFile) classifier.learned = new LearnedScorer(loadModelFile(options.modelFile), options.thresholds);
  return classifier;
}

/** A warning when the configured model was trained with other lexicon files than these, else null. */
export function staleModelWarning(classifier: Classifier, options: ClassifierOptions): string | null {
  const learned = classifier.learned;
  if (!(learned instanceof LearnedScorer) || learned.model.lexiconsSha256 === lexiconsSha256(options)) return null;
  return `model ${learned.version} (${options.modelFile}) was trained with other lexicon files than the configured ones; retrain it with "npm run train"`;
}

export { Classifier } from './classifier.ts';
export { loadOfficialFacts, type OfficialFact, type FactCheck } from './facts-sheet.ts';
export { LexiconError } from './lexicon.ts';
export { LearnedScorer, ModelError, loadModelFile } from './model.ts';
export { NearDuplicateIndex } from './cluster.ts';
export { foldVietnamese } from './fold.ts';
export { isWithoutDiacritics } from './text.ts';
