// Backups of the Elasticsearch engine: the items index goes into a snapshot repository inside
// the node's path.repo (scripts/elasticsearch.sh sets it), the SQLite-side state as for the
// SQLite engine; verify restores the snapshot under throwaway names and counts it; restore puts
// it back behind the alias, keeping what the alias held before in a snapshot of its own.
// Real node only (MEDIAWATCH_ES_URL); without one it says so loudly, and fails in CI.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configRelative } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import { createBackup, restoreBackup, verifyBackup } from '../../features/backup/index.ts';
import type { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { MAPPING_VERSION } from '../../pipeline/store/es-mapping.ts';
import { elasticsearchStoreFromConfig } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from '../store/es-env.ts';
import { makeInstance, populate } from './instance.ts';
import { numberedItem } from './items.ts';

const es = await probeElasticsearch();
if (!es.ok) reportNotRun('Elasticsearch backups', es.reason, START_HINT);

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-backup-es-'));
const prefix = uniquePrefix('backup');
const cleanups: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

async function scanAll(store: ElasticsearchStore): Promise<Map<string, ScoredItem>> {
  const items = new Map<string, ScoredItem>();
  for await (const batch of store.scanItems(1000)) for (const item of batch) items.set(item.id, item);
  return items;
}

describe.skipIf(!es.ok)('backup → verify → restore (Elasticsearch engine)', () => {
  beforeAll(async () => {
    const settings = (await (await fetch(`${ES_URL}/_nodes/_local/settings?filter_path=nodes.*.settings.path.repo`)).json()) as {
      nodes?: Record<string, { settings: { path: { repo: string[] | string } } }>;
    };
    const repo = Object.values(settings.nodes ?? {})[0]?.settings.path.repo;
    if (!repo) {
      throw new Error(
        `the node at ${ES_URL} has no path.repo, so it cannot take snapshots: restart it with \`bash scripts/elasticsearch.sh restart\`, which sets it`,
      );
    }
  });

  it('round-trips the index through a snapshot and the SQLite-side state through the backup folder', async () => {
    const office = makeInstance(join(tmp, 'office'), {
      store: `{ engine: elasticsearch, node: "${ES_URL}", index: ${prefix}, snapshot: { repository: ${prefix}, location: ${prefix} } }`,
    });
    const store = elasticsearchStoreFromConfig(office.config, office.config.store as never, { outbox: false });
    await store.init();
    cleanups.push(async () => {
      const { snapshots = [] } = await store.client.snapshot.get({ repository: prefix, snapshot: '_all' });
      for (const { snapshot } of snapshots) await store.client.snapshot.delete({ repository: prefix, snapshot });
      await store.client.snapshot.deleteRepository({ name: prefix }).catch(() => undefined);
      await store.destroy();
      await store.close();
    });
    await populate(office, 600);
    const original = await scanAll(store);
    expect(original.size).toBe(600);

    const backup = await createBackup(office.config);
    const record = backup.manifest.elasticsearch!;
    expect(record).toMatchObject({
      repository: prefix,
      location: prefix,
      prefix,
      alias: `${prefix}-items`,
      indices: [`${prefix}-items-v${MAPPING_VERSION}`],
      documents: { before: 600, after: 600 },
    });
    expect(record.snapshot).toMatch(/^mediawatch-\d{8}t\d{6}z$/);
    expect(backup.manifest.items).toBe(600);
    expect(backup.manifest.versions.elasticsearch).toBe(es.ok ? es.version : '');
    expect(backup.manifest.files.map((file) => file.role)).toEqual(
      expect.arrayContaining(['workflow', 'alerts', 'portals', 'sourceRuns', 'crawlState', 'config']),
    );
    expect(backup.manifest.files.some((file) => file.role === 'items')).toBe(false);

    const report = await verifyBackup(backup.folder, { config: office.config });
    expect(report.problems).toEqual([]);
    expect(report.checks.join('\n')).toMatch(new RegExp(`snapshot ${record.snapshot}: restored into a temporary index, 600 documents`));
    // The throwaway indices are gone again.
    expect(Object.keys(await store.client.indices.get({ index: `${prefix}-verify-*`, allow_no_indices: true }))).toEqual([]);

    // The office goes on after the backup: a new item, a changed item, a new user.
    const changed = { ...original.get(numberedItem(5).id)!, title: 'Tiêu đề đã sửa sau khi sao lưu' };
    await store.upsertItems([numberedItem(10_000, 'Chư Păh'), changed]);
    const workflow = openWorkflow({ path: configRelative(office.config, office.config.workflow.path), security: { scryptCost: 14 } });
    await workflow.users.create({ username: 'moi', role: 'viewer', password: 'Xem-tin-Ayun-Pa-2020', mustChangePassword: false }, SYSTEM_ACTOR);
    workflow.close();

    const result = await restoreBackup(backup.folder, { configPath: office.configPath });
    expect(result.elasticsearch?.documents).toBe(600);
    expect(result.elasticsearch?.kept).toMatch(/^pre-restore-/);
    const restored = await scanAll(store);
    expect(restored.size).toBe(600);
    for (const [id, item] of original) expect(restored.get(id)).toEqual(item);
    expect(await store.getItem(numberedItem(10_000, 'Chư Păh').id)).toBeNull();
    // Search still folds diacritics on the restored index (its analysers came with it).
    expect((await store.queryItems({ q: 'dai hoi gia lai', page: 1, pageSize: 1 })).total).toBe(600);
    const after = openWorkflow({ path: configRelative(office.config, office.config.workflow.path) });
    expect(
      after.users
        .list()
        .map((user) => user.username)
        .sort(),
    ).toEqual(['phantich', 'quantri']);
    expect(after.audit.verify().ok).toBe(true);
    after.close();
    // What the alias held before the restore is kept: the new item is in that snapshot.
    const kept = await store.client.snapshot.get({ repository: prefix, snapshot: result.elasticsearch!.kept! });
    expect(kept.snapshots?.[0]?.state).toBe('SUCCESS');
  });

  /** An office on its own index (`<prefix>-<name>`) that shares the suite's snapshot repository, with 30 items. */
  async function smallOffice(name: string) {
    const office = makeInstance(join(tmp, name), {
      store: `{ engine: elasticsearch, node: "${ES_URL}", index: ${prefix}-${name}, snapshot: { repository: ${prefix}, location: ${prefix} } }`,
    });
    const store = elasticsearchStoreFromConfig(office.config, office.config.store as never, { outbox: false });
    await store.init();
    cleanups.push(async () => {
      await store.destroy();
      await store.close();
    });
    await populate(office, 30);
    return { office, store };
  }

  it('names a snapshot apart when another backup took the same second in the same repository', async () => {
    const { office } = await smallOffice('same-second');
    const now = () => new Date('2026-12-06T01:16:49.000Z');
    const first = await createBackup(office.config, { now, to: join(tmp, 'same-second/backups-a') });
    const second = await createBackup(office.config, { now, to: join(tmp, 'same-second/backups-b') });
    expect(first.manifest.elasticsearch!.snapshot).toBe('mediawatch-20261206t011649z');
    expect(second.manifest.elasticsearch!.snapshot).toBe('mediawatch-20261206t011649z-2');
    expect((await verifyBackup(second.folder, { config: office.config })).ok).toBe(true);
  });

  it('verify reports a snapshot that is no longer in the repository, and restore refuses it', async () => {
    const { office, store } = await smallOffice('lost');
    const backup = await createBackup(office.config);
    await store.client.snapshot.delete({ repository: prefix, snapshot: backup.manifest.elasticsearch!.snapshot });
    const report = await verifyBackup(backup.folder, { config: office.config });
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(new RegExp(`snapshot ${backup.manifest.elasticsearch!.snapshot} is not in the repository "${prefix}"`));
    const before = readFileSync(join(tmp, 'lost/data/workflow.db'));
    await expect(restoreBackup(backup.folder, { configPath: office.configPath })).rejects.toThrow(/did not verify/);
    expect(readFileSync(join(tmp, 'lost/data/workflow.db')).equals(before)).toBe(true);
    expect((await store.client.count({ index: `${prefix}-lost-items` })).count).toBe(30);
  });
});
