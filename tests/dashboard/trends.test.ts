import { afterAll, describe, expect, it } from 'vitest';
import type { CountRow, Explanation, ScoredItem, Store } from '../../core/types.ts';
import { trendsFor } from '../../api/routes/trends.ts';
import {
  addDays,
  dailySeries,
  dayOf,
  daysBetween,
  DEFAULT_SPIKE_RULE,
  detectSpikes,
  flaggedShare,
  historyFrom,
  NO_TOPIC,
  OTHER,
  platformOf,
} from '../../api/trend-analysis.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

// The trends are computed from the store's counts: these tests store items in a real SQLite
// store and ask for the trends of a range, as GET /api/trends does.
interface Spec {
  id?: string;
  publishedAt: string;
  sourceId?: string;
  kind?: ScoredItem['kind'];
  platform?: string;
  topics?: string[];
  flagged?: boolean;
  clusterId?: string;
  title?: string;
  explanations?: Array<Pick<Explanation, 'kind' | 'matched'>>;
}

let counter = 0;
function item(spec: Spec): ScoredItem {
  counter += 1;
  const id = spec.id ?? `i${counter}`;
  const scored = makeItem(
    {
      sourceId: spec.sourceId ?? 'bao-a',
      kind: spec.kind ?? 'news',
      platform: spec.platform,
      url: `https://bao.example/${id}`,
      title: spec.title ?? `item ${id}`,
      text: 'nội dung',
      publishedAt: spec.publishedAt,
      fetchedAt: '2021-01-01T00:00:00Z',
    },
    {
      congress: spec.flagged,
      distortion: spec.flagged,
      topics: spec.topics ?? [],
      explanations: (spec.explanations ?? []).map((e) => ({ ...e, term: e.matched, weight: 0.5, field: 'text' as const, start: 0, end: 1 })),
    },
  );
  return { ...scored, id, clusterId: spec.clusterId };
}

const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});

async function trendsOf(items: ScoredItem[], from: string, to: string) {
  const store = new SqliteStore({ path: ':memory:' });
  await store.init();
  stores.push(store);
  await store.upsertItems(items);
  return trendsFor(store, { from, to });
}

const row = (keys: string[], count: number, flagged = 0): CountRow => ({ keys, count, flagged });

describe('days', () => {
  it('buckets an item by its publication day in Vietnam (+07:00), not in UTC', () => {
    expect(dayOf({ publishedAt: '2020-10-14T17:30:00Z', fetchedAt: '2020-10-20T00:00:00Z' })).toBe('2020-10-15');
    expect(dayOf({ publishedAt: '2020-10-14T16:59:59Z', fetchedAt: '2020-10-20T00:00:00Z' })).toBe('2020-10-14');
    expect(dayOf({ publishedAt: '2020-10-15T00:30:00+07:00', fetchedAt: '2020-10-20T00:00:00Z' })).toBe('2020-10-15');
  });

  it('falls back to the fetch time when the publication time is missing or broken', () => {
    expect(dayOf({ fetchedAt: '2020-10-20T18:00:00Z' })).toBe('2020-10-21');
    expect(dayOf({ publishedAt: 'hôm qua', fetchedAt: '2020-10-20T10:00:00Z' })).toBe('2020-10-20');
  });

  it('lists every day of a range, across month ends and leap days', () => {
    expect(daysBetween('2020-02-27', '2020-03-01')).toEqual(['2020-02-27', '2020-02-28', '2020-02-29', '2020-03-01']);
    expect(daysBetween('2020-10-02', '2020-10-01')).toEqual([]);
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2021-01-01', -14)).toBe('2020-12-18');
  });

  it('names the platform of web items "web" and keeps social platforms', () => {
    expect(platformOf({ kind: 'news' })).toBe('web');
    expect(platformOf({ kind: 'rss' })).toBe('web');
    expect(platformOf({ kind: 'social', platform: 'mastodon' })).toBe('mastodon');
    expect(platformOf({ kind: 'social' })).toBe('social');
  });
});

describe('per-day series', () => {
  const days = daysBetween('2020-10-01', '2020-10-03');

  it('counts items per day under each key, zero-filled, an item once per key', async () => {
    const trends = await trendsOf(
      [
        item({ publishedAt: '2020-10-01T03:00:00Z', topics: ['congress-2020', 'covid'] }),
        item({ publishedAt: '2020-10-01T05:00:00Z', topics: ['congress-2020', 'congress-2020'] }),
        item({ publishedAt: '2020-10-03T05:00:00Z', topics: ['covid'] }),
        item({ publishedAt: '2020-10-09T05:00:00Z', topics: ['covid'] }), // outside the range
      ],
      '2020-10-01',
      '2020-10-03',
    );
    expect(trends.byTopic).toEqual([
      { key: 'congress-2020', counts: [2, 0, 0], total: 2 },
      { key: 'covid', counts: [1, 0, 1], total: 2 },
    ]);
  });

  it('keeps the largest keys and sums the rest into OTHER', () => {
    const rows = [row(['2020-10-02', 'a'], 3), row(['2020-10-02', 'b'], 2), row(['2020-10-02', 'c'], 1), row(['2020-10-02', 'd'], 1)];
    const series = dailySeries(rows, days, 3);
    expect(series.map((s) => [s.key, s.total])).toEqual([
      ['a', 3],
      ['b', 2],
      [OTHER, 2],
    ]);
    expect(series[2].counts).toEqual([0, 2, 0]);
  });

  it('gives the flagged share per day and over the trailing seven days', () => {
    const week = daysBetween('2020-10-01', '2020-10-09');
    const rows = flaggedShare([row(['2020-10-01'], 2, 1), row(['2020-10-02'], 1, 1), row(['2020-10-09'], 1, 0)], week);
    expect(rows[0]).toEqual({ day: '2020-10-01', total: 2, flagged: 1, share: 0.5, share7: 0.5 });
    expect(rows[1]).toMatchObject({ total: 1, flagged: 1, share: 1, share7: 2 / 3 });
    expect(rows[2]).toMatchObject({ total: 0, share: null, share7: 2 / 3 });
    // 10-09's window (10-03..10-09) no longer holds the items of 10-01 and 10-02.
    expect(rows[8]).toMatchObject({ total: 1, flagged: 0, share: 0, share7: 0 });
    expect(rows[7]).toMatchObject({ total: 0, share: null, share7: 1 }); // 10-02..10-08
  });
});

describe('spikes', () => {
  const days = daysBetween('2020-10-01', '2020-10-10');

  it('marks a day above mean + 2·sd of the 7 days before it', () => {
    const counts = [8, 9, 5, 11, 6, 8, 4, 10, 19, 9];
    const spikes = detectSpikes(days, counts);
    expect(spikes.map((s) => s.day)).toEqual(['2020-10-09']);
    // Window 10-02..10-08: 9,5,11,6,8,4,10 → mean 53/7 ≈ 7.571, sd ≈ 2.441 (< √7.571 ≈ 2.752),
    // threshold ≈ 7.571 + 2·2.752 ≈ 13.075.
    expect(spikes[0]).toMatchObject({ count: 19, mean: 7.571, sd: 2.441, threshold: 13.075 });
    // 13 would not have been one, 14 would.
    expect(detectSpikes(days, [...counts.slice(0, 8), 13, 9])).toEqual([]);
    expect(detectSpikes(days, [...counts.slice(0, 8), 14, 9]).map((s) => s.day)).toEqual(['2020-10-09']);
  });

  it('takes the sd as at least √mean, so a steady baseline does not make every extra item a spike', () => {
    const steady = [4, 4, 4, 4, 4, 4, 4, 4, 5, 4];
    expect(detectSpikes(days, steady)).toEqual([]);
    const spikes = detectSpikes(days, [4, 4, 4, 4, 4, 4, 4, 4, 9, 4]);
    // mean 4, sd 0 → √4 = 2 → threshold 4 + 2·2 = 8 < 9.
    expect(spikes).toEqual([{ day: '2020-10-09', count: 9, mean: 4, sd: 0, threshold: 8 }]);
  });

  it('does not mark a busy day when the window is itself volatile', () => {
    const counts = [0, 5, 0, 5, 0, 5, 0, 5, 6, 0];
    // Window of 10-09 (10-02..10-08) → mean 20/7 ≈ 2.86, sd ≈ 2.47, threshold ≈ 7.8 > 6. Only
    // 10-02, judged on a single quiet day before it, counts as a spike.
    expect(detectSpikes(days, counts).map((s) => s.day)).toEqual(['2020-10-02']);
  });

  it('needs at least minCount items, so one stray item after quiet days is no spike', () => {
    expect(detectSpikes(days, [0, 0, 0, 0, 0, 0, 0, 2, 0, 0])).toEqual([]);
    expect(detectSpikes(days, [0, 0, 0, 0, 0, 0, 0, 3, 0, 0]).map((s) => s.day)).toEqual(['2020-10-08']);
    expect(detectSpikes(days, [0, 0, 0, 0, 0, 0, 0, 3, 0, 0], { ...DEFAULT_SPIKE_RULE, minCount: 4 })).toEqual([]);
  });

  it('never marks the first day (it has no baseline) and compares early days with the history there is', () => {
    expect(detectSpikes(days, [50, 1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([]);
    expect(detectSpikes(days, [1, 1, 6, 1, 1, 1, 1, 1, 1, 1]).map((s) => s.day)).toEqual(['2020-10-03']);
  });

  it('refuses counts that do not match the days', () => {
    expect(() => detectSpikes(days, [1, 2])).toThrow(/one count per day/);
  });
});

describe('top terms', () => {
  const exp = (kind: 'congress' | 'distortion' | 'negative' | 'fact', matched: string) => ({ kind, matched });

  it('counts the items carrying a term this week (7 days to `to`) against the 7 days before', async () => {
    const trends = await trendsOf(
      [
        item({ publishedAt: '2020-10-16T03:00:00Z', explanations: [exp('congress', 'Đại hội'), exp('congress', 'đại hội'), exp('distortion', 'bị hoãn')] }),
        item({ publishedAt: '2020-10-10T03:00:00Z', explanations: [exp('congress', 'ĐẠI HỘI'), exp('distortion', 'rò  rỉ')] }), // first day of this week
        item({ publishedAt: '2020-10-09T03:00:00Z', explanations: [exp('congress', 'Đại hội'), exp('distortion', 'rò rỉ')] }), // last day of last week
        item({ publishedAt: '2020-10-03T03:00:00Z', explanations: [exp('distortion', 'rò rỉ')] }), // first day of last week
        item({ publishedAt: '2020-10-02T03:00:00Z', explanations: [exp('distortion', 'rò rỉ')] }), // before both weeks
        item({ publishedAt: '2020-10-17T03:00:00Z', explanations: [exp('distortion', 'bị hoãn')] }), // after `to`
      ],
      '2020-10-16',
      '2020-10-16',
    );
    expect(trends.topTerms.thisWeek).toEqual({ from: '2020-10-10', to: '2020-10-16' });
    expect(trends.topTerms.lastWeek).toEqual({ from: '2020-10-03', to: '2020-10-09' });
    expect(trends.topTerms.terms).toEqual([
      { term: 'Đại hội', thisWeek: 2, lastWeek: 1, change: 1, kinds: ['congress'] },
      { term: 'rò rỉ', thisWeek: 1, lastWeek: 2, change: -1, kinds: ['distortion'] },
      { term: 'bị hoãn', thisWeek: 1, lastWeek: 0, change: 1, kinds: ['distortion'] },
    ]);
  });
});

describe('biggest clusters', () => {
  it('ranks clusters of two or more by size, naming where the story appeared first', async () => {
    const trends = await trendsOf(
      [
        item({ id: 'late', clusterId: 'c1', sourceId: 'forum', publishedAt: '2020-10-05T10:00:00Z', flagged: true, title: 'đăng lại' }),
        item({ id: 'first', clusterId: 'c1', sourceId: 'bao-a', publishedAt: '2020-10-03T10:00:00Z', title: 'gốc' }),
        item({ id: 'mid', clusterId: 'c1', sourceId: 'forum', kind: 'social', platform: 'mastodon', publishedAt: '2020-10-04T10:00:00Z', flagged: true }),
        item({ id: 'x', clusterId: 'c2', publishedAt: '2020-10-06T10:00:00Z' }),
        item({ id: 'y', clusterId: 'c2', publishedAt: '2020-10-07T10:00:00Z' }),
        item({ id: 'alone', clusterId: 'c3', publishedAt: '2020-10-07T10:00:00Z' }),
        item({ id: 'none', publishedAt: '2020-10-07T10:00:00Z' }),
        item({ id: 'before', clusterId: 'c3', publishedAt: '2020-09-20T10:00:00Z' }), // c3's second member, outside the range
      ],
      '2020-10-01',
      '2020-10-10',
    );
    expect(trends.clusters.map((c) => [c.clusterId, c.size])).toEqual([
      ['c1', 3],
      ['c2', 2],
    ]);
    expect(trends.clusters[0]).toEqual({
      clusterId: 'c1',
      size: 3,
      flagged: 2,
      firstSeen: '2020-10-03T10:00:00.000Z',
      lastSeen: '2020-10-05T10:00:00.000Z',
      firstItem: { id: 'first', title: 'gốc', sourceId: 'bao-a' },
      sources: ['forum', 'bao-a'],
      platforms: ['web', 'mastodon'],
    });
  });
});

describe('the trends of a range', () => {
  it('puts it together over the range, with the top terms reaching before a short range', async () => {
    const trends = await trendsOf(
      [
        item({ publishedAt: '2020-10-01T03:00:00Z', topics: ['congress-2020'], flagged: true, explanations: [{ kind: 'distortion', matched: 'rò rỉ' }] }),
        item({ publishedAt: '2020-10-12T03:00:00Z', topics: ['congress-2020'], kind: 'social', platform: 'mastodon', sourceId: 'masto', flagged: true }),
        item({ publishedAt: '2020-10-13T03:00:00Z', explanations: [{ kind: 'distortion', matched: 'rò rỉ' }] }),
        item({ publishedAt: '2020-10-14T03:00:00Z', topics: ['congress-2020'] }),
      ],
      '2020-10-12',
      '2020-10-14',
    );
    expect(trends.days).toEqual(['2020-10-12', '2020-10-13', '2020-10-14']);
    expect(trends.total).toBe(3);
    expect(trends.flagged).toBe(1);
    expect(trends.byTopic).toEqual([
      { key: 'congress-2020', counts: [1, 0, 1], total: 2 },
      { key: NO_TOPIC, counts: [0, 1, 0], total: 1 },
    ]);
    expect(trends.byPlatform.map((s) => [s.key, s.counts])).toEqual([
      ['web', [0, 1, 1]],
      ['mastodon', [1, 0, 0]],
    ]);
    expect(trends.bySource.map((s) => s.key)).toEqual(['bao-a', 'masto']);
    expect(trends.perDay.map((d) => d.flagged)).toEqual([1, 0, 0]);
    // 10-01 is outside the range but inside last week of the top terms.
    expect(trends.topTerms.terms).toEqual([{ term: 'rò rỉ', thisWeek: 1, lastWeek: 1, change: 0, kinds: ['distortion'] }]);
    expect(trends.spikeRule).toMatchObject({ window: 7, k: 2, minCount: 3 });
    expect(trends.spikeRule.description).toContain('mean + 2·sd of the 7 days before it');
  });

  it('judges the first days of the range against the days before it', async () => {
    const busyBefore = [1, 2, 3, 4, 5, 6, 7].flatMap((d) => Array.from({ length: 4 }, () => item({ publishedAt: `2020-10-0${d}T03:00:00Z` })));
    const onFirstDay = () => Array.from({ length: 5 }, () => item({ publishedAt: '2020-10-08T03:00:00Z' }));
    // Four items a day before the range: five on its first day is no spike.
    expect((await trendsOf([...busyBefore, ...onFirstDay()], '2020-10-08', '2020-10-10')).spikes.total).toEqual([]);
    // Quiet days before the range: the same five are one.
    expect((await trendsOf(onFirstDay(), '2020-10-08', '2020-10-10')).spikes.total.map((s) => s.day)).toEqual(['2020-10-08']);
    expect(historyFrom('2020-10-08')).toBe('2020-10-01');
  });
});
