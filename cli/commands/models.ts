import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig } from '../../pipeline/nlp/index.ts';
import { loadModelFile } from '../../pipeline/nlp/model.ts';
import { historyDirOf, pruneModelHistory, readModelHistory, restoreModelVersion, type ModelVersion } from '../../pipeline/nlp/model-history.ts';
import { UserError } from '../errors.ts';

const CONFIG_OPTION = ['-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)'] as const;

/** The configured model file and the version it holds (undefined when absent or unreadable). */
function configuredModel(configFile: string | undefined): { file: string; version?: string } {
  const file = classifierOptionsFromConfig(loadConfig(configFile)).modelFile;
  if (!file) throw new UserError('the config names no model (key "model"): there are no versions to manage');
  return { file, version: existsSync(file) ? loadModelFile(file).version : undefined };
}

export function parseKeep(value: string): number {
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 0) throw new UserError(`--keep must be a whole number, 0 to keep every version (got "${value}")`);
  return keep;
}

function describeVersion(version: ModelVersion, current: string | undefined): string {
  const figures = `CV distortion P ${version.distortion.precision.toFixed(3)} R ${version.distortion.recall.toFixed(3)}`;
  const size = `${(version.bytes / 1e6).toFixed(1)} MB`;
  return `${version.version === current ? '*' : ' '} ${version.version}  ${version.createdAt}  ${String(version.items).padStart(5)} items  ${figures}  ${size}`;
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('the kept versions of the learned layer: list them, prune old ones, roll back to one (docs/nlp.md)');

  models
    .command('list', { isDefault: true })
    .description('list the kept versions, newest first; * marks the one in use')
    .option(...CONFIG_OPTION)
    .action((options: { config?: string }) => {
      const current = configuredModel(options.config);
      const dir = historyDirOf(current.file);
      const { versions, unreadable } = readModelHistory(dir);
      process.stdout.write(`${versions.length} versions in ${relative(process.cwd(), dir) || dir}; in use: ${current.version ?? 'none (no model file)'}\n`);
      for (const version of versions) process.stdout.write(`${describeVersion(version, current.version)}\n`);
      for (const problem of unreadable) process.stdout.write(`  unreadable, left in place: ${problem.reason}\n`);
    });

  models
    .command('prune')
    .description('delete all but the newest versions; the one in use is always kept')
    .requiredOption('--keep <n>', 'how many of the newest versions to keep (at least 1)')
    .option('--dry-run', 'only print what would be deleted')
    .option(...CONFIG_OPTION)
    .action((options: { keep: string; dryRun?: boolean; config?: string }) => {
      const keep = parseKeep(options.keep);
      if (keep < 1) throw new UserError('--keep must be at least 1 for prune');
      const current = configuredModel(options.config);
      const removed = pruneModelHistory(historyDirOf(current.file), { keep, current: current.version, dryRun: options.dryRun });
      const verb = options.dryRun ? 'would delete' : 'deleted';
      process.stdout.write(`${verb} ${removed.length} versions (kept the newest ${keep} and the one in use)\n`);
      for (const version of removed) process.stdout.write(`${describeVersion(version, current.version)}\n`);
    });

  models
    .command('use <version>')
    .description('roll back (or forward) to a kept version: it is copied over the configured model file; restart `serve` to load it')
    .option(...CONFIG_OPTION)
    .action((version: string, options: { config?: string }) => {
      const current = configuredModel(options.config);
      const restored = restoreModelVersion(current.file, version);
      process.stdout.write(`${relative(process.cwd(), current.file) || current.file} now holds ${restored.version} (was ${current.version ?? 'none'})\n`);
    });
}
