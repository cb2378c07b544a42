/**
 * Public entry of the NLP stage. See docs/nlp.md.
 *
 *   const classifier = loadClassifier(classifierOptionsFromConfig(loadConfig()));
 *   classifier.classify({ title, text }) → { congress, distortion, scores, topics, explanations }
 */
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { Classifier } from './classifier.ts';
import { loadFactsFile } from './facts.ts';
import { abbreviationsSchema, cuesSchema, LexiconError, loadYamlFile, topicSchema } from './lexicon.ts';
import type { AbbreviationEntry } from './stream.ts';

export interface ClassifierOptions {
  topicFiles: string[];
  cueFiles: string[];
  abbreviationsFile: string;
  factsFile: string;
  /** A facts sheet in the shared JSON format whose facts and values replace those of factsFile (its checks are kept). */
  factsSheet?: string;
  thresholds: { congress: number; distortion: number };
}

/** Resolves the lexicon paths of a loaded config (relative to the config file's folder). */
export function classifierOptionsFromConfig(config: LoadedConfig): ClassifierOptions {
  return {
    topicFiles: config.topics.map((p) => configRelative(config, p)),
    cueFiles: config.distortionCues.map((p) => configRelative(config, p)),
    abbreviationsFile: configRelative(config, config.abbreviations),
    factsFile: configRelative(config, config.officialFacts),
    thresholds: { congress: config.thresholds.congress, distortion: config.thresholds.distortion },
  };
}

/** Reads abbreviations/teencode entries from YAML. */
export function loadAbbreviations(file: string): AbbreviationEntry[] {
  const data = loadYamlFile(file, abbreviationsSchema, 'abbreviations');
  return data.abbreviations.map((a) => ({
    forms: Array.isArray(a.abbr) ? a.abbr : [a.abbr],
    expansion: a.expansion,
    match: a.match,
    note: a.note,
  }));
}

/** Reads and validates every lexicon and builds the automata once. */
export function loadClassifier(options: ClassifierOptions): Classifier {
  if (!options.topicFiles.length) throw new LexiconError('no topic lexicon configured (config key "topics")');
  const topics = options.topicFiles.map((f) => loadYamlFile(f, topicSchema, 'topic lexicon'));
  const ids = new Set<string>();
  topics.forEach((t, i) => {
    if (ids.has(t.id)) throw new LexiconError(`Invalid topic lexicon file ${options.topicFiles[i]}:\n  - id: duplicate topic id "${t.id}"`);
    ids.add(t.id);
  });
  const cues = options.cueFiles.map((f) => loadYamlFile(f, cuesSchema, 'distortion cues'));
  return new Classifier({
    topics,
    cues,
    abbreviations: loadAbbreviations(options.abbreviationsFile),
    facts: loadFactsFile(options.factsFile, options.factsSheet),
    thresholds: options.thresholds,
  });
}

export { Classifier } from './classifier.ts';
export { loadOfficialFacts, type OfficialFact, type FactCheck } from './facts.ts';
export { LexiconError } from './lexicon.ts';
export { NearDuplicateIndex } from './cluster.ts';
export { foldVietnamese, toNfc } from './fold.ts';
export { isWithoutDiacritics } from './text.ts';
