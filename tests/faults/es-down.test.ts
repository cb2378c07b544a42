// `mediawatch serve` with `store.engine: elasticsearch` and no cluster answering: it must start,
// say clearly that Elasticsearch is unreachable, answer /api/health as degraded and item reads
// with 503 and a reason (never 500, never a crash), and reconnect on its own once the node is
// up. The first part points at a closed port; the second needs a real node (MEDIAWATCH_ES_URL,
// as in CI) and puts a TCP relay to it on that port, so the shared node itself is never stopped.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { startCli, writeCliConfig, type CliProcess } from '../helpers/cli.ts';
import { closedPort } from '../helpers/ports.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from '../store/es-env.ts';

const index = uniquePrefix('esdown');
let dir: string;
let token: string;
let port: number;
const running: CliProcess[] = [];

async function startServe(): Promise<{ serve: CliProcess; url: string }> {
  const serve = startCli(['serve', '--config', join(dir, 'mediawatch.yaml'), '--port', '0']);
  running.push(serve);
  const [, url] = await serve.waitForStderr(/dashboard on (http:\/\/[^\s]+?)\/ /, 60_000);
  return { serve, url };
}

async function get(url: string, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-es-down-'));
  port = await closedPort();
  const configPath = writeCliConfig(dir, {
    store: { engine: 'elasticsearch', node: `http://127.0.0.1:${port}`, index, outboxPath: join(dir, 'outbox.db'), requestTimeoutMs: 2000 },
    statePath: join(dir, 'crawl-state.json'),
    workflow: { path: join(dir, 'workflow.db') },
    security: { scryptCost: 14 },
  });
  const workflow = openWorkflow(workflowOptionsFromConfig(loadConfig(configPath)));
  await workflow.users.create({ username: 'viewer', role: 'viewer', password: 'Kiem-tra-Gia-Lai-7', mustChangePassword: false }, SYSTEM_ACTOR);
  token = workflow.auth.createToken('viewer', { name: 'es-down test' }, SYSTEM_ACTOR).token;
  workflow.close();
});

afterEach(async () => {
  for (const serve of running.splice(0)) {
    serve.child.kill('SIGTERM');
    await serve.exited;
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('serve with Elasticsearch down at start', () => {
  it('starts, says Elasticsearch is unreachable, answers health as degraded and item reads with 503', async () => {
    const { serve, url } = await startServe();
    expect(serve.stderr).toContain(`the elasticsearch store is unreachable (Elasticsearch at http://127.0.0.1:${port}:`);

    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      store: 'elasticsearch',
      storeStatus: 'unavailable',
      error: expect.stringContaining('cannot be reached'),
    });

    for (const path of ['/api/items', '/api/items/some-id', '/api/stats']) {
      const { status, body } = await get(url, path);
      expect(status, path).toBe(503);
      expect(body.error.code).toBe('store_unavailable');
      expect(body.error.message).toMatch(
        new RegExp(`^the elasticsearch store cannot be reached \\(Elasticsearch at http://127\\.0\\.0\\.1:${port}: .+\\); try again shortly$`),
      );
    }
    // Still alive and answering what needs no store.
    expect((await get(url, '/api/auth/me')).status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  }, 150_000);
});

const node = await probeElasticsearch();
if (!node.ok) reportNotRun('serve reconnecting to Elasticsearch (tests/faults/es-down.test.ts)', node.reason, START_HINT);

describe.runIf(node.ok)('serve when the Elasticsearch node comes up', () => {
  let relay: Server | undefined;
  const sockets: Socket[] = [];
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    if (relay) await new Promise<void>((resolve) => relay!.close(() => resolve()));
    // The shared node keeps no trace of this test.
    const store = new ElasticsearchStore({ node: ES_URL, index, outboxPath: null });
    await store.init();
    await store.destroy();
    await store.close();
  });

  it('reconnects on its own: health turns ok and items are served', async () => {
    const { serve, url } = await startServe();
    expect((await get(url, '/api/items')).status).toBe(503);

    // The node "comes up" at the configured address: relay that port to the real node.
    const target = new URL(ES_URL);
    relay = createServer((client) => {
      const upstream = connect(Number(target.port || 9200), target.hostname);
      sockets.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay!.listen(port, '127.0.0.1', resolve));

    await serve.waitForStderr(/the elasticsearch store is reachable again/, 30_000);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'elasticsearch', items: 0 });
    expect(await get(url, '/api/items')).toMatchObject({ status: 200, body: { total: 0, items: [] } });
  }, 150_000);
});
