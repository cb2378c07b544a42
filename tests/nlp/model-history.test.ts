import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadModelFile, ModelError } from '../../pipeline/nlp/model.ts';
import { pruneModelHistory, readModelHistory, restoreModelVersion } from '../../pipeline/nlp/model-history.ts';
import { DEV_CORPUS, REPO } from './helpers.ts';

const run = promisify(execFile);
const CLI = join(REPO, 'bin/mediawatch.js');
const SHIPPED = JSON.parse(readFileSync(join(REPO, 'config/model.json'), 'utf8')) as { version: string; createdAt: string; cvFigures: { items: number } };

/** A folder with model.json and models/ holding valid versions created on the given days (version m-<day>). */
function history(days: string[], current: string): { dir: string; modelFile: string; models: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mw-models-'));
  const models = join(dir, 'models');
  mkdirSync(models);
  for (const day of days) {
    const text = JSON.stringify({ ...SHIPPED, version: `m-${day}`, createdAt: `2026-${day}T00:00:00.000Z` });
    writeFileSync(join(models, `model-m-${day}.json`), text);
    if (day === current) writeFileSync(join(dir, 'model.json'), text);
  }
  return { dir, modelFile: join(dir, 'model.json'), models };
}

describe('kept model versions', () => {
  it('lists versions newest first by their recorded creation time; a broken file is listed as unreadable, not dropped', () => {
    const { models } = history(['11-02', '12-01', '10-30'], '12-01');
    writeFileSync(join(models, 'model-m-broken.json'), '{"format": 1');
    const { versions, unreadable } = readModelHistory(models);
    expect(versions.map((v) => v.version)).toEqual(['m-12-01', 'm-11-02', 'm-10-30']);
    expect(versions[0]).toMatchObject({ items: SHIPPED.cvFigures.items, bytes: expect.any(Number) });
    expect(unreadable).toEqual([{ file: join(models, 'model-m-broken.json'), reason: expect.stringMatching(/not valid JSON/) }]);
  });

  it('prunes to the newest N but never the version in use, and a dry run deletes nothing', () => {
    const { models } = history(['10-01', '10-02', '10-03', '10-04'], '10-01');
    writeFileSync(join(models, 'model-m-broken.json'), 'not json');
    expect(pruneModelHistory(models, { keep: 2, current: 'm-10-01', dryRun: true }).map((v) => v.version)).toEqual(['m-10-02']);
    expect(readdirSync(models)).toHaveLength(5);
    pruneModelHistory(models, { keep: 2, current: 'm-10-01' });
    expect(readdirSync(models).sort()).toEqual(['model-m-10-01.json', 'model-m-10-03.json', 'model-m-10-04.json', 'model-m-broken.json']);
    expect(() => pruneModelHistory(models, { keep: 0 })).toThrow(RangeError);
  });

  it('rolls back by copying a kept version over the model file; an unknown version is a clear error', () => {
    const { modelFile } = history(['10-01', '10-02'], '10-02');
    expect(restoreModelVersion(modelFile, 'm-10-01').version).toBe('m-10-01');
    expect(loadModelFile(modelFile).version).toBe('m-10-01');
    expect(() => restoreModelVersion(modelFile, 'm-09-09')).toThrow(ModelError);
    expect(() => restoreModelVersion(modelFile, 'm-09-09')).toThrow(/no kept model m-09-09 .*"mediawatch models" lists them/);
  });

  it('train keeps --keep-versions versions; `models` lists, rolls back and refuses a bad --keep', async () => {
    const { dir, modelFile, models } = history(['01-01', '01-02', '01-03'], '01-03');
    await run(process.execPath, [CLI, 'train', '--corpus', DEV_CORPUS, '--folds', '2', '--keep-versions', '2', '--out', modelFile], { cwd: REPO });
    const trained = loadModelFile(modelFile).version;
    expect(readdirSync(models).sort()).toEqual([`model-${trained}.json`, 'model-m-01-03.json'].sort());

    const config = join(dir, 'mediawatch.yaml');
    writeFileSync(config, `topics: [${REPO}/config/topics/congress-2020.yaml]\nmodel: model.json\n`);
    const list = await run(process.execPath, [CLI, 'models', '--config', config], { cwd: REPO });
    expect(list.stdout).toMatch(new RegExp(`^2 versions in .*; in use: ${trained}\\n\\* ${trained} `));
    expect(list.stdout).toMatch(
      new RegExp(`^ {2}m-01-03 {2}2026-01-03T00:00:00.000Z +${SHIPPED.cvFigures.items} items {2}CV distortion P 0\\.\\d{3} R 0\\.\\d{3}`, 'm'),
    );

    const use = await run(process.execPath, [CLI, 'models', 'use', 'm-01-03', '--config', config], { cwd: REPO });
    expect(use.stdout).toMatch(new RegExp(`now holds m-01-03 \\(was ${trained}\\)`));
    expect(loadModelFile(modelFile).version).toBe('m-01-03');
    expect(existsSync(join(models, `model-${trained}.json`))).toBe(true);

    await expect(run(process.execPath, [CLI, 'models', 'prune', '--keep', 'two', '--config', config], { cwd: REPO })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--keep must be a whole number/),
    });
  }, 120_000);
});
