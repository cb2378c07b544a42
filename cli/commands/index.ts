import type { Command } from 'commander';
import { registerBackup } from './backup.ts';
import { registerClassify } from './classify.ts';
import { registerCrawl } from './crawl.ts';
import { registerDemo } from './demo.ts';
import { registerDigest } from './digest.ts';
import { registerEval } from './eval.ts';
import { registerExport } from './export.ts';
import { registerExportLabels } from './export-labels.ts';
import { registerModels } from './models.ts';
import { registerPortals } from './portals.ts';
import { registerReindex } from './reindex.ts';
import { registerServe } from './serve.ts';
import { registerTrain } from './train.ts';
import { registerUsers } from './users.ts';

/** Each command module adds itself to the program; order here is the order in --help. */
export const commands: Array<(program: Command) => void> = [
  registerDemo,
  registerCrawl,
  registerServe,
  registerDigest,
  registerClassify,
  registerEval,
  registerTrain,
  registerModels,
  registerReindex,
  registerUsers,
  registerExport,
  registerExportLabels,
  registerPortals,
  registerBackup,
];
