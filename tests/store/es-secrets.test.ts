// The cluster's API key or password must never reach a log line: a cluster that refuses them
// (here a stand-in on 127.0.0.1 answering 401 as Elasticsearch does) produces an error that
// `serve` logs with pino, cause included; neither it nor the store's notices carry the secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config.ts';
import { elasticsearchStoreFromConfig } from '../../pipeline/store/index.ts';

let server: Server;
let url: string;
const seenAuthorization: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuthorization.push(req.headers.authorization ?? '');
    res.writeHead(401, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
    const cause = { type: 'security_exception', reason: 'unable to authenticate user for REST request' };
    res.end(JSON.stringify({ error: { ...cause, root_cause: [cause] }, status: 401 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Elasticsearch credentials stay out of logs', () => {
  it.each([
    [{ apiKey: 'c2VjcmV0LWtleS1pZDpTRUNSRVQta2V5' }, ['c2VjcmV0LWtleS1pZDpTRUNSRVQta2V5']],
    [{ username: 'mediawatch', password: 'Mat-khau-bi-mat-42' }, ['Mat-khau-bi-mat-42', Buffer.from('mediawatch:Mat-khau-bi-mat-42').toString('base64')]],
  ])('%j: refused, with a readable reason and no secret in what is logged', async (auth, secrets) => {
    const config = parseConfig({ store: { engine: 'elasticsearch', node: url, auth, outboxPath: ':memory:' } }, 'test.yaml', '/etc/mediawatch');
    if (config.store.engine !== 'elasticsearch') throw new Error('unexpected engine');
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const store = elasticsearchStoreFromConfig(config, config.store, { outbox: false });
    const error = await store.init().then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );
    expect(error?.message).toMatch(/Elasticsearch at http:\/\/127\.0\.0\.1:\d+: 401 security_exception: unable to authenticate/);
    logger.error({ err: error }, 'request failed');
    // The credentials did reach the cluster...
    expect(seenAuthorization.at(-1)).toMatch(/^(ApiKey|Basic) /);
    // ...and nowhere else.
    const logged = [...lines, error!.message, String(error!.stack)].join('\n');
    for (const secret of secrets) expect(logged).not.toContain(secret);
    await store.close();
  });
});
