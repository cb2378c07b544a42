import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partlyExplained, REPO } from './helpers.ts';
import { hasTrainOptions, trainSettings } from '../../cli/commands/train.ts';
import { logit, parseModel, sigmoid } from '../../pipeline/nlp/model.ts';
import { crossValidate, DEFAULT_SETTINGS, fitHead, interceptFor, modelFile, train, type Example, type TrainSettings } from '../../pipeline/nlp/train.ts';

const items = partlyExplained(300, (i) => i % 4 !== 0);
const settings: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 8, bucketBits: 8 };

/** Σ (y − p) of a head over the items: zero at the maximum-likelihood bias. */
function score(head: ReturnType<typeof fitHead>, label: (e: Example) => boolean): number {
  return items.reduce((sum, e) => sum + (label(e) ? 1 : 0) - sigmoid(logit(head, e.features, false)), 0);
}

describe('the bias refitted with the weights frozen (refitBias)', () => {
  it('solves the score equation on the training items, for both heads, where the last step does not', () => {
    for (const head of ['distortion', 'congress'] as const) {
      const plain = fitHead(items, head, 1e-4, false, settings);
      const refitted = fitHead(items, head, 1e-4, false, { ...settings, refitBias: true });
      expect(refitted.weights).toEqual(plain.weights);
      // the bias is stored to 5 decimals: Σ p(1 − p) ≤ 75 here, so the equation holds to within 1e-3
      expect(Math.abs(score(refitted, (e) => e.item.labels[head]))).toBeLessThan(1e-3);
      expect(Math.abs(score(plain, (e) => e.item.labels[head]))).toBeGreaterThan(0.05);
    }
  });

  it('does not depend on the bias the gradient steps left', () => {
    const { weights } = fitHead(items, 'distortion', 1e-4, false, settings);
    const from = [-5, -1, 0, 3].map((start) => interceptFor(items, 'distortion', weights, false, start));
    for (const b of from) expect(b).toBeCloseTo(from[0], 9);
  });

  it('keeps the given bias when every item has the same label (no finite root)', () => {
    const negatives = items.filter((e) => !e.item.labels.distortion);
    const { weights } = fitHead(items, 'distortion', 1e-4, false, settings);
    expect(interceptFor(negatives, 'distortion', weights, false, -1.25)).toBe(-1.25);
  });

  it('is recorded in the model file only when set, so the last-step fit keeps its version', () => {
    const small = { ...settings, epochs: 3, lambdas: [1e-4], combinations: [{ lexiconInputs: false, modelWeight: 1 }] };
    const file = (s: TrainSettings) =>
      modelFile(train(items, s), [], items, crossValidate(items, 2, { congress: 0.5, distortion: 0.5 }, s), 'x', s, '2026-12-05T00:00:00Z');
    const plain = file(small);
    const refitted = file({ ...small, refitBias: true });
    expect(plain.hyperparameters).not.toHaveProperty('refitBias');
    expect(refitted.hyperparameters).toMatchObject({ refitBias: true });
    expect(refitted.version).not.toBe(plain.version);
    expect(refitted.heads.distortion.bias).not.toBe(plain.heads.distortion.bias);
  });

  it('is read back from a model file, and only as true', () => {
    const shipped = JSON.parse(readFileSync(join(REPO, 'config/model.json'), 'utf8'));
    const withKey = (refitBias: unknown) => ({ ...shipped, hyperparameters: { ...shipped.hyperparameters, refitBias } });
    expect(parseModel(shipped, 'shipped.json').hyperparameters.refitBias).toBeUndefined();
    expect(parseModel(withKey(true), 'refit.json').hyperparameters.refitBias).toBe(true);
    expect(() => parseModel(withKey(false), 'bad.json')).toThrow(/refitBias/);
  });
});

describe('--refit-bias', () => {
  it('is off unless given', () => {
    expect(DEFAULT_SETTINGS.refitBias).toBe(false);
    expect(trainSettings({}).refitBias).toBe(false);
    expect(hasTrainOptions({})).toBe(false);
    expect(trainSettings({ refitBias: true }).refitBias).toBe(true);
    expect(hasTrainOptions({ refitBias: true })).toBe(true);
  });
});
