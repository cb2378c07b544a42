import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { classifyStream, parseClassifyLine, registerClassify } from '../../cli/commands/classify.ts';
import { readCorpus } from '../../cli/corpus.ts';
import { registerEval } from '../../cli/commands/eval.ts';
import { evaluate, formatMetrics, metrics, type LabelledItem } from '../../pipeline/nlp/evaluate.ts';
import { classifier, DEV_CORPUS } from './helpers.ts';

describe('classify command', () => {
  it('registers with commander', () => {
    const program = new Command();
    registerClassify(program);
    registerEval(program);
    expect(program.commands.map((c) => c.name())).toEqual(['classify', 'eval']);
  });

  it('validates lines', () => {
    expect(parseClassifyLine('{"id": 1, "title": "a", "text": "b"}')).toEqual({ id: '1', title: 'a', text: 'b', kind: undefined });
    expect(parseClassifyLine('{"id": "x", "text": "b"}')).toEqual({ id: 'x', title: '', text: 'b', kind: undefined });
    expect(parseClassifyLine('not json')).toHaveProperty('error');
    expect(parseClassifyLine('[1,2]')).toHaveProperty('error');
    expect(parseClassifyLine('{"title": "a", "text": "b"}')).toEqual({ error: 'missing "id" (string)' });
    expect(parseClassifyLine('{"id": "x", "text": 3}')).toHaveProperty('error');
  });

  it('writes one JSON line per good line and reports bad lines by number, then keeps going', async () => {
    const input = Readable.from(
      [
        JSON.stringify({ id: 'a', title: '', text: 'ĐH XIII dời sang tháng 6/2021 r mn ơi, nghe bạn làm trên TW nói z, share gấp' }),
        '{broken',
        '',
        JSON.stringify({ id: 'b', title: 'Giá cà phê hôm nay', text: 'Giá cà phê tăng 300 đồng/kg.' }),
      ].join('\n'),
    );
    const out: string[] = [];
    const err: string[] = [];
    const result = await classifyStream(
      classifier(),
      input,
      (l) => out.push(l),
      (l) => err.push(l),
    );
    expect(result).toEqual({ ok: 2, failed: 1 });
    expect(err[0]).toMatch(/line 2: not valid JSON/);
    const [a, b] = out.map((l) => JSON.parse(l));
    expect(a).toMatchObject({ id: 'a', congress: true, distortion: true });
    expect(a.scores.congress).toBeGreaterThan(0.5);
    expect(a.explanations.length).toBeGreaterThan(0);
    expect(b).toMatchObject({ id: 'b', congress: false, distortion: false });
    for (const r of [a, b]) {
      expect(r.scores.distortion).toBeGreaterThanOrEqual(0);
      expect(r.scores.distortion).toBeLessThanOrEqual(1);
    }
  });
});

describe('eval', () => {
  it('computes precision, recall and F1', () => {
    expect(metrics({ tp: 8, fp: 2, fn: 2, tn: 88 })).toMatchObject({ precision: 0.8, recall: 0.8, f1: 0.8, n: 100 });
  });

  it('prints and judges targets on the unrounded rates, not on the four-decimal figure', () => {
    // 56 / 66 = 0.84848: printed 0.848, not 0.849 (0.8485 rounded again)
    expect(formatMetrics(metrics({ tp: 56, fp: 10, fn: 4, tn: 130 }))).toMatch(/^P 0\.848 {2}R 0\.933 /);
    // 5099 / 5999 = 0.849975, which four decimals round to 0.8500: still under the 0.85 line
    const items: LabelledItem[] = Array.from({ length: 5999 }, (_, i) => ({
      id: `x${i}`,
      title: '',
      text: 'Đại hội',
      labels: { congress: true, distortion: i < 5099 },
    }));
    const report = evaluate(items, () => ({ congress: true, distortion: true, scores: { congress: 1, distortion: 1 }, topics: [], explanations: [] }));
    expect(report.distortion.precision).toBe(0.85);
    expect(report.targets.find((t) => t.name === 'distortion precision')?.met).toBe(false);
  });

  it('reads a corpus, reporting malformed lines by number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-'));
    const file = join(dir, 'c.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ id: '1', title: '', text: 'Đại hội Đảng bộ tỉnh Gia Lai khai mạc', labels: { congress: true, distortion: false } }),
        '{"id": 2',
        JSON.stringify({ id: '3', text: 'x', labels: { congress: 'yes' } }),
        JSON.stringify({ id: '4', title: '', text: 'Đại hội đồng cổ đông công ty', labels: { congress: false, distortion: false } }),
      ].join('\n'),
    );
    const { items, problems } = readCorpus(file);
    expect(items.map((i) => i.id)).toEqual(['1', '4']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/c\.jsonl:2/);
    expect(problems[1]).toMatch(/c\.jsonl:3/);
  });

  it('reports per-label metrics, hard negatives, the diacritics breakdown and the baseline on the dev corpus', () => {
    const { items } = readCorpus(DEV_CORPUS);
    const report = evaluate(items, (i) => classifier().classify(i));
    expect(report.items).toBe(120);
    expect(report.congress.f1).toBeGreaterThanOrEqual(0.95);
    expect(report.distortion.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.distortion.precision).toBeGreaterThanOrEqual(0.8);
    expect(report.hardNegatives.n).toBeGreaterThan(10);
    expect(report.diacritics.withoutDiacritics.n).toBeGreaterThan(5);
    expect(Math.abs(report.diacritics.congressF1Gap)).toBeLessThanOrEqual(0.03);
    // the substring baseline is much worse, especially on hard negatives
    expect(report.baseline.congress.f1).toBeLessThan(report.congress.f1);
    expect(report.baseline.hardNegativeFalsePositiveRate).toBeGreaterThan(report.hardNegatives.rate);
  });
});

describe('generalisation', () => {
  it('meets the targets on a held-out set written apart from the dev corpus (tests/nlp/fixtures/holdout.jsonl)', () => {
    const { items, problems } = readCorpus(join(__dirname, 'fixtures/holdout.jsonl'));
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(40);
    const report = evaluate(items, (i) => classifier().classify(i));
    expect(report.congress.f1).toBeGreaterThanOrEqual(0.95);
    expect(report.distortion.recall).toBeGreaterThanOrEqual(0.9);
    expect(report.distortion.precision).toBeGreaterThanOrEqual(0.8);
    expect(report.hardNegatives.rate).toBe(0);
  });
});
