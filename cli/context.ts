import pino, { type Logger } from 'pino';
import type { LoadedConfig } from '../core/config.ts';
import type { Store } from '../core/types.ts';
import { IngestPipeline } from '../pipeline/ingest.ts';
import { NearDuplicateIndex } from '../pipeline/nlp/cluster.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../pipeline/nlp/index.ts';
import { openStore } from '../pipeline/store/index.ts';

/** Logs go to stderr so stdout stays clean for data (classify, --json). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level }, pino.destination(2));
}

/** Store + classifier + cluster index, ready to ingest; the caller closes the store. */
export async function openPipeline(config: LoadedConfig): Promise<{ store: Store; pipeline: IngestPipeline }> {
  const classifier = loadClassifier(classifierOptionsFromConfig(config));
  const store = await openStore(config);
  const pipeline = new IngestPipeline(store, classifier, new NearDuplicateIndex());
  await pipeline.seedClusters();
  return { store, pipeline };
}
