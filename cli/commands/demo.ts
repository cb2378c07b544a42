import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { appSecurityFromConfig } from '../../api/app.ts';
import { moduleRoutes } from '../../api/modules.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { DEFAULT_CONFIG_PATH, parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { ItemSummary, KnownRumourRef, ReviewStatus, ScoredItem } from '../../core/types.ts';
import { shortenAtWord } from '../../core/text.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { vietnamDate } from '../../pipeline/nlp/known-rumours.ts';
import { toSummary } from '../../pipeline/store/common.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { generatePassword, openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { createLogger } from '../../core/logger.ts';
import { forumFeedRoute, readPublicPosts } from '../demo/forum-feed.ts';
import { readKnownRumourSeed, seedKnownRumour } from '../demo/known-rumour.ts';
import { StaticSite } from '../demo/static-site.ts';
import { CrawlProgress, formatCrawlSummary, sourceNamesOf } from '../progress.ts';
import { flagReasons } from '../reasons.ts';
import { runCrawl } from './crawl.ts';
import { parsePort, untilStopped } from './serve.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The offline fixture site (a copy of the shared developer fixture) and the labelled corpus. */
export const DEMO_SITE_ROOT = join(REPO, 'tests/fixtures/site');
export const DEMO_CORPUS = join(REPO, 'tests/fixtures/dev-corpus.jsonl');
/** A rumour the office answered before the crawl, and its reposts in the forum feed. */
export const DEMO_KNOWN_RUMOUR = join(REPO, 'cli/demo/known-rumour.json');
export const FORUM_FEED_PATH = '/dien-dan/rss.xml';

/** Starts the demo news site with its forum feed on 127.0.0.1 (a free port). */
export async function startDemoSite(): Promise<StaticSite> {
  const posts = [...readPublicPosts(DEMO_CORPUS), ...readKnownRumourSeed(DEMO_KNOWN_RUMOUR).reposts];
  const site = new StaticSite({
    root: DEMO_SITE_ROOT,
    routes: { [FORUM_FEED_PATH]: forumFeedRoute(posts) },
  });
  await site.start();
  return site;
}

/** A config crawling the demo site (pages, sitemap, RSS, Atom, forum feed) into `dataDir`. */
export function demoConfig(siteUrl: string, dataDir: string): LoadedConfig {
  const configDir = join(REPO, dirname(DEFAULT_CONFIG_PATH));
  return parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
      statePath: join(dataDir, 'crawl-state.json'),
      workflow: { path: join(dataDir, 'workflow.db') },
      crawler: { requestsPerMinute: 600 },
      sources: [
        { id: 'tin-pho-nui', name: 'Tin Phố Núi', kind: 'news', startUrls: [`${siteUrl}/`] },
        { id: 'tin-pho-nui-rss', name: 'Tin Phố Núi (RSS)', kind: 'rss', url: `${siteUrl}/rss.xml` },
        { id: 'tin-pho-nui-atom', name: 'Tin Phố Núi (Atom)', kind: 'rss', url: `${siteUrl}/atom.xml` },
        { id: 'dien-dan-pho-nui', name: 'Diễn đàn Phố Núi', kind: 'rss', url: `${siteUrl}${FORUM_FEED_PATH}`, fetchArticles: false },
      ],
    },
    '<demo>',
    configDir,
  );
}

async function listenPreferring(port: number, start: (port: number) => Promise<RunningServer>): Promise<RunningServer> {
  try {
    return await start(port);
  } catch {
    // The demo should just work: if the usual port is taken, take any free one.
    return start(0);
  }
}

/** "repeats a rumour answered on 14/10/2020 — earlier item …, answer …", as the dashboard's badge says it. */
function repeatLine(known: KnownRumourRef): string {
  const earlier = `earlier item /api/items/${known.itemId}`;
  if (known.decision === 'dismissed') return `resembles an item dismissed on ${vietnamDate(known.decidedAt)} — ${earlier}`;
  if (!known.response) return `repeats a rumour confirmed on ${vietnamDate(known.decidedAt)} — ${earlier}`;
  return `repeats a rumour answered on ${vietnamDate(known.response.publishedAt)} — ${earlier}, answer ${known.response.url ?? known.response.title}`;
}

/** Review statuses of an item nobody has answered or dismissed yet. */
const OPEN_STATUSES: ReviewStatus[] = ['new', 'in_review', 'confirmed', 'response_drafted'];

/** The dashboard's English words for a verdict, so the demo's list reads as the item page does. */
const DASHBOARD_WORDS = JSON.parse(readFileSync(join(REPO, 'dashboards/web/i18n/en.json'), 'utf8')) as Record<string, string>;

/** "Likely distorted (0.99) · About the congresses (0.97)": a bare score says nothing of its scale or its verdict. */
function verdicts(item: ItemSummary): string {
  const distortion = DASHBOARD_WORDS[item.distortion ? 'scores.likely' : 'scores.unlikely'];
  const congress = DASHBOARD_WORDS[item.congress ? 'scores.about' : 'scores.notAbout'];
  return `${distortion} (${item.scores.distortion.toFixed(2)}) · ${congress} (${item.scores.congress.toFixed(2)})`;
}

/** One flagged item, its source by the name the config gives it (as the dashboard shows it). */
function describe(item: ItemSummary, sourceNames: Map<string, string>, reasons: readonly string[] = []): string {
  const score = verdicts(item);
  // one reason a line: a sheet's claim note has its own "; " ("says 21 người; official 15")
  const why = reasons.length ? `\n    why: ${reasons.join('\n         ')}` : '';
  const known = item.knownRumour ? `\n    ↳ ${repeatLine(item.knownRumour)}` : '';
  const source = sourceNames.get(item.sourceId) ?? item.sourceId;
  return `  - ${shortenAtWord(item.title || item.snippet, 90)}\n    ${source} · ${score} · /api/items/${item.id}${why}${known}`;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('crawl a bundled offline news site and forum feed into a fresh store, then serve the dashboard and API')
    .option('-p, --port <n>', 'API port (default 8080, or any free port if taken)', parsePort)
    .option('--no-serve', 'crawl, print the summary and exit')
    .option('--keep', 'keep the demo database instead of deleting it on exit')
    .action(async (options: { port?: number; serve: boolean; keep?: boolean }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-demo-'));
      const site = await startDemoSite();
      try {
        process.stderr.write(`Demo news site on ${site.url} (offline fixture: Tin Phố Núi + Diễn đàn Phố Núi)\n`);
        const config = demoConfig(site.url, dataDir);
        // The office already confirmed and answered one rumour; the forum feed reposts it.
        await seedKnownRumour(config, readKnownRumourSeed(DEMO_KNOWN_RUMOUR));
        const repeats: ScoredItem[] = [];
        const reports = await runCrawl(config, [], new CrawlProgress(), {
          afterCycle: async ({ stored }) => void repeats.push(...stored.filter((item) => item.knownRumour)),
        });
        const sourceNames = sourceNamesOf(config.sources);
        process.stdout.write(`\n${formatCrawlSummary(reports, sourceNames)}\n`);

        const store = await openStore(config);
        // Repeats of decided rumours get their own list below, so this one shows only what is still unanswered:
        // neither answered (the seeded rumour was) nor dismissed.
        const flagged = await store.queryItems({ flagged: true, status: OPEN_STATUSES, sort: 'distortion', page: 1, pageSize: 5 + repeats.length });
        const unanswered = flagged.items.filter((item) => !item.knownRumour).slice(0, 5);
        // Summaries carry no explanations: read each listed item whole for its reasons.
        const reasons = new Map(
          await Promise.all(unanswered.map(async (item) => [item.id, flagReasons((await store.getItem(item.id))?.explanations ?? [])] as const)),
        );
        const stats = await store.stats({});
        const crawled = reports.reduce((sum, report) => sum + report.new, 0);
        const held = stats.total - crawled;
        process.stdout.write(
          `\nStored ${stats.total} items (${crawled} new from this crawl${held > 0 ? `, ${held} the office held before it` : ''}): ` +
            `${stats.congress} about the congresses, ${stats.flagged} flagged for review.\n` +
            `Most likely distorted, not yet answered:\n${unanswered.map((item) => describe(item, sourceNames, reasons.get(item.id))).join('\n') || '  (none)'}\n` +
            `Repeats of rumours the office already decided on:\n${repeats.map((item) => describe(toSummary(item), sourceNames)).join('\n') || '  (none)'}\n`,
        );
        if (!options.serve) {
          await store.close();
          return;
        }
        // A demo admin with a printed password (dashboard, POST /api/auth/login) and a ready API token.
        const logger = createLogger(undefined, { readable: true });
        const workflow = openWorkflow(workflowOptionsFromConfig(config, { store, logger }));
        const password = generatePassword();
        await workflow.users.create({ username: 'demo', role: 'admin', password, displayName: 'Demo admin', mustChangePassword: false }, SYSTEM_ACTOR);
        const { token } = workflow.auth.createToken('demo', { name: 'demo' }, SYSTEM_ACTOR);
        const server = await listenPreferring(options.port ?? 8080, (port) =>
          startServer({
            store,
            workflow,
            security: appSecurityFromConfig(config),
            routes: moduleRoutes({ config, store, workflow }),
            routers: dashboardMounts(),
            host: '127.0.0.1',
            port,
            logger,
          }),
        );
        process.stdout.write(
          `\nDashboard: ${server.url}/  (Vietnamese; EN switch in the header)\n` +
            `Sign in as "demo" (admin), password ${password}\n` +
            `API token: ${token}\n` +
            `  curl -H "Authorization: Bearer ${token}" '${server.url}/api/items?flagged=true'\n` +
            `\nAPI: ${server.url}/api/items?flagged=true\n     ${server.url}/api/stats\n     ${server.url}/api/openapi.json\n` +
            `Database: ${config.store.engine === 'sqlite' ? config.store.path : ''}${options.keep ? ' (kept)' : ' (deleted on exit)'}\n` +
            'Ctrl-C to stop.\n',
        );
        await untilStopped();
        await server.close();
        workflow.close();
        await store.close();
      } finally {
        await site.stop();
        if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
      }
    });
}
