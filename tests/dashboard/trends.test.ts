import { describe, expect, it } from 'vitest';
import {
  addDays,
  biggestClusters,
  computeTrends,
  dailySeries,
  dayOf,
  daysBetween,
  DEFAULT_SPIKE_RULE,
  detectSpikes,
  flaggedShare,
  NO_TOPIC,
  OTHER,
  platformOf,
  topTerms,
  trendsItemsFrom,
  type TrendItem,
} from '../../dashboards/trends.ts';

let counter = 0;
function item(overrides: Partial<TrendItem> & { publishedAt: string }): TrendItem {
  counter += 1;
  return {
    id: `i${counter}`,
    sourceId: 'bao-a',
    kind: 'news',
    title: `item ${counter}`,
    fetchedAt: '2021-01-01T00:00:00Z',
    topics: [],
    flagged: false,
    ...overrides,
  };
}

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

  it('counts items per day under each key, zero-filled, an item once per key', () => {
    const items = [
      item({ publishedAt: '2020-10-01T03:00:00Z', topics: ['congress-2020', 'covid'] }),
      item({ publishedAt: '2020-10-01T05:00:00Z', topics: ['congress-2020', 'congress-2020'] }),
      item({ publishedAt: '2020-10-03T05:00:00Z', topics: ['covid'] }),
      item({ publishedAt: '2020-10-09T05:00:00Z', topics: ['covid'] }), // outside the range
    ];
    const series = dailySeries(items, days, (i) => i.topics);
    expect(series).toEqual([
      { key: 'congress-2020', counts: [2, 0, 0], total: 2 },
      { key: 'covid', counts: [1, 0, 1], total: 2 },
    ]);
  });

  it('keeps the largest keys and sums the rest into OTHER', () => {
    const items = ['a', 'a', 'a', 'b', 'b', 'c', 'd'].map((sourceId) => item({ sourceId, publishedAt: '2020-10-02T03:00:00Z' }));
    const series = dailySeries(items, days, (i) => [i.sourceId], 3);
    expect(series.map((s) => [s.key, s.total])).toEqual([
      ['a', 3],
      ['b', 2],
      [OTHER, 2],
    ]);
    expect(series[2].counts).toEqual([0, 2, 0]);
  });

  it('gives the flagged share per day and over the trailing seven days', () => {
    const week = daysBetween('2020-10-01', '2020-10-09');
    const items = [
      item({ publishedAt: '2020-10-01T03:00:00Z', flagged: true }),
      item({ publishedAt: '2020-10-01T04:00:00Z', flagged: false }),
      item({ publishedAt: '2020-10-02T04:00:00Z', flagged: true }),
      item({ publishedAt: '2020-10-09T04:00:00Z', flagged: false }),
    ];
    const rows = flaggedShare(items, week);
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

  it('counts the items carrying a term this week (7 days to `to`) against the 7 days before', () => {
    const items = [
      item({ publishedAt: '2020-10-16T03:00:00Z', explanations: [exp('congress', 'Đại hội'), exp('congress', 'đại hội'), exp('distortion', 'bị hoãn')] }),
      item({ publishedAt: '2020-10-10T03:00:00Z', explanations: [exp('congress', 'ĐẠI HỘI'), exp('distortion', 'rò  rỉ')] }), // first day of this week
      item({ publishedAt: '2020-10-09T03:00:00Z', explanations: [exp('congress', 'Đại hội'), exp('distortion', 'rò rỉ')] }), // last day of last week
      item({ publishedAt: '2020-10-03T03:00:00Z', explanations: [exp('distortion', 'rò rỉ')] }), // first day of last week
      item({ publishedAt: '2020-10-02T03:00:00Z', explanations: [exp('distortion', 'rò rỉ')] }), // before both weeks
      item({ publishedAt: '2020-10-17T03:00:00Z', explanations: [exp('distortion', 'bị hoãn')] }), // after `to`
    ];
    const result = topTerms(items, '2020-10-16');
    expect(result.thisWeek).toEqual({ from: '2020-10-10', to: '2020-10-16' });
    expect(result.lastWeek).toEqual({ from: '2020-10-03', to: '2020-10-09' });
    expect(result.terms).toEqual([
      { term: 'Đại hội', thisWeek: 2, lastWeek: 1, change: 1, kinds: ['congress'] },
      { term: 'rò rỉ', thisWeek: 1, lastWeek: 2, change: -1, kinds: ['distortion'] },
      { term: 'bị hoãn', thisWeek: 1, lastWeek: 0, change: 1, kinds: ['distortion'] },
    ]);
  });

  it('keeps only the `limit` most frequent terms', () => {
    const items = ['a', 'b', 'c', 'd'].map((term, i) =>
      item({ publishedAt: '2020-10-16T03:00:00Z', explanations: Array.from({ length: 1 }, () => exp('congress', term)), id: `t${i}` }),
    );
    items.push(item({ publishedAt: '2020-10-15T03:00:00Z', explanations: [exp('congress', 'c')] }));
    expect(topTerms(items, '2020-10-16', 2).terms.map((t) => t.term)).toEqual(['c', 'a']);
  });
});

describe('biggest clusters', () => {
  it('ranks clusters of two or more by size, naming where the story appeared first', () => {
    const items = [
      item({ id: 'late', clusterId: 'c1', sourceId: 'forum', publishedAt: '2020-10-05T10:00:00Z', flagged: true, title: 'đăng lại' }),
      item({ id: 'first', clusterId: 'c1', sourceId: 'bao-a', publishedAt: '2020-10-03T10:00:00Z', title: 'gốc' }),
      item({ id: 'mid', clusterId: 'c1', sourceId: 'forum', kind: 'social', platform: 'mastodon', publishedAt: '2020-10-04T10:00:00Z', flagged: true }),
      item({ id: 'x', clusterId: 'c2', publishedAt: '2020-10-06T10:00:00Z' }),
      item({ id: 'y', clusterId: 'c2', publishedAt: '2020-10-07T10:00:00Z' }),
      item({ id: 'alone', clusterId: 'c3', publishedAt: '2020-10-07T10:00:00Z' }),
      item({ id: 'none', publishedAt: '2020-10-07T10:00:00Z' }),
    ];
    const clusters = biggestClusters(items);
    expect(clusters.map((c) => [c.clusterId, c.size])).toEqual([
      ['c1', 3],
      ['c2', 2],
    ]);
    expect(clusters[0]).toMatchObject({
      flagged: 2,
      firstSeen: '2020-10-03T10:00:00.000Z',
      lastSeen: '2020-10-05T10:00:00.000Z',
      firstItem: { id: 'first', title: 'gốc', sourceId: 'bao-a' },
      sources: ['bao-a', 'forum'],
      platforms: ['mastodon', 'web'],
    });
    expect(biggestClusters(items, 1)).toHaveLength(1);
  });
});

describe('computeTrends', () => {
  it('puts it together over the range, with the top terms reaching before a short range', () => {
    const items = [
      item({ publishedAt: '2020-10-01T03:00:00Z', topics: ['congress-2020'], flagged: true, explanations: [{ kind: 'distortion', matched: 'rò rỉ' }] }),
      item({ publishedAt: '2020-10-12T03:00:00Z', topics: ['congress-2020'], kind: 'social', platform: 'mastodon', sourceId: 'masto', flagged: true }),
      item({ publishedAt: '2020-10-13T03:00:00Z', explanations: [{ kind: 'distortion', matched: 'rò rỉ' }] }),
      item({ publishedAt: '2020-10-14T03:00:00Z', topics: ['congress-2020'] }),
    ];
    const trends = computeTrends(items, { from: '2020-10-12', to: '2020-10-14' });
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

  it('judges the first days of the range against the days before it', () => {
    const busyBefore = [1, 2, 3, 4, 5, 6, 7].flatMap((d) =>
      Array.from({ length: 4 }, () => item({ publishedAt: `2020-10-0${d}T03:00:00Z` })),
    );
    const onFirstDay = Array.from({ length: 5 }, () => item({ publishedAt: '2020-10-08T03:00:00Z' }));
    // Four items a day before the range: five on its first day is no spike.
    expect(computeTrends([...busyBefore, ...onFirstDay], { from: '2020-10-08', to: '2020-10-10' }).spikes.total).toEqual([]);
    // Quiet days before the range: the same five are one.
    expect(computeTrends(onFirstDay, { from: '2020-10-08', to: '2020-10-10' }).spikes.total.map((s) => s.day)).toEqual(['2020-10-08']);
    expect(trendsItemsFrom('2020-10-08', '2020-10-10')).toBe('2020-09-27');
    expect(trendsItemsFrom('2020-09-01', '2020-10-10')).toBe('2020-08-25');
  });

  it('refuses ranges that are not days', () => {
    expect(() => computeTrends([], { from: '2020-10-01T00:00', to: '2020-10-02' })).toThrow(/YYYY-MM-DD/);
  });
});
