import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, resolveConfigPath } from '../../core/config.ts';
import { backupRoot, createBackup, pruneBackups, restoreBackup, ROLE_LABELS, verifyBackup, type DataRole } from '../../features/backup/index.ts';
import { createLogger } from '../../core/logger.ts';
import { UserError } from '../errors.ts';

function parseKeep(value: string): number {
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1) throw new UserError(`--keep must be a whole number of at least 1, got "${value}"`);
  return keep;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function registerBackup(program: Command): void {
  const backup = program
    .command('backup')
    .description('back up the item store, workflow, alert ledger, portals, crawl state and config while mediawatch runs')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('--to <dir>', 'folder the dated backup folder goes into (default: backup.dir of the config)')
    .option('--keep <n>', 'afterwards keep only the newest N backups in that folder', parseKeep)
    .option('--json', 'print the manifest as JSON')
    .action(async (options: { config?: string; to?: string; keep?: number; json?: boolean }) => {
      const config = loadConfig(options.config);
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      const result = await createBackup(config, { to: options.to, logger }).catch((error: Error) => {
        throw new UserError(`${error.message}; nothing was kept of it`);
      });
      if (options.keep) await pruneBackups(config, backupRoot(config, options.to), options.keep, logger);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ folder: result.folder, ...result.manifest }, null, 2)}\n`);
        return;
      }
      const bytes = result.manifest.files.reduce((sum, file) => sum + file.bytes, 0);
      const lines = [
        `backup written: ${result.folder}`,
        `  ${result.manifest.items} items, ${result.manifest.files.length} files, ${megabytes(bytes)}`,
        ...(result.manifest.elasticsearch
          ? [`  Elasticsearch snapshot ${result.manifest.elasticsearch.snapshot} in repository ${result.manifest.elasticsearch.repository}`]
          : []),
        ...result.manifest.absent.map((file) => `  (no ${ROLE_LABELS[file.role as DataRole]} yet at ${file.path})`),
        `check it with: mediawatch backup verify ${result.folder}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  backup
    .command('verify <dir>')
    .description('restore a backup into a temporary folder and check every file, database and count against its manifest')
    .option('-c, --config <file>', 'config whose Elasticsearch cluster holds the snapshot (Elasticsearch backups only)')
    .action(async (dir: string, _options: unknown, command: Command) => {
      // `--config` may be read by `backup` itself when given after `verify`: take either.
      const options = command.optsWithGlobals<{ config?: string }>();
      // The config is only needed to reach a cluster; a SQLite backup verifies without one.
      const configPath = resolveConfigPath(options.config);
      let config;
      try {
        config = loadConfig(configPath);
      } catch (error) {
        if (options.config) throw error;
      }
      const report = await verifyBackup(resolve(dir), { config });
      for (const check of report.checks) process.stdout.write(`ok    ${check}\n`);
      for (const problem of report.problems) process.stdout.write(`FAIL  ${problem}\n`);
      if (report.ok) {
        process.stdout.write(`backup ${report.folder} verified: ${report.manifest!.items} items, taken ${report.manifest!.createdAt}\n`);
      } else {
        process.stdout.write(`backup ${report.folder} is NOT usable (${report.problems.length} problem(s)); do not restore it\n`);
        process.exitCode = 1;
      }
    });

  program
    .command('restore <dir>')
    .description('restore a verified backup: config folder, item store, workflow, ledgers, crawl state (mediawatch must be stopped)')
    .option(
      '-c, --config <file>',
      "config file to restore to; the backup's config folder is written beside it (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)",
    )
    .action(async (dir: string, options: { config?: string }) => {
      const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
      const result = await restoreBackup(resolve(dir), { configPath: resolveConfigPath(options.config), logger });
      const lines = [
        `restored ${result.manifest.name} (${result.manifest.items} items, taken ${result.manifest.createdAt}) with config ${result.config.configPath}`,
        ...result.restored.map((path) => `  restored   ${path}`),
        ...result.keptAside.map((file) => `  kept aside ${file.keptAs}`),
        ...(result.elasticsearch
          ? [
              `  Elasticsearch: ${result.elasticsearch.documents} documents behind ${result.manifest.elasticsearch!.alias}` +
                (result.elasticsearch.kept ? `; what it held before is in snapshot ${result.elasticsearch.kept}` : ''),
            ]
          : ['  the full-text index is rebuilt in the background on the next start']),
        'Start mediawatch again (serve). Delete the kept-aside files once satisfied.',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
