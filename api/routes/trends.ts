import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { ACCESS } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { addDays, clusterTrend, computeTrends, dayOf, historyFrom, termWeeks, vietnamToday, type Trends } from '../trend-analysis.ts';
import { HttpError, orderedRange, query } from '../validation.ts';

/** Days shown when the range is not given: this many, ending on the newest item's day. */
export const DEFAULT_RANGE_DAYS = 90;
export const MAX_RANGE_DAYS = 731;
/** Clusters the trends page lists. */
const TREND_CLUSTERS = 10;

export const trendsQuerySchema = orderedRange(z.object({ from: query.day.optional(), to: query.day.optional() }).strict());

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

/** GET /api/trends (the trends page): `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional. */
export function trendsRoutes(options: { store: Store; now?: () => Date }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/trends',
      tag: 'dashboard',
      summary: 'Items per day by topic, source and platform; flagged share; spikes; top terms; clusters',
      description: `Default range: the ${DEFAULT_RANGE_DAYS} days ending on the newest item's day; at most ${MAX_RANGE_DAYS} days.`,
      access: ACCESS.read,
      query: trendsQuerySchema,
      handle: ({ query: range }) => trendsFor(options.store, range, options.now),
    }),
  ];
}
