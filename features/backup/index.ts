// Backups wired from the config: `mediawatch backup|restore` and the scheduled backup of
// `serve` (schedules.backup), which keeps the newest backup.keep backups and raises an urgent
// alert through the alert channels when a backup fails (see docs/backups.md).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../../core/config.ts';
import { createMailer, postWebhook, type Mailer, type WebhookOptions } from '../notify/index.ts';
import { backupRoot, createBackup, removeStalePartials, type BackupResult } from './create.ts';
import { BACKUP_NAME, MANIFEST_NAME, readManifest } from './manifest.ts';
import { deleteSnapshot } from './snapshot.ts';

export { backupRoot, createBackup, removeStalePartials, tableCounts, type BackupOptions, type BackupResult } from './create.ts';
export { ROLE_LABELS, type DataRole } from './layout.ts';
export { readManifest, BACKUP_NAME, MANIFEST_NAME, PARTIAL_SUFFIX, type Manifest } from './manifest.ts';
export { verifyBackup, type VerifyReport } from './verify.ts';
export { restoreBackup, assertNotRunning, RestoreFailed, RestoreRefused, type RestoreResult } from './restore.ts';

/** Complete backups in a folder (named as a backup and holding a manifest), oldest first. */
export function listBackups(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => BACKUP_NAME.test(name) && statSync(join(root, name)).isDirectory() && existsSync(join(root, name, MANIFEST_NAME)))
    .sort()
    .map((name) => join(root, name));
}

/**
 * Keeps the newest `keep` complete backups and deletes the older ones (with their
 * Elasticsearch snapshots) and the leftovers of interrupted backups. Nothing else in the
 * folder is touched. Returns the folders deleted.
 */
export async function pruneBackups(config: LoadedConfig, root: string, keep: number, logger?: Logger): Promise<string[]> {
  const removed = removeStalePartials(root);
  for (const folder of listBackups(root).slice(0, -keep)) {
    const snapshot = (() => {
      try {
        return readManifest(folder).elasticsearch;
      } catch {
        return undefined;
      }
    })();
    if (snapshot && config.store.engine === 'elasticsearch') await deleteSnapshot(config, snapshot);
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  if (removed.length) logger?.info({ removed }, 'backup: old backups deleted');
  return removed;
}

export interface BackupAlertOverrides {
  mailer?: Mailer;
  webhook?: WebhookOptions;
}

/**
 * Tells the incident-response recipients that a backup failed, where urgent alerts go: the
 * log always, e-mail to email.alertRecipients, alerts.webhookUrl. Never throws (a failure to
 * warn is logged too).
 */
export async function alertBackupFailure(config: LoadedConfig, error: Error, logger: Logger, overrides: BackupAlertOverrides = {}): Promise<void> {
  const at = new Date().toISOString();
  const reason = error.message;
  logger.error({ err: error }, `backup failed: ${reason}`);
  const subject = '[KHẨN] Sao lưu mediawatch thất bại';
  const text = [
    'Bản sao lưu định kỳ của mediawatch không tạo được.',
    `Lý do: ${reason}`,
    `Thời điểm: ${at}; thư mục sao lưu: ${backupRoot(config)}`,
    'Hãy kiểm tra dung lượng đĩa và quyền ghi, rồi chạy `mediawatch backup` bằng tay.',
  ].join('\n');
  if (config.email?.alertRecipients.length) {
    const mailer = overrides.mailer ?? createMailer(config.email, config);
    try {
      await mailer.send({ to: config.email.alertRecipients, subject, text: `${text}\n`, priority: 'high' });
    } catch (mailError) {
      logger.error({ err: mailError }, 'backup failure alert: e-mail not sent');
    } finally {
      if (!overrides.mailer) mailer.close();
    }
  }
  if (config.alerts.webhookUrl) {
    await postWebhook(
      config.alerts.webhookUrl,
      { event: 'mediawatch.backup_failed', text: `${subject}: ${reason}`, error: reason, at },
      `backup-failed:${at}`,
      {
        timeoutMs: config.alerts.webhookTimeoutSecs * 1000,
        ...overrides.webhook,
      },
    ).catch((webhookError: Error) => logger.error({ err: webhookError }, 'backup failure alert: webhook not reached'));
  }
}

/** What the schedule runs: a backup into backup.dir, then retention; a failure alerts and is rethrown (the scheduler logs it). */
export async function scheduledBackup(
  config: LoadedConfig,
  logger: Logger,
  overrides: BackupAlertOverrides & { now?: () => Date } = {},
): Promise<BackupResult> {
  let result: BackupResult;
  try {
    result = await createBackup(config, { logger, now: overrides.now });
  } catch (error) {
    await alertBackupFailure(config, error as Error, logger, overrides);
    throw error;
  }
  await pruneBackups(config, backupRoot(config), config.backup.keep, logger);
  return result;
}
