import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DiskFullError, isDiskFull } from '../../core/disk.ts';
import { openSqlite } from '../../core/sqlite.ts';
import type {
  ItemKind,
  ItemQuery,
  ItemSort,
  ItemSummary,
  Page,
  ScoredItem,
  Stats,
  StatsQuery,
  Store,
  UpsertResult,
  ItemStreamQuery,
} from '../../core/types.ts';
import { foldedTextOf } from '../normalise.ts';
import { foldVietnamese } from '../nlp/fold.ts';
import { dateBound, itemTimestamp, toSummary, vietnamDay } from './common.ts';
import { SearchIndex } from './search-index.ts';

export interface SqliteStoreOptions {
  /**
   * Database file; created with its folder if missing. Its full-text index is kept beside it
   * (`name.search.db`). ":memory:" gives a throwaway store in a temporary folder, removed on close
   * (the index's worker thread cannot see an in-memory database).
   */
  path: string;
  /** How long a writer waits for another process's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran.
 * Append new steps; never edit a released one.
 */
export const ITEM_STORE_MIGRATIONS: string[] = [
  `CREATE TABLE items (
     rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     source_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     platform TEXT,
     canonical_url TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     cluster_id TEXT,
     ts TEXT NOT NULL,
     day TEXT NOT NULL,
     congress INTEGER NOT NULL,
     distortion INTEGER NOT NULL,
     flagged INTEGER NOT NULL,
     score_congress REAL NOT NULL,
     score_distortion REAL NOT NULL,
     topics TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'new',
     assignee TEXT,
     -- The item as JSON, without its folded text (the search index below holds that).
     doc TEXT NOT NULL
   );
   -- Every index costs each write: partial indexes cover only the rows their queries select
   -- (flagged items, reviewed items, social posts).
   CREATE INDEX items_ts ON items (ts DESC, id);
   CREATE INDEX items_flagged_ts ON items (ts DESC) WHERE flagged = 1;
   CREATE INDEX items_source_ts ON items (source_id, ts DESC);
   CREATE INDEX items_content_hash ON items (content_hash);
   CREATE INDEX items_cluster ON items (cluster_id, ts);
   CREATE INDEX items_reviewed ON items (status, ts DESC) WHERE status <> 'new';
   CREATE INDEX items_platform_ts ON items (platform, ts DESC) WHERE platform IS NOT NULL;
   -- Full-text index over a folded copy (no diacritics, đ→d): FTS5's remove_diacritics leaves
   -- đ alone, so "dai hoi" would otherwise miss "Đại hội". Queries are single words ANDed
   -- together, so neither the text (contentless) nor word positions (detail none) are kept.
   CREATE VIRTUAL TABLE items_fts USING fts5(folded, content = '', contentless_delete = 1, detail = none,
     tokenize = 'unicode61 remove_diacritics 2');`,
  // The full-text index moves to its own file, written on a worker thread (see search-index.ts);
  // write batches get sequence numbers so that index can tell what it is missing.
  `DROP TABLE items_fts;
   ALTER TABLE items ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX items_seq ON items (seq);
   CREATE TABLE store_state (id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT NOT NULL, last_seq INTEGER NOT NULL);
   INSERT INTO store_state VALUES (1, lower(hex(randomblob(16))), 0);`,
];

const ITEM_COLUMNS = [
  'id', 'source_id', 'kind', 'canonical_url', 'content_hash', 'ts', 'day', 'congress', 'distortion', 'flagged',
  'score_congress', 'score_distortion', 'topics', 'cluster_id', 'status', 'assignee', 'platform', 'doc', 'seq',
];

// A plain INSERT or UPDATE, chosen after a lookup: measured ~25% faster than one
// INSERT … ON CONFLICT DO UPDATE … RETURNING on 100k items.
const INSERT_ITEM = `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_ITEM = `UPDATE items SET ${ITEM_COLUMNS.slice(1).map((column) => `${column} = ?`).join(', ')} WHERE rowid = ?`;

const ORDER_BY: Record<ItemSort, string> = {
  newest: 'ts DESC, id',
  oldest: 'ts ASC, id',
  distortion: 'score_distortion DESC, ts DESC, id',
};

/**
 * Rows strictly after the previous batch's last row, for the time orders of ORDER_BY. The
 * leading `ts <=` / `ts >=` is what lets SQLite seek in items_ts instead of walking from the top.
 */
const AFTER: Record<NonNullable<ItemStreamQuery['sort']>, string> = {
  newest: 'ts <= @ts AND (ts < @ts OR id > @id)',
  oldest: 'ts >= @ts AND (ts > @ts OR id > @id)',
};

/** The stored JSON document: the item without its folded text, which the search index holds. */
function toDoc(item: ScoredItem): string {
  return JSON.stringify({ ...item, foldedText: undefined });
}

function fromDoc(doc: string): ScoredItem {
  const item = JSON.parse(doc) as ScoredItem;
  item.foldedText = foldedTextOf(item.title, item.text, item.ocrText);
  return item;
}

/** Turns free text into an FTS5 query: every word must appear; quoting defuses FTS syntax. */
function ftsQuery(q: string): string | null {
  const words = foldVietnamese(q).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return words.map((word) => `"${word}"`).join(' ');
}

interface Filter {
  where: string;
  params: Record<string, unknown>;
}

/**
 * How a full-text match joins the other conditions. `lookup`: fetch each matching row by rowid
 * (best when nothing else narrows or orders the rows, e.g. sorting by score). `filter`: walk an
 * index (newest first, flagged, source) and keep the rows that match; the matches are gathered
 * once into a lookup table. Measured on 100k items: a common word, newest first, 74 → 16 ms;
 * counting 64 → 28 ms; a rare word sorted by score 10 → 42 ms, hence the choice.
 */
type MatchMode = 'lookup' | 'filter';

function buildFilter(query: Partial<ItemQuery> & StatsQuery, matchMode: MatchMode = 'lookup'): Filter {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  // A literal, not a parameter: only then can SQLite use the partial index of flagged items.
  if (query.flagged !== undefined) clauses.push(query.flagged ? 'flagged = 1' : 'flagged = 0');
  if (query.congress !== undefined) {
    clauses.push('congress = @congress');
    params.congress = query.congress ? 1 : 0;
  }
  if (query.source) {
    clauses.push('source_id = @source');
    params.source = query.source;
  }
  if (query.platform) {
    clauses.push('platform = @platform');
    params.platform = query.platform;
  }
  if (query.kind) {
    clauses.push('kind = @kind');
    params.kind = query.kind;
  }
  if (query.clusterId) {
    clauses.push('cluster_id = @clusterId');
    params.clusterId = query.clusterId;
  }
  if (query.status?.length) {
    clauses.push(`status IN (${query.status.map((_, i) => `@status${i}`).join(', ')})`);
    query.status.forEach((status, i) => (params[`status${i}`] = status));
  }
  if (query.assignee) {
    clauses.push('assignee = @assignee');
    params.assignee = query.assignee;
  }
  if (query.topic) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(items.topics) WHERE value = @topic)');
    params.topic = query.topic;
  }
  if (query.from) {
    clauses.push('ts >= @from');
    params.from = dateBound(query.from, 'from');
  }
  if (query.to) {
    clauses.push('ts <= @to');
    params.to = dateBound(query.to, 'to');
  }
  if (query.q !== undefined) {
    const match = ftsQuery(query.q);
    // A query with no letters or digits matches nothing rather than everything.
    // A unary + keeps SQLite from driving the query by rowid (see MatchMode).
    const rowid = matchMode === 'filter' ? '+rowid' : 'rowid';
    clauses.push(match ? `${rowid} IN (SELECT rowid FROM search.items_fts WHERE items_fts MATCH @match)` : '0');
    if (match) params.match = match;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The embedded default engine: one file, WAL mode, FTS5 search in a companion file. */
export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  private db: Database.Database | undefined;
  private search: SearchIndex | undefined;
  private tempDir: string | undefined;
  private path = '';

  constructor(private readonly options: SqliteStoreOptions) {}

  private get conn(): Database.Database {
    if (!this.db) throw new Error('SqliteStore used before init() or after close()');
    return this.db;
  }

  async init(): Promise<void> {
    let path = this.options.path;
    if (path === ':memory:') {
      this.tempDir = mkdtempSync(join(tmpdir(), 'mediawatch-store-'));
      path = join(this.tempDir, 'items.db');
    }
    this.path = path;
    const busyTimeoutMs = this.options.busyTimeoutMs ?? 5000;
    const db = this.writing(() => openSqlite(path, {
      busyTimeoutMs,
      migrations: ITEM_STORE_MIGRATIONS,
      // Measured on 100k items: 8 KB pages write ~8% faster than 4 KB; 16 KB no better.
      pageSize: 8192,
      // The index worker checkpoints after every batch, off this thread; this is the fallback.
      autoCheckpointPages: 32_768,
    }));
    const { store_id: storeId } = db.prepare('SELECT store_id FROM store_state').get() as { store_id: string };
    const search = new SearchIndex({ itemsPath: path, storeId, busyTimeoutMs });
    this.writing(() => search.prepare(), search.path);
    db.prepare('ATTACH DATABASE ? AS search').run(search.path);
    this.db = db;
    this.search = search;
    // Index what an earlier run left unindexed (a crash, another process) without delaying start;
    // a search waits for it, and reports the failure if it keeps failing.
    if (this.searchBehind()) search.catchUp().catch(() => undefined);
  }

  /** Runs a write; a full disk becomes a DiskFullError naming the file, for the crawl and the API to report. */
  private writing<T>(write: () => T, path = this.path): T {
    try {
      return write();
    } catch (error) {
      if (isDiskFull(error)) throw new DiskFullError(path, { cause: error });
      throw error;
    }
  }

  private searchBehind(): boolean {
    const row = this.conn
      .prepare('SELECT last_seq, (SELECT indexed_seq FROM search.search_state) AS indexed_seq FROM store_state')
      .get() as { last_seq: number; indexed_seq: number };
    return row.indexed_seq < row.last_seq;
  }

  /** Resolves once every item written so far, by this process or another, is full-text searchable. */
  async refresh(): Promise<void> {
    const search = this.search;
    if (!search) throw new Error('SqliteStore used before init() or after close()');
    await search.drain();
    if (this.searchBehind()) await search.catchUp();
  }

  async upsertItems(items: ScoredItem[]): Promise<UpsertResult> {
    const db = this.conn;
    const nextSeq = db.prepare<[], { last_seq: number }>('UPDATE store_state SET last_seq = last_seq + 1 RETURNING last_seq');
    const existing = db.prepare<[string], { rowid: number }>('SELECT rowid FROM items WHERE id = ?');
    const insert = db.prepare<unknown[]>(INSERT_ITEM);
    const update = db.prepare<unknown[]>(UPDATE_ITEM);
    const result: UpsertResult = { inserted: 0, updated: 0, errors: [] };
    const rowids: number[] = [];
    const texts: string[] = [];
    const seq = this.writing(db.transaction(() => {
      const { last_seq: seq } = nextSeq.get()!;
      for (const item of items) {
        try {
          const before = existing.get(item.id);
          const ts = itemTimestamp(item);
          // ITEM_COLUMNS after id, positional: binding by name costs a lookup per column.
          const values = [
            item.sourceId,
            item.kind,
            item.canonicalUrl,
            item.contentHash,
            ts,
            vietnamDay(ts),
            item.congress ? 1 : 0,
            item.distortion ? 1 : 0,
            item.flagged ? 1 : 0,
            item.scores.congress,
            item.scores.distortion,
            JSON.stringify(item.topics),
            item.clusterId ?? null,
            item.review?.status ?? 'new',
            item.review?.assignee ?? null,
            item.platform ?? null,
            toDoc(item),
            seq,
          ];
          if (before) {
            update.run(values, before.rowid);
            rowids.push(before.rowid);
            result.updated++;
          } else {
            rowids.push(Number(insert.run(item.id, values).lastInsertRowid));
            result.inserted++;
          }
          texts.push(item.foldedText);
        } catch (error) {
          // A full disk fails every item alike: abandon the whole batch.
          if (isDiskFull(error)) throw error;
          result.errors.push({ id: item.id, reason: (error as Error).message });
        }
      }
      return seq;
    }));
    // Committed: the items are safe. Indexing runs on the worker while the caller goes on.
    await this.search!.apply(seq, rowids, texts);
    return result;
  }

  async getItem(id: string): Promise<ScoredItem | null> {
    const row = this.conn.prepare<[string], { doc: string }>('SELECT doc FROM items WHERE id = ?').get(id);
    return row ? fromDoc(row.doc) : null;
  }

  async findByContentHash(contentHash: string): Promise<string | null> {
    const row = this.conn
      .prepare<[string], { id: string }>('SELECT id FROM items WHERE content_hash = ? ORDER BY rowid LIMIT 1')
      .get(contentHash);
    return row?.id ?? null;
  }

  async queryItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    if (query.q !== undefined) await this.refresh();
    const counted = buildFilter(query, 'filter');
    const total = (this.conn.prepare(`SELECT count(*) AS n FROM items ${counted.where}`).get(counted.params) as { n: number }).n;
    // Only the score order has no index to walk; with the flagged filter its partial index serves.
    const sort = query.sort ?? 'newest';
    const { where, params } = sort === 'distortion' && !query.flagged ? buildFilter(query, 'lookup') : counted;
    const rows = this.conn
      .prepare(`SELECT doc FROM items ${where} ORDER BY ${ORDER_BY[sort]} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }) as Array<{ doc: string }>;
    return {
      items: rows.map((row) => toSummary(JSON.parse(row.doc) as ScoredItem)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async stats(query: StatsQuery): Promise<Stats> {
    const { where, params } = buildFilter(query);
    // One pass over the rows (they are wide: reading them is the cost), grouped finely enough
    // that totals, days, sources and topics all add up from the groups.
    const groups = this.conn
      .prepare(
        `SELECT day, source_id, topics, count(*) AS count, sum(flagged) AS flagged, sum(congress) AS congress
         FROM items ${where} GROUP BY day, source_id, topics`,
      )
      .all(params) as Array<{ day: string; source_id: string; topics: string; count: number; flagged: number; congress: number }>;
    const stats: Stats = { total: 0, flagged: 0, congress: 0, byDay: [], bySource: [], byTopic: [] };
    const days = new Map<string, { count: number; flagged: number }>();
    const sources = new Map<string, { count: number; flagged: number }>();
    const topics = new Map<string, number>();
    const add = (buckets: Map<string, { count: number; flagged: number }>, key: string, group: { count: number; flagged: number }) => {
      const bucket = buckets.get(key) ?? buckets.set(key, { count: 0, flagged: 0 }).get(key)!;
      bucket.count += group.count;
      bucket.flagged += group.flagged;
    };
    for (const group of groups) {
      stats.total += group.count;
      stats.flagged += group.flagged;
      stats.congress += group.congress;
      add(days, group.day, group);
      add(sources, group.source_id, group);
      for (const topic of JSON.parse(group.topics) as string[]) topics.set(topic, (topics.get(topic) ?? 0) + group.count);
    }
    const byCountThenKey = (a: { key: string; count: number }, b: { key: string; count: number }) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    stats.byDay = [...days].map(([key, bucket]) => ({ key, ...bucket })).sort((a, b) => (a.key < b.key ? -1 : 1));
    stats.bySource = [...sources].map(([key, bucket]) => ({ key, ...bucket })).sort(byCountThenKey);
    stats.byTopic = [...topics].map(([key, count]) => ({ key, count })).sort(byCountThenKey);
    return stats;
  }

  async *streamItems(query: ItemStreamQuery, batchSize = 1000): AsyncIterable<ScoredItem[]> {
    if (query.q !== undefined) await this.refresh();
    const sort = query.sort ?? 'newest';
    const { where, params } = buildFilter(query, 'filter');
    // Keyset paging (after the last row's sort key), not OFFSET: each batch costs the same at
    // row 900,000 as at row 0, and no statement stays open between batches, so the connection
    // keeps serving other requests during a long export.
    const select = (after: string) =>
      this.conn.prepare(`SELECT doc, ts, id FROM items ${after ? (where ? `${where} AND ${after}` : `WHERE ${after}`) : where} ORDER BY ${ORDER_BY[sort]} LIMIT @limit`);
    const first = select('');
    const next = select(AFTER[sort]);
    let last: { ts: string; id: string } | undefined;
    for (;;) {
      const rows = (last ? next.all({ ...params, limit: batchSize, ts: last.ts, id: last.id }) : first.all({ ...params, limit: batchSize })) as Array<{
        doc: string;
        ts: string;
        id: string;
      }>;
      if (!rows.length) return;
      last = rows[rows.length - 1];
      yield rows.map((row) => fromDoc(row.doc));
      if (rows.length < batchSize) return;
    }
  }

  async *scanItems(batchSize = 1000): AsyncIterable<ScoredItem[]> {
    const next = this.conn.prepare<[number, number], { rowid: number; doc: string }>(
      'SELECT rowid, doc FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
    let after = 0;
    for (;;) {
      const rows = next.all(after, batchSize);
      if (!rows.length) return;
      after = rows[rows.length - 1].rowid;
      yield rows.map((row) => fromDoc(row.doc));
    }
  }

  async deleteOlderThan(cutoffIso: string): Promise<number> {
    return this.deleteWhere('ts < @cutoff', { cutoff: new Date(cutoffIso).toISOString() });
  }

  async deleteKindsOlderThan(kinds: ItemKind[], cutoffIso: string): Promise<number> {
    if (!kinds.length) return 0;
    const params: Record<string, string> = { cutoff: new Date(cutoffIso).toISOString() };
    kinds.forEach((kind, i) => (params[`kind${i}`] = kind));
    return this.deleteWhere(`ts < @cutoff AND kind IN (${kinds.map((_, i) => `@kind${i}`).join(', ')})`, params);
  }

  /** Deletes matching items, then their rows in the full-text index. */
  private deleteWhere(where: string, params: Record<string, string>): number {
    const db = this.conn;
    const rowids = db.transaction(() => {
      const doomed = db.prepare(`SELECT rowid FROM items WHERE ${where}`).pluck().all(params) as number[];
      db.prepare(`DELETE FROM items WHERE ${where}`).run(params);
      return doomed;
    })();
    this.search!.remove(rowids);
    return rowids.length;
  }

  async close(): Promise<void> {
    await this.search?.close();
    this.search = undefined;
    this.db?.close();
    this.db = undefined;
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    this.tempDir = undefined;
  }
}
