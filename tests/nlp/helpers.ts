import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier, type Classifier } from '../../pipeline/nlp/index.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFIG = join(REPO, 'config/mediawatch.yaml');
export const DEV_CORPUS = join(REPO, 'tests/fixtures/dev-corpus.jsonl');

let cached: Classifier | null = null;
/** The lexicon classifier of the repository's config, without its learned model (built once per test file). */
export function classifier(): Classifier {
  cached ??= loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined });
  return cached;
}

export interface CorpusItem {
  id: string;
  title: string;
  text: string;
  kind: string;
  labels: { congress: boolean; distortion: boolean };
  note: string;
}

export function devCorpus(): CorpusItem[] {
  return readFileSync(DEV_CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusItem);
}

export { stripDiacritics } from '../../pipeline/nlp/fold.ts';
