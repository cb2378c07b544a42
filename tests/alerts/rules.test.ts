import { describe, expect, it } from 'vitest';
import { dashboardLinks } from '../../features/notify/index.ts';
import { clusterAlert, itemAlert, touchedClusters, type AlertRules } from '../../features/alerts/rules.ts';
import { makeItem } from '../helpers/items.ts';

const RULES: AlertRules = { distortionThreshold: 0.85, congressOnly: true, maxAgeHours: 72, clusterGrowth: { items: 5, withinHours: 6, flaggedOnly: true } };
const LINKS = dashboardLinks('https://mw.example/base/');
const NOW = new Date('2020-10-15T03:00:00Z');

function item(distortion: number, extra: { congress?: boolean; status?: 'dismissed' | 'responded' | 'in_review' } = {}) {
  const base = makeItem(
    { title: `Tin ${distortion}`, text: 'Nội dung' },
    { congress: extra.congress ?? true, distortion: true, scores: { congress: 0.9, distortion } },
  );
  return { ...base, review: extra.status ? { status: extra.status } : undefined };
}

describe('urgency rules', () => {
  it('raises an item at or above the distortion threshold, with a dashboard link', () => {
    const urgent = item(0.85);
    const alert = itemAlert(urgent, RULES, LINKS, NOW);
    expect(alert).toMatchObject({
      key: `item:${urgent.id}`,
      kind: 'distortion',
      link: `https://mw.example/base/items/${encodeURIComponent(urgent.id)}`,
      detectedAt: NOW.toISOString(),
      item: { id: urgent.id, url: urgent.url, distortion: 0.85 },
    });
    expect(alert?.reason).toBe('Tin có mức nghi sai lệch 85% (ngưỡng cảnh báo 85%)');
    expect(itemAlert(item(0.849), RULES, LINKS, NOW)).toBeNull();
  });

  it('ignores items off the tracked event unless told otherwise, and items already settled', () => {
    expect(itemAlert(item(0.99, { congress: false }), RULES, LINKS, NOW)).toBeNull();
    expect(itemAlert(item(0.99, { congress: false }), { ...RULES, congressOnly: false }, LINKS, NOW)).not.toBeNull();
    expect(itemAlert(item(0.99, { status: 'dismissed' }), RULES, LINKS, NOW)).toBeNull();
    expect(itemAlert(item(0.99, { status: 'responded' }), RULES, LINKS, NOW)).toBeNull();
    expect(itemAlert(item(0.99, { status: 'in_review' }), RULES, LINKS, NOW)).not.toBeNull();
  });

  it('does not treat old items as urgent (a first crawl of an archive)', () => {
    const at = (hoursBefore: number) => ({ ...item(0.95), publishedAt: new Date(NOW.getTime() - hoursBefore * 3_600_000).toISOString() });
    expect(itemAlert(at(71), RULES, LINKS, NOW)).not.toBeNull();
    expect(itemAlert(at(73), RULES, LINKS, NOW)).toBeNull();
    expect(itemAlert(at(73), { ...RULES, maxAgeHours: 100 }, LINKS, NOW)).not.toBeNull();
    // Without a published time, the fetch time counts.
    const fetchedLongAgo = { ...item(0.95), publishedAt: undefined, fetchedAt: '2020-10-01T00:00:00Z' };
    expect(itemAlert(fetchedLongAgo, RULES, LINKS, NOW)).toBeNull();
  });

  it('raises a cluster that grew by enough items in the window, with a flagged one by default', () => {
    const first = item(0.2);
    const window = { clusterId: 'k1', items: 5, flagged: 1 };
    const alert = clusterAlert(window, first, RULES, LINKS, NOW);
    expect(alert).toMatchObject({
      key: 'cluster:k1',
      kind: 'cluster_growth',
      link: 'https://mw.example/base/clusters/k1',
      itemLink: `https://mw.example/base/items/${encodeURIComponent(first.id)}`,
      cluster: { id: 'k1', items: 5, flagged: 1, withinHours: 6 },
    });
    expect(alert?.reason).toBe('Nội dung đang lan nhanh: 5 tin trong 6 giờ qua, 1 tin cần chú ý');
    expect(clusterAlert({ ...window, items: 4 }, first, RULES, LINKS, NOW)).toBeNull();
    expect(clusterAlert({ ...window, flagged: 0 }, first, RULES, LINKS, NOW)).toBeNull();
    const anyCluster = { ...RULES, clusterGrowth: { ...RULES.clusterGrowth, flaggedOnly: false } };
    expect(clusterAlert({ ...window, flagged: 0 }, first, anyCluster, LINKS, NOW)?.reason).toBe('Nội dung đang lan nhanh: 5 tin trong 6 giờ qua');
  });

  it('lists each touched cluster once', () => {
    expect(touchedClusters([{ clusterId: 'a' }, { clusterId: undefined }, { clusterId: 'b' }, { clusterId: 'a' }])).toEqual(['a', 'b']);
  });
});
