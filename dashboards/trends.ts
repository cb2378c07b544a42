// Trends for the dashboard, as pure functions over stored items: items per day by topic,
// source and platform, the flagged share, spikes, top terms this week against last week, and
// the biggest near-duplicate clusters. Days are calendar days in Vietnam (+07:00, no DST),
// like the store's own day buckets.
import type { Explanation, ExplanationKind, ScoredItem } from '../core/types.ts';

/** What the trends need of an item; `explanations` only for the top-terms weeks. */
export type TrendItem = Pick<ScoredItem, 'id' | 'sourceId' | 'kind' | 'title' | 'fetchedAt' | 'topics' | 'flagged'> &
  Partial<Pick<ScoredItem, 'publishedAt' | 'clusterId' | 'platform'>> & {
    explanations?: Array<Pick<Explanation, 'kind' | 'matched'>>;
  };

const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Series key for items without a topic. */
export const NO_TOPIC = '__none__';
/** Series key gathering the keys beyond the largest `maxSeries`. */
export const OTHER = '__other__';

/** Calendar day (YYYY-MM-DD) in Vietnam of an item: published time, else fetch time. */
export function dayOf(item: Pick<TrendItem, 'publishedAt' | 'fetchedAt'>): string {
  const published = item.publishedAt && !Number.isNaN(Date.parse(item.publishedAt)) ? item.publishedAt : undefined;
  const instant = Date.parse(published ?? item.fetchedAt);
  return new Date(instant + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today (or the day of `now`) in Vietnam. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` moved by `delta` days. */
export function addDays(day: string, delta: number): string {
  if (!DAY_RE.test(day)) throw new Error(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (empty when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The platform an item came from: the social platform for social items ("facebook",
 * "mastodon", ...), "web" for news pages and feeds.
 */
export function platformOf(item: Pick<TrendItem, 'platform' | 'kind'>): string {
  if (item.platform) return item.platform;
  return item.kind === 'social' ? 'social' : 'web';
}

export interface Series {
  key: string;
  total: number;
  /** One count per day of the range. */
  counts: number[];
}

/**
 * Items per day under each key (`keysOf` may give an item several keys, e.g. topics). The
 * `maxSeries` largest keys are kept, by total over the range; the rest are summed into OTHER.
 */
export function dailySeries(items: readonly TrendItem[], days: readonly string[], keysOf: (item: TrendItem) => string[], maxSeries = 8): Series[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const byKey = new Map<string, number[]>();
  for (const item of items) {
    const at = index.get(dayOf(item));
    if (at === undefined) continue;
    for (const key of new Set(keysOf(item))) {
      let counts = byKey.get(key);
      if (!counts) byKey.set(key, (counts = days.map(() => 0)));
      counts[at] += 1;
    }
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

/** Items and flagged items per day, and the flagged share (of the day, and of the trailing seven days). */
export function flaggedShare(items: readonly TrendItem[], days: readonly string[]): DayShare[] {
  const index = new Map(days.map((day, i) => [day, i]));
  const rows: DayShare[] = days.map((day) => ({ day, total: 0, flagged: 0, share: null, share7: null }));
  for (const item of items) {
    const at = index.get(dayOf(item));
    if (at === undefined) continue;
    rows[at].total += 1;
    if (item.flagged) rows[at].flagged += 1;
  }
  rows.forEach((row, i) => {
    row.share = row.total ? row.flagged / row.total : null;
    const week = rows.slice(Math.max(0, i - 6), i + 1);
    const total = week.reduce((sum, r) => sum + r.total, 0);
    row.share7 = total ? week.reduce((sum, r) => sum + r.flagged, 0) / total : null;
  });
  return rows;
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

/** Lower-cased NFC with collapsed spaces: "Đại hội" and "đại  hội" are one term. */
export function termKey(matched: string): string {
  return matched.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * The terms behind the scores (the `matched` text of explanations) in the seven days ending
 * on `to` against the seven days before, ranked by this week's count, then last week's.
 */
export function topTerms(items: readonly TrendItem[], to: string, limit = 15): TopTerms {
  const thisWeek = { from: addDays(to, -6), to };
  const lastWeek = { from: addDays(to, -13), to: addDays(to, -7) };
  const stats = new Map<string, { forms: Map<string, number>; thisWeek: number; lastWeek: number; kinds: Set<ExplanationKind> }>();
  for (const item of items) {
    const day = dayOf(item);
    const week = day >= thisWeek.from && day <= thisWeek.to ? 'thisWeek' : day >= lastWeek.from && day <= lastWeek.to ? 'lastWeek' : null;
    if (!week || !item.explanations?.length) continue;
    const seen = new Set<string>();
    for (const explanation of item.explanations) {
      const key = termKey(explanation.matched);
      if (!key) continue;
      let entry = stats.get(key);
      if (!entry) stats.set(key, (entry = { forms: new Map(), thisWeek: 0, lastWeek: 0, kinds: new Set() }));
      entry.kinds.add(explanation.kind);
      const form = explanation.matched.normalize('NFC').replace(/\s+/g, ' ').trim();
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      if (!seen.has(key)) {
        seen.add(key);
        entry[week] += 1;
      }
    }
  }
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
  return { thisWeek, lastWeek, terms };
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

function timestamp(item: TrendItem): number {
  const published = item.publishedAt ? Date.parse(item.publishedAt) : Number.NaN;
  return Number.isNaN(published) ? Date.parse(item.fetchedAt) : published;
}

/** Near-duplicate clusters with at least two members, largest first (then most recent). */
export function biggestClusters(items: readonly TrendItem[], limit = 10): ClusterTrend[] {
  const groups = new Map<string, TrendItem[]>();
  for (const item of items) {
    if (!item.clusterId) continue;
    const members = groups.get(item.clusterId);
    if (members) members.push(item);
    else groups.set(item.clusterId, [item]);
  }
  return [...groups.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([clusterId, members]) => {
      const sorted = [...members].sort((a, b) => timestamp(a) - timestamp(b) || a.id.localeCompare(b.id));
      const first = sorted[0];
      return {
        clusterId,
        size: members.length,
        flagged: members.filter((member) => member.flagged).length,
        firstSeen: new Date(timestamp(first)).toISOString(),
        lastSeen: new Date(timestamp(sorted[sorted.length - 1])).toISOString(),
        firstItem: { id: first.id, title: first.title, sourceId: first.sourceId },
        sources: [...new Set(sorted.map((member) => member.sourceId))],
        platforms: [...new Set(sorted.map(platformOf))].sort(),
      };
    })
    .sort((a, b) => b.size - a.size || b.lastSeen.localeCompare(a.lastSeen) || a.clusterId.localeCompare(b.clusterId))
    .slice(0, limit);
}

/** The first day whose items `computeTrends` uses for a range starting `from` and ending `to`. */
export function trendsItemsFrom(from: string, to: string, rule: SpikeRule = DEFAULT_SPIKE_RULE): string {
  const spikeFrom = addDays(from, -rule.window);
  const termsFrom = addDays(to, -13);
  return spikeFrom < termsFrom ? spikeFrom : termsFrom;
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

/**
 * Everything the trends page shows. Items outside the range are ignored, except that the
 * top terms look at the two weeks ending on `to` even when the range is shorter, and that the
 * spike baseline of the first days of the range is the `window` days before it. Pass those
 * items too (`trendsItemsFrom` says from which day).
 */
export function computeTrends(items: readonly TrendItem[], options: TrendsOptions): Trends {
  if (!DAY_RE.test(options.from) || !DAY_RE.test(options.to)) throw new Error('computeTrends: from and to are YYYY-MM-DD days');
  const rule = options.spikeRule ?? DEFAULT_SPIKE_RULE;
  const days = daysBetween(options.from, options.to);
  const inRange = items.filter((item) => {
    const day = dayOf(item);
    return day >= options.from && day <= options.to;
  });
  const perDay = flaggedShare(inRange, days);
  const maxSeries = options.maxSeries ?? 8;
  // Spikes are judged against the days before each day, also those before the range.
  const history = daysBetween(addDays(options.from, -rule.window), options.to);
  const historyRows = flaggedShare(items, history);
  const spikesOf = (counts: number[]) => detectSpikes(history, counts, rule).filter((spike) => spike.day >= options.from);
  return {
    from: options.from,
    to: options.to,
    days,
    total: inRange.length,
    flagged: inRange.filter((item) => item.flagged).length,
    byTopic: dailySeries(inRange, days, (item) => (item.topics.length ? item.topics : [NO_TOPIC]), maxSeries),
    bySource: dailySeries(inRange, days, (item) => [item.sourceId], maxSeries),
    byPlatform: dailySeries(inRange, days, (item) => [platformOf(item)], maxSeries),
    perDay,
    spikeRule: { ...rule, description: describeSpikeRule(rule) },
    spikes: {
      total: spikesOf(historyRows.map((row) => row.total)),
      flagged: spikesOf(historyRows.map((row) => row.flagged)),
    },
    topTerms: topTerms(items, options.to, options.topTerms ?? 15),
    clusters: biggestClusters(inRange, options.clusters ?? 10),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
