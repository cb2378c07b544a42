import { randomBytes } from 'node:crypto';
import type { ReviewStatus, ScoredItem } from '../../core/types.ts';
import type { TextChecker } from '../../pipeline/nlp/check.ts';
import { httpUrl } from '../../core/urls.ts';
import type { Actor } from './audit.ts';
import type { WorkflowContext } from './context.ts';
import { invalid, notFound, WorkflowError } from './errors.ts';
import type { FactSource, OfficialFact } from './facts.ts';
import type { Reviews } from './reviews.ts';

export type ResponseStatus = 'draft' | 'published' | 'withdrawn';

/** A prepared answer to a rumour: for one item, or for a near-duplicate cluster (the same rumour everywhere). */
export interface ResponseDraft {
  id: string;
  status: ResponseStatus;
  version: number;
  title: string;
  /** Markdown. */
  body: string;
  itemId: string | null;
  clusterId: string | null;
  /** Official facts (ids from the facts sheet) the answer relies on. */
  factIds: string[];
  /** Items the answer responds to. */
  itemIds: string[];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  /** Why the draft was withdrawn (it is kept, read-only). */
  withdrawReason: string | null;
}

export interface NewResponse {
  itemId?: string;
  clusterId?: string;
  /** More items answered by the same text (besides `itemId` or the cluster's members). */
  itemIds?: string[];
  title: string;
  body: string;
  factIds?: string[];
}

interface ResponseRow {
  id: string;
  status: ResponseStatus;
  version: number;
  title: string;
  body: string;
  item_id: string | null;
  cluster_id: string | null;
  fact_ids: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
  published_url: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
}

/** Item states a response may answer: the analysts confirmed the distortion. */
const ANSWERABLE: ReadonlySet<ReviewStatus> = new Set(['confirmed', 'response_drafted', 'responded']);
const MAX_CLUSTER_ITEMS = 1000;

export type ExportFormat = 'markdown' | 'text';

export class Responses {
  constructor(
    private readonly ctx: WorkflowContext,
    private readonly reviews: Reviews,
    readonly facts: FactSource,
    readonly checker?: TextChecker,
  ) {}

  get(id: string): ResponseDraft | null {
    const row = this.ctx.db.prepare('SELECT * FROM responses WHERE id = ?').get(id) as ResponseRow | undefined;
    return row ? this.toDraft(row) : null;
  }

  require(id: string): ResponseDraft {
    const draft = this.get(id);
    if (!draft) throw notFound('response', id);
    return draft;
  }

  list(filter: { status?: ResponseStatus; itemId?: string; clusterId?: string } = {}): ResponseDraft[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.status) {
      where.push('status = @status');
      params.status = filter.status;
    }
    if (filter.clusterId) {
      where.push('cluster_id = @clusterId');
      params.clusterId = filter.clusterId;
    }
    if (filter.itemId) {
      where.push('id IN (SELECT response_id FROM response_items WHERE item_id = @itemId)');
      params.itemId = filter.itemId;
    }
    const rows = this.ctx.db
      .prepare(`SELECT * FROM responses ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id`)
      .all(params) as ResponseRow[];
    return rows.map((row) => this.toDraft(row));
  }

  /**
   * Drafts a response. For one item (and any `itemIds`), every item must be confirmed; for a
   * cluster, at least one member must be, and the draft answers all members. Confirmed items
   * move to response_drafted.
   */
  async create(input: NewResponse, actor: Actor): Promise<ResponseDraft> {
    if (Boolean(input.itemId) === Boolean(input.clusterId)) throw invalid('itemId', 'give either itemId or clusterId');
    const factIds = this.checkFacts(input.factIds ?? []);
    const title = input.title.trim();
    if (!title) throw invalid('title', 'must not be empty');
    const targets = input.clusterId ? await this.clusterMembers(input.clusterId) : [input.itemId!];
    for (const extra of input.itemIds ?? []) {
      if (!targets.includes(extra)) targets.push(extra);
    }
    for (const itemId of targets) await this.reviews.requireItem(itemId);
    const id = `r-${randomBytes(6).toString('hex')}`;
    const draft = this.ctx.db.transaction(() => {
      const states = targets.map((itemId) => this.reviews.get(itemId));
      if (input.clusterId) {
        const explicit = new Set(input.itemIds ?? []);
        const blocked = states.find((state) => explicit.has(state.itemId) && !ANSWERABLE.has(state.status));
        if (blocked) throw this.notConfirmed(blocked.itemId, blocked.status);
        if (!states.some((state) => ANSWERABLE.has(state.status))) {
          throw new WorkflowError('conflict', 'not_confirmed', `no item of cluster "${input.clusterId}" is confirmed yet; an analyst confirms one first`);
        }
      } else {
        const blocked = states.find((state) => !ANSWERABLE.has(state.status));
        if (blocked) throw this.notConfirmed(blocked.itemId, blocked.status);
      }
      const now = this.ctx.now().toISOString();
      this.ctx.db
        .prepare(
          `INSERT INTO responses (id, status, version, title, body, item_id, cluster_id, fact_ids, created_by, created_at, updated_by, updated_at)
           VALUES (?, 'draft', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, title, input.body, input.itemId ?? null, input.clusterId ?? null, JSON.stringify(factIds), actor.username, now, actor.username, now);
      const link = this.ctx.db.prepare('INSERT OR IGNORE INTO response_items (response_id, item_id) VALUES (?, ?)');
      for (const itemId of targets) link.run(id, itemId);
      const created = this.require(id);
      this.ctx.audit.record({
        actor,
        action: 'response.create',
        targetType: 'response',
        targetId: id,
        after: { title, itemId: created.itemId, clusterId: created.clusterId, itemIds: created.itemIds, factIds },
      });
      for (const state of states) {
        if (state.status === 'confirmed') this.reviews.advanceForResponse(state.itemId, 'response_drafted', actor, id);
      }
      return created;
    })();
    await this.reviews.mirror(targets);
    return draft;
  }

  /** Edits a draft (published responses are final); `version` must be the one the editor saw. */
  update(id: string, input: { title?: string; body?: string; factIds?: string[]; version: number }, actor: Actor): ResponseDraft {
    const factIds = input.factIds === undefined ? undefined : this.checkFacts(input.factIds);
    return this.ctx.db.transaction(() => {
      const current = this.checkEditable(id, input.version);
      const after = {
        title: input.title === undefined ? current.title : input.title.trim(),
        body: input.body ?? current.body,
        factIds: factIds ?? current.factIds,
      };
      if (!after.title) throw invalid('title', 'must not be empty');
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(current[key]));
      if (!changed.length) return current;
      this.ctx.db
        .prepare('UPDATE responses SET title = ?, body = ?, fact_ids = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ?')
        .run(after.title, after.body, JSON.stringify(after.factIds), actor.username, this.ctx.now().toISOString(), id);
      const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((key) => [key, o[key]]));
      this.ctx.audit.record({
        actor,
        action: 'response.update',
        targetType: 'response',
        targetId: id,
        before: pick({ ...current }),
        after: pick(after),
        detail: { version: current.version + 1 },
      });
      return this.require(id);
    })();
  }

  /**
   * Publishes a draft: it must cite at least one official fact. The items it answers move to
   * responded; for a cluster, members confirmed since the draft are included.
   */
  async publish(id: string, input: { version: number; url?: string; override?: { reason: string } }, actor: Actor): Promise<ResponseDraft> {
    if (input.url !== undefined && !httpUrl(input.url)) throw invalid('url', 'must be an http(s) URL');
    const overrideReason = input.override?.reason.trim();
    if (input.override && !overrideReason) throw invalid('override.reason', 'say why the check is overridden', 'reason_required');
    const draft = this.require(id);
    const overridden = this.runCheck(this.checkEditable(id, input.version), overrideReason, actor);
    const members = draft.clusterId ? await this.clusterMembers(draft.clusterId).catch(() => [] as string[]) : [];
    const result = this.ctx.db.transaction(() => {
      const current = this.checkEditable(id, input.version);
      if (!current.factIds.length) throw invalid('factIds', 'a published response must cite at least one official fact', 'facts_required');
      const link = this.ctx.db.prepare('INSERT OR IGNORE INTO response_items (response_id, item_id) VALUES (?, ?)');
      for (const itemId of members) {
        if (!current.itemIds.includes(itemId) && ANSWERABLE.has(this.reviews.get(itemId).status)) link.run(id, itemId);
      }
      const now = this.ctx.now().toISOString();
      this.ctx.db
        .prepare(
          "UPDATE responses SET status = 'published', version = version + 1, published_by = ?, published_at = ?, published_url = ?, updated_by = ?, updated_at = ? WHERE id = ?",
        )
        .run(actor.username, now, input.url ?? null, actor.username, now, id);
      const published = this.require(id);
      this.ctx.audit.record({
        actor,
        action: 'response.publish',
        targetType: 'response',
        targetId: id,
        before: { status: 'draft' },
        after: { status: 'published', url: input.url ?? null, itemIds: published.itemIds },
        detail: { version: published.version, ...(overridden ? { checkOverride: overridden } : {}) },
      });
      for (const itemId of published.itemIds) {
        if (ANSWERABLE.has(this.reviews.get(itemId).status)) this.reviews.advanceForResponse(itemId, 'responded', actor, id);
      }
      return published;
    })();
    await this.reviews.mirror(result.itemIds);
    return result;
  }

  /**
   * Withdraws a draft that will not be published: it stays readable (with who, when and why) but
   * can no longer change. Items it had moved to response_drafted, and that no other draft
   * answers, go back to confirmed, ready for another answer.
   */
  async withdraw(id: string, input: { version: number; reason: string }, actor: Actor): Promise<ResponseDraft> {
    const reason = input.reason.trim();
    if (!reason) throw invalid('reason', 'say why the draft is withdrawn', 'reason_required');
    const result = this.ctx.db.transaction(() => {
      this.checkEditable(id, input.version);
      const now = this.ctx.now().toISOString();
      this.ctx.db
        .prepare(
          `UPDATE responses SET status = 'withdrawn', version = version + 1, withdrawn_by = ?, withdrawn_at = ?, withdraw_reason = ?,
                                updated_by = ?, updated_at = ? WHERE id = ?`,
        )
        .run(actor.username, now, reason, actor.username, now, id);
      const withdrawn = this.require(id);
      this.ctx.audit.record({
        actor,
        action: 'response.withdraw',
        targetType: 'response',
        targetId: id,
        before: { status: 'draft' },
        after: { status: 'withdrawn', reason },
        detail: { version: withdrawn.version },
      });
      const otherDraft = this.ctx.db.prepare(
        `SELECT 1 FROM response_items JOIN responses ON responses.id = response_items.response_id
         WHERE response_items.item_id = ? AND responses.status = 'draft'`,
      );
      for (const itemId of withdrawn.itemIds) if (!otherDraft.get(itemId)) this.reviews.returnToConfirmed(itemId, actor, id);
      return withdrawn;
    })();
    await this.reviews.mirror(result.itemIds);
    return result;
  }

  /** The response as Markdown or plain text for publication, with the facts it cites and the items it answers. */
  async render(id: string, format: ExportFormat, actor: Actor): Promise<{ filename: string; contentType: string; content: string }> {
    const draft = this.require(id);
    const items = (await Promise.all(draft.itemIds.map((itemId) => this.reviews.requireStore().getItem(itemId)))).filter(
      (item): item is ScoredItem => item !== null,
    );
    const facts = draft.factIds.map((factId) => this.facts.get(factId) ?? { id: factId, statement: '(not in the current facts sheet)' });
    const content = format === 'markdown' ? renderMarkdown(draft, facts, items) : renderText(draft, facts, items);
    this.ctx.audit.record({
      actor,
      action: 'response.export',
      targetType: 'response',
      targetId: id,
      detail: { format, status: draft.status, version: draft.version },
    });
    return {
      filename: `${draft.id}.${format === 'markdown' ? 'md' : 'txt'}`,
      contentType: format === 'markdown' ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
      content,
    };
  }

  /**
   * The check before publishing: a held draft is refused (409 `held_by_check` with the verdict)
   * unless an override reason is given, which is returned for the publish audit entry. Each hold
   * and each override is in the audit log.
   */
  private runCheck(draft: ResponseDraft, overrideReason: string | undefined, actor: Actor): { reason: string; reasons: string[] } | undefined {
    if (!this.checker) return undefined;
    const verdict = this.checker.check({ title: draft.title, text: draft.body });
    if (!verdict.held) return undefined;
    const reasons = verdict.reasons.map((r) => `${r.field} ${r.start}-${r.end} "${r.matched}": ${r.message}`);
    if (overrideReason) {
      this.ctx.audit.record({
        actor,
        action: 'response.check_override',
        targetType: 'response',
        targetId: draft.id,
        detail: { version: draft.version, reason: overrideReason, reasons },
      });
      return { reason: overrideReason, reasons };
    }
    this.ctx.audit.record({ actor, action: 'response.check_held', targetType: 'response', targetId: draft.id, detail: { version: draft.version, reasons } });
    const count = verdict.reasons.length;
    throw new WorkflowError(
      'conflict',
      'held_by_check',
      `response "${draft.id}" is held by the check before publishing (${count} reason${count === 1 ? '' : 's'}: ${verdict.reasons.map((r) => r.message).join('; ')}); correct the draft, or publish with an override and its reason`,
      { current: draft, check: verdict },
    );
  }

  private checkFacts(factIds: string[]): string[] {
    const unique = [...new Set(factIds.map((factId) => factId.trim()))];
    unique.forEach((factId, index) => {
      if (!this.facts.get(factId)) throw invalid(`factIds.${index}`, `"${factId}" is not in the official-facts sheet`, 'unknown_fact');
    });
    return unique;
  }

  private checkEditable(id: string, version: number): ResponseDraft {
    const current = this.require(id);
    if (current.version !== version) {
      throw new WorkflowError(
        'conflict',
        'version_conflict',
        `response "${id}" changed since version ${version} (now version ${current.version}, by ${current.updatedBy} at ${current.updatedAt}); reload it and try again`,
        { current },
      );
    }
    if (current.status === 'published')
      throw new WorkflowError('conflict', 'already_published', `response "${id}" is published and can no longer change`, { current });
    if (current.status === 'withdrawn')
      throw new WorkflowError('conflict', 'withdrawn', `response "${id}" was withdrawn and can no longer change`, { current });
    return current;
  }

  private notConfirmed(itemId: string, status: ReviewStatus): WorkflowError {
    return new WorkflowError('conflict', 'not_confirmed', `item "${itemId}" is "${status}"; only confirmed items get a response`, {
      current: this.reviews.get(itemId),
    });
  }

  private async clusterMembers(clusterId: string): Promise<string[]> {
    const store = this.reviews.requireStore();
    const ids: string[] = [];
    for (let page = 1; ids.length < MAX_CLUSTER_ITEMS; page++) {
      const result = await store.queryItems({ clusterId, sort: 'oldest', page, pageSize: 100 });
      ids.push(...result.items.map((item) => item.id));
      if (page * 100 >= result.total) break;
    }
    if (!ids.length) throw notFound('cluster', clusterId);
    return ids;
  }

  private toDraft(row: ResponseRow): ResponseDraft {
    const itemIds = (
      this.ctx.db.prepare('SELECT item_id FROM response_items WHERE response_id = ? ORDER BY rowid').all(row.id) as Array<{ item_id: string }>
    ).map((r) => r.item_id);
    return {
      id: row.id,
      status: row.status,
      version: row.version,
      title: row.title,
      body: row.body,
      itemId: row.item_id,
      clusterId: row.cluster_id,
      factIds: JSON.parse(row.fact_ids) as string[],
      itemIds,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      publishedBy: row.published_by,
      publishedAt: row.published_at,
      publishedUrl: row.published_url,
      withdrawnBy: row.withdrawn_by,
      withdrawnAt: row.withdrawn_at,
      withdrawReason: row.withdraw_reason,
    };
  }
}

const FACTS_HEADING = 'Căn cứ thông tin chính thức';
const ITEMS_HEADING = 'Các tin, bài được phản hồi';

function itemLabel(item: ScoredItem): string {
  const title = item.title.trim() || item.text.replace(/\s+/g, ' ').trim().slice(0, 100);
  return title || httpUrl(item.url) || item.id;
}

function factLine(fact: OfficialFact): string {
  const origin = [fact.source, fact.date].filter(Boolean).join(', ');
  return `${fact.statement}${origin ? ` (${origin})` : ''}`;
}

/** Escapes text from crawled pages so it cannot inject links, emphasis or HTML into the Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|~]/g, (c) => `\\${c}`);
}

function markdownUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

function renderMarkdown(draft: ResponseDraft, facts: OfficialFact[], items: ScoredItem[]): string {
  const lines = [`# ${draft.title}`, '', draft.body.trim(), ''];
  if (facts.length) {
    lines.push(`## ${FACTS_HEADING}`, '');
    for (const fact of facts) lines.push(`- **${fact.id}**: ${escapeMarkdown(factLine(fact))}`);
    lines.push('');
  }
  if (items.length) {
    lines.push(`## ${ITEMS_HEADING}`, '');
    for (const item of items) {
      const when = item.publishedAt ? `, ${item.publishedAt.slice(0, 10)}` : '';
      const url = httpUrl(item.url);
      const label = escapeMarkdown(itemLabel(item));
      lines.push(`- ${url ? `[${label}](${markdownUrl(url)})` : label} (${escapeMarkdown(item.sourceId)}${when})`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function renderText(draft: ResponseDraft, facts: OfficialFact[], items: ScoredItem[]): string {
  const lines = [draft.title, '='.repeat(Math.min(80, [...draft.title].length)), '', draft.body.trim(), ''];
  if (facts.length) {
    lines.push(`${FACTS_HEADING}:`);
    for (const fact of facts) lines.push(`- [${fact.id}] ${factLine(fact)}`);
    lines.push('');
  }
  if (items.length) {
    lines.push(`${ITEMS_HEADING}:`);
    for (const item of items) {
      const url = httpUrl(item.url);
      lines.push(`- ${itemLabel(item)} (${item.sourceId}${item.publishedAt ? `, ${item.publishedAt.slice(0, 10)}` : ''})${url ? `: ${url}` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
