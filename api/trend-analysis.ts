// Trends for the dashboard, as pure functions over counts the store computed: items per day by
// topic, source and platform, the flagged share, spikes, top terms this week against last week,
// and the biggest near-duplicate clusters. Days are calendar days in Vietnam (+07:00, no DST),
// like the store's own day buckets. Nothing here reads items: see routes/trends.ts for the
// store calls.
import type { ClusterCount, CountRow, ExplanationKind, ItemSummary, ScoredItem, TermCount } from '../core/types.ts';
import { DAY_PATTERN } from '../core/date-params.ts';
import { DAY_MS, vietnamDay } from '../core/time.ts';
import { itemTimestamp, platformOf } from '../pipeline/store/common.ts';

export { platformOf };

/** Series key for items without a topic. */
export const NO_TOPIC = '__none__';
/** Series key gathering the keys beyond the largest `maxSeries`. */
export const OTHER = '__other__';

/** Calendar day (YYYY-MM-DD) in Vietnam of an item: published time, else fetch time. */
export function dayOf(item: Pick<ScoredItem, 'fetchedAt'> & { publishedAt?: string }): string {
  return vietnamDay(itemTimestamp(item));
}

/** Today (or the day of `now`) in Vietnam. */
export function vietnamToday(now: Date = new Date()): string {
  return vietnamDay(now);
}

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  if (!DAY_PATTERN.test(day)) throw new Error(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export interface Series {
  key: string;
  total: number;
  /** One count per day of the range. */
  counts: number[];
}

/**
 * Items per day under each key, from counts keyed [day, key] (an item with several topics is in
 * several rows). The `maxSeries` largest keys are kept, by total over the range; the rest are
 * summed into OTHER.
 */
export function dailySeries(rows: readonly CountRow[], days: readonly string[], maxSeries = 8): Series[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const [day, key] = row.keys;
    const at = index.get(day);
    if (at === undefined) continue;
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = days.map(() => 0)));
    counts[at] += row.count;
  }
  const all = [...byKey.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.reduce((sum, n) => sum + n, 0) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  if (all.length <= maxSeries) return all;
  const kept = all.slice(0, Math.max(0, maxSeries - 1));
  const rest = all.slice(kept.length);
  const counts = days.map((_, i) => rest.reduce((sum, series) => sum + series.counts[i], 0));
  return [...kept, { key: OTHER, counts, total: counts.reduce((sum, n) => sum + n, 0) }];
}

export interface DayShare {
  day: string;
  total: number;
  flagged: number;
  /** flagged / total, or null on a day without items. */
  share: number | null;
  /** The same over the seven days ending on this day (steadier when items are few), or null. */
  share7: number | null;
}

/** Items and flagged items per day (counts keyed [day]), and the flagged share (of the day, and of the trailing seven days). */
export function flaggedShare(rows: readonly CountRow[], days: readonly string[]): DayShare[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const shares: DayShare[] = days.map((day) => ({ day, total: 0, flagged: 0, share: null, share7: null }));
  for (const row of rows) {
    const at = index.get(row.keys[0]);
    if (at === undefined) continue;
    shares[at].total += row.count;
    shares[at].flagged += row.flagged;
  }
  shares.forEach((share, i) => {
    share.share = share.total ? share.flagged / share.total : null;
    const week = shares.slice(Math.max(0, i - 6), i + 1);
    const total = week.reduce((sum, r) => sum + r.total, 0);
    share.share7 = total ? week.reduce((sum, r) => sum + r.flagged, 0) / total : null;
  });
  return shares;
}

/**
 * When a day counts as a spike: its count is at least `minCount` and above mean + k·sd of the
 * `window` days before it (zero days included; the day itself is not part of its own baseline).
 * The sd is taken as at least √mean, the natural noise of counts, so that a perfectly steady
 * baseline (sd 0) does not make every extra item a spike. Days with fewer than `window` days
 * of history before them are compared with what history there is; the first day is never a spike.
 */
export interface SpikeRule {
  window: number;
  k: number;
  minCount: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { window: 7, k: 2, minCount: 3 };

export interface Spike {
  day: string;
  count: number;
  /** Mean and (population) standard deviation of the trailing window. */
  mean: number;
  sd: number;
  /** mean + k·max(sd, √mean): the count had to exceed this. */
  threshold: number;
}

export function describeSpikeRule(rule: SpikeRule): string {
  return `a day is a spike when it has at least ${rule.minCount} items and more than the mean + ${rule.k}·sd of the ${rule.window} days before it (sd taken as at least √mean)`;
}

export function detectSpikes(days: readonly string[], counts: readonly number[], rule: SpikeRule = DEFAULT_SPIKE_RULE): Spike[] {
  if (days.length !== counts.length) throw new Error('detectSpikes: one count per day');
  const spikes: Spike[] = [];
  for (let i = 1; i < counts.length; i++) {
    const window = counts.slice(Math.max(0, i - rule.window), i);
    const mean = window.reduce((sum, n) => sum + n, 0) / window.length;
    const sd = Math.sqrt(window.reduce((sum, n) => sum + (n - mean) ** 2, 0) / window.length);
    const threshold = mean + rule.k * Math.max(sd, Math.sqrt(mean));
    if (counts[i] >= rule.minCount && counts[i] > threshold) {
      spikes.push({ day: days[i], count: counts[i], mean: round(mean), sd: round(sd), threshold: round(threshold) });
    }
  }
  return spikes;
}

export interface TermTrend {
  /** The matched text as it appears most often. */
  term: string;
  /** Items carrying the term in each week (an item counts once however often it repeats it). */
  thisWeek: number;
  lastWeek: number;
  change: number;
  kinds: ExplanationKind[];
}

export interface TopTerms {
  thisWeek: { from: string; to: string };
  lastWeek: { from: string; to: string };
  terms: TermTrend[];
}

/** The two weeks the top terms compare: the seven days ending on `to` and the seven before. */
export function termWeeks(to: string): Pick<TopTerms, 'thisWeek' | 'lastWeek'> {
  return { thisWeek: { from: addDays(to, -6), to }, lastWeek: { from: addDays(to, -13), to: addDays(to, -7) } };
}

/**
 * The terms behind the scores (the `matched` text of explanations) in the seven days ending
 * on `to` against the seven days before, ranked by this week's count, then last week's. A term
 * is shown in its most common form.
 */
export function topTerms(thisWeek: readonly TermCount[], lastWeek: readonly TermCount[], to: string, limit = 15): TopTerms {
  const stats = new Map<string, { forms: Map<string, number>; thisWeek: number; lastWeek: number; kinds: Set<ExplanationKind> }>();
  const add = (counts: readonly TermCount[], week: 'thisWeek' | 'lastWeek') => {
    for (const count of counts) {
      let entry = stats.get(count.term);
      if (!entry) stats.set(count.term, (entry = { forms: new Map(), thisWeek: 0, lastWeek: 0, kinds: new Set() }));
      entry[week] += count.items;
      for (const form of count.forms) {
        entry.kinds.add(form.kind);
        entry.forms.set(form.form, (entry.forms.get(form.form) ?? 0) + form.items);
      }
    }
  };
  add(thisWeek, 'thisWeek');
  add(lastWeek, 'lastWeek');
  const terms = [...stats.values()]
    .map((entry) => ({
      term: [...entry.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
      thisWeek: entry.thisWeek,
      lastWeek: entry.lastWeek,
      change: entry.thisWeek - entry.lastWeek,
      kinds: [...entry.kinds].sort(),
    }))
    .sort((a, b) => b.thisWeek - a.thisWeek || b.lastWeek - a.lastWeek || a.term.localeCompare(b.term))
    .slice(0, limit);
  return { ...termWeeks(to), terms };
}

export interface ClusterTrend {
  clusterId: string;
  /** Members in the range. */
  size: number;
  flagged: number;
  firstSeen: string;
  lastSeen: string;
  /** The earliest member: where the story appeared first. */
  firstItem: { id: string; title: string; sourceId: string };
  sources: string[];
  platforms: string[];
}

/**
 * A cluster as the trends page shows it: its counts in the range (from the store), where the
 * story appeared first, and its sources and platforms (by members in the range, most first).
 */
export function clusterTrend(
  cluster: ClusterCount,
  first: Pick<ItemSummary, 'id' | 'title' | 'sourceId'>,
  sources: readonly CountRow[],
  platforms: readonly CountRow[],
): ClusterTrend {
  const keys = (rows: readonly CountRow[]) => [...rows].sort((a, b) => b.count - a.count || a.keys[0].localeCompare(b.keys[0])).map((row) => row.keys[0]);
  return {
    clusterId: cluster.clusterId,
    size: cluster.size,
    flagged: cluster.flagged,
    firstSeen: new Date(cluster.firstSeen).toISOString(),
    lastSeen: new Date(cluster.lastSeen).toISOString(),
    firstItem: { id: first.id, title: first.title, sourceId: first.sourceId },
    sources: keys(sources),
    platforms: keys(platforms),
  };
}

/** The first day whose counts `computeTrends` uses for a range starting `from`: the spike baseline reaches back `window` days. */
export function historyFrom(from: string, rule: SpikeRule = DEFAULT_SPIKE_RULE): string {
  return addDays(from, -rule.window);
}

export interface TrendsOptions {
  /** First and last day of the range (YYYY-MM-DD, Vietnam), both included. */
  from: string;
  to: string;
  spikeRule?: SpikeRule;
  maxSeries?: number;
  topTerms?: number;
  clusters?: number;
}

export interface Trends {
  from: string;
  to: string;
  days: string[];
  total: number;
  flagged: number;
  byTopic: Series[];
  bySource: Series[];
  byPlatform: Series[];
  /** Per day: items, flagged items and the flagged share. */
  perDay: DayShare[];
  spikeRule: SpikeRule & { description: string };
  spikes: { total: Spike[]; flagged: Spike[] };
  topTerms: TopTerms;
  clusters: ClusterTrend[];
}

/** What the store counted for one trends answer. */
export interface TrendCounts {
  /** Keyed [day], from `historyFrom(from)` to `to`. */
  perDay: CountRow[];
  /** Keyed [day, topic] ('' for no topic), [day, source] and [day, platform], over the range. */
  byTopic: CountRow[];
  bySource: CountRow[];
  byPlatform: CountRow[];
  terms: { thisWeek: TermCount[]; lastWeek: TermCount[] };
  clusters: ClusterTrend[];
}

/** Everything the trends page shows, from the store's counts. */
export function computeTrends(counts: TrendCounts, options: TrendsOptions): Trends {
  if (!DAY_PATTERN.test(options.from) || !DAY_PATTERN.test(options.to)) throw new Error('computeTrends: from and to are YYYY-MM-DD days');
  const rule = options.spikeRule ?? DEFAULT_SPIKE_RULE;
  const days = daysBetween(options.from, options.to);
  const perDay = flaggedShare(counts.perDay, days);
  const maxSeries = options.maxSeries ?? 8;
  // Spikes are judged against the days before each day, also those before the range.
  const history = daysBetween(historyFrom(options.from, rule), options.to);
  const historyRows = flaggedShare(counts.perDay, history);
  const spikesOf = (values: number[]) => detectSpikes(history, values, rule).filter((spike) => spike.day >= options.from);
  const topics = counts.byTopic.map((row) => (row.keys[1] === '' ? { ...row, keys: [row.keys[0], NO_TOPIC] } : row));
  return {
    from: options.from,
    to: options.to,
    days,
    total: perDay.reduce((sum, day) => sum + day.total, 0),
    flagged: perDay.reduce((sum, day) => sum + day.flagged, 0),
    byTopic: dailySeries(topics, days, maxSeries),
    bySource: dailySeries(counts.bySource, days, maxSeries),
    byPlatform: dailySeries(counts.byPlatform, days, maxSeries),
    perDay,
    spikeRule: { ...rule, description: describeSpikeRule(rule) },
    spikes: {
      total: spikesOf(historyRows.map((row) => row.total)),
      flagged: spikesOf(historyRows.map((row) => row.flagged)),
    },
    topTerms: topTerms(counts.terms.thisWeek, counts.terms.lastWeek, options.to, options.topTerms ?? 15),
    clusters: counts.clusters,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
