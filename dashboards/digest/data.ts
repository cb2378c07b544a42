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
  /** True when the cluster ranking only looked at the first `scanLimit` items of the week. */
  clusterScanCapped: boolean;
}

export interface GatherOptions {
  /** Display names of sources (config `sources[].name`); the id is shown otherwise. */
  sourceNames?: Record<string, string>;
  topFlagged?: number;
  topClusters?: number;
  topSources?: number;
  /** How many of the week's congress items are read to rank clusters (default 10 000). */
  scanLimit?: number;
  now?: Date;
}

const STATUSES: ReviewStatus[] = ['new', 'in_review', 'confirmed', 'response_drafted', 'responded', 'dismissed'];
const SCAN_PAGE = 500;

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
export function rankSources(
  current: Stats['bySource'],
  previous: Stats['bySource'],
  names: Record<string, string>,
  limit: number,
): DigestSource[] {
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

interface ClusterTally {
  id: string;
  items: number;
  flagged: number;
  sources: Set<string>;
}

/** Counts items per cluster; clusters of one item are not "spreading" and are left out. */
export function tallyClusters(items: Array<Pick<ItemSummary, 'clusterId' | 'flagged' | 'sourceId'>>): ClusterTally[] {
  const byId = new Map<string, ClusterTally>();
  for (const item of items) {
    if (!item.clusterId) continue;
    let tally = byId.get(item.clusterId);
    if (!tally) byId.set(item.clusterId, (tally = { id: item.clusterId, items: 0, flagged: 0, sources: new Set() }));
    tally.items++;
    if (item.flagged) tally.flagged++;
    tally.sources.add(item.sourceId);
  }
  return [...byId.values()]
    .filter((t) => t.items > 1)
    .sort((a, b) => b.items - a.items || b.flagged - a.flagged || b.sources.size - a.sources.size || a.id.localeCompare(b.id));
}

export async function gatherDigest(store: Store, week: IsoWeek, options: GatherOptions = {}): Promise<DigestData> {
  const names = options.sourceNames ?? {};
  const previousWeek = previousIsoWeek(week);
  const range = weekRange(week);
  const previousRange = weekRange(previousWeek);
  const [stats, previousStats] = await Promise.all([store.stats(range), store.stats(previousRange)]);

  const countFlagged = async (status: ReviewStatus) =>
    (await store.queryItems({ ...range, flagged: true, status: [status], page: 1, pageSize: 1 })).total;
  const review = Object.fromEntries(
    await Promise.all(STATUSES.map(async (status) => [status, await countFlagged(status)] as const)),
  ) as Record<ReviewStatus, number>;

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

  // Clusters: read the week's items about the tracked event and count them per cluster.
  const scanLimit = options.scanLimit ?? 10_000;
  const scanned: ItemSummary[] = [];
  let totalCongress = 0;
  for (let page = 1; scanned.length < scanLimit; page++) {
    const pageSize = Math.min(SCAN_PAGE, scanLimit - scanned.length);
    const result = await store.queryItems({ ...range, congress: true, sort: 'newest', page, pageSize });
    totalCongress = result.total;
    scanned.push(...result.items);
    if (result.items.length < pageSize || scanned.length >= result.total) break;
  }
  const tallies = tallyClusters(scanned).slice(0, options.topClusters ?? 5);
  const topClusters = await Promise.all(
    tallies.map(async (tally): Promise<DigestCluster> => {
      const first = await store.queryItems({ clusterId: tally.id, sort: 'oldest', page: 1, pageSize: 1 });
      const head = first.items[0];
      return {
        id: tally.id,
        itemsThisWeek: tally.items,
        flaggedThisWeek: tally.flagged,
        sources: tally.sources.size,
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
    clusterScanCapped: totalCongress > scanned.length,
  };
}
