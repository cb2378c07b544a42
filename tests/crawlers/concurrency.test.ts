// One crawl round over several hosts, each a real HTTP server on 127.0.0.1: sources at different
// hosts run side by side, so a host that hangs, resets connections or answers 500 delays only its
// own source; each host still gets requests no faster than its rate (and its robots.txt
// Crawl-delay); at most crawler.maxConcurrentSources sources run at once; progress lists every
// source being crawled; reports come back in config order.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CrawlProgress } from '../../cli/progress.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { unrelated } from '../social/helpers.ts';

const TEMPLATE = readFileSync(join(import.meta.dirname, '../fixtures/bad-input/bai-tot.html'), 'utf8');
const TITLE = 'Hội nghị Ban Chấp hành Đảng bộ huyện chuẩn bị đại hội';
const article = (name: string) => TEMPLATE.replaceAll(TITLE, `${TITLE} (${name})`).replace('</div>', `<p>Bài ${name} của trang.</p></div>`);
const feed = (entries: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin</title>${entries
    .map((path) => `<item><title>${path}</title><link>${path}</link><description>Tóm tắt ${path}.</description></item>`)
    .join('')}</channel></rss>`;

interface Host {
  name: string;
  url: string;
  /** Request start times (ms) by path, in arrival order. */
  hits: Array<{ path: string; at: number }>;
  server: Server;
}

type Answer = (req: IncomingMessage, res: ServerResponse, host: Host) => void;

const hosts: Host[] = [];
/** Feed requests being answered right now, over every host. */
let feedsInFlight = 0;
let maxFeedsInFlight = 0;

async function startHost(name: string, answer: Answer): Promise<Host> {
  const host = { name, url: '', hits: [] } as unknown as Host;
  host.server = createServer((req, res) => {
    host.hits.push({ path: req.url ?? '', at: Date.now() });
    answer(req, res, host);
  });
  await new Promise<void>((resolve) => host.server.listen(0, '127.0.0.1', resolve));
  host.url = `http://127.0.0.1:${(host.server.address() as AddressInfo).port}`;
  hosts.push(host);
  return host;
}

/** A working news host: robots.txt, a feed of two entries answered after `feedDelayMs`, article pages. */
const working =
  (feedDelayMs: number, robots = ''): Answer =>
  (req, res, host) => {
    if (req.url === '/robots.txt') return void res.writeHead(robots ? 200 : 404, { 'content-type': 'text/plain' }).end(robots);
    if (req.url === '/feed.xml') {
      feedsInFlight++;
      maxFeedsInFlight = Math.max(maxFeedsInFlight, feedsInFlight);
      setTimeout(() => {
        feedsInFlight--;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed([`${host.url}/${host.name}-1.html`, `${host.url}/${host.name}-2.html`]));
      }, feedDelayMs);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(req.url ?? ''));
  };

/** Everything but the feed works: the feed request hangs, resets or fails. */
const brokenFeed =
  (feedAnswer: Answer): Answer =>
  (req, res, host) =>
    req.url === '/feed.xml' ? feedAnswer(req, res, host) : working(0)(req, res, host);

let dataDir: string;
let store: SqliteStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-concurrency-'));
  store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
});
afterEach(async () => {
  await Promise.all(hosts.map((host) => new Promise((resolve) => (host.server.closeAllConnections(), host.server.close(resolve)))));
  hosts.length = 0;
  feedsInFlight = maxFeedsInFlight = 0;
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function configFor(sources: Host[], crawler: Record<string, unknown>): LoadedConfig {
  return parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
      statePath: join(dataDir, `state-${Date.now()}.json`),
      crawler,
      sources: sources.map((host) => ({ id: host.name, kind: 'rss', url: `${host.url}/feed.xml` })),
    },
    '<test>',
    dataDir,
  );
}

/** A terminal that keeps what is drawn on it. */
function recordingTerminal() {
  const writes: string[] = [];
  const out = { isTTY: true, write: (chunk: string) => (writes.push(chunk), true) } as unknown as NodeJS.WriteStream;
  return { writes, progress: new CrawlProgress(out) };
}

describe('a crawl round over several hosts', () => {
  it('lets a hanging, resetting or failing host delay only itself, keeping every host at its rate', async () => {
    const hang = await startHost(
      'treo',
      brokenFeed(() => {}),
    ); // never answers
    const reset = await startHost(
      'ngat',
      brokenFeed((req) => req.socket.resetAndDestroy()),
    );
    const failing = await startHost(
      'loi',
      brokenFeed((_req, res) => res.writeHead(500).end('server error')),
    );
    const good = [
      await startHost('tot-a', working(300)),
      await startHost('tot-b', working(300)),
      await startHost('tot-c', working(300, 'User-agent: *\nCrawl-delay: 2\n')),
    ];
    const config = configFor([hang, reset, failing, ...good], { timeoutSecs: 6, maxRetries: 0, requestsPerMinute: 60 });
    const finished: string[] = [];
    const terminal = recordingTerminal();
    // The hosts record a hit when this process's event loop gets to it: on a loaded machine a hit can be
    // recorded late, so the spacing checked below allows for the worst delay the loop saw.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const run = new CrawlRun(config, new IngestPipeline(store, unrelated), (report) => terminal.progress.update(report), {
      sourceDone: (report: SourceReport) => (finished.push(report.sourceId), terminal.progress.finish(report)),
    });
    const reports = await crawlSources(run, config.sources);
    loopDelay.disable();
    const recordedLate = loopDelay.max / 1e6;

    // Config order, whatever the finishing order.
    expect(reports.map((report) => report.sourceId)).toEqual(['treo', 'ngat', 'loi', 'tot-a', 'tot-b', 'tot-c']);
    for (const report of reports.slice(3)) expect([report.sourceId, report.new, report.errors]).toEqual([report.sourceId, 2, []]);
    expect(reports[0].errors.map((error) => error.reason)).toEqual([expect.stringMatching(/timed out after 6s/)]);
    expect(reports[1].errors.map((error) => error.reason)).toEqual([expect.stringMatching(/connection reset/)]);
    expect(reports[2].errors.map((error) => error.reason)).toEqual([expect.stringMatching(/HTTP 500/)]);
    // The hanging host held up nobody: every good source finished before it.
    expect(finished.at(-1)).toBe('treo');
    const hangStart = hang.hits.find((hit) => hit.path === '/feed.xml')!.at;
    for (const host of good) expect(host.hits.at(-1)!.at).toBeLessThan(hangStart + 6000);
    // Each good host: robots.txt, feed, two articles, spaced by its rate (1 s) or its Crawl-delay (2 s).
    for (const host of good) {
      expect(host.hits.map((hit) => hit.path)).toEqual(['/robots.txt', '/feed.xml', `/${host.name}-1.html`, `/${host.name}-2.html`]);
      const floor = host.name === 'tot-c' ? 2000 : 1000;
      // The k-th request never comes sooner than k intervals after the first (a request set up
      // late by a busy client may come closer to the next one, never ahead of its slot; a hit
      // recorded late by a busy loop may look closer to the next one by that delay).
      host.hits.forEach((hit, k) => expect(hit.at - host.hits[0].at, JSON.stringify(host.hits)).toBeGreaterThanOrEqual(k * floor - 300 - recordedLate));
    }
    // While they ran, the terminal listed every source in progress at once, the hanging one included.
    const block = terminal.writes.find((chunk) => ['treo', 'tot-a', 'tot-b', 'tot-c'].every((id) => chunk.includes(`] ${id}:`)));
    expect(block, terminal.writes.join('\n---\n')).toBeDefined();
  }, 30_000);

  it('runs at most crawler.maxConcurrentSources sources at once', async () => {
    const slow = [];
    for (const name of ['mot', 'hai', 'ba', 'bon', 'nam']) slow.push(await startHost(name, working(700)));
    const config = configFor(slow, { maxConcurrentSources: 2, requestsPerMinute: 600 });
    const reports = await crawlSources(new CrawlRun(config, new IngestPipeline(store, unrelated)), config.sources);
    expect(reports.map((report) => [report.sourceId, report.new])).toEqual(slow.map((host) => [host.name, 2]));
    expect(maxFeedsInFlight).toBe(2);
  }, 30_000);
});
