// The labelled drafts behind `npm run eval:check`: numbers in words, values from the sheet.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDrafts, draftTemplatesSchema, holdFigures, vietnameseNumber } from '../../pipeline/nlp/check-eval.ts';
import { loadFactsFile } from '../../pipeline/nlp/facts-sheet.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { configuredChecker, REPO } from './helpers.ts';

const templates = loadYamlFile(join(REPO, 'tests/fixtures/check-drafts/templates.yaml'), draftTemplatesSchema, 'draft templates');
const FACTS = join(REPO, 'config/official-facts.yaml');
const OTHER = join(REPO, 'tests/nlp/fixtures/official-facts-other.json');

describe('numbers in Vietnamese words', () => {
  it.each([
    [5, 'năm'],
    [10, 'mười'],
    [15, 'mười lăm'],
    [18, 'mười tám'],
    [21, 'hai mươi mốt'],
    [25, 'hai mươi lăm'],
    [53, 'năm mươi ba'],
    [105, 'một trăm linh năm'],
    [350, 'ba trăm năm mươi'],
    [1587, 'một nghìn năm trăm tám mươi bảy'],
    [1600, 'một nghìn sáu trăm'],
    [2005, 'hai nghìn không trăm linh năm'],
  ])('%i → %s', (n, words) => expect(vietnameseNumber(n)).toBe(words));

  it('refuses what it cannot say', () => expect(() => vietnameseNumber(1.5)).toThrow(RangeError));
});

describe('drafts from a facts sheet', () => {
  const configured = buildDrafts(loadFactsFile(FACTS), templates);
  const other = buildDrafts(loadFactsFile(FACTS, OTHER), templates);

  it('fills each template with the sheet value and three other values, in digits and words', () => {
    const delegates = configured.filter((d) => d.factId === 'GL-DELEGATES');
    expect(delegates.filter((d) => d.label === 'correct').map((d) => d.text)).toContain(
      'Dự Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI có 350 đại biểu chính thức.',
    );
    expect(delegates.filter((d) => d.label === 'correct').map((d) => d.text)).toContain(
      'Dự Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI có ba trăm năm mươi đại biểu chính thức.',
    );
    expect(delegates.filter((d) => d.label === 'wrong')).toHaveLength(18);
    expect(delegates.some((d) => d.label === 'wrong' && d.text.includes(' 350 '))).toBe(false);
    expect(new Set(configured.map((d) => d.factId))).toEqual(
      new Set(['GL-DATE', 'GL-VENUE', 'GL-DELEGATES', 'GL-BCH', 'GL-BTV', 'GL-NATIONAL-DELEGATION', 'NC-DATE', 'NC-VENUE', 'NC-DELEGATES']),
    );
  });

  it('reads the values from the sheet: the other sheet states 400 delegates', () => {
    expect(other.filter((d) => d.factId === 'GL-DELEGATES' && d.label === 'correct').map((d) => d.text)).toContain(
      'Dự Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI có 400 đại biểu chính thức.',
    );
  });

  it('counts held drafts against their labels', () => {
    const sample = configured.filter((d) => d.factId === 'GL-DELEGATES' && d.form === 'digits').slice(0, 4);
    const f = holdFigures(configuredChecker, sample);
    expect(f).toMatchObject({ drafts: 4, tp: 3, fp: 0, fn: 0, tn: 1, precision: 1, recall: 1, errors: [] });
  });
});
