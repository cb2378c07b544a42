// Shared set-up of the social connector tests: a fixture server on 127.0.0.1, a throwaway
// config/store/state, and one crawl per call (a new CrawlRun each time, as separate runs are).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StaticSite, type RouteHandler } from '../../cli/demo/static-site.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { Classification, ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import type { ItemClassifier } from '../../core/types.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

export const FIXTURES = join(import.meta.dirname, '../fixtures/social');
export const PSEUDONYM_KEY = 'test-only-pseudonym-key-7f3a9c1e';

/** Connector behaviour is under test, not scoring: every item scores as unrelated. */
export const unrelated: ItemClassifier = {
  classify: (): Classification => ({ congress: false, distortion: false, scores: { congress: 0, distortion: 0 }, topics: [], explanations: [] }),
};

export function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body);
}

export function query(req: { url?: string }): URLSearchParams {
  return new URL(req.url ?? '/', 'http://x').searchParams;
}

/** Answers 429 (with Retry-After) the first time, then hands over to `then`. */
export function rateLimitedOnce(retryAfter: string, then: RouteHandler): RouteHandler {
  let limited = false;
  return (req, res, site) => {
    if (!limited) {
      limited = true;
      res.writeHead(429, { 'retry-after': retryAfter, 'content-type': 'application/json' }).end('{"error":"Too many requests"}');
      return;
    }
    return then(req, res, site);
  };
}

export async function startSite(routes: Record<string, RouteHandler>): Promise<StaticSite> {
  const site = new StaticSite({
    root: FIXTURES,
    routes: {
      '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
      ...routes,
    },
  });
  await site.start();
  return site;
}

export class Harness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-social-'));
  readonly config: LoadedConfig;
  readonly store: SqliteStore;

  constructor(
    raw: Record<string, unknown>,
    private readonly classifier: ItemClassifier = unrelated,
  ) {
    this.config = parseConfig(
      {
        store: { engine: 'sqlite', path: join(this.dataDir, 'db.sqlite') },
        statePath: join(this.dataDir, 'state.json'),
        crawler: { timeoutSecs: 5, maxRetries: 1, requestsPerMinute: 6000 },
        privacy: { pseudonymKey: PSEUDONYM_KEY },
        ...raw,
      },
      '<test>',
      this.dataDir,
    );
    this.store = new SqliteStore({ path: join(this.dataDir, 'db.sqlite') });
  }

  async init(): Promise<this> {
    await this.store.init();
    return this;
  }

  /** One crawl run over the named sources (all by default). */
  async crawl(ids?: string[]): Promise<SourceReport[]> {
    const run = new CrawlRun(this.config, new IngestPipeline(this.store, this.classifier));
    const sources = ids ? this.config.sources.filter((source) => ids.includes(source.id)) : this.config.sources;
    return crawlSources(run, sources);
  }

  async items(source?: string): Promise<ScoredItem[]> {
    const page = await this.store.queryItems({ page: 1, pageSize: 100, source, sort: 'oldest' });
    return Promise.all(page.items.map(async (summary) => (await this.store.getItem(summary.id))!));
  }

  /** Every stored document as raw JSON text, as it sits in the database file. */
  rawDocuments(): string {
    const db = new Database(join(this.dataDir, 'db.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT doc FROM items').all() as Array<{ doc: string }>).map((row) => row.doc).join('\n');
    } finally {
      db.close();
    }
  }

  state(): Record<string, Record<string, unknown>> {
    return JSON.parse(readFileSync(join(this.dataDir, 'state.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function errorsOf(reports: SourceReport[], sourceId: string): Array<{ url: string; reason: string }> {
  return reports.find((report) => report.sourceId === sourceId)?.errors ?? [];
}
