import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCorpusSpec, readCategories } from '../../cli/corpus.ts';
import { categoryFigures, distortionByGroup, formatGroups, type LabelledItem } from '../../pipeline/nlp/evaluate.ts';
import { CONFIG, REPO } from './helpers.ts';

const run = promisify(execFile);
const CLI = join(REPO, 'bin/mediawatch.js');

const item = (id: string, distortion: boolean): LabelledItem => ({ id, title: '', text: '', labels: { congress: true, distortion } });

describe('categories sidecar', () => {
  it('reads id, category and an optional family, with or without a header; bad and repeated lines are reported by number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'categories-'));
    const withHeader = join(dir, 'a.categories.tsv');
    writeFileSync(withHeader, 'id\tcategory\tfamily\nx-1\tD\thearsay\nx-2\tR\n\nx-3\nx-1\tN\n');
    const read = readCategories(withHeader);
    expect([...read.categories]).toEqual([
      ['x-1', { category: 'D', family: 'hearsay' }],
      ['x-2', { category: 'R' }],
    ]);
    expect(read.problems).toHaveLength(2);
    expect(read.problems[0]).toMatch(/a\.categories\.tsv:5: expected id<TAB>category/);
    expect(read.problems[1]).toMatch(/a\.categories\.tsv:6: id "x-1" given twice/);
    const bare = join(dir, 'b.categories.tsv');
    writeFileSync(bare, 'y-1\tD\r\ny-2\tS\tgreeting\r\n');
    expect([...readCategories(bare).categories]).toEqual([
      ['y-1', { category: 'D' }],
      ['y-2', { category: 'S', family: 'greeting' }],
    ]);
  });

  it('is found beside its corpus, as the facts sheet is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'categories-'));
    writeFileSync(join(dir, 'c.jsonl'), '');
    writeFileSync(join(dir, 'c.categories.tsv'), '');
    expect(parseCorpusSpec(join(dir, 'c.jsonl#odd'))).toEqual({ file: join(dir, 'c.jsonl'), half: 'odd', categories: join(dir, 'c.categories.tsv') });
    writeFileSync(join(dir, 'd.jsonl'), '');
    expect(parseCorpusSpec(join(dir, 'd.jsonl'))).toEqual({ file: join(dir, 'd.jsonl') });
  });
});

describe('distortion figures per category and family', () => {
  const items = [item('1', true), item('2', true), item('3', true), item('4', false), item('5', false), item('6', false)];
  const kinds: Record<string, { category: string; family?: string }> = {
    '1': { category: 'D', family: 'hearsay' },
    '2': { category: 'D', family: 'hearsay' },
    '3': { category: 'D', family: 'leaked documents' },
    '4': { category: 'R', family: 'fact-check' },
    '5': { category: 'R' },
  };
  const flagged = new Set(['1', '4', '5']);

  it('gives recall for distortions and the false-positive rate for the rest; items without a group are left out', () => {
    const byCategory = distortionByGroup(
      items,
      (i) => flagged.has(i.id),
      (i) => kinds[i.id]?.category,
    );
    expect(byCategory).toEqual([
      { group: 'D', items: 3, distortions: 3, caught: 1, others: 0, falsePositives: 0, recall: 0.3333, falsePositiveRate: null },
      { group: 'R', items: 2, distortions: 0, caught: 0, others: 2, falsePositives: 2, recall: null, falsePositiveRate: 1 },
    ]);
    expect(formatGroups('by category', byCategory).split('\n')).toEqual([
      'by category:',
      '  D            3 items  distortion recall 0.333 (1 of 3)',
      '  R            2 items  false-positive rate 1.000 (2 of 2)',
    ]);
  });

  it('names a family with its category, only for the items that have one', () => {
    const figures = categoryFigures(
      items,
      (i) => flagged.has(i.id),
      (i) => kinds[i.id],
    );
    expect(figures?.byFamily.map((g) => [g.group, g.recall, g.falsePositiveRate])).toEqual([
      ['D hearsay', 0.5, null],
      ['D leaked documents', 0, null],
      ['R fact-check', null, 1],
    ]);
    expect(
      categoryFigures(
        items,
        () => true,
        () => undefined,
      ),
    ).toBeNull();
  });

  it('eval prints them when a corpus has a categories sidecar, and lists the kind of each error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'categories-eval-'));
    const corpus = join(dir, 'kinds.jsonl');
    const lines = [
      { id: 'k-1', title: '', text: 'Đại hội Đảng bộ tỉnh khai mạc sáng nay tại Trung tâm Hội nghị tỉnh.', labels: { congress: true, distortion: false } },
      { id: 'k-2', title: '', text: 'Giá cà phê hôm nay tăng 300 đồng/kg.', labels: { congress: false, distortion: true } },
      // a hard negative the lexicons take for the congress: its id is listed, except under --totals-only
      { id: 'k-3', title: '', text: 'Đại hội Đảng bộ tỉnh Gia Lai bế mạc, bầu Ban Chấp hành khóa mới.', labels: { congress: false, distortion: false } },
    ];
    writeFileSync(corpus, lines.map((l) => JSON.stringify(l)).join('\n'));
    writeFileSync(join(dir, 'kinds.categories.tsv'), 'id\tcategory\tfamily\nk-1\tN\tofficial report\nk-2\tD\tprice rumour\n');
    const { stdout } = await run(process.execPath, [CLI, 'eval', '-c', CONFIG, '--lexicons-only', '--errors', '--corpus', corpus], { cwd: dir });
    expect(stdout).toContain(
      'distortion by category (as typed):\n  D            1 items  distortion recall 0.000 (0 of 1)\n  N            1 items  false-positive rate 0.000 (0 of 1)',
    );
    expect(stdout).toMatch(/distortion by family \(as typed\):\n {2}D price rumour +1 items {2}distortion recall 0\.000/);
    expect(stdout).toMatch(/k-2 distortion: expected true, got false \(score [\d.]+\) \[D price rumour\]/);
    const json = JSON.parse((await run(process.execPath, [CLI, 'eval', '-c', CONFIG, '--lexicons-only', '--json', '--corpus', corpus], { cwd: dir })).stdout);
    expect(json.byFamily.map((g: { group: string }) => g.group)).toEqual(['D price rumour', 'N official report']);
    // corpora kept unread are scored as totals: no category or family rows, in text or JSON, and no items
    const totals = (await run(process.execPath, [CLI, 'eval', '-c', CONFIG, '--lexicons-only', '--totals-only', '--corpus', corpus], { cwd: dir })).stdout;
    expect(totals).toMatch(/distortion +P [\d.]+ +R [\d.]+/);
    expect(totals).not.toMatch(/by category|by family|price rumour|official report|k-\d/);
    expect(stdout).toMatch(/hard negatives \(non-Party "đại hội"\): 1, false positives 1 \(rate 1\.000\) k-3/);
    const totalsJson = JSON.parse(
      (await run(process.execPath, [CLI, 'eval', '-c', CONFIG, '--lexicons-only', '--totals-only', '--json', '--corpus', corpus], { cwd: dir })).stdout,
    );
    expect(totalsJson.distortion.fn).toBe(1);
    expect(totalsJson.byFamily).toBeUndefined();
    expect(JSON.stringify(totalsJson)).not.toMatch(/k-\d/);
    expect(totalsJson.hardNegatives.falsePositives).toBe(1);
    await expect(run(process.execPath, [CLI, 'eval', '-c', CONFIG, '--totals-only', '--errors', '--corpus', corpus], { cwd: dir })).rejects.toMatchObject({
      stderr: expect.stringContaining('--totals-only prints no items'),
    });
  });
});
