// Gathers what the weekly digest shows, from any Store engine (only the Store interface is used).
import type { ItemSummary, ReviewStatus, Stats, Store } from '../../core/types.ts';
import { previousIsoWeek, weekRange, type IsoWeek } from './week.ts';

export interface Figure {
  current: number;
  previous: number;
}

export interface DigestDay {
  day: string;
  count: number;
  flagged: number;
  /** Same weekday, previous week. */
  previous: number;
}

export interface DigestSource {
  sourceId: string;
  name: string;
  count: number;
  flagged: number;
  previous: number;
}

export interface DigestCluster {
  id: string;
  /** Items of the cluster (about the tracked event) published this week. */
  itemsThisWeek: number;
  flaggedThisWeek: number;
  /** Distinct sources carrying it this week. */
  sources: number;
  /** All items of the cluster ever stored. */
  totalItems: number;
  /** The earliest item of the cluster: where the story started. */
  first: Pick<ItemSummary, 'id' | 'title' | 'url' | 'sourceId' | 'publishedAt' | 'fetchedAt'>;
}

export interface DigestFlaggedItem {
  id: string;
  title: string;
  url: string;
  sourceId: string;
  sourceName: string;
  at: string;
  distortion: number;
  status: ReviewStatus;
  clusterId?: string;
}

export interface DigestData {
  week: IsoWeek;
  previousWeek: IsoWeek;
  generatedAt: string;
  items: Figure;
  flagged: Figure;
  congress: Figure;
  days: DigestDay[];
  /** Flagged items of the week by their current review status. */
  review: Record<ReviewStatus, number>;
  /** review.responded / flagged.current (0 when nothing was flagged). */
  answeredShare: number;
  topFlagged: DigestFlaggedItem[];
  topClusters: DigestCluster[];
  topSources: DigestSource[];
  topTopics: Array<{ key: string; count: number; previous: number }>;
}

export interface GatherOptions {
  /** Display names of sources (config `sources[].name`); the id is shown otherwise. */
  sourceNames?: Record<string, string>;
  topFlagged?: number;
  topClusters?: number;
  topSources?: number;
  now?: Date;
}

const STATUSES: ReviewStatus[] = ['new', 'in_review', 'confirmed', 'response_drafted', 'responded', 'dismissed'];

/** Seven days of counts, zeros included, from a stats byDay list. */
export function fillDays(week: IsoWeek, byDay: Stats['byDay'], previous: Stats['byDay']): DigestDay[] {
  const current = new Map(byDay.map((d) => [d.key, d]));
  const earlier = new Map(previous.map((d) => [d.key, d.count]));
  const previousDays = previousIsoWeek(week).days;
  return week.days.map((day, i) => ({
    day,
    count: current.get(day)?.count ?? 0,
    flagged: Number(current.get(day)?.flagged ?? 0),
    previous: earlier.get(previousDays[i]) ?? 0,
  }));
}

/** The sources with most items this week, with last week's count beside them. */
export function rankSources(current: Stats['bySource'], previous: Stats['bySource'], names: Record<string, string>, limit: number): DigestSource[] {
  const before = new Map(previous.map((s) => [s.key, s.count]));
  return [...current]
    .sort((a, b) => b.count - a.count || Number(b.flagged) - Number(a.flagged) || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((s) => ({
      sourceId: s.key,
      name: names[s.key] ?? s.key,
      count: s.count,
      flagged: Number(s.flagged ?? 0),
      previous: before.get(s.key) ?? 0,
    }));
}

export async function gatherDigest(store: Store, week: IsoWeek, options: GatherOptions = {}): Promise<DigestData> {
  const names = options.sourceNames ?? {};
  const previousWeek = previousIsoWeek(week);
  const range = weekRange(week);
  const previousRange = weekRange(previousWeek);
  const [stats, previousStats] = await Promise.all([store.stats(range), store.stats(previousRange)]);

  const byStatus = new Map((await store.counts({ ...range, flagged: true }, ['status'])).map((row) => [row.keys[0], row.count]));
  const review = Object.fromEntries(STATUSES.map((status) => [status, byStatus.get(status) ?? 0])) as Record<ReviewStatus, number>;

  const flaggedPage = await store.queryItems({ ...range, flagged: true, sort: 'distortion', page: 1, pageSize: options.topFlagged ?? 5 });
  const topFlagged = flaggedPage.items.map((item) => ({
    id: item.id,
    title: item.title,
    url: item.url,
    sourceId: item.sourceId,
    sourceName: names[item.sourceId] ?? item.sourceId,
    at: item.publishedAt ?? item.fetchedAt,
    distortion: item.scores.distortion,
    status: item.review?.status ?? 'new',
    clusterId: item.clusterId,
  }));

  // Clusters: the week's items about the tracked event, counted per cluster by the store.
  const clusters = await store.topClusters({ ...range, congress: true }, options.topClusters ?? 5);
  const topClusters = await Promise.all(
    clusters.map(async (cluster): Promise<DigestCluster> => {
      const [first, sources] = await Promise.all([
        store.queryItems({ clusterId: cluster.clusterId, sort: 'oldest', page: 1, pageSize: 1 }),
        store.counts({ ...range, congress: true, clusterId: cluster.clusterId }, ['source']),
      ]);
      const head = first.items[0];
      return {
        id: cluster.clusterId,
        itemsThisWeek: cluster.size,
        flaggedThisWeek: cluster.flagged,
        sources: sources.length,
        totalItems: first.total,
        first: { id: head.id, title: head.title, url: head.url, sourceId: head.sourceId, publishedAt: head.publishedAt, fetchedAt: head.fetchedAt },
      };
    }),
  );

  const previousTopics = new Map(previousStats.byTopic.map((t) => [t.key, t.count]));
  return {
    week,
    previousWeek,
    generatedAt: (options.now ?? new Date()).toISOString(),
    items: { current: stats.total, previous: previousStats.total },
    flagged: { current: Number(stats.flagged), previous: Number(previousStats.flagged) },
    congress: { current: Number(stats.congress), previous: Number(previousStats.congress) },
    days: fillDays(week, stats.byDay, previousStats.byDay),
    review,
    answeredShare: stats.flagged ? review.responded / Number(stats.flagged) : 0,
    topFlagged,
    topClusters,
    topSources: rankSources(stats.bySource, previousStats.bySource, names, options.topSources ?? 8),
    topTopics: stats.byTopic.slice(0, 5).map((t) => ({ ...t, previous: previousTopics.get(t.key) ?? 0 })),
  };
}
