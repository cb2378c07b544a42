import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { exportQuerySchema } from '../../api/routes/export.ts';
import { loadConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import { writeItemsExport } from '../../features/export.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { UserError } from '../errors.ts';
import { cliActor } from './users.ts';

interface ExportOptions {
  config?: string;
  out?: string;
  format?: string;
  flagged?: boolean;
  congress?: boolean;
  q?: string;
  topic?: string;
  source?: string;
  kind?: string;
  platform?: string;
  cluster?: string;
  status?: string;
  from?: string;
  to?: string;
  sort?: string;
}

/** Counts what passes through, for the progress line on stderr. */
async function* counted(batches: AsyncIterable<ScoredItem[]>, onBatch: (total: number) => void): AsyncIterable<ScoredItem[]> {
  let total = 0;
  for await (const batch of batches) {
    total += batch.length;
    onBatch(total);
    yield batch;
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every matching item as CSV (UTF-8 with BOM, for spreadsheets) or NDJSON, with the filters of GET /api/items')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--format <format>', 'csv or ndjson', 'csv')
    .option('--flagged', 'only flagged items')
    .option('--congress', 'only congress-related items')
    .option('--q <text>', 'full-text search (with or without diacritics)')
    .option('--topic <id>', 'topic id')
    .option('--source <id>', 'source id')
    .option('--kind <kind>', 'news, rss or social')
    .option('--platform <name>', 'social platform')
    .option('--cluster <id>', 'near-duplicate cluster id')
    .option('--status <list>', 'review statuses, comma-separated (e.g. confirmed,responded)')
    .option('--from <date>', 'YYYY-MM-DD or ISO date-time')
    .option('--to <date>', 'YYYY-MM-DD (that whole day, Vietnam time) or ISO date-time')
    .option('--sort <order>', 'newest or oldest')
    .action(async (options: ExportOptions) => {
      const raw = Object.fromEntries(
        Object.entries({
          format: options.format,
          flagged: options.flagged ? 'true' : undefined,
          congress: options.congress ? 'true' : undefined,
          q: options.q,
          topic: options.topic,
          source: options.source,
          kind: options.kind,
          platform: options.platform,
          clusterId: options.cluster,
          status: options.status,
          from: options.from,
          to: options.to,
          sort: options.sort,
        }).filter(([, value]) => value !== undefined),
      );
      const parsed = exportQuerySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UserError(`--${issue.path.join('.') === 'clusterId' ? 'cluster' : issue.path.join('.')}: ${issue.message}`);
      }
      const { format, ...filter } = parsed.data;
      const config = loadConfig(options.config);
      const store = await openStore(config);
      const workflow = openWorkflow(workflowOptionsFromConfig(config, { store }));
      const destination = options.out ? resolve(options.out) : undefined;
      const out = destination ? createWriteStream(destination) : process.stdout;
      try {
        const progress = (total: number) => process.stderr.write(`\rexported ${total.toLocaleString('en')} items`);
        const count = await writeItemsExport(counted(store.streamItems(filter, 1000), progress), format, out);
        if (destination) {
          out.end();
          await finished(out);
        }
        workflow.audit.record({
          actor: cliActor(),
          action: 'items.export',
          targetType: 'items',
          detail: { format, filters: filter, items: count, complete: true, destination: destination ?? 'stdout' },
        });
        process.stderr.write(
          `${count ? '\r' : ''}Exported ${count.toLocaleString('en')} items as ${format.toUpperCase()}${destination ? ` to ${destination}` : ''}.\n`,
        );
      } finally {
        workflow.close();
        await store.close();
      }
    });
}
