import type { ItemReview, ReviewStatus, ScoredItem, Store } from '../../core/types.ts';
import type { Actor, AuditEntry } from './audit.ts';
import { KeyedMutex, type WorkflowContext } from './context.ts';
import { invalid, notFound, WorkflowError } from './errors.ts';
import { ACCESS } from './roles.ts';
import type { Users } from './users.ts';

export const REVIEW_STATUSES = ['new', 'in_review', 'dismissed', 'confirmed', 'response_drafted', 'responded'] as const satisfies readonly ReviewStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * The review state machine:
 *   new → in_review → dismissed (false positive, with a reason) | confirmed → response_drafted → responded
 * plus one way back: a dismissed item can be reopened (→ in_review, with a reason).
 */
export const TRANSITIONS: Record<ReviewStatus, readonly ReviewStatus[]> = {
  new: ['in_review'],
  in_review: ['dismissed', 'confirmed'],
  dismissed: ['in_review'],
  confirmed: ['response_drafted'],
  response_drafted: ['responded'],
  responded: [],
};

/** These happen through responses (drafting, publishing), not by a reviewer's say-so. */
const RESPONSE_DRIVEN: ReadonlySet<ReviewStatus> = new Set(['response_drafted', 'responded']);
/** Decisions that become evaluation labels. */
export const DECIDED_STATUSES: readonly ReviewStatus[] = ['dismissed', 'confirmed', 'response_drafted', 'responded'];

export interface ReviewRecord {
  itemId: string;
  status: ReviewStatus;
  /** Starts at 0 for an untouched item; every change adds 1. Writers send the version they saw. */
  version: number;
  assignee: string | null;
  priority: Priority | null;
  tags: string[];
  /** Why it was dismissed (or reopened). */
  reason: string | null;
  /** For a dismissed item: whether it is about the congresses at all (labels export). */
  congressLabel: boolean | null;
  clusterId: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** An audit entry about an item, as shown on the item's page (no network address). */
export type ItemHistoryEntry = Omit<AuditEntry, 'ip'>;

export interface ReviewNote {
  id: number;
  itemId: string;
  author: string;
  text: string;
  createdAt: string;
}

interface ReviewRow {
  item_id: string;
  status: ReviewStatus;
  version: number;
  assignee: string | null;
  priority: Priority | null;
  tags: string;
  reason: string | null;
  label_congress: number | null;
  cluster_id: string | null;
  updated_at: string;
  updated_by: string;
}

type Fields = Pick<ReviewRecord, 'status' | 'assignee' | 'priority' | 'tags' | 'reason' | 'congressLabel'>;
const FIELD_NAMES: Array<keyof Fields> = ['status', 'assignee', 'priority', 'tags', 'reason', 'congressLabel'];

function toRecord(row: ReviewRow): ReviewRecord {
  return {
    itemId: row.item_id,
    status: row.status,
    version: row.version,
    assignee: row.assignee,
    priority: row.priority,
    tags: JSON.parse(row.tags) as string[],
    reason: row.reason,
    congressLabel: row.label_congress === null ? null : Boolean(row.label_congress),
    clusterId: row.cluster_id,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function untouched(itemId: string): ReviewRecord {
  return {
    itemId,
    status: 'new',
    version: 0,
    assignee: null,
    priority: null,
    tags: [],
    reason: null,
    congressLabel: null,
    clusterId: null,
    updatedAt: null,
    updatedBy: null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Tags are trimmed, lower-cased, de-duplicated and sorted, so "Hoãn" and "hoãn " are one tag. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.normalize('NFC').trim().toLowerCase()).filter(Boolean))].sort();
}

export class Reviews {
  private readonly mirrorMutex = new KeyedMutex();

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly users: Users,
    private readonly store?: Store,
  ) {}

  get(itemId: string): ReviewRecord {
    const row = this.ctx.db.prepare('SELECT * FROM reviews WHERE item_id = ?').get(itemId) as ReviewRow | undefined;
    return row ? toRecord(row) : untouched(itemId);
  }

  /** Every item someone has acted on, optionally only those in the given states. */
  list(statuses?: readonly ReviewStatus[]): ReviewRecord[] {
    const rows = (
      statuses?.length
        ? this.ctx.db.prepare(`SELECT * FROM reviews WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY updated_at, item_id`).all(...statuses)
        : this.ctx.db.prepare('SELECT * FROM reviews ORDER BY updated_at, item_id').all()
    ) as ReviewRow[];
    return rows.map(toRecord);
  }

  notes(itemId: string): ReviewNote[] {
    return (
      this.ctx.db.prepare('SELECT id, item_id, author, text, created_at FROM review_notes WHERE item_id = ? ORDER BY id').all(itemId) as Array<{
        id: number;
        item_id: string;
        author: string;
        text: string;
        created_at: string;
      }>
    ).map((row) => ({ id: row.id, itemId: row.item_id, author: row.author, text: row.text, createdAt: row.created_at }));
  }

  /**
   * The item's audit trail, oldest first, as every signed-in role sees it: without the
   * colleagues' network addresses, which stay in the admin-only audit log.
   */
  history(itemId: string): ItemHistoryEntry[] {
    return this.ctx.audit.query({ targetType: 'item', targetId: itemId, order: 'oldest', pageSize: 1000 }).items.map(({ ip: _ip, ...entry }) => entry);
  }

  requireStore(): Store {
    if (!this.store) throw new Error('this workflow was opened without an item store');
    return this.store;
  }

  async requireItem(itemId: string): Promise<ScoredItem> {
    const item = await this.requireStore().getItem(itemId);
    if (!item) throw notFound('item', itemId);
    return item;
  }

  async detail(itemId: string): Promise<{ review: ReviewRecord; notes: ReviewNote[]; history: ItemHistoryEntry[] }> {
    await this.requireItem(itemId);
    return { review: this.get(itemId), notes: this.notes(itemId), history: this.history(itemId) };
  }

  /** A reviewer moves an item along the state machine; `version` must be the one they saw. */
  async transition(itemId: string, input: { to: ReviewStatus; version: number; reason?: string; congress?: boolean }, actor: Actor): Promise<ReviewRecord> {
    const item = await this.requireItem(itemId);
    const reason = input.reason?.trim() || null;
    const record = this.ctx.db.transaction(() => {
      const current = this.checkVersion(itemId, input.version);
      if (RESPONSE_DRIVEN.has(input.to) && TRANSITIONS[current.status].includes(input.to)) {
        throw new WorkflowError(
          'conflict',
          'invalid_transition',
          input.to === 'response_drafted'
            ? 'an item becomes "response_drafted" when a response to it is drafted (POST /api/responses)'
            : 'an item becomes "responded" when its response is published (POST /api/responses/{id}/publish)',
          { current, allowed: this.reviewerTransitions(current.status) },
        );
      }
      this.checkTransition(current, input.to);
      if ((input.to === 'dismissed' || current.status === 'dismissed') && !reason) {
        throw invalid('reason', input.to === 'dismissed' ? 'say why this is a false positive' : 'say why the item is reopened', 'reason_required');
      }
      if (input.congress !== undefined && input.to !== 'dismissed') throw invalid('congress', 'only applies when dismissing');
      return this.write(current, item.clusterId ?? null, actor, 'review.transition', {
        status: input.to,
        reason,
        congressLabel: input.to === 'dismissed' ? (input.congress ?? item.congress) : null,
      });
    })();
    await this.mirror([itemId]);
    return record;
  }

  /** Assigns the item to an active user who can act on it (not a viewer), or clears it with null. */
  async assign(itemId: string, input: { assignee: string | null; version: number }, actor: Actor): Promise<ReviewRecord> {
    const item = await this.requireItem(itemId);
    const record = this.ctx.db.transaction(() => {
      const current = this.checkVersion(itemId, input.version);
      let assignee: string | null = null;
      if (input.assignee !== null) {
        const user = this.users.row(input.assignee);
        if (!user || user.disabled) throw invalid('assignee', `no active user "${input.assignee}"`);
        if (!(ACCESS.annotate as readonly string[]).includes(user.role))
          throw invalid('assignee', `"${user.username}" is a ${user.role} and cannot act on items`);
        assignee = user.username;
      }
      return this.write(current, item.clusterId ?? null, actor, 'review.assign', { assignee });
    })();
    await this.mirror([itemId]);
    return record;
  }

  /** Priority and tags. */
  async update(itemId: string, input: { priority?: Priority | null; tags?: string[]; version: number }, actor: Actor): Promise<ReviewRecord> {
    const item = await this.requireItem(itemId);
    const record = this.ctx.db.transaction(() => {
      const current = this.checkVersion(itemId, input.version);
      const changes: Partial<Fields> = {};
      if (input.priority !== undefined) changes.priority = input.priority;
      if (input.tags !== undefined) changes.tags = normaliseTags(input.tags);
      return this.write(current, item.clusterId ?? null, actor, 'review.update', changes);
    })();
    await this.mirror([itemId]);
    return record;
  }

  /** Notes are appended (never edited) and do not change the item's version. */
  async addNote(itemId: string, text: string, actor: Actor): Promise<ReviewNote> {
    await this.requireItem(itemId);
    const body = text.trim();
    if (!body) throw invalid('text', 'must not be empty');
    return this.ctx.db.transaction(() => {
      const createdAt = this.ctx.now().toISOString();
      const { lastInsertRowid } = this.ctx.db
        .prepare('INSERT INTO review_notes (item_id, author, text, created_at) VALUES (?, ?, ?, ?)')
        .run(itemId, actor.username, body, createdAt);
      const note = { id: Number(lastInsertRowid), itemId, author: actor.username, text: body, createdAt };
      this.ctx.audit.record({ actor, action: 'review.note', targetType: 'item', targetId: itemId, after: { noteId: note.id, text: body } });
      return note;
    })();
  }

  /**
   * For the responses workflow, inside its transaction: moves an item to response_drafted or
   * responded (checking the state machine, not a version). Returns null when already there.
   */
  advanceForResponse(itemId: string, to: 'response_drafted' | 'responded', actor: Actor, responseId: string): ReviewRecord | null {
    let current = this.get(itemId);
    if (current.status === to) return null;
    if (to === 'responded' && current.status === 'confirmed') {
      current = this.write(current, current.clusterId, actor, 'review.transition', { status: 'response_drafted' }, { responseId });
    }
    this.checkTransition(current, to);
    return this.write(current, current.clusterId, actor, 'review.transition', { status: to }, { responseId });
  }

  /** The item's draft answer was withdrawn and no other draft answers it: back to confirmed. */
  returnToConfirmed(itemId: string, actor: Actor, responseId: string): ReviewRecord | null {
    const current = this.get(itemId);
    if (current.status !== 'response_drafted') return null;
    return this.write(current, current.clusterId, actor, 'review.transition', { status: 'confirmed' }, { responseId });
  }

  private reviewerTransitions(status: ReviewStatus): ReviewStatus[] {
    return TRANSITIONS[status].filter((to) => !RESPONSE_DRIVEN.has(to));
  }

  private checkVersion(itemId: string, version: number): ReviewRecord {
    const current = this.get(itemId);
    if (current.version !== version) {
      throw new WorkflowError(
        'conflict',
        'version_conflict',
        `item "${itemId}" changed since version ${version}` +
          (current.updatedBy ? ` (now version ${current.version}, by ${current.updatedBy} at ${current.updatedAt})` : ` (now version ${current.version})`) +
          '; reload it and try again',
        { current },
      );
    }
    return current;
  }

  private checkTransition(current: ReviewRecord, to: ReviewStatus): void {
    if (TRANSITIONS[current.status].includes(to)) return;
    const allowed = this.reviewerTransitions(current.status);
    throw new WorkflowError(
      'conflict',
      'invalid_transition',
      `cannot move an item from "${current.status}" to "${to}"; ` +
        (TRANSITIONS[current.status].length
          ? `from "${current.status}" it can go to: ${TRANSITIONS[current.status].join(', ')}`
          : `"${current.status}" is final`),
      { current, allowed },
    );
  }

  /** Writes the changed fields as a new version and audits before → after (no-op when nothing changes). */
  private write(
    current: ReviewRecord,
    clusterId: string | null,
    actor: Actor,
    action: string,
    changes: Partial<Fields>,
    detail: Record<string, unknown> = {},
  ): ReviewRecord {
    const changed = FIELD_NAMES.filter((key) => key in changes && !same(changes[key], current[key]));
    if (!changed.length) return current;
    const next: ReviewRecord = {
      ...current,
      ...changes,
      clusterId: clusterId ?? current.clusterId,
      version: current.version + 1,
      updatedAt: this.ctx.now().toISOString(),
      updatedBy: actor.username,
    };
    this.ctx.db
      .prepare(
        `INSERT INTO reviews (item_id, status, version, assignee, priority, tags, reason, label_congress, cluster_id, updated_at, updated_by)
         VALUES (@itemId, @status, @version, @assignee, @priority, @tags, @reason, @congress, @clusterId, @updatedAt, @updatedBy)
         ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, version = excluded.version, assignee = excluded.assignee,
           priority = excluded.priority, tags = excluded.tags, reason = excluded.reason, label_congress = excluded.label_congress,
           cluster_id = excluded.cluster_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run({
        ...next,
        tags: JSON.stringify(next.tags),
        congress: next.congressLabel === null ? null : next.congressLabel ? 1 : 0,
      });
    const pick = (record: ReviewRecord) => Object.fromEntries(changed.map((key) => [key, record[key]]));
    this.ctx.audit.record({
      actor,
      action,
      targetType: 'item',
      targetId: current.itemId,
      before: pick(current),
      after: pick(next),
      detail: { version: next.version, ...detail },
    });
    return next;
  }

  /**
   * Copies the review state into the item store (so queues can filter on it), one item at a
   * time in order. The workflow database stays authoritative: a failed copy is logged, and
   * `resyncMirror` repairs it.
   */
  async mirror(itemIds: string[]): Promise<void> {
    if (!this.store) return;
    const store = this.store;
    await Promise.all(
      itemIds.map((itemId) =>
        this.mirrorMutex.run(itemId, async () => {
          try {
            const item = await store.getItem(itemId);
            if (!item) return;
            const record = this.get(itemId);
            const review: ItemReview = { status: record.status };
            if (record.assignee) review.assignee = record.assignee;
            if (record.priority) review.priority = record.priority;
            if (record.tags.length) review.tags = record.tags;
            if (same(item.review, review)) return;
            const result = await store.upsertItems([{ ...item, review }]);
            if (result.errors.length) throw new Error(result.errors[0].reason);
          } catch (error) {
            this.ctx.logger?.error({ err: error, itemId }, 'could not copy the review state to the item store');
          }
        }),
      ),
    );
  }

  /** Re-copies every review record into the store; returns how many records there are. */
  async resyncMirror(): Promise<number> {
    const ids = (this.ctx.db.prepare('SELECT item_id FROM reviews').all() as Array<{ item_id: string }>).map((row) => row.item_id);
    for (let i = 0; i < ids.length; i += 100) await this.mirror(ids.slice(i, i + 100));
    return ids.length;
  }
}
