// What a backup holds and where each part lives, worked out from the config: the state files
// the office would lose (the same function names the targets of a restore, from the restored
// config), and the config folder with the lexicons, facts sheet and model files it refers to.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { sourceRunsPath } from '../../crawlers/source-runs.ts';
import { searchIndexPath } from '../../pipeline/store/search-index.ts';

export type DataRole = 'items' | 'workflow' | 'alerts' | 'portals' | 'sourceRuns' | 'esOutbox' | 'crawlState';

export interface DataFile {
  role: DataRole;
  /** SQLite files are copied with the online backup API; plain files are read whole. */
  kind: 'sqlite' | 'file';
  /** Where the running instance keeps it. */
  path: string;
  /** Its place inside a backup folder (POSIX separators). */
  backupPath: string;
}

/** What each state file holds, for messages. */
export const ROLE_LABELS: Record<DataRole, string> = {
  items: 'item store',
  esOutbox: 'Elasticsearch write buffer',
  workflow: 'workflow database (users, reviews, responses, audit log)',
  alerts: 'alert ledger',
  portals: 'portal baselines and incidents',
  sourceRuns: 'source-run log',
  crawlState: 'crawl state',
};

/** Every state file of an instance with this config (whether or not it exists yet). */
export function dataFiles(config: LoadedConfig): DataFile[] {
  const files: DataFile[] = [];
  if (config.store.engine === 'sqlite') {
    files.push({ role: 'items', kind: 'sqlite', path: configRelative(config, config.store.path), backupPath: 'data/items.db' });
  } else {
    files.push({ role: 'esOutbox', kind: 'sqlite', path: configRelative(config, config.store.outboxPath), backupPath: 'data/es-outbox.db' });
  }
  files.push(
    { role: 'workflow', kind: 'sqlite', path: configRelative(config, config.workflow.path), backupPath: 'data/workflow.db' },
    { role: 'alerts', kind: 'sqlite', path: configRelative(config, config.alerts.statePath), backupPath: 'data/alerts.db' },
    { role: 'portals', kind: 'sqlite', path: configRelative(config, config.portalWatch.statePath), backupPath: 'data/portals.db' },
    { role: 'sourceRuns', kind: 'sqlite', path: sourceRunsPath(config), backupPath: 'data/source-runs.db' },
    { role: 'crawlState', kind: 'file', path: configRelative(config, config.statePath), backupPath: 'data/crawl-state.json' },
  );
  return files;
}

/** The files SQLite keeps beside a database, which belong to that database alone. */
export function sqliteCompanions(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

/** The item store's full-text index files: never backed up, rebuilt from the item file. */
export function searchIndexFiles(itemsPath: string): string[] {
  const path = searchIndexPath(itemsPath);
  return [path, ...sqliteCompanions(path)];
}

/** Config keys naming files the config reads (lexicons, facts sheet, CA certificates), with the resolved path. */
export function referencedFiles(config: LoadedConfig): Array<{ key: string; path: string }> {
  const refs: Array<{ key: string; value: string | undefined }> = [
    ...config.topics.map((value, i) => ({ key: `topics[${i}]`, value })),
    ...config.distortionCues.map((value, i) => ({ key: `distortionCues[${i}]`, value })),
    { key: 'abbreviations', value: config.abbreviations },
    { key: 'officialFacts', value: config.officialFacts },
    { key: 'portalWatch.lexicon', value: config.portalWatch.lexicon },
    { key: 'email.smtp.tls.caFile', value: config.email?.smtp.tls.caFile },
    { key: 'store.tls.caFile', value: config.store.engine === 'elasticsearch' ? config.store.tls?.caFile : undefined },
    ...config.portals.map((portal, i) => ({ key: `portals[${i}].caFile`, value: portal.caFile })),
  ];
  return refs
    .filter((ref): ref is { key: string; value: string } => ref.value !== undefined)
    .map((ref) => ({ key: ref.key, path: configRelative(config, ref.value) }));
}

export interface ConfigFile {
  path: string;
  backupPath: string;
  /** For a file outside the config folder: the config key that names it (restored to where the restored config points). */
  configKey?: string;
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * The config folder, whole (the config file, lexicons, facts sheet, model files and anything
 * else kept there), without state files, hidden entries or backups that live inside it; and
 * each referenced file that lives elsewhere, under config-external/.
 */
export function configFiles(config: LoadedConfig, exclude: string[]): ConfigFile[] {
  const baseDir = config.baseDir;
  const limit = 2000;
  const excluded = new Set(exclude);
  const excludedDirs = exclude.filter((path) => existsSync(path) && statSync(path).isDirectory());
  const files: ConfigFile[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      // A state file's companions and leftovers (-wal, .pre-restore-…, .tmp) go with it.
      if (excluded.has(path) || exclude.some((file) => path.startsWith(`${file}.`) || path.startsWith(`${file}-`))) continue;
      if (excludedDirs.some((dir) => isInside(path, dir))) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ path, backupPath: ['config', ...relative(baseDir, path).split(sep)].join('/') });
      if (files.length > limit) {
        throw new Error(
          `the config folder ${baseDir} holds more than ${limit} files; keep the config file in a folder of its own (such as config/) so that a backup copies only it`,
        );
      }
    }
  };
  walk(baseDir);
  for (const ref of referencedFiles(config)) {
    if (isInside(ref.path, baseDir) || !existsSync(ref.path)) continue;
    files.push({ path: ref.path, backupPath: `config-external/${ref.key.replace(/[^A-Za-z0-9._-]+/g, '_')}/${basename(ref.path)}`, configKey: ref.key });
  }
  return files;
}

/** Paths a config-folder walk must leave out: state files with their companions and search index, and the backup folder. */
export function stateExclusions(config: LoadedConfig): string[] {
  const paths = dataFiles(config).flatMap((file) => [file.path, ...sqliteCompanions(file.path)]);
  if (config.store.engine === 'sqlite') paths.push(...searchIndexFiles(configRelative(config, config.store.path)));
  paths.push(configRelative(config, config.backup.dir));
  return paths;
}
