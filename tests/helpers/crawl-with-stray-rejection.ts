// Child process for the crawl guard test: two feed sources crawled side by side; once the first
// (slower) one has read its feed, the second has started, and something in the first one's work
// rejects a promise nobody awaits (as crawlee's background request batches can).
// Prints the reports as JSON; a crash instead would end the process with exit code 1.
//   node --import tsx tests/helpers/crawl-with-stray-rejection.ts <data dir>
import { join } from 'node:path';
import { StaticSite } from '../../cli/demo/static-site.ts';
import { parseConfig } from '../../core/config.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { unrelated } from '../social/helpers.ts';

const [dataDir] = process.argv.slice(2);
const feed = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title><item><title>${title}</title><link>/${title}.html</link><description>Tóm tắt ${title}.</description></item></channel></rss>`;
// One site (host) per feed, so both are crawled at once; mot answers later than hai.
const names = ['mot', 'hai'];
const sites = names.map(
  (name) =>
    new StaticSite({
      root: dataDir,
      routes: {
        [`/${name}.xml`]: (_req, res) =>
          setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(name)), name === 'mot' ? 500 : 0),
      },
    }),
);
await Promise.all(sites.map((site) => site.start()));
const config = parseConfig(
  {
    store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
    statePath: join(dataDir, 'state.json'),
    sources: names.map((name, i) => ({ id: name, kind: 'rss', url: `${sites[i].url}/${name}.xml`, fetchArticles: false })),
  },
  '<test>',
  dataDir,
);
const store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
await store.init();
let rejected = false;
const run = new CrawlRun(config, new IngestPipeline(store, unrelated), (report) => {
  if (rejected || report.sourceId !== 'mot' || !report.fetched) return;
  rejected = true;
  void Promise.reject(new Error('background work failed'));
});
const reports = await crawlSources(run, config.sources);
// Let any late rejection surface before reporting.
await new Promise((resolve) => setTimeout(resolve, 100));
process.stdout.write(JSON.stringify(reports));
await store.close();
await Promise.all(sites.map((site) => site.stop()));
