// The SQLite store keeps its full-text index in a companion file (`name.search.db`) written by
// a worker thread. The item file is the truth: whatever happens to the index — deleted, copied
// from another store, behind after a crash, written by another process — search must still
// find exactly the stored items.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../core/sqlite.ts';
import { ITEM_STORE_MIGRATIONS, SqliteStore } from '../../pipeline/store/sqlite.ts';
import { searchIndexPath } from '../../pipeline/store/search-index.ts';
import { makeItem } from '../helpers/items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-search-index-'));
const opened: SqliteStore[] = [];
afterAll(async () => {
  for (const store of opened) await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.init();
  opened.push(store);
  return store;
}

async function closed(store: SqliteStore): Promise<void> {
  await store.close();
  opened.splice(opened.indexOf(store), 1);
}

const item = (word: string, n = 0, publishedAt = '2020-10-20T08:00:00Z') =>
  makeItem({ title: `Tin ${n} về ${word}`, text: `Bài viết nhắc tới ${word}.`, url: `https://bao-a.example/${word}-${n}.html`, publishedAt });

async function hits(store: SqliteStore, q: string): Promise<string[]> {
  const page = await store.queryItems({ q, page: 1, pageSize: 100 });
  return page.items.map((summary) => summary.title).sort();
}

function removeIndexFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(searchIndexPath(path) + suffix, { force: true });
}

describe('SQLite full-text index file', () => {
  it('lives beside the item file, and is rebuilt from the items when deleted', async () => {
    const path = join(tmp, 'rebuilt.db');
    let store = await open(path);
    await store.upsertItems([item('Đắk Lắk', 1), item('Đắk Lắk', 2), item('Kon Tum', 3)]);
    expect(await hits(store, 'dak lak')).toHaveLength(2);
    await closed(store);
    expect(existsSync(join(tmp, 'rebuilt.search.db'))).toBe(true);

    removeIndexFiles(path);
    store = await open(path);
    expect(await hits(store, 'dak lak')).toEqual(['Tin 1 về Đắk Lắk', 'Tin 2 về Đắk Lắk']);
    expect(await hits(store, 'kon tum')).toEqual(['Tin 3 về Kon Tum']);
  });

  it('counts search results exactly when the index holds a row of an item it was not told was deleted', async () => {
    const path = join(tmp, 'stale.db');
    const store = await open(path);
    await store.upsertItems([item('Đắk Lắk', 1), item('Đắk Lắk', 2), item('Kon Tum', 3)]);
    await store.refresh();
    expect((await store.queryItems({ q: 'dak lak', page: 1, pageSize: 10 })).total).toBe(2);
    // As if another process deleted an item and died before passing the delete on to the index.
    const search = new Database(searchIndexPath(path));
    search.prepare('INSERT INTO items_fts (rowid, folded) VALUES (99, ?)').run('dak lak');
    search.close();
    const page = await store.queryItems({ q: 'dak lak', page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(2);
  });

  it('upgrades a store from the version that kept its index in the item file', async () => {
    const path = join(tmp, 'upgraded.db');
    const old = openSqlite(path, { migrations: ITEM_STORE_MIGRATIONS.slice(0, 1) });
    const stored = item('Ayun Pa', 1);
    old
      .prepare(
        `INSERT INTO items (id, source_id, kind, canonical_url, content_hash, ts, day, congress, distortion, flagged,
                          score_congress, score_distortion, topics, status, doc)
       VALUES (?, 'bao-a', 'news', ?, ?, '2020-10-20T08:00:00.000Z', '2020-10-20', 0, 0, 0, 0.1, 0.1, '[]', 'new', ?)`,
      )
      .run(stored.id, stored.canonicalUrl, stored.contentHash, JSON.stringify({ ...stored, foldedText: undefined }));
    old.prepare('INSERT INTO items_fts (rowid, folded) VALUES (1, ?)').run(stored.foldedText);
    old.close();

    const store = await open(path);
    expect(await hits(store, 'ayun pa')).toEqual(['Tin 1 về Ayun Pa']);
    expect((await store.getItem(stored.id))?.foldedText).toBe(stored.foldedText);
    await store.upsertItems([item('Ayun Pa', 2)]);
    expect(await hits(store, 'ayun pa')).toEqual(['Tin 1 về Ayun Pa', 'Tin 2 về Ayun Pa']);
  });

  it('ignores an index file built for another store and rebuilds it', async () => {
    const donor = await open(join(tmp, 'donor.db'));
    await donor.upsertItems([item('Bình Định', 1)]);
    await donor.refresh();
    await closed(donor);
    const path = join(tmp, 'receiver.db');
    const receiver = await open(path);
    await receiver.upsertItems([item('Quảng Trị', 1)]);
    await closed(receiver);

    // Both items have rowid 1: a stale donor index would answer "binh dinh" with Quảng Trị.
    removeIndexFiles(path);
    copyFileSync(join(tmp, 'donor.search.db'), searchIndexPath(path));
    const reopened = await open(path);
    expect(await hits(reopened, 'binh dinh')).toEqual([]);
    expect(await hits(reopened, 'quang tri')).toEqual(['Tin 1 về Quảng Trị']);
  });

  it("finds another process's writes, and keeps its own index right after them", async () => {
    const path = join(tmp, 'shared.db');
    const crawler = await open(path);
    const api = await open(path);
    await crawler.upsertItems([item('Gia Lai', 1)]);
    expect(await hits(api, 'gia lai')).toEqual(['Tin 1 về Gia Lai']);

    // The API writes one batch, the crawler the next: each index must pick up the batch it never saw.
    await api.upsertItems([item('Pleiku', 2)]);
    await crawler.upsertItems([item('Pleiku', 3)]);
    expect(await hits(crawler, 'pleiku')).toEqual(['Tin 2 về Pleiku', 'Tin 3 về Pleiku']);
    expect(await hits(api, 'pleiku')).toEqual(['Tin 2 về Pleiku', 'Tin 3 về Pleiku']);

    // An update replaces the words of the old text in both views.
    await api.upsertItems([{ ...item('Gia Lai', 1), ...rewritten('Gia Lai', 'Chư Sê') }]);
    expect(await hits(crawler, 'chu se')).toEqual(['Tin 1 về Gia Lai']);
    expect(await hits(crawler, 'nhac toi gia lai')).toEqual([]);
  });

  it('loses nothing when the process dies before its writes are indexed', async () => {
    const path = join(tmp, 'crashed.db');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/write-then-exit.ts'), path, '500', 'Ia Grai'], {
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('500');
    // The test is only meaningful if the child really left the index behind.
    expect(indexedSeq(path)).toBeLessThan(lastSeq(path));

    const store = await open(path);
    expect((await store.queryItems({ q: 'ia grai', page: 1, pageSize: 1 })).total).toBe(500);
    expect(indexedSeq(path)).toBe(lastSeq(path));
  });

  it('recovers when the index thread dies mid-run', async () => {
    const store = await open(join(tmp, 'worker-crash.db'));
    await store.upsertItems([item('Chư Păh', 1)]);
    // Kill the worker thread the way an out-of-memory or native crash would.
    await (Reflect.get(Reflect.get(store, 'search'), 'worker') as Worker).terminate();
    await store.upsertItems([item('Chư Păh', 2)]);
    expect(await hits(store, 'chu pah')).toEqual(['Tin 1 về Chư Păh', 'Tin 2 về Chư Păh']);
  });

  it('drops deleted items from the index', async () => {
    const path = join(tmp, 'retention.db');
    const store = await open(path);
    await store.upsertItems([item('Mang Yang', 1, '2019-01-01T00:00:00Z'), item('Đak Đoa', 2)]);
    await store.refresh();
    expect(indexRowsMatching(path, 'mang yang')).toBe(1);
    expect(await store.deleteOlderThan('2020-01-01T00:00:00Z')).toBe(1);
    await store.upsertItems([item('Đak Đoa', 3)]);
    expect(await hits(store, 'mang yang')).toEqual([]);
    expect(await hits(store, 'dak doa')).toEqual(['Tin 2 về Đak Đoa', 'Tin 3 về Đak Đoa']);
    // Not only unreachable: gone from the index file (Decree 13 retention means deleted).
    await store.refresh();
    expect(indexRowsMatching(path, 'mang yang')).toBe(0);
    expect(indexRowsMatching(path, 'dak doa')).toBe(2);
  });

  it('keeps no words of a deleted item whose rowid a new item is given', async () => {
    // SQLite gives a new row the highest rowid + 1, so deleting the newest item frees its rowid.
    // Deleted here by another process that died before its index was told: the index still holds
    // the rowid, and the index thread (which skips the delete for rows above the highest it
    // holds) must clear it when the rowid comes back.
    const path = join(tmp, 'reused-rowid.db');
    let store = await open(path);
    const flagged = { ...item('Chư Păh', 2), congress: true, distortion: true, flagged: true };
    await store.upsertItems([item('Đak Pơ', 1), flagged]);
    await closed(store);
    const items = new Database(path);
    const rowidOf = (id: string) => items.prepare('SELECT rowid FROM items WHERE id = ?').pluck().get(id) as number;
    const freed = rowidOf(flagged.id);
    items.prepare('DELETE FROM items WHERE id = ?').run(flagged.id);
    expect(indexRowsMatching(path, 'chu pah', 'items_fts_flagged')).toBe(1);

    store = await open(path);
    const next = item('Ayun Pa', 3);
    await store.upsertItems([next]);
    expect(rowidOf(next.id)).toBe(freed);
    items.close();
    expect(await hits(store, 'chu pah')).toEqual([]);
    expect(await hits(store, 'ayun pa')).toEqual(['Tin 3 về Ayun Pa']);
    expect(indexRowsMatching(path, 'chu pah')).toBe(0);
    expect(indexRowsMatching(path, 'chu pah', 'items_fts_flagged')).toBe(0);
    expect(indexRowsMatching(path, 'ayun pa')).toBe(1);
    expect(indexRowsMatching(path, 'dak po')).toBe(1);
  });

  it('searches the flagged items through their own index, which follows an item flagged and unflagged', async () => {
    const path = join(tmp, 'flagged.db');
    const store = await open(path);
    const flaggedHits = async (q: string) => (await store.queryItems({ q, flagged: true, page: 1, pageSize: 100 })).items.map((summary) => summary.title);
    const quiet = item('Ia Grai', 1);
    const flag = (plain: typeof quiet) => ({ ...plain, congress: true, distortion: true, flagged: true });
    await store.upsertItems([quiet, flag(item('Ia Grai', 2))]);
    expect(await flaggedHits('ia grai')).toEqual(['Tin 2 về Ia Grai']);
    expect(indexRowsMatching(path, 'ia grai', 'items_fts_flagged')).toBe(1);
    // Flagged on a later write, then unflagged again: the flagged index gains and loses it.
    await store.upsertItems([flag(quiet)]);
    expect((await flaggedHits('ia grai')).sort()).toEqual(['Tin 1 về Ia Grai', 'Tin 2 về Ia Grai']);
    await store.upsertItems([quiet]);
    expect(await flaggedHits('ia grai')).toEqual(['Tin 2 về Ia Grai']);
    expect(indexRowsMatching(path, 'ia grai', 'items_fts_flagged')).toBe(1);
    // Rebuilt from the items, it holds the flagged items again.
    await closed(store);
    removeIndexFiles(path);
    const reopened = await open(path);
    expect((await reopened.queryItems({ q: 'ia grai', flagged: true, page: 1, pageSize: 100 })).total).toBe(1);
    expect(indexRowsMatching(path, 'ia grai', 'items_fts_flagged')).toBe(1);
  });
});

function rewritten(title: string, word: string) {
  const changed = makeItem({ title: `Tin 1 về ${title}`, text: `Bài viết nay nói về ${word}.`, url: `https://bao-a.example/x.html` });
  return { text: changed.text, foldedText: changed.foldedText, contentHash: changed.contentHash };
}

function indexedSeq(path: string): number {
  const db = new Database(searchIndexPath(path), { readonly: true });
  try {
    return (db.prepare('SELECT indexed_seq FROM search_state').pluck().get() as number) ?? -1;
  } finally {
    db.close();
  }
}

function lastSeq(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT last_seq FROM store_state').pluck().get() as number;
  } finally {
    db.close();
  }
}

function indexRowsMatching(path: string, words: string, table = 'items_fts'): number {
  const db = new Database(searchIndexPath(path), { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(words) as number;
  } finally {
    db.close();
  }
}
