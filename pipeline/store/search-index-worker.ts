// The SQLite store's full-text index, maintained on its own thread in its own file so that
// tokenising and indexing run on a second core while the main thread writes items.
// Started by search-index.ts through search-index-worker.mjs; talks only by messages.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { foldedTextOf } from '../normalise.ts';
import { unpackText } from './packed-texts.ts';
import type { SearchJob, SearchReply, SearchWorkerData } from './search-index.ts';

const { itemsPath, searchPath, busyTimeoutMs } = workerData as SearchWorkerData;

// A background thread can wait longer than a request: another process may be rebuilding the
// whole index (about 5 s per 100,000 items), and giving up would only mean doing it again.
const waitMs = Math.max(busyTimeoutMs, 60_000);
const search = new Database(searchPath);
search.pragma(`busy_timeout = ${waitMs}`);
search.pragma('synchronous = NORMAL');
// The item store: read to catch up on batches this thread was not sent, and checkpointed here
// after each batch so the writer's commits do not pay for copying the log back.
const items = new Database(itemsPath);
items.pragma(`busy_timeout = ${waitMs}`);

const indexedSeq = search.prepare<[], number>('SELECT indexed_seq FROM search_state').pluck();
const setIndexedSeq = search.prepare<[number]>('UPDATE search_state SET indexed_seq = ?');
const removeRow = search.prepare<[number]>('DELETE FROM items_fts WHERE rowid = ?');
const addRow = search.prepare<[number, string]>('INSERT INTO items_fts (rowid, folded) VALUES (?, ?)');
const removeFlagged = search.prepare<[number]>('DELETE FROM items_fts_flagged WHERE rowid = ?');
const addFlagged = search.prepare<[number, string]>('INSERT INTO items_fts_flagged (rowid, folded) VALUES (?, ?)');
const lastSeq = items.prepare<[], number>('SELECT last_seq FROM store_state').pluck();
const stillStored = items.prepare<[number], number>('SELECT 1 FROM items WHERE rowid = ?').pluck();
const changedSince = items.prepare<[number, number], { rowid: number; doc: string }>('SELECT rowid, doc FROM items WHERE seq > ? AND seq <= ?');

/** Removes a row from both tables (a row in neither is fine). */
function remove(rowid: number): void {
  removeRow.run(rowid);
  removeFlagged.run(rowid);
}

// The highest rowid the index holds, read at the start of each job (another process's worker
// may have indexed more). A row above it was never indexed, so it needs no delete first: on a
// bulk load nearly every row is new, and the two deletes cost ~6% of this thread's time.
const highestIndexed = search.prepare<[], number | null>('SELECT max(id) FROM items_fts_docsize').pluck();
let highest = 0;

/** Re-indexes a row: delete first, so an update (or a reused rowid) leaves no stale words. */
function index(rowid: number, folded: string, flagged: boolean): void {
  if (rowid <= highest) remove(rowid);
  else highest = rowid;
  addRow.run(rowid, folded);
  if (flagged) addFlagged.run(rowid, folded);
}

/**
 * Indexes every item written since the last indexed batch, reading them from the item store.
 * Runs inside the search file's write transaction, so no other process advances the mark meanwhile.
 */
function catchUp(from: number): void {
  items.transaction(() => {
    const last = lastSeq.get() ?? 0;
    for (const row of changedSince.iterate(from, last)) {
      const item = JSON.parse(row.doc) as { title: string; text: string; ocrText?: string; flagged: boolean };
      index(row.rowid, foldedTextOf(item.title, item.text, item.ocrText), item.flagged);
    }
    setIndexedSeq.run(last);
  })();
}

function run(job: SearchJob): void {
  search
    .transaction(() => {
      const current = indexedSeq.get() ?? -1;
      highest = highestIndexed.get() ?? 0;
      if (job.type === 'delete') {
        // A rowid stored again since its deletion belongs to a new item, indexed by its own batch.
        for (const rowid of job.rowids) if (!stillStored.get(rowid)) remove(rowid);
      } else if (job.type === 'catch-up' || current < job.seq - 1) {
        // Asked to, or another process wrote a batch this thread never saw: read everything missing.
        catchUp(current);
      } else if (current === job.seq - 1) {
        job.rowids.forEach((rowid, i) => index(rowid, unpackText(job.texts, i), job.flagged[i]));
        setIndexedSeq.run(job.seq);
      }
      // Otherwise (current >= job.seq) another process's catch-up indexed the batch already.
    })
    .immediate();
}

parentPort!.on('message', (job: SearchJob | { type: 'close' }) => {
  if (job.type === 'close') {
    search.close();
    items.close();
    parentPort!.close();
    return;
  }
  let reply: SearchReply;
  try {
    run(job);
    reply = { id: job.id, ok: true };
  } catch (error) {
    reply = { id: job.id, ok: false, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
  // After the reply: the batch is searchable without waiting for the copy and its fsync.
  if (job.type === 'apply' && reply.ok) maybeCheckpoint(job.rowids.length);
});

/**
 * Copies the item store's log back into its file once it holds about CHECKPOINT_FRAMES pages,
 * estimated from the rows written since the last copy and the pages per row the last copy found.
 * Copying after every batch copied each index page once per batch (a batch writes all over the
 * indexes): ~20% more CPU on this thread in alternated runs, and the fsync's wait. The writer's own wal_autocheckpoint
 * (32,768 pages) stays the fallback.
 */
const CHECKPOINT_FRAMES = 8192;
let rowsSinceCheckpoint = 0;
let framesPerRow = 1;

function maybeCheckpoint(rows: number): void {
  rowsSinceCheckpoint += rows;
  if (rowsSinceCheckpoint * framesPerRow < CHECKPOINT_FRAMES) return;
  try {
    // PASSIVE: copies what no reader still needs, never waits for or blocks the writer.
    const [result] = items.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    // At least a quarter page a row (a row holds its ~1 KB document): another process's copy in
    // between would otherwise make the log look small and put the next copy off for too long.
    framesPerRow = Math.max(0.25, result.log / rowsSinceCheckpoint);
  } catch {
    // Nothing lost: the writer's own checkpoint is the fallback.
  }
  rowsSinceCheckpoint = 0;
}
