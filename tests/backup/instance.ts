// A complete mediawatch instance in a temp folder for the backup tests: its own config folder
// (the repository's lexicons and facts sheet, a config naming data/ beside it) and every state
// file filled through the real classes.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, configRelative, type LoadedConfig } from '../../core/config.ts';
import { CrawlState } from '../../crawlers/state.ts';
import { SourceRunLog, sourceRunsPath } from '../../crawlers/source-runs.ts';
import { SourceReport } from '../../crawlers/report.ts';
import { AlertLedger } from '../../features/alerts/ledger.ts';
import { PortalStore } from '../../features/portals/store.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { openWorkflow, SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { numberedItem } from './items.ts';
import { REPO } from '../store/es-env.ts';

export interface Instance {
  root: string;
  configPath: string;
  config: LoadedConfig;
}

/** Writes the config folder; `store` replaces the store section (YAML flow mapping). */
export function makeInstance(root: string, options: { store?: string; extra?: string } = {}): Instance {
  const configDir = join(root, 'config');
  mkdirSync(configDir, { recursive: true });
  for (const file of ['abbreviations.yaml', 'official-facts.yaml', 'portal-defacement.yaml', 'topics']) {
    cpSync(join(REPO, 'config', file), join(configDir, file), { recursive: true });
  }
  const configPath = join(configDir, 'mediawatch.yaml');
  writeFileSync(
    configPath,
    [
      `store: ${options.store ?? '{ engine: sqlite, path: ../data/mediawatch.db }'}`,
      'statePath: ../data/crawl-state.json',
      'workflow: { path: ../data/workflow.db }',
      'security: { scryptCost: 14 }',
      'backup: { dir: ../backups, keep: 3 }',
      options.extra ?? '',
    ].join('\n'),
  );
  return { root, configPath, config: loadConfig(configPath) };
}

/** Fills every state file: `items` items (in batches), users, reviews and notes, a run, crawl state, the ledgers. */
export async function populate(instance: Instance, items: number): Promise<void> {
  const { config } = instance;
  const store = await openStore(config);
  for (let start = 0; start < items; start += 5000) {
    await store.upsertItems(Array.from({ length: Math.min(5000, items - start) }, (_, k) => numberedItem(start + k)));
  }
  const workflow = openWorkflow({ path: configRelative(config, config.workflow.path), store, security: { scryptCost: 14 } });
  await workflow.users.create({ username: 'quantri', role: 'admin', password: 'Bao-cao-Pleiku-2020', mustChangePassword: false }, SYSTEM_ACTOR);
  await workflow.users.create({ username: 'phantich', role: 'analyst', password: 'Ghi-chep-Kontum-2020', mustChangePassword: false }, SYSTEM_ACTOR);
  const analyst = { username: 'phantich', role: 'analyst' as const, via: 'session' as const };
  for (const i of [0, 7, 21]) await workflow.reviews.addNote(numberedItem(i).id, `Ghi chú cho bài ${i}`, analyst);
  const first = workflow.reviews.get(numberedItem(7).id);
  await workflow.reviews.transition(numberedItem(7).id, { to: 'in_review', version: first.version }, analyst);
  workflow.close();
  await store.close();

  const runs = new SourceRunLog(sourceRunsPath(config));
  runs.finish(runs.start('bao-a', 'news'), new SourceReport('bao-a'));
  runs.close();
  new CrawlState(configRelative(config, config.statePath)).set('rss:bao-a', { etag: '"abc"', lastModified: 'Tue, 20 Oct 2020 00:00:00 GMT' });
  new AlertLedger(configRelative(config, config.alerts.statePath)).close();
  new PortalStore(configRelative(config, config.portalWatch.statePath)).close();
}
