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
    const db = openSqlite(this.path, { migrations: [SCHEMA] });
    this.db = db;
    return db;
  }

  /** Records the start of a run; returns its id for `finish`. */
  start(sourceId: string, kind: string, startedAt = new Date().toISOString()): number {
    const db = this.conn()!;
    const result = db
      .prepare('INSERT INTO source_runs (source_id, kind, started_at, status) VALUES (?, ?, ?, ?)')
      .run(sourceId, kind, startedAt, 'running');
    return Number(result.lastInsertRowid);
  }

  finish(runId: number, report: SourceReport, failed = false, finishedAt = new Date().toISOString()): void {
    const db = this.conn()!;
    const status: SourceRunStatus = failed ? 'failed' : report.errors.length ? 'errors' : 'ok';
    db.transaction(() => {
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

  /** The latest run of each source that has one. */
  latest(): Map<string, SourceRunRecord> {
    const db = this.conn();
    if (!db) return new Map();
    const rows = db
      .prepare<[], Row>('SELECT * FROM source_runs WHERE id IN (SELECT max(id) FROM source_runs GROUP BY source_id)')
      .all();
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
    return db
      .prepare<[string, number], Row>('SELECT * FROM source_runs WHERE source_id = ? ORDER BY id DESC LIMIT ?')
      .all(sourceId, limit)
      .map(toRecord);
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
