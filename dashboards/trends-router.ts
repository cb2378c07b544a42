// The dashboard's own read-only API: GET /api/trends (the trends page), and under
// /api/dashboard the review queue with the filters the item API lacks (platform, scores) and
// the values the queue's filter lists offer. Mounted behind the sign-in (any role may read).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { itemFilterShape } from '../api/routes/items.ts';
import { HttpError, parseInput } from '../api/validation.ts';
import type { ItemQuery, ItemSummary, Page, Store } from '../core/types.ts';
import { ACCESS, type Workflow } from '../pipeline/workflow/index.ts';
import { addDays, computeTrends, dayOf, platformOf, trendsItemsFrom, vietnamToday, type TrendItem, type Trends } from './trends.ts';

/** Days shown when the range is not given: this many, ending on the newest item's day. */
export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_DAYS = 731;
/** Items read for one trends answer (the answer says `truncated` beyond it). */
export const MAX_TREND_ITEMS = 20_000;
/** Items of the two top-terms weeks read in full (with their explanations). */
export const MAX_TERM_ITEMS = 3_000;
/** Matches the queue reads when filtering by platform or score. */
export const MAX_QUEUE_SCAN = 10_000;
const BATCH = 100;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'is not a real date');

export const trendsQuerySchema = z
  .object({ from: day.optional(), to: day.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before "from"', path: ['to'] });

const score = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?|\.\d{1,4})$/, 'a score between 0 and 1')
  .transform(Number);

export const queueQuerySchema = z
  .object({
    ...itemFilterShape,
    platform: z.string().trim().min(1).max(40).optional().describe('"web" for news sites and feeds, else the social platform'),
    minDistortion: score.optional(),
    minCongress: score.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be before "from"', path: ['to'] });

export interface TrendsAnswer extends Trends {
  /** True when the range held more items than one answer reads (MAX_TREND_ITEMS). */
  truncated: boolean;
}

async function readRange(store: Store, from: string, to: string, limit: number): Promise<{ items: ItemSummary[]; truncated: boolean }> {
  const items: ItemSummary[] = [];
  for (let page = 1; ; page++) {
    const batch = await store.queryItems({ from, to, sort: 'oldest', page, pageSize: BATCH });
    items.push(...batch.items);
    if (batch.items.length < BATCH || page * BATCH >= batch.total) return { items, truncated: false };
    if (items.length >= limit) return { items, truncated: true };
  }
}

/** The newest item's day in Vietnam, or today for an empty store. */
async function newestDay(store: Store, now: () => Date): Promise<string> {
  const newest = await store.queryItems({ sort: 'newest', page: 1, pageSize: 1 });
  return newest.items[0] ? dayOf(newest.items[0]) : vietnamToday(now());
}

/** Reads the items of a range (and of the top-terms weeks) and computes the trends. */
export async function trendsFor(store: Store, range: { from?: string; to?: string }, now: () => Date = () => new Date()): Promise<TrendsAnswer> {
  const to = range.to ?? (range.from ? addDays(range.from, DEFAULT_RANGE_DAYS - 1) : await newestDay(store, now));
  const from = range.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) throw new HttpError(400, 'invalid_parameter', `to: at most ${MAX_RANGE_DAYS} days from "from"`, 'to');
  const termsFrom = addDays(to, -13);
  const read = await readRange(store, trendsItemsFrom(from, to), to, MAX_TREND_ITEMS);
  // The top terms need the explanations, which summaries leave out: read those items in full.
  const items: TrendItem[] = [];
  let termItems = 0;
  for (const summary of read.items) {
    if (dayOf(summary) >= termsFrom && termItems < MAX_TERM_ITEMS) {
      termItems += 1;
      const full = await store.getItem(summary.id);
      items.push(full ? { ...summary, explanations: full.explanations } : summary);
    } else {
      items.push(summary);
    }
  }
  return { ...computeTrends(items, { from, to }), truncated: read.truncated || termItems >= MAX_TERM_ITEMS };
}

/** GET / (mount at /api/trends): `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional. */
export function trendsRouter(options: { store: Store; now?: () => Date }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const range = parseInput(trendsQuerySchema, req.query);
    res.json(await trendsFor(options.store, range, options.now));
  });
  return router;
}

type QueueQuery = z.infer<typeof queueQuerySchema>;

/**
 * One page of items matching the item API's filters plus minimum scores, and a platform that
 * may also be "web" (news sites and feeds, which have no platform of their own). Without those
 * the store pages by itself; with them, up to MAX_QUEUE_SCAN matches of the store's filters are
 * read and filtered here (`truncated` says when there were more).
 */
export async function queuePage(store: Store, query: QueueQuery, username?: string): Promise<Page<ItemSummary> & { truncated?: boolean }> {
  const { platform, minDistortion, minCongress, page, pageSize, ...filters } = query;
  // The store filters on a social platform itself; "web" and "social" (no platform named) are derived.
  const derivedPlatform = platform === 'web' || platform === 'social';
  const base: Omit<ItemQuery, 'page' | 'pageSize'> = {
    ...filters,
    ...(platform && !derivedPlatform ? { platform } : {}),
    ...(platform === 'social' ? { kind: 'social' as const } : {}),
    assignee: filters.assignee === 'me' ? username : filters.assignee,
  };
  if (!derivedPlatform && minDistortion === undefined && minCongress === undefined) return store.queryItems({ ...base, page, pageSize });
  const keep = (item: ItemSummary) =>
    (!derivedPlatform || platformOf(item) === platform) &&
    (minDistortion === undefined || item.scores.distortion >= minDistortion) &&
    (minCongress === undefined || item.scores.congress >= minCongress);
  const matches: ItemSummary[] = [];
  let truncated = false;
  for (let batchPage = 1; ; batchPage++) {
    const batch = await store.queryItems({ ...base, page: batchPage, pageSize: BATCH });
    matches.push(...batch.items.filter(keep));
    if (batch.items.length < BATCH || batchPage * BATCH >= batch.total) break;
    if (batchPage * BATCH >= MAX_QUEUE_SCAN) {
      truncated = true;
      break;
    }
  }
  return { items: matches.slice((page - 1) * pageSize, page * pageSize), total: matches.length, page, pageSize, ...(truncated ? { truncated } : {}) };
}

export interface Facets {
  topics: string[];
  sources: string[];
  platforms: string[];
  kinds: string[];
  /** Active users an item can be assigned to (reviewers, spokespeople, admins). */
  assignees: Array<{ username: string; displayName: string | null; role: string }>;
}

async function computeFacets(store: Store, workflow?: Workflow): Promise<Facets> {
  const stats = await store.stats({});
  const platforms = new Set<string>();
  const kinds = new Set<string>();
  for (const kind of ['news', 'rss', 'social', 'epaper'] as const) {
    const first = await store.queryItems({ kind, page: 1, pageSize: kind === 'social' ? BATCH : 1 });
    if (!first.total) continue;
    kinds.add(kind);
    if (kind !== 'social') platforms.add('web');
    else {
      for (const item of first.items) platforms.add(platformOf(item));
      for (let page = 2; (page - 1) * BATCH < Math.min(first.total, MAX_QUEUE_SCAN); page++) {
        for (const item of (await store.queryItems({ kind, page, pageSize: BATCH })).items) platforms.add(platformOf(item));
      }
    }
  }
  const assignable = new Set<string>([...ACCESS.review, ...ACCESS.respond]);
  return {
    topics: stats.byTopic.map((bucket) => bucket.key).sort(),
    sources: stats.bySource.map((bucket) => bucket.key).sort(),
    platforms: [...platforms].sort(),
    kinds: [...kinds],
    assignees: (workflow?.users.list() ?? [])
      .filter((user) => !user.disabled && assignable.has(user.role))
      .map((user) => ({ username: user.username, displayName: user.displayName, role: user.role })),
  };
}

/**
 * Mount at /api/dashboard: GET /queue (the item filters, plus platform, minDistortion and
 * minCongress) and GET /facets (values for the filter lists; cached for `facetsTtlMs`).
 */
export function dashboardApiRouter(options: { store: Store; workflow?: Workflow; facetsTtlMs?: number }): Router {
  const router = Router();
  let cached: { at: number; facets: Facets } | null = null;
  router.get('/queue', async (req: Request, res) => {
    const query = parseInput(queueQuerySchema, req.query);
    res.json(await queuePage(options.store, query, req.principal?.user.username));
  });
  router.get('/facets', async (_req, res) => {
    const ttl = options.facetsTtlMs ?? 30_000;
    if (!cached || Date.now() - cached.at > ttl) cached = { at: Date.now(), facets: await computeFacets(options.store, options.workflow) };
    res.json(cached.facets);
  });
  return router;
}
