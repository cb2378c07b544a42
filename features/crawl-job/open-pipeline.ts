import type { Logger } from 'pino';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { Store } from '../../core/types.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { NearDuplicateIndex } from '../../pipeline/nlp/cluster.ts';
import {
  classifierOptionsFromConfig,
  loadAbbreviations,
  loadClassifier,
  staleModelWarning,
  type Classifier,
  type ClassifierOptions,
} from '../../pipeline/nlp/index.ts';
import { KnownRumourMatcher } from '../../pipeline/nlp/known-rumours.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { KnownRumours, openWorkflow, workflowOptionsFromConfig } from '../workflow/index.ts';

/** The configured classifier (with its model, if one is named); warns on stderr when the model is stale. */
export function loadConfiguredClassifier(options: ClassifierOptions): Classifier {
  const classifier = loadClassifier(options);
  const warning = staleModelWarning(classifier, options);
  if (warning) process.stderr.write(`mediawatch: warning: ${warning}\n`);
  return classifier;
}

/**
 * Store + classifier + cluster index + the office's known rumours (read from the review workflow),
 * ready to ingest; `close` closes the store and the workflow.
 */
export async function openPipeline(
  config: LoadedConfig,
  logger: Logger = createLogger(),
): Promise<{ store: Store; pipeline: IngestPipeline; close: () => Promise<void> }> {
  const classifier = loadConfiguredClassifier(classifierOptionsFromConfig(config));
  const store = await openStore(config);
  const workflow = openWorkflow(workflowOptionsFromConfig(config, { store, logger }));
  const matcher = new KnownRumourMatcher({ abbreviations: loadAbbreviations(configRelative(config, config.abbreviations)) });
  const knownRumours = new KnownRumours(workflow, store, matcher, config.thresholds, logger, classifier.rebuttalGroups);
  const pipeline = new IngestPipeline(store, classifier, new NearDuplicateIndex(), knownRumours);
  await pipeline.seedIndexes();
  const close = async () => {
    workflow.close();
    await store.close();
  };
  return { store, pipeline, close };
}
