import { describe, expect, it } from 'vitest';
import { trainSettings } from '../../cli/commands/train.ts';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { AGAINST_VETO_TERM, decide, evidenceNet, LearnedScorer, loadModelFile, parseModel, vetoedAgainst, type ModelFile } from '../../pipeline/nlp/model.ts';
import { bothForms, classifier, CONFIG } from './helpers.ts';

/**
 * A model-only flag vetoed by evidence against of a full cue (docs/history/judgement.md, ninety-third pass's remedy A′,
 * built in the ninety-fourth): a moderators' notice or a reader's question written in a rumour's words, the lexicons
 * reading it right (score 0, evidence netting −1 or less), is not flagged however sure the model is; a report of a rumour
 * that says "lan truyền thông tin" (−0.5) keeps the model's flag.
 */
const thresholds = { congress: 0.5, distortion: 0.5 };
const choice = {
  congress: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.4 },
  distortion: { combination: { lexiconInputs: false, modelWeight: 0.7 }, threshold: 0.25 },
};
const p = (distortion: number) => ({ congress: 0.9, distortion });
const scores = (distortion: number) => ({ congress: 0.9, distortion });

describe('the veto of evidence against (decide, vetoed)', () => {
  it('holds a flag back whatever the model says, the shown score below the threshold, and says so', () => {
    // evidence against, the model sure: flagged past the against requirement (0.75) without the veto
    expect(decide(choice, p(0.95), scores(0), thresholds, 0.1, true, 0.75, 0.35)).toMatchObject({ distortion: true, vetoed: false });
    const held = decide(choice, p(0.95), scores(0), thresholds, 0.1, true, 0.75, 0.35, true);
    expect(held).toMatchObject({ distortion: false, vetoed: true });
    expect(held.scores.distortion).toBeLessThan(thresholds.distortion);
  });

  it('is not the reason when another requirement holds the flag already, and never touches lexicon evidence of distortion', () => {
    expect(decide(choice, p(0.6), scores(0), thresholds, 0.1, true, 0.75, 0.35, true)).toMatchObject({ distortion: false, vetoed: false });
    expect(decide(choice, p(0.95), scores(0.41), thresholds, 0.1, false, 0.75, 0.35, true)).toMatchObject({ distortion: true, vetoed: false });
  });
});

describe('which evidence vetoes (vetoedAgainst: the lexicons as typed and without diacritics)', () => {
  const lexicon = (text: string): Classification => classifier().classify({ title: '', text });

  it('a full cue against, or two half ones, with nothing for distortion', () => {
    for (const text of [
      ...bothForms(['Thông báo của admin: nhóm đã gỡ bài về danh sách Ban Chấp hành khóa mới của đại hội tỉnh.']),
      ...bothForms(['Mình chỉ muốn biết danh sách Ban Chấp hành khóa mới của đại hội tỉnh gồm những ai?']),
    ]) {
      expect(evidenceNet(lexicon(text)), text).toBeLessThanOrEqual(-1);
      expect(vetoedAgainst(lexicon(text), 1), text).toBe(true);
      expect(vetoedAgainst(lexicon(text), 0), text).toBe(false);
    }
  });

  it('not a half-weight cue (a rumour reported: "lan truyền thông tin"), nor a question about a rumour that carries its cue', () => {
    for (const text of [
      ...bothForms(['Trên mạng lan truyền thông tin về danh sách Ban Chấp hành khóa mới của đại hội tỉnh.']),
      ...bothForms(['Mình chỉ muốn biết danh sách Ban Chấp hành khóa mới của đại hội tỉnh có thật đã được chốt trước không?']),
    ])
      expect(vetoedAgainst(lexicon(text), 1), text).toBe(false);
  });
});

describe('the veto in the classifier (a model sure of distortion everywhere)', () => {
  const options = classifierOptionsFromConfig(loadConfig(CONFIG));
  const shipped = loadModelFile(options.modelFile!);
  const sure = (againstVeto?: number): ModelFile => {
    const { againstVeto: _, ...hp } = shipped.hyperparameters;
    const heads = { ...shipped.heads, distortion: { ...shipped.heads.distortion, bias: 12 } };
    return parseModel(
      { ...shipped, heads, hyperparameters: { ...hp, againstEvidenceMin: 0.75, modelOnlyMin: 0.35, ...(againstVeto ? { againstVeto } : {}) } },
      'sure.json',
    );
  };
  const classify = (model: ModelFile, text: string) => {
    const c = loadClassifier({ ...options, modelFile: undefined });
    c.learned = new LearnedScorer(model, options.thresholds);
    return c.classify({ title: '', text });
  };
  const vetoes = (c: Classification) => c.explanations.filter((e) => e.term === AGAINST_VETO_TERM);

  it("unflags a moderators' notice and a reader's question, explained at the cue against; flags them without the setting", () => {
    for (const text of bothForms([
      'Thông báo của admin: nhóm đã gỡ bài về danh sách Ban Chấp hành khóa mới của đại hội tỉnh.',
      'Mình chỉ muốn biết danh sách Ban Chấp hành khóa mới của đại hội tỉnh gồm những ai?',
    ])) {
      expect(classify(sure(), text), text).toMatchObject({ congress: true, distortion: true });
      const c = classify(sure(1), text);
      expect(c, text).toMatchObject({ congress: true, distortion: false });
      const [veto] = vetoes(c);
      expect(veto, text).toBeDefined();
      expect(text.slice(veto.start, veto.end)).toBe(veto.matched);
      expect(veto.weight).toBe(0);
      expect(veto.note).toMatch(/against distortion \(net -[12]/);
    }
  });

  it('keeps the flag of a rumour reported with a half-weight cue against, without a veto explanation', () => {
    for (const text of bothForms(['Trên mạng lan truyền thông tin về danh sách Ban Chấp hành khóa mới của đại hội tỉnh.'])) {
      const c = classify(sure(1), text);
      expect(c, text).toMatchObject({ congress: true, distortion: true });
      expect(vetoes(c)).toEqual([]);
    }
  });
});

describe('the setting (train --against-veto, the model file)', () => {
  it('is an option of train, eval --cv and eval:writers, checked for range; recorded in the model, files without it read as none', () => {
    expect(trainSettings({}).againstVeto).toBeUndefined();
    expect(trainSettings({ againstVeto: '1' }).againstVeto).toBe(1);
    for (const bad of ['0', '-1', '11', 'full']) expect(() => trainSettings({ againstVeto: bad }), bad).toThrow(/--against-veto/);
    const model = loadModelFile(classifierOptionsFromConfig(loadConfig(CONFIG)).modelFile!);
    const { againstVeto: _, ...older } = model.hyperparameters;
    expect(parseModel({ ...model, hyperparameters: older }, 'older.json').hyperparameters.againstVeto).toBeUndefined();
    expect(parseModel({ ...model, hyperparameters: { ...older, againstVeto: 1 } }, 'new.json').hyperparameters.againstVeto).toBe(1);
  });
});
