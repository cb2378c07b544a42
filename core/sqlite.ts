import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface OpenSqliteOptions {
  /** How long a writer waits for another process's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** NORMAL (default) is safe with WAL; FULL for data that exists nowhere else yet. */
  synchronous?: 'NORMAL' | 'FULL';
  foreignKeys?: boolean;
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
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 8192');
  const migrations = options.migrations ?? [];
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > migrations.length) {
    db.close();
    throw new Error(`${path} has schema version ${applied}, newer than this mediawatch knows (${migrations.length}); upgrade mediawatch`);
  }
  for (let step = applied; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
  return db;
}
