// The check before publishing in the workflow: a draft naming a figure the facts sheet contradicts
// is held (nothing changes, the hold is audited); the corrected draft publishes; an override
// publishes the held text with its reason in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Workflow } from '../../features/workflow/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { rejection, testWorkflow } from '../workflow/helpers.ts';
import { confirmed, configuredChecker, RIGHT_COUNT, rumourItem, WRONG_COUNT } from './helpers.ts';

const analyst: Actor = { username: 'lan', role: 'analyst' };
const spokesperson: Actor = { username: 'hoa', role: 'spokesperson' };
const store = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;

beforeAll(async () => {
  await store.init();
  workflow = await testWorkflow({ store, checker: configuredChecker });
});
afterAll(async () => {
  workflow.close();
  await store.close();
});

async function draftFor(n: number, body: string) {
  const itemId = await confirmed(workflow, store, rumourItem(n), analyst);
  return workflow.responses.create({ itemId, title: 'Số đại biểu dự Đại hội', body, factIds: ['GL-DATE'] }, spokesperson);
}

describe('check before publishing (workflow)', () => {
  it('holds a draft with a wrong delegate count, changes nothing, and audits the hold', async () => {
    const draft = await draftFor(1, WRONG_COUNT);
    const error = await rejection(workflow.responses.publish(draft.id, { version: draft.version }, spokesperson));
    expect(error.kind).toBe('conflict');
    expect(error.code).toBe('held_by_check');
    expect(error.message).toContain('official 350');
    const check = error.extra.check as { held: boolean; reasons: Array<{ kind: string; factId?: string; matched: string; start: number; end: number }> };
    expect(check.held).toBe(true);
    const fact = check.reasons.find((r) => r.kind === 'fact')!;
    expect(fact).toMatchObject({ factId: 'GL-DELEGATES', matched: '400 đại biểu' });
    expect(WRONG_COUNT.slice(fact.start, fact.end)).toBe('400 đại biểu');
    expect(workflow.responses.require(draft.id).status).toBe('draft');
    expect(workflow.reviews.get(draft.itemIds[0]).status).toBe('response_drafted');
    const held = workflow.audit.query({ action: 'response.check_held', targetId: draft.id });
    expect(held.items).toHaveLength(1);
    expect(JSON.stringify(held.items[0].detail)).toContain('GL-DELEGATES');
  });

  it('publishes the draft with the figure of the facts sheet', async () => {
    const draft = await draftFor(2, RIGHT_COUNT);
    const published = await workflow.responses.publish(draft.id, { version: draft.version }, spokesperson);
    expect(published.status).toBe('published');
    expect(workflow.audit.query({ action: 'response.check_held', targetId: draft.id }).items).toHaveLength(0);
  });

  it('holds a draft carrying rumour cues', async () => {
    const draft = await draftFor(3, 'Nghe nói đại hội tỉnh vẫn diễn ra bình thường, chia sẻ gấp!');
    const error = await rejection(workflow.responses.publish(draft.id, { version: draft.version }, spokesperson));
    const check = error.extra.check as { reasons: Array<{ kind: string; matched: string }> };
    expect(check.reasons.filter((r) => r.kind === 'cue').map((r) => r.matched)).toEqual(['Nghe nói', 'chia sẻ gấp']);
  });

  it('publishes a held draft with an override, its reason and the reasons overridden in the audit log', async () => {
    const draft = await draftFor(4, WRONG_COUNT);
    await expect(workflow.responses.publish(draft.id, { version: draft.version, override: { reason: '  ' } }, spokesperson)).rejects.toMatchObject({
      code: 'reason_required',
    });
    const published = await workflow.responses.publish(
      draft.id,
      { version: draft.version, override: { reason: 'Số liệu mới của Ban Tổ chức, bảng sự kiện chưa cập nhật' } },
      spokesperson,
    );
    expect(published.status).toBe('published');
    const override = workflow.audit.query({ action: 'response.check_override', targetId: draft.id }).items;
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ actor: 'hoa', detail: { reason: 'Số liệu mới của Ban Tổ chức, bảng sự kiện chưa cập nhật' } });
    expect(JSON.stringify(override[0].detail)).toContain('GL-DELEGATES');
    const publish = workflow.audit.query({ action: 'response.publish', targetId: draft.id }).items[0];
    expect(publish.detail).toMatchObject({ checkOverride: { reason: 'Số liệu mới của Ban Tổ chức, bảng sự kiện chưa cập nhật' } });
  });
});
