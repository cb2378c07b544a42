import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { parseIsoWeek, runDigest } from '../../features/digest/index.ts';
import { createLogger } from '../../core/logger.ts';
import { UserError } from '../errors.ts';

function parseWeek(value: string): string {
  try {
    return parseIsoWeek(value).label;
  } catch (error) {
    throw new UserError(`--week: ${(error as Error).message}`);
  }
}

function collect(value: string, previous: string[]): string[] {
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) throw new UserError(`--to: "${value}" is not an e-mail address`);
  return [...previous, value];
}

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('e-mail the weekly digest (Vietnamese, HTML + text, charts) for the last complete ISO week')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('-w, --week <week>', 'ISO week, e.g. 2020-W42 (default: the last complete week, Vietnam time)', parseWeek)
    .option('--to <addr...>', 'recipients (repeatable; default email.digestRecipients)', collect, [])
    .option('--dry-run <file>', 'write the HTML (and a .txt beside it) instead of sending')
    .action(async (options: { config?: string; week?: string; to: string[]; dryRun?: string }) => {
      const config = loadConfig(options.config);
      const result = await runDigest(config, { week: options.week, to: options.to, dryRun: options.dryRun, logger: createLogger('warn') });
      if (result.files) process.stderr.write(`digest ${result.week} written to ${result.files.join(' and ')}\n`);
      else {
        process.stderr.write(`digest ${result.week} sent to ${result.sentTo?.join(', ') || '(nobody)'}\n`);
        if (result.rejected?.length) process.stderr.write(`rejected by the mail server: ${result.rejected.join(', ')}\n`);
      }
    });
}
