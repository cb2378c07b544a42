// The SQLite store's schema steps on stores written before them: an existing file is migrated
// at start and answers as a new one would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ITEM_STORE_MIGRATIONS, SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-sqlite-migrations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const member = (cluster: string, n: number, day: string) => ({
  ...makeItem({ title: `Tin ${cluster} ${n}`, text: 'Nội dung', url: `https://bao-a.example/${cluster}-${n}`, publishedAt: `${day}T03:00:00Z` }),
  clusterId: cluster,
});

const ranked = async (store: SqliteStore) => (await store.topClusters({}, 10)).map((cluster) => [cluster.clusterId, cluster.size]);

describe('SQLite store schema steps', () => {
  it('ranks clusters in a store written with the full cluster rank index (schema 4), and after new members join', async () => {
    const path = join(tmp, 'schema-4.db');
    const written = new SqliteStore({ path });
    await written.init();
    await written.upsertItems([
      member('trio', 0, '2021-01-02'),
      member('trio', 1, '2021-01-03'),
      member('trio', 2, '2021-01-04'),
      member('pair', 0, '2021-01-05'),
      member('pair', 1, '2021-01-06'),
      member('alone', 0, '2021-01-07'),
      member('single', 0, '2021-01-08'),
    ]);
    await written.close();
    // Back to schema 4 as released: its rank index held every cluster, of any size.
    const old = new Database(path);
    old.exec(`DROP INDEX cluster_sizes_rank;
      CREATE INDEX cluster_sizes_rank ON cluster_sizes (scope, size DESC, last_ts DESC, cluster_id, first_ts, flagged);
      PRAGMA user_version = 4;`);
    old.close();

    const store = new SqliteStore({ path });
    await store.init();
    try {
      const schema = new Database(path, { readonly: true });
      expect(schema.pragma('user_version', { simple: true })).toBe(ITEM_STORE_MIGRATIONS.length);
      expect(schema.prepare("SELECT sql FROM sqlite_master WHERE name = 'cluster_sizes_rank'").pluck().get()).toMatch(/WHERE size > 1$/);
      schema.close();
      expect(await ranked(store)).toEqual([
        ['trio', 3],
        ['pair', 2],
      ]);
      // A cluster of one enters the ranking once a second member joins it.
      await store.upsertItems([member('alone', 1, '2021-01-09')]);
      expect(await ranked(store)).toEqual([
        ['trio', 3],
        ['alone', 2],
        ['pair', 2],
      ]);
      expect((await store.topClusters({ from: '2021-01-05', to: '2021-01-31' }, 10)).map((cluster) => cluster.clusterId)).toEqual(['alone', 'pair']);
    } finally {
      await store.close();
    }
  });
});
