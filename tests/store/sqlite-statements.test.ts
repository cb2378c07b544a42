// The crawler stores one item per call: the SQLite store compiles its write path's statements
// once per connection (sqlite.ts SqliteStore.statement), not at every call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-sqlite-statements-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('SQLite statement reuse', () => {
  it('compiles nothing more for later one-item writes, updates and lookups, and compiles anew after reopening', async () => {
    const store = new SqliteStore({ path: join(tmp, 'statements.db') });
    await store.init();
    const first = { ...makeItem({ title: 'Đại hội Đảng bộ tỉnh', text: 'Nội dung một' }), clusterId: 'c1' };
    const second = { ...makeItem({ title: 'Tin thứ hai', text: 'Nội dung hai' }), clusterId: 'c1' };
    // The first calls compile each statement once: a new item, a stored one again, the lookups.
    await store.upsertItems([first]);
    await store.upsertItems([{ ...first, text: 'Đã sửa' }]);
    await store.getItem(first.id);
    await store.findByContentHash(first.contentHash);
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    await store.upsertItems([second]);
    await store.upsertItems([{ ...second, text: 'Sửa lần nữa' }]);
    expect(await store.getItem(second.id)).toMatchObject({ text: 'Sửa lần nữa' });
    expect(await store.findByContentHash(second.contentHash)).toBe(second.id);
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
    // Statements belong to their connection: a reopened store must not use the closed one's.
    await store.close();
    await store.init();
    const third = makeItem({ title: 'Tin thứ ba', text: 'Nội dung ba' });
    expect(await store.upsertItems([third])).toMatchObject({ inserted: 1, errors: [] });
    expect((await store.counts({}, ['source']))[0]).toMatchObject({ count: 3 });
    await store.close();
  });
});
