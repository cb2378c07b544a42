import type Database from 'better-sqlite3';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openSqlite } from '../core/sqlite.ts';
import { configRelative, type LoadedConfig } from '../core/config.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * What a remembered URL was: an article (stored; re-checked on a schedule), a pointer to one
 * (print copy, meta-refresh stub: treated like its article), a nested sitemap (read again when
 * its index dates it after our last read). Listing pages (home, sections) are not remembered:
 * every round visits them.
 */
export type RememberedKind = 'article' | 'pointer' | 'sitemap';

export interface PageMemory {
  url: string;
  kind: RememberedKind;
  sourceId: string;
  etag?: string | null;
  lastModified?: string | null;
  contentHash?: string | null;
  /** Epoch ms. */
  firstSeen: number;
  fetchedAt: number;
  /** When the page is due again; null: no more re-checks. */
  nextCheck: number | null;
}

export interface RecheckPolicy {
  recheckAfterHours: number[];
  recheckForDays: number;
}

/**
 * When an article first fetched at `firstSeen` is next worth fetching again: the first listed age
 * still ahead, then every last-listed interval, never past recheckForDays (null: stop).
 */
export function nextRecheck(firstSeen: number, now: number, policy: RecheckPolicy): number | null {
  const end = firstSeen + policy.recheckForDays * DAY_MS;
  const steps = policy.recheckAfterHours.map((hours) => firstSeen + hours * HOUR_MS).sort((a, b) => a - b);
  const next = steps.find((at) => at > now) ?? now + policy.recheckAfterHours[policy.recheckAfterHours.length - 1] * HOUR_MS;
  return next <= end ? next : null;
}

export interface RobotsMemory {
  status: number;
  body: string;
  fetchedAt: number;
}

/** Validators to send with a request for a page fetched before (If-None-Match / If-Modified-Since). */
export function conditionalHeaders(page: Pick<PageMemory, 'etag' | 'lastModified'> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (page?.etag) headers['if-none-match'] = page.etag;
  if (page?.lastModified) headers['if-modified-since'] = page.lastModified;
  return headers;
}

const MIGRATIONS = [
  `CREATE TABLE pages (
     url TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     source_id TEXT NOT NULL,
     etag TEXT,
     last_modified TEXT,
     content_hash TEXT,
     first_seen INTEGER NOT NULL,
     fetched_at INTEGER NOT NULL,
     next_check INTEGER
   );
   CREATE INDEX pages_due ON pages (source_id, next_check) WHERE next_check IS NOT NULL;
   CREATE INDEX pages_fetched ON pages (fetched_at);
   CREATE TABLE robots (origin TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, fetched_at INTEGER NOT NULL);`,
];

/** The crawl memory sits next to the crawl state file (data/crawl-memory.db by default). */
export function crawlMemoryPath(config: Pick<LoadedConfig, 'baseDir' | 'statePath'>): string {
  return join(dirname(configRelative(config, config.statePath)), 'crawl-memory.db');
}

/** Opens the memory file; an unreadable one is set aside (it only saves requests) and a new one started. */
function openMemory(path: string): Database.Database {
  try {
    return openSqlite(path, { migrations: MIGRATIONS });
  } catch (error) {
    if (path === ':memory:' || !/SQLITE_NOTADB|SQLITE_CORRUPT/.test(String((error as { code?: unknown }).code))) throw error;
    renameSync(path, `${path}.corrupt`);
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    process.emitWarning(`crawl memory ${path} was unreadable (${(error as Error).message}); moved to ${path}.corrupt, starting fresh`);
    return openSqlite(path, { migrations: MIGRATIONS });
  }
}

/**
 * What the crawler knows about each URL between rounds (validators, content hash, last fetch,
 * next re-check) and each host's robots.txt, in a small SQLite file shared by every source, so a
 * page fetched by a site crawl is not fetched again for the same site's feed. Losing it only costs
 * full refetches; entries unfetched for `memoryDays` are pruned when it opens.
 */
export class CrawlMemory {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], PageMemory>;

  constructor(
    path: string,
    private readonly policy: RecheckPolicy & { memoryDays: number },
    private readonly now: () => number = Date.now,
  ) {
    this.db = openMemory(path);
    this.select = this.db.prepare(
      `SELECT url, kind, source_id AS sourceId, etag, last_modified AS lastModified, content_hash AS contentHash,
              first_seen AS firstSeen, fetched_at AS fetchedAt, next_check AS nextCheck FROM pages WHERE url = ?`,
    );
    this.db.prepare('DELETE FROM pages WHERE fetched_at < ?').run(this.now() - policy.memoryDays * DAY_MS);
  }

  get(url: string): PageMemory | undefined {
    return this.select.get(url);
  }

  /**
   * Whether a URL is worth a request this round: never fetched (listing pages never are), due for
   * a re-check, or announced as changed since our fetch (a sitemap lastmod, a feed entry's date).
   */
  wanted(url: string, changedAt?: string): boolean {
    const page = this.get(url);
    if (!page) return true;
    const announced = changedAt ? Date.parse(changedAt) : Number.NaN;
    // A nested sitemap is read again unless its index dates it before our last read.
    if (page.kind === 'sitemap') return !(announced <= page.fetchedAt);
    if (page.nextCheck !== null && page.nextCheck <= this.now()) return true;
    return announced > page.fetchedAt;
  }

  /** Conditional-request headers for a remembered article (listing pages are not remembered: they are fetched whole every round, for their links). */
  validators(url: string): Record<string, string> {
    const page = this.get(url);
    return page?.kind === 'article' ? conditionalHeaders(page) : {};
  }

  /** Records a fetch (answered 200) of a URL. */
  remember(url: string, fetched: Pick<PageMemory, 'kind' | 'sourceId' | 'etag' | 'lastModified' | 'contentHash'>): void {
    const now = this.now();
    const firstSeen = this.get(url)?.firstSeen ?? now;
    const nextCheck = fetched.kind === 'article' || fetched.kind === 'pointer' ? nextRecheck(firstSeen, now, this.policy) : null;
    this.db
      .prepare(
        `INSERT INTO pages (url, kind, source_id, etag, last_modified, content_hash, first_seen, fetched_at, next_check)
         VALUES (@url, @kind, @sourceId, @etag, @lastModified, @contentHash, @firstSeen, @now, @nextCheck)
         ON CONFLICT (url) DO UPDATE SET kind = @kind, source_id = @sourceId, etag = @etag, last_modified = @lastModified,
           content_hash = COALESCE(@contentHash, content_hash), fetched_at = @now, next_check = @nextCheck`,
      )
      .run({
        url,
        kind: fetched.kind,
        sourceId: fetched.sourceId,
        etag: fetched.etag ?? null,
        lastModified: fetched.lastModified ?? null,
        contentHash: fetched.contentHash ?? null,
        firstSeen,
        now,
        nextCheck,
      });
  }

  /** A re-check answered 304 (or the same content): the page moves on to its next re-check. */
  unchanged(url: string): void {
    const page = this.get(url);
    if (!page) return;
    const now = this.now();
    const nextCheck = page.kind === 'article' || page.kind === 'pointer' ? nextRecheck(page.firstSeen, now, this.policy) : null;
    this.db.prepare('UPDATE pages SET fetched_at = ?, next_check = ? WHERE url = ?').run(now, nextCheck, url);
  }

  /** The source's articles due for a re-check, the longest-waiting first. */
  due(sourceId: string, limit: number): string[] {
    return this.db
      .prepare<[string, number, number], { url: string }>(
        "SELECT url FROM pages WHERE source_id = ? AND kind = 'article' AND next_check IS NOT NULL AND next_check <= ? ORDER BY next_check LIMIT ?",
      )
      .all(sourceId, this.now(), limit)
      .map((row) => row.url);
  }

  robots(origin: string): RobotsMemory | undefined {
    const row = this.db
      .prepare<[string], { status: number; body: string; fetched_at: number }>('SELECT status, body, fetched_at FROM robots WHERE origin = ?')
      .get(origin);
    return row && { status: row.status, body: row.body, fetchedAt: row.fetched_at };
  }

  saveRobots(origin: string, status: number, body: string): void {
    this.db
      .prepare(
        'INSERT INTO robots (origin, status, body, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (origin) DO UPDATE SET status = excluded.status, body = excluded.body, fetched_at = excluded.fetched_at',
      )
      .run(origin, status, body, this.now());
  }

  close(): void {
    this.db.close();
  }
}
