import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface OpenSqliteOptions {
  /** How long a writer waits for another process's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** NORMAL (default) is safe with WAL; FULL for data that exists nowhere else yet. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Enforce foreign keys (better-sqlite3 already does by default; this makes it explicit). */
  foreignKeys?: boolean;
  /** Page size of a new file (an existing file keeps its own). Default 4096, SQLite's own. */
  pageSize?: number;
  /**
   * WAL pages after which a commit also copies the log back into the database. Default 8192
   * (32 MB at 4 KB pages). Set it high when another connection checkpoints in the background.
   */
  autoCheckpointPages?: number;
  /**
   * Schema steps applied in order inside transactions; PRAGMA user_version records how many ran.
   * Append new steps; never edit a released one.
   */
  migrations?: string[];
}

/**
 * Opens (creating the folder if needed) one of mediawatch's local SQLite files — the item store,
 * workflow, outbox, alert ledger, run log, portal baselines — in WAL mode, migrated to date.
 * ":memory:" gives a throwaway database.
 */
export function openSqlite(path: string, options: OpenSqliteOptions = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Only takes effect before the first table exists, i.e. on a new file.
  if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('cache_size = -65536');
  db.pragma(`wal_autocheckpoint = ${options.autoCheckpointPages ?? 8192}`);
  const migrations = options.migrations ?? [];
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > migrations.length) {
    db.close();
    throw new Error(`${path} has schema version ${applied}, newer than this mediawatch knows (${migrations.length}); upgrade mediawatch`);
  }
  // Foreign keys are enforced only after the migrations, so that a step may rebuild a table others
  // point at (SQLite's documented way to change a constraint); each step is checked before it
  // commits. (better-sqlite3 turns them on by default.)
  const enforceForeignKeys = Boolean(options.foreignKeys || db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  for (let step = applied; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]);
      if (enforceForeignKeys) {
        const broken = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
        if (broken.length) throw new Error(`${path}: schema step ${step + 1} leaves ${broken.length} broken links (${broken[0].table} → ${broken[0].parent})`);
      }
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
  if (enforceForeignKeys) db.pragma('foreign_keys = ON');
  return db;
}
