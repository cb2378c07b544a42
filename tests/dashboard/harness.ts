// Starts what a newcomer gets from `mediawatch demo` — the offline demo site crawled through
// the real pipeline into a temporary SQLite store, the API with the dashboard mounted, users of
// every role — and a headless Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { moduleRoutes } from '../../api/modules.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { runCrawl } from '../../cli/commands/crawl.ts';
import { DEMO_KNOWN_RUMOUR, demoConfig, startDemoSite } from '../../cli/commands/demo.ts';
import { readKnownRumourSeed, seedKnownRumour } from '../../cli/demo/known-rumour.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { CrawlProgress } from '../../cli/progress.ts';
import type { LoadedConfig } from '../../core/config.ts';
import type { ScoredItem, Store } from '../../core/types.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig, type Role, type Workflow } from '../../features/workflow/index.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../.cache/screenshots');

/** One user per role, with passwords that meet the policy. */
export const USERS: Record<Role, { username: string; password: string; displayName: string }> = {
  admin: { username: 'chief', password: 'Truong-pass-2020', displayName: 'Chánh Văn phòng' },
  analyst: { username: 'lan', password: 'Tre-pass-2020', displayName: 'Nguyễn Thị Lan' },
  spokesperson: { username: 'minh', password: 'Thong-pass-2020', displayName: 'Trần Văn Minh' },
  viewer: { username: 'xem', password: 'Doctin-pass-2020', displayName: 'Người xem' },
};

export interface Env {
  site: StaticSite;
  dataDir: string;
  config: LoadedConfig;
  store: Store;
  workflow: Workflow;
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

const quiet = () => new CrawlProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

/**
 * Crawls the demo site into a fresh store (plus `extraItems`), creates the users and serves the
 * dashboard. `knownRumour`: first, as `mediawatch demo` does, the office confirms and answers the
 * demo's rumour, so that the crawl finds reposts of it.
 */
export async function startEnv(options: { extraItems?: ScoredItem[]; crawl?: boolean; knownRumour?: boolean } = {}): Promise<Env> {
  const site = await startDemoSite();
  const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-dashboard-'));
  const config = demoConfig(site.url, dataDir);
  if (options.knownRumour) await seedKnownRumour(config, readKnownRumourSeed(DEMO_KNOWN_RUMOUR));
  if (options.crawl !== false) await runCrawl(config, [], quiet());
  const store = await openStore(config);
  if (options.extraItems?.length) await store.upsertItems(options.extraItems);
  const workflow = openWorkflow({ ...workflowOptionsFromConfig(config, { store }), security: { scryptCost: 10 } });
  for (const [role, user] of Object.entries(USERS) as Array<[Role, (typeof USERS)[Role]]>) {
    await workflow.users.create(
      { username: user.username, role, password: user.password, displayName: user.displayName, mustChangePassword: false },
      SYSTEM_ACTOR,
    );
  }
  const server = await startServer({
    store,
    workflow,
    host: '127.0.0.1',
    port: 0,
    security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 } },
    routes: moduleRoutes({ config, store, workflow }),
    routers: dashboardMounts(),
  });
  return {
    site,
    dataDir,
    config,
    store,
    workflow,
    server,
    url: server.url,
    async close() {
      await server.close();
      workflow.close();
      await store.close();
      await site.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Everything a page did that a test should see: console errors, page errors, dialogs, CSP reports. */
export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

export async function newWatchedPage(context: BrowserContext): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('dialog', async (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { page, watch };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the login page (from wherever the app redirected to). */
export async function login(page: Page, url: string, role: Role, next = '/'): Promise<void> {
  await page.goto(`${url}/login?next=${encodeURIComponent(next)}`);
  await page.fill('#username', USERS[role].username);
  await page.fill('#password', USERS[role].password);
  await Promise.all([page.waitForURL((target) => !target.pathname.startsWith('/login')), page.click('#login-form button[type=submit]')]);
}
