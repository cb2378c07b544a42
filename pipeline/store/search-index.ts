import { join, parse } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../../core/sqlite.ts';
import { packTexts, type PackedTexts } from './packed-texts.ts';

/**
 * The SQLite store's full-text index lives in a file of its own beside the item store and is
 * written by a worker thread, so indexing uses the machine's second core while the main thread
 * writes items (on one thread, FTS5 indexing took two thirds of the write time).
 *
 * Consistency: every item write batch gets a sequence number (`store_state.last_seq` in the
 * item store, `items.seq` on each row); the index records the last batch it holds
 * (`search_state.indexed_seq`). Batches this thread writes are sent to the worker with their
 * text; anything else — a crash between the two commits, another process's writes, a deleted or
 * mismatched index file — is caught up from the item store itself. The item store is the truth;
 * the index can always be rebuilt from it, and deleting the index file is a safe way to do so.
 */
const SEARCH_MIGRATIONS: string[] = [
  `-- Folded text (no diacritics, đ→d; FTS5's remove_diacritics leaves đ alone). Queries are
   -- single words ANDed together, so neither the text (contentless) nor positions are kept.
   CREATE VIRTUAL TABLE items_fts USING fts5(folded, content = '', contentless_delete = 1, detail = none,
     tokenize = 'unicode61 remove_diacritics 2');
   -- Which item store this index belongs to, and the last of its write batches fully indexed.
   CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT NOT NULL, indexed_seq INTEGER NOT NULL);
   INSERT INTO search_state VALUES (1, '', -1);`,
  // The flagged items again, on their own: a search within them (the analysts' queue) intersects
  // the words with ~3% of the items instead of gathering ~1M matches (500 ms at 1M items).
  // Emptied, so the next catch-up re-reads every item and fills both tables.
  `CREATE VIRTUAL TABLE items_fts_flagged USING fts5(folded, content = '', contentless_delete = 1, detail = none,
     tokenize = 'unicode61 remove_diacritics 2');
   INSERT INTO items_fts (items_fts) VALUES ('delete-all');
   UPDATE search_state SET indexed_seq = -1;`,
];

export interface SearchWorkerData {
  itemsPath: string;
  searchPath: string;
  busyTimeoutMs: number;
}

export type SearchJob =
  | { type: 'apply'; id: number; seq: number; rowids: number[]; texts: PackedTexts; flagged: boolean[] }
  | { type: 'catch-up'; id: number }
  | { type: 'delete'; id: number; rowids: number[] };

export type SearchReply = { id: number; ok: true } | { id: number; ok: false; error: string };

type WithoutId<J> = J extends SearchJob ? Omit<J, 'id'> : never;
type JobRequest = WithoutId<SearchJob>;

/** `mediawatch.db` → `mediawatch.search.db`. */
export function searchIndexPath(itemsPath: string): string {
  const { dir, name, ext } = parse(itemsPath);
  return join(dir, `${name}.search${ext || '.db'}`);
}

export interface SearchIndexOptions {
  itemsPath: string;
  /** The item store's `store_state.store_id`: an index file built for another store is rebuilt. */
  storeId: string;
  busyTimeoutMs: number;
  /** Rows sent to the worker and not yet indexed before writers wait for it. Default 20,000. */
  maxPendingRows?: number;
}

interface InFlight {
  rows: number;
  /** Resolves when the worker answered; a failure is kept in lastFailure, never thrown. */
  settled: Promise<void>;
  finish: (failure?: Error) => void;
}

export class SearchIndex {
  readonly path: string;
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private nextId = 1;
  private inFlight = new Map<number, InFlight>();
  private pendingRows = 0;
  private lastFailure: Error | undefined;

  constructor(private readonly options: SearchIndexOptions) {
    this.path = searchIndexPath(options.itemsPath);
  }

  /** Creates or migrates the index file; empties it when it was built for another item store. */
  prepare(): void {
    const db = openSqlite(this.path, { busyTimeoutMs: this.options.busyTimeoutMs, migrations: SEARCH_MIGRATIONS });
    try {
      const state = db.prepare('SELECT store_id FROM search_state').get() as { store_id: string };
      if (state.store_id !== this.options.storeId) {
        db.transaction(() => {
          db.exec(`INSERT INTO items_fts (items_fts) VALUES ('delete-all'); INSERT INTO items_fts_flagged (items_fts_flagged) VALUES ('delete-all')`);
          db.prepare('UPDATE search_state SET store_id = ?, indexed_seq = -1').run(this.options.storeId);
        })();
      }
    } finally {
      db.close();
    }
  }

  /** Indexes one committed write batch; resolves once the worker has taken it (backpressure). */
  async apply(seq: number, rowids: number[], texts: string[], flagged: boolean[]): Promise<void> {
    const packed = packTexts(texts);
    this.send({ type: 'apply', seq, rowids, texts: packed, flagged }, rowids.length, [packed.bytes.buffer, packed.ends.buffer]);
    const limit = this.options.maxPendingRows ?? 20_000;
    while (this.pendingRows > limit) await this.inFlight.values().next().value!.settled;
  }

  /** Drops the rows of deleted items from the index (they would never match again anyway). */
  remove(rowids: number[]): void {
    if (rowids.length) this.send({ type: 'delete', rowids }, rowids.length);
  }

  /** Indexes whatever the item store holds beyond the index's mark; rejects if that fails. */
  async catchUp(): Promise<void> {
    const job = this.send({ type: 'catch-up' }, 0);
    await job.settled;
    if (this.lastFailure) throw new Error(`full-text index could not catch up: ${this.lastFailure.message}`);
  }

  /** Waits for every job sent so far. Failures are kept for the next catch-up to retry. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight.values()].map((job) => job.settled));
  }

  async close(): Promise<void> {
    await this.drain();
    if (!this.worker) return;
    this.worker.ref();
    this.worker.postMessage({ type: 'close' });
    await this.exited;
    this.worker = undefined;
  }

  private send(request: JobRequest, rows: number, transfer: ArrayBuffer[] = []): InFlight {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    let finish!: (failure?: Error) => void;
    const settled = new Promise<void>((resolve) => {
      finish = (failure) => {
        this.lastFailure = failure;
        resolve();
      };
    });
    const job: InFlight = { rows, settled, finish };
    this.inFlight.set(id, job);
    this.pendingRows += rows;
    worker.ref();
    worker.postMessage({ ...request, id }, transfer);
    return job;
  }

  private settle(id: number, failure?: Error): void {
    const job = this.inFlight.get(id);
    if (!job) return;
    this.inFlight.delete(id);
    this.pendingRows -= job.rows;
    // An idle index thread must not keep a finished command alive; a busy one must.
    if (!this.inFlight.size) this.worker?.unref();
    job.finish(failure);
  }

  private start(): Worker {
    const data: SearchWorkerData = { itemsPath: this.options.itemsPath, searchPath: this.path, busyTimeoutMs: this.options.busyTimeoutMs };
    const worker = new Worker(new URL('./search-index-worker.mjs', import.meta.url), { workerData: data });
    worker.on('message', (reply: SearchReply) => this.settle(reply.id, reply.ok ? undefined : new Error(reply.error)));
    // A crashed worker fails what it held; the next job starts a new one and catch-up repairs.
    const failAll = (error: Error) => {
      for (const id of [...this.inFlight.keys()]) this.settle(id, error);
      if (this.worker === worker) this.worker = undefined;
    };
    worker.on('error', failAll);
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        failAll(new Error(`search index worker exited (code ${code})`));
        resolve();
      }),
    );
    this.worker = worker;
    return worker;
  }
}
