// The dashboard's own read-only API: GET /api/trends (the trends page), and under
// /api/dashboard the review queue with the filters the item API lacks (platform, scores) and
// the values the queue's filter lists offer. Mounted behind the sign-in (any role may read).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { itemFilterShape } from '../api/routes/items.ts';
import { HttpError, parseInput, query } from '../api/validation.ts';
import type { ItemSummary, Page, Store } from '../core/types.ts';
import { ACCESS, type Workflow } from '../pipeline/workflow/index.ts';
import { addDays, clusterTrend, computeTrends, dayOf, historyFrom, termWeeks, vietnamToday, type Trends } from './trends.ts';

/** Days shown when the range is not given: this many, ending on the newest item's day. */
export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_DAYS = 731;
/** Clusters the trends page lists. */
const TREND_CLUSTERS = 10;

export const trendsQuerySchema = z
  .object({ from: query.day.optional(), to: query.day.optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before "from"', path: ['to'] });

export const queueQuerySchema = z
  .object(itemFilterShape)
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be before "from"', path: ['to'] });

/** The newest item's day in Vietnam, or today for an empty store. */
async function newestDay(store: Store, now: () => Date): Promise<string> {
  const newest = await store.queryItems({ sort: 'newest', page: 1, pageSize: 1 });
  return newest.items[0] ? dayOf(newest.items[0]) : vietnamToday(now());
}

/** The trends of a range, from the store's aggregations (every item counted, none read). */
export async function trendsFor(store: Store, range: { from?: string; to?: string }, now: () => Date = () => new Date()): Promise<Trends> {
  const to = range.to ?? (range.from ? addDays(range.from, DEFAULT_RANGE_DAYS - 1) : await newestDay(store, now));
  const from = range.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (addDays(from, MAX_RANGE_DAYS - 1) < to) throw new HttpError(400, 'invalid_parameter', `to: at most ${MAX_RANGE_DAYS} days from "from"`, 'to');
  const weeks = termWeeks(to);
  const [perDay, byTopic, bySource, byPlatform, thisWeek, lastWeek, clusters] = await Promise.all([
    store.counts({ from: historyFrom(from), to }, ['day']),
    store.counts({ from, to }, ['day', 'topic']),
    store.counts({ from, to }, ['day', 'source']),
    store.counts({ from, to }, ['day', 'platform']),
    store.termCounts(weeks.thisWeek),
    store.termCounts(weeks.lastWeek),
    store.topClusters({ from, to }, TREND_CLUSTERS),
  ]);
  const clusterTrends = await Promise.all(
    clusters.map(async (cluster) => {
      const members = { from, to, clusterId: cluster.clusterId };
      const [first, sources, platforms] = await Promise.all([
        store.queryItems({ ...members, sort: 'oldest', page: 1, pageSize: 1 }),
        store.counts(members, ['source']),
        store.counts(members, ['platform']),
      ]);
      return clusterTrend(cluster, first.items[0], sources, platforms);
    }),
  );
  return computeTrends({ perDay, byTopic, bySource, byPlatform, terms: { thisWeek, lastWeek }, clusters: clusterTrends }, { from, to });
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
 * may also be "web" (news sites and feeds) or "social": all of them filters of the store itself.
 */
export async function queuePage(store: Store, query: QueueQuery, username?: string): Promise<Page<ItemSummary>> {
  return store.queryItems({ ...query, assignee: query.assignee === 'me' ? username : query.assignee });
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
  const [topics, sources, platforms, kinds] = await Promise.all((['topic', 'source', 'platform', 'kind'] as const).map((key) => store.counts({}, [key])));
  const keys = (rows: typeof topics) => rows.map((row) => row.keys[0]).filter((key) => key !== '');
  const assignable = new Set<string>([...ACCESS.review, ...ACCESS.respond]);
  return {
    topics: keys(topics).sort(),
    sources: keys(sources).sort(),
    platforms: keys(platforms).sort(),
    kinds: (['news', 'rss', 'social'] as const).filter((kind) => keys(kinds).includes(kind)),
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
