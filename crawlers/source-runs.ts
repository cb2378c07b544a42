import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { openSqlite } from '../core/sqlite.ts';
import { configRelative, type LoadedConfig } from '../core/config.ts';
import type { CrawlError, SourceReport } from './report.ts';

/** Runs kept per source; older ones are pruned. */
const KEEP_RUNS = 50;
/** Errors kept per run (the count is always exact). */
const KEEP_ERRORS = 10;

export type SourceRunStatus = 'running' | 'ok' | 'errors' | 'failed';

export interface SourceRunRecord {
  id: number;
  sourceId: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  /** ok: no error; errors: finished with some errors; failed: the source as a whole could not be read; running: not finished (or interrupted). */
  status: SourceRunStatus;
  fetched: number;
  extracted: number;
  new: number;
  updated: number;
  duplicates: number;
  flagged: number;
  errorCount: number;
  /** The first errors of the run. */
  errors: CrawlError[];
}

export interface SourceTotals {
  runs: number;
  fetched: number;
  new: number;
  errors: number;
}

interface Row {
  id: number;
  source_id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  status: SourceRunStatus;
  fetched: number;
  extracted: number;
  new_items: number;
  updated: number;
  duplicates: number;
  flagged: number;
  error_count: number;
  errors: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS source_runs (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    fetched INTEGER NOT NULL DEFAULT 0,
    extracted INTEGER NOT NULL DEFAULT 0,
    new_items INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    flagged INTEGER NOT NULL DEFAULT 0,
    error_count INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX IF NOT EXISTS source_runs_source ON source_runs (source_id, id DESC);`;

// Kept apart from the pruned runs: when a source was first crawled, when a run last stored
// something new, and the publication→storage delays of the items published since watching began.
const FRESHNESS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS source_freshness (
    source_id TEXT PRIMARY KEY,
    first_run_at TEXT NOT NULL,
    last_change_at TEXT,
    delay_sum_ms REAL NOT NULL DEFAULT 0,
    delay_count INTEGER NOT NULL DEFAULT 0
  );`;

export interface SourceFreshness {
  /** Start of the first run recorded for the source. */
  firstRunAt: string;
  /** End of the last run that stored a new item. */
  lastChangeAt: string | null;
  /** Mean time from publication to storage of the new items published after the first run began (null: none yet). */
  avgPublicationDelayMs: number | null;
  /** How many items that mean is over. */
  delaySamples: number;
}

function toRecord(row: Row): SourceRunRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    fetched: row.fetched,
    extracted: row.extracted,
    new: row.new_items,
    updated: row.updated,
    duplicates: row.duplicates,
    flagged: row.flagged,
    errorCount: row.error_count,
    errors: JSON.parse(row.errors) as CrawlError[],
  };
}

/** The run log sits next to the crawl state file (data/source-runs.db by default). */
export function sourceRunsPath(config: Pick<LoadedConfig, 'baseDir' | 'statePath'>): string {
  return join(dirname(configRelative(config, config.statePath)), 'source-runs.db');
}

/**
 * Durable record of each source's crawl runs (started, finished, counts, first errors), in a
 * small SQLite file so that a crawl process and the API server can share it safely.
 */
export class SourceRunLog {
  private db: Database.Database | undefined;

  constructor(
    private readonly path: string,
    private readonly options: { readonly?: boolean } = {},
  ) {}

  private conn(): Database.Database | undefined {
    if (this.db) return this.db;
    if (this.options.readonly && !existsSync(this.path)) return undefined; // nothing crawled yet
    const db = openSqlite(this.path, { migrations: [SCHEMA, FRESHNESS_SCHEMA] });
    this.db = db;
    return db;
  }

  /** Records the start of a run; returns its id for `finish`. */
  start(sourceId: string, kind: string, startedAt = new Date().toISOString()): number {
    const db = this.conn()!;
    const result = db.prepare('INSERT INTO source_runs (source_id, kind, started_at, status) VALUES (?, ?, ?, ?)').run(sourceId, kind, startedAt, 'running');
    return Number(result.lastInsertRowid);
  }

  finish(runId: number, report: SourceReport, failed = false, finishedAt = new Date().toISOString()): void {
    const db = this.conn()!;
    const status: SourceRunStatus = failed ? 'failed' : report.errors.length ? 'errors' : 'ok';
    db.transaction(() => {
      this.recordFreshness(db, runId, report, finishedAt);
      db.prepare(
        `UPDATE source_runs SET finished_at = ?, status = ?, fetched = ?, extracted = ?, new_items = ?, updated = ?,
           duplicates = ?, flagged = ?, error_count = ?, errors = ? WHERE id = ?`,
      ).run(
        finishedAt,
        status,
        report.fetched,
        report.extracted,
        report.new,
        report.updated,
        report.duplicates,
        report.flagged,
        report.errors.length,
        JSON.stringify(report.errors.slice(0, KEEP_ERRORS)),
        runId,
      );
      db.prepare(
        `DELETE FROM source_runs WHERE source_id = (SELECT source_id FROM source_runs WHERE id = @id)
           AND id NOT IN (SELECT id FROM source_runs WHERE source_id = (SELECT source_id FROM source_runs WHERE id = @id) ORDER BY id DESC LIMIT @keep)`,
      ).run({ id: runId, keep: KEEP_RUNS });
    })();
  }

  private recordFreshness(db: Database.Database, runId: number, report: SourceReport, finishedAt: string): void {
    const run = db.prepare<[number], { source_id: string; started_at: string }>('SELECT source_id, started_at FROM source_runs WHERE id = ?').get(runId);
    if (!run) return;
    db.prepare('INSERT OR IGNORE INTO source_freshness (source_id, first_run_at) VALUES (?, ?)').run(run.source_id, run.started_at);
    const { first_run_at: firstRunAt } = db
      .prepare<[string], { first_run_at: string }>('SELECT first_run_at FROM source_freshness WHERE source_id = ?')
      .get(run.source_id)!;
    // Items published before we started watching (an archive's first crawl) say nothing about freshness.
    const watchedSince = Date.parse(firstRunAt);
    const delays = report.newItemTimes.filter((t) => t.published >= watchedSince && t.stored >= t.published).map((t) => t.stored - t.published);
    db.prepare(
      `UPDATE source_freshness SET last_change_at = CASE WHEN @changed THEN @finishedAt ELSE last_change_at END,
         delay_sum_ms = delay_sum_ms + @sum, delay_count = delay_count + @count WHERE source_id = @sourceId`,
    ).run({ changed: report.new > 0 ? 1 : 0, finishedAt, sum: delays.reduce((a, b) => a + b, 0), count: delays.length, sourceId: run.source_id });
  }

  /** Per source: first run, last change seen and mean publication→storage delay. */
  freshness(): Map<string, SourceFreshness> {
    const db = this.conn();
    if (!db) return new Map();
    const rows = db
      .prepare<[], { source_id: string; first_run_at: string; last_change_at: string | null; delay_sum_ms: number; delay_count: number }>(
        'SELECT * FROM source_freshness',
      )
      .all();
    return new Map(
      rows.map((row) => [
        row.source_id,
        {
          firstRunAt: row.first_run_at,
          lastChangeAt: row.last_change_at,
          avgPublicationDelayMs: row.delay_count ? row.delay_sum_ms / row.delay_count : null,
          delaySamples: row.delay_count,
        },
      ]),
    );
  }

  /** The latest run of each source that has one. */
  latest(): Map<string, SourceRunRecord> {
    const db = this.conn();
    if (!db) return new Map();
    const rows = db.prepare<[], Row>('SELECT * FROM source_runs WHERE id IN (SELECT max(id) FROM source_runs GROUP BY source_id)').all();
    return new Map(rows.map((row) => [row.source_id, toRecord(row)]));
  }

  /** Counts over the runs kept, per source. */
  totals(): Map<string, SourceTotals> {
    const db = this.conn();
    if (!db) return new Map();
    const rows = db
      .prepare<[], { source_id: string; runs: number; fetched: number; new_items: number; errors: number }>(
        'SELECT source_id, count(*) AS runs, sum(fetched) AS fetched, sum(new_items) AS new_items, sum(error_count) AS errors FROM source_runs GROUP BY source_id',
      )
      .all();
    return new Map(rows.map((row) => [row.source_id, { runs: row.runs, fetched: row.fetched, new: row.new_items, errors: row.errors }]));
  }

  /** The last `limit` runs of one source, newest first. */
  history(sourceId: string, limit = 20): SourceRunRecord[] {
    const db = this.conn();
    if (!db) return [];
    return db.prepare<[string, number], Row>('SELECT * FROM source_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?').all(sourceId, limit).map(toRecord);
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
