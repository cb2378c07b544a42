// One alert cycle, run right after a crawl cycle: evaluate what the crawl stored, record new
// alerts in the ledger, deliver everything pending on each channel.
import type { Logger } from 'pino';
import type { ItemSummary, ScoredItem, Store } from '../../core/types.ts';
import type { AlertChannel } from './channels.ts';
import type { AlertLedger, Delivery } from './ledger.ts';
import { clusterAlert, itemAlert, touchedClusters, type AlertLinks, type AlertRules, type UrgentAlert } from './rules.ts';

export interface AlertCycleInput {
  store: Store;
  /** Items the crawl cycle stored (new or changed). */
  stored: Array<ScoredItem | ItemSummary>;
  rules: AlertRules;
  links: AlertLinks;
  ledger: AlertLedger;
  channels: AlertChannel[];
  logger: Logger;
  /** How long an undelivered alert keeps being retried. */
  retryForMs: number;
  now?: Date;
}

export interface AlertCycleResult {
  /** Alerts the rules raised in this cycle (including ones already sent before). */
  detected: UrgentAlert[];
  /** Alert × channel pairs not seen before. */
  queued: number;
  delivered: Record<string, string[]>;
  failed: Record<string, Array<{ key: string; error: string }>>;
  expired: Delivery[];
}

/** Applies the urgency rules to the cycle's items and to the clusters they joined. */
export async function detectAlerts(input: Pick<AlertCycleInput, 'store' | 'stored' | 'rules' | 'links' | 'now'>): Promise<UrgentAlert[]> {
  const now = input.now ?? new Date();
  const found = new Map<string, UrgentAlert>();
  for (const item of input.stored) {
    const alert = itemAlert(item, input.rules, input.links, now);
    if (alert) found.set(alert.key, alert);
  }
  const growth = input.rules.clusterGrowth;
  const from = new Date(now.getTime() - growth.withinHours * 3_600_000).toISOString();
  for (const clusterId of touchedClusters(input.stored)) {
    const [recent] = await input.store.counts({ clusterId, from }, []);
    if (recent.count < growth.items) continue;
    const first = await input.store.queryItems({ clusterId, sort: 'oldest', page: 1, pageSize: 1 });
    if (!first.items.length) continue;
    const alert = clusterAlert({ clusterId, items: recent.count, flagged: recent.flagged }, first.items[0], input.rules, input.links, now);
    if (alert) found.set(alert.key, alert);
  }
  return [...found.values()];
}

export async function runAlertCycle(input: AlertCycleInput): Promise<AlertCycleResult> {
  const now = input.now ?? new Date();
  const { ledger, logger } = input;
  const detected = await detectAlerts({ ...input, now });
  const result: AlertCycleResult = { detected, queued: 0, delivered: {}, failed: {}, expired: [] };

  ledger.recoverStale(now);
  result.queued = ledger.enqueue(
    detected,
    input.channels.map((channel) => channel.name),
    now,
  );
  result.expired = ledger.expire(now, input.retryForMs);
  for (const gone of result.expired) {
    logger.error(
      { alert: gone.key, channel: gone.channel, attempts: gone.attempts, lastError: gone.lastError },
      'urgent alert could not be delivered within the retry window; giving up',
    );
  }

  for (const channel of input.channels) {
    const claimed = ledger.claim(channel.name, now);
    if (!claimed.length) continue;
    const outcome = await channel.deliver(claimed.map((delivery) => delivery.alert));
    // Anything the channel did not report on is retried: better late than lost.
    const reported = new Set([...outcome.sent, ...outcome.failed.map((f) => f.key)]);
    const unreported = claimed.filter((d) => !reported.has(d.key)).map((d) => ({ key: d.key, error: 'not reported by the channel' }));
    const failed = [...outcome.failed, ...unreported];
    ledger.markSent(outcome.sent, channel.name, now);
    for (const failure of failed) ledger.markFailed([failure.key], channel.name, failure.error, now);
    result.delivered[channel.name] = outcome.sent;
    result.failed[channel.name] = failed;
    if (outcome.sent.length && channel.name !== 'log') {
      logger.info({ channel: channel.name, alerts: outcome.sent }, `sent ${outcome.sent.length} urgent alert(s)`);
    }
    for (const failure of failed) {
      logger.error({ channel: channel.name, alert: failure.key, err: failure.error }, 'urgent alert delivery failed; will retry next cycle');
    }
  }
  return result;
}
