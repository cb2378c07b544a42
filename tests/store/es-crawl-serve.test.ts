// Done means: `mediawatch crawl` with `store.engine: elasticsearch` fills the index that
// `serve` then reads. Crawl the fixture site into Elasticsearch and, for reference, into
// SQLite; the API must answer the same over both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { runCrawl } from '../../cli/commands/crawl.ts';
import { demoConfig, startDemoSite } from '../../cli/commands/demo.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { CrawlProgress } from '../../cli/progress.ts';
import type { LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig, type Workflow } from '../../features/workflow/index.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from './es-env.ts';

const es = await probeElasticsearch();
if (!es.ok) reportNotRun('crawl into Elasticsearch, serve from it', es.reason, START_HINT);

const quietProgress = () => new CrawlProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

interface Served {
  config: LoadedConfig;
  reports: SourceReport[];
  store: Store;
  workflow: Workflow;
  api: RunningServer;
  token: string;
  dataDir: string;
}

let site: StaticSite;
const served: Partial<Record<'sqlite' | 'elasticsearch', Served>> = {};
const prefix = uniquePrefix('crawl');

async function crawlAndServe(engine: 'sqlite' | 'elasticsearch'): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), `mediawatch-crawl-${engine}-`));
  const base = demoConfig(site.url, dataDir);
  const config: LoadedConfig =
    engine === 'sqlite'
      ? base
      : {
          ...base,
          store: { engine, node: ES_URL, index: prefix, outboxPath: join(dataDir, 'es-outbox.db'), requestTimeoutMs: 30_000 },
        };
  const reports = await runCrawl(config, [], quietProgress());
  // A separate process in real life: `serve` opens the store afresh.
  const store = await openStore(config);
  const workflow = openWorkflow({ ...workflowOptionsFromConfig(config, { store }), security: { scryptCost: 10 } });
  await workflow.users.create({ username: 'doc', role: 'viewer', password: 'Ban-xem-tin-1', mustChangePassword: false }, SYSTEM_ACTOR);
  const token = workflow.auth.createToken('doc', { name: 'test' }, SYSTEM_ACTOR).token;
  const api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
  return { config, reports, store, workflow, api, token, dataDir };
}

/** The two crawls ran seconds apart: fetch times differ, nothing else may. */
function withoutFetchTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFetchTimes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'fetchedAt')
        .map(([key, v]) => [key, withoutFetchTimes(v)]),
    );
  }
  return value;
}

async function get(engine: 'sqlite' | 'elasticsearch', path: string): Promise<{ status: number; body: unknown }> {
  const side = served[engine]!;
  const response = await fetch(`${side.api.url}${path}`, { headers: { authorization: `Bearer ${side.token}` } });
  return { status: response.status, body: withoutFetchTimes(await response.json()) };
}

describe.skipIf(!es.ok)('crawl with engine: elasticsearch, then serve', () => {
  beforeAll(async () => {
    site = await startDemoSite();
    served.elasticsearch = await crawlAndServe('elasticsearch');
    served.sqlite = await crawlAndServe('sqlite');
  }, 240_000);

  afterAll(async () => {
    for (const side of Object.values(served)) {
      await side.api.close();
      side.workflow.close();
      if (side.store instanceof ElasticsearchStore) await side.store.destroy();
      await side.store.close();
      rmSync(side.dataDir, { recursive: true, force: true });
    }
    await site?.stop();
  });

  it('fills the index with what the crawl reported as new', async () => {
    const side = served.elasticsearch!;
    const created = side.reports.reduce((sum, report) => sum + report.new, 0);
    expect(created).toBeGreaterThan(5);
    expect(side.reports.flatMap((report) => report.errors).filter((error) => /store|elasticsearch/i.test(error.reason))).toEqual([]);
    const { status, body } = await get('elasticsearch', '/api/items?pageSize=1');
    expect(status).toBe(200);
    expect((body as { total: number }).total).toBe(created);
    const health = await fetch(`${side.api.url}/api/health`);
    expect(await health.json()).toMatchObject({ store: 'elasticsearch', items: created });
  });

  it('counts the same new items, duplicates and flags as a crawl into SQLite', () => {
    const summary = (reports: SourceReport[]) =>
      reports.map(({ sourceId, new: created, duplicates, flagged, extracted }) => ({ sourceId, created, duplicates, flagged, extracted }));
    expect(summary(served.elasticsearch!.reports)).toEqual(summary(served.sqlite!.reports));
  });

  it.each([
    '/api/items?pageSize=100',
    '/api/items?pageSize=5&page=2&sort=oldest',
    '/api/items?q=dai%20hoi&pageSize=100',
    '/api/items?q=%C4%90%E1%BA%A1i%20h%E1%BB%99i%20%C4%90%E1%BA%A3ng&pageSize=100',
    '/api/items?flagged=true&pageSize=100',
    '/api/items?congress=true&sort=distortion&pageSize=100',
    '/api/items?source=tin-pho-nui-rss&pageSize=100',
    '/api/stats',
    '/api/stats?from=2020-10-01&to=2020-12-31',
  ])('GET %s answers the same over Elasticsearch as over SQLite', async (path) => {
    const [overEs, overSqlite] = await Promise.all([get('elasticsearch', path), get('sqlite', path)]);
    expect(overEs.status).toBe(200);
    expect(overEs).toEqual(overSqlite);
  });

  it('serves each item and its cluster from the index', async () => {
    const page = (await get('elasticsearch', '/api/items?pageSize=100')).body as { items: Array<{ id: string; clusterId?: string }> };
    for (const { id, clusterId } of page.items.slice(0, 5)) {
      const [overEs, overSqlite] = await Promise.all([get('elasticsearch', `/api/items/${id}`), get('sqlite', `/api/items/${id}`)]);
      expect(overEs.status).toBe(200);
      expect(overEs.body).toEqual(overSqlite.body);
      if (clusterId) {
        const cluster = await Promise.all([get('elasticsearch', `/api/clusters/${clusterId}`), get('sqlite', `/api/clusters/${clusterId}`)]);
        expect(cluster[0]).toEqual(cluster[1]);
      }
    }
  });
});
