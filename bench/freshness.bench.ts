// Freshness at the scale of an office: N local news sites, each an HTTP server on its own loopback
// address (127.0.0.2, 127.0.0.3, …) with a feed, a sitemap, home and section pages and article
// pages, answering in 20–200 ms. They publish new articles at random moments for `--minutes` while
// the real `mediawatch serve` runs its per-source schedule against a temp store; the bench polls the
// API to see when each new article becomes visible and reports publication → visible latency,
// requests per new article, requests to unchanged pages, requests per host per minute against the
// limit, robots.txt fetches and the serve process's CPU and memory. Baseline, same run: one round
// over the first `--baseline-sites` feeds crawled one after another (as before) and side by side.
//   npm run bench:freshness [-- --sites 200 --minutes 10 --rpm 60 --feed-every 60s --site-every 10m]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseConfig, type LoadedConfig } from '../core/config.ts';
import { CrawlRun } from '../crawlers/crawl-run.ts';
import { crawlSources } from '../crawlers/run.ts';
import { openPipeline } from '../features/crawl-job/open-pipeline.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../features/workflow/index.ts';
import { numberArg, quantile, repo, rng, sentencePool, textArg } from './synthetic.ts';

const SITES = numberArg('sites', 200);
const MINUTES = numberArg('minutes', 10);
const RPM = numberArg('rpm', 60);
const FEED_EVERY = textArg('feed-every', '60s');
const SITE_EVERY = textArg('site-every', '10m');
/** Mean minutes between two new articles of one site. */
const PUBLISH_EVERY = numberArg('publish-every', 5);
const INITIAL_ARTICLES = numberArg('articles', 12);
const CONCURRENCY = numberArg('concurrency', 16);
const BASELINE_SITES = process.argv.includes('--no-baseline') ? 0 : numberArg('baseline-sites', 8);
/** After the last publication, how long the bench waits for articles still unseen. */
const GRACE_MS = numberArg('grace-secs', 180) * 1000;
const SECTIONS = ['thoi-su', 'xa-hoi'];
/** Longest wait for serve's first round over every source. */
const WARMUP_LIMIT_MS = numberArg('warmup-limit-min', 30) * 60_000;

const random = rng(numberArg('seed', 7));
const sentences = sentencePool();
const pick = () => sentences[Math.floor(random() * sentences.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

type HitKind = 'robots' | 'feed' | 'sitemap' | 'listing' | 'article';

interface Article {
  path: string;
  title: string;
  section: string;
  published: Date;
  body: string[];
  /** Published while the bench ran (not part of the archive). */
  fresh: boolean;
}

interface Hit {
  at: number;
  kind: HitKind;
  path: string;
  status: number;
  /** An article page already served before (200 or 304): a request to an unchanged page. */
  again: boolean;
}

class Site {
  readonly articles: Article[] = [];
  readonly hits: Hit[] = [];
  private readonly served = new Set<string>();
  private server: Server | undefined;
  readonly origin: string;

  constructor(
    readonly index: number,
    readonly address: string,
    private readonly port: number,
  ) {
    this.origin = `http://${address}:${port}`;
    for (let i = 0; i < INITIAL_ARTICLES; i++) this.publish(new Date(Date.now() - (INITIAL_ARTICLES - i) * 3_600_000), false);
  }

  publish(published: Date, fresh: boolean): Article {
    const n = this.articles.length;
    const section = SECTIONS[n % SECTIONS.length];
    const article = {
      path: `/${section}/bai-${this.index}-${n}.html`,
      title: `${pick().replace(/[.!?]$/, '')} (trang ${this.index}, bài ${n})`,
      section,
      published,
      body: Array.from({ length: 5 }, () => Array.from({ length: 3 }, pick).join(' ')),
      fresh,
    };
    this.articles.push(article);
    return article;
  }

  private newest(count: number, section?: string): Article[] {
    return this.articles
      .filter((a) => !section || a.section === section)
      .slice(-count)
      .reverse();
  }

  private page(title: string, main: string): string {
    const nav = SECTIONS.map((s) => `<li><a href="/chuyen-muc/${s}.html">${s}</a></li>`).join('');
    return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><header><a href="/">Trang ${this.index}</a></header><nav><ul><li><a href="/">Trang chủ</a></li>${nav}</ul></nav><main>${main}</main><footer><p>Báo thử nghiệm ${this.index}.</p></footer></body></html>`;
  }

  private listing(articles: Article[]): string {
    return `<ul class="news-list">${articles.map((a) => `<li><a href="${a.path}">${escape(a.title)}</a></li>`).join('')}</ul>`;
  }

  private articlePage(article: Article): string {
    const date = article.published.toISOString();
    const related = this.newest(4)
      .filter((a) => a !== article)
      .slice(0, 3);
    return this.page(
      article.title,
      `<article><h1>${escape(article.title)}</h1><time datetime="${date}">${date}</time>` +
        `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: article.title, datePublished: date })}</script>` +
        `<div class="article-body">${article.body.map((p) => `<p>${escape(p)}</p>`).join('')}</div></article>` +
        `<aside class="related"><h3>Tin liên quan</h3>${this.listing(related)}</aside>`,
    ).replace('<head>', `<head><link rel="canonical" href="${article.path}">`);
  }

  private feed(): string {
    const items = this.newest(15)
      .map(
        (a) =>
          `<item><title>${escape(a.title)}</title><link>${this.origin}${a.path}</link><guid>${this.origin}${a.path}</guid><pubDate>${a.published.toUTCString()}</pubDate><description>${escape(a.body[0])}</description></item>`,
      )
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Trang ${this.index}</title><link>${this.origin}/</link>${items}</channel></rss>`;
  }

  private sitemap(): string {
    const urls = this.articles.map((a) => `<url><loc>${this.origin}${a.path}</loc><lastmod>${a.published.toISOString()}</lastmod></url>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`;
  }

  /** What a path serves: kind, content type, body (undefined: 404). */
  private resolve(path: string): { kind: HitKind; type: string; body?: string } {
    if (path === '/robots.txt') return { kind: 'robots', type: 'text/plain', body: `User-agent: *\nAllow: /\nSitemap: ${this.origin}/sitemap.xml\n` };
    if (path === '/feed.xml') return { kind: 'feed', type: 'application/rss+xml; charset=utf-8', body: this.feed() };
    if (path === '/sitemap.xml') return { kind: 'sitemap', type: 'application/xml; charset=utf-8', body: this.sitemap() };
    if (path === '/') return { kind: 'listing', type: 'text/html; charset=utf-8', body: this.page(`Trang ${this.index}`, this.listing(this.newest(10))) };
    const section = /^\/chuyen-muc\/([a-z-]+)\.html$/.exec(path)?.[1];
    if (section && SECTIONS.includes(section))
      return { kind: 'listing', type: 'text/html; charset=utf-8', body: this.page(section, this.listing(this.newest(10, section))) };
    const article = this.articles.find((a) => a.path === path);
    return { kind: 'article', type: 'text/html; charset=utf-8', body: article && this.articlePage(article) };
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', this.origin).pathname;
      const at = Date.now();
      // A realistic server: 20–200 ms to answer, validators on every page.
      setTimeout(
        () => {
          const { kind, type, body } = this.resolve(path);
          const again = kind === 'article' && this.served.has(path);
          if (body === undefined) {
            this.hits.push({ at, kind, path, status: 404, again });
            return void res.writeHead(404).end();
          }
          if (kind === 'article') this.served.add(path);
          const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
          const status = req.headers['if-none-match'] === etag ? 304 : 200;
          this.hits.push({ at, kind, path, status, again });
          res.writeHead(status, { 'content-type': type, etag });
          res.end(status === 304 ? undefined : body);
        },
        20 + random() * 180,
      );
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.port, this.address, resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

// --- config, store, token ------------------------------------------------------------------------

function writeConfig(dir: string, sites: Site[], extra: Record<string, unknown> = {}): { path: string; config: LoadedConfig } {
  const raw = {
    store: { engine: 'sqlite', path: join(dir, 'mediawatch.db') },
    statePath: join(dir, 'crawl-state.json'),
    workflow: { path: join(dir, 'workflow.db') },
    alerts: { statePath: join(dir, 'alerts.db') },
    topics: [join(repo, 'config/topics/congress-2020.yaml')],
    distortionCues: [join(repo, 'config/topics/distortion-cues.yaml')],
    abbreviations: join(repo, 'config/abbreviations.yaml'),
    officialFacts: join(repo, 'config/official-facts.yaml'),
    model: join(repo, 'config/model.json'),
    crawler: { requestsPerMinute: RPM, maxConcurrentSources: CONCURRENCY, maxPages: INITIAL_ARTICLES * 3 + 40, timeoutSecs: 20 },
    security: { rateLimits: { apiPerMinute: 100_000 } },
    schedules: { every: { rss: FEED_EVERY, news: SITE_EVERY } },
    sources: sites.flatMap((site) => [
      { id: `feed-${site.index}`, kind: 'rss', url: `${site.origin}/feed.xml` },
      { id: `site-${site.index}`, kind: 'news', startUrls: [`${site.origin}/`] },
    ]),
    ...extra,
  };
  const path = join(dir, 'mediawatch.yaml');
  writeFileSync(path, stringify(raw));
  return { path, config: parseConfig(raw, path, dir) };
}

async function viewerToken(config: LoadedConfig): Promise<string> {
  const workflow = openWorkflow(workflowOptionsFromConfig(config));
  try {
    await workflow.users.create({ username: 'bench', role: 'viewer', password: 'Pleiku-Gia-Lai-2020!', mustChangePassword: false }, SYSTEM_ACTOR);
    return workflow.auth.createToken('bench', { name: 'freshness bench' }, SYSTEM_ACTOR).token;
  } finally {
    workflow.close();
  }
}

// --- figures ---------------------------------------------------------------------------------------

const secs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '—');

/** Most requests one host got within any 60 s window starting at one of its requests. */
function maxPerMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j] < sorted[i] + 60_000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function processUsage(pid: number): { cpuSecs: number; rssMb: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuSecs: (Number(fields[11]) + Number(fields[12])) / 100, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

// --- baseline: one feed round, one source after another vs side by side -----------------------------

async function feedRound(sites: Site[], concurrency: number): Promise<{ secs: number; requests: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-fresh-base-'));
  try {
    const { config } = writeConfig(dir, sites, {});
    const feedsOnly = { ...config, crawler: { ...config.crawler, maxConcurrentSources: concurrency } };
    const { pipeline, close } = await openPipeline(feedsOnly);
    const before = sites.reduce((sum, site) => sum + site.hits.length, 0);
    const started = Date.now();
    await crawlSources(
      new CrawlRun(feedsOnly, pipeline),
      feedsOnly.sources.filter((source) => source.kind === 'rss'),
    );
    const elapsed = (Date.now() - started) / 1000;
    await close();
    return { secs: elapsed, requests: sites.reduce((sum, site) => sum + site.hits.length, 0) - before };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- the run -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const portBase = 20_000 + Math.floor(random() * 20_000);
  const sites: Site[] = [];
  for (let i = 0; i < SITES; i++) {
    // Loopback addresses from 127.0.0.2 on; the port only has to be free on each address.
    const address = `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`;
    for (let attempt = 0; ; attempt++) {
      const site = new Site(i, address, portBase + attempt);
      try {
        await site.start();
        sites.push(site);
        break;
      } catch (error) {
        if (attempt > 20) throw error;
      }
    }
  }
  process.stdout.write(
    `${SITES} sites on ${sites[0].address} … ${sites.at(-1)!.address}, ${INITIAL_ARTICLES} articles each; ${RPM} requests/minute per host\n`,
  );

  let baseline: { sequential: { secs: number; requests: number }; parallel: { secs: number; requests: number } } | undefined;
  if (BASELINE_SITES) {
    // Fresh sites of their own so the main run starts cold too.
    const few: Site[] = [];
    for (let i = 0; i < BASELINE_SITES; i++) {
      const site = new Site(1000 + i, `127.1.0.${i + 2}`, portBase);
      await site.start();
      few.push(site);
    }
    const sequential = await feedRound(few, 1);
    const parallel = await feedRound(few, CONCURRENCY);
    baseline = { sequential, parallel };
    await Promise.all(few.map((site) => site.stop()));
    process.stdout.write(
      `baseline feed round over ${BASELINE_SITES} sites: one after another ${sequential.secs.toFixed(1)} s, side by side ${parallel.secs.toFixed(1)} s\n`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-fresh-'));
  const { path, config } = writeConfig(dir, sites);
  const token = await viewerToken(config);
  const serve = spawn(process.execPath, ['--import', 'tsx', join(repo, 'cli/main.ts'), 'serve', '--config', path, '--port', '0'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  // Never leave serve behind, even when the bench fails.
  process.once('exit', () => serve.kill('SIGKILL'));
  let stderr = '';
  const apiUrl = await new Promise<string>((resolve, reject) => {
    serve.stderr.on('data', (chunk: Buffer) => {
      // Keep reading (a full pipe would stall serve) but keep only the last few kB.
      stderr = (stderr + chunk.toString()).slice(-8000);
      const match = /API on (http:\/\/\S+)\/api/.exec(stderr);
      if (match) resolve(match[1]);
    });
    serve.once('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr.slice(-2000)}`)));
  });
  let exited: string | undefined;
  serve.once('exit', (code, signal) => (exited = `serve exited (${code ?? signal}): ${stderr.slice(-3000)}`));
  /** A GET on serve's API as the bench's viewer; a dropped connection is tried again, a dead serve ends the bench. */
  const api = async <T>(path: string): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
        return (await response.json()) as T;
      } catch (error) {
        if (exited) throw new Error(exited, { cause: error });
        if (attempt >= 5) throw error;
        await sleep(1000);
      }
    }
  };
  // Steady state is what the office lives in: publishing starts once serve has crawled every
  // source once (the first round is the archive's backfill, reported apart).
  const serveStarted = Date.now();
  process.stdout.write(`serve on ${apiUrl} (pid ${serve.pid}); waiting for its first round over ${SITES * 2} sources\n`);
  for (;;) {
    const { sources } = await api<{ sources: Array<{ lastRun: { finishedAt: string | null } | null; totals: { runs: number } }> }>('/api/sources');
    // A source running again (a feed) has finished its first run.
    const done = sources.filter((source) => source.lastRun?.finishedAt || source.totals.runs >= 2).length;
    if (done === sources.length) break;
    if (Date.now() - serveStarted > WARMUP_LIMIT_MS)
      throw new Error(`serve crawled only ${done} of ${sources.length} sources in ${WARMUP_LIMIT_MS / 60_000} min`);
    await sleep(2000);
  }
  const warmupSecs = (Date.now() - serveStarted) / 1000;
  const started = Date.now();
  const usageAtStart = processUsage(serve.pid!);
  process.stdout.write(`first round done in ${warmupSecs.toFixed(0)} s; publishing for ${MINUTES} min\n`);

  // Publications at random moments (a Poisson process per site).
  const published = new Map<string, { at: number; seen?: number }>();
  const endOfPublishing = started + MINUTES * 60_000;
  const timers = sites.map((site) => {
    const next = (): NodeJS.Timeout =>
      setTimeout(
        () => {
          if (Date.now() >= endOfPublishing) return;
          const article = site.publish(new Date(), true);
          published.set(`${site.origin}${article.path}`, { at: article.published.getTime() });
          timers[site.index] = next();
        },
        -Math.log(1 - random()) * PUBLISH_EVERY * 60_000,
      );
    return next();
  });

  // Visibility: the newest items through the API, every 2 s.
  let rssPeak = 0;
  const pollApi = async () => {
    for (let page = 1; page <= 20; page++) {
      const from = new Date(started - 60_000).toISOString();
      const { items } = await api<{ items: Array<{ url: string; publishedAt?: string }> }>(`/api/items?from=${from}&sort=newest&pageSize=100&page=${page}`);
      const now = Date.now();
      for (const item of items) {
        const entry = published.get(item.url);
        if (entry && entry.seen === undefined) entry.seen = now;
      }
      if (items.length < 100) break;
    }
  };
  let lastReport = 0;
  for (;;) {
    await pollApi();
    rssPeak = Math.max(rssPeak, processUsage(serve.pid!).rssMb);
    const now = Date.now();
    const unseen = [...published.values()].filter((entry) => entry.seen === undefined).length;
    if (now - lastReport > 30_000) {
      lastReport = now;
      process.stdout.write(`[${((now - started) / 1000).toFixed(0)} s] ${published.size} published, ${unseen} not yet visible\n`);
    }
    if (now >= endOfPublishing && (!unseen || now >= endOfPublishing + GRACE_MS)) break;
    await sleep(2000);
  }
  timers.forEach((timer) => clearTimeout(timer));
  const usage = processUsage(serve.pid!);
  const wallSecs = (Date.now() - started) / 1000;
  const sourcesView = await api<{ sources: Array<{ id: string; avgPublicationDelaySeconds: number | null; publicationDelaySamples: number }> }>('/api/sources');
  serve.kill('SIGTERM');
  await new Promise((resolve) => serve.once('exit', resolve));
  await Promise.all(sites.map((site) => site.stop()));
  rmSync(dir, { recursive: true, force: true });

  // --- report ---
  const latencies = [...published.values()].flatMap((entry) => (entry.seen === undefined ? [] : [entry.seen - entry.at])).sort((a, b) => a - b);
  const missing = published.size - latencies.length;
  // An article never seen is slower than every seen one: percentiles are over all published articles.
  const allLatencies = [...latencies, ...new Array<number>(missing).fill(Infinity)];
  const hits = sites.flatMap((site) => site.hits.filter((hit) => hit.at >= started));
  const count = (predicate: (hit: Hit) => boolean) => hits.filter(predicate).length;
  const freshPaths = new Set(sites.flatMap((site) => site.articles.filter((a) => a.fresh).map((a) => a.path)));
  const firstFetchOfNew = count((hit) => hit.kind === 'article' && freshPaths.has(hit.path) && !hit.again);
  const polls = count((hit) => hit.kind === 'feed' || hit.kind === 'sitemap' || hit.kind === 'listing');
  const articleRequests = count((hit) => hit.kind === 'article');
  const unchangedArticles = count((hit) => hit.kind === 'article' && hit.again);
  const notModified = count((hit) => hit.status === 304);
  const perHost = sites.map((site) => maxPerMinute(site.hits.filter((hit) => hit.at >= started).map((hit) => hit.at)));
  const violations = perHost.filter((most) => most > RPM).length;
  const robots = count((hit) => hit.kind === 'robots');
  const cpuSecs = usage.cpuSecs - usageAtStart.cpuSecs;
  const apiDelays = sourcesView.sources.filter((s) => s.id.startsWith('feed-') && s.avgPublicationDelaySeconds !== null);

  const rows: Array<[string, string]> = [
    ['sources (feeds + sites), concurrency', `${SITES * 2} (${SITES} feeds every ${FEED_EVERY}, ${SITES} sites every ${SITE_EVERY}), ${CONCURRENCY}`],
    ['first round over every source (backfill, before publishing)', `${warmupSecs.toFixed(0)} s`],
    [
      'new articles published / visible',
      `${published.size} / ${latencies.length}${missing ? ` (${missing} not visible within ${GRACE_MS / 1000} s after publishing stopped)` : ''}`,
    ],
    [
      'publication → visible p50 / p95 / max',
      `${secs(quantile(allLatencies, 0.5))} / ${secs(quantile(allLatencies, 0.95))} / ${missing ? 'not seen' : secs(latencies.at(-1) ?? NaN)}`,
    ],
    [
      'mean publication → stored delay (GET /api/sources, feeds)',
      apiDelays.length
        ? `${(
            apiDelays.reduce((s, v) => s + v.avgPublicationDelaySeconds! * v.publicationDelaySamples, 0) /
            Math.max(
              1,
              apiDelays.reduce((s, v) => s + v.publicationDelaySamples, 0),
            )
          ).toFixed(1)} s`
        : '—',
    ],
    ['requests (all, during the run)', `${hits.length} (${(hits.length / wallSecs).toFixed(1)}/s)`],
    [
      'article-page requests per new article',
      `${(articleRequests / Math.max(1, published.size)).toFixed(1)} (first fetches of new articles ${firstFetchOfNew}; of those per new article ${(firstFetchOfNew / Math.max(1, published.size)).toFixed(2)})`,
    ],
    [
      'requests to unchanged article pages (fetched before)',
      `${unchangedArticles} (${((unchangedArticles / Math.max(1, hits.length)) * 100).toFixed(0)}% of all)`,
    ],
    [
      'feed / sitemap / home+section requests',
      `${count((h) => h.kind === 'feed')} / ${count((h) => h.kind === 'sitemap')} / ${count((h) => h.kind === 'listing')} (polls ${polls}); 304 answers ${notModified}`,
    ],
    ['robots.txt fetches', `${robots} (${(robots / SITES).toFixed(1)} per host)`],
    [
      'most requests to one host in any 60 s',
      `${Math.max(...perHost)} (limit ${RPM}); hosts over the limit: ${violations}${violations ? '  <-- VIOLATION' : ''}`,
    ],
    ['serve CPU', `${cpuSecs.toFixed(0)} s over ${wallSecs.toFixed(0)} s (${((cpuSecs / wallSecs) * 100).toFixed(0)}% of one core)`],
    ['serve memory (RSS now / peak sampled / VmHWM)', `${usage.rssMb.toFixed(0)} / ${rssPeak.toFixed(0)} / ${usage.peakRssMb.toFixed(0)} MB`],
  ];
  if (baseline) {
    const { sequential, parallel } = baseline;
    rows.push([
      `baseline: one feed round over ${BASELINE_SITES} fresh sites, one after another vs side by side`,
      `${sequential.secs.toFixed(1)} s vs ${parallel.secs.toFixed(1)} s (${(sequential.secs / parallel.secs).toFixed(1)}x; ${sequential.requests} vs ${parallel.requests} requests); at ${SITES} sites one after another ≈ ${((sequential.secs * SITES) / BASELINE_SITES / 60).toFixed(0)} min per round`,
    ]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  const targets = [
    ['p50 < 60 s', quantile(allLatencies, 0.5) < 60_000],
    ['p95 < 120 s', quantile(allLatencies, 0.95) < 120_000],
    ['≤ 2 article requests per new article beyond polls', articleRequests / Math.max(1, published.size) <= 2],
    ['per-host limit never exceeded', violations === 0],
  ] as const;
  process.stdout.write(`targets: ${targets.map(([name, met]) => `${name} ${met ? 'met' : 'NOT met'}`).join('; ')}\n`);
}

await main();
