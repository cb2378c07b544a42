// Article extraction measured on public evaluation sets, our extractor and others in the same run.
//   --set eval (default): trafilatura's 990-page evaluation set (../shared/data/extraction-eval),
//     scored as its score.py does (with/without segments; title + text);
//   --set articles: Zyte's 181-page article-extraction-benchmark, fetched by
//     scripts/article-benchmark-fetch.sh into .cache/article-extraction-benchmark (or
//     ARTICLE_BENCHMARK_DIR / --dir), scored as its evaluate.py does (article body only);
//   --set wcxb: the article pages of WCXB v1.0 (Web Content Extraction Benchmark, 2025 pages),
//     fetched by scripts/wcxb-fetch.sh into .cache/wcxb (or WCXB_DIR / --dir), scored as its
//     evaluate.py does (bag-of-words F1 per page, averaged); its dev split is the tuning half;
//   --set readability: Mozilla Readability's saved test pages (bench/readability-pages.ts), fetched by
//     scripts/readability-pages-fetch.sh into .cache/readability-test-pages (or READABILITY_PAGES_DIR /
//     --dir), scored as Zyte's evaluate.py against the expected article; all readable;
//   --set l3s: L3S-GN1, 621 English news pages of 2008 with assessor-labelled text (bench/l3s-gn1.ts),
//     fetched by scripts/l3s-gn1-fetch.sh into .cache/l3s-gn1 (or L3S_GN1_DIR / --dir), scored as Zyte's
//     evaluate.py against the labelled full text and supplemental blocks; all readable;
//   --set fundus: Fundus's parser test pages of European publishers (bench/fundus.ts), fetched by
//     scripts/fundus-fetch.sh into .cache/fundus (or FUNDUS_DIR / --dir), scored as Zyte's evaluate.py
//     against each publisher parser's expected body; all readable.
// `--compare` also runs trafilatura (PyPI, in a throwaway venv made by scripts/trafilatura-venv.sh)
// and Mozilla Readability (on linkedom) on the same pages in the same run.
//   npm run bench:extraction [-- --compare] [-- --dir DIR] [-- --dump out.json]
//   npm run bench:extraction-articles [-- --compare] [-- --dir DIR] [-- --dump out.json]
//   npm run bench:extraction-wcxb [-- --compare] [-- --dir DIR] [-- --dump out.json]
//   npm run bench:extraction-readability [-- --compare] [-- --dir DIR] [-- --dump out.json]
//   npm run bench:extraction-l3s [-- --compare] [-- --dir DIR] [-- --dump out.json]
//   npm run bench:extraction-fundus [-- --compare] [-- --dir DIR] [-- --dump out.json]
// `--tuning` prints only the halves that may be read (no untouched-half figure), for tuning runs.
// `--without-markup` runs ours on the pages stripped of article markup (see MARKUP_EVIDENCE).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractPage } from '../crawlers/extract-article.ts';
import { decodeDocument } from '../crawlers/charset.ts';
import { loadEvalPages, pagePath, scorePages, subsetOf, type EvalPage } from './extraction-eval.ts';
import { isWcxb, loadWcxbArticles, scoreWcxb, wcxbGroup, wcxbPagePath } from './wcxb.ts';
import { benchmarkHalf, benchmarkPagePath, isArticleBenchmark, loadBenchmarkPages, scoreBenchmark, type BenchmarkPage } from './article-benchmark.ts';
import { isReadabilityPages, loadReadabilityPages, readabilityPagePath } from './readability-pages.ts';
import { isL3sGn1, l3sPagePath, loadL3sGn1 } from './l3s-gn1.ts';
import { fundusPagePath, isFundus, loadFundus } from './fundus.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface BenchPage {
  /** Key of the page in the set's gold data and in every run's outputs. */
  key: string;
  url: string;
  /** The gzipped page as fetched. */
  path: string;
}

interface Extraction {
  title?: string;
  text: string;
}

interface BenchSet {
  description: string;
  pages: BenchPage[];
  /** Labelled groups of pages; `readable` marks the ones a tuning run may look at (`--tuning`). */
  groups: Array<[label: string, pages: BenchPage[], readable?: 'readable']>;
  /** The text the set's own scorer reads of an extraction. */
  scored(extraction: Extraction): string;
  /** One line of figures, the set's scorer on these pages. */
  score(pages: BenchPage[], outputs: Map<string, string>): { f1: number; line: string };
  trafilaturaOptions: Record<string, unknown>;
  /** Our outputs in the set's own file format, for its own scorer. */
  dump(outputs: Map<string, string>): { data: unknown; hint: string };
}

const figures = (s: { precision: number; recall: number; f1: number }) => `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`;

function evalSet(dir: string): BenchSet | string {
  if (!existsSync(join(dir, 'evaldata.json'))) return `no evaluation set at ${dir} (expected evaldata.json and pages/); pass --dir`;
  const evalPages = loadEvalPages(dir);
  const byKey = new Map(evalPages.map((p) => [p.url, p]));
  const subsets = subsetOf(evalPages);
  const pages = evalPages.map((p) => ({ key: p.url, url: p.url, path: pagePath(dir, p) }));
  const subset = (name: string) => pages.filter((p) => subsets.get(byKey.get(p.key)!.file) === name);
  return {
    description: `trafilatura's evaluation set ${dir}, scored as its score.py does (title + text)`,
    pages,
    groups: [
      ['full set', pages],
      ['dev half', subset('dev'), 'readable'],
      ['untouched half', subset('holdout')],
      ['60-page sample', subset('sample'), 'readable'],
    ],
    // The stored item has both; score.py's segments include titles.
    scored: (e) => (e.title ? `${e.title}\n${e.text}` : e.text),
    score(group, outputs) {
      const s = scorePages(
        group.map((p) => byKey.get(p.key) as EvalPage),
        outputs,
      );
      return { f1: s.f1, line: figures(s) };
    },
    trafilaturaOptions: {},
    dump: (outputs) => ({ data: Object.fromEntries(outputs), hint: `python3 ${join(dir, 'score.py')} ${join(dir, 'evaldata.json')} FILE` }),
  };
}

function articleSet(dir: string): BenchSet | string {
  if (!isArticleBenchmark(dir))
    return `the article benchmark is not at ${dir}: fetch it once with \`bash scripts/article-benchmark-fetch.sh\` (or pass --dir / ARTICLE_BENCHMARK_DIR)`;
  const benchmark = loadBenchmarkPages(dir);
  const byKey = new Map(benchmark.map((p) => [p.id, p]));
  const pages = benchmark.map((p) => ({ key: p.id, url: p.url, path: benchmarkPagePath(dir, p) }));
  const half = (name: string) => pages.filter((p) => benchmarkHalf(byKey.get(p.key)!) === name);
  return {
    description: `Zyte's article-extraction-benchmark ${dir}, scored as its evaluate.py does (article body only)`,
    pages,
    groups: [
      ['all pages', pages],
      ['tuning half', half('tuning'), 'readable'],
      ['untouched half', half('untouched')],
    ],
    // The gold is the article body alone; the headline is kept apart in the stored item.
    scored: (e) => e.text,
    score(group, outputs) {
      const s = scoreBenchmark(
        group.map((p) => byKey.get(p.key)!),
        outputs,
      );
      return { f1: s.f1, line: `${figures(s)} ± ${s.f1Std.toFixed(3)}  accuracy ${s.accuracy.toFixed(3)}` };
    },
    // As the benchmark's own trafilatura run (extractors/run_trafilatura.py).
    trafilaturaOptions: { include_comments: false },
    dump: (outputs) => ({
      data: Object.fromEntries(pages.map((p) => [p.key, { articleBody: outputs.get(p.key) ?? '' }])),
      hint: `copy it to ${join(dir, 'output')}/mediawatch.json and run python3 evaluate.py there`,
    }),
  };
}

function wcxbSet(dir: string): BenchSet | string {
  if (!isWcxb(dir)) return `WCXB is not at ${dir}: fetch it once with \`bash scripts/wcxb-fetch.sh\` (or pass --dir / WCXB_DIR)`;
  const wcxb = loadWcxbArticles(dir);
  const byKey = new Map(wcxb.map((p) => [p.id, p]));
  const pages = wcxb.map((p) => ({ key: p.id, url: p.url, path: wcxbPagePath(dir, p) }));
  const group = (name: ReturnType<typeof wcxbGroup>) => pages.filter((p) => wcxbGroup(byKey.get(p.key)!) === name);
  return {
    description: `WCXB v1.0 article pages ${dir}, scored as its evaluate.py does (main text only, word F1 per page)`,
    pages,
    groups: [
      ['all articles', pages],
      ['tuning (dev)', group('tuning'), 'readable'],
      // Held out of the dev split by a hash of the id before the ninth pass read it: never read.
      ['fresh (dev, 30 %)', group('fresh')],
      ['untouched (test only)', group('test')],
    ],
    // The gold is the main text alone; the title is a field of its own.
    scored: (e) => e.text,
    score(group, outputs) {
      const s = scoreWcxb(
        group.map((p) => byKey.get(p.key)!),
        outputs,
      );
      return { f1: s.f1, line: figures(s) };
    },
    // As for Zyte's set: readers' comments are not the main text.
    trafilaturaOptions: { include_comments: false },
    dump: (outputs) => ({
      data: Object.fromEntries(pages.map((p) => [p.key, outputs.get(p.key) ?? ''])),
      hint: `its evaluate.py reads {id: text} with --results FILE`,
    }),
  };
}

/** A set of Zyte-style pages scored by evaluate.py's shingles, every page readable. */
function shingleSet(description: string, loaded: BenchmarkPage[], pagePath: (id: string) => string): BenchSet {
  const byKey = new Map<string, BenchmarkPage>(loaded.map((p) => [p.id, p]));
  const pages = loaded.map((p) => ({ key: p.id, url: p.url, path: pagePath(p.id) }));
  return {
    description,
    pages,
    groups: [['all pages', pages, 'readable']],
    scored: (e) => e.text,
    score(group, outputs) {
      const s = scoreBenchmark(
        group.map((p) => byKey.get(p.key)!),
        outputs,
      );
      return { f1: s.f1, line: `${figures(s)} ± ${s.f1Std.toFixed(3)}` };
    },
    trafilaturaOptions: { include_comments: false },
    dump: (outputs) => ({ data: Object.fromEntries(outputs), hint: 'a JSON object {page id: text}' }),
  };
}

function readabilitySet(dir: string): BenchSet | string {
  if (!isReadabilityPages(dir))
    return `Readability's test pages are not at ${dir}: fetch them once with \`bash scripts/readability-pages-fetch.sh\` (or pass --dir / READABILITY_PAGES_DIR)`;
  const loaded = loadReadabilityPages(dir);
  if (typeof loaded === 'string') return loaded;
  return shingleSet(
    `Mozilla Readability's saved test pages ${dir}, scored as Zyte's evaluate.py against the expected article (body only; the gold is Readability's own output)`,
    loaded,
    (id) => readabilityPagePath(dir, id),
  );
}

function l3sSet(dir: string): BenchSet | string {
  if (!isL3sGn1(dir)) return `L3S-GN1 is not at ${dir}: fetch it once with \`bash scripts/l3s-gn1-fetch.sh\` (or pass --dir / L3S_GN1_DIR)`;
  const loaded = loadL3sGn1(dir);
  if (typeof loaded === 'string') return loaded;
  return shingleSet(
    `L3S-GN1 ${dir}, scored as Zyte's evaluate.py against the assessors' full text and supplemental blocks (body only; research use only)`,
    loaded,
    (id) => l3sPagePath(dir, id),
  );
}

function fundusSet(dir: string): BenchSet | string {
  if (!isFundus(dir)) return `Fundus's test pages are not at ${dir}: fetch them once with \`bash scripts/fundus-fetch.sh\` (or pass --dir / FUNDUS_DIR)`;
  const loaded = loadFundus(dir);
  if (typeof loaded === 'string') return loaded;
  return shingleSet(
    `Fundus's parser test pages of European publishers ${dir}, scored as Zyte's evaluate.py against each publisher parser's expected body (summary, section headings, paragraphs)`,
    loaded,
    (id) => fundusPagePath(dir, id),
  );
}

interface Run {
  name: string;
  outputs: Map<string, string>;
  bytes: number;
  seconds: number;
  /** Pages not taken as articles, by reason, when the extractor classifies. */
  refused?: Map<string, BenchPage[]>;
}

/** Runs a JavaScript extractor over the set, decoding and parsing as the crawler does inside the timed loop. */
function runInProcess(set: BenchSet, name: string, extract: (html: string, url: string) => Extraction | { refused: string }, classifies: boolean): Run {
  const raw = set.pages.map((page) => ({ page, bytes: gunzipSync(readFileSync(page.path)) }));
  const outputs = new Map<string, string>();
  const refused = new Map<string, BenchPage[]>();
  // Warm the JIT on a few pages so the timed pass measures steady-state speed, as in a long crawl.
  for (const { page, bytes } of raw.slice(0, 20)) extract(decodeDocument(bytes).text, page.url);
  const start = performance.now();
  for (const { page, bytes } of raw) {
    // Charset as the crawler decodes it (charset.ts); trafilatura's decoding and parsing are timed too.
    const result = extract(decodeDocument(bytes).text, page.url);
    if ('refused' in result) refused.set(result.refused, [...(refused.get(result.refused) ?? []), page]);
    else outputs.set(page.key, set.scored(result));
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, outputs, bytes: raw.reduce((s, r) => s + r.bytes.length, 0), seconds, refused: classifies ? refused : undefined };
}

/**
 * `--without-markup`: article evidence other than text removed from each page before our run
 * (JSON-LD, every <meta>, microdata and datetime attributes), to see how detection fares on sites
 * that declare nothing. Regular expressions on the markup: a stress test, not a parser.
 */
const MARKUP_EVIDENCE = [
  /<script[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi,
  /<meta\b[^>]*>/gi,
  /\s(?:datetime|itemprop|itemtype|itemscope)(?:=(?:"[^"]*"|'[^']*'|[^\s>]*))?(?=[\s/>])/gi,
];
const withoutMarkup = args.includes('--without-markup');

function runMediawatch(set: BenchSet): Run {
  return runInProcess(
    set,
    `mediawatch extractPage${withoutMarkup ? ' (JSON-LD, <meta>, microdata and datetime removed from the pages)' : ''}`,
    (html, url) => {
      const result = extractPage(withoutMarkup ? MARKUP_EVIDENCE.reduce((page, evidence) => page.replace(evidence, ' '), html) : html, url);
      if (result.kind === 'article') return { title: result.article.title, text: result.article.text };
      // What the crawler stores of a page it does not take as an article: nothing.
      return { refused: result.kind === 'redirect' ? 'a meta-refresh redirect' : result.reason };
    },
    true,
  );
}

/** Readability.js as the article benchmark runs it (its textContent), on linkedom instead of jsdom. */
function runReadability(set: BenchSet): Run {
  return runInProcess(
    set,
    'Mozilla Readability 0.6 on linkedom',
    (html) => {
      try {
        const { document } = parseHTML(html);
        const article = new Readability(document as unknown as Document).parse();
        return { title: article?.title ?? undefined, text: article?.textContent ?? '' };
      } catch (error) {
        return { refused: `Readability failed: ${(error as Error).message.split('\n')[0]}` };
      }
    },
    false,
  );
}

function runTrafilatura(set: BenchSet): Run | string {
  const venv = spawnSync('bash', [join(root, 'scripts/trafilatura-venv.sh')], { encoding: 'utf8' });
  if (venv.status !== 0) return venv.stderr.trim().split('\n').pop() || 'the trafilatura venv could not be set up';
  const python = venv.stdout.trim();
  const input = JSON.stringify({ options: set.trafilaturaOptions, pages: set.pages });
  const run = spawnSync(python, [join(root, 'scripts/trafilatura-extract.py')], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.status !== 0) return `trafilatura failed: ${run.stderr.trim().split('\n').pop()}`;
  const result = JSON.parse(run.stdout) as { outputs: Record<string, string>; seconds: number; bytes: number; version: string };
  return {
    name: `trafilatura ${result.version} (PyPI, extract ${JSON.stringify(set.trafilaturaOptions)})`,
    outputs: new Map(Object.entries(result.outputs).map(([key, text]) => [key, set.scored({ text })])),
    bytes: result.bytes,
    seconds: result.seconds,
  };
}

const tuningOnly = args.includes('--tuning');
/** The groups a run prints: with `--tuning`, neither the untouched halves nor the totals that include them. */
const shownGroups = (set: BenchSet) => (tuningOnly ? set.groups.filter(([, , readable]) => readable) : set.groups);

function report(set: BenchSet, run: Run): void {
  const mbps = run.bytes / 1e6 / run.seconds;
  console.log(`\n${run.name}: ${mbps.toFixed(2)} MB/s (${(run.bytes / 1e6).toFixed(1)} MB in ${run.seconds.toFixed(1)} s)`);
  for (const [label, group] of shownGroups(set))
    console.log(`  ${label.padEnd(15)} (${String(group.length).padStart(3)} pages)  ${set.score(group, run.outputs).line}`);
  if (!run.refused) return;
  const refusedCount = [...run.refused.values()].reduce((s, p) => s + p.length, 0);
  console.log(
    tuningOnly ? '  not taken, by reason:' : `  taken as articles: ${set.pages.length - refusedCount} of ${set.pages.length} pages; not taken, by reason:`,
  );
  for (const [reason, pages] of [...run.refused].sort((a, b) => b[1].length - a[1].length)) {
    const inGroups = shownGroups(set)
      .filter(([, group]) => group !== set.pages)
      .map(([label, group]) => `${label} ${pages.filter((p) => group.includes(p)).length}`)
      .join(', ');
    console.log(`    ${tuningOnly ? '' : String(pages.length).padStart(3)}  ${reason} (${inGroups})`);
  }
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

const setName = option('--set') ?? 'eval';
const sets: Record<string, () => BenchSet | string> = {
  eval: () => evalSet(resolve(option('--dir') ?? join(root, '../shared/data/extraction-eval'))),
  articles: () => articleSet(resolve(option('--dir') ?? process.env.ARTICLE_BENCHMARK_DIR ?? join(root, '.cache/article-extraction-benchmark'))),
  wcxb: () => wcxbSet(resolve(option('--dir') ?? process.env.WCXB_DIR ?? join(root, '.cache/wcxb'))),
  readability: () => readabilitySet(resolve(option('--dir') ?? process.env.READABILITY_PAGES_DIR ?? join(root, '.cache/readability-test-pages'))),
  l3s: () => l3sSet(resolve(option('--dir') ?? process.env.L3S_GN1_DIR ?? join(root, '.cache/l3s-gn1'))),
  fundus: () => fundusSet(resolve(option('--dir') ?? process.env.FUNDUS_DIR ?? join(root, '.cache/fundus'))),
};
if (!sets[setName]) {
  console.error(`Unknown --set ${setName}; one of: ${Object.keys(sets).join(', ')}`);
  process.exit(2);
}
const set = sets[setName]();
if (typeof set === 'string') {
  console.log(`\n!!! NOT MEASURED: ${set}.\n`);
  process.exit(0);
}

console.log(`${set.description} (${set.pages.length} pages)`);
if (setName === 'eval') metadataAccuracy();
const runs: Run[] = [runMediawatch(set)];
report(set, runs[0]);
if (args.includes('--compare')) {
  const trafilatura = runTrafilatura(set);
  if (typeof trafilatura === 'string') console.log(`\n!!! trafilatura NOT measured: ${trafilatura}`);
  else runs.push(trafilatura);
  runs.push(runReadability(set));
  for (const run of runs.slice(1)) report(set, run);
  const ours = runs[0];
  console.log('\nSame run, all pages:');
  for (const run of tuningOnly ? [] : runs)
    console.log(
      `  ${run.name.padEnd(60)} F1 ${set.score(set.pages, run.outputs).f1.toFixed(3)}  ` +
        `ours ${(ours.bytes / ours.seconds / (run.bytes / run.seconds)).toFixed(2)}× its speed`,
    );
}
const dump = option('--dump');
if (dump) {
  const { data, hint } = set.dump(runs[0].outputs);
  writeFileSync(dump, JSON.stringify(data));
  console.log(`\nmediawatch outputs written to ${dump} (to score them with the set's own scorer, ${hint.replace('FILE', dump)})`);
}
