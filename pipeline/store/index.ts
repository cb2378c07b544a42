import { configRelative, type LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { SqliteStore } from './sqlite.ts';

/** Opens (and initialises) the store engine named in the config. */
export async function openStore(config: Pick<LoadedConfig, 'store' | 'baseDir'>): Promise<Store> {
  const storeConfig = config.store;
  let store: Store;
  switch (storeConfig.engine) {
    case 'sqlite':
      store = new SqliteStore({ path: configRelative(config, storeConfig.path) });
      break;
    case 'elasticsearch':
      throw new Error('The Elasticsearch engine is not available yet');
  }
  await store.init();
  return store;
}
