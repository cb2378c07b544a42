import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { exportLabels, openWorkflow, toJsonLines, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { cliActor } from './users.ts';

export function registerExportLabels(program: Command): void {
  program
    .command('export-labels')
    .description("write the office's review decisions as labelled examples in the evaluation corpus format (JSON lines)")
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (options: { config?: string; out?: string }) => {
      const config = loadConfig(options.config);
      const store = await openStore(config);
      const workflow = openWorkflow(workflowOptionsFromConfig(config, { store }));
      try {
        const destination = options.out ? resolve(options.out) : 'stdout';
        const { records, missing } = await exportLabels({ reviews: workflow.reviews, audit: workflow.audit, store }, cliActor(), { destination });
        const lines = toJsonLines(records);
        if (options.out) writeFileSync(destination, lines);
        else process.stdout.write(lines);
        const distorted = records.filter((record) => record.labels.distortion).length;
        process.stderr.write(
          `Exported ${records.length} labelled items (${distorted} confirmed distortions, ${records.length - distorted} dismissed)` +
            `${options.out ? ` to ${destination}` : ''}.` +
            (missing.length ? ` ${missing.length} reviewed items are no longer in the store.` : '') +
            '\n',
        );
      } finally {
        workflow.close();
        await store.close();
      }
    });
}
