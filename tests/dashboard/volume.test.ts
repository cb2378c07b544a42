// The trends and the score- or platform-filtered queue count every item, well past the caps
// they used to have (20,000 items read for the trends, 10,000 matches for the queue): the
// store aggregates and filters, nothing is read into JavaScript to be counted.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { syntheticScoredItems } from '../../bench/synthetic.ts';
import type { ScoredItem } from '../../core/types.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { vietnamDay } from '../../core/time.ts';
import { itemTimestamp, platformOf } from '../../pipeline/store/common.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { SYSTEM_ACTOR, type Workflow } from '../../features/workflow/index.ts';
import { ApiClient } from '../api/client.ts';
import { testWorkflow } from '../workflow/helpers.ts';

const COUNT = 25_000;
const store = new SqliteStore({ path: ':memory:' });
let items: ScoredItem[];
let workflow: Workflow;
let server: Server;
let viewer: ApiClient;

beforeAll(async () => {
  await store.init();
  items = syntheticScoredItems(COUNT, 16);
  for (let start = 0; start < COUNT; start += 5_000) await store.upsertItems(items.slice(start, start + 5_000));
  workflow = await testWorkflow({ store, withUsers: true });
  const app = createApp({ store, workflow, security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 } }, routers: dashboardMounts() });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  viewer = ApiClient.withToken(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    workflow.auth.createToken('viewer', { name: 't' }, SYSTEM_ACTOR).token,
  );
}, 120_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  workflow.close();
  await store.close();
});

const newestFirst = (a: ScoredItem, b: ScoredItem) =>
  itemTimestamp(a) < itemTimestamp(b) ? 1 : itemTimestamp(a) > itemTimestamp(b) ? -1 : a.id < b.id ? -1 : 1;

describe('views past the old caps', () => {
  it('counts every item of a four-month range in the trends', async () => {
    const { status, body } = await viewer.get('/api/trends?from=2020-10-01&to=2021-01-31');
    expect(status).toBe(200);
    expect(body.total).toBe(COUNT);
    expect(body.total).toBeGreaterThan(20_000);
    expect(body.flagged).toBe(items.filter((item) => item.flagged).length);
    const perDay = new Map<string, number>();
    for (const item of items) perDay.set(vietnamDay(itemTimestamp(item)), (perDay.get(vietnamDay(itemTimestamp(item))) ?? 0) + 1);
    for (const day of body.perDay as Array<{ day: string; total: number }>) expect(day.total).toBe(perDay.get(day.day) ?? 0);
    const congress = body.byTopic.find((series: { key: string }) => series.key === 'congress-2020');
    expect(congress.total).toBe(items.filter((item) => item.topics.includes('congress-2020')).length);
    // Synthetic clusters have three members each.
    expect(body.clusters[0]).toMatchObject({ size: 3 });
    expect(body).not.toHaveProperty('truncated');
  });

  it.each([
    ['minDistortion=0.2', (item: ScoredItem) => item.scores.distortion >= 0.2],
    ['platform=web', (item: ScoredItem) => platformOf(item) === 'web'],
    ['platform=social&minCongress=0.3', (item: ScoredItem) => platformOf(item) === 'social' && item.scores.congress >= 0.3],
  ])('pages the queue filtered by %s over every match', async (filter, keep) => {
    const expected = items.filter(keep).sort(newestFirst);
    const last = Math.ceil(expected.length / 100);
    const { body } = await viewer.get(`/api/dashboard/queue?${filter}&pageSize=100&page=${last}`);
    expect(body.total).toBe(expected.length);
    expect(body.items.map((item: ScoredItem) => item.id)).toEqual(expected.slice((last - 1) * 100).map((item) => item.id));
    expect(body).not.toHaveProperty('truncated');
  });

  it('offers every platform and kind as filter values', async () => {
    const { body } = await viewer.get('/api/dashboard/facets');
    expect(body.platforms).toEqual(['social', 'web']);
    expect(body.kinds).toEqual(['news', 'rss', 'social']);
    expect(body.sources).toHaveLength(40);
  });
});
