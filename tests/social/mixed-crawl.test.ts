// A crawl of a mixed config (news + RSS + every social kind) through `runCrawl`, the code
// behind `mediawatch crawl`, with the real classifier: every source stores scored items,
// social items carry kind "social" and their platform, authors are pseudonymised, each source
// can be crawled alone (--source), and GET /api/sources reports every source's last run.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleRoutes } from '../../api/modules.ts';
import type { SourceView } from '../../api/routes/sources.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { runCrawl } from '../../cli/commands/crawl.ts';
import { FORUM_FEED_PATH, startDemoSite } from '../../cli/commands/demo.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { CrawlProgress } from '../../cli/progress.ts';
import { DEFAULT_CONFIG_PATH, parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { ItemSummary, Store } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { SYSTEM_ACTOR, type Workflow } from '../../features/workflow/index.ts';
import { testWorkflow } from '../workflow/helpers.ts';
import { FIXTURES, fixture, PSEUDONYM_KEY, query, sendJson, startSite } from './helpers.ts';

const REPO = join(import.meta.dirname, '../..');
const quiet = () => new CrawlProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

let news: StaticSite;
let social: StaticSite;
let dataDir: string;
let config: LoadedConfig;
let reports: SourceReport[];
let store: Store;
let items: ItemSummary[];
let api: RunningServer;
let workflow: Workflow;
let viewerToken: string;

/** The real API, as a viewer calls it with an API token. */
const get = (path: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${viewerToken}` } });

const SOCIAL_IDS = ['masto', 'bsky', 'yt', 'tg', 'rd', 'fb-export'];
/** Handles and display names of private accounts in the fixtures: none may reach the store or the API. */
const PRIVATE_NAMES = ['nguyenvana', 'Nguyễn Văn A', 'hoa-pleiku', 'Hoa Pleiku', 'pleiku_guy', 'gialai24h.page', 'Pleiku Review', 'chuyenphonui'];

beforeAll(async () => {
  news = await startDemoSite();
  social = await startSite({
    '/api/v1/timelines/tag/daihoi': (req, res, s) => {
      if (query(req).get('max_id') || query(req).get('since_id')) return sendJson(res, 200, '[]');
      sendJson(res, 200, s.fillTemplate(fixture('mastodon/tag-daihoi-page1.json')), {
        link: `<${s.url}/api/v1/timelines/tag/daihoi?max_id=113100000000000303>; rel="next"`,
      });
    },
    '/xrpc/app.bsky.feed.searchPosts': (req, res) =>
      sendJson(res, 200, fixture(query(req).get('cursor') || query(req).get('since') ? 'bluesky/search-page3-empty.json' : 'bluesky/search-page1.json')),
    '/xrpc/app.bsky.feed.getAuthorFeed': (req, res) =>
      sendJson(res, 200, fixture(query(req).get('cursor') ? 'bluesky/author-baogialai-page2-empty.json' : 'bluesky/author-baogialai-page1.json')),
    '/feeds/videos.xml': (req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/atom+xml' })
        .end(fixture(query(req).get('playlist_id') ? 'youtube/playlist-daihoi.xml' : 'youtube/channel-gialaitv.xml')),
    '/s/tinnongpleiku': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(fixture('telegram/tinnongpleiku.html')),
    '/r/VietNam/new.json': (req, res) =>
      sendJson(res, 200, fixture(query(req).get('after') ? 'reddit/vietnam-new-page3-empty.json' : 'reddit/vietnam-new-page1.json')),
  });
  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-mixed-'));
  mkdirSync(join(dataDir, 'exports'));
  copyFileSync(join(FIXTURES, 'files/exports/facebook-posts.csv'), join(dataDir, 'exports/facebook-posts.csv'));
  process.env.MEDIAWATCH_TEST_PSEUDONYM_KEY = PSEUDONYM_KEY;
  const rpm = 6000;
  // The repository's config folder is the base, so the real lexicons and facts are used.
  config = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
      statePath: join(dataDir, 'crawl-state.json'),
      crawler: { requestsPerMinute: 600 },
      privacy: { pseudonymKeyEnv: 'MEDIAWATCH_TEST_PSEUDONYM_KEY', keepHandlesFor: { bluesky: ['baogialai.bsky.social'] } },
      sources: [
        { id: 'tin-pho-nui', name: 'Tin Phố Núi', kind: 'news', startUrls: [`${news.url}/`] },
        { id: 'tin-pho-nui-rss', kind: 'rss', url: `${news.url}/rss.xml` },
        { id: 'dien-dan', kind: 'rss', url: `${news.url}${FORUM_FEED_PATH}`, fetchArticles: false },
        { id: 'masto', kind: 'mastodon', baseUrl: social.url, hashtags: ['daihoi'], requestsPerMinute: rpm },
        { id: 'bsky', kind: 'bluesky', baseUrl: social.url, searches: ['đại hội'], authors: ['baogialai.bsky.social'], requestsPerMinute: rpm },
        {
          id: 'yt',
          kind: 'youtube',
          baseUrl: social.url,
          channels: ['UCgl4iLaiTV0nLineQ9x2abc'],
          playlists: ['PLgl4iLaiDaiHoi2020xYz0aB'],
          requestsPerMinute: rpm,
        },
        { id: 'tg', kind: 'telegram', baseUrl: social.url, channels: ['tinnongpleiku'], requestsPerMinute: rpm },
        { id: 'rd', kind: 'reddit', baseUrl: social.url, subreddits: ['VietNam'], requestsPerMinute: rpm },
        {
          id: 'fb-export',
          kind: 'file',
          path: join(dataDir, 'exports'),
          platform: 'facebook',
          columns: { url: 'URL', text: 'Message', author: 'User Name', publishedAt: 'Post Created', likes: 'Likes', replies: 'Comments', shares: 'Shares' },
        },
      ],
    },
    '<mixed>',
    join(REPO, DEFAULT_CONFIG_PATH, '..'),
  );
  reports = await runCrawl(config, [], quiet());
  store = await openStore(config);
  items = (await store.queryItems({ page: 1, pageSize: 100 })).items;

  workflow = await testWorkflow({ store, withUsers: true });
  viewerToken = workflow.auth.createToken('viewer', { name: 'mixed-crawl' }, SYSTEM_ACTOR).token;
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0, routes: moduleRoutes({ config, store, workflow }) });
}, 180_000);

afterAll(async () => {
  await api?.close();
  workflow?.close();
  await store?.close();
  await news?.stop();
  await social?.stop();
  delete process.env.MEDIAWATCH_TEST_PSEUDONYM_KEY;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('crawl of a mixed config', () => {
  it('ingests items from every source and stores them', () => {
    for (const report of reports) {
      expect(report.extracted, report.sourceId).toBeGreaterThan(0);
      expect(report.new + report.updated + report.duplicates, report.sourceId).toBe(report.extracted);
    }
    // The site's RSS feed lists the articles the news crawl stored just before: they are duplicates.
    for (const source of config.sources.filter((s) => s.id !== 'tin-pho-nui-rss')) {
      expect(items.filter((item) => item.sourceId === source.id).length, source.id).toBeGreaterThan(0);
    }
    const socialReports = reports.filter((report) => SOCIAL_IDS.includes(report.sourceId));
    // The CSV has its known bad rows; the API sources finish cleanly.
    expect(socialReports.filter((r) => r.sourceId !== 'fb-export').flatMap((r) => r.errors)).toEqual([]);
  });

  it('labels social items with kind "social" and their platform; news and RSS stay as they were', () => {
    const platformOf = (id: string) => [...new Set(items.filter((item) => item.sourceId === id).map((item) => `${item.kind}/${item.platform}`))];
    expect(platformOf('masto')).toEqual(['social/mastodon']);
    expect(platformOf('bsky')).toEqual(['social/bluesky']);
    expect(platformOf('yt')).toEqual(['social/youtube']);
    expect(platformOf('tg')).toEqual(['social/telegram']);
    expect(platformOf('rd')).toEqual(['social/reddit']);
    expect(platformOf('fb-export')).toEqual(['social/facebook']);
    expect(items.filter((item) => item.sourceId === 'tin-pho-nui').every((item) => item.kind === 'news' && item.platform === undefined)).toBe(true);
  });

  it('scores social items with the real classifier: rumours are flagged, rebuttals are not', () => {
    const flaggedSocial = items.filter((item) => item.kind === 'social' && item.flagged);
    expect(new Set(flaggedSocial.map((item) => item.sourceId)).size).toBeGreaterThanOrEqual(3);
    const rumour = items.find((item) => item.url.endsWith('/post/3kz7qa2xy4c2a'))!;
    expect(rumour.congress).toBe(true);
    expect(rumour.scores.distortion).toBeGreaterThan(0.5);
    const rebuttal = items.find((item) => item.url.endsWith('/post/3kz7r2b3c4d2e'))!;
    expect(rebuttal.congress).toBe(true);
    expect(rebuttal.flagged).toBe(false);
  });

  it('stores pseudonyms, never the handles or names of private persons', async () => {
    const socialItems = items.filter((item) => item.kind === 'social');
    // YouTube's channel is not listed as official here, so it is pseudonymised too.
    expect(socialItems.every((item) => item.author === undefined || /^anon:[0-9a-f]{16}$/.test(item.author) || item.author === '@baogialai.bsky.social')).toBe(
      true,
    );
    const full = await Promise.all(socialItems.map((item) => store.getItem(item.id)));
    const serialised = JSON.stringify(full.map((item) => ({ ...item, url: undefined, canonicalUrl: undefined })));
    for (const personal of PRIVATE_NAMES) expect(serialised, personal).not.toContain(personal);
  });

  it('serves only pseudonyms through the API too', async () => {
    const page = (await (await get('/api/items?kind=social&pageSize=100')).json()) as { items: ItemSummary[]; total: number };
    expect(page.total).toBe(items.filter((item) => item.kind === 'social').length);
    const full = await Promise.all(page.items.map(async (item) => (await get(`/api/items/${item.id}`)).json()));
    const served = JSON.stringify([...page.items, ...full].map((item) => ({ ...(item as object), url: undefined, canonicalUrl: undefined })));
    expect(served).toContain('anon:');
    for (const personal of PRIVATE_NAMES) expect(served, personal).not.toContain(personal);
  });

  it('crawls any single source with --source, incrementally', async () => {
    for (const id of SOCIAL_IDS) {
      const [report] = await runCrawl(config, [id], quiet());
      expect(report.sourceId).toBe(id);
      expect(report.new, id).toBe(0);
      expect(
        report.errors.filter((e) => !/bad row/.test(e.reason)),
        id,
      ).toEqual([]);
    }
  });
});

describe('GET /api/sources', () => {
  it('lists every configured source with kind, platform, last run, items fetched and errors', async () => {
    const body = (await (await get('/api/sources')).json()) as { sources: SourceView[] };
    expect(body.sources.map((s) => [s.id, s.kind, s.platform])).toEqual([
      ['tin-pho-nui', 'news', null],
      ['tin-pho-nui-rss', 'rss', null],
      ['dien-dan', 'rss', null],
      ['masto', 'mastodon', 'mastodon'],
      ['bsky', 'bluesky', 'bluesky'],
      ['yt', 'youtube', 'youtube'],
      ['tg', 'telegram', 'telegram'],
      ['rd', 'reddit', 'reddit'],
      ['fb-export', 'file', 'facebook'],
    ]);
    const bsky = body.sources.find((s) => s.id === 'bsky')!;
    expect(bsky.lastRun).toMatchObject({ status: 'ok', sourceId: 'bsky', kind: 'bluesky' });
    expect(bsky.itemsFetched).toBeGreaterThan(0); // the second (single-source) run still asked the API
    expect(bsky.totals.runs).toBe(2);
    expect(bsky.totals.new).toBe(reports.find((r) => r.sourceId === 'bsky')!.new);
    expect(bsky.storedItems).toBe(items.filter((item) => item.sourceId === 'bsky').length);
    const news = body.sources.find((s) => s.id === 'tin-pho-nui')!;
    expect(news.lastRun?.status).toMatch(/ok|errors/);
    expect(news.totals.runs).toBe(1);
    expect(news.location).toBe(`${newsSite().url}/`);
    const file = body.sources.find((s) => s.id === 'fb-export')!;
    expect(file.lastRun?.status).toBe('ok'); // the unchanged file was skipped on the second run
    expect(body.sources.find((s) => s.id === 'fb-export')!.totals.errors).toBe(5);
    expect(JSON.stringify(body)).not.toContain(PSEUDONYM_KEY);
  });

  it('shows one source with its recent runs, and 404 for an unknown one', async () => {
    const response = await get('/api/sources/fb-export');
    const body = (await response.json()) as SourceView & { runs: Array<{ status: string; errorCount: number; errors: Array<{ url: string }> }> };
    expect(body.runs.map((run) => [run.status, run.errorCount])).toEqual([
      ['ok', 0],
      ['errors', 5],
    ]);
    expect(body.runs[1].errors[0].url).toMatch(/facebook-posts\.csv:6$/);
    expect((await get('/api/sources/khong-co')).status).toBe(404);
  });
});

function newsSite(): StaticSite {
  return news;
}
