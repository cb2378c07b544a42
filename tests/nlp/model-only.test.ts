import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { trainSettings } from '../../cli/commands/train.ts';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig } from '../../pipeline/nlp/index.ts';
import { decide, loadModelFile, parseModel } from '../../pipeline/nlp/model.ts';
import { DEFAULT_SETTINGS, train, type Example, type TrainSettings } from '../../pipeline/nlp/train.ts';
import { CONFIG } from './helpers.ts';

const thresholds = { congress: 0.5, distortion: 0.5 };

describe('a distortion flag with no lexicon evidence (decide, modelOnlyMin)', () => {
  const choice = {
    congress: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.4 },
    distortion: { combination: { lexiconInputs: false, modelWeight: 0.7 }, threshold: 0.25 },
  };
  const scores = (distortion: number) => ({ congress: 0.9, distortion });
  const p = (distortion: number) => ({ congress: 0.9, distortion });

  it('needs the model to reach the requirement, the shown score kept below the threshold', () => {
    // the blend alone flags it: 0.7 × 0.38 = 0.266 ≥ 0.25
    expect(decide(choice, p(0.38), scores(0), thresholds, 0, false, 0, 0)).toMatchObject({ distortion: true });
    const held = decide(choice, p(0.38), scores(0), thresholds, 0, false, 0, 0.4);
    expect(held.distortion).toBe(false);
    expect(held.scores.distortion).toBeLessThan(thresholds.distortion);
    expect(decide(choice, p(0.45), scores(0), thresholds, 0, false, 0, 0.4)).toMatchObject({ distortion: true });
  });

  it('leaves alone an item with lexicon evidence of distortion, and one whose evidence speaks against it (its own requirement)', () => {
    // one cue (0.41) and a low model: the blend flags it, as before
    expect(decide(choice, p(0.2), scores(0.41), thresholds, 0, false, 0, 0.4)).toMatchObject({ distortion: true });
    // a rebuttal's score is 0 too; only the requirement of evidence against applies to it
    expect(decide(choice, p(0.38), scores(0), thresholds, 0, true, 0, 0.4)).toMatchObject({ distortion: true });
    expect(decide(choice, p(0.38), scores(0), thresholds, 0, true, 0.7, 0.4)).toMatchObject({ distortion: false });
  });
});

/**
 * Four writers. Each writer's distortions share a word of its own (its style), found by no cue but
 * in a quarter of them; its non-distortions use the next writer's word. Trained on random folds, the
 * model has seen how each writer uses each word and flags the no-evidence items well; on a writer it
 * has not seen, the word it learned from the next writer's distortions flags this writer's
 * non-distortions: model-only false positives, as on the never-read writers.
 */
function writers(): Example[] {
  const out: Example[] = [];
  const writerCount = 4;
  for (let w = 0; w < writerCount; w++)
    for (let i = 0; i < 60; i++) {
      const distortion = i % 2 === 0;
      const found = distortion && i % 4 === 0;
      const style = distortion ? w : (w + 1) % writerCount;
      // the word, the writer's use of it (a pair the model learns only from that writer), the item's own word
      const ngrams = Int32Array.from([1 + style, 50 + w * writerCount + style, 100 + w * 60 + i]);
      const lexiconScore = found ? 0.8 : 0;
      const lexicon = { congress: true, distortion: false, scores: { congress: 1, distortion: lexiconScore }, explanations: [] } as unknown as Classification;
      out.push({
        item: { id: `w${w}-${i}`, title: '', text: '', labels: { congress: true, distortion } },
        features: { ngrams, ngramValue: 1 / Math.sqrt(3), lexicon: [] },
        lexicon,
        lexiconDecision: lexicon,
        otherGathering: null,
        impliedCongress: null,
        group: `writer-${w}`,
      });
    }
  return out;
}

const settings: TrainSettings = {
  ...DEFAULT_SETTINGS,
  epochs: 5,
  bucketBits: 10,
  distortionFixed: { lambda: 1e-4, combination: { lexiconInputs: false, modelWeight: 0.7 }, threshold: 0.25 },
};

describe('the requirement chosen on writers the model has not seen (train modelOnlyRequirement)', () => {
  it('asks more of a model-only flag when held-out writers show such flags wrong; none when not asked, or with one writer only', () => {
    expect(train(writers(), settings, thresholds).modelOnlyMin).toBe(0);
    const byWriter = train(writers(), { ...settings, modelOnlyRequirement: 'chosen' }, thresholds);
    expect(byWriter.modelOnlyMin).toBeGreaterThan(0);
    // with fewer than three corpora the random inner folds judge it: there the model knows every writer's words
    const oneWriter = writers().map((e) => ({ ...e, group: 'one' }));
    expect(train(oneWriter, { ...settings, modelOnlyRequirement: 'chosen' }, thresholds).modelOnlyMin).toBe(0);
    // set, it is kept whatever the folds show
    expect(train(oneWriter, { ...settings, modelOnlyRequirement: 0.4 }, thresholds).modelOnlyMin).toBe(0.4);
  });

  it('is an option of train, eval --cv and eval:writers, recorded in the model file; files without it read as none', () => {
    expect(trainSettings({}).modelOnlyRequirement).toBeUndefined();
    expect(trainSettings({ modelOnlyRequirement: true }).modelOnlyRequirement).toBe('chosen');
    expect(trainSettings({ modelOnlyRequirement: '0.4' }).modelOnlyRequirement).toBe(0.4);
    for (const bad of ['0', '1', 'high']) expect(() => trainSettings({ modelOnlyRequirement: bad }), bad).toThrow(/--model-only-requirement/);
    const model = loadModelFile(classifierOptionsFromConfig(loadConfig(CONFIG)).modelFile!);
    const { modelOnlyMin: _, ...older } = model.hyperparameters;
    expect(parseModel({ ...model, hyperparameters: older }, 'older.json').hyperparameters.modelOnlyMin).toBeUndefined();
    expect(parseModel({ ...model, hyperparameters: { ...older, modelOnlyMin: 0.4 } }, 'new.json').hyperparameters.modelOnlyMin).toBe(0.4);
    expect(() => parseModel({ ...model, hyperparameters: { ...older, modelOnlyMin: 1.5 } }, 'bad.json')).toThrow(/modelOnlyMin/);
  });
});

describe('the weak-cue requirement set instead of chosen per training (train weakCueRequirement)', () => {
  it('is kept as set whatever the inner folds choose, and chosen by them when not set', () => {
    const chosen = train(writers(), settings, thresholds).weakEvidenceMin;
    const set = chosen === 0.35 ? 0.4 : 0.35;
    expect(train(writers(), { ...settings, weakCueRequirement: set }, thresholds).weakEvidenceMin).toBe(set);
  });

  it('is an option of train, eval --cv and eval:writers, checked for range', () => {
    expect(trainSettings({}).weakCueRequirement).toBeUndefined();
    expect(trainSettings({ weakCueRequirement: '0.1' }).weakCueRequirement).toBe(0.1);
    for (const bad of ['0', '1', 'low']) expect(() => trainSettings({ weakCueRequirement: bad }), bad).toThrow(/--weak-cue-requirement/);
  });
});
