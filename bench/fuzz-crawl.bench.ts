// Fuzz crawl: the same 2,000-page site crawled twice through the real crawl path (crawlSources,
// real pipeline, SQLite), once clean and once with three pages in four mutated by the fuzz
// mutator (fixed seed) and every feed mutated too. Each crawl runs in its own process, with the
// site served from a third, so each peak RSS is that crawl's own.
//
//   npm run bench:fuzz                                   # 2,000 pages, seed 42
//   npm run bench:fuzz -- --docs 500 --seed 7
//   FUZZ_RUNS=5000 npm run bench:fuzz                    # also the parser fuzz properties, 5,000 runs each
//
// Done when (issue #21): the hostile crawl finishes with a summary, every unmutated page is stored,
// and its peak RSS is within 1.2× of the clean crawl's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { parseConfig, type SourceConfig } from '../core/config.ts';
import { openPipeline } from '../features/crawl-job/open-pipeline.ts';
import { formatCrawlSummary } from '../cli/progress.ts';
import { CrawlRun } from '../crawlers/crawl-run.ts';
import { crawlSources } from '../crawlers/run.ts';
import { applyMutation, mutationArbitrary, type Mutation } from '../tests/helpers/mutate.ts';
import { numberArg } from './synthetic.ts';

const REPO = join(import.meta.dirname, '..');
const SITE = join(REPO, 'tests/fixtures/site');
const DOCS = numberArg('docs', 2_000);
const SEED = numberArg('seed', 42);
const FEEDS = 10;
const FEED_ENTRIES = 200;
const TARGET_RATIO = 1.2;

type Corpus = 'clean' | 'hostile';

// --- the corpus: fixture articles made unique per document, mutated by seed ---------------------

const ARTICLES = (JSON.parse(readFileSync(join(SITE, 'expected.json'), 'utf8')) as { articles: Array<{ url: string }> }).articles.map(
  // Bytes as latin1 text, so the windows-1258 page survives the edits byte for byte.
  (article) => readFileSync(join(SITE, article.url)).toString('latin1'),
);
/** One mutation per document and per feed, from the seed; every fourth document stays clean. */
const MUTATIONS: Mutation[] = fc.sample(mutationArbitrary(8), { seed: SEED, numRuns: DOCS + FEEDS });
const isGood = (corpus: Corpus, i: number) => corpus === 'clean' || i % 4 === 0;

/** Document i: a fixture article under its own URL, with its own title and a first paragraph naming it. */
function documentText(i: number): string {
  return ARTICLES[i % ARTICLES.length]
    .replace(/(<div class="article-body"[^>]*>)/, `$1<p>Ban tin so ${i} cua kho thu nghiem.</p>`)
    .replace(/rel="canonical" href="[^"]*"/, `rel="canonical" href="/doc/${i}.html"`)
    .replace(/(<h1[^>]*>)/, `$1(${i}) `);
}

function feedText(origin: string, k: number): string {
  const items = Array.from({ length: FEED_ENTRIES }, (_, j) => {
    const n = k * FEED_ENTRIES + j;
    const date = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toUTCString();
    return `<item><title>Tin so ${n}</title><link>${origin}/tin/${n}.html</link><pubDate>${date}</pubDate><description>Tom tat tin so ${n}.</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kenh ${k}</title>${items.join('')}</channel></rss>`;
}

async function serve(corpus: Corpus): Promise<void> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', origin).pathname;
    const send = (type: string, text: string) => res.writeHead(200, { 'content-type': type }).end(Buffer.from(text, 'latin1'));
    const doc = /^\/doc\/(\d+)\.html$/.exec(path);
    const feed = /^\/feed\/(\d+)\.xml$/.exec(path);
    if (path === '/robots.txt') send('text/plain', `User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n`);
    else if (path === '/sitemap.xml') {
      send('application/xml', `<urlset>${Array.from({ length: DOCS }, (_, i) => `<url><loc>${origin}/doc/${i}.html</loc></url>`).join('')}</urlset>`);
    } else if (path === '/start.html') send('text/html; charset=utf-8', '<html><body><p>Kho thu nghiem</p></body></html>');
    else if (doc && Number(doc[1]) < DOCS) {
      const i = Number(doc[1]);
      send('text/html', isGood(corpus, i) ? documentText(i) : applyMutation(documentText(i), MUTATIONS[i]));
    } else if (feed && Number(feed[1]) < FEEDS) {
      const k = Number(feed[1]);
      const text = Buffer.from(feedText(origin, k), 'utf8').toString('latin1');
      send('application/rss+xml; charset=utf-8', corpus === 'clean' ? text : applyMutation(text, MUTATIONS[DOCS + k]));
    } else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`);
  // The parent ends this process when its crawl is done.
}

// --- one crawl, in its own process -------------------------------------------------------------

interface CrawlFigures {
  corpus: Corpus;
  /** The site's pages (the feeds are read after, untimed). */
  seconds: number;
  pagesFetched: number;
  itemsStored: number;
  goodPages: number;
  goodPagesStored: number;
  errors: number;
  peakRssMb: number;
  summary: string;
}

async function crawl(corpus: Corpus, url: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `mediawatch-fuzz-${corpus}-`));
  try {
    const sources: unknown[] = [
      { id: 'kho', kind: 'news', startUrls: [`${url}/start.html`], sitemaps: true, exclude: ['.'], maxPages: DOCS + 10 },
      ...Array.from({ length: FEEDS }, (_, k) => ({ id: `kenh-${k}`, kind: 'rss', url: `${url}/feed/${k}.xml`, fetchArticles: false })),
    ];
    const config = parseConfig(
      {
        store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
        statePath: join(dataDir, 'crawl-state.json'),
        crawler: { requestsPerMinute: 1_000_000, maxRetries: 1, timeoutSecs: 30 },
        sources,
      },
      '<bench>',
      join(REPO, 'config'),
    );
    const { store, pipeline } = await openPipeline(config);
    const run = new CrawlRun(config, pipeline);
    const [site, ...feeds] = config.sources as SourceConfig[];
    const started = performance.now();
    const reports = await crawlSources(run, [site]);
    const seconds = (performance.now() - started) / 1000;
    reports.push(...(await crawlSources(run, feeds)));
    const stored = new Set<string>();
    for await (const batch of store.scanItems()) for (const item of batch) stored.add(new URL(item.url).pathname);
    await store.close();
    const good = Array.from({ length: DOCS }, (_, i) => i).filter((i) => isGood(corpus, i));
    const figures: CrawlFigures = {
      corpus,
      seconds,
      pagesFetched: reports[0].fetched,
      itemsStored: stored.size,
      goodPages: good.length,
      goodPagesStored: good.filter((i) => stored.has(`/doc/${i}.html`)).length,
      errors: reports.reduce((sum, report) => sum + report.errors.length, 0),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      summary: formatCrawlSummary(reports),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// --- the parent: serve, crawl, compare ---------------------------------------------------------

function child(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', import.meta.filename, ...args, '--docs', String(DOCS), '--seed', String(SEED)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function firstJsonLine<T>(process: ChildProcess): Promise<T> {
  for await (const line of createInterface({ input: process.stdout! })) {
    if (line.startsWith('{')) return JSON.parse(line) as T;
  }
  throw new Error('child process ended without reporting');
}

async function measured(corpus: Corpus): Promise<CrawlFigures> {
  const server = child(['--serve', corpus]);
  try {
    const { url } = await firstJsonLine<{ url: string }>(server);
    return await firstJsonLine<CrawlFigures>(child(['--crawl', corpus, url]));
  } finally {
    server.kill();
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === '--serve') return serve(process.argv[3] as Corpus);
  if (mode === '--crawl') {
    await crawl(process.argv[3] as Corpus, process.argv[4]);
    process.exit(0); // crawl machinery may hold timers; the figures are written (stdout is a pipe, written synchronously)
  }

  const mutated = Array.from({ length: DOCS }, (_, i) => i).filter((i) => !isGood('hostile', i));
  const kinds = new Map<string, number>();
  for (const i of mutated) kinds.set(MUTATIONS[i].kind, (kinds.get(MUTATIONS[i].kind) ?? 0) + 1);
  console.log(
    `fuzz crawl: ${DOCS} pages (${mutated.length} mutated, seed ${SEED}: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}) + ${FEEDS} feeds of ${FEED_ENTRIES}`,
  );

  const clean = await measured('clean');
  const hostile = await measured('hostile');
  const row = (f: CrawlFigures) =>
    `${f.corpus.padEnd(8)} ${f.seconds.toFixed(1).padStart(7)} s ${(f.pagesFetched / f.seconds).toFixed(1).padStart(7)} pages/s ` +
    `${String(f.itemsStored).padStart(6)} items stored ${String(f.goodPagesStored).padStart(5)}/${f.goodPages} good pages stored ` +
    `${String(f.errors).padStart(5)} errors  peak RSS ${f.peakRssMb.toFixed(0).padStart(5)} MB`;
  console.log(`\n${row(clean)}\n${row(hostile)}`);
  const ratio = hostile.peakRssMb / clean.peakRssMb;
  console.log(`\npeak RSS hostile/clean: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×)`);
  console.log(`\nhostile crawl summary:\n${hostile.summary.split('\n').slice(0, 16).join('\n')}`);

  const checks = [
    ['the hostile crawl finished with a summary', hostile.summary.length > 0],
    ['every unmutated page stored (hostile)', hostile.goodPagesStored === hostile.goodPages],
    ['every page stored (clean)', clean.goodPagesStored === clean.goodPages],
    [`memory within ${TARGET_RATIO}× of the clean crawl`, ratio <= TARGET_RATIO],
  ] as const;
  for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);

  let fuzzFailed = false;
  if (process.env.FUZZ_RUNS) {
    console.log(`\nparser fuzz properties, ${process.env.FUZZ_RUNS} runs each (FUZZ_SEED ${process.env.FUZZ_SEED ?? 42}):`);
    const run = spawnSync('npx', ['vitest', 'run', 'tests/crawlers/parser-fuzz.test.ts', '--testTimeout', '0'], { stdio: 'inherit', cwd: REPO });
    fuzzFailed = run.status !== 0;
  }
  process.exitCode = checks.every(([, ok]) => ok) && !fuzzFailed ? 0 : 1;
}

await main();
