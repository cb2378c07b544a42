import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabelledItem } from '../../pipeline/nlp/evaluate.ts';
import { classifier, partlyExplained, REPO } from './helpers.ts';
import { trainSettings } from '../../cli/commands/train.ts';
import { sigmoid, logit } from '../../pipeline/nlp/model.ts';
import { crossValidate, DEFAULT_SETTINGS, featurize, fitHead, modelFile, train, type TrainSettings } from '../../pipeline/nlp/train.ts';

const fitted = partlyExplained(300);
const settings: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 8, bucketBits: 8 };

describe('weights averaged over the last epochs (averagedEpochs)', () => {
  it('are the mean of the weights at the end of each of the last n epochs', () => {
    const averaged = fitHead(fitted, 'distortion', 1e-4, false, { ...settings, averagedEpochs: 3 });
    // a fit stopped after k epochs is the longer fit at the end of its k-th epoch (same order, same step sizes)
    const stopped = [6, 7, 8].map((epochs) => fitHead(fitted, 'distortion', 1e-4, false, { ...settings, epochs }));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(averaged.bias).toBeCloseTo(mean(stopped.map((h) => h.bias)), 4);
    for (let k = 0; k < averaged.weights.length; k++) expect(averaged.weights[k]).toBeCloseTo(mean(stopped.map((h) => h.weights[k])), 4);
    // and not simply the last step's
    expect(averaged.weights).not.toEqual(stopped[2].weights);
  });

  it('are recorded in the model file only when set, so the last-step fit keeps its version', () => {
    const small = { ...settings, epochs: 3, lambdas: [1e-4], combinations: [{ lexiconInputs: false, modelWeight: 1 }] };
    const file = (s: TrainSettings) =>
      modelFile(train(fitted, s), [], fitted, crossValidate(fitted, 2, { congress: 0.5, distortion: 0.5 }, s), 'x', s, '2026-12-05T00:00:00Z');
    expect(file(small).hyperparameters).not.toHaveProperty('averagedEpochs');
    expect(file({ ...small, averagedEpochs: 2 }).hyperparameters).toMatchObject({ averagedEpochs: 2 });
  });
});

describe('weights averaged over the last epochs, on the dev corpora', () => {
  // enough items and n-grams that the last steps' order shows (a small synthetic set settles, or not, by its draw)
  const read = (names: string[]) =>
    names.flatMap((name) =>
      readFileSync(join(REPO, 'tests/fixtures', name), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as LabelledItem),
    );
  const fit = featurize(
    classifier(),
    read(['dev-corpus-8.jsonl', 'dev-corpus-10.jsonl', 'dev-corpus-11.jsonl', 'dev-corpus-13.jsonl', 'dev-corpus-15.jsonl']),
    DEFAULT_SETTINGS.bucketBits,
  );
  const heldOut = featurize(classifier(), read(['dev-corpus.jsonl', 'dev-corpus-2.jsonl']), DEFAULT_SETTINGS.bucketBits);

  /** The mean gap between two seeds' distortion probabilities over items neither fit saw. */
  function seedGap(averagedEpochs: number): number {
    const [a, b] = [1, 2].map((seed) => fitHead(fit, 'distortion', 1e-4, false, { ...DEFAULT_SETTINGS, seed, averagedEpochs }));
    const gaps = heldOut.map((e) => Math.abs(sigmoid(logit(a, e.features, false)) - sigmoid(logit(b, e.features, false))));
    return gaps.reduce((x, y) => x + y, 0) / gaps.length;
  }

  // two seeds' probabilities differ by 0.020 on average with the last step's weights, by 0.003 averaged over 10 epochs
  it("move less with the seed than the last step's weights", () => {
    const plain = seedGap(0);
    const averaged = seedGap(10);
    expect(averaged).toBeLessThan(plain / 2);
  }, 120_000);
});

describe('--averaged-epochs and --seed', () => {
  it('set the averaging and the gradient order, and refuse anything else', () => {
    expect(trainSettings({}).averagedEpochs).toBe(0);
    expect(trainSettings({ averagedEpochs: '10' }).averagedEpochs).toBe(10);
    expect(trainSettings({}).seed).toBe(DEFAULT_SETTINGS.seed);
    expect(trainSettings({ seed: '3' }).seed).toBe(3);
    for (const bad of ['-1', '2.5', 'x', String(DEFAULT_SETTINGS.epochs + 1)])
      expect(() => trainSettings({ averagedEpochs: bad })).toThrow(/--averaged-epochs must be/);
    for (const bad of ['0', '1.5', 'x']) expect(() => trainSettings({ seed: bad })).toThrow(/--seed must be/);
  });
});
