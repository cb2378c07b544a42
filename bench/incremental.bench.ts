// Requests per crawl round with the crawl memory (incremental) beside the same rounds without it
// (the memory file deleted before each round: every page fetched again, as before), in the same run:
// the fixture site (pages, sitemap, RSS, Atom) and 8 generated sites on 127.0.0.2-9 (10 articles,
// a feed and a news sitemap each; site and feed crawled as two sources).
//   npm run bench:incremental
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SITE_ROOT } from '../cli/commands/demo.ts';
import { StaticSite } from '../cli/demo/static-site.ts';
import { parseConfig, type LoadedConfig } from '../core/config.ts';
import { crawlMemoryPath } from '../crawlers/memory.ts';
import { CrawlRun } from '../crawlers/crawl-run.ts';
import { crawlSources } from '../crawlers/run.ts';
import { IngestPipeline } from '../pipeline/ingest.ts';
import { SqliteStore } from '../pipeline/store/sqlite.ts';
import { unrelated } from '../tests/helpers/crawl.ts';
import { CountingNewsSite, sampleArticle } from '../tests/helpers/news-site.ts';

const MINUTE = 60_000;
const T0 = Date.now();

interface Round {
  name: string;
  at: number;
  /** Changes the sites before the round. */
  before?: () => void;
}

interface Setup {
  name: string;
  sources: unknown[];
  /** Requests the sites answered so far. */
  requests(): number;
  articleRequests(): number;
}

async function runRounds(setup: Setup, rounds: Round[], incremental: boolean): Promise<Array<{ requests: number; articles: number; stored: number }>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-bench-incr-'));
  const config: LoadedConfig = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
      statePath: join(dataDir, 'state.json'),
      crawler: { requestsPerMinute: 6000, maxRetries: 0 },
      sources: setup.sources,
    },
    '<bench>',
    dataDir,
  );
  const store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
  const pipeline = new IngestPipeline(store, unrelated);
  const figures = [];
  try {
    for (const round of rounds) {
      round.before?.();
      if (!incremental) rmSync(crawlMemoryPath(config), { force: true });
      const requests = setup.requests();
      const articles = setup.articleRequests();
      const run = new CrawlRun(config, pipeline, () => {}, { now: () => T0 + round.at });
      const reports = await crawlSources(run, config.sources);
      run.close();
      figures.push({
        requests: setup.requests() - requests,
        articles: setup.articleRequests() - articles,
        stored: reports.reduce((sum, r) => sum + r.new + r.updated, 0),
      });
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

function print(setup: string, rounds: Round[], incremental: Awaited<ReturnType<typeof runRounds>>, baseline: Awaited<ReturnType<typeof runRounds>>): void {
  console.log(`\n${setup}`);
  console.log('round                                   requests (article pages) new+updated | without memory: requests (article pages) new+updated');
  rounds.forEach((round, i) => {
    const a = incremental[i];
    const b = baseline[i];
    console.log(
      `${round.name.padEnd(40)}${String(a.requests).padStart(8)} (${String(a.articles).padStart(3)}) ${String(a.stored).padStart(11)} | ${String(b.requests).padStart(8)} (${String(b.articles).padStart(3)}) ${String(b.stored).padStart(11)}`,
    );
  });
}

async function fixtureSite(): Promise<void> {
  const rounds: Round[] = [
    { name: 'first round', at: 0 },
    { name: 'unchanged, 10 min later', at: 10 * MINUTE },
    { name: 'unchanged, 61 min later (1 h re-check)', at: 61 * MINUTE },
  ];
  const results = [];
  for (const incremental of [true, false]) {
    const site = new StaticSite({ root: DEMO_SITE_ROOT });
    await site.start();
    const setup: Setup = {
      name: 'fixture site',
      sources: [
        { id: 'tin-pho-nui', kind: 'news', startUrls: [`${site.url}/`] },
        { id: 'tin-pho-nui-rss', kind: 'rss', url: `${site.url}/rss.xml` },
        { id: 'tin-pho-nui-atom', kind: 'rss', url: `${site.url}/atom.xml` },
      ],
      requests: () => site.requests.length,
      articleRequests: () => site.requests.filter((r) => /\.html$/.test(r.path)).length,
    };
    results.push(await runRounds(setup, rounds, incremental));
    await site.stop();
  }
  print('Fixture site (tests/fixtures/site: site + RSS + Atom; the static server sends no validators)', rounds, results[0], results[1]);
}

async function eightSites(): Promise<void> {
  const results = [];
  let rounds: Round[] = [];
  for (const incremental of [true, false]) {
    const sites = Array.from({ length: 8 }, (_, i) => new CountingNewsSite({ host: `127.0.0.${i + 2}` }));
    const place = (i: number) => `huyện số ${i + 1}`;
    for (const [i, site] of sites.entries()) {
      for (let n = 1; n <= 10; n++) site.publish(sampleArticle(n, new Date(T0 - n * 3_600_000).toISOString(), place(i)));
      await site.start();
    }
    rounds = [
      { name: 'first round', at: 0 },
      { name: 'unchanged, 10 min later', at: 10 * MINUTE },
      {
        name: '1 new + 1 edited article per site',
        at: 20 * MINUTE,
        before: () => {
          for (const [i, site] of sites.entries()) {
            site.publish(sampleArticle(11, new Date(T0 + 15 * MINUTE).toISOString(), place(i)));
            site.edit(
              'tin-so-4',
              { paragraphs: [...sampleArticle(4, '', place(i)).paragraphs, 'Bài viết được bổ sung thông tin.'] },
              new Date(T0 + 16 * MINUTE).toISOString(),
            );
          }
        },
      },
      { name: 'unchanged, 61 min later (1 h re-check)', at: 61 * MINUTE },
    ];
    const setup: Setup = {
      name: '8 sites',
      sources: sites.flatMap((site, i) => [
        { id: `site-${i}`, kind: 'news', startUrls: [`${site.url}/`] },
        { id: `site-${i}-rss`, kind: 'rss', url: `${site.url}/rss.xml` },
      ]),
      requests: () => sites.reduce((sum, site) => sum + site.requests.length, 0),
      articleRequests: () => sites.reduce((sum, site) => sum + site.count(/^\/bai\//), 0),
    };
    results.push(await runRounds(setup, rounds, incremental));
    for (const site of sites) await site.stop();
  }
  print('8 sites on 127.0.0.2-9 (10 articles, feed, news sitemap, ETags; site and feed as two sources)', rounds, results[0], results[1]);
}

await fixtureSite();
await eightSites();
