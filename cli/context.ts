import pino, { type Logger } from 'pino';
import type { LoadedConfig } from '../core/config.ts';
import type { Store } from '../core/types.ts';
import { IngestPipeline } from '../pipeline/ingest.ts';
import { NearDuplicateIndex } from '../pipeline/nlp/cluster.ts';
import { classifierOptionsFromConfig, loadClassifier, staleModelWarning, type Classifier, type ClassifierOptions } from '../pipeline/nlp/index.ts';
import { openStore } from '../pipeline/store/index.ts';

/** Logs go to stderr so stdout stays clean for data (classify, --json). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level }, pino.destination(2));
}

/** The configured classifier (with its model, if one is named); warns on stderr when the model is stale. */
export function loadConfiguredClassifier(options: ClassifierOptions): Classifier {
  const classifier = loadClassifier(options);
  const warning = staleModelWarning(classifier, options);
  if (warning) process.stderr.write(`mediawatch: warning: ${warning}\n`);
  return classifier;
}

/** Store + classifier + cluster index, ready to ingest; the caller closes the store. */
export async function openPipeline(config: LoadedConfig): Promise<{ store: Store; pipeline: IngestPipeline }> {
  const classifier = loadConfiguredClassifier(classifierOptionsFromConfig(config));
  const store = await openStore(config);
  const pipeline = new IngestPipeline(store, classifier, new NearDuplicateIndex());
  await pipeline.seedClusters();
  return { store, pipeline };
}
