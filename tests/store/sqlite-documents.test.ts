// The item document is bound as UTF-8 bytes and cast to text (sqlite.ts Utf8Scratch): the column
// must hold text exactly as JSON.stringify wrote it, for documents of any size, as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-sqlite-documents-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('SQLite item documents', () => {
  it('stores each document as text equal to the item, small or larger than the reused buffer', async () => {
    const path = join(tmp, 'documents.db');
    const store = new SqliteStore({ path });
    await store.init();
    const items = [
      makeItem({ title: 'Đại hội Đảng bộ tỉnh 😀', text: 'Nội dung có dấu: ầ ẫ ậ đ Đ, "ngoặc kép" và \\ gạch chéo', url: 'https://bao-a.example/1' }),
      // ~190 KB of UTF-8: past the 64 KB buffer, so it takes its own.
      makeItem({ title: 'Bài dài', text: 'Tiếng Việt có dấu. '.repeat(8_000), url: 'https://bao-a.example/2' }),
      makeItem({ title: 'Sau bài dài', text: 'Ngắn', url: 'https://bao-a.example/3' }),
    ];
    await store.upsertItems(items);
    // Written again in one batch: the update binds the bytes the same way.
    await store.upsertItems([{ ...items[0], text: 'Đã sửa' }]);
    await store.close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT id, typeof(doc) AS type, doc FROM items ORDER BY rowid').all() as Array<{ id: string; type: string; doc: string }>;
    db.close();
    expect(rows.map((row) => row.type)).toEqual(['text', 'text', 'text']);
    const expected = [{ ...items[0], text: 'Đã sửa' }, items[1], items[2]].map((item) => JSON.stringify({ ...item, foldedText: undefined }));
    expect(rows.map((row) => row.doc)).toEqual(expected);
  });
});
