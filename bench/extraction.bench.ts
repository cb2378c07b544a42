// Article extraction on trafilatura's 990-page evaluation set: precision/recall/F1 by score.py's
// method and MB/s, for the full set and its fixed subsets. `--compare` runs trafilatura (PyPI, in a
// throwaway venv made by scripts/trafilatura-venv.sh) on the same pages in the same run.
//   npm run bench:extraction [-- --compare] [-- --dir ../shared/data/extraction-eval] [-- --dump out.json]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractPage } from '../crawlers/extract-article.ts';
import { decodeDocument } from '../crawlers/charset.ts';
import { loadEvalPages, pagePath, readRawPage, scorePages, subsetOf, type EvalPage, type Score } from './extraction-eval.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = resolve(option('--dir') ?? join(root, '../shared/data/extraction-eval'));
if (!existsSync(join(dir, 'evaldata.json'))) {
  console.error(`No evaluation set at ${dir} (expected evaldata.json and pages/). Pass --dir.`);
  process.exit(2);
}

const pages = loadEvalPages(dir);
const subsets = subsetOf(pages);
const groups: Array<[string, EvalPage[]]> = [
  ['full set', pages],
  ['dev half', pages.filter((p) => subsets.get(p.file) === 'dev')],
  ['untouched half', pages.filter((p) => subsets.get(p.file) === 'holdout')],
  ['60-page sample', pages.filter((p) => subsets.get(p.file) === 'sample')],
];

interface Run {
  name: string;
  outputs: Map<string, string>;
  bytes: number;
  seconds: number;
  /** Pages the crawler would store as articles, when the extractor classifies. */
  articles?: number;
}

function runMediawatch(): Run {
  const raw = pages.map((page) => ({ page, bytes: readRawPage(dir, page) }));
  const outputs = new Map<string, string>();
  let articles = 0;
  // Warm the JIT on a few pages so the timed pass measures steady-state speed, as in a long crawl.
  for (const { page, bytes } of raw.slice(0, 20)) extractPage(decodeDocument(bytes).text, page.url);
  const start = performance.now();
  for (const { page, bytes } of raw) {
    // Decoded and parsed as the crawler does (charset.ts, htmlparser2), inside the timed loop as
    // trafilatura's own decoding and parsing are.
    const result = extractPage(decodeDocument(bytes).text, page.url);
    if (result.kind === 'article') {
      articles++;
      outputs.set(page.url, `${result.article.title}\n${result.article.text}`);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { name: 'mediawatch extractPage (title + text)', outputs, bytes: raw.reduce((s, r) => s + r.bytes.length, 0), seconds, articles };
}

function runTrafilatura(): Run | string {
  const venv = spawnSync('bash', [join(root, 'scripts/trafilatura-venv.sh')], { encoding: 'utf8' });
  if (venv.status !== 0) return venv.stderr.trim().split('\n').pop() || 'the trafilatura venv could not be set up';
  const python = venv.stdout.trim();
  const input = JSON.stringify(pages.map((page) => ({ url: page.url, path: pagePath(dir, page) })));
  const run = spawnSync(python, [join(root, 'scripts/trafilatura-extract.py')], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return `trafilatura failed: ${run.stderr.trim().split('\n').pop()}`;
  const result = JSON.parse(run.stdout) as { outputs: Record<string, string>; seconds: number; bytes: number; version: string };
  return {
    name: `trafilatura ${result.version} (PyPI, extract)`,
    outputs: new Map(Object.entries(result.outputs)),
    bytes: result.bytes,
    seconds: result.seconds,
  };
}

const fmt = (s: Score) => `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`;

function report(run: Run): void {
  const mbps = run.bytes / 1e6 / run.seconds;
  console.log(`\n${run.name}: ${mbps.toFixed(2)} MB/s (${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s)`);
  if (run.articles !== undefined) console.log(`  taken as articles: ${run.articles} of ${pages.length} pages`);
  for (const [label, group] of groups) console.log(`  ${label.padEnd(15)} (${String(group.length).padStart(3)} pages)  ${fmt(scorePages(group, run.outputs))}`);
}

/** Publication time (as declared, offset kept) and author against the fixture site's expected.json. */
function metadataAccuracy(): void {
  const site = join(root, 'tests/fixtures/site');
  const expected = JSON.parse(readFileSync(join(site, 'expected.json'), 'utf8')) as {
    articles: Array<{ url: string; publishedAt: string; author: string }>;
  };
  let times = 0;
  let authors = 0;
  for (const article of expected.articles) {
    const result = extractPage(decodeDocument(readFileSync(join(site, article.url))).text, `http://fixture.example${article.url}`);
    if (result.kind !== 'article') continue;
    if (result.article.publishedAt === article.publishedAt) times++;
    if (result.article.author === article.author) authors++;
  }
  const n = expected.articles.length;
  console.log(`\nFixture site metadata (${n} articles): published time exact with offset ${times}/${n}, author ${authors}/${n}`);
}

console.log(`Evaluation set: ${dir} (${pages.length} pages)`);
metadataAccuracy();
const runs: Run[] = [runMediawatch()];
report(runs[0]);
if (args.includes('--compare')) {
  const peer = runTrafilatura();
  if (typeof peer === 'string') {
    console.log(`\n!!! trafilatura NOT measured: ${peer}`);
    console.log('!!! Only the mediawatch row above is from this run.');
  } else {
    runs.push(peer);
    report(peer);
    const ours = runs[0];
    console.log(
      `\nSame run: F1 ${scorePages(pages, ours.outputs).f1.toFixed(3)} vs ${scorePages(pages, peer.outputs).f1.toFixed(3)}; ` +
        `speed ratio mediawatch/trafilatura ${(ours.bytes / ours.seconds / (peer.bytes / peer.seconds)).toFixed(2)}x`,
    );
  }
}
const dump = option('--dump');
if (dump) {
  writeFileSync(dump, JSON.stringify(Object.fromEntries(runs[0].outputs)));
  console.log(`\nmediawatch outputs written to ${dump} (score with: python3 ${join(dir, 'score.py')} ${join(dir, 'evaldata.json')} ${dump})`);
}
