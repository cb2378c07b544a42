// A durable queue of items that could not be written to Elasticsearch (node down, overloaded):
// a small SQLite file next to the data, replayed in order once the cluster answers again.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite } from '../../core/sqlite.ts';
import type { ScoredItem } from '../../core/types.ts';

export interface OutboxEntry {
  id: string;
  /** Bumped on every re-queue of the same id, so an ack never removes a newer copy. */
  version: number;
  item: ScoredItem;
}

export interface DeadLetter {
  id: string;
  reason: string;
  failedAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbox (
    pos INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_content_hash ON outbox (content_hash, pos);
  -- Items Elasticsearch rejected for good (mapping errors...) while replaying: kept for a human.
  CREATE TABLE IF NOT EXISTS dead_letters (
    pos INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    doc TEXT NOT NULL
  );`;

/**
 * The file is only created when something has to be buffered, so read-only processes
 * (`serve`) and healthy crawls leave no file behind.
 */
export class EsOutbox {
  private db: Database.Database | undefined;

  constructor(readonly path: string) {}

  private open(create: boolean): Database.Database | undefined {
    if (this.db) return this.db;
    if (!create && (this.path === ':memory:' || !existsSync(this.path))) return undefined;
    // Buffered items are the only copy until replayed: full fsync on commit.
    const db = openSqlite(this.path, { synchronous: 'FULL', migrations: [SCHEMA] });
    this.db = db;
    return db;
  }

  /** Queues items (a newer copy of a queued id replaces it, keeping its place in line). */
  enqueue(items: ScoredItem[]): void {
    if (!items.length) return;
    const db = this.open(true)!;
    const upsert = db.prepare(
      `INSERT INTO outbox (id, version, content_hash, queued_at, doc) VALUES (@id, 1, @hash, @at, @doc)
       ON CONFLICT(id) DO UPDATE SET version = version + 1, content_hash = excluded.content_hash,
         queued_at = excluded.queued_at, doc = excluded.doc`,
    );
    const at = new Date().toISOString();
    db.transaction(() => {
      for (const item of items) upsert.run({ id: item.id, hash: item.contentHash, at, doc: JSON.stringify(item) });
    })();
  }

  pending(): number {
    const db = this.open(false);
    if (!db) return 0;
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  }

  /** The oldest queued entries, in the order they were first queued. */
  peek(limit: number): OutboxEntry[] {
    const db = this.open(false);
    if (!db) return [];
    const rows = db.prepare('SELECT id, version, doc FROM outbox ORDER BY pos LIMIT ?').all(limit) as Array<{
      id: string;
      version: number;
      doc: string;
    }>;
    return rows.map((row) => ({ id: row.id, version: row.version, item: JSON.parse(row.doc) as ScoredItem }));
  }

  /** Removes entries that reached Elasticsearch, unless a newer copy was queued meanwhile. */
  ack(entries: Array<Pick<OutboxEntry, 'id' | 'version'>>): void {
    const db = this.open(false);
    if (!db || !entries.length) return;
    const remove = db.prepare('DELETE FROM outbox WHERE id = ? AND version = ?');
    db.transaction(() => {
      for (const entry of entries) remove.run(entry.id, entry.version);
    })();
  }

  /** Moves an entry Elasticsearch refused for good to the dead letters. */
  reject(entry: OutboxEntry, reason: string): void {
    const db = this.open(true)!;
    db.transaction(() => {
      db.prepare('INSERT INTO dead_letters (id, reason, failed_at, doc) VALUES (?, ?, ?, ?)').run(
        entry.id,
        reason,
        new Date().toISOString(),
        JSON.stringify(entry.item),
      );
      db.prepare('DELETE FROM outbox WHERE id = ? AND version = ?').run(entry.id, entry.version);
    })();
  }

  deadLetters(): DeadLetter[] {
    const db = this.open(false);
    if (!db) return [];
    return db.prepare('SELECT id, reason, failed_at AS failedAt FROM dead_letters ORDER BY pos').all() as DeadLetter[];
  }

  get(id: string): ScoredItem | null {
    const db = this.open(false);
    if (!db) return null;
    const row = db.prepare('SELECT doc FROM outbox WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as ScoredItem) : null;
  }

  findByContentHash(contentHash: string): string | null {
    const db = this.open(false);
    if (!db) return null;
    const row = db.prepare('SELECT id FROM outbox WHERE content_hash = ? ORDER BY pos LIMIT 1').get(contentHash) as { id: string } | undefined;
    return row?.id ?? null;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}
