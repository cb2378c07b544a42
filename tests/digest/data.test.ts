// The digest's figures, from a store seeded with two hand-counted weeks (tests/digest/seed.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherDigest, type DigestData } from '../../features/digest/data.ts';
import { describeChange, formatCount, formatPercent, shortChange } from '../../features/digest/format.ts';
import { parseIsoWeek } from '../../features/digest/week.ts';
import type { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { seededStore, SOURCE_NAMES } from './seed.ts';

let store: SqliteStore;
let data: DigestData;

beforeAll(async () => {
  store = await seededStore();
  data = await gatherDigest(store, parseIsoWeek('2020-W42'), { sourceNames: SOURCE_NAMES });
});
afterAll(() => store.close());

describe('digest figures', () => {
  it('counts the week and the week before, with the week boundaries in Vietnam time', () => {
    // W42 has 12 items; the item at Mon 19/10 00:00 +07:00 belongs to W43 and the one at
    // Sun 11/10 23:59:59 +07:00 to W41.
    expect(data.items).toEqual({ current: 12, previous: 8 });
    expect(data.flagged).toEqual({ current: 4, previous: 1 });
    expect(data.congress).toEqual({ current: 9, previous: 2 });
    expect(data.previousWeek.label).toBe('2020-W41');
  });

  it('fills every day of the week, zeros included, beside the same weekday of last week', () => {
    expect(data.days.map((d) => [d.day, d.count, d.flagged, d.previous])).toEqual([
      ['2020-10-12', 3, 1, 1],
      ['2020-10-13', 2, 1, 0],
      ['2020-10-14', 0, 0, 2],
      ['2020-10-15', 4, 1, 1],
      ['2020-10-16', 1, 1, 2],
      ['2020-10-17', 1, 0, 0],
      ['2020-10-18', 1, 0, 2],
    ]);
  });

  it('reports how the flagged items were handled and how many were answered', () => {
    expect(data.review).toEqual({ new: 1, in_review: 0, confirmed: 1, response_drafted: 0, responded: 2, dismissed: 0 });
    expect(data.answeredShare).toBe(0.5);
    expect(data.topFlagged.map((item) => [item.id, item.distortion, item.status])).toEqual([
      ['c1-f', 0.95, 'new'],
      ['a1', 0.9, 'responded'],
      ['c1-a2', 0.8, 'responded'],
      ['f1', 0.75, 'confirmed'],
    ]);
    expect(data.topFlagged[0].sourceName).toBe('Diễn đàn Phố Núi');
  });

  it('ranks clusters by items this week and names them by their first item ever', () => {
    expect(
      data.topClusters.map((c) => ({
        id: c.id,
        week: c.itemsThisWeek,
        flagged: c.flaggedThisWeek,
        sources: c.sources,
        total: c.totalItems,
        first: c.first.id,
      })),
    ).toEqual([
      { id: 'c1', week: 4, flagged: 2, sources: 3, total: 5, first: 'c1-old' },
      { id: 'c2', week: 2, flagged: 0, sources: 2, total: 2, first: 'c2-a' },
    ]);
  });

  it('ranks sources with last week beside them', () => {
    expect(data.topSources).toEqual([
      { sourceId: 'bao-a', name: 'Báo A Gia Lai', count: 6, flagged: 2, previous: 5 },
      { sourceId: 'bao-b', name: 'Báo B', count: 4, flagged: 0, previous: 3 },
      { sourceId: 'forum', name: 'Diễn đàn Phố Núi', count: 2, flagged: 2, previous: 0 },
    ]);
  });

  it('handles an empty week without dividing by zero', async () => {
    const empty = await gatherDigest(store, parseIsoWeek('2019-W10'));
    expect(empty.items).toEqual({ current: 0, previous: 0 });
    expect(empty.answeredShare).toBe(0);
    expect(empty.days).toHaveLength(7);
    expect(empty.topClusters).toEqual([]);
    expect(empty.topSources).toEqual([]);
  });
});

describe('Vietnamese figures', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatPercent(0.125)).toBe('12,5%');
    expect(describeChange(12, 8)).toBe('tăng 50,0%');
    expect(describeChange(6, 8)).toBe('giảm 25,0%');
    expect(describeChange(5, 5)).toBe('không đổi');
    expect(describeChange(3, 0)).toBe('mới');
    expect(shortChange(4, 3)).toBe('+33,3%');
    expect(shortChange(1, 4)).toBe('−75,0%');
  });
});
