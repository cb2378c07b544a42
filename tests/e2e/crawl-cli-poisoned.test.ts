// `mediawatch crawl` as an operator runs it, against a news site whose sitemap lists more than
// 1,000 pages and then one malformed URL (crawlee queues requests past the first 1,000 in the
// background, where a bad one used to end the process), followed by a healthy source. The crawl
// must exit normally, print its summary, and store the healthy source's articles.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite, type RouteHandler } from '../../cli/demo/static-site.ts';
import type { ScoredItem } from '../../core/types.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

const REPO = join(import.meta.dirname, '../..');
const PAGES = 1001;

const html =
  (body: string): RouteHandler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const allowAll: RouteHandler = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');

let poisoned: StaticSite;
let healthy: StaticSite;
let dataDir: string;
let exitCode: number | null;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  const pages: Record<string, RouteHandler> = {};
  for (let n = 1; n <= PAGES; n++) pages[`/trang/${n}.html`] = html(`<html><body><p>Trang ${n}</p></body></html>`);
  poisoned = new StaticSite({
    root: join(REPO, 'tests/fixtures/bad-input'),
    routes: {
      ...pages,
      '/robots.txt': allowAll,
      '/': html('<html><body><p>Trang chủ</p></body></html>'),
      '/sitemap.xml': (_req, res, site) => {
        const locs = [...Array.from({ length: PAGES }, (_, i) => `${site.url}/trang/${i + 1}.html`), `htt://${new URL(site.url).host}/trang/hong.html`];
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${locs.map((loc) => `<url><loc>${loc}</loc></url>`).join('')}</urlset>`);
      },
    },
  });
  healthy = new StaticSite({
    root: join(REPO, 'tests/fixtures/bad-input'),
    routes: { '/robots.txt': allowAll, '/': html('<html><body><a href="/bai-tot.html">bài</a> <a href="/hong.html">bài</a></body></html>') },
  });
  await Promise.all([poisoned.start(), healthy.start()]);

  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-cli-poisoned-'));
  // Relative paths in a config resolve against its folder: data/ sits beside config/, as in the repository.
  const configDir = join(dataDir, 'config');
  mkdirSync(configDir);
  const shipped = (path: string) => join(REPO, 'config', path);
  const config = {
    store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
    statePath: join(dataDir, 'crawl-state.json'),
    topics: [shipped('topics/congress-2020.yaml')],
    distortionCues: [shipped('topics/distortion-cues.yaml')],
    abbreviations: shipped('abbreviations.yaml'),
    officialFacts: shipped('official-facts.yaml'),
    crawler: { requestsPerMinute: 600_000, maxPages: 1100, timeoutSecs: 5, maxRetries: 0 },
    sources: [
      { id: 'poisoned', kind: 'news', startUrls: [`${poisoned.url}/`] },
      { id: 'healthy', kind: 'news', startUrls: [`${healthy.url}/`], sitemaps: false },
    ],
  };
  const configPath = join(configDir, 'mediawatch.yaml');
  writeFileSync(configPath, JSON.stringify(config)); // JSON is YAML

  const child = spawn(process.execPath, [join(REPO, 'bin/mediawatch.js'), 'crawl', '--config', configPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
}, 300_000);

afterAll(async () => {
  await Promise.all([poisoned?.stop(), healthy?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('mediawatch crawl with a poisoned sitemap', () => {
  it('exits normally and prints the summary with both sources', () => {
    expect(exitCode, stderr.slice(-2000)).toBe(0);
    expect(stdout).toMatch(/^source\s+fetched\s+extracted/m);
    expect(stdout).toMatch(new RegExp(`^poisoned\\s+${PAGES + 1}\\s`, 'm'));
    expect(stdout).toMatch(/^healthy\s+3\s+2\s+2\s/m);
    expect(stdout).toContain('invalid URL in sitemap: "htt://');
  });

  it("stores the healthy source's articles", async () => {
    const store = new SqliteStore({ path: join(dataDir, 'mediawatch.db') });
    await store.init();
    try {
      const items: ScoredItem[] = [];
      for await (const batch of store.scanItems()) items.push(...batch);
      expect(
        items
          .filter((item) => item.sourceId === 'healthy')
          .map((item) => new URL(item.url).pathname)
          .sort(),
      ).toEqual(['/bai-tot.html', '/hong.html']);
    } finally {
      await store.close();
    }
  });
});
