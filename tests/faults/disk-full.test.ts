// The disk filling up, for real: the data folder sits on a small tmpfs that the test fills with a
// filler file, so SQLite and Node fail with the genuine "database or disk is full" / ENOSPC.
// - a crawl stops storing with a clear "disk full: <file>" and a non-zero exit, leaves an intact
//   store, saves no feed validator past what it stored, and the next crawl (space freed) stores
//   exactly what was missed;
// - the crawl state file is never left half-written;
// - `serve` answers writes with 507 and a clear message, keeps answering reads, and takes writes
//   again once space is back.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { DEMO_CORPUS, DEMO_SITE_ROOT, demoConfig, FORUM_FEED_PATH } from '../../cli/commands/demo.ts';
import { forumFeedRoute, readPublicPosts } from '../../cli/demo/forum-feed.ts';
import { StaticSite, type RouteHandler } from '../../cli/demo/static-site.ts';
import { loadConfig, type LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { CrawlState } from '../../crawlers/state.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig, type Workflow } from '../../features/workflow/index.ts';
import { ApiClient } from '../api/client.ts';
import { runCli, writeCliConfig } from '../helpers/cli.ts';
import { referenceCrawl, storedContents } from '../helpers/crawl-reference.ts';
import { makeItem } from '../helpers/items.ts';
import { reportNoDisk, SmallDisk } from '../helpers/small-disk.ts';

const probe = SmallDisk.probe();
if (!probe.ok) reportNoDisk('tests/faults/disk-full.test.ts', probe.reason);

/** The demo forum feed with an ETag, answering 304 when it is sent back: a feed with validators. */
function withEtag(route: RouteHandler): RouteHandler {
  return (req, res, site) => {
    if (req.headers['if-none-match'] === '"forum-v1"') {
      res.writeHead(304).end();
      return;
    }
    res.setHeader('etag', '"forum-v1"');
    return route(req, res, site);
  };
}

let dir: string;
let disk: SmallDisk;

describe.runIf(probe.ok)('a full disk', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mediawatch-disk-full-'));
    disk = SmallDisk.mount(16);
  });
  afterEach(() => {
    disk.unmount();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('during a crawl', () => {
    let site: StaticSite;
    beforeAll(async () => {
      site = new StaticSite({ root: DEMO_SITE_ROOT, routes: { [FORUM_FEED_PATH]: withEtag(forumFeedRoute(readPublicPosts(DEMO_CORPUS))) } });
      await site.start();
    });
    afterAll(async () => {
      await site.stop();
    });

    /**
     * The demo forum feed, then the site's RSS feed; the store on `dataDir`, the crawl state on
     * the ordinary disk (so that only the freeze, not a failing write, keeps validators unsaved).
     */
    function crawlConfig(dataDir: string): Record<string, unknown> {
      const demo = demoConfig(site.url, dataDir);
      const pick = (id: string) => demo.sources.find((source) => source.id === id)!;
      return {
        store: demo.store,
        statePath: join(dir, 'state', 'crawl-state.json'),
        workflow: { path: join(dir, 'state', 'workflow.db') },
        crawler: demo.crawler,
        sources: [pick('dien-dan-pho-nui'), pick('tin-pho-nui-rss')],
      };
    }

    it('stops storing with a clear error, and the next crawl stores what was missed', async () => {
      const reference = loadConfig(
        writeCliConfig(mkdirAt(join(dir, 'reference')), { ...crawlConfig(join(dir, 'reference')), statePath: join(dir, 'reference', 'state.json') }),
      );
      const { items: expected } = await referenceCrawl(reference);

      const data = join(disk.path, 'data');
      const configPath = writeCliConfig(dir, crawlConfig(data));
      mkdirSync(data);
      // Room for the store's files (the search file holds two full-text tables) and a handful of
      // items, not for the forum feed's 68.
      disk.fill(700_000);
      const full = await runCli(['crawl', '--config', configPath, '--json']);
      expect(full.code, full.stderr).toBe(2);
      const storePath = join(data, 'mediawatch.db');
      expect(full.stderr).toContain(`disk full: ${storePath}: the crawl stopped storing`);
      expect(full.stderr).toContain('Free space and run the crawl again');
      expect(full.stderr).not.toMatch(/SQLITE_|at .*\.ts:\d+/);
      const reports = JSON.parse(full.stdout) as Array<{ sourceId: string; new: number; errors: Array<{ reason: string }> }>;
      const forum = reports.find((report) => report.sourceId === 'dien-dan-pho-nui')!;
      expect(forum.errors.length).toBeGreaterThan(0);
      expect(forum.errors.every((error) => error.reason === `disk full: ${storePath}; not stored`)).toBe(true);
      // The rest of the sources were not crawled at all.
      for (const report of reports.filter((r) => r !== forum))
        expect(report.errors).toEqual([{ url: expect.any(String), reason: `disk full: ${storePath}; source not crawled` }]);
      // The feed's validators were not saved: the next run must fetch it whole again.
      const statePath = join(dir, 'state', 'crawl-state.json');
      expect(existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8'))['feed:dien-dan-pho-nui'] : undefined).toBeUndefined();

      disk.free();
      const db = new Database(storePath);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const storedBefore = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
      db.close();
      expect(storedBefore).toBe(forum.new);
      expect(storedBefore).toBeLessThan(expected.size);

      const again = await runCli(['crawl', '--config', configPath]);
      expect(again.code, again.stderr).toBe(0);
      const store = await openStore(loadConfig(configPath));
      try {
        expect(await storedContents(store)).toEqual(expected);
      } finally {
        await store.close();
      }
      expect(JSON.parse(readFileSync(statePath, 'utf8'))['feed:dien-dan-pho-nui']).toMatchObject({ etag: '"forum-v1"' });
    }, 180_000);
  });

  it('never leaves the crawl state file half-written', () => {
    const path = join(disk.path, 'crawl-state.json');
    const state = new CrawlState(path);
    state.set('feed:a', { etag: '"1"' });
    const before = readFileSync(path, 'utf8');
    disk.fill(0);
    expect(() => state.set('feed:b', { etag: 'x'.repeat(100_000) })).toThrow(`disk full: ${path}`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(disk.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    disk.free();
    state.set('feed:b', { etag: '"2"' });
    expect(new CrawlState(path).get('feed:b')).toEqual({ etag: '"2"' });
  });

  describe('under serve', () => {
    let store: Store;
    let workflow: Workflow;
    let api: RunningServer;
    let client: ApiClient;

    beforeEach(async () => {
      const config: LoadedConfig = loadConfig(
        writeCliConfig(dir, {
          store: { engine: 'sqlite', path: join(disk.path, 'mediawatch.db') },
          workflow: { path: join(disk.path, 'workflow.db') },
          security: { scryptCost: 14 },
        }),
      );
      store = await openStore(config);
      await store.upsertItems([{ ...makeItem({ title: 'Tin d1', text: 'Nội dung d1' }), id: 'd1' }]);
      workflow = openWorkflow(workflowOptionsFromConfig(config, { store }));
      await workflow.users.create({ username: 'analyst', role: 'analyst', password: 'Kiem-tra-Gia-Lai-7', mustChangePassword: false }, SYSTEM_ACTOR);
      api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
      client = new ApiClient(api.url);
      expect((await client.login('analyst', 'Kiem-tra-Gia-Lai-7')).status).toBe(200);
      client.token = workflow.auth.createToken('analyst', { name: 'disk test' }, SYSTEM_ACTOR).token;
      // Sign in by token only from here on (a session would be refreshed on every request).
      client.cookie = undefined;
      expect((await client.get('/api/items/d1')).status).toBe(200);
    });

    afterEach(async () => {
      await api.close();
      workflow.close();
      await store.close();
    });

    it('answers writes with 507 and a clear message, keeps serving reads, and writes again once space is back', async () => {
      // The token was last used long ago: reading with it would record its use, which must not fail a read.
      workflow.db.prepare('UPDATE api_tokens SET last_used_at = ?').run('2020-01-01T00:00:00.000Z');
      disk.fill(0);
      const refused = await client.post('/api/items/d1/review/notes', { text: 'ghi chú khi đầy đĩa' });
      expect(refused.status).toBe(507);
      expect(refused.body.error.code).toBe('disk_full');
      expect(refused.body.error.message).toMatch(/^the server's disk is full: the change was not saved/);

      expect((await client.get('/api/items/d1')).status).toBe(200);
      expect((await client.get('/api/items?pageSize=5')).body.total).toBe(1);
      expect((await client.get('/api/items/d1/review')).body.notes).toEqual([]);
      expect((await client.get('/api/health')).status).toBe(200);

      disk.free();
      const accepted = await client.post('/api/items/d1/review/notes', { text: 'ghi chú sau khi dọn đĩa' });
      expect(accepted.status).toBe(201);
      expect((await client.get('/api/items/d1/review')).body.notes.map((note: { text: string }) => note.text)).toEqual(['ghi chú sau khi dọn đĩa']);
      expect(workflow.audit.verify().ok).toBe(true);
    });
  });
});

function mkdirAt(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
