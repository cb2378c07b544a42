// The review workflow end to end through the API, as the office uses it: an admin creates the
// team, an analyst works the queue in the dashboard (session cookie + CSRF token), a second
// analyst collides, a spokesperson answers the rumour everywhere it appeared and publishes,
// and the admin reads the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import type { ScoredItem } from '../../core/types.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { SYSTEM_ACTOR, type Workflow } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { testWorkflow } from '../workflow/helpers.ts';
import { ApiClient } from './client.ts';

const rumour = (n: number): ScoredItem => ({
  ...makeItem(
    {
      title: n === 1 ? 'Đại hội Đảng bộ tỉnh bị hoãn vì dịch?' : `Chia sẻ: đại hội tỉnh hoãn (${n})`,
      text: 'Nghe nói đại hội tỉnh bị hoãn sang năm sau, chia sẻ gấp!',
      kind: 'social',
      sourceId: `nhom-${n}`,
      publishedAt: `2020-10-1${n}T21:00:00+07:00`,
    },
    { congress: true, distortion: true, scores: { congress: 0.9, distortion: 0.7 + n / 100 } },
  ),
  clusterId: 'c-hoan',
});
const falseAlarm = makeItem(
  { title: 'Hội nghị trực tuyến về đại hội', text: 'Hội nghị trực tuyến quán triệt nghị quyết đại hội.', publishedAt: '2020-10-20T08:00:00+07:00' },
  { congress: true, distortion: true, scores: { congress: 0.8, distortion: 0.55 } },
);
const items = [rumour(1), rumour(2), rumour(3), falseAlarm];

const store = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let api: RunningServer;
let admin: ApiClient;
let lan: ApiClient; // analyst
let minh: ApiClient; // second analyst
let hoa: ApiClient; // spokesperson

beforeAll(async () => {
  await store.init();
  await store.upsertItems(items);
  workflow = await testWorkflow({ store });
  // The first admin comes from the command line (mediawatch users add ... --role admin).
  await workflow.users.create({ username: 'admin', role: 'admin', password: 'Quantri-pass-2020', mustChangePassword: false }, SYSTEM_ACTOR);
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
  admin = new ApiClient(api.url);
  lan = new ApiClient(api.url);
  minh = new ApiClient(api.url);
  hoa = new ApiClient(api.url);
});

afterAll(async () => {
  await api.close();
  workflow.close();
  await store.close();
});

describe('review workflow through the API', () => {
  it('admin signs in and creates the team with temporary passwords', async () => {
    const login = await admin.login('admin', 'Quantri-pass-2020');
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ role: 'admin', passwordChangeRequired: false, csrfToken: expect.any(String) });
    for (const [username, role] of [
      ['lan', 'analyst'],
      ['minh', 'analyst'],
      ['hoa', 'spokesperson'],
    ]) {
      const created = await admin.post('/api/users', { username, role, password: 'Temp-pass-2020', displayName: username.toUpperCase() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username, role, mustChangePassword: true });
    }
    expect((await admin.post('/api/users', { username: 'weak', role: 'viewer', password: 'weakpass' })).body.error).toMatchObject({
      code: 'weak_password',
      parameter: 'password',
    });
    expect((await admin.get('/api/users')).body.users.map((u: { username: string }) => u.username)).toEqual(['admin', 'hoa', 'lan', 'minh']);
  });

  it('makes each new user change the temporary password before anything else', async () => {
    for (const [client, name] of [
      [lan, 'lan'],
      [minh, 'minh'],
      [hoa, 'hoa'],
    ] as const) {
      const login = await client.login(name, 'Temp-pass-2020');
      expect(login.body).toMatchObject({ passwordChangeRequired: true, reason: 'reset' });
      const blocked = await client.get('/api/items');
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('password_change_required');
      expect((await client.get('/api/auth/me')).body.passwordChangeRequired).toBe(true);
      const weak = await client.post('/api/auth/change-password', { currentPassword: 'Temp-pass-2020', newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.error.parameter).toBe('newPassword');
      const changed = await client.post('/api/auth/change-password', {
        currentPassword: 'Temp-pass-2020',
        newPassword: `Own-pass-1-${name.length}${name.at(-1)}`,
      });
      expect(changed.status).toBe(200);
      expect((await client.get('/api/items')).status).toBe(200);
    }
  });

  it('analyst works the queue: flagged, most distorted first', async () => {
    const queue = await lan.get('/api/review/queue');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([items[2].id, items[1].id, items[0].id, falseAlarm.id]);
  });

  it('refuses a state change sent with the session cookie but without the CSRF token', async () => {
    lan.sendCsrf = false;
    const refused = await lan.post(`/api/items/${items[0].id}/review/transition`, { to: 'in_review', version: 0 });
    lan.sendCsrf = true;
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    expect(workflow.reviews.get(items[0].id).version).toBe(0);
  });

  it('analyst takes an item: in review, assigned to herself, priority, tags and a note', async () => {
    const id = items[0].id;
    const started = await lan.post(`/api/items/${id}/review/transition`, { to: 'in_review', version: 0 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_review', version: 1 });
    const assigned = await lan.post(`/api/items/${id}/review/assign`, { assignee: 'lan', version: 1 });
    expect(assigned.body).toMatchObject({ assignee: 'lan', version: 2 });
    const tagged = await lan.patch(`/api/items/${id}/review`, { priority: 'urgent', tags: ['hoãn', 'covid'], version: 2 });
    expect(tagged.body).toMatchObject({ priority: 'urgent', tags: ['covid', 'hoãn'], version: 3 });
    const note = await lan.post(`/api/items/${id}/review/notes`, { text: 'Lan truyền trong 3 nhóm Zalo' });
    expect(note.status).toBe(201);
    // The queue filters on the mirrored state.
    const mine = await lan.get('/api/review/queue?status=in_review&assignee=me');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await lan.get('/api/items?status=in_review,new&flagged=true')).body.total).toBe(4);
  });

  it('gives the second analyst a 409 with the current state instead of overwriting', async () => {
    const id = items[0].id;
    // Minh loaded the item at version 1, before Lan's assignment and tags.
    const stale = await minh.post(`/api/items/${id}/review/transition`, { to: 'dismissed', version: 1, reason: 'không phải tin đồn' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ status: 'in_review', version: 3, assignee: 'lan', updatedBy: 'lan' });
    expect((await lan.get(`/api/items/${id}/review`)).body.review).toMatchObject({ status: 'in_review', version: 3 });
  });

  it('refuses invalid transitions and bad input with errors naming the problem', async () => {
    const id = items[1].id;
    const skip = await lan.post(`/api/items/${id}/review/transition`, { to: 'confirmed', version: 0 });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: 'invalid_transition', allowed: ['in_review'], current: { status: 'new' } });
    const bogus = await lan.post(`/api/items/${id}/review/transition`, { to: 'archived', version: 0 });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.parameter).toBe('to');
    const extra = await lan.post(`/api/items/${id}/review/transition`, { to: 'in_review', version: 0, colour: 'red' });
    expect(extra.body.error).toMatchObject({ code: 'unknown_parameter', parameter: 'colour' });
    expect(extra.body.error.message).toBe('unknown parameter "colour"; accepted: congress, reason, to, version');
    expect((await lan.get('/api/items?limit=2')).body.error.message).toMatch(/^unknown parameter "limit"; accepted: .*\bpageSize\b/);
    const noVersion = await lan.post(`/api/items/${id}/review/transition`, { to: 'in_review' });
    expect(noVersion.body.error.parameter).toBe('version');
    const notJson = await lan.call('POST', `/api/items/${id}/review/transition`, undefined, { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect((await lan.post('/api/items/nope/review/transition', { to: 'in_review', version: 0 })).status).toBe(404);
    expect((await lan.get('/api/items?status=in_review,archived')).body.error.parameter).toBe('status');
  });

  it('analyst dismisses a false positive (with a reason) and confirms the rumour', async () => {
    const dismissNoReason = await lan
      .post(`/api/items/${falseAlarm.id}/review/transition`, { to: 'in_review', version: 0 })
      .then(() => lan.post(`/api/items/${falseAlarm.id}/review/transition`, { to: 'dismissed', version: 1 }));
    expect(dismissNoReason.status).toBe(400);
    expect(dismissNoReason.body.error.parameter).toBe('reason');
    const dismissed = await lan.post(`/api/items/${falseAlarm.id}/review/transition`, {
      to: 'dismissed',
      version: 1,
      reason: 'Hội nghị trực tuyến là có thật',
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', reason: 'Hội nghị trực tuyến là có thật' });
    const confirmed = await lan.post(`/api/items/${items[0].id}/review/transition`, { to: 'confirmed', version: 3 });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 4 });
    for (const item of [items[1]]) {
      await lan.post(`/api/items/${item.id}/review/transition`, { to: 'in_review', version: 0 });
      await lan.post(`/api/items/${item.id}/review/transition`, { to: 'confirmed', version: 1 });
    }
  });

  it('keeps review to analysts: the spokesperson cannot confirm or dismiss', async () => {
    const refused = await hoa.post(`/api/items/${items[2].id}/review/transition`, { to: 'in_review', version: 0 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  let responseId: string;

  it('spokesperson drafts one answer for the whole cluster, citing official facts', async () => {
    const facts = await hoa.get('/api/facts');
    expect(facts.body.facts.map((f: { id: string }) => f.id)).toContain('GL-DATE');
    const unknown = await hoa.post('/api/responses', { clusterId: 'c-hoan', title: 'Đính chính', body: '...', factIds: ['GL-NOPE'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.parameter).toBe('factIds.0');
    const both = await hoa.post('/api/responses', { itemId: items[0].id, clusterId: 'c-hoan', title: 'x', body: 'y' });
    expect(both.body.error.parameter).toBe('itemId');

    const draft = await hoa.post('/api/responses', {
      clusterId: 'c-hoan',
      title: 'Đại hội Đảng bộ tỉnh không hoãn',
      body: 'Thông tin Đại hội bị hoãn là **sai sự thật**. Đại hội diễn ra từ 14 đến 16/10/2020.',
      factIds: ['GL-DATE'],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, clusterId: 'c-hoan', factIds: ['GL-DATE'] });
    expect(draft.body.itemIds).toHaveLength(3);
    responseId = draft.body.id;
    const drafted = await hoa.get('/api/items?status=response_drafted');
    expect(drafted.body.items.map((i: { id: string }) => i.id).sort()).toEqual([items[0].id, items[1].id].sort());
    expect((await hoa.get(`/api/responses?itemId=${items[1].id}`)).body.responses.map((r: { id: string }) => r.id)).toEqual([responseId]);
  });

  it('spokesperson edits the draft; a stale edit gets 409', async () => {
    const edited = await hoa.patch(`/api/responses/${responseId}`, { factIds: ['GL-DATE', 'GL-BCH'], version: 1 });
    expect(edited.body).toMatchObject({ version: 2, factIds: ['GL-DATE', 'GL-BCH'] });
    const stale = await hoa.patch(`/api/responses/${responseId}`, { title: 'Cũ', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2 });
  });

  it('exports the draft as Markdown and as text for publication', async () => {
    const md = await hoa.get(`/api/responses/${responseId}/export?format=markdown`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.text).toMatch(/^# Đại hội Đảng bộ tỉnh không hoãn\n/);
    expect(md.text).toContain('- **GL-DATE**: ');
    expect(md.text).toContain('- **GL-BCH**: ');
    expect(md.text).toContain(`](${items[0].url})`);
    expect(md.text).toContain('Đại hội Đảng bộ tỉnh bị hoãn vì dịch?');
    const text = await hoa.get(`/api/responses/${responseId}/export?format=text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.text).not.toContain('](');
    expect((await hoa.get(`/api/responses/${responseId}/export?format=pdf`)).body.error.parameter).toBe('format');
    // Analysts review; publishing material is the spokesperson's.
    expect((await lan.get(`/api/responses/${responseId}/export`)).status).toBe(403);
  });

  it('spokesperson publishes: the answered items become responded', async () => {
    const published = await hoa.post(`/api/responses/${responseId}/publish`, { version: 2, url: 'https://gialai.example/dinh-chinh' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: 'hoa' });
    for (const item of [items[0], items[1]]) {
      const { body } = await lan.get(`/api/items/${item.id}/review`);
      expect(body.review.status).toBe('responded');
      expect(body.history.map((h: { after: { status?: string } }) => h.after.status).filter(Boolean)).toEqual([
        'in_review',
        'confirmed',
        'response_drafted',
        'responded',
      ]);
    }
    // Not confirmed by an analyst: untouched by the response.
    expect((await lan.get(`/api/items/${items[2].id}/review`)).body.review.status).toBe('new');
    expect((await lan.get('/api/items?status=responded')).body.total).toBe(2);
    expect((await hoa.post(`/api/responses/${responseId}/publish`, { version: 3 })).body.error.code).toBe('already_published');
  });

  it('spokesperson withdraws a draft that will not go out: kept read-only, its item back to confirmed', async () => {
    const item = items[2];
    await lan.post(`/api/items/${item.id}/review/transition`, { to: 'in_review', version: 0 });
    await lan.post(`/api/items/${item.id}/review/transition`, { to: 'confirmed', version: 1 });
    const draft = await hoa.post('/api/responses', { itemId: item.id, title: 'Nháp trả lời riêng', body: 'Sẽ không đăng.' });
    expect((await lan.get(`/api/items/${item.id}/review`)).body.review.status).toBe('response_drafted');

    const noReason = await hoa.post(`/api/responses/${draft.body.id}/withdraw`, { version: 1, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.parameter).toBe('reason');
    expect((await lan.post(`/api/responses/${draft.body.id}/withdraw`, { version: 1, reason: 'x' })).status).toBe(403);
    expect((await hoa.post(`/api/responses/${draft.body.id}/withdraw`, { version: 9, reason: 'x' })).status).toBe(409);

    const withdrawn = await hoa.post(`/api/responses/${draft.body.id}/withdraw`, { version: 1, reason: 'Đã có trả lời chung cho cả nhóm tin' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2, withdrawnBy: 'hoa', withdrawReason: 'Đã có trả lời chung cho cả nhóm tin' });
    const review = (await lan.get(`/api/items/${item.id}/review`)).body;
    expect(review.review.status).toBe('confirmed');
    expect(review.history.map((h: { after: { status?: string } }) => h.after.status).filter(Boolean)).toEqual([
      'in_review',
      'confirmed',
      'response_drafted',
      'confirmed',
    ]);

    const edit = await hoa.patch(`/api/responses/${draft.body.id}`, { title: 'Sửa lại', version: 2 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('withdrawn');
    expect((await hoa.post(`/api/responses/${draft.body.id}/publish`, { version: 2 })).body.error.code).toBe('withdrawn');
    const listed = (await hoa.get('/api/responses?status=withdrawn')).body.responses.map((r: { id: string }) => r.id);
    expect(listed).toEqual([draft.body.id]);
  });

  it('admin reads the audit trail: who, when, what, before → after; others may not', async () => {
    const byLan = await admin.get('/api/audit?actor=lan&action=review.*&pageSize=100');
    expect(byLan.status).toBe(200);
    const first = byLan.body.items[byLan.body.items.length - 1];
    expect(first).toMatchObject({
      actor: 'lan',
      actorRole: 'analyst',
      via: 'session',
      action: 'review.transition',
      targetType: 'item',
      targetId: items[0].id,
      before: { status: 'new' },
      after: { status: 'in_review' },
    });
    expect(Date.parse(first.at)).not.toBeNaN();
    const actions = new Set((await admin.get('/api/audit?pageSize=500')).body.items.map((e: { action: string }) => e.action));
    for (const action of [
      'auth.login',
      'user.create',
      'user.password_change',
      'review.transition',
      'review.assign',
      'review.update',
      'review.note',
      'response.create',
      'response.update',
      'response.export',
      'response.publish',
      'response.withdraw',
    ]) {
      expect(actions, action).toContain(action);
    }
    const forResponse = await admin.get(`/api/audit?targetType=response&targetId=${responseId}`);
    expect(forResponse.body.items.map((e: { action: string }) => e.action)).toEqual([
      'response.publish',
      'response.export',
      'response.export',
      'response.update',
      'response.create',
    ]);
    expect((await admin.get('/api/audit?from=2020-13-01')).body.error.parameter).toBe('from');
    expect((await admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
    expect((await lan.get('/api/audit')).status).toBe(403);
  });

  it('ends a session at logout and when an admin disables the user', async () => {
    const out = await minh.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect((await minh.get('/api/items')).status).toBe(401);
    await minh.login('minh', 'Own-pass-1-4h');
    expect((await minh.get('/api/items')).status).toBe(200);
    const disabled = await admin.patch('/api/users/minh', { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await minh.get('/api/items')).status).toBe(401);
    expect((await minh.login('minh', 'Own-pass-1-4h')).status).toBe(401);
  });
});
