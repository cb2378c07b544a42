// The dashboard's server side over HTTP: its API (trends, queue, filter values) behind the
// sign-in, and its static pages under a strict Content-Security-Policy.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { Explanation } from '../../core/types.ts';
import { DASHBOARD_CSP, dashboardMounts } from '../../dashboards/router.ts';
import { MAX_RANGE_DAYS } from '../../api/routes/trends.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { SYSTEM_ACTOR, type Workflow } from '../../features/workflow/index.ts';
import { ApiClient } from '../api/client.ts';
import { makeItem } from '../helpers/items.ts';
import { testWorkflow } from '../workflow/helpers.ts';

const store = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let server: Server;
let base: string;
let viewer: ApiClient;
let analyst: ApiClient;

const hoan: Explanation = { kind: 'distortion', term: 'hoãn', matched: 'hoãn', weight: 1, field: 'title', start: 0, end: 4 };

beforeAll(async () => {
  await store.init();
  await store.upsertItems([
    makeItem(
      { title: 'hoãn đại hội 1', text: 'a', publishedAt: '2020-10-12T03:00:00Z' },
      { congress: true, distortion: true, scores: { congress: 0.9, distortion: 0.95 }, explanations: [hoan] },
    ),
    makeItem(
      { title: 'hoãn đại hội 2', text: 'b', publishedAt: '2020-10-13T03:00:00Z', sourceId: 'bao-b' },
      { congress: true, distortion: true, scores: { congress: 0.8, distortion: 0.6 }, explanations: [hoan] },
    ),
    makeItem(
      {
        title: 'hoãn đại hội 3',
        text: 'c',
        publishedAt: '2020-10-14T03:00:00Z',
        kind: 'social',
        platform: 'mastodon',
        sourceId: 'masto',
        url: 'https://masto.example/@a/1',
      },
      { congress: true, distortion: true, scores: { congress: 0.9, distortion: 0.85 }, explanations: [hoan] },
    ),
    makeItem({ title: 'tin thường', text: 'd', publishedAt: '2020-10-01T03:00:00Z' }),
    makeItem({ title: 'tin cũ', text: 'e', publishedAt: '2020-06-01T03:00:00Z' }),
  ]);
  workflow = await testWorkflow({ store, withUsers: true });
  const lost = await workflow.users.create(
    { username: 'old-analyst', role: 'analyst', password: 'Cu-phan-tich-2020', mustChangePassword: false },
    SYSTEM_ACTOR,
  );
  workflow.users.update(lost.username, { disabled: true }, SYSTEM_ACTOR);
  const app = createApp({ store, workflow, security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 100_000 } }, routers: dashboardMounts() });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  viewer = ApiClient.withToken(base, workflow.auth.createToken('viewer', { name: 't' }, SYSTEM_ACTOR).token);
  analyst = ApiClient.withToken(base, workflow.auth.createToken('analyst', { name: 't' }, SYSTEM_ACTOR).token);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  workflow.close();
  await store.close();
});

describe('GET /api/trends', () => {
  it('answers only signed-in callers', async () => {
    const anonymous = new ApiClient(base);
    expect((await anonymous.get('/api/trends')).status).toBe(401);
    expect((await anonymous.get('/api/dashboard/queue')).status).toBe(401);
    expect((await anonymous.get('/api/dashboard/facets')).status).toBe(401);
  });

  it('defaults to the 90 days ending on the newest item', async () => {
    const { status, body } = await viewer.get('/api/trends');
    expect(status).toBe(200);
    expect(body.to).toBe('2020-10-14');
    expect(body.from).toBe('2020-07-17');
    expect(body.days).toHaveLength(90);
    expect(body.total).toBe(4); // the June item is outside
    expect(body.flagged).toBe(3);
    expect(body).not.toHaveProperty('truncated');
    // The top terms come from the stored explanations.
    expect(body.topTerms.terms).toEqual([{ term: 'hoãn', thisWeek: 3, lastWeek: 0, change: 3, kinds: ['distortion'] }]);
    expect(body.byPlatform.map((s: { key: string }) => s.key).sort()).toEqual(['mastodon', 'web']);
  });

  it('takes a range, and validates it', async () => {
    const { body } = await viewer.get('/api/trends?from=2020-10-12&to=2020-10-13');
    expect(body.days).toEqual(['2020-10-12', '2020-10-13']);
    expect(body.perDay.map((d: { total: number }) => d.total)).toEqual([1, 1]);
    expect(body.bySource.map((s: { key: string }) => s.key)).toEqual(['bao-a', 'bao-b']);

    const bad = await viewer.get('/api/trends?from=2020-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'from' });
    expect((await viewer.get('/api/trends?from=2020-10-12T00:00:00Z')).body.error.parameter).toBe('from');
    expect((await viewer.get('/api/trends?from=2020-10-13&to=2020-10-12')).body.error.parameter).toBe('to');
    expect((await viewer.get('/api/trends?since=2020-10-12')).body.error).toMatchObject({ code: 'unknown_parameter', parameter: 'since' });
    const long = await viewer.get(`/api/trends?from=2018-01-01&to=2020-10-12`);
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain(String(MAX_RANGE_DAYS));
  });
});

describe('GET /api/dashboard/queue', () => {
  const ids = (body: { items: Array<{ title: string }> }) => body.items.map((item) => item.title);

  it('filters by platform: "web" for sites and feeds, else the social platform', async () => {
    expect(ids((await viewer.get('/api/dashboard/queue?flagged=true&platform=web&sort=oldest')).body)).toEqual(['hoãn đại hội 1', 'hoãn đại hội 2']);
    expect(ids((await viewer.get('/api/dashboard/queue?flagged=true&platform=mastodon')).body)).toEqual(['hoãn đại hội 3']);
    expect((await viewer.get('/api/dashboard/queue?platform=bluesky')).body.total).toBe(0);
  });

  it('filters by minimum scores and pages through what is left', async () => {
    const page1 = (await viewer.get('/api/dashboard/queue?minDistortion=0.8&sort=distortion&pageSize=1')).body;
    expect(page1).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(ids(page1)).toEqual(['hoãn đại hội 1']);
    const page2 = (await viewer.get('/api/dashboard/queue?minDistortion=0.8&sort=distortion&pageSize=1&page=2')).body;
    expect(ids(page2)).toEqual(['hoãn đại hội 3']);
    expect(ids((await viewer.get('/api/dashboard/queue?minDistortion=0.8&minCongress=0.85&platform=web')).body)).toEqual(['hoãn đại hội 1']);
    expect((await viewer.get('/api/dashboard/queue?minDistortion=1.5')).status).toBe(400);
  });

  it('takes the item filters of the API, "me" included', async () => {
    expect(ids((await viewer.get(`/api/dashboard/queue?q=${encodeURIComponent('dai hoi')}&source=bao-b`)).body)).toEqual(['hoãn đại hội 2']);
    const item = (await viewer.get('/api/dashboard/queue?source=bao-b')).body.items[0];
    const review = (await analyst.get(`/api/items/${item.id}/review`)).body.review;
    expect((await analyst.post(`/api/items/${item.id}/review/assign`, { assignee: 'analyst', version: review.version })).status).toBe(200);
    expect(ids((await analyst.get('/api/dashboard/queue?assignee=me')).body)).toEqual(['hoãn đại hội 2']);
    expect((await viewer.get('/api/dashboard/queue?assignee=me')).body.total).toBe(0);
    expect((await viewer.get('/api/dashboard/queue?colour=red')).body.error).toMatchObject({ code: 'unknown_parameter' });
  });

  it('offers the values of the filter lists, and the active users items can be assigned to', async () => {
    const { body } = await viewer.get('/api/dashboard/facets');
    expect(body.topics).toEqual(['congress-2020']);
    expect(body.sources).toEqual(['bao-a', 'bao-b', 'masto']);
    expect(body.platforms).toEqual(['mastodon', 'web']);
    expect(body.kinds.sort()).toEqual(['news', 'social']);
    expect(body.assignees.map((user: { username: string }) => user.username).sort()).toEqual(['admin', 'analyst', 'spokesperson']);
  });

  it('is documented in the OpenAPI document with its access rule', async () => {
    const { body } = await viewer.get('/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/trends', '/api/dashboard/queue', '/api/dashboard/facets']));
  });
});

describe('the static dashboard', () => {
  it('serves every page under a CSP that allows only its own scripts, no inline code', async () => {
    for (const path of ['/', '/login', '/item', '/trends', '/sources']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(DASHBOARD_CSP);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      await response.text();
    }
  });

  it('serves Chart.js from node_modules at /vendor/chart.js', async () => {
    const response = await fetch(`${base}/vendor/chart.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('javascript');
    const source = await response.text();
    expect(source).toMatch(/Chart\.js v4/);
    expect(source.length).toBeGreaterThan(100_000);
  });

  it('leaves /api to the API: unknown API paths are still 404 JSON or 401', async () => {
    const unknown = await viewer.get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(unknown.headers.get('content-security-policy')).not.toBe(DASHBOARD_CSP);
    expect((await new ApiClient(base).get('/api/no-such-thing')).status).toBe(401);
    expect((await new ApiClient(base).post('/api/no-such-thing', {})).status).toBe(401);
    expect((await analyst.post('/api/no-such-thing', {})).status).toBe(404);
  });

  it('serves nothing outside dashboards/web', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/js/../../router.ts', '/.env']) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(text).not.toContain('"dependencies"');
      expect(text).not.toContain('dashboardMounts');
    }
  });

  it('refuses other methods to anonymous callers', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(401);
  });
});
