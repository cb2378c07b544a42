// The review workflow below the API: state machine, versions, assignment, notes, responses,
// labels export and the append-only audit log, over a real SQLite item store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScoredItem } from '../../core/types.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { exportLabels, WorkflowError, type Actor, type Workflow } from '../../features/workflow/index.ts';
import { escapeMarkdown } from '../../features/workflow/responses.ts';
import { makeItem } from '../helpers/items.ts';
import { TestClock, testWorkflow } from './helpers.ts';

const analyst: Actor = { username: 'analyst', role: 'analyst', via: 'session' };
const analyst2: Actor = { username: 'analyst2', role: 'analyst', via: 'session' };
const spokesperson: Actor = { username: 'spokesperson', role: 'spokesperson', via: 'session' };

const rumour = (n: number, extra: Partial<ScoredItem> = {}): ScoredItem => ({
  ...makeItem(
    {
      title: `Tin đồn đại hội bị hoãn ${n}`,
      text: 'Nghe nói đại hội tỉnh bị hoãn, chia sẻ gấp!',
      sourceId: `nhom-${n}`,
      kind: 'social',
      publishedAt: `2020-10-1${n}T20:00:00+07:00`,
    },
    { congress: true, distortion: true },
  ),
  clusterId: 'c-hoan',
  ...extra,
});
const official = makeItem({ title: 'Khai mạc Đại hội', text: 'Đại hội Đảng bộ tỉnh khai mạc sáng 14/10.' }, { congress: true });
const coffee = makeItem({ title: 'Giá cà phê tăng [sốc](http://x)', text: 'Giá cà phê tăng.' });

let store: SqliteStore;
let workflow: Workflow;
let clock: TestClock;
const items = [rumour(1), rumour(2), rumour(3), official, coffee];

beforeEach(async () => {
  store = new SqliteStore({ path: ':memory:' });
  await store.init();
  await store.upsertItems(items);
  clock = new TestClock();
  workflow = await testWorkflow({ store, now: clock.now, withUsers: true });
  await workflow.users.create({ username: 'analyst2', role: 'analyst', password: 'Hoasen2-pass-1', mustChangePassword: false }, analyst);
});
afterEach(async () => {
  workflow.close();
  await store.close();
});

async function conflict(promise: Promise<unknown>): Promise<WorkflowError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowError);
  return error as WorkflowError;
}

describe('state machine', () => {
  it('starts untouched items at "new", version 0', () => {
    expect(workflow.reviews.get(items[0].id)).toMatchObject({ status: 'new', version: 0, assignee: null, tags: [] });
  });

  it('walks new → in_review → confirmed, bumping the version and mirroring into the store', async () => {
    const id = items[0].id;
    const inReview = await workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst);
    expect(inReview).toMatchObject({ status: 'in_review', version: 1, updatedBy: 'analyst' });
    const confirmed = await workflow.reviews.transition(id, { to: 'confirmed', version: 1 }, analyst);
    expect(confirmed).toMatchObject({ status: 'confirmed', version: 2 });
    expect((await store.getItem(id))?.review).toEqual({ status: 'confirmed' });
    expect((await store.queryItems({ status: ['confirmed'], page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([id]);
  });

  it.each([
    ['new', 'confirmed'],
    ['new', 'dismissed'],
    ['new', 'responded'],
    ['in_review', 'new'],
    ['confirmed', 'dismissed'],
    ['confirmed', 'in_review'],
  ] as const)('refuses %s → %s with invalid_transition and the current state', async (from, to) => {
    const id = items[0].id;
    let version = 0;
    const path: Record<string, Array<'in_review' | 'confirmed'>> = { new: [], in_review: ['in_review'], confirmed: ['in_review', 'confirmed'] };
    for (const step of path[from]) version = (await workflow.reviews.transition(id, { to: step, version }, analyst)).version;
    const error = await conflict(workflow.reviews.transition(id, { to, version }, analyst));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain(`"${from}"`);
    expect(error.extra.current).toMatchObject({ status: from, version });
    expect(workflow.reviews.get(id).status).toBe(from);
  });

  it('leaves response_drafted and responded to the responses workflow', async () => {
    const id = items[0].id;
    await workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst);
    await workflow.reviews.transition(id, { to: 'confirmed', version: 1 }, analyst);
    const error = await conflict(workflow.reviews.transition(id, { to: 'response_drafted', version: 2 }, analyst));
    expect(error.code).toBe('invalid_transition');
    expect(error.message).toContain('/api/responses');
  });

  it('needs a reason to dismiss and to reopen, and keeps the congress label for the export', async () => {
    const id = coffee.id;
    await workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst);
    const missing = await conflict(workflow.reviews.transition(id, { to: 'dismissed', version: 1 }, analyst));
    expect(missing).toMatchObject({ code: 'reason_required', extra: { field: 'reason' } });
    const dismissed = await workflow.reviews.transition(
      id,
      { to: 'dismissed', version: 1, reason: 'giá cả, không liên quan đại hội', congress: false },
      analyst,
    );
    expect(dismissed).toMatchObject({ status: 'dismissed', reason: 'giá cả, không liên quan đại hội', congressLabel: false });
    expect((await conflict(workflow.reviews.transition(id, { to: 'in_review', version: 2 }, analyst))).code).toBe('reason_required');
    expect(await workflow.reviews.transition(id, { to: 'in_review', version: 2, reason: 'xem lại' }, analyst)).toMatchObject({
      status: 'in_review',
      version: 3,
    });
  });

  it('answers a stale version with version_conflict and the current state, never overwriting', async () => {
    const id = items[1].id;
    await workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst);
    // Both analysts loaded version 1; the first one confirms.
    await workflow.reviews.transition(id, { to: 'confirmed', version: 1 }, analyst);
    const error = await conflict(workflow.reviews.transition(id, { to: 'dismissed', version: 1, reason: 'không phải' }, analyst2));
    expect(error.code).toBe('version_conflict');
    expect(error.extra.current).toMatchObject({ status: 'confirmed', version: 2, updatedBy: 'analyst' });
    expect(workflow.reviews.get(id)).toMatchObject({ status: 'confirmed', version: 2 });
    const assign = await conflict(workflow.reviews.assign(id, { assignee: 'analyst2', version: 1 }, analyst2));
    expect(assign.code).toBe('version_conflict');
  });

  it('lets only one of two simultaneous writers with the same version win', async () => {
    const id = items[2].id;
    const results = await Promise.allSettled([
      workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst),
      workflow.reviews.assign(id, { assignee: 'analyst2', version: 0 }, analyst2),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(workflow.reviews.get(id).version).toBe(1);
  });

  it('refuses unknown items', async () => {
    expect((await conflict(workflow.reviews.transition('nope', { to: 'in_review', version: 0 }, analyst))).kind).toBe('not_found');
  });
});

describe('assignment, priority, tags and notes', () => {
  it('assigns to active users who can act, normalises tags, and mirrors into the store', async () => {
    const id = items[0].id;
    expect((await conflict(workflow.reviews.assign(id, { assignee: 'viewer', version: 0 }, analyst))).extra.field).toBe('assignee');
    expect((await conflict(workflow.reviews.assign(id, { assignee: 'ghost', version: 0 }, analyst))).extra.field).toBe('assignee');
    const assigned = await workflow.reviews.assign(id, { assignee: 'Analyst2', version: 0 }, analyst);
    expect(assigned).toMatchObject({ assignee: 'analyst2', version: 1 });
    const updated = await workflow.reviews.update(id, { priority: 'urgent', tags: ['Hoãn ', 'tin đồn', 'hoãn'], version: 1 }, analyst);
    expect(updated).toMatchObject({ priority: 'urgent', tags: ['hoãn', 'tin đồn'], version: 2 });
    expect((await store.getItem(id))?.review).toEqual({ status: 'new', assignee: 'analyst2', priority: 'urgent', tags: ['hoãn', 'tin đồn'] });
    expect((await store.queryItems({ assignee: 'analyst2', page: 1, pageSize: 10 })).total).toBe(1);
    // No change → no new version.
    expect((await workflow.reviews.update(id, { priority: 'urgent', version: 2 }, analyst)).version).toBe(2);
  });

  it('appends notes without changing the version, with authors, and lists the history', async () => {
    const id = items[0].id;
    await workflow.reviews.addNote(id, 'Nguồn: nhóm Zalo, 2k chia sẻ', analyst);
    await workflow.reviews.transition(id, { to: 'in_review', version: 0 }, analyst);
    await workflow.reviews.addNote(id, 'Cần phản hồi nhanh', spokesperson);
    const detail = await workflow.reviews.detail(id);
    expect(detail.review.version).toBe(1);
    expect(detail.notes.map((n) => [n.author, n.text])).toEqual([
      ['analyst', 'Nguồn: nhóm Zalo, 2k chia sẻ'],
      ['spokesperson', 'Cần phản hồi nhanh'],
    ]);
    expect(detail.history.map((h) => [h.action, h.actor, h.before, h.after])).toEqual([
      ['review.note', 'analyst', null, { noteId: 1, text: 'Nguồn: nhóm Zalo, 2k chia sẻ' }],
      ['review.transition', 'analyst', { status: 'new' }, { status: 'in_review' }],
      ['review.note', 'spokesperson', null, { noteId: 2, text: 'Cần phản hồi nhanh' }],
    ]);
  });
});

describe('responses', () => {
  async function confirm(id: string) {
    await workflow.reviews.transition(id, { to: 'in_review', version: workflow.reviews.get(id).version }, analyst);
    await workflow.reviews.transition(id, { to: 'confirmed', version: workflow.reviews.get(id).version }, analyst);
  }

  it('refuses to answer an item that is not confirmed, and unknown facts', async () => {
    const notYet = await conflict(workflow.responses.create({ itemId: items[0].id, title: 'Đính chính', body: '...' }, spokesperson));
    expect(notYet.code).toBe('not_confirmed');
    await confirm(items[0].id);
    const unknownFact = await conflict(
      workflow.responses.create({ itemId: items[0].id, title: 'Đính chính', body: '...', factIds: ['GL-DATE', 'GL-NOPE'] }, spokesperson),
    );
    expect(unknownFact).toMatchObject({ code: 'unknown_fact', extra: { field: 'factIds.1' } });
    expect(workflow.reviews.get(items[0].id).status).toBe('confirmed');
  });

  it('answers a whole cluster once: drafting and publishing move confirmed members along', async () => {
    await confirm(items[0].id);
    await confirm(items[1].id);
    const draft = await workflow.responses.create(
      { clusterId: 'c-hoan', title: 'Đại hội không hoãn', body: 'Đại hội **diễn ra đúng lịch** 14–16/10/2020.', factIds: ['GL-DATE'] },
      spokesperson,
    );
    expect(draft).toMatchObject({ status: 'draft', version: 1, clusterId: 'c-hoan', factIds: ['GL-DATE'] });
    expect(draft.itemIds.sort()).toEqual([items[0].id, items[1].id, items[2].id].sort());
    expect(workflow.reviews.get(items[0].id).status).toBe('response_drafted');
    expect(workflow.reviews.get(items[1].id).status).toBe('response_drafted');
    // The unreviewed member keeps its state: only analysts confirm.
    expect(workflow.reviews.get(items[2].id).status).toBe('new');
    expect((await store.getItem(items[1].id))?.review?.status).toBe('response_drafted');

    const edited = workflow.responses.update(draft.id, { body: 'Đại hội diễn ra đúng lịch.', version: 1 }, spokesperson);
    expect(edited.version).toBe(2);
    expect((await conflict(Promise.resolve().then(() => workflow.responses.update(draft.id, { title: 'x', version: 1 }, spokesperson)))).code).toBe(
      'version_conflict',
    );

    // Confirmed after the draft was written: included at publication.
    await confirm(items[2].id);
    const published = await workflow.responses.publish(draft.id, { version: 2, url: 'https://gialai.gov.vn/dinh-chinh' }, spokesperson);
    expect(published).toMatchObject({ status: 'published', version: 3, publishedBy: 'spokesperson', publishedUrl: 'https://gialai.gov.vn/dinh-chinh' });
    for (const item of items.slice(0, 3)) expect(workflow.reviews.get(item.id).status).toBe('responded');
    expect(workflow.reviews.history(items[2].id).map((h) => (h.after as { status?: string }).status)).toEqual([
      'in_review',
      'confirmed',
      'response_drafted',
      'responded',
    ]);
    expect((await conflict(workflow.responses.publish(draft.id, { version: 3 }, spokesperson))).code).toBe('already_published');
  });

  it('withdraws a draft: its items go back to confirmed unless another draft answers them', async () => {
    await confirm(items[0].id);
    await confirm(items[1].id);
    const forCluster = await workflow.responses.create({ clusterId: 'c-hoan', title: 'Trả lời chung', body: '...' }, spokesperson);
    const single = await workflow.responses.create({ itemId: items[0].id, title: 'Trả lời riêng', body: '...' }, spokesperson);
    await workflow.responses.withdraw(single.id, { version: 1, reason: 'Trùng với trả lời chung' }, spokesperson);
    // Still answered by the cluster's draft.
    expect(workflow.reviews.get(items[0].id).status).toBe('response_drafted');

    await workflow.responses.withdraw(forCluster.id, { version: 1, reason: 'Không cần trả lời' }, spokesperson);
    expect(workflow.reviews.get(items[0].id).status).toBe('confirmed');
    expect(workflow.reviews.get(items[1].id).status).toBe('confirmed');
    // Unreviewed members were never moved, and are not now.
    expect(workflow.reviews.get(items[2].id).status).toBe('new');
    expect((await store.getItem(items[1].id))?.review?.status).toBe('confirmed');
    expect(workflow.responses.get(forCluster.id)).toMatchObject({
      status: 'withdrawn',
      version: 2,
      withdrawnBy: 'spokesperson',
      withdrawReason: 'Không cần trả lời',
    });
    expect(workflow.audit.query({ action: 'response.withdraw' }).items.map((entry) => entry.targetId)).toEqual([forCluster.id, single.id]);
    expect((await conflict(workflow.responses.withdraw(single.id, { version: 2, reason: 'lại' }, spokesperson))).code).toBe('withdrawn');
    // A new answer can be drafted for the confirmed item.
    await expect(workflow.responses.create({ itemId: items[0].id, title: 'Trả lời mới', body: '...' }, spokesperson)).resolves.toMatchObject({
      status: 'draft',
    });
  });

  it('will not publish a response that cites no official fact', async () => {
    await confirm(items[0].id);
    const draft = await workflow.responses.create({ itemId: items[0].id, title: 'Đính chính', body: 'Không hoãn.' }, spokesperson);
    expect((await conflict(workflow.responses.publish(draft.id, { version: 1 }, spokesperson))).code).toBe('facts_required');
    workflow.responses.update(draft.id, { factIds: ['GL-DATE'], version: 1 }, spokesperson);
    await expect(workflow.responses.publish(draft.id, { version: 2 }, spokesperson)).resolves.toMatchObject({ status: 'published' });
  });

  it('exports Markdown and text with the cited facts and the answered items, escaping crawled titles', async () => {
    for (const id of [items[0].id, coffee.id]) await confirm(id);
    const draft = await workflow.responses.create(
      {
        itemId: items[0].id,
        itemIds: [coffee.id],
        title: 'Đại hội không hoãn',
        body: 'Thông tin **đại hội bị hoãn** là sai sự thật.',
        factIds: ['GL-DATE', 'GL-BCH'],
      },
      spokesperson,
    );
    const md = await workflow.responses.render(draft.id, 'markdown', spokesperson);
    expect(md.contentType).toBe('text/markdown; charset=utf-8');
    expect(md.content).toContain('# Đại hội không hoãn\n\nThông tin **đại hội bị hoãn** là sai sự thật.');
    expect(md.content).toContain('## Căn cứ thông tin chính thức');
    expect(md.content).toContain('- **GL-DATE**: Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI');
    expect(md.content).toContain(`- [Tin đồn đại hội bị hoãn 1](${items[0].url})`);
    expect(md.content).toContain(escapeMarkdown('Giá cà phê tăng [sốc](http://x)'));
    expect(md.content).not.toContain('[sốc](http://x)');
    const text = await workflow.responses.render(draft.id, 'text', spokesperson);
    expect(text.content).toMatch(/^Đại hội không hoãn\n=+\n/);
    expect(text.content).toContain('- [GL-BCH] Đại hội bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 53 đồng chí. (Ban Tổ chức Đại hội, 2020-10-16)');
    expect(text.content).toContain(`: ${items[0].url}`);
    expect(workflow.audit.query({ action: 'response.export' }).items.map((e) => e.detail?.format)).toEqual(['text', 'markdown']);
  });
});

describe('labels export', () => {
  it('writes decisions in the corpus format: dismissed → not distortion; confirmed and beyond → distortion', async () => {
    await workflow.reviews.transition(items[0].id, { to: 'in_review', version: 0 }, analyst);
    await workflow.reviews.transition(items[0].id, { to: 'confirmed', version: 1 }, analyst);
    await workflow.reviews.transition(official.id, { to: 'in_review', version: 0 }, analyst);
    await workflow.reviews.transition(official.id, { to: 'dismissed', version: 1, reason: 'tin chính thức' }, analyst);
    await workflow.reviews.transition(coffee.id, { to: 'in_review', version: 0 }, analyst);
    await workflow.reviews.transition(coffee.id, { to: 'dismissed', version: 1, reason: 'không liên quan', congress: false }, analyst);
    await workflow.reviews.transition(items[1].id, { to: 'in_review', version: 0 }, analyst); // undecided: not exported

    const { records, missing } = await exportLabels({ reviews: workflow.reviews, audit: workflow.audit, store }, analyst, { destination: 'labels.jsonl' });
    expect(missing).toEqual([]);
    const byId = Object.fromEntries(records.map((r) => [r.id, r]));
    expect(Object.keys(byId).sort()).toEqual([items[0].id, official.id, coffee.id].sort());
    expect(byId[items[0].id]).toMatchObject({
      kind: 'social',
      source: 'nhom-1',
      url: items[0].url,
      title: items[0].title,
      text: items[0].text,
      labels: { congress: true, distortion: true },
    });
    expect(byId[official.id].labels).toEqual({ congress: true, distortion: false });
    expect(byId[coffee.id].labels).toEqual({ congress: false, distortion: false });
    expect(byId[coffee.id].note).toContain('dismissed by analyst');
    expect(byId[coffee.id].note).toContain('không liên quan');
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(['id', 'kind', 'labels', 'note', 'publishedAt', 'source', 'text', 'title', 'url']);
    }
    expect(workflow.audit.query({ action: 'labels.export' }).items[0].detail).toEqual({ count: 3, missing: 0, destination: 'labels.jsonl' });
  });
});

describe('audit log', () => {
  it('refuses updates and deletions', async () => {
    await workflow.reviews.addNote(items[0].id, 'ghi chú', analyst);
    expect(() => workflow.db.prepare("UPDATE audit_log SET actor = 'someone-else'").run()).toThrow(/append-only/);
    expect(() => workflow.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(workflow.audit.verify().ok).toBe(true);
  });

  it('detects an edit made around the triggers through its hash chain', async () => {
    await workflow.reviews.addNote(items[0].id, 'ghi chú', analyst);
    await workflow.reviews.transition(items[0].id, { to: 'in_review', version: 0 }, analyst);
    const before = workflow.audit.verify();
    expect(before.ok).toBe(true);
    const target = workflow.audit.query({ action: 'review.note' }).items[0].id;
    workflow.db.exec('DROP TRIGGER audit_log_no_update');
    workflow.db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = ?").run(target);
    expect(workflow.audit.verify()).toMatchObject({ ok: false, brokenAt: target });
  });

  it('records user changes with before → after, and filters by actor, action, target and time', async () => {
    clock.advance(60_000);
    workflow.users.update('viewer', { role: 'analyst' }, { username: 'admin', role: 'admin', via: 'session' });
    const entry = workflow.audit.query({ actor: 'admin', action: 'user.update' }).items[0];
    expect(entry).toMatchObject({ targetType: 'user', targetId: 'viewer', before: { role: 'viewer' }, after: { role: 'analyst' } });
    expect(workflow.audit.query({ targetType: 'user', targetId: 'viewer' }).total).toBe(2);
    expect(workflow.audit.query({ action: 'user.*' }).total).toBe(6);
    expect(workflow.audit.query({ from: new Date(clock.time).toISOString() }).items.map((e) => e.action)).toEqual(['user.update']);
  });

  it('keeps at least one active admin', () => {
    const admin: Actor = { username: 'admin', role: 'admin', via: 'session' };
    expect(() => workflow.users.update('admin', { disabled: true }, admin)).toThrow(/last active admin/);
    expect(() => workflow.users.update('admin', { role: 'viewer' }, admin)).toThrow(/last active admin/);
  });
});
