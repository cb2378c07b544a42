import { describe, expect, it } from 'vitest';
import { trainSettings } from '../../cli/commands/train.ts';
import { loadConfig } from '../../core/config.ts';
import { stripDiacritics } from '../../pipeline/nlp/fold.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { decide, LearnedScorer, loadModelFile, MODEL_ONLY_LEXICON, parseModel, type ModelFile } from '../../pipeline/nlp/model.ts';
import { CONFIG } from './helpers.ts';

/**
 * A social post that states the sheet's value (docs/history/judgement.md, ninety-third pass's C2 on social posts, built
 * in the ninety-fourth): "BCH tỉnh khóa mới là 51 người chứ không phải 53 hay 61" is a rebuttal the lexicons read right
 * (score 0, the clause confirming the sheet); a flag there that is the model's alone needs the model at `confirmedMin`.
 */
const thresholds = { congress: 0.5, distortion: 0.5 };
const choice = {
  congress: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.4 },
  distortion: { combination: { lexiconInputs: false, modelWeight: 0.7 }, threshold: 0.25 },
};
const p = (distortion: number) => ({ congress: 0.9, distortion });
const scores = (distortion: number) => ({ congress: 0.9, distortion });

describe('the requirement of a social post confirming the sheet (decide, confirmed)', () => {
  it('holds a model-only flag below it, the shown score below the threshold; not at or above it', () => {
    expect(decide(choice, p(0.5), scores(0), thresholds, 0.1, false, 0.75, 0.35)).toMatchObject({ distortion: true });
    const held = decide(choice, p(0.5), scores(0), thresholds, 0.1, false, 0.75, 0.35, false, true, 0.6);
    expect(held.distortion).toBe(false);
    expect(held.scores.distortion).toBeLessThan(thresholds.distortion);
    expect(decide(choice, p(0.65), scores(0), thresholds, 0.1, false, 0.75, 0.35, false, true, 0.6)).toMatchObject({ distortion: true });
  });

  it('leaves a flag with lexicon evidence of its own (a score of at least MODEL_ONLY_LEXICON)', () => {
    expect(decide(choice, p(0.5), scores(MODEL_ONLY_LEXICON), thresholds, 0.1, false, 0.75, 0.35, false, true, 0.6)).toMatchObject({ distortion: true });
  });
});

describe('in the classifier (a model at 0.5 for distortion on every item)', () => {
  const options = classifierOptionsFromConfig(loadConfig(CONFIG));
  const shipped = loadModelFile(options.modelFile!);
  const even = (confirmedMin?: number): ModelFile => {
    const { confirmedMin: _, ...hp } = shipped.hyperparameters;
    const heads = { ...shipped.heads, distortion: { ...shipped.heads.distortion, index: [], value: [], bias: 0 } };
    const settings = { ...hp, modelOnlyMin: 0.35, combination: { ...hp.combination, distortion: { lexiconInputs: false, modelWeight: 0.7 } } };
    return parseModel({ ...shipped, heads, hyperparameters: { ...settings, ...(confirmedMin ? { confirmedMin } : {}) } }, 'even.json');
  };
  const classify = (model: ModelFile, text: string, kind: string) => {
    const c = loadClassifier({ ...options, modelFile: undefined });
    c.learned = new LearnedScorer(model, options.thresholds);
    return c.classify({ title: '', text, kind });
  };
  const rebuttals = [
    'fake nha mn, BCH tỉnh khóa mới có 53 người chứ hk phải 61 đâu.',
    'Đại hội tỉnh có 350 đại biểu chứ không phải 400 đâu mọi người.',
    'Ủa mấy bạn, đại hội tỉnh kéo dài 3 ngày thôi chứ đâu phải 4 ngày.',
  ].flatMap((t) => [t, stripDiacritics(t)]);

  it('unflags a social post whose clause confirms the sheet, and flags it without the setting', () => {
    for (const text of rebuttals) {
      expect(classify(even(), text, 'social'), text).toMatchObject({ congress: true, distortion: true });
      expect(classify(even(0.6), text, 'social'), text).toMatchObject({ congress: true, distortion: false });
    }
  });

  it('leaves a news report stating the value, and a social post that states none or contradicts the sheet', () => {
    for (const text of rebuttals) expect(classify(even(0.6), text, 'news'), text).toMatchObject({ distortion: true });
    for (const text of ['BCH tỉnh khóa mới có nhiều gương mặt trẻ, mọi người thấy sao?', 'BCH tỉnh khóa mới có 61 người chứ hk phải 53 đâu.'].flatMap((t) => [
      t,
      stripDiacritics(t),
    ]))
      expect(classify(even(0.6), text, 'social'), text).toMatchObject({ congress: true, distortion: true });
  });
});

describe('the setting (train --confirmed-requirement, the model file)', () => {
  it('is an option of train, eval --cv and eval:writers, checked for range; recorded in the model, files without it read as none', () => {
    expect(trainSettings({}).confirmedRequirement).toBeUndefined();
    expect(trainSettings({ confirmedRequirement: '0.6' }).confirmedRequirement).toBe(0.6);
    for (const bad of ['0', '1', 'high']) expect(() => trainSettings({ confirmedRequirement: bad }), bad).toThrow(/--confirmed-requirement/);
    const model = loadModelFile(classifierOptionsFromConfig(loadConfig(CONFIG)).modelFile!);
    const { confirmedMin: _, ...older } = model.hyperparameters;
    expect(parseModel({ ...model, hyperparameters: older }, 'older.json').hyperparameters.confirmedMin).toBeUndefined();
    expect(parseModel({ ...model, hyperparameters: { ...older, confirmedMin: 0.6 } }, 'new.json').hyperparameters.confirmedMin).toBe(0.6);
  });
});
