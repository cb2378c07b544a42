// Elasticsearch beyond one node: the API must keep answering with every item when a node of a
// 3-node cluster goes away, first an ordinary node, then the elected master. This file starts
// its own cluster with scripts/elasticsearch.sh (ports MEDIAWATCH_ES_CLUSTER_PORT.. +2, default
// 9260-9262, transport 100 higher), so it disturbs neither the shared node nor other tests.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { parseConfig } from '../../core/config.ts';
import type { ScoredItem, Store } from '../../core/types.ts';
import { openServingStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR, workflowOptionsFromConfig, type Workflow } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { installedDistribution, probeElasticsearch, REPO, reportNotRun, runScript, uniquePrefix } from './es-env.ts';

const SIZE = 3;
const PORT = Number(process.env.MEDIAWATCH_ES_CLUSTER_PORT ?? 9260);
const urls = Array.from({ length: SIZE }, (_, i) => `http://127.0.0.1:${PORT + i}`);
const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-cluster-'));
// The nodes run as an unprivileged user when tests run as root: they must reach their folders.
chmodSync(tmp, 0o755);
const clusterEnv = { ES_CLUSTER_PORT: String(PORT), ES_CLUSTER_DIR: join(tmp, 'cluster'), ES_CLUSTER_HEAP: '256m', ES_FRESH: '1' };
// Three JVMs starting together on a busy 2-core machine take minutes.
const SCRIPT_TIMEOUT_MS = 600_000;

const distribution = installedDistribution();
const occupied = distribution.ok ? await Promise.all(urls.map((url) => probeElasticsearch(url))) : [];
const busy = urls.filter((_, i) => occupied[i]?.ok);
const runnable = distribution.ok && !busy.length;
if (!distribution.ok) {
  reportNotRun('Elasticsearch 3-node cluster test', distribution.reason, 'Install one: bash scripts/elasticsearch.sh install');
} else if (busy.length) {
  reportNotRun('Elasticsearch 3-node cluster test', `${busy.join(', ')} already answer(s)`, 'Set MEDIAWATCH_ES_CLUSTER_PORT to a free range of 3 ports');
}

const prefix = uniquePrefix('cluster');
const SOURCES = ['bao-gia-lai', 'tin-pho-nui', 'dien-dan'];

function item(i: number): ScoredItem {
  const topic = i % 2 === 0 ? 'Đại hội Đảng bộ tỉnh' : 'giao thông nông thôn';
  return makeItem(
    {
      sourceId: SOURCES[i % SOURCES.length],
      url: `https://bao.example/cum-${i}.html`,
      title: `Bài ${i}: ${topic}`,
      text: `Nội dung riêng của bài ${i} về ${topic}, lưu trên một cụm ba máy.`,
      publishedAt: new Date(Date.UTC(2020, 9, 1 + (i % 28), i % 24)).toISOString(),
    },
    { congress: i % 2 === 0, distortion: i % 5 === 0 },
  );
}

interface Served {
  store: Store;
  workflow: Workflow;
  api: RunningServer;
  token: string;
}
let served: Served | undefined;
const storeLog: string[] = [];
/** Items stored so far: what the API must return, whichever nodes are up. */
const stored: ScoredItem[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${served!.api.url}${path}`, { headers: { authorization: `Bearer ${served!.token}` } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${body}`);
  return JSON.parse(body) as T;
}

/** Any node still up answers for the cluster. */
async function cluster<T>(path: string, init?: RequestInit): Promise<T> {
  let last: unknown;
  for (const url of urls) {
    try {
      const response = await fetch(`${url}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
      if (response.ok) return (await response.json()) as T;
      last = new Error(`${url}${path}: HTTP ${response.status} ${await response.text()}`);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

async function electedMaster(): Promise<number> {
  const [{ node }] = await cluster<Array<{ node: string }>>('/_cat/master?format=json');
  return Number(node.replace('mediawatch-', '')) - PORT + 1;
}

async function waitForHealth(query: string): Promise<{ status: string; number_of_nodes: number }> {
  return cluster(`/_cluster/health?${query}&timeout=120s`);
}

async function store(items: ScoredItem[]): Promise<void> {
  const result = await served!.store.upsertItems(items);
  expect(result).toMatchObject({ inserted: items.length, updated: 0, errors: [] });
  expect(result.buffered ?? 0).toBe(0);
  stored.push(...items);
}

/** Every item through the API, plus the counts and a search, equal to what was stored. */
async function expectEveryItem(): Promise<void> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { items } = await api<{ items: Array<{ id: string }> }>(`/api/items?pageSize=100&page=${page}&sort=oldest`);
    ids.push(...items.map((entry) => entry.id));
    if (items.length < 100) break;
  }
  expect(ids.sort()).toEqual(stored.map((entry) => entry.id).sort());

  const stats = await api<{ total: number; flagged: number; bySource: Array<{ key: string; count: number }> }>('/api/stats');
  expect(stats.total).toBe(stored.length);
  expect(stats.flagged).toBe(stored.filter((entry) => entry.flagged).length);
  expect(Object.fromEntries(stats.bySource.map((bucket) => [bucket.key, bucket.count]))).toEqual(
    Object.fromEntries(SOURCES.map((source) => [source, stored.filter((entry) => entry.sourceId === source).length])),
  );
  const congress = stored.filter((entry) => entry.title.includes('Đại hội'));
  const search = await api<{ total: number; items: Array<{ id: string }> }>('/api/items?q=dai%20hoi%20dang%20bo&pageSize=100');
  expect(search.total).toBe(congress.length);
  expect(search.items.length).toBe(Math.min(100, congress.length));
  const health = await fetch(`${served!.api.url}/api/health`);
  expect(await health.json()).toMatchObject({ status: 'ok', store: 'elasticsearch', items: stored.length });
}

/** Stops node `index`, checks the API at once, then again with writes once the cluster has settled. */
async function loseNode(index: number, batch: number): Promise<void> {
  await runScript('node-stop', clusterEnv, [String(index)], SCRIPT_TIMEOUT_MS);
  expect((await probeElasticsearch(urls[index - 1])).ok).toBe(false);
  await expectEveryItem();
  const health = await waitForHealth(`wait_for_nodes=${SIZE - 1}&wait_for_status=yellow`);
  // Every shard still has a live copy: replicas were promoted where primaries were lost.
  expect(health.status).not.toBe('red');
  await store(Array.from({ length: 50 }, (_, i) => item(batch + i)));
  await expectEveryItem();
}

describe.skipIf(!runnable)('Elasticsearch: a 3-node cluster loses a node', () => {
  beforeAll(async () => {
    const started = Date.now();
    await runScript('cluster-start', clusterEnv, [String(SIZE)], SCRIPT_TIMEOUT_MS);
    process.stderr.write(`es-cluster test: ${SIZE}-node cluster started in ${Math.round((Date.now() - started) / 1000)} s\n`);

    const config = parseConfig(
      {
        store: { engine: 'elasticsearch', node: urls, index: prefix, outboxPath: join(tmp, 'es-outbox.db'), shards: 3, replicas: 1 },
        workflow: { path: join(tmp, 'workflow.db') },
      },
      '<cluster test>',
      join(REPO, 'config'),
    );
    // As `serve` opens it: the reconnecting wrapper over the configured engine.
    const servingStore = await openServingStore(config, { log: (message) => storeLog.push(message) });
    const workflow = openWorkflow({ ...workflowOptionsFromConfig(config, { store: servingStore }), security: { scryptCost: 10 } });
    await workflow.users.create({ username: 'doc', role: 'viewer', password: 'Ban-xem-tin-1', mustChangePassword: false }, SYSTEM_ACTOR);
    const token = workflow.auth.createToken('doc', { name: 'test' }, SYSTEM_ACTOR).token;
    const server = await startServer({ store: servingStore, workflow, host: '127.0.0.1', port: 0 });
    served = { store: servingStore, workflow, api: server, token };
    await store(Array.from({ length: 600 }, (_, i) => item(i)));
    await waitForHealth('wait_for_status=green&wait_for_no_initializing_shards=true');
  }, SCRIPT_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    try {
      await served?.api.close();
      served?.workflow.close();
      await served?.store.close();
    } finally {
      try {
        await runScript('cluster-stop', clusterEnv, [], 150_000);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  }, 180_000);

  it('spreads the index over the nodes with the shards and replicas of the config', async () => {
    const settings = await cluster<Record<string, { settings: Record<string, string> }>>(`/${prefix}-items/_settings?flat_settings=true`);
    expect(Object.values(settings)[0].settings).toMatchObject({ 'index.number_of_shards': '3', 'index.number_of_replicas': '1' });
    const shards = await cluster<Array<{ prirep: string; state: string; node: string }>>(`/_cat/shards/${prefix}-items?format=json&h=prirep,state,node`);
    expect(shards).toHaveLength(6);
    expect(shards.every((shard) => shard.state === 'STARTED')).toBe(true);
    expect(new Set(shards.map((shard) => shard.node)).size).toBe(SIZE);
    await expectEveryItem();
  });

  it(
    'keeps answering with every item when a node that is not the master stops, and takes new items',
    async () => {
      const master = await electedMaster();
      const shards = await cluster<Array<{ prirep: string; node: string }>>(`/_cat/shards/${prefix}-items?format=json&h=prirep,node`);
      const holdsPrimary = (index: number) => shards.some((shard) => shard.prirep === 'p' && shard.node === `mediawatch-${PORT + index - 1}`);
      // A node holding a primary, so losing it makes the cluster promote a replica.
      const victim = [1, 2, 3].find((index) => index !== master && holdsPrimary(index)) ?? [1, 2, 3].find((index) => index !== master)!;
      await loseNode(victim, 1000);

      await runScript('node-start', clusterEnv, [String(victim)], SCRIPT_TIMEOUT_MS);
      const health = await waitForHealth(`wait_for_nodes=${SIZE}&wait_for_status=green`);
      expect(health).toMatchObject({ status: 'green', number_of_nodes: SIZE });
      await expectEveryItem();
    },
    SCRIPT_TIMEOUT_MS + 300_000,
  );

  it('keeps answering with every item when the elected master stops, and takes new items', async () => {
    const master = await electedMaster();
    await loseNode(master, 2000);
    // Another node was elected.
    expect(await electedMaster()).not.toBe(master);
    expect(storeLog.filter((line) => /unreachable/.test(line))).toEqual([]);
  }, 300_000);
});
