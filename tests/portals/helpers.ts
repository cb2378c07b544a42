// A local agency portal for the portal-watch tests: the fixture site copied to a temporary folder
// and served by StaticSite, then changed between checks by copying an overlay folder over it,
// deleting files, or answering a path with a route handler (redirects).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { StaticSite, type RouteHandler } from '../../cli/demo/static-site.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/portal/', import.meta.url));
export const LEXICON = fileURLToPath(new URL('../../config/portal-defacement.yaml', import.meta.url));
export const TLS_DIR = join(FIXTURES, 'tls');

/** Parts of the fixture portal that change on their own: the news list, the visitor counter, today's date. */
export const CHANGING = ['.news-list', '.visitor-count', '.today'];

export class TestPortal {
  readonly dir = mkdtempSync(join(tmpdir(), 'mediawatch-portal-'));
  readonly root = join(this.dir, 'www');
  readonly routes: Record<string, RouteHandler> = {};
  readonly site: StaticSite;

  constructor() {
    cpSync(join(FIXTURES, 'site'), this.root, { recursive: true });
    this.site = new StaticSite({ root: this.root, routes: this.routes });
  }

  async start(): Promise<this> {
    await this.site.start();
    return this;
  }

  get url(): string {
    return this.site.url;
  }

  page(path: string): string {
    return `${this.site.url}${path}`;
  }

  /** Copies tests/fixtures/portal/<name> over the served files. */
  overlay(name: 'updated' | 'defaced'): void {
    cpSync(join(FIXTURES, name), this.root, { recursive: true });
  }

  /** Puts a file of the original site back. */
  restore(path: string): void {
    cpSync(join(FIXTURES, 'site', path), join(this.root, path));
  }

  remove(path: string): void {
    rmSync(join(this.root, path));
  }

  redirect(path: string, location: string, status = 302): void {
    this.routes[path] = (_req, res) => void res.writeHead(status, { location }).end();
  }

  async stop(): Promise<void> {
    await this.site.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A config watching the test portal; state files in the portal's temporary folder. */
export function portalConfig(portal: TestPortal, extra: Record<string, unknown> = {}, portalExtra: Record<string, unknown> = {}): LoadedConfig {
  return parseConfig(
    {
      crawler: { requestsPerMinute: 6000, timeoutSecs: 5 },
      workflow: { path: join(portal.dir, 'workflow.db') },
      portals: [{ id: 'vpubnd', name: 'Cổng TTĐT Văn phòng UBND tỉnh', startUrls: [`${portal.url}/`], changingSelectors: CHANGING, ...portalExtra }],
      portalWatch: { lexicon: LEXICON, statePath: join(portal.dir, 'portals.db') },
      ...extra,
    },
    join(portal.dir, 'mediawatch.yaml'),
    portal.dir,
  );
}

/** A logger that keeps its records for assertions. */
export function memoryLogger(): { logger: Logger; records: Array<Record<string, unknown> & { msg: string; level: number }> } {
  const records: Array<Record<string, unknown> & { msg: string; level: number }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records };
}

/** Relative paths of an incident's pages, sorted. */
export function paths(pages: Array<string | { url: string }>): string[] {
  return pages.map((page) => new URL(typeof page === 'string' ? page : page.url).pathname).sort();
}
