/**
 * The office's known rumours: items analysts confirmed as distortion (confirmed, response_drafted,
 * responded) or dismissed, with the date of that decision and their published response. The
 * workflow database is the truth; the matcher (pipeline/nlp/known-rumours.ts) keeps their shingles
 * in memory, rebuilt at start and brought up to date whenever a decision or a publication has been
 * recorded since (by this process or another: a crawl and `serve` share the workflow file).
 */
import type { Logger } from 'pino';
import type { KnownRumourRef, ScoredItem, Store } from '../../core/types.ts';
import { applyRumourMatch, KnownRumourMatcher, type RumourDecisionInfo, type RumourMatch } from '../../pipeline/nlp/known-rumours.ts';
import type { AuditLog } from './audit.ts';
import type { Responses } from './responses.ts';
import { DECIDED_STATUSES, type ReviewRecord, type Reviews } from './reviews.ts';

/** The parts of a Workflow read here (named part by part, so index.ts can re-export this file). */
interface WorkflowParts {
  audit: AuditLog;
  reviews: Reviews;
  responses: Responses;
}

/** Queued items matched again after a decision: the newest this many (see rescoreQueued). */
const REQUEUE_LIMIT = 500;
const REQUEUE_PAGE = 100;

/** Audit actions after which the set of known rumours, or what is known about them, may differ. */
const CHANGES = ['review.transition', 'response.publish'] as const;

/** The decision behind a decided review record: when it was taken and the answer published since. */
function decisionOf(workflow: WorkflowParts, record: ReviewRecord): RumourDecisionInfo {
  const decision = record.status === 'dismissed' ? 'dismissed' : 'confirmed';
  const transitions = workflow.audit.query({ targetType: 'item', targetId: record.itemId, action: 'review.transition', pageSize: 100 }).items;
  const decided = transitions.find((entry) => (entry.after as { status?: string } | null)?.status === decision);
  const info: RumourDecisionInfo = { itemId: record.itemId, decision, decidedAt: decided?.at ?? record.updatedAt ?? '' };
  const published = workflow.responses.list({ itemId: record.itemId, status: 'published' })[0];
  if (published?.publishedAt) {
    info.response = { id: published.id, publishedAt: published.publishedAt, title: published.title };
    if (published.publishedUrl) info.response.url = published.publishedUrl;
  }
  return info;
}

/**
 * What the office has decided on `itemId` now, or null when the item is no longer (or not yet)
 * decided: the API shows a stored match with its present decision and response.
 */
export function currentDecision(workflow: WorkflowParts, ref: KnownRumourRef): KnownRumourRef | null {
  const record = workflow.reviews.get(ref.itemId);
  if (!DECIDED_STATUSES.includes(record.status)) return null;
  return { ...decisionOf(workflow, record), similarity: ref.similarity };
}

/** Items (or summaries) with their known-rumour match brought up to date, dropped when the decision was undone. */
export function withCurrentDecisions<T extends { knownRumour?: KnownRumourRef }>(workflow: WorkflowParts, items: T[]): T[] {
  return items.map((item) => {
    if (!item.knownRumour) return item;
    const { knownRumour, ...rest } = item;
    const current = currentDecision(workflow, knownRumour);
    return (current ? { ...rest, knownRumour: current } : rest) as T;
  });
}

export class KnownRumours {
  private seen = -1;

  constructor(
    private readonly workflow: WorkflowParts,
    private readonly store: Store,
    readonly matcher: KnownRumourMatcher,
    private readonly thresholds: { congress: number; distortion: number },
    private readonly logger?: Logger,
    /** Cue groups that mark a rebuttal (Classifier.rebuttalGroups): a rebuttal quoting a rumour is not raised. */
    private readonly rebuttalGroups: ReadonlySet<string> = new Set(),
  ) {}

  /** Counts a stored item in the document frequencies (at start, for every stored item). */
  observe(item: Pick<ScoredItem, 'title' | 'text'>): void {
    this.matcher.observe(this.matcher.fingerprint(item.title, item.text));
  }

  /**
   * Re-reads the decided items when a decision or a publication was recorded since the last look;
   * items still in the queue that repeat a newly decided one are re-scored (see rescoreQueued).
   * Returns the number of queued items re-scored.
   */
  async refresh(): Promise<number> {
    const marker = this.workflow.audit.lastIdOf(CHANGES);
    if (marker === this.seen) return 0;
    const decided = new Map(this.workflow.reviews.list(DECIDED_STATUSES).map((record) => [record.itemId, decisionOf(this.workflow, record)]));
    for (const id of this.matcher.ids()) if (!decided.has(id)) this.matcher.remove(id);
    const added = new Set<string>();
    for (const [id, info] of decided) {
      if (this.matcher.update(info)) continue;
      const item = await this.store.getItem(id);
      // An item removed by retention is no longer known; its decision stays in the workflow.
      if (!item) continue;
      this.matcher.put(info, this.matcher.fingerprint(item.title, item.text));
      added.add(id);
    }
    this.seen = marker;
    return added.size ? this.rescoreQueued(added) : 0;
  }

  /**
   * Items crawled before a decision do not wait for a repost to be matched: the newest
   * `REQUEUE_LIMIT` items still to review (new, in review) that carry no match yet are matched
   * again, and those whose best match is a newly decided item get its raise and explanation,
   * as if they had been crawled after it. Bounded work per decision batch.
   */
  private async rescoreQueued(added: Set<string>): Promise<number> {
    const rescored: ScoredItem[] = [];
    let seen = 0;
    for (let page = 1; seen < REQUEUE_LIMIT; page++) {
      const { items } = await this.store.queryItems({ status: ['new', 'in_review'], sort: 'newest', page, pageSize: REQUEUE_PAGE });
      for (const summary of items) {
        if (summary.knownRumour || added.has(summary.id) || this.matcher.has(summary.id)) continue;
        const item = await this.store.getItem(summary.id);
        if (!item) continue;
        const match = this.matcher.match(this.matcher.fingerprint(item.title, item.text), item.id);
        if (match && added.has(match.itemId)) rescored.push(this.applied(item, match));
      }
      seen += items.length;
      if (items.length < REQUEUE_PAGE) break;
    }
    if (!rescored.length) return 0;
    const result = await this.store.upsertItems(rescored);
    for (const e of result.errors)
      this.logger?.warn({ itemId: e.id, reason: e.reason }, 'a queued item that repeats a newly decided rumour could not be re-scored');
    this.logger?.info({ items: rescored.length - result.errors.length, decided: [...added] }, 'queued items re-scored against newly decided rumours');
    return rescored.length - result.errors.length;
  }

  private applied(item: ScoredItem, match: RumourMatch): ScoredItem {
    const scored = applyRumourMatch(item, match, this.thresholds, this.rebuttalGroups);
    const { passages: _passages, ...ref } = match;
    return { ...item, ...scored, flagged: scored.congress && scored.distortion, knownRumour: ref };
  }

  /**
   * The item, with its score raised and explained if it repeats a confirmed distortion, or with
   * the resemblance explained if it repeats a dismissed item (see applyRumourMatch). When the
   * workflow cannot be read, the item goes on unmatched (and stored) with a warning.
   */
  async check(item: ScoredItem): Promise<ScoredItem> {
    try {
      await this.refresh();
    } catch (error) {
      this.logger?.warn({ err: (error as Error).message, itemId: item.id }, 'known rumours could not be read from the review workflow; item not matched');
      return item;
    }
    const fingerprint = this.matcher.fingerprint(item.title, item.text);
    const match = this.matcher.match(fingerprint, item.id);
    this.matcher.observe(fingerprint);
    return match ? this.applied(item, match) : item;
  }
}
