import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { openWorkflow, SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { withRevision } from '../../pipeline/revisions.ts';

const store = new SqliteStore({ path: ':memory:' });
const workflow = openWorkflow({ path: ':memory:', store, security: { scryptCost: 10 } });
let api: RunningServer;
let token: string;

const items = [
  makeItem(
    { title: 'Khai mạc Đại hội Đảng bộ tỉnh', text: 'Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc.', publishedAt: '2020-10-14T08:00:00+07:00' },
    { congress: true },
  ),
  makeItem(
    {
      title: 'Tin đồn đại hội bị hoãn',
      text: 'Nghe nói đại hội bị hoãn, chia sẻ gấp!',
      publishedAt: '2020-10-10T20:00:00+07:00',
      kind: 'social',
      platform: 'mastodon',
      sourceId: 'nhom-pho-nui',
    },
    { congress: true, distortion: true },
  ),
  makeItem({ title: 'Giá cà phê tăng', text: 'Giá cà phê nhân xô tăng 300 đồng/kg.', publishedAt: '2020-10-21T08:00:00+07:00' }),
];

async function get(path: string) {
  const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  await store.init();
  await store.upsertItems(items);
  await workflow.users.create({ username: 'reader', role: 'viewer', password: 'Doctin-pass-1', mustChangePassword: false }, SYSTEM_ACTOR);
  token = workflow.auth.createToken('reader', { name: 'items test' }, SYSTEM_ACTOR).token;
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await api.close();
  workflow.close();
  await store.close();
});

describe('GET /api/items', () => {
  it('filters by flag, kind, source and date, newest first by default', async () => {
    expect((await get('/api/items?flagged=true')).body.items.map((i: { title: string }) => i.title)).toEqual(['Tin đồn đại hội bị hoãn']);
    expect((await get('/api/items?kind=social')).body.total).toBe(1);
    expect((await get('/api/items?platform=mastodon')).body.total).toBe(1);
    expect((await get('/api/items?platform=bluesky')).body.total).toBe(0);
    expect((await get('/api/items?source=bao-a')).body.total).toBe(2);
    expect((await get('/api/items?from=2020-10-14&to=2020-10-14')).body.total).toBe(1);
    const all = await get('/api/items');
    expect(all.body.items.map((i: { publishedAt: string }) => i.publishedAt)).toEqual([
      '2020-10-21T08:00:00+07:00',
      '2020-10-14T08:00:00+07:00',
      '2020-10-10T20:00:00+07:00',
    ]);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.body.items[0]).not.toHaveProperty('text');
  });

  it.each([
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['flagged=maybe', 'flagged'],
    ['kind=video', 'kind'],
    ['from=yesterday', 'from'],
    ['to=2020-02-30', 'to'],
    ['from=2020-10-15&to=2020-10-14', 'to'],
    ['q=', 'q'],
    [`q=${'a'.repeat(201)}`, 'q'],
    ['sort=random', 'sort'],
    ['colour=red', 'colour'],
  ])('rejects %s with a 400 naming "%s"', async (query, parameter) => {
    const { status, body } = await get(`/api/items?${query}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toContain(parameter);
  });

  it('answers 404 for an unknown item id and an unknown route', async () => {
    const missing = await get('/api/items/does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('returns the full item, with text and explanations, by id', async () => {
    const { status, body } = await get(`/api/items/${items[1].id}`);
    expect(status).toBe(200);
    expect(body.text).toBe(items[1].text);
    expect(body).toHaveProperty('explanations');
  });
});

describe('GET /api/stats and /api/clusters', () => {
  it('counts by day and source', async () => {
    const { body } = await get('/api/stats');
    expect(body).toMatchObject({ total: 3, flagged: 1, congress: 2 });
    expect(body.byDay.map((d: { key: string }) => d.key)).toEqual(['2020-10-10', '2020-10-14', '2020-10-21']);
    expect((await get('/api/stats?source=bao-a')).body.total).toBe(2);
    expect((await get('/api/stats?from=soon')).status).toBe(400);
  });

  it('answers 404 for an unknown cluster', async () => {
    expect((await get('/api/clusters/c-none')).status).toBe(404);
  });
});

describe('GET /api/items/:id revisions', () => {
  it("shows an edited item's earlier versions and what changed, as evidence", async () => {
    const first = makeItem({
      url: 'https://bao-a.example/sua',
      title: 'Thông báo lịch họp',
      text: 'Cuộc họp diễn ra sáng thứ Hai. Địa điểm tại hội trường tỉnh.',
    });
    const next = { title: 'Thông báo lịch họp', text: 'Cuộc họp diễn ra sáng thứ Ba. Địa điểm tại hội trường tỉnh.', fetchedAt: '2020-10-16T01:00:00.000Z' };
    await store.upsertItems([{ ...makeItem({ url: first.url, ...next }), revisions: withRevision(first, next) }]);
    const { status, body } = await get(`/api/items/${first.id}`);
    expect(status).toBe(200);
    expect(body.revisions).toHaveLength(1);
    expect(body.revisions[0]).toMatchObject({
      text: first.text,
      replacedAt: '2020-10-16T01:00:00.000Z',
      changes: { addedSentences: ['Cuộc họp diễn ra sáng thứ Ba.'], removedSentences: ['Cuộc họp diễn ra sáng thứ Hai.'] },
    });
    expect(body.revisions[0].changes).not.toHaveProperty('title');
    const listed = await get('/api/items?source=bao-a&pageSize=100');
    expect(listed.body.items.some((item: Record<string, unknown>) => 'revisions' in item)).toBe(false);
  });
});
