// Each source on its own interval: the scheduler never runs a source twice at once, runs at most
// `capacity` sources together and starts the most overdue first as capacity frees up; a source's
// polling hint moves its interval within bounds. Through the API (real feeds on 127.0.0.1, the
// real scheduled crawls): GET /api/sources shows each source's next run, last run, last change
// seen and mean publication→storage delay.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleRoutes } from '../../api/modules.ts';
import type { SourceView } from '../../api/routes/sources.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../core/config.ts';
import { nextIntervalMs, sourceSchedule, SourceScheduler } from '../../features/schedules/sources.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { testWorkflow } from '../workflow/helpers.ts';

const logs: Array<Record<string, unknown> & { level: number; msg: string }> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SourceScheduler', () => {
  it('runs at most `capacity` sources at once, never one source twice at once, each again after its interval', async () => {
    const running = new Set<string>();
    let most = 0;
    const starts: Array<{ id: string; at: number }> = [];
    const scheduler = new SourceScheduler(
      ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, everyMs: id === 'e' ? 1000 : 150 })),
      {
        capacity: 2,
        logger,
        run: async (id) => {
          expect(running.has(id)).toBe(false);
          running.add(id);
          most = Math.max(most, running.size);
          starts.push({ id, at: Date.now() });
          await sleep(60);
          running.delete(id);
        },
      },
    ).start();
    await sleep(900);
    await scheduler.stop();
    expect(most).toBe(2);
    const runsOf = (id: string) => starts.filter((start) => start.id === id);
    // All five ran; the fast ones again and again, each start at least its interval after the last.
    for (const id of ['a', 'b', 'c', 'd']) {
      const times = runsOf(id).map((start) => start.at);
      expect(times.length, id).toBeGreaterThanOrEqual(2);
      times.slice(1).forEach((time, i) => expect(time - times[i]).toBeGreaterThanOrEqual(145));
    }
    expect(runsOf('e')).toHaveLength(1);
    expect([...scheduler.status().values()].every((state) => state.nextRun === null && !state.running)).toBe(true);
  });

  it('starts the latest source relative to its interval first, so long site rounds never crowd out frequent polls', async () => {
    const order: string[] = [];
    let ticks = 0;
    const scheduler = new SourceScheduler(
      [
        { id: 'blocker', everyMs: 60_000 },
        { id: 'site', everyMs: 10_000 },
        { id: 'feed', everyMs: 100 },
      ],
      {
        capacity: 1,
        logger,
        run: async (id) => void (order.push(id), await sleep(id === 'blocker' ? 300 : 20)),
        // A clock that moves between any two reads, as on a loaded machine.
        now: () => Date.now() + ticks++,
      },
    ).start();
    await sleep(500);
    await scheduler.stop();
    // All three were due at once (a tie: configured order); once the first run ends the feed is 3 intervals late, the site a few hundredths.
    expect(order.slice(0, 3)).toEqual(['blocker', 'feed', 'site']);
  });

  it('keeps a source whose run fails on its interval and logs why', async () => {
    let calls = 0;
    const scheduler = new SourceScheduler([{ id: 'hong', everyMs: 100 }], {
      capacity: 4,
      logger,
      run: async () => {
        calls++;
        throw new Error('feed gone');
      },
    }).start();
    await sleep(350);
    await scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(logs.find((log) => log.source === 'hong')).toMatchObject({
      msg: 'source crawl failed; it runs again at its next turn',
      err: { message: 'feed gone' },
    });
  });

  it("follows a source's polling hint within bounds of its interval", () => {
    const minute = 60_000;
    expect(nextIntervalMs(2 * minute)).toBe(2 * minute);
    expect(nextIntervalMs(2 * minute, 5 * minute)).toBe(5 * minute);
    expect(nextIntervalMs(2 * minute, 24 * 60 * minute)).toBe(8 * minute); // at most 4x
    expect(nextIntervalMs(2 * minute, 1000)).toBe(30_000); // at least a quarter
    expect(nextIntervalMs(20_000, 1000)).toBe(15_000); // never under 15 s
    expect(nextIntervalMs(10_000, 1000)).toBe(10_000); // nor under a shorter configured interval
  });
});

describe('GET /api/sources under the schedule', () => {
  const names = ['nhanh', 'lang'];
  const feeds = new Map<string, string[]>();
  const servers: Server[] = [];
  const urls: string[] = [];
  let dataDir: string;
  let api: RunningServer;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;
  let token: string;
  const item = (id: string, published: Date) =>
    `<item><title>Tin ${id}</title><link>https://tin.example/${id}.html</link><guid>${id}</guid><pubDate>${published.toUTCString()}</pubDate><description>Nội dung bản tin ${id} về công tác chuẩn bị.</description></item>`;

  beforeAll(async () => {
    for (const name of names) {
      feeds.set(name, [item(`${name}-cu`, new Date('2020-10-01T08:00:00Z'))]);
      const server = createServer((req, res) => {
        if (req.url !== '/feed.xml') return void res.writeHead(404).end();
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title>${feeds.get(name)!.join('')}</channel></rss>`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-source-schedule-'));
    const config = parseConfig(
      {
        store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
        statePath: join(dataDir, 'crawl-state.json'),
        workflow: { path: join(dataDir, 'workflow.db') },
        alerts: { statePath: join(dataDir, 'alerts.db') },
        schedules: { every: { rss: '5s' } },
        // A feed's own poll suggestion is at least pollMinSecs; at 1 s it leaves the 5 s interval as configured.
        crawler: { pollMinSecs: 1 },
        sources: [
          { id: names[0], kind: 'rss', url: urls[0], fetchArticles: false },
          { id: names[1], kind: 'rss', url: urls[1], fetchArticles: false, every: '1h' },
        ],
      },
      '<schedule>',
      join(import.meta.dirname, '../..', DEFAULT_CONFIG_PATH, '..'),
    );
    const store = await openStore(config);
    const workflow = await testWorkflow({ store, withUsers: true });
    token = workflow.auth.createToken('viewer', { name: 'schedule' }, SYSTEM_ACTOR).token;
    const schedule = sourceSchedule(config, logger);
    close = schedule.close;
    api = await startServer({ store, workflow, host: '127.0.0.1', port: 0, routes: moduleRoutes({ config, store, workflow, schedule: schedule.scheduler }) });
    schedule.scheduler.start();
    cleanup = async () => {
      await close();
      await api.close();
      workflow.close();
      await store.close();
    };
  }, 60_000);

  afterAll(async () => {
    await cleanup?.();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const sources = async () => {
    const response = await fetch(`${api.url}/api/sources`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return Object.fromEntries(((await response.json()) as { sources: SourceView[] }).sources.map((source) => [source.id, source]));
  };
  const until = async (check: (view: Record<string, SourceView>) => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const view = await sources();
      if (check(view) || Date.now() > deadline) return view;
      await sleep(200);
    }
  };

  it('shows next run, last run, last change seen and the mean publication→storage delay', async () => {
    const first = await until((view) => names.every((name) => view[name].lastRun?.status === 'ok'), 30_000);
    for (const name of names) {
      const view = first[name];
      // The 5 s source may have run more than once by now; its old entry was new only the first time.
      expect(view.totals.new).toBe(1);
      expect(view.lastChangeSeen).not.toBeNull();
      expect(Date.parse(view.lastChangeSeen!)).toBeLessThanOrEqual(Date.parse(view.lastRun!.finishedAt!));
      // Published in 2020, before we watched: not a freshness figure.
      expect([view.avgPublicationDelaySeconds, view.publicationDelaySamples]).toEqual([null, 0]);
      // Due one interval after the last run began (the scheduler's clock starts a moment before the log's).
      const next = Date.parse(view.nextRun!);
      expect(next).toBeGreaterThanOrEqual(Date.parse(view.lastRun!.finishedAt!));
      expect(next).toBeLessThanOrEqual(Date.parse(view.lastRun!.startedAt) + view.everySeconds! * 1000);
    }
    expect(first.lang.lastRun).toMatchObject({ status: 'ok', new: 1 });
    expect(first.nhanh.everySeconds).toBe(5);
    expect(first.lang.everySeconds).toBe(3600);

    // Something is published on both feeds now; only the 5 s source looks again soon.
    const published = new Date(Math.floor(Date.now() / 1000) * 1000);
    for (const name of names) feeds.get(name)!.unshift(item(`${name}-moi`, published));
    const later = await until((view) => view.nhanh.publicationDelaySamples === 1, 15_000);
    expect(later.nhanh.lastRun, JSON.stringify(later.nhanh)).toMatchObject({ status: 'ok', new: 1 });
    expect(later.nhanh.lastChangeSeen).toBe(later.nhanh.lastRun!.finishedAt);
    expect(Date.parse(later.nhanh.lastChangeSeen!)).toBeGreaterThan(Date.parse(first.nhanh.lastChangeSeen!));
    // Seen at the next poll, at most 5 s (plus the run) after publication.
    expect(later.nhanh.avgPublicationDelaySeconds).toBeGreaterThan(0);
    expect(later.nhanh.avgPublicationDelaySeconds).toBeLessThan(5 + 3);
    expect(later.lang.lastRun!.id).toBe(first.lang.lastRun!.id);
    expect(later.lang.lastChangeSeen).toBe(first.lang.lastChangeSeen);

    // A run that finds nothing new leaves the last change where it was.
    const quiet = await until((view) => view.nhanh.lastRun!.id > later.nhanh.lastRun!.id && view.nhanh.lastRun!.status === 'ok', 15_000);
    expect(quiet.nhanh.lastRun!.new).toBe(0);
    expect(quiet.nhanh.lastChangeSeen).toBe(later.nhanh.lastChangeSeen);
  }, 60_000);
});
