import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { metrics } from '../../pipeline/nlp/evaluate.ts';
import { loadModelFile, parseModel } from '../../pipeline/nlp/model.ts';
import { bestThreshold, splitByGroup } from '../../pipeline/nlp/train.ts';
import { CONFIG, DEV_CORPUS, REPO, signalCorpus } from './helpers.ts';

const run = promisify(execFile);
const CLI = join(REPO, 'bin/mediawatch.js');

/** One writers' corpus as JSON lines: each corpus has its own phrase, as each group of writers has its own wording. */
function writersCorpus(prefix: string, phrase: string): string {
  return signalCorpus(phrase, 40, `${prefix}-`)
    .map((item) => JSON.stringify(item))
    .join('\n');
}

describe('eval --cv by-corpus (leave one corpus out)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-bycorpus-'));
  const a = join(dir, 'writers-a.jsonl');
  const b = join(dir, 'writers-b.jsonl');
  writeFileSync(a, writersCorpus('a', 'zorblat quimbo'));
  writeFileSync(b, writersCorpus('b', 'frindle wobsey'));
  // run from the corpora's folder, so that they are named by their file names
  const mediawatch = (...args: string[]) => run(process.execPath, [CLI, 'eval', '-c', CONFIG, ...args], { cwd: dir });
  const evalJson = async (...args: string[]) => JSON.parse((await mediawatch('--json', ...args)).stdout);

  it('scores each corpus by a model that never saw it: a wording learned from one corpus does not carry to the other', async () => {
    const [byCorpus, random] = await Promise.all([evalJson('--corpus', a, b, '--cv', 'by-corpus'), evalJson('--corpus', a, b, '--cv', '4')]);
    expect(byCorpus.split).toBe('by-corpus');
    expect(byCorpus.heldOut).toEqual([
      { group: 'writers-a.jsonl', trained: 40, scored: 40 },
      { group: 'writers-b.jsonl', trained: 40, scored: 40 },
    ]);
    // random folds put each corpus's phrase in training: learned perfectly
    expect(random.split).toBe('random');
    expect(random.learned.distortion.f1).toBe(1);
    // held out, the other corpus's phrase is unknown: no better than a guess
    expect(byCorpus.learned.distortion.f1).toBeLessThan(0.7);
    for (const c of byCorpus.byCorpus) expect(c.learned.congress.f1).toBeLessThan(0.7);

    const { stdout } = await mediawatch('--corpus', a, b, '--cv', 'by-corpus');
    expect(stdout).toMatch(/^leave-one-corpus-out cross-validation over 80 items \(writers-a\.jsonl 40, writers-b\.jsonl 40\)/m);
    expect(stdout).toMatch(/^learned \+ lexicons \(by-corpus CV\)/m);
    expect(stdout).toMatch(/^ {2}held out writers-a\.jsonl \(40 items; trained on 40\): congress /m);
    expect(stdout).toMatch(/^ {2}held out writers-b\.jsonl \(40 items; trained on 40\): congress /m);
  }, 120_000);

  it('needs two corpora; a half of a file counts as one', async () => {
    await expect(mediawatch('--corpus', a, '--cv', 'by-corpus')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--cv by-corpus needs at least two corpora/),
    });
    const halves = await evalJson('--corpus', `${a}#odd`, `${a}#even`, '--cv', 'by-corpus');
    expect(halves.heldOut.map((h: { group: string }) => h.group)).toEqual(['writers-a.jsonl#odd', 'writers-a.jsonl#even']);
    await expect(mediawatch('--corpus', a, b, '--cv', 'many')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--cv must be a whole number of folds .* or "by-corpus"/),
    });
  }, 120_000);

  it('holds every group out exactly once, with none of its items in training', () => {
    const examples = ['x', 'y', 'x', 'z', 'y', 'x'].map((group, i) => ({ id: i, group }));
    const split = splitByGroup(examples);
    expect(split.map((s) => s.group)).toEqual(['x', 'y', 'z']);
    for (const s of split) {
      expect(s.test.every((e) => e.group === s.group)).toBe(true);
      expect(s.train.some((e) => e.group === s.group)).toBe(false);
      expect(s.train.length + s.test.length).toBe(examples.length);
    }
  });
});

describe('the distortion threshold chosen for a precision target', () => {
  // positives and negatives interleaved: the best-F1 threshold is low, with precision below 0.8
  const scores = [0.92, 0.88, 0.81, 0.74, 0.66, 0.61, 0.55, 0.47, 0.42, 0.35, 0.28, 0.2];
  const labels = [true, true, true, false, true, false, true, true, false, false, true, false];
  const gate = scores.map(() => true);
  const precisionAt = (threshold: number) => {
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    scores.forEach((s, i) => {
      const p = s >= threshold;
      if (p && labels[i]) c.tp++;
      else if (p) c.fp++;
      else if (labels[i]) c.fn++;
      else c.tn++;
    });
    return metrics(c);
  };

  it('reaches the precision asked for, at the best recall that reaches it', () => {
    const byF1 = bestThreshold(scores, labels, gate);
    expect(precisionAt(byF1.threshold).precision).toBeLessThan(0.8);
    for (const target of [0.8, 0.9, 1]) {
      const chosen = bestThreshold(scores, labels, gate, target);
      expect(chosen.meetsTarget).toBe(true);
      expect(precisionAt(chosen.threshold).precision).toBeGreaterThanOrEqual(target);
      // no lower threshold on the grid keeps that precision with more recall
      for (let t = 0.05; t < chosen.threshold; t += 0.01) {
        const m = precisionAt(t);
        if (m.precision >= target) expect(m.recall).toBeLessThanOrEqual(precisionAt(chosen.threshold).recall);
      }
    }
    expect(precisionAt(bestThreshold(scores, labels, gate, 1).threshold).recall).toBeCloseTo(3 / 7);
  });

  it('falls back to the best F1 when no threshold reaches the target, and says so', () => {
    const inverted = labels.map((l) => !l);
    const chosen = bestThreshold(scores, inverted, gate, 0.99);
    expect(chosen.meetsTarget).toBe(false);
    expect(chosen).toMatchObject({ threshold: bestThreshold(scores, inverted, gate).threshold });
  });

  it('train --precision-target and --inner-split are recorded in the model file; bad values are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mediawatch-ptarget-'));
    const out = join(dir, 'model.json');
    const plain = join(dir, 'plain.json');
    await Promise.all([
      run(process.execPath, [CLI, 'train', '--corpus', DEV_CORPUS, '--folds', '2', '--precision-target', '0.9', '--inner-split', 'by-corpus', '--out', out], {
        cwd: REPO,
      }),
      run(process.execPath, [CLI, 'train', '--corpus', DEV_CORPUS, '--folds', '2', '--out', plain], { cwd: REPO }),
    ]);
    expect(loadModelFile(out).hyperparameters).toMatchObject({ precisionTarget: 0.9, innerSplit: 'group' });
    expect(loadModelFile(plain).hyperparameters).toMatchObject({ precisionTarget: 0, innerSplit: 'random' });
    // a model file written before these settings existed reads as trained the old way
    const { innerSplit: _split, precisionTarget: _target, ...older } = loadModelFile(out).hyperparameters;
    expect(parseModel({ ...loadModelFile(out), hyperparameters: older }, 'older.json').hyperparameters).toMatchObject({
      innerSplit: 'random',
      precisionTarget: 0,
    });
    expect(() => parseModel({ ...loadModelFile(out), hyperparameters: { ...older, innerSplit: 'sideways' } }, 'x.json')).toThrow(/hyperparameters\.innerSplit/);
    await expect(
      run(process.execPath, [CLI, 'train', '--corpus', DEV_CORPUS, '--inner-split', 'sideways', '--out', plain], { cwd: REPO }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--inner-split must be "random" or "by-corpus"/),
    });
    await expect(run(process.execPath, [CLI, 'eval', '--corpus', DEV_CORPUS, '--cv', '2', '--precision-target', '1.5'], { cwd: REPO })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--precision-target must be a number between 0 and 1/),
    });
    await expect(run(process.execPath, [CLI, 'eval', '--corpus', DEV_CORPUS, '--precision-target', '0.9'], { cwd: REPO })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/give --cv too/),
    });
  }, 180_000);
});
