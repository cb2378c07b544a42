// Would a Readability fallback (trafilatura compares its result with a baseline extraction and
// keeps the longer plausible one) help? Runs extractPage and Readability on every article page of
// the evaluation set once, then scores each swap rule on every subset without rerunning. Rules are
// kept or dropped by the development half only (docs/extraction.md, fourth round).
//   npm run bench:extraction-fallback [-- --dir ../shared/data/extraction-eval]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractPage } from '../crawlers/extract-article.ts';
import { decodeDocument } from '../crawlers/charset.ts';
import { readabilityParagraphs } from '../crawlers/extraction/second-opinion.ts';
import { loadEvalPages, readRawPage, scorePages, subsetOf } from './extraction-eval.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dirIndex = args.indexOf('--dir');
const dir = resolve(dirIndex >= 0 ? args[dirIndex + 1] : join(root, '../shared/data/extraction-eval'));

const pages = loadEvalPages(dir);
const subsets = subsetOf(pages);
const groups = {
  dev: pages.filter((p) => subsets.get(p.file) === 'dev'),
  untouched: pages.filter((p) => subsets.get(p.file) === 'holdout'),
  sample: pages.filter((p) => subsets.get(p.file) === 'sample'),
  full: pages,
};

interface Row {
  url: string;
  title: string;
  ours: string;
  readability: string;
  /** Share of our paragraphs (≥ 40 characters) that Readability's text also holds. */
  overlap: number;
}

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
const rows: Row[] = [];
for (const page of pages) {
  const html = decodeDocument(readRawPage(dir, page)).text;
  const result = extractPage(html, page.url);
  if (result.kind !== 'article') continue;
  const readability = readabilityParagraphs(html).join('\n\n');
  const ours = result.article.text;
  const paragraphs = ours
    .split('\n')
    .map(norm)
    .filter((p) => p.length >= 40);
  const found = paragraphs.filter((p) => norm(readability).includes(p)).length;
  rows.push({ url: page.url, title: result.article.title, ours, readability, overlap: paragraphs.length ? found / paragraphs.length : 0 });
}

function score(label: string, swap: (row: Row) => boolean): void {
  const outputs = new Map<string, string>();
  let swapped = 0;
  for (const row of rows) {
    const take = swap(row);
    if (take) swapped++;
    outputs.set(row.url, `${row.title}\n${take ? row.readability : row.ours}`);
  }
  const f1s = Object.entries(groups).map(([name, group]) => `${name} ${scorePages(group, outputs).f1.toFixed(4)}`);
  console.log(`${label.padEnd(42)} swapped ${String(swapped).padStart(3)}  ${f1s.join('  ')}`);
}

score('ours (no fallback)', () => false);
for (const gain of [1.5, 2, 3]) {
  score(`Readability when ≥ ${gain}× our text`, (row) => row.readability.length >= gain * row.ours.length);
  score(`… and another container (overlap < 0.5)`, (row) => row.overlap < 0.5 && row.readability.length >= gain * row.ours.length);
  score(`… and the same container grown (≥ 0.5)`, (row) => row.overlap >= 0.5 && row.readability.length >= gain * row.ours.length);
}
