/**
 * Measures known-rumour matching on a labelled stream: the decided rumours, then variants of them
 * (reposts, light edits, teencode, no diacritics) mixed with different stories on the same topics.
 * Pure apart from reading the files it is given; used by tests/nlp/known-rumours.test.ts and
 * `npm run eval:rumours`.
 */
import { readFileSync } from 'node:fs';
import { foldVietnamese } from './fold.ts';
import { KnownRumourMatcher, type KnownRumourOptions, type RumourCandidate } from './known-rumours.ts';

export interface StreamText {
  id: string;
  title: string;
  text: string;
}

export interface RumourStream {
  rumours: StreamText[];
  /** Each repeats the rumour `of`; `kind` says how it was changed. */
  variants: Array<StreamText & { of: string; kind: string }>;
  /** Repeat no rumour. */
  otherStories: StreamText[];
}

/** Chat shorthand a poster types for the words of the rumours, applied before folding. */
const SHORTHAND: Array<[RegExp, string]> = [
  [/đại hội/gi, 'ĐH'],
  [/không/gi, 'ko'],
  [/được/gi, 'dc'],
  [/mọi người/gi, 'mn'],
  [/rồi/gi, 'r'],
  [/người/gi, 'ng'],
];

/** The same post as someone typing fast on a phone: shorthand, no diacritics. */
export function teencodeCopy(text: string): string {
  let out = text;
  for (const [re, abbr] of SHORTHAND) out = out.replace(re, abbr);
  return foldVietnamese(out);
}

/** Reads the hand-written stream and adds a shorthand, diacritic-free copy of every rumour and variant. */
export function loadRumourStream(file: string): RumourStream {
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    rumours: StreamText[];
    variants: Array<Omit<StreamText, 'id'> & { of: string; kind: string }>;
    otherStories: StreamText[];
  };
  const variants = data.variants.map((v, i) => ({ ...v, id: `v${i + 1}-${v.of}-${v.kind}` }));
  const derived = [
    ...data.rumours.map((r) => ({
      id: `d-${r.id}-repost`,
      of: r.id,
      kind: 'derived:teencode-repost',
      title: teencodeCopy(r.title),
      text: teencodeCopy(r.text),
    })),
    ...variants.map((v) => ({ ...v, id: `d-${v.id}`, kind: `derived:teencode-${v.kind}`, title: teencodeCopy(v.title), text: teencodeCopy(v.text) })),
  ];
  return { rumours: data.rumours, variants: [...variants, ...derived], otherStories: data.otherStories };
}

/** Texts of a JSON-lines corpus (title and text), as background for document frequencies. */
export function readCorpusTexts(file: string): StreamText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StreamText);
}

export interface StreamScore {
  id: string;
  expected: string | null;
  kind: string;
  candidates: RumourCandidate[];
}

/**
 * Runs the stream once: background items and the rumours are seen first (the rumours confirmed),
 * then the test items one by one, each matched before it is counted in the frequencies.
 */
export function scoreStream(stream: RumourStream, background: StreamText[], options: KnownRumourOptions): StreamScore[] {
  const matcher = new KnownRumourMatcher(options);
  for (const item of background) matcher.observe(matcher.fingerprint(item.title, item.text));
  for (const [i, rumour] of stream.rumours.entries()) {
    const fp = matcher.fingerprint(rumour.title, rumour.text);
    matcher.observe(fp);
    matcher.put({ itemId: rumour.id, decision: 'confirmed', decidedAt: new Date(Date.UTC(2020, 9, 10 + i)).toISOString() }, fp);
  }
  // Interleaved, so that frequencies grow as they would in a crawl.
  const tests = interleave<StreamText & { of?: string; kind?: string }>(stream.variants, stream.otherStories);
  return tests.map((item) => {
    const fp = matcher.fingerprint(item.title, item.text);
    const candidates = matcher.similarities(fp);
    matcher.observe(fp);
    return { id: item.id, expected: item.of ?? null, kind: item.kind ?? 'other', candidates };
  });
}

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

export interface MatchingFigures {
  threshold: number;
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Items matched to the wrong rumour or matched though they repeat none. */
  wrong: Array<{ id: string; expected: string | null; got: string; similarity: number }>;
  /** Variants that matched nothing. */
  missed: Array<{ id: string; expected: string; best: number }>;
}

/** Precision/recall of "matched to the right rumour" at a threshold, as KnownRumourMatcher.match decides. */
export function figuresAt(scores: StreamScore[], threshold: number): MatchingFigures {
  const figures: MatchingFigures = { threshold, precision: 0, recall: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0, wrong: [], missed: [] };
  for (const score of scores) {
    const eligible = score.candidates.filter((c) => c.similarity >= threshold).sort((a, b) => b.similarity - a.similarity);
    const got = eligible[0];
    if (got && got.info.itemId === score.expected) figures.truePositives++;
    else {
      if (got) {
        figures.falsePositives++;
        figures.wrong.push({ id: score.id, expected: score.expected, got: got.info.itemId, similarity: round(got.similarity) });
      }
      if (score.expected) {
        figures.falseNegatives++;
        const best = Math.max(0, ...score.candidates.filter((c) => c.info.itemId === score.expected).map((c) => c.similarity));
        if (!got) figures.missed.push({ id: score.id, expected: score.expected, best: round(best) });
      }
    }
  }
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = figures;
  figures.precision = tp + fp ? round(tp / (tp + fp)) : 1;
  figures.recall = tp + fn ? round(tp / (tp + fn)) : 1;
  return figures;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
