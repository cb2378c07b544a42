import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { trainSettings } from '../../cli/commands/train.ts';
import { DEFAULT_SETTINGS, train, type Example, type TrainSettings } from '../../pipeline/nlp/train.ts';

/**
 * A synthetic training set where the lexicon score is near perfect on the training items (as the
 * cues, written against them, are) and the n-grams are noisier: the inner cross-validation then
 * prefers the blend that leans most on the lexicon score, and evidence added to the lexicons moves it.
 */
function examples(boosted: number): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 240; i++) {
    const distortion = i % 3 === 0;
    // one n-gram of the label, shared by most items of the class, and one of its own
    const signal = (distortion ? i % 5 !== 1 : i % 7 === 2) ? 1 : 2;
    const ngrams = Int32Array.from([signal, 10 + i]);
    // the cues find most distortions; `boosted` more of the missed ones once a cue family is added
    const missed = distortion && i % 4 === 0;
    const found = distortion && (!missed || i < boosted * 12);
    const lexiconScore = found ? 0.8 : distortion ? 0.1 : i % 11 === 0 ? 0.4 : 0;
    const lexicon = { congress: true, distortion: false, scores: { congress: 1, distortion: lexiconScore }, explanations: [] } as unknown as Classification;
    out.push({
      item: { id: `s${i}`, title: '', text: '', labels: { congress: true, distortion } },
      features: { ngrams, ngramValue: 1 / Math.SQRT2, lexicon: [] },
      lexicon,
      lexiconDecision: lexicon,
      otherGathering: null,
      impliedCongress: null,
    });
  }
  return out;
}

const thresholds = { congress: 0.5, distortion: 0.5 };
const settings: TrainSettings = { ...DEFAULT_SETTINGS, epochs: 5, bucketBits: 10, precisionTarget: 0.9 };
const fixed = { lambda: 1e-4, combination: { lexiconInputs: false, modelWeight: 0.7 } };

describe('the distortion head set rather than chosen (train distortionFixed)', () => {
  it('keeps the set λ and blend when evidence is added, and still chooses the threshold for the precision target', () => {
    const chosen = [0, 2].map((b) => train(examples(b), settings, thresholds).choice.distortion);
    // chosen freely, the blend leans on the lexicon score the training items were written against
    expect(chosen[0].combination.modelWeight).toBe(0.5);
    const set = [0, 2].map((b) => train(examples(b), { ...settings, distortionFixed: fixed }, thresholds).choice.distortion);
    for (const c of set) expect(c).toMatchObject({ lambda: 1e-4, combination: fixed.combination });
    // the threshold is still the inner CV's (a value the unconstrained search finds for this blend, not the default 0.5)
    expect(set[0].threshold).not.toBe(0.5);
    // the congress head is chosen as before
    const free = train(examples(0), settings, thresholds).choice.congress;
    expect(train(examples(0), { ...settings, distortionFixed: fixed }, thresholds).choice.congress).toEqual(free);
  });

  it('with a threshold given, keeps it', () => {
    const model = train(examples(0), { ...settings, distortionFixed: { ...fixed, threshold: 0.33 } }, thresholds);
    expect(model.choice.distortion).toMatchObject({ lambda: 1e-4, combination: fixed.combination, threshold: 0.33 });
  });
});

describe('--distortion-fixed', () => {
  it('reads "λ,weight[,threshold]" and refuses anything else', () => {
    expect(trainSettings({ distortionFixed: '0.0001,0.7' }).distortionFixed).toEqual(fixed);
    expect(trainSettings({ distortionFixed: '0.0001, 0.7, 0.27' }).distortionFixed).toEqual({ ...fixed, threshold: 0.27 });
    expect(trainSettings({}).distortionFixed).toBeUndefined();
    for (const bad of ['0.7', '0,0.7', '0.0001,1.5', '0.0001,0.7,1', 'a,b', '0.0001,0.7,0.2,0.3'])
      expect(() => trainSettings({ distortionFixed: bad })).toThrow(/--distortion-fixed must be/);
  });
});
