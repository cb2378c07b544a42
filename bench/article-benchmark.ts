// Zyte's article-extraction-benchmark (github.com/scrapinghub/article-extraction-benchmark, MIT):
// 181 news and blog pages, each with its gold article body. Loading, a fixed tuning/untouched
// split, and the scoring of its evaluate.py (token 4-gram shingles, per-page normalised counts,
// precision and recall averaged over pages).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchmarkPage {
  /** The item id: the file name in html/ without `.html.gz`. */
  id: string;
  url: string;
  articleBody: string;
}

export interface ShingleScore {
  docs: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of pages whose extracted tokens equal the gold tokens exactly (evaluate.py's accuracy). */
  accuracy: number;
  /** Standard deviation of F1 over bootstrap resamples of the pages, as evaluate.py reports it. */
  f1Std: number;
}

export function isArticleBenchmark(dir: string): boolean {
  return existsSync(join(dir, 'ground-truth.json')) && existsSync(join(dir, 'html'));
}

export function loadBenchmarkPages(dir: string): BenchmarkPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  return Object.entries(truth).map(([id, item]) => ({ id, url: item.url ?? `https://article-benchmark.invalid/${id}`, articleBody: item.articleBody ?? '' }));
}

export function benchmarkPagePath(dir: string, page: BenchmarkPage): string {
  return join(dir, 'html', `${page.id}.html.gz`);
}

/** Salt of the tuning/untouched split, fixed before any page was looked at. */
const HALF_SALT = 'mediawatch-article-benchmark-tuning-half';

/** Half of the pages by a hash of the item id: failures are read on 'tuning' only; 'untouched' is only measured. */
export function benchmarkHalf(page: BenchmarkPage): 'tuning' | 'untouched' {
  return parseInt(createHash('sha256').update(`${HALF_SALT}:${page.id}`).digest('hex').slice(0, 8), 16) % 2 === 0 ? 'tuning' : 'untouched';
}

/** evaluate.py's `\w+` (Python, Unicode): letters, digits and other numerals, underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  // As evaluate.py: a text shorter than a shingle is one short shingle; no tokens, none.
  for (let i = 0; i < Math.max(1, tokens.length - SHINGLE + 1); i++) {
    const shingle = tokens.slice(i, i + SHINGLE);
    if (!shingle.length) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

type Counts = [tp: number, fp: number, fn: number];

/** evaluate.py's string_shingle_matching: shingle counts matched, normalised so long pages weigh no more. */
export function shingleCounts(truth: string, prediction: string): Counts {
  const gold = shingles(truth);
  const predicted = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...gold.keys(), ...predicted.keys()])) {
    const g = gold.get(key) ?? 0;
    const p = predicted.get(key) ?? 0;
    tp += Math.min(g, p);
    fp += Math.max(0, p - g);
    fn += Math.max(0, g - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** evaluate.py's metrics_from_tp_fp_fns: per-page precision and recall, averaged over the pages where each is defined. */
function metrics(counts: Counts[]): { precision: number; recall: number; f1: number } {
  const precision = mean(counts.filter(([tp, fp]) => tp + fp > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))));
  const recall = mean(counts.filter(([tp, , fn]) => tp + fn > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const tokens = (text: string) => (text.match(TOKEN) ?? []).join(' ');

/** Deterministic bootstrap (mulberry32), so the reported spread does not change from run to run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOOTSTRAP = 1000;

/** Scores extracted bodies (a missing page is an empty body) as evaluate.py does. */
export function scoreBenchmark(pages: BenchmarkPage[], outputs: Map<string, string>): ShingleScore {
  const counts = pages.map((page) => shingleCounts(page.articleBody, outputs.get(page.id) ?? ''));
  const accuracy = mean(pages.map((page) => (tokens(page.articleBody) === tokens(outputs.get(page.id) ?? '') ? 1 : 0)));
  const next = random(1);
  const f1s: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) f1s.push(metrics(counts.map(() => counts[Math.floor(next() * counts.length)])).f1);
  const m = mean(f1s);
  const f1Std = Math.sqrt(f1s.reduce((s, v) => s + (v - m) ** 2, 0) / (f1s.length - 1));
  return { docs: pages.length, ...metrics(counts), accuracy, f1Std };
}
