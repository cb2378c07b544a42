import { ConfigError, configRelative, type LoadedConfig, type StoreConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { ElasticsearchStore } from './elasticsearch.ts';
import { SqliteStore } from './sqlite.ts';

type ElasticsearchStoreConfig = Extract<StoreConfig, { engine: 'elasticsearch' }>;

/** The Elasticsearch engine as the config describes it (paths resolved against the config file). */
export function elasticsearchStoreFromConfig(
  config: Pick<LoadedConfig, 'baseDir'> & { configPath?: string },
  storeConfig: ElasticsearchStoreConfig,
  overrides: { outbox?: boolean } = {},
): ElasticsearchStore {
  const nodes = [storeConfig.node].flat();
  if (storeConfig.tls && nodes.some((node) => node.startsWith('http://'))) {
    throw new ConfigError(
      `Invalid config ${config.configPath ?? ''}:\n  - store.tls: tls.caFile is set but store.node uses http://; use https://`,
    );
  }
  const auth = storeConfig.auth;
  return new ElasticsearchStore({
    node: storeConfig.node,
    auth: auth?.apiKey ? { apiKey: auth.apiKey } : auth ? { username: auth.username!, password: auth.password! } : undefined,
    caFile: storeConfig.tls ? configRelative(config, storeConfig.tls.caFile) : undefined,
    index: storeConfig.index,
    outboxPath: overrides.outbox === false ? null : configRelative(config, storeConfig.outboxPath),
    requestTimeoutMs: storeConfig.requestTimeoutMs,
  });
}

/** Opens (and initialises) the store engine named in the config. */
export async function openStore(config: Pick<LoadedConfig, 'store' | 'baseDir'>): Promise<Store> {
  const storeConfig = config.store;
  let store: Store;
  switch (storeConfig.engine) {
    case 'sqlite':
      store = new SqliteStore({ path: configRelative(config, storeConfig.path) });
      break;
    case 'elasticsearch':
      store = elasticsearchStoreFromConfig(config, storeConfig);
      break;
  }
  await store.init();
  return store;
}
