import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import type { LabelledItem } from '../../pipeline/nlp/evaluate.ts';
import { foldVietnamese } from '../../pipeline/nlp/fold.ts';
import { classifierOptionsFromConfig, lexiconsSha256, loadClassifier, staleModelWarning } from '../../pipeline/nlp/index.ts';
import { decide, evidenceAgainst, LearnedScorer, loadModelFile, ModelError, parseModel, type ModelFile } from '../../pipeline/nlp/model.ts';
import { assignFolds, crossValidate, DEFAULT_SETTINGS, featurize, modelFile, requirement, splitFolds, train, type Example } from '../../pipeline/nlp/train.ts';
import { CONFIG, DEV_CORPUS, REPO, signalCorpus } from './helpers.ts';

const run = promisify(execFile);
const CLI = join(REPO, 'bin/mediawatch.js');
const DEV_CORPUS_2 = join(REPO, 'tests/fixtures/dev-corpus-2.jsonl');

function corpus(file: string): LabelledItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledItem);
}

const options = classifierOptionsFromConfig(loadConfig(CONFIG));
const lexiconOnly = () => loadClassifier({ ...options, modelFile: undefined });

function trainedOn(items: LabelledItem[]): ModelFile {
  const examples = featurize(lexiconOnly(), items, DEFAULT_SETTINGS.bucketBits);
  const settings = { ...DEFAULT_SETTINGS, lambdas: [1e-4], innerFolds: 3 };
  return modelFile(
    train(examples, settings),
    [{ name: 'signal', items }],
    examples,
    crossValidate(examples, 3, options.thresholds, settings),
    lexiconsSha256(options),
    settings,
    '2026-01-01T00:00:00.000Z',
  );
}

describe('the learned layer', () => {
  const signalModel = trainedOn(signalCorpus('zorblat quimbo', 60, 's'));

  it('learns a signal the lexicons do not know, and scores an item it never saw by its n-grams', () => {
    const unseen = { title: '', text: 'Chợ phiên cuối tuần đông vui 🎉 zorblat quimbo nhé cả nhà' };
    const control = { title: '', text: 'Chợ phiên cuối tuần đông vui 🎉 nhé cả nhà' };
    const plain = lexiconOnly();
    expect(plain.classify(unseen)).toMatchObject({ congress: false, distortion: false });
    const learned = lexiconOnly();
    learned.learned = new LearnedScorer(signalModel, options.thresholds);
    const c = learned.classify(unseen);
    expect(c).toMatchObject({ congress: true, distortion: true, modelVersion: signalModel.version });
    expect(learned.classify(control)).toMatchObject({ congress: false, distortion: false });
    // the cross-validated figures recorded in the file: the signal separates the classes
    expect(signalModel.cvFigures.distortion.f1).toBe(1);
    expect(signalModel.cvFigures.lexiconsOnly.distortion.recall).toBe(0);
    // explained by the learned n-grams, at their offsets in the text (after an emoji: UTF-16 offsets)
    const cues = c.explanations.filter((e) => e.term.startsWith('learned cue: '));
    expect(cues.length).toBeGreaterThan(0);
    expect(cues.some((e) => e.matched === 'zorblat quimbo' && e.kind === 'distortion')).toBe(true);
    for (const e of cues) {
      expect(unseen.text.slice(e.start, e.end)).toBe(e.matched);
      expect(e.note).toContain(signalModel.version);
    }
  });

  it('trains deterministically: the same data gives the same model and version', () => {
    const again = trainedOn(signalCorpus('zorblat quimbo', 60, 's'));
    expect(again.version).toBe(signalModel.version);
    expect(again.heads).toEqual(signalModel.heads);
  });

  it('points every learned cue at its n-gram in the exact title/text passed in (NFD, no diacritics)', () => {
    const classifier = loadClassifier(options);
    expect(classifier.learned).toBeInstanceOf(LearnedScorer);
    let checked = 0;
    for (const item of corpus(DEV_CORPUS_2).slice(0, 120)) {
      for (const variant of [item, { ...item, title: item.title.normalize('NFD'), text: item.text.normalize('NFD') }]) {
        const c = classifier.classify(variant);
        for (const e of c.explanations) {
          const field = e.field === 'title' ? variant.title : variant.text;
          expect(field.slice(e.start, e.end)).toBe(e.matched);
          if (!e.term.startsWith('learned cue: ')) continue;
          checked++;
          const gram = (text: string) =>
            foldVietnamese(text)
              .replace(/\d+/g, '#')
              .replace(/[^\p{L}\p{N}#]+/gu, ' ')
              .trim();
          expect(gram(e.matched)).toBe(gram(e.term.slice('learned cue: '.length)));
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('keeps the lexicon explanations and scores, and says which model scored the item', () => {
    const item = corpus(DEV_CORPUS).find((i) => i.labels.distortion)!;
    const plain: Classification = lexiconOnly().classify(item);
    const combined = loadClassifier(options).classify(item);
    expect(plain.modelVersion).toBeUndefined();
    expect(combined.modelVersion).toBe(loadModelFile(options.modelFile!).version);
    const strip = (c: Classification) => c.explanations.filter((e) => !e.term.startsWith('learned cue: '));
    expect(strip(combined)).toEqual(plain.explanations);
    expect(staleModelWarning(loadClassifier(options), options)).toBeNull();
  });
});

describe('weak lexicon evidence', () => {
  const choice = {
    congress: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.4 },
    distortion: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.25 },
  };
  const thresholds = { congress: 0.5, distortion: 0.5 };
  const lexicon = (distortion: number) => ({ congress: 0.9, distortion });

  it('needs the model to agree before one ordinary cue flags an item, and keeps the shown score below the threshold then', () => {
    // one cue (lexicon score 0.5) and a model at 0.05: the blend (0.275) crosses 0.25 by the cue alone
    expect(decide(choice, { congress: 0.9, distortion: 0.05 }, lexicon(0.5), thresholds, 0)).toMatchObject({ distortion: true });
    const held = decide(choice, { congress: 0.9, distortion: 0.05 }, lexicon(0.5), thresholds, 0.1);
    expect(held.distortion).toBe(false);
    expect(held.scores.distortion).toBeLessThan(thresholds.distortion);
    // the model agreeing, or stronger lexicon evidence (two cues, a contradicted fact), still flags
    expect(decide(choice, { congress: 0.9, distortion: 0.12 }, lexicon(0.5), thresholds, 0.1)).toMatchObject({ distortion: true });
    expect(decide(choice, { congress: 0.9, distortion: 0.05 }, lexicon(0.75), thresholds, 0.1)).toMatchObject({ distortion: true });
    // flags with no lexicon evidence are the model's alone, as before
    expect(decide(choice, { congress: 0.9, distortion: 0.6 }, lexicon(0), thresholds, 0.1)).toMatchObject({ distortion: true });
  });

  it('asks the requirement of a model only as far as it costs nothing on the inner folds; older model files read as none', () => {
    const model = loadModelFile(options.modelFile!);
    expect(model.hyperparameters.weakEvidenceMin).toBeGreaterThanOrEqual(0);
    expect(model.hyperparameters.weakEvidenceMin).toBeLessThanOrEqual(0.5);
    const { weakEvidenceMin: _, ...older } = model.hyperparameters;
    expect(parseModel({ ...model, hyperparameters: older }, 'older.json').hyperparameters.weakEvidenceMin).toBe(0);
  });
});

describe('lexicon evidence against distortion', () => {
  const choice = {
    congress: { combination: { lexiconInputs: false, modelWeight: 0.5 }, threshold: 0.4 },
    distortion: { combination: { lexiconInputs: false, modelWeight: 0.7 }, threshold: 0.27 },
  };
  const thresholds = { congress: 0.5, distortion: 0.5 };
  const scores = { congress: 0.9, distortion: 0 };

  it('is read from the lexicons: marked satire, a rebuttal, a reader asking to be told; not a cue, a fact, or nothing', () => {
    for (const [text, want] of [
      ['(clip hài, không có thật) Khi bạn là người duy nhất ở An Khê không được nghỉ 2 ngày đại hội tỉnh 🤣 #haihuoc', true],
      ['Đại hội tỉnh họp kín là tin bịa đặt, đừng tin.', true],
      ['Đại biểu dự Đại hội tỉnh có phải xét nghiệm COVID không mọi người? Mình tò mò thôi.', true],
      ['Nghe nói Đại hội tỉnh họp kín, bầu xong từ trước rồi.', false],
      ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức ở Kon Tum.', false],
      ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc sáng nay.', false],
    ] as const)
      expect(evidenceAgainst(lexiconOnly().classify({ title: '', text })), text).toBe(want);
  });

  it('holds a model-only flag back below the requirement, with the shown score below the threshold; older model files read as none', () => {
    // no lexicon score either way: the blend is the model's (0.7 × 0.6 = 0.42 ≥ 0.27)
    expect(decide(choice, { congress: 0.9, distortion: 0.6 }, scores, thresholds, 0, false, 0.8)).toMatchObject({ distortion: true });
    expect(decide(choice, { congress: 0.9, distortion: 0.6 }, scores, thresholds, 0, true, 0)).toMatchObject({ distortion: true });
    const held = decide(choice, { congress: 0.9, distortion: 0.6 }, scores, thresholds, 0, true, 0.8);
    expect(held.distortion).toBe(false);
    expect(held.scores.distortion).toBeLessThan(thresholds.distortion);
    // a model sure enough still flags it (a rumour that calls itself a joke is labelled by its claim)
    expect(decide(choice, { congress: 0.9, distortion: 0.85 }, scores, thresholds, 0, true, 0.8)).toMatchObject({ distortion: true });
    const model = loadModelFile(options.modelFile!);
    const { againstEvidenceMin: _, ...older } = model.hyperparameters;
    expect(parseModel({ ...model, hyperparameters: older }, 'older.json').hyperparameters.againstEvidenceMin).toBe(0);
  });
});

describe('a requirement of the model on some flags', () => {
  // five flagged items (inner out-of-fold score 0.6 ≥ 0.5; F1 0.5714, as metrics rounds it); the requirement applies to all but the last
  const labels = [false, true, false, false, true];
  const probabilities = [0.3, 0.42, 0.6, 0.7, 0.9];
  const examples = labels.map(
    (distortion, i) => ({ item: { id: `r${i}`, title: '', text: '', labels: { congress: true, distortion } } }) as unknown as Example,
  );
  const best = { threshold: 0.5, f1: 0.5714, oof: labels.map(() => 0.6), probabilities };
  const gate = labels.map(() => true);
  const applies = (_: Example, i: number) => i < 4;

  it('asks the largest step before the first that costs F1, or the smallest of those that raise it most', () => {
    // 0.35 holds back the false flag at 0.3 (F1 0.571 → 0.667), 0.45 the true flag at 0.42 (0.4),
    // 0.75 the false flags at 0.6 and 0.7 as well (0.667 again)
    expect(requirement(examples, best, gate, { upTo: 0.95, choose: 'lastFree' }, applies)).toBe(0.4);
    expect(requirement(examples, best, gate, { upTo: 0.95, choose: 'leastBest' }, applies)).toBe(0.35);
    expect(requirement(examples, best, gate, { upTo: 0.3, choose: 'leastBest' }, applies)).toBe(0);
  });
});

describe('cross-validation folds', () => {
  const items = [...corpus(DEV_CORPUS), ...corpus(DEV_CORPUS_2)];

  it('never puts an item in both the training and the test part of a fold, and tests every item once', () => {
    const folds = splitFolds(
      items.map((item) => ({ item })),
      5,
    );
    const tested = new Map<string, number>();
    for (const { train: trainPart, test } of folds) {
      const trainIds = new Set(trainPart.map((e) => e.item.id));
      for (const e of test) {
        expect(trainIds.has(e.item.id)).toBe(false);
        tested.set(e.item.id, (tested.get(e.item.id) ?? 0) + 1);
      }
      expect(trainPart.length + test.length).toBe(items.length);
    }
    expect(tested.size).toBe(items.length);
    expect([...tested.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps items that share an id in one fold, spreads each label evenly, and depends only on the ids', () => {
    const twice = [...items, { ...items[3], title: 'another copy' }];
    const folds = assignFolds(twice, 5);
    expect(folds.size).toBe(items.length);
    const distorted = items.filter((i) => i.labels.distortion);
    const perFold = [0, 1, 2, 3, 4].map((f) => distorted.filter((i) => folds.get(i.id) === f).length);
    expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    const shuffled = [...items].reverse();
    expect(assignFolds(shuffled, 5)).toEqual(assignFolds(items, 5));
  });
});

describe('model files', () => {
  const good = loadModelFile(options.modelFile!);
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-model-'));

  it('are validated at load, with errors naming the file and the key', () => {
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, readFileSync(options.modelFile!, 'utf8').slice(0, 500));
    expect(() => loadModelFile(truncated)).toThrow(ModelError);
    expect(() => loadModelFile(truncated)).toThrow(/Invalid model file .*truncated\.json: not valid JSON/);
    expect(() => loadModelFile(join(dir, 'missing.json'))).toThrow(/model file not found or unreadable: .*missing\.json/);
    expect(() => parseModel({ ...good, format: 99 }, 'x.json')).toThrow(/Invalid model file x\.json[^]*- format:/);
    const badHead = { ...good, heads: { ...good.heads, distortion: { ...good.heads.distortion, value: good.heads.distortion.value.slice(1) } } };
    expect(() => parseModel(badHead, 'x.json')).toThrow(/heads\.distortion: index and value must have the same length/);
    const outOfRange = { ...good, heads: { ...good.heads, congress: { ...good.heads.congress, index: [2 ** 30], value: [1] } } };
    expect(() => parseModel(outOfRange, 'x.json')).toThrow(/heads\.congress\.index: bucket beyond 2\^16/);
    expect(() => parseModel({ ...good, extra: 1 }, 'x.json')).toThrow(/unrecognized key/i);
  });

  it('warn when the lexicons changed since training', () => {
    const stale = join(dir, 'stale.json');
    writeFileSync(stale, JSON.stringify({ ...good, lexiconsSha256: '0'.repeat(64) }));
    const classifier = loadClassifier({ ...options, modelFile: stale });
    expect(staleModelWarning(classifier, { ...options, modelFile: stale })).toMatch(/trained with other lexicon files .*npm run train/);
  });
});

describe('train and eval --cv through the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-train-'));

  it('eval --cv prints cross-validated rows beside the lexicons alone and the substring baseline', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'eval', '--corpus', DEV_CORPUS, '--cv', '3', '--errors'], { cwd: REPO });
    expect(stdout).toMatch(/3-fold cross-validation over 120 items \(tests\/fixtures\/dev-corpus\.jsonl 120\)/);
    expect(stdout).toMatch(/^learned \+ lexicons \(3-fold CV\)\s+[01]\.\d{3}/m);
    expect(stdout).toMatch(/^lexicons only\s+[01]\.\d{3}/m);
    expect(stdout).toMatch(/^baseline: substring "đại hội"\s+[01]\.\d{3}/m);
    expect(stdout.match(/^ {2}fold \d:/gm)).toHaveLength(3);
    // --errors: each corpus's out-of-fold errors (or none)
    expect(stdout).toMatch(
      /^errors of tests\/fixtures\/dev-corpus\.jsonl \(out-of-fold scores\):\n {2}(none$|dev-\d+ (congress|distortion): expected (true|false), got (true|false) \(score [01]\.\d{3}\)$)/m,
    );
    const json = JSON.parse((await run(process.execPath, [CLI, 'eval', '--corpus', DEV_CORPUS, '--cv', '3', '--json'], { cwd: REPO })).stdout);
    expect(json.folds).toBe(3);
    expect(json.learned.congress.n).toBe(120);
    expect(json.learned.distortion.f1).toBeGreaterThan(json.baseline.congress.f1 - 1);
    await expect(run(process.execPath, [CLI, 'eval', '--corpus', DEV_CORPUS, '--cv', '1'], { cwd: REPO })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--cv must be a whole number of folds/),
    });
  }, 120_000);

  it('takes a half of a corpus by id parity (FILE#odd, FILE#even) and judges a corpus under its own facts sheet beside it', async () => {
    const corpus3 = join(REPO, 'tests/fixtures/dev-corpus-3.jsonl');
    const sheet = join(REPO, 'tests/fixtures/dev-corpus-3.facts.json');
    const evalJson = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, [CLI, 'eval', '--lexicons-only', '--json', '--corpus', ...args], { cwd: REPO })).stdout);
    // the odd half copied to a folder without its sheet: judged under the configured facts unless --facts names the sheet
    const oddItems = corpus(corpus3).filter((i) => Number(/(\d+)$/.exec(i.id)![1]) % 2 === 1);
    const bare = join(dir, 'c3-odd.jsonl');
    writeFileSync(bare, oddItems.map((i) => JSON.stringify(i)).join('\n'));
    const [sidecar, named, configured, even] = await Promise.all([
      evalJson(`${corpus3}#odd`),
      evalJson(bare, '--facts', sheet),
      evalJson(bare),
      evalJson(`${corpus3}#even`),
    ]);
    expect(sidecar.items).toBe(oddItems.length);
    expect(even.items).toBe(200 - oddItems.length);
    expect(sidecar.distortion).toEqual(named.distortion);
    expect(sidecar.distortion).not.toEqual(configured.distortion);

    const out = join(dir, 'half-model.json');
    await run(process.execPath, [CLI, 'train', '--corpus', `${corpus3}#odd`, '--folds', '2', '--out', out], { cwd: REPO });
    expect(loadModelFile(out).corpora).toEqual([
      {
        name: 'tests/fixtures/dev-corpus-3.jsonl#odd',
        items: oddItems.length,
        congress: oddItems.filter((i) => i.labels.congress).length,
        distortion: oddItems.filter((i) => i.labels.distortion).length,
        facts: 'dev-corpus-3.facts.json',
      },
    ]);

    const noNumber = join(dir, 'no-number.jsonl');
    writeFileSync(noNumber, `${JSON.stringify({ id: 'abc', title: '', text: 'Tin', labels: { congress: false, distortion: false } })}\n`);
    await expect(run(process.execPath, [CLI, 'eval', '--corpus', `${noNumber}#odd`], { cwd: REPO })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/item id "abc" does not end in a number/),
    });
  }, 120_000);

  it('train writes a versioned model that classify then uses; a broken model file stops classify with a clear message', async () => {
    const out = join(dir, 'model.json');
    const { stdout } = await run(process.execPath, [CLI, 'train', '--corpus', DEV_CORPUS, '--folds', '3', '--out', out], { cwd: REPO });
    expect(stdout).toMatch(/^learned \+ lexicons \(3-fold CV\)/m);
    const model = loadModelFile(out);
    expect(stdout).toContain(`model ${model.version} trained on 120 items`);
    expect(existsSync(join(dir, 'models', `model-${model.version}.json`))).toBe(true);
    expect(model.corpora).toEqual([{ name: 'tests/fixtures/dev-corpus.jsonl', items: 120, congress: 72, distortion: 30 }]);
    expect(model.cvFigures.folds).toBe(3);

    const config = join(dir, 'mediawatch.yaml');
    const configDir = join(REPO, 'config');
    const lines = (modelPath: string) =>
      [
        `topics: [${configDir}/topics/congress-2020.yaml]`,
        `distortionCues: [${configDir}/topics/distortion-cues.yaml]`,
        `abbreviations: ${configDir}/abbreviations.yaml`,
        `officialFacts: ${configDir}/official-facts.yaml`,
        `model: ${modelPath}`,
      ].join('\n');
    writeFileSync(config, lines('model.json'));
    const input = `${JSON.stringify({ id: 'a', title: '', text: 'Nghe nói ĐH XIII dời sang tháng 6/2021, share gấp' })}\n`;
    const classify = () => {
      const child = execFile(process.execPath, [CLI, 'classify', '--config', config], { cwd: REPO });
      child.stdin!.end(input);
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d) => (stdout += d));
        child.stderr!.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    };
    const ok = await classify();
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 'a', modelVersion: model.version });

    writeFileSync(join(dir, 'broken.json'), '{"format": 1, "version": "m-x"');
    writeFileSync(config, lines('broken.json'));
    const broken = await classify();
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/Invalid model file .*broken\.json: not valid JSON/);
    expect(broken.stdout).toBe('');
  }, 120_000);
});
