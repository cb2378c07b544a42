import { ConfigError, configRelative, type LoadedConfig, type StoreConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { ElasticsearchStore, isTransientError } from './elasticsearch.ts';
import { ReconnectingStore, type ReconnectingOptions } from './reconnecting.ts';
import { SqliteStore } from './sqlite.ts';

type ElasticsearchStoreConfig = Extract<StoreConfig, { engine: 'elasticsearch' }>;

/** The Elasticsearch engine as the config describes it (paths resolved against the config file). */
export function elasticsearchStoreFromConfig(
  config: Pick<LoadedConfig, 'baseDir'> & { configPath?: string },
  storeConfig: ElasticsearchStoreConfig,
  overrides: { outbox?: boolean; migrateInBackground?: boolean } = {},
): ElasticsearchStore {
  const nodes = [storeConfig.node].flat();
  if (storeConfig.tls && nodes.some((node) => node.startsWith('http://'))) {
    throw new ConfigError(`Invalid config ${config.configPath ?? ''}:\n  - store.tls: tls.caFile is set but store.node uses http://; use https://`);
  }
  const auth = storeConfig.auth;
  return new ElasticsearchStore({
    node: storeConfig.node,
    auth: auth?.apiKey ? { apiKey: auth.apiKey } : auth ? { username: auth.username!, password: auth.password! } : undefined,
    caFile: storeConfig.tls ? configRelative(config, storeConfig.tls.caFile) : undefined,
    index: storeConfig.index,
    outboxPath: overrides.outbox === false ? null : configRelative(config, storeConfig.outboxPath),
    requestTimeoutMs: storeConfig.requestTimeoutMs,
    layout: { shards: storeConfig.shards, replicas: storeConfig.replicas },
    migrateInBackground: overrides.migrateInBackground,
    migrationHeapMb: storeConfig.migrationHeapMb,
  });
}

/** The store engine named in the config, not opened yet. */
function createStore(config: Pick<LoadedConfig, 'store' | 'baseDir'>, overrides: { migrateInBackground?: boolean } = {}): Store {
  const storeConfig = config.store;
  switch (storeConfig.engine) {
    case 'sqlite':
      return new SqliteStore({ path: configRelative(config, storeConfig.path) });
    case 'elasticsearch':
      return elasticsearchStoreFromConfig(config, storeConfig, overrides);
  }
}

/** Opens (and initialises) the store engine named in the config. */
export async function openStore(config: Pick<LoadedConfig, 'store' | 'baseDir'>): Promise<Store> {
  const store = createStore(config);
  await store.init();
  return store;
}

/**
 * The store for `serve`. An Elasticsearch cluster that cannot be reached does not stop the
 * server: it starts, says so, answers store calls with 503 and reconnects on its own
 * (see ReconnectingStore). Other failures (wrong credentials, newer mapping) still stop it.
 */
export async function openServingStore(
  config: Pick<LoadedConfig, 'store' | 'baseDir'>,
  options: Pick<ReconnectingOptions, 'log' | 'onReconnect' | 'retryMs'>,
): Promise<Store> {
  // An index this version can read keeps answering while it is copied to the current mapping.
  const inner = createStore(config, { migrateInBackground: true });
  if (inner.engine !== 'elasticsearch') {
    await inner.init();
    return inner;
  }
  const store = new ReconnectingStore(inner, { ...options, transient: (error) => isTransientError((error as Error).cause ?? error) });
  await store.init();
  return store;
}
