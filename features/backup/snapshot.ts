// The Elasticsearch side of a backup: the items index behind the store's alias goes into a
// snapshot repository of the cluster (an "fs" repository in a folder listed in the nodes'
// `path.repo`), by the same `backup`, `backup verify` and `restore` commands that copy the
// SQLite-side state. The snapshot name is recorded in the backup's manifest.
import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { LoadedConfig, StoreConfig } from '../../core/config.ts';
import type { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { elasticsearchStoreFromConfig } from '../../pipeline/store/index.ts';
import { backupStamp, type SnapshotRecord } from './manifest.ts';

type EsStoreConfig = Extract<StoreConfig, { engine: 'elasticsearch' }>;

function esStoreConfig(config: LoadedConfig): EsStoreConfig {
  if (config.store.engine !== 'elasticsearch') throw new Error('the config does not use the Elasticsearch engine');
  return config.store;
}

function snapshotSettings(config: LoadedConfig): NonNullable<EsStoreConfig['snapshot']> {
  const snapshot = esStoreConfig(config).snapshot;
  if (!snapshot) {
    throw new Error(
      'store.snapshot is not set: backing up the Elasticsearch engine needs a snapshot repository ' +
        "(store.snapshot.location, a folder inside the nodes' path.repo); see docs/backups.md",
    );
  }
  return snapshot;
}

/** The store without its outbox (backup and restore never buffer), initialised; the caller closes it. */
async function openEsStore(config: LoadedConfig): Promise<ElasticsearchStore> {
  const store = elasticsearchStoreFromConfig(config, esStoreConfig(config), { outbox: false });
  await store.init();
  return store;
}

async function withStore<T>(config: LoadedConfig, work: (store: ElasticsearchStore) => Promise<T>): Promise<T> {
  const store = await openEsStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

interface EsCause {
  reason?: string;
  caused_by?: EsCause;
}

/** The innermost reason Elasticsearch gave (the outer ones are often just "failed to create repository"). */
function reason(error: unknown): string {
  let cause = (error as { meta?: { body?: { error?: EsCause } } }).meta?.body?.error;
  let text: string | undefined;
  while (cause) {
    text = cause.reason ?? text;
    cause = cause.caused_by;
  }
  return text ?? (error as Error).message;
}

/** Registers the repository (or checks the registered one points at the configured folder). */
async function ensureRepository(client: Client, repository: string, location: string): Promise<void> {
  try {
    const existing = await client.snapshot.getRepository({ name: repository });
    const settings = existing[repository]?.settings as { location?: string } | undefined;
    if (existing[repository]?.type === 'fs' && settings?.location === location) return;
  } catch (error) {
    if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw error;
  }
  try {
    await client.snapshot.createRepository({ name: repository, repository: { type: 'fs', settings: { location } } });
  } catch (error) {
    throw new Error(
      `Elasticsearch refused the snapshot repository "${repository}" at ${location}: ${reason(error)}. ` +
        'The folder must be inside path.repo of every node (scripts/elasticsearch.sh sets it; see docs/backups.md)',
      { cause: error },
    );
  }
}

async function countDocs(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index });
  return (await client.count({ index })).count;
}

/**
 * The snapshot's name, or that name with -2, -3 … when the repository already holds it: backup folders
 * are named to the second, and another folder (or another instance sharing the repository) may have
 * taken the same second.
 */
async function freeSnapshotName(client: Client, repository: string, base: string): Promise<string> {
  const found = await client.snapshot.get({ repository, snapshot: `${base}*`, ignore_unavailable: true });
  const taken = new Set((found.snapshots ?? []).map((s) => s.snapshot));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

/** Snapshots the indices behind the store's alias into the configured repository. */
export async function snapshotItems(config: LoadedConfig, name: string): Promise<{ record: SnapshotRecord; clusterVersion: string }> {
  const { repository, location } = snapshotSettings(config);
  return withStore(config, async (store) => {
    const client = store.client;
    await ensureRepository(client, repository, location);
    const indices = Object.keys(await client.indices.getAlias({ name: store.names.alias })).sort();
    const before = await countDocs(client, store.names.alias);
    const snapshot = await freeSnapshotName(client, repository, `mediawatch-${name}`);
    const created = await client.snapshot.create({ repository, snapshot, indices: indices.join(','), include_global_state: false, wait_for_completion: true });
    const info = created.snapshot;
    if (!info || info.state !== 'SUCCESS' || (info.shards?.failed ?? 0) > 0) {
      throw new Error(
        `Elasticsearch snapshot ${snapshot} did not complete (state ${info?.state ?? 'unknown'}, ${info?.shards?.failed ?? '?'} failed shard(s))`,
      );
    }
    const after = await countDocs(client, store.names.alias);
    // GET / is not served by every distribution (the integration-test one); the nodes API is.
    const nodes = await client.nodes.info({ node_id: '_local', metric: '_none' });
    const clusterVersion = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
    return {
      record: { repository, location, snapshot, prefix: esStoreConfig(config).index, alias: store.names.alias, indices, documents: { before, after } },
      clusterVersion,
    };
  });
}

/**
 * Restores the snapshot under throwaway index names, counts its documents and deletes them
 * again: proof that the snapshot is there, complete and readable. Returns the count.
 */
export async function checkSnapshot(config: LoadedConfig, record: SnapshotRecord): Promise<number> {
  return withStore(config, async (store) => {
    const client = store.client;
    await ensureRepository(client, record.repository, record.location);
    const found = await client.snapshot.get({ repository: record.repository, snapshot: record.snapshot }).catch((error: unknown) => {
      throw new Error(`snapshot ${record.snapshot} is not in the repository "${record.repository}" (${record.location}): ${reason(error)}`);
    });
    const state = found.snapshots?.[0]?.state;
    if (state !== 'SUCCESS') throw new Error(`snapshot ${record.snapshot} is not usable (state ${state ?? 'unknown'})`);
    const temp = `${record.prefix}-verify-${randomBytes(4).toString('hex')}-`;
    await client.snapshot.restore({
      repository: record.repository,
      snapshot: record.snapshot,
      indices: record.indices.join(','),
      include_aliases: false,
      include_global_state: false,
      rename_pattern: '(.+)',
      rename_replacement: `${temp}$1`,
      wait_for_completion: true,
    });
    const restored = record.indices.map((index) => temp + index).join(',');
    try {
      return await countDocs(client, restored);
    } finally {
      await client.indices.delete({ index: restored }).catch(() => undefined);
    }
  });
}

/**
 * Puts the snapshot's indices back behind the alias. What the alias held before is first kept
 * in a snapshot of its own ("pre-restore-…", named in the result), then deleted.
 */
export async function restoreSnapshot(config: LoadedConfig, record: SnapshotRecord, now: Date): Promise<{ documents: number; kept?: string }> {
  const prefix = esStoreConfig(config).index;
  if (prefix !== record.prefix) {
    throw new Error(
      `the backup holds the index prefix "${record.prefix}" but the config's store.index is "${prefix}"; set store.index to "${record.prefix}" to restore it`,
    );
  }
  return withStore(config, async (store) => {
    const client = store.client;
    await ensureRepository(client, record.repository, record.location);
    const current = Object.keys(await client.indices.getAlias({ name: store.names.alias }).catch(() => ({})));
    const existing = Object.keys(
      await client.indices.get({ index: [...new Set([...current, ...record.indices])].join(','), ignore_unavailable: true, allow_no_indices: true }),
    );
    let kept: string | undefined;
    if (existing.length) {
      kept = `pre-restore-${backupStamp(now).toLowerCase()}-${randomBytes(3).toString('hex')}`;
      await client.snapshot.create({
        repository: record.repository,
        snapshot: kept,
        indices: existing.join(','),
        include_global_state: false,
        wait_for_completion: true,
      });
      await client.indices.delete({ index: existing.join(',') });
    }
    await client.snapshot.restore({
      repository: record.repository,
      snapshot: record.snapshot,
      indices: record.indices.join(','),
      include_aliases: true,
      include_global_state: false,
      wait_for_completion: true,
    });
    // The snapshot carries the alias; an index snapshotted without it (removed by hand) gets it back.
    const aliased = await client.indices.getAlias({ name: store.names.alias }).catch(() => ({}));
    if (!Object.keys(aliased).length)
      await client.indices.putAlias({ index: record.indices[record.indices.length - 1], name: store.names.alias, is_write_index: true });
    return { documents: await countDocs(client, store.names.alias), kept };
  });
}

/** Deletes a backup's snapshot (retention); a snapshot already gone is fine. */
export async function deleteSnapshot(config: LoadedConfig, record: SnapshotRecord): Promise<void> {
  await withStore(config, async (store) => {
    await store.client.snapshot.delete({ repository: record.repository, snapshot: record.snapshot }).catch((error: unknown) => {
      if ((error as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw error;
    });
  });
}
