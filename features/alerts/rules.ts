// Urgency rules: pure functions from items / cluster counts to alerts. No I/O here.
import type { AlertsConfig } from '../../core/config.ts';
import type { ItemSummary, ReviewStatus, ScoredItem } from '../../core/types.ts';
import { itemTimestamp } from '../../pipeline/store/common.ts';

export type AlertKind = 'distortion' | 'cluster_growth';

/** What an alert says; stored as is in the ledger and sent on every channel. */
export interface UrgentAlert {
  /** Identity of the alert: "item:<id>" or "cluster:<id>". Each key is sent once per channel. */
  key: string;
  kind: AlertKind;
  /** Vietnamese one-line reason for the recipients. */
  reason: string;
  detectedAt: string;
  item: {
    id: string;
    title: string;
    url: string;
    sourceId: string;
    publishedAt?: string;
    fetchedAt: string;
    distortion: number;
    congress: boolean;
    flagged: boolean;
  };
  /** Link into the dashboard (the item, or the cluster for growth alerts). */
  link: string;
  /** Link to the item itself in the dashboard (also set for cluster alerts: the cluster's first item). */
  itemLink: string;
  cluster?: { id: string; items: number; flagged: number; withinHours: number };
}

export type AlertRules = Pick<AlertsConfig, 'distortionThreshold' | 'congressOnly' | 'maxAgeHours' | 'clusterGrowth'>;

/** Items someone already settled raise no alert when they are re-crawled. */
const SETTLED: ReviewStatus[] = ['dismissed', 'responded'];

type AlertItem = Pick<
  ScoredItem | ItemSummary,
  'id' | 'title' | 'url' | 'sourceId' | 'publishedAt' | 'fetchedAt' | 'scores' | 'congress' | 'flagged' | 'review' | 'clusterId'
>;

function itemPart(item: AlertItem): UrgentAlert['item'] {
  return {
    id: item.id,
    title: item.title,
    url: item.url,
    sourceId: item.sourceId,
    publishedAt: item.publishedAt,
    fetchedAt: item.fetchedAt,
    distortion: item.scores.distortion,
    congress: item.congress,
    flagged: item.flagged,
  };
}

export interface AlertLinks {
  item(id: string): string;
  cluster(id: string): string;
}

/** A recent item whose distortion score reaches the threshold (and, by default, about the tracked event). */
export function itemAlert(item: AlertItem, rules: AlertRules, links: AlertLinks, now: Date): UrgentAlert | null {
  if (item.scores.distortion < rules.distortionThreshold) return null;
  if (rules.congressOnly && !item.congress) return null;
  if (item.review && SETTLED.includes(item.review.status)) return null;
  if (now.getTime() - Date.parse(itemTimestamp(item)) > rules.maxAgeHours * 3_600_000) return null;
  const percent = Math.round(item.scores.distortion * 100);
  return {
    key: `item:${item.id}`,
    kind: 'distortion',
    reason: `Tin có mức nghi sai lệch ${percent}% (ngưỡng cảnh báo ${Math.round(rules.distortionThreshold * 100)}%)`,
    detectedAt: now.toISOString(),
    item: itemPart(item),
    link: links.item(item.id),
    itemLink: links.item(item.id),
  };
}

/** Counts of one cluster's items within the growth window. */
export interface ClusterWindow {
  clusterId: string;
  /** Items of the cluster whose time (published, else fetched) falls within the window. */
  items: number;
  flagged: number;
}

/** A cluster that gained `clusterGrowth.items` items within `withinHours` (with a flagged one, by default). */
export function clusterAlert(window: ClusterWindow, representative: AlertItem, rules: AlertRules, links: AlertLinks, now: Date): UrgentAlert | null {
  const growth = rules.clusterGrowth;
  if (window.items < growth.items) return null;
  if (growth.flaggedOnly && window.flagged === 0) return null;
  return {
    key: `cluster:${window.clusterId}`,
    kind: 'cluster_growth',
    reason: `Nội dung đang lan nhanh: ${window.items} tin trong ${growth.withinHours} giờ qua${window.flagged ? `, ${window.flagged} tin cần chú ý` : ''}`,
    detectedAt: now.toISOString(),
    item: itemPart(representative),
    link: links.cluster(window.clusterId),
    itemLink: links.item(representative.id),
    cluster: { id: window.clusterId, items: window.items, flagged: window.flagged, withinHours: growth.withinHours },
  };
}

/** Clusters the cycle touched, each once, in first-seen order. */
export function touchedClusters(items: Array<Pick<ScoredItem, 'clusterId'>>): string[] {
  return [...new Set(items.map((item) => item.clusterId).filter((id): id is string => Boolean(id)))];
}
