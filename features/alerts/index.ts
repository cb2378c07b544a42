// Urgent alerts wired from the config: used as the crawl cycle's after-hook by `crawl` and by
// the scheduled crawls of `serve`.
import type { Logger } from 'pino';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import type { ItemSummary, ScoredItem, Store } from '../../core/types.ts';
import { createMailer, dashboardLinks, type Mailer } from '../notify/index.ts';
import { emailChannel, logChannel, webhookChannel, type AlertChannel } from './channels.ts';
import { runAlertCycle, type AlertCycleResult } from './cycle.ts';
import { AlertLedger } from './ledger.ts';

export { AlertLedger } from './ledger.ts';
export { runAlertCycle, detectAlerts } from './cycle.ts';
export type { UrgentAlert } from './rules.ts';

export interface AlertingOverrides {
  /** For tests: a mailer instead of one built from email.smtp. */
  mailer?: Mailer;
  now?: () => Date;
  webhook?: { attempts?: number; retryDelayMs?: number };
}

/** The configured channels: the log always, e-mail when there are alert recipients, the webhook when set. */
export function alertChannels(config: LoadedConfig, logger: Logger, overrides: AlertingOverrides = {}): { channels: AlertChannel[]; close(): void } {
  const channels: AlertChannel[] = [logChannel(logger)];
  let mailer: Mailer | undefined;
  if (config.email && config.email.alertRecipients.length) {
    mailer = overrides.mailer ?? createMailer(config.email, config);
    channels.push(emailChannel(mailer, config.email.alertRecipients));
  }
  if (config.alerts.webhookUrl) {
    channels.push(webhookChannel(config.alerts.webhookUrl, { timeoutMs: config.alerts.webhookTimeoutSecs * 1000, ...overrides.webhook }));
  }
  return {
    channels,
    close: () => {
      if (mailer && !overrides.mailer) mailer.close();
    },
  };
}

export interface CrawlCycle {
  store: Store;
  stored: Array<ScoredItem | ItemSummary>;
}

/**
 * Evaluates and sends the urgent alerts of one crawl cycle. Never throws: a failure is logged
 * (the crawl itself succeeded) and undelivered alerts stay in the ledger for the next cycle.
 */
export async function alertAfterCrawl(
  config: LoadedConfig,
  cycle: CrawlCycle,
  logger: Logger,
  overrides: AlertingOverrides = {},
): Promise<AlertCycleResult | undefined> {
  if (!config.alerts.enabled) return undefined;
  let ledger: AlertLedger | undefined;
  let wiring: ReturnType<typeof alertChannels> | undefined;
  try {
    ledger = new AlertLedger(configRelative(config, config.alerts.statePath));
    wiring = alertChannels(config, logger, overrides);
    return await runAlertCycle({
      store: cycle.store,
      stored: cycle.stored,
      rules: config.alerts,
      links: dashboardLinks(config.dashboardUrl),
      ledger,
      channels: wiring.channels,
      logger,
      retryForMs: config.alerts.retryForHours * 3_600_000,
      now: overrides.now?.(),
    });
  } catch (error) {
    logger.error({ err: error }, 'urgent alert cycle failed');
    return undefined;
  } finally {
    wiring?.close();
    ledger?.close();
  }
}

/** Retention for the ledger: forgets delivered alerts created before the cutoff. */
export function pruneAlertLedger(config: LoadedConfig, cutoffIso: string): number {
  const ledger = new AlertLedger(configRelative(config, config.alerts.statePath));
  try {
    return ledger.prune(cutoffIso);
  } finally {
    ledger.close();
  }
}
