// The store section of the config for the Elasticsearch engine: accepted shapes, and errors
// that name the key and say what to write instead.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config.ts';
import { elasticsearchStoreFromConfig } from '../../pipeline/store/index.ts';

const parse = (store: unknown) => parseConfig({ store }, 'test.yaml', '/etc/mediawatch');
const problem = (store: unknown) => {
  try {
    parse(store);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('config was accepted');
};

describe('store: elasticsearch config', () => {
  it('accepts one node or several, with defaults for the rest', () => {
    const one = parse({ engine: 'elasticsearch', node: 'http://127.0.0.1:9200' });
    expect(one.store).toEqual({
      engine: 'elasticsearch',
      node: 'http://127.0.0.1:9200',
      index: 'mediawatch',
      outboxPath: '../data/es-outbox.db',
      requestTimeoutMs: 30_000,
    });
    const many = parse({
      engine: 'elasticsearch',
      node: ['https://es1.example:9200', 'https://es2.example:9200'],
      auth: { apiKey: 'abc==' },
      tls: { caFile: 'certs/ca.pem' },
      index: 'so-tt-tt',
    });
    expect(many.store).toMatchObject({ node: ['https://es1.example:9200', 'https://es2.example:9200'], auth: { apiKey: 'abc==' } });
    expect(parse({ engine: 'elasticsearch', node: 'https://es.example', auth: { username: 'mw', password: 'secret' } }).store).toMatchObject({
      auth: { username: 'mw', password: 'secret' },
    });
    expect(parse({ engine: 'elasticsearch', node: 'https://es.example', shards: 3, replicas: 1 }).store).toMatchObject({ shards: 3, replicas: 1 });
    expect(parse({ engine: 'elasticsearch', node: 'https://es.example', replicas: '1-all' }).store).toMatchObject({ replicas: '1-all' });
    expect(parse({ engine: 'elasticsearch', node: 'https://es.example', migrationHeapMb: 128 }).store).toMatchObject({ migrationHeapMb: 128 });
  });

  it.each([
    [{ engine: 'elasticsearch' }, /store\.node: is required: the http\(s\) URL of a node, or a list of them/],
    [{ engine: 'elasticsearch', node: 'localhost:9200' }, /store\.node: must be an http\(s\) URL/],
    [{ engine: 'elasticsearch', node: 9200 }, /store\.node: must be an http\(s\) URL or a list of them/],
    [{ engine: 'elasticsearch', node: [] }, /store\.node: needs at least one URL/],
    [{ engine: 'elasticsearch', node: ['http://es1:9200', 'es2'] }, /store\.node\[1\]: must be an http\(s\) URL/],
    [{ engine: 'elasticsearch', node: 'http://elastic:pw@es:9200' }, /store\.node: .*must not carry credentials; use store\.auth/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', auth: {} }, /store\.auth: needs apiKey, or username and password/],
    [
      { engine: 'elasticsearch', node: 'http://es:9200', auth: { apiKey: 'k', username: 'u', password: 'p' } },
      /store\.auth: use either apiKey or username\/password, not both/,
    ],
    [{ engine: 'elasticsearch', node: 'http://es:9200', auth: { username: 'u' } }, /store\.auth: username and password go together/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', auth: { token: 'x' } }, /store\.auth: unknown key\(s\): token/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', index: 'MediaWatch' }, /store\.index: lowercase letters, digits/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', tls: {} }, /store\.tls\.caFile: Required/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', shards: 0 }, /store\.shards: Number must be greater than or equal to 1/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', shards: 1.5 }, /store\.shards: Expected integer/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', migrationHeapMb: 16 }, /store\.migrationHeapMb: Number must be greater than or equal to 32/],
    [
      { engine: 'elasticsearch', node: 'http://es:9200', replicas: 'many' },
      /store\.replicas: must be a number of replicas from 0 to 8, or a range such as "0-1"/,
    ],
    [{ engine: 'elasticsearch', node: 'http://es:9200', replicas: -1 }, /store\.replicas: must be a number of replicas/],
    [{ engine: 'elasticsearch', node: 'http://es:9200', replicas: 1, number_of_replicas: 1 }, /store: unknown key\(s\): number_of_replicas/],
    [{ engine: 'elastic', node: 'http://es:9200' }, /store\.engine: Invalid discriminator value/],
  ])('rejects %j', (store, message) => {
    expect(problem(store)).toMatch(message);
  });

  it('refuses a CA file for a plain-http node, and resolves paths against the config file', () => {
    const config = parse({ engine: 'elasticsearch', node: 'http://es:9200', tls: { caFile: 'ca.pem' } });
    const storeConfig = config.store;
    if (storeConfig.engine !== 'elasticsearch') throw new Error('unexpected engine');
    expect(() => elasticsearchStoreFromConfig(config, storeConfig)).toThrow(/store\.tls: .*uses http:\/\/; use https:\/\//);
    const secure = parse({ engine: 'elasticsearch', node: 'https://es:9200', tls: { caFile: 'ca.pem' }, outboxPath: 'outbox.db' });
    if (secure.store.engine !== 'elasticsearch') throw new Error('unexpected engine');
    const store = elasticsearchStoreFromConfig(secure, secure.store);
    expect(store.names.alias).toBe('mediawatch-items');
  });
});
