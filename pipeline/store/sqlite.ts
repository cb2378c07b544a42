import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { DAY_PATTERN } from '../../core/date-params.ts';
import { DiskFullError, isDiskFull } from '../../core/disk.ts';
import { openSqlite } from '../../core/sqlite.ts';
import type {
  ClusterCount,
  CountKey,
  CountRow,
  ItemFilter,
  ItemKind,
  ItemQuery,
  TermCount,
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
import { compareClusters, dateBound, dayOfTimestamp, itemTimestamp, statsOf, termCountsOf, termEntries, toSummary } from './common.ts';
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

/** Inserts the cluster_sizes rows (both scopes) of the clusters whose items pass `where`. */
const insertClusterSizes = (where: string) =>
  [0, 1].map(
    (scope) => `INSERT INTO cluster_sizes SELECT ${scope}, cluster_id, count(*), sum(flagged), min(ts), max(ts) FROM items INDEXED BY items_cluster
     WHERE ${where}${scope ? ' AND congress = 1' : ''} GROUP BY cluster_id`,
  );

/** Fills the empty cluster_sizes table (a released migration uses it: do not change it). */
const FILL_CLUSTER_SIZES = insertClusterSizes('cluster_id IS NOT NULL').join(';\n') + ';';

/** Recomputes the cluster_sizes rows of the clusters listed in @ids (a JSON array) from the items. */
const RECOUNT_CLUSTERS = [
  'DELETE FROM cluster_sizes WHERE scope IN (0, 1) AND cluster_id IN (SELECT value FROM json_each(@ids))',
  ...insertClusterSizes('cluster_id IN (SELECT value FROM json_each(@ids))'),
];

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
  // Views at a million items: the score order gets an index (one column: each index costs every
  // write; ties are sorted after it), clusters a covering one; counts come from summary tables that every write updates in its own
  // transaction (COUNT_BATCH: per batch, not per row — triggers doubled the write cost), so a
  // crash cannot leave them behind; `terms` holds each item's term entries (common.ts
  // termEntries). Existing rows are summarised at the next start (summaries_built = 0).
  `CREATE INDEX items_distortion ON items (score_distortion DESC);
   DROP INDEX items_cluster;
   CREATE INDEX items_cluster ON items (cluster_id, ts, flagged, congress);
   ALTER TABLE items ADD COLUMN terms TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE store_state ADD COLUMN summaries_built INTEGER NOT NULL DEFAULT 0;
   CREATE TABLE item_counts (
     day TEXT NOT NULL, source_id TEXT NOT NULL, kind TEXT NOT NULL, platform TEXT NOT NULL, topics TEXT NOT NULL,
     status TEXT NOT NULL, flagged INTEGER NOT NULL, congress INTEGER NOT NULL, n INTEGER NOT NULL,
     PRIMARY KEY (day, source_id, kind, platform, topics, status, flagged, congress)) WITHOUT ROWID;
   CREATE TABLE term_days (day TEXT NOT NULL, entry TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, entry)) WITHOUT ROWID;`,
  // Cluster ranking without grouping the million-entry cluster index: each cluster's size, flagged
  // members and first/last member time, over all members (scope 0) and over the congress ones
  // (scope 1), kept on write like the summaries above. The score index also holds platform and
  // kind, so "web items above a score" is counted from the index alone.
  `CREATE TABLE cluster_sizes (
     scope INTEGER NOT NULL, cluster_id TEXT NOT NULL, size INTEGER NOT NULL, flagged INTEGER NOT NULL,
     first_ts TEXT NOT NULL, last_ts TEXT NOT NULL, PRIMARY KEY (scope, cluster_id)) WITHOUT ROWID;
   CREATE INDEX cluster_sizes_rank ON cluster_sizes (scope, size DESC, last_ts DESC, cluster_id, first_ts, flagged);
   DROP INDEX items_distortion;
   CREATE INDEX items_distortion ON items (score_distortion DESC, platform, kind);
   -- The review queue's default, flagged items by score: wider, the index above lost this plan.
   CREATE INDEX items_flagged_distortion ON items (score_distortion DESC) WHERE flagged = 1;
   ${FILL_CLUSTER_SIZES}`,
  // Only clusters of two or more are ever ranked, and most clusters of a real crawl hold one item:
  // ranking every cluster moved an entry per new item (measured: the batch's cluster statement
  // 40.6 → 17.0 ms per 5,000 items when nine in ten are alone). Rank queries repeat `size > 1`.
  `DROP INDEX cluster_sizes_rank;
   CREATE INDEX cluster_sizes_rank ON cluster_sizes (scope, size DESC, last_ts DESC, cluster_id, first_ts, flagged) WHERE size > 1;`,
];

/** The columns of an item row the summary tables count by. */
interface SummaryRow {
  day: string;
  source_id: string;
  kind: string;
  platform: string | null;
  topics: string;
  status: string;
  flagged: number;
  congress: number;
  terms: string;
  cluster_id: string | null;
  ts: string;
}

/**
 * Adds a write batch's rows (`seq = @seq`, as they stand at its end) to the summary tables, one
 * set-based statement per table: gathering a delta per row in JavaScript and upserting each key
 * cost ~20% of a bulk write. Clusters listed in @recount are left out (they are recounted).
 */
const COUNT_BATCH = [
  `INSERT INTO item_counts SELECT day, source_id, kind, coalesce(platform, ''), topics, status, flagged, congress, count(*)
   FROM items WHERE seq = @seq GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO term_days SELECT day, value, count(*) FROM items, json_each(items.terms)
   WHERE seq = @seq AND items.terms <> '[]' GROUP BY 1, 2 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  ...[0, 1].map(
    (scope) => `INSERT INTO cluster_sizes SELECT ${scope}, cluster_id, count(*), sum(flagged), min(ts), max(ts) FROM items
     WHERE seq = @seq AND cluster_id IS NOT NULL${scope ? ' AND congress = 1' : ''} AND cluster_id NOT IN (SELECT value FROM json_each(@recount))
     GROUP BY cluster_id ON CONFLICT DO UPDATE SET size = size + excluded.size, flagged = flagged + excluded.flagged,
       first_ts = min(first_ts, excluded.first_ts), last_ts = max(last_ts, excluded.last_ts)`,
  ),
];

/** Compiles a statement, or returns the one compiled before for the same SQL (SqliteStore.statement). */
type Prepare = (sql: string) => Database.Statement;

/** Takes rows as they stood before a write batch out of the summary tables (the batch then adds them back as they end up). */
function uncount(prepare: Prepare, rows: SummaryRow[], recount: Set<string>): void {
  const deltas = new Map<string, { columns: unknown[]; n: number }>();
  const terms = new Map<string, { columns: unknown[]; n: number }>();
  for (const row of rows) {
    bump(deltas, [row.day, row.source_id, row.kind, row.platform ?? '', row.topics, row.status, row.flagged, row.congress]);
    for (const entry of JSON.parse(row.terms) as string[]) bump(terms, [row.day, entry]);
    // A first or last time cannot be subtracted: the cluster is recounted from the items.
    if (row.cluster_id !== null) recount.add(row.cluster_id);
  }
  const count = prepare('INSERT INTO item_counts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  const term = prepare('INSERT INTO term_days VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  for (const { columns, n } of deltas.values()) count.run(...columns, n);
  for (const { columns, n } of terms.values()) term.run(...columns, n);
}

/** Subtracts one from the summary row keyed by its columns. */
function bump(deltas: Map<string, { columns: unknown[]; n: number }>, columns: unknown[]): void {
  // A control character cannot occur in the columns (ids, days, JSON): joining is unambiguous and cheaper than JSON.
  const key = columns.join('\u0001');
  const delta = deltas.get(key);
  if (delta) delta.n--;
  else deltas.set(key, { columns, n: -1 });
}

/** Recomputes the clusters' rows in cluster_sizes from the items (after members left them). */
function recountClusters(prepare: Prepare, ids: string[]): void {
  const params = { ids: JSON.stringify(ids) };
  for (const sql of RECOUNT_CLUSTERS) prepare(sql).run(params);
}

/** Takes the rows a WHERE clause selects out of the summary tables (before deleting them). */
const UNCOUNT = (where: string) => [
  `INSERT INTO item_counts SELECT day, source_id, kind, coalesce(platform, ''), topics, status, flagged, congress, -count(*)
   FROM items WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  `INSERT INTO term_days SELECT day, value, -count(*) FROM items, json_each(items.terms)
   WHERE ${where} GROUP BY 1, 2 ON CONFLICT DO UPDATE SET n = n + excluded.n`,
];

/** Recomputes the summary tables from the items (the item rows are the truth). */
const REBUILD_SUMMARIES = `DELETE FROM item_counts;
  DELETE FROM term_days;
  INSERT INTO item_counts SELECT day, source_id, kind, coalesce(platform, ''), topics, status, flagged, congress, count(*)
    FROM items GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  INSERT INTO term_days SELECT day, value, count(*) FROM items, json_each(items.terms) GROUP BY 1, 2;
  DELETE FROM cluster_sizes;
  ${FILL_CLUSTER_SIZES}
  UPDATE store_state SET summaries_built = 1;`;

const ITEM_COLUMNS = [
  'id',
  'source_id',
  'kind',
  'canonical_url',
  'content_hash',
  'ts',
  'day',
  'congress',
  'distortion',
  'flagged',
  'score_congress',
  'score_distortion',
  'topics',
  'cluster_id',
  'status',
  'assignee',
  'platform',
  'doc',
  'seq',
  'terms',
];

/** The document is bound as UTF-8 bytes (see Utf8Scratch) and stored as the text they spell. */
const placeholder = (column: string) => (column === 'doc' ? 'CAST(? AS TEXT)' : '?');

// An insert that leaves a stored id alone (then updated by rowid): measured ~25% faster than one
// INSERT … ON CONFLICT DO UPDATE … RETURNING on 100k items, and it needs no lookup before it.
const INSERT_ITEM = `INSERT INTO items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(placeholder).join(', ')}) ON CONFLICT (id) DO NOTHING`;
const UPDATE_ITEM = `UPDATE items SET ${ITEM_COLUMNS.slice(1)
  .map((column) => `${column} = ${placeholder(column)}`)
  .join(', ')} WHERE rowid = ?`;

/**
 * Encodes texts into one reused buffer for binding. better-sqlite3 binds a string by measuring,
 * allocating and converting it to UTF-8 (two passes over the ~1.2 KB document, mostly two-byte
 * Vietnamese); encoding into a reused buffer and binding the bytes measured ~3.5 µs a row less
 * (30k documents, alternated: 4.5–4.8 against 6.9–8.3 µs). SQLite copies bound bytes, so the buffer is
 * free again once the statement has run.
 */
class Utf8Scratch {
  private readonly encoder = new TextEncoder();
  private readonly buffer = Buffer.allocUnsafe(1 << 16);

  encode(text: string): Buffer {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit; a rare larger text gets its own buffer,
    // so one 12 MB document does not keep 36 MB alive.
    if (text.length * 3 > this.buffer.length) return Buffer.from(text);
    // encodeInto measured faster than Buffer's own write (1.6–2.4 against 2.6–2.9 µs a document).
    return this.buffer.subarray(0, this.encoder.encodeInto(text, this.buffer).written);
  }
}

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
type MatchMode = 'lookup' | 'filter' | 'probe';

/**
 * `probe`: walk the sort order's index and ask the full-text index about each row (~0.3 ms a
 * row at 1M items), for words most items hold: a page then needs only a few dozen rows, where
 * gathering ~1M matches takes 400 ms. Used when the page should be found within this many rows.
 */
const PROBE_BUDGET_ROWS = 300;

/**
 * The derived platforms: "web" (news sites and feeds) and "social" (social items without a
 * platform of their own); any other name is a social platform. `platform` is '' in the summary.
 */
function platformClause(platform: string, summary: boolean): string {
  const none = summary ? "platform = ''" : 'platform IS NULL';
  if (platform === 'web') return `${none} AND kind IN ('news', 'rss')`;
  if (platform === 'social') return `${none} AND kind = 'social'`;
  return 'platform = @platform';
}

/**
 * Filters the summary table item_counts can answer (it has no scores, clusters, text or
 * assignees). Its `day` can filter on bare dates (YYYY-MM-DD), which name whole Vietnamese days.
 */
function summaryCanFilter(filter: Partial<ItemFilter> & StatsQuery): boolean {
  return (
    filter.q === undefined &&
    !filter.clusterId &&
    !filter.assignee &&
    filter.minDistortion === undefined &&
    filter.minCongress === undefined &&
    (!filter.from || DAY_PATTERN.test(filter.from)) &&
    (!filter.to || DAY_PATTERN.test(filter.to))
  );
}

function buildFilter(query: Partial<ItemFilter> & StatsQuery, matchMode: MatchMode = 'lookup', summary = false): Filter {
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
    clauses.push(platformClause(query.platform, summary));
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
    // Spelled as in the partial index of reviewed items: SQLite uses it only for a query that
    // repeats its WHERE, and `status IN (@status0)` alone walked every item newest first.
    if (!query.status.includes('new')) clauses.push("status <> 'new'");
  }
  if (query.assignee) {
    clauses.push('assignee = @assignee');
    params.assignee = query.assignee;
  }
  if (query.topic) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(${summary ? 'item_counts' : 'items'}.topics) WHERE value = @topic)`);
    params.topic = query.topic;
  }
  if (query.minDistortion !== undefined) {
    clauses.push('score_distortion >= @minDistortion');
    params.minDistortion = query.minDistortion;
  }
  if (query.minCongress !== undefined) {
    clauses.push('score_congress >= @minCongress');
    params.minCongress = query.minCongress;
  }
  if (query.from) {
    clauses.push(summary ? 'day >= @from' : 'ts >= @from');
    params.from = summary ? query.from : dateBound(query.from, 'from');
  }
  if (query.to) {
    clauses.push(summary ? 'day <= @to' : 'ts <= @to');
    params.to = summary ? query.to : dateBound(query.to, 'to');
  }
  if (query.q !== undefined) {
    const match = ftsQuery(query.q);
    // A query with no letters or digits matches nothing rather than everything.
    // A unary + keeps SQLite from driving the query by rowid (see MatchMode).
    const rowid = matchMode === 'filter' ? '+items.rowid' : 'items.rowid';
    // Within the flagged items, the index of flagged items alone: its candidates are still checked
    // against the items (flagged = 1 above), so a row it keeps after an item was unflagged never counts.
    const fts = query.flagged ? 'items_fts_flagged' : 'items_fts';
    const matching =
      matchMode === 'probe'
        ? `EXISTS (SELECT 1 FROM search.${fts} WHERE ${fts} MATCH @match AND rowid = items.rowid)`
        : `${rowid} IN (SELECT rowid FROM search.${fts} WHERE ${fts} MATCH @match)`;
    clauses.push(match ? matching : '0');
    if (match) params.match = match;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** SQL of each count key, over the summary table and over the items. */
const COUNT_KEY_SQL: Record<CountKey, { summary?: string; items: string }> = {
  day: { summary: 'day', items: 'day' },
  topic: { summary: 'topic.value', items: 'topic.value' },
  source: { summary: 'source_id', items: 'source_id' },
  platform: {
    summary: `CASE WHEN platform <> '' THEN platform WHEN kind = 'social' THEN 'social' ELSE 'web' END`,
    items: `CASE WHEN platform IS NOT NULL THEN platform WHEN kind = 'social' THEN 'social' ELSE 'web' END`,
  },
  kind: { summary: 'kind', items: 'kind' },
  status: { summary: 'status', items: 'status' },
  cluster: { items: "coalesce(cluster_id, '')" },
};

/** An item's topics, one row each, or one '' row for an item without a topic. */
const TOPICS_JOIN = (table: string) => `, json_each(CASE WHEN ${table}.topics = '[]' THEN '[""]' ELSE ${table}.topics END) AS topic`;

/** The embedded default engine: one file, WAL mode, FTS5 search in a companion file. */
export class SqliteStore implements Store {
  readonly engine = 'sqlite';
  private db: Database.Database | undefined;
  private search: SearchIndex | undefined;
  private tempDir: string | undefined;
  private path = '';
  private readonly utf8 = new Utf8Scratch();
  /**
   * Statements of fixed SQL, compiled once per connection. The crawler stores one item per call,
   * and compiling the write path's eight statements anew each time was ~38% of such a call.
   */
  private readonly compiled = new Map<string, Database.Statement>();
  private readonly statement: Prepare = (sql) => {
    let statement = this.compiled.get(sql);
    if (!statement) this.compiled.set(sql, (statement = this.conn.prepare(sql)));
    return statement;
  };

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
    const db = this.writing(() =>
      openSqlite(path, {
        busyTimeoutMs,
        migrations: ITEM_STORE_MIGRATIONS,
        // Measured on 100k items: 8 KB pages write ~8% faster than 4 KB; 16 KB no better.
        pageSize: 8192,
        // The index worker checkpoints about every 8,192 log pages, off this thread; this is the fallback.
        autoCheckpointPages: 32_768,
      }),
    );
    const { store_id: storeId } = db.prepare('SELECT store_id FROM store_state').get() as { store_id: string };
    const search = new SearchIndex({ itemsPath: path, storeId, busyTimeoutMs });
    this.writing(() => search.prepare(), search.path);
    db.prepare('ATTACH DATABASE ? AS search').run(search.path);
    this.db = db;
    this.search = search;
    this.writing(() => this.checkSummaries());
    // Index what an earlier run left unindexed (a crash, another process) without delaying start;
    // a search waits for it, and reports the failure if it keeps failing.
    if (this.searchBehind()) search.catchUp().catch(() => undefined);
  }

  /**
   * Rebuilds the summary tables when they were never built (a store from before them) or do not
   * add up to the items (a file restored or edited behind the store's back): counts must be exact.
   */
  private checkSummaries(): void {
    const db = this.conn;
    const state = db
      .prepare(
        'SELECT summaries_built AS built, (SELECT coalesce(sum(n), 0) FROM item_counts) AS summarised, (SELECT count(*) FROM items) AS items FROM store_state',
      )
      .get() as { built: number; summarised: number; items: number };
    if (state.built && state.summarised === state.items) return;
    const setTerms = db.prepare<[string, number]>('UPDATE items SET terms = ? WHERE rowid = ?');
    const batch = db.prepare<[number], { rowid: number; doc: string }>('SELECT rowid, doc FROM items WHERE rowid > ? ORDER BY rowid LIMIT 1000');
    db.transaction(() => {
      if (!state.built) {
        for (let rows = batch.all(0); rows.length; rows = batch.all(rows[rows.length - 1].rowid)) {
          for (const row of rows) setTerms.run(JSON.stringify(termEntries((JSON.parse(row.doc) as ScoredItem).explanations)), row.rowid);
        }
      }
      db.exec(REBUILD_SUMMARIES);
    })();
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
    const row = this.conn.prepare('SELECT last_seq, (SELECT indexed_seq FROM search.search_state) AS indexed_seq FROM store_state').get() as {
      last_seq: number;
      indexed_seq: number;
    };
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
    const nextSeq = this.statement('UPDATE store_state SET last_seq = last_seq + 1 RETURNING last_seq') as Database.Statement<[], { last_seq: number }>;
    // New ids insert in one statement; a stored one fails the insert's own id check (no lookup first)
    // and is read, as it stands, to count it out of the summaries.
    const insert = this.statement(INSERT_ITEM);
    const stored = this.statement(
      'SELECT rowid, seq, day, source_id, kind, platform, topics, status, flagged, congress, terms, cluster_id, ts FROM items WHERE id = ?',
    ) as Database.Statement<[string], SummaryRow & { rowid: number; seq: number }>;
    const update = this.statement(UPDATE_ITEM);
    const utf8 = this.utf8;
    const result: UpsertResult = { inserted: 0, updated: 0, errors: [] };
    const rowids: number[] = [];
    const texts: string[] = [];
    const flags: boolean[] = [];
    const seq = this.writing(
      db.transaction(() => {
        const { last_seq: seq } = nextSeq.get()!;
        const replaced: SummaryRow[] = [];
        for (const item of items) {
          try {
            const ts = itemTimestamp(item);
            // ITEM_COLUMNS after id, positional: binding by name costs a lookup per column.
            const values = [
              item.sourceId,
              item.kind,
              item.canonicalUrl,
              item.contentHash,
              ts,
              dayOfTimestamp(ts),
              item.congress ? 1 : 0,
              item.distortion ? 1 : 0,
              item.flagged ? 1 : 0,
              item.scores.congress,
              item.scores.distortion,
              // Once each: an item counts once under a topic, however often it is listed.
              item.topics.length ? JSON.stringify([...new Set(item.topics)]) : '[]',
              item.clusterId ?? null,
              item.review?.status ?? 'new',
              item.review?.assignee ?? null,
              item.platform ?? null,
              utf8.encode(toDoc(item)),
              seq,
              item.explanations?.length ? JSON.stringify(termEntries(item.explanations)) : '[]',
            ];
            let rowid: number;
            const inserted = insert.run(item.id, values);
            if (inserted.changes) {
              rowid = Number(inserted.lastInsertRowid);
              result.inserted++;
            } else {
              const before = stored.get(item.id)!;
              update.run(values, before.rowid);
              // A row from an earlier batch is counted out as it stood before this one; a row this
              // batch wrote already (its seq) was never counted in. The batch's rows are counted in at its end.
              if (before.seq !== seq) replaced.push(before);
              rowid = before.rowid;
              result.updated++;
            }
            rowids.push(rowid);
            texts.push(item.foldedText);
            flags.push(Boolean(item.flagged));
          } catch (error) {
            // A full disk fails every item alike: abandon the whole batch.
            if (isDiskFull(error)) throw error;
            result.errors.push({ id: item.id, reason: (error as Error).message });
          }
        }
        const recount = new Set<string>();
        if (replaced.length) uncount(this.statement, replaced, recount);
        const params = { seq, recount: JSON.stringify([...recount]) };
        for (const sql of COUNT_BATCH) this.statement(sql).run(params);
        if (recount.size) recountClusters(this.statement, [...recount]);
        return seq;
      }),
    );
    // Committed: the items are safe. Indexing runs on the worker while the caller goes on.
    await this.search!.apply(seq, rowids, texts, flags);
    return result;
  }

  async getItem(id: string): Promise<ScoredItem | null> {
    const row = this.statement('SELECT doc FROM items WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? fromDoc(row.doc) : null;
  }

  async findByContentHash(contentHash: string): Promise<string | null> {
    const row = this.statement('SELECT id FROM items WHERE content_hash = ? ORDER BY rowid LIMIT 1').get(contentHash) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async queryItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    if (query.q !== undefined) await this.refresh();
    const counted = buildFilter(query, 'filter');
    const unsearched: ItemQuery = { ...query, q: undefined };
    // Without the words, the summary table counts most filters at once; the rest are counted over the items' indexes.
    const countOf = async (filter: ItemQuery) => {
      if (summaryCanFilter(filter)) return (await this.counts(filter, []))[0].count;
      const { where, params } = buildFilter(filter, 'filter');
      return this.conn.prepare(`SELECT count(*) FROM items ${where}`).pluck().get(params) as number;
    };
    const total = query.q !== undefined && !buildFilter(unsearched).where ? this.searchCount(query.q) : await countOf(query);
    const sort = query.sort ?? 'newest';
    const lastRow = query.page * query.pageSize;
    // Words most of the filtered items hold: probe row by row along the order (see PROBE_BUDGET_ROWS).
    const probe = query.q !== undefined && total > 0 && (lastRow * (await countOf(unsearched))) / total <= PROBE_BUDGET_ROWS;
    // Only the score order has no index to walk; with the flagged filter its partial index serves.
    const { where, params } = probe ? buildFilter(query, 'probe') : sort === 'distortion' && !query.flagged ? buildFilter(query, 'lookup') : counted;
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

  /**
   * Items holding every word of q, counted by the full-text index alone when it holds exactly the
   * stored items (it holds at least them once refreshed; a delete another process did not finish
   * passing on would leave extra rows): 120 ms for 995k matches at 1M items, against 800 ms
   * checking each match against the items.
   */
  private searchCount(q: string): number {
    const match = ftsQuery(q);
    if (!match) return 0;
    const db = this.conn;
    const inSync = db.prepare('SELECT (SELECT count(*) FROM search.items_fts_docsize) = (SELECT coalesce(sum(n), 0) FROM item_counts)').pluck().get() as number;
    const sql = inSync
      ? 'SELECT count(*) FROM search.items_fts WHERE items_fts MATCH @match'
      : 'SELECT count(*) FROM items WHERE +items.rowid IN (SELECT rowid FROM search.items_fts WHERE items_fts MATCH @match)';
    return db.prepare(sql).pluck().get({ match }) as number;
  }

  async stats(query: StatsQuery): Promise<Stats> {
    const [days, sources, topics, [congress]] = await Promise.all([
      this.counts(query, ['day']),
      this.counts(query, ['source']),
      this.counts(query, ['topic']),
      this.counts({ ...query, congress: true }, []),
    ]);
    return statsOf(days, sources, topics, congress.count);
  }

  async counts(filter: ItemFilter, by: CountKey[]): Promise<CountRow[]> {
    if (filter.q !== undefined) await this.refresh();
    // The summary table when it holds what the filter and the keys need, else the items' indexes.
    const summary = summaryCanFilter(filter) && by.every((key) => COUNT_KEY_SQL[key].summary);
    const table = summary ? 'item_counts' : 'items';
    const { where, params } = buildFilter(filter, 'filter', summary);
    const keys = by.map((key) => (summary ? COUNT_KEY_SQL[key].summary! : COUNT_KEY_SQL[key].items));
    const counted = summary
      ? 'coalesce(sum(n), 0) AS count, coalesce(sum(n * flagged), 0) AS flagged'
      : 'count(*) AS count, coalesce(sum(flagged), 0) AS flagged';
    const grouped = keys.length ? `GROUP BY ${keys.map((_, i) => `k${i}`).join(', ')} HAVING count > 0` : '';
    const rows = this.conn
      .prepare(
        `SELECT ${[...keys.map((key, i) => `${key} AS k${i}`), counted].join(', ')}
         FROM ${table}${by.includes('topic') ? TOPICS_JOIN(table) : ''} ${where} ${grouped}`,
      )
      .raw()
      .all(params) as unknown[][];
    return rows.map((row) => ({ keys: row.slice(0, by.length).map(String), count: Number(row[by.length]), flagged: Number(row[by.length + 1]) }));
  }

  /**
   * Ranked from cluster_sizes: a cluster whose members all fall in the range has its summary's
   * figures; one that straddles an edge has fewer members in range than in total, so only those
   * larger than the last cluster ranked from the summary can rank, and only they are counted over
   * the items. (Grouping the cluster index instead read every item's entry: 600 ms at 1M items.)
   */
  async topClusters(filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, limit: number): Promise<ClusterCount[]> {
    // Members not about the congress have no summary of their own: a rare question, answered by grouping.
    if (filter.congress === false) return this.clusterFigures(filter, null, limit);
    if (limit < 1) return [];
    const range = {
      scope: filter.congress ? 1 : 0,
      from: filter.from ? dateBound(filter.from, 'from') : '',
      to: filter.to ? dateBound(filter.to, 'to') : '\uffff',
    };
    // Size by size, largest first, each a seek to the clusters ending in the range: one ordered
    // walk would read every cluster ending after the range before reaching it. `size > 1`, as in
    // the rank index's own WHERE, is what lets SQLite use that partial index.
    const nextSize = this.conn.prepare('SELECT max(size) FROM cluster_sizes WHERE scope = @scope AND size > 1 AND size < @below').pluck();
    const ofSize = this.conn.prepare(
      `SELECT cluster_id AS clusterId, size, flagged, first_ts AS firstSeen, last_ts AS lastSeen FROM cluster_sizes INDEXED BY cluster_sizes_rank
       WHERE scope = @scope AND size > 1 AND size = @size AND last_ts >= @from AND last_ts <= @to AND first_ts >= @from ORDER BY last_ts DESC, cluster_id LIMIT @limit`,
    );
    const inside: ClusterCount[] = [];
    for (
      let size = nextSize.get({ ...range, below: Number.MAX_SAFE_INTEGER }) as number | null;
      size && inside.length < limit;
      size = nextSize.get({ ...range, below: size }) as number | null
    ) {
      inside.push(...(ofSize.all({ ...range, size, limit: limit - inside.length }) as ClusterCount[]));
    }
    // In range, a straddling cluster has at least one member fewer than in total, and needs two.
    const minSize = inside.length === limit ? inside[limit - 1].size + 1 : 3;
    const straddling = this.conn
      .prepare(
        `SELECT cluster_id FROM cluster_sizes WHERE scope = @scope AND size > 1 AND size >= @minSize
         AND first_ts <= @to AND last_ts >= @from AND NOT (first_ts >= @from AND last_ts <= @to)`,
      )
      .pluck()
      .all({ ...range, minSize }) as string[];
    const counted = straddling.length ? this.clusterFigures(filter, straddling, limit) : [];
    return [...inside, ...counted].sort(compareClusters).slice(0, limit);
  }

  /** Clusters' figures over their members in the filter's range, grouped over the cluster index. */
  private clusterFigures(filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, ids: string[] | null, limit: number): ClusterCount[] {
    const { where, params } = buildFilter(filter);
    const members = ids ? 'cluster_id IN (SELECT value FROM json_each(@ids))' : 'cluster_id IS NOT NULL';
    // items_cluster holds every column used here: the rows themselves are never read.
    return this.conn
      .prepare(
        `SELECT cluster_id AS clusterId, count(*) AS size, sum(flagged) AS flagged, min(ts) AS firstSeen, max(ts) AS lastSeen
         FROM items INDEXED BY items_cluster ${where ? `${where} AND` : 'WHERE'} ${members}
         GROUP BY cluster_id HAVING size > 1 ORDER BY size DESC, lastSeen DESC, cluster_id LIMIT @limit`,
      )
      .all({ ...params, ids: JSON.stringify(ids), limit }) as ClusterCount[];
  }

  async termCounts(filter: Pick<ItemFilter, 'from' | 'to'>): Promise<TermCount[]> {
    const summary = summaryCanFilter(filter);
    const { where, params } = buildFilter(filter, 'lookup', summary);
    const rows = this.conn
      .prepare(
        summary
          ? `SELECT entry, sum(n) AS items FROM term_days ${where} GROUP BY entry HAVING items > 0`
          : `SELECT value AS entry, count(*) AS items FROM items, json_each(items.terms) ${where} GROUP BY entry`,
      )
      .all(params) as Array<{ entry: string; items: number }>;
    return termCountsOf(rows);
  }

  async *streamItems(query: ItemStreamQuery, batchSize = 1000): AsyncIterable<ScoredItem[]> {
    if (query.q !== undefined) await this.refresh();
    const sort = query.sort ?? 'newest';
    const { where, params } = buildFilter(query, 'filter');
    // Keyset paging (after the last row's sort key), not OFFSET: each batch costs the same at
    // row 900,000 as at row 0, and no statement stays open between batches, so the connection
    // keeps serving other requests during a long export.
    const select = (after: string) =>
      this.conn.prepare(
        `SELECT doc, ts, id FROM items ${after ? (where ? `${where} AND ${after}` : `WHERE ${after}`) : where} ORDER BY ${ORDER_BY[sort]} LIMIT @limit`,
      );
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
    const next = this.conn.prepare<[number, number], { rowid: number; doc: string }>('SELECT rowid, doc FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?');
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
      const clusters = db.prepare(`SELECT DISTINCT cluster_id FROM items WHERE ${where} AND cluster_id IS NOT NULL`).pluck().all(params) as string[];
      for (const uncount of UNCOUNT(where)) db.prepare(uncount).run(params);
      db.prepare(`DELETE FROM items WHERE ${where}`).run(params);
      recountClusters(this.statement, clusters);
      return doomed;
    })();
    this.search!.remove(rowids);
    return rowids.length;
  }

  async close(): Promise<void> {
    await this.search?.close();
    this.search = undefined;
    this.compiled.clear();
    this.db?.close();
    this.db = undefined;
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    this.tempDir = undefined;
  }
}
