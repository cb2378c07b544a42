// The jobs `serve` runs on a schedule, from config `schedules`: the weekly digest, retention
// clean-up and backups. Crawls run per source on their own intervals (./sources.ts).
import type { Logger } from 'pino';
import { ConfigError, type LoadedConfig } from '../../core/config.ts';
import type { ItemKind, Store } from '../../core/types.ts';
import { pruneAlertLedger } from '../alerts/index.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { Scheduler, type JobDefinition, type TriggerFactory } from './scheduler.ts';

export { Scheduler, cronTrigger } from './scheduler.ts';
export type { JobDefinition, TriggerFactory, TickOutcome, JobState } from './scheduler.ts';
export { planSources, sourceSchedule, SourceScheduler, type SourcePlan, type SourceScheduleState } from './sources.ts';

/** Deletes items older than the cutoff, if the engine can; returns null (with a warning) when it cannot. */
export async function deleteItemsOlderThan(store: Store, cutoff: Date, logger: Logger): Promise<number | null> {
  if (!store.deleteOlderThan) {
    logger.warn({ engine: store.engine }, 'retention: this store engine cannot delete items yet; clean-up skipped');
    return null;
  }
  const deleted = await store.deleteOlderThan(cutoff.toISOString());
  logger.info({ engine: store.engine, cutoff: cutoff.toISOString(), deleted }, 'retention: old items deleted');
  return deleted;
}

/** Every item kind; the `satisfies` makes adding a kind to ItemKind a compile error here. */
const KINDS = Object.keys({ news: true, rss: true, social: true, epaper: true, broadcast: true } satisfies Record<ItemKind, true>) as ItemKind[];

export interface RetentionCutoffs {
  /** Items older than this go (retentionDays). */
  items: Date;
  /** Social items older than this go (privacy.retentionDays, default retentionDays). */
  social: Date;
}

export function retentionCutoffs(config: Pick<LoadedConfig, 'retentionDays' | 'privacy'>, now: Date): RetentionCutoffs {
  const day = 86_400_000;
  const socialDays = config.privacy.retentionDays ?? config.retentionDays;
  return { items: new Date(now.getTime() - config.retentionDays * day), social: new Date(now.getTime() - socialDays * day) };
}

/**
 * Applies both retention periods. Social items get their own cutoff when it differs, which needs
 * an engine that can delete by kind; without that, the general cutoff applies to all items and
 * a warning says so. Returns how many items went (null when the engine cannot delete at all).
 */
export async function applyRetention(store: Store, cutoffs: RetentionCutoffs, logger: Logger): Promise<number | null> {
  if (cutoffs.social.getTime() === cutoffs.items.getTime()) return deleteItemsOlderThan(store, cutoffs.items, logger);
  if (!store.deleteKindsOlderThan) {
    logger.warn(
      { engine: store.engine },
      'retention: this store engine cannot delete by kind, so privacy.retentionDays is not applied separately to social items',
    );
    return deleteItemsOlderThan(store, cutoffs.items, logger);
  }
  const others = await store.deleteKindsOlderThan(
    KINDS.filter((kind) => kind !== 'social'),
    cutoffs.items.toISOString(),
  );
  const social = await store.deleteKindsOlderThan(['social'], cutoffs.social.toISOString());
  logger.info(
    { engine: store.engine, cutoff: cutoffs.items.toISOString(), socialCutoff: cutoffs.social.toISOString(), deleted: others + social, social },
    'retention: old items deleted',
  );
  return others + social;
}

/** How often digests whose send failed are tried again (while `alerts.retryForHours` allows). */
export const DIGEST_RETRY_CRON = '*/15 * * * *';

export interface JobRunners {
  digest(): Promise<unknown>;
  digestRetry(): Promise<unknown>;
  retention(): Promise<unknown>;
  backup(): Promise<unknown>;
}

/** The real work of each job; each opens and closes what it needs, so one failing run leaves nothing behind. */
export function defaultRunners(config: LoadedConfig, logger: Logger, now: () => Date = () => new Date()): JobRunners {
  return {
    async digest() {
      const { runScheduledDigest } = await import('../digest/index.ts');
      return runScheduledDigest(config, { now: now(), logger });
    },
    async digestRetry() {
      const { retryPendingDigests } = await import('../digest/index.ts');
      return retryPendingDigests(config, { now: now(), logger });
    },
    async retention() {
      const cutoffs = retentionCutoffs(config, now());
      const store = await openStore(config);
      try {
        await applyRetention(store, cutoffs, logger);
      } finally {
        await store.close();
      }
      // Alert records name items: they go with the shorter of the two periods.
      const pruned = pruneAlertLedger(config, new Date(Math.max(cutoffs.items.getTime(), cutoffs.social.getTime())).toISOString());
      if (pruned) logger.info({ pruned }, 'retention: old alert records deleted');
    },
    async backup() {
      const { scheduledBackup } = await import('../backup/index.ts');
      return scheduledBackup(config, logger, { now });
    },
  };
}

/** The job list from the config; throws ConfigError when a job cannot work with this config. */
export function scheduledJobs(config: LoadedConfig, runners: JobRunners): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  const where = config.configPath;
  if (config.schedules.digest) {
    if (!config.email) throw new ConfigError(`Invalid config ${where}:\n  - schedules.digest: needs the "email" section (smtp, from, digestRecipients)`);
    if (!config.email.digestRecipients.length)
      throw new ConfigError(`Invalid config ${where}:\n  - email.digestRecipients: schedules.digest is set but nobody would receive the digest`);
    // Both send digests: one at a time, so a retry never races the weekly send.
    jobs.push({ name: 'digest', cron: config.schedules.digest, exclusiveGroup: 'digest', run: () => runners.digest() });
    jobs.push({ name: 'digest-retry', cron: DIGEST_RETRY_CRON, exclusiveGroup: 'digest', run: () => runners.digestRetry() });
  }
  if (config.schedules.retention) {
    jobs.push({ name: 'retention', cron: config.schedules.retention, run: () => runners.retention() });
  }
  if (config.schedules.backup) {
    jobs.push({ name: 'backup', cron: config.schedules.backup, run: () => runners.backup() });
  }
  return jobs;
}

export interface StartOptions {
  trigger?: TriggerFactory;
  runners?: Partial<JobRunners>;
  now?: () => Date;
}

/** What `serve` calls: arms every configured job; `stop()` it on shutdown. */
export function startSchedules(config: LoadedConfig, logger: Logger, options: StartOptions = {}): Scheduler {
  const runners = { ...defaultRunners(config, logger, options.now), ...options.runners };
  const scheduler = new Scheduler(scheduledJobs(config, runners), {
    timezone: config.schedules.timezone,
    logger,
    trigger: options.trigger,
    now: options.now,
  });
  return scheduler.start();
}
