// POST /api/check and the held publication through the API: who may check, what is refused as
// input, the verdict with spans, and publish → 409 held_by_check → override → audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import type { Workflow } from '../../features/workflow/index.ts';
import { ApiClient } from '../api/client.ts';
import { PASSWORDS, testWorkflow } from '../workflow/helpers.ts';
import { confirmed, configuredChecker, RIGHT_COUNT, rumourItem, WRONG_COUNT } from './helpers.ts';

const store = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let api: RunningServer;
const clients: Record<string, ApiClient> = {};

beforeAll(async () => {
  await store.init();
  workflow = await testWorkflow({ store, checker: configuredChecker, withUsers: true });
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
  for (const role of ['admin', 'analyst', 'spokesperson', 'viewer'] as const) {
    clients[role] = new ApiClient(api.url);
    expect((await clients[role].login(role, PASSWORDS[role])).status).toBe(200);
  }
});
afterAll(async () => {
  await api.close();
  workflow.close();
  await store.close();
});

describe('POST /api/check', () => {
  it('admits analysts, spokespeople and admins; refuses viewers and anonymous callers', async () => {
    for (const role of ['admin', 'analyst', 'spokesperson']) expect((await clients[role].post('/api/check', { text: RIGHT_COUNT })).status).toBe(200);
    expect((await clients.viewer.post('/api/check', { text: RIGHT_COUNT })).status).toBe(403);
    expect((await new ApiClient(api.url).post('/api/check', { text: RIGHT_COUNT })).status).toBe(401);
  });

  it('validates the body', async () => {
    const empty = await clients.analyst.post('/api/check', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ parameter: 'text' });
    expect((await clients.analyst.post('/api/check', {})).body.error.parameter).toBe('text');
    expect((await clients.analyst.post('/api/check', { text: 'x', extra: 1 })).body.error.code).toBe('unknown_parameter');
    expect((await clients.analyst.post('/api/check', { text: 'x'.repeat(50_001) })).status).toBe(400);
  });

  it('returns the verdict with reasons and spans: wrong count held, correct count passes', async () => {
    const wrong = await clients.spokesperson.post('/api/check', { title: 'Đính chính', text: WRONG_COUNT });
    expect(wrong.body).toMatchObject({ held: true, congress: true });
    const reason = wrong.body.reasons.find((r: { kind: string }) => r.kind === 'fact');
    expect(reason).toMatchObject({ factId: 'GL-DELEGATES', field: 'text', matched: '400 đại biểu' });
    expect(WRONG_COUNT.slice(reason.start, reason.end)).toBe('400 đại biểu');
    expect(reason.message).toContain('official 350');
    const right = await clients.spokesperson.post('/api/check', { text: RIGHT_COUNT });
    expect(right.body).toMatchObject({ held: false, reasons: [], congress: true });
    expect(right.body.explanations.length).toBeGreaterThan(0);
  });

  it('holds a date and a venue that differ from the sheet, written in words too', async () => {
    const texts = [
      'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc ngày 21/10/2020.',
      'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI tổ chức tại Quy Nhơn.',
      'Dự Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có bốn trăm đại biểu chính thức.',
    ];
    const facts = [];
    for (const text of texts) facts.push((await clients.analyst.post('/api/check', { text })).body.reasons.map((r: { factId: string }) => r.factId));
    expect(facts).toEqual([['GL-DATE'], ['GL-VENUE'], ['GL-DELEGATES']]);
  });
});

describe('publishing a held draft through the API', () => {
  it('answers 409 held_by_check with the reasons, then publishes with an override that the audit log records', async () => {
    const itemId = await confirmed(workflow, store, rumourItem(1), { username: 'analyst', role: 'analyst' });
    const draft = await clients.spokesperson.post('/api/responses', { itemId, title: 'Số đại biểu', body: WRONG_COUNT, factIds: ['GL-DATE'] });
    expect(draft.status).toBe(201);
    const held = await clients.spokesperson.post(`/api/responses/${draft.body.id}/publish`, { version: draft.body.version });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'held_by_check', current: { id: draft.body.id, status: 'draft' }, check: { held: true } });
    expect(held.body.error.check.reasons.map((r: { factId?: string }) => r.factId)).toContain('GL-DELEGATES');
    const badOverride = await clients.spokesperson.post(`/api/responses/${draft.body.id}/publish`, { version: draft.body.version, override: { reason: '' } });
    expect(badOverride.status).toBe(400);
    expect(badOverride.body.error.parameter).toBe('override.reason');
    const published = await clients.spokesperson.post(`/api/responses/${draft.body.id}/publish`, {
      version: draft.body.version,
      override: { reason: 'Ban Tổ chức xác nhận số mới' },
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const audit = await clients.admin.get(`/api/audit?targetId=${draft.body.id}`);
    const actions = audit.body.entries ?? audit.body.items;
    const override = actions.find((e: { action: string }) => e.action === 'response.check_override');
    expect(override).toMatchObject({ actor: 'spokesperson', detail: { reason: 'Ban Tổ chức xác nhận số mới' } });
    expect(actions.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['response.check_held', 'response.check_override', 'response.publish']),
    );
  });

  it('publishes the corrected draft without an override', async () => {
    const itemId = await confirmed(workflow, store, rumourItem(2), { username: 'analyst', role: 'analyst' });
    const draft = await clients.spokesperson.post('/api/responses', { itemId, title: 'Số đại biểu', body: RIGHT_COUNT, factIds: ['GL-DATE'] });
    const published = await clients.spokesperson.post(`/api/responses/${draft.body.id}/publish`, { version: draft.body.version });
    expect(published.status).toBe(200);
  });
});
