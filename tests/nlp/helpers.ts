import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { stripDiacritics } from '../../pipeline/nlp/fold.ts';
import { classifierOptionsFromConfig, loadAbbreviations, loadClassifier, type Classifier } from '../../pipeline/nlp/index.ts';
import { namePrefixesOf } from '../../pipeline/nlp/stream.ts';
import type { Example } from '../../pipeline/nlp/train.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFIG = join(REPO, 'config/mediawatch.yaml');
export const DEV_CORPUS = join(REPO, 'tests/fixtures/dev-corpus.jsonl');

/** The abbreviations that head a name in the shipped config/abbreviations.yaml. */
export const NAME_PREFIXES = namePrefixesOf(loadAbbreviations(join(REPO, 'config/abbreviations.yaml')));

/** Every sentence splitter reads these alike (text.ts, discourse.ts, gatherings.ts): [text, its sentences]. */
export const ABBREVIATED_NAMES: Array<[string, number]> = [
  // the family: a city, a town, a district, a ward, academic titles: one sentence
  ['Kinh phí trang trí của TP. Pleiku lên tới 4,7 tỷ đồng.', 1],
  ['Họp ở TX. An Khê, Q. 1 và P. Hoa Lư.', 1],
  ['PGS. TS. Nguyễn Văn A nói rằng đã bầu xong.', 1],
  ['Người dân TP.HCM nói vậy.', 1],
  // an ordinary sentence end, or the abbreviation ending a sentence before a lowercase word or a line break
  ['Đã bầu xong. Pleiku yên tĩnh.', 2],
  ['Tôi ở TP. sau đó về quê.', 2],
  ['Tôi ở TP.\nPleiku thì khác.', 2],
  // an abbreviation that heads no name, or one written otherwise (case counts), ending its sentence
  ['Tôi sống ở TPHCM. Pleiku thì khác.', 2],
  ['Hàng về tận tp. Giá rẻ lắm.', 2],
];

/** The facts-sheet contradictions a classification counts: its fact explanations that weigh (cited ones weigh 0). */
export function contradictionsOf(c: Classification): Classification['explanations'] {
  return c.explanations.filter((e) => e.kind === 'fact' && e.weight > 0);
}

let cached: Classifier | null = null;
/** The lexicon classifier of the repository's config, without its learned model (built once per test file). */
/** The ids of the facts an item contradicts. */
export const factIdsOf = (c: Classification) => contradictionsOf(c).map((e) => e.factId);

/** No text, as typed or without diacritics, contradicts the configured sheet. */
export const expectNoContradictions = (texts: string[]) => forBothForms(texts, (c, t) => expect(factIdsOf(c), t).toEqual([]));

/** The item's contradictions of the national congress's dates (NC-DATE). */
export const nationalDates = (c: Classification) => contradictionsOf(c).filter((e) => e.factId === 'NC-DATE');

/** Each text, typed and stripped, contradicts NC-DATE `count` times (the message lists every contradiction read). */
export function expectDates(texts: string[], count: number): void {
  forBothForms(texts, (c, t) =>
    expect(
      nationalDates(c).length,
      `${t} → ${contradictionsOf(c)
        .map((e) => `${e.factId} ${e.matched}`)
        .join('; ')}`,
    ).toBe(count),
  );
}

export function classifier(): Classifier {
  cached ??= loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined });
  return cached;
}

export interface CorpusItem {
  id: string;
  title: string;
  text: string;
  kind: string;
  labels: { congress: boolean; distortion: boolean };
  note: string;
}

export function devCorpus(): CorpusItem[] {
  return readFileSync(DEV_CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusItem);
}

export { stripDiacritics };

/**
 * Each text classified as typed and with its diacritics stripped (as a body, no title), on the
 * lexicons alone; `check` gets the classification and the form it read.
 */
export function forBothForms(texts: string[], check: (c: Classification, text: string) => void): void {
  for (const t of bothForms(texts)) check(classifier().classify({ title: '', text: t }), t);
}

/** Each text as typed, then without diacritics: the two forms every reading is tested in. */
export function bothForms(texts: string[]): string[] {
  return texts.flatMap((t) => [t, stripDiacritics(t)]);
}

/** Each case's text as typed, then without diacritics, with the case's expectation beside both. */
export function casesInBothForms<T>(cases: Array<[text: string, expected: T]>): Array<[text: string, expected: T]> {
  return cases.flatMap(([t, x]): Array<[string, T]> => [
    [t, x],
    [stripDiacritics(t), x],
  ]);
}

/**
 * Each [title, text] classified as typed and with the diacritics of both stripped, on the lexicons alone; `check`
 * gets the classification and the title it read.
 */
export function forBothFormsTitled(items: Array<[title: string, text: string]>, check: (c: Classification, title: string) => void): void {
  for (const [title, text] of items)
    for (const [t, x] of [
      [title, text],
      [stripDiacritics(title), stripDiacritics(text)],
    ])
      check(classifier().classify({ title: t, text: x }), t);
}

/** Each case's text, as typed and without diacritics, gives a reading (`read`) that holds the case's expected entry. */
export function expectEachReads(cases: Array<[text: string, entry: string]>, read: (c: Classification) => Array<string | undefined>): void {
  for (const [text, entry] of cases) forBothForms([text], (c, t) => expect(read(c), t).toContain(entry));
}

/** Whether each text, as typed and without diacritics, is read as about the congresses (`want`). */
export function expectCongress(texts: string[], want: boolean): void {
  forBothForms(texts, (c, t) => expect(c.congress, `${t} (congress ${c.scores.congress})`).toBe(want));
}

/** The distortion explanations of cue group `group` in a classification. */
export const firedGroup = (c: Classification, group: string) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith(`${group}:`));

/** Whether cue group `group` fires (`want`) on each text, as typed and without diacritics. */
export function expectGroup(texts: string[], group: string, want: boolean): void {
  forBothForms(texts, (c, t) => {
    const hits = firedGroup(c, group).map((e) => e.term);
    expect(hits.length > 0, `${t} → ${hits.join(', ') || 'none'}`).toBe(want);
  });
}

const EVERYDAY_NEWS = [
  'Giá cà phê hôm nay tăng nhẹ',
  'Trời mưa rào rải rác ở phố núi',
  'Học sinh bước vào năm học mới',
  'Đội bóng thắng trên sân nhà',
  'Lễ hội cồng chiêng thu hút du khách',
];

/**
 * A corpus whose labels follow a made-up phrase that no lexicon knows, so only the learned n-grams
 * can find it: every other item carries it, among sentences of everyday news (no congress words).
 * Ids are `${idPrefix}${i}` from 0.
 */
export function signalCorpus(
  phrase: string,
  count: number,
  idPrefix: string,
): Array<{ id: string; title: string; text: string; labels: { congress: boolean; distortion: boolean } }> {
  const filler = EVERYDAY_NEWS;
  return Array.from({ length: count }, (_, i) => {
    const signal = i % 2 === 0;
    const text = `${filler[i % 5]}. ${filler[(i + 2) % 5]}${signal ? `, ${phrase}` : ''}. ${filler[(i + 3) % 5]}.`;
    return { id: `${idPrefix}${i}`, title: '', text, labels: { congress: signal, distortion: signal } };
  });
}

/**
 * A synthetic training set whose distortion labels the n-grams explain only in part (one label n-gram
 * right four times in five, plus shared n-grams), so that the weights and the bias still move from one
 * epoch to the next. `congress` gives each item's congress label (default: every item).
 */
export function partlyExplained(count: number, congress: (i: number) => boolean = () => true): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < count; i++) {
    const distortion = (i * 7919) % 3 === 0;
    const signal = distortion === (i % 5 !== 0) ? 1 : 2;
    const ngrams = Int32Array.from([signal, 3 + ((i * 31) % 40), 43 + ((i * 17) % 60)]);
    const lexicon = { congress: true, distortion: false, scores: { congress: 1, distortion: 0 }, explanations: [] } as unknown as Classification;
    out.push({
      item: { id: `a${i}`, title: '', text: '', labels: { congress: congress(i), distortion } },
      features: { ngrams, ngramValue: 1 / Math.sqrt(3), lexicon: [] },
      lexicon,
      lexiconDecision: lexicon,
      otherGathering: null,
      impliedCongress: null,
    });
  }
  return out;
}
