// `mediawatch restore DIR`: puts a verified backup back in place — the config folder where the
// target config file lives (on a new machine: wherever it should), every state file where that
// restored config says, the Elasticsearch snapshot behind the alias. It refuses while a
// mediawatch process has one of the databases open, and refuses any backup that `verify`
// finds wrong. What it replaces is kept beside it as "<file>.pre-restore-<time>", never
// deleted; a failure half way puts those back.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { parse as parseYaml } from 'yaml';
import { configRelative, parseConfig, type LoadedConfig } from '../../core/config.ts';
import { dataFiles, referencedFiles, searchIndexFiles, sqliteCompanions } from './layout.ts';
import { backupStamp, fsyncPath, readManifest, sha256File, type Manifest } from './manifest.ts';
import { restoreSnapshot } from './snapshot.ts';
import { verifyBackup } from './verify.ts';

/** Raised when the restore must not go ahead; nothing was changed. */
export class RestoreRefused extends Error {
  readonly userFacing = true;
  override name = 'RestoreRefused';
}

/** Raised when a restore failed part way; what it had done was undone. */
export class RestoreFailed extends Error {
  readonly userFacing = true;
  override name = 'RestoreFailed';
}

export interface RestoreOptions {
  /** The config file to restore (absolute); the backup's config folder is written beside it. */
  configPath: string;
  now?: () => Date;
  logger?: Logger;
}

export interface RestoreResult {
  config: LoadedConfig;
  manifest: Manifest;
  /** Files written, where. */
  restored: string[];
  /** Files that were in the way, and where they were kept. */
  keptAside: Array<{ path: string; keptAs: string }>;
  /** Elasticsearch: documents behind the alias after the restore, and the snapshot keeping what it held before. */
  elasticsearch?: { documents: number; kept?: string };
}

/** Processes (other than this one) holding a file open, from /proc on Linux; empty elsewhere. */
function holders(paths: string[]): string[] {
  if (process.platform !== 'linux') return [];
  const wanted = new Set(paths);
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)) {
    try {
      const open = readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
        } catch {
          return false;
        }
      });
      if (open) found.push(`pid ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')}`);
    } catch {
      // A process that ended meanwhile, or one we may not look at.
    }
  }
  return found;
}

/**
 * Whether another process has the database open. Every mediawatch connection keeps a shared
 * lock on its WAL-mode database while open, so an exclusive lock attempt that fails at once
 * means `serve`, a crawl or another command is using it.
 */
function inUse(path: string): boolean {
  if (!existsSync(path)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED';
  } finally {
    db?.close();
  }
}

/** Refuses (RestoreRefused) when a mediawatch process uses any of the databases. */
export function assertNotRunning(configs: LoadedConfig[]): void {
  const databases = [
    ...new Set(
      configs.flatMap((config) =>
        dataFiles(config)
          .filter((file) => file.kind === 'sqlite')
          .map((file) => file.path),
      ),
    ),
  ];
  const busy = databases.filter(inUse);
  if (!busy.length) return;
  const who = holders(busy.flatMap((path) => [path, ...sqliteCompanions(path)]));
  throw new RestoreRefused(
    [
      'refusing to restore: mediawatch is running on this data (serve, a crawl or another command has it open):',
      ...busy.map((path) => `  - ${path} is in use`),
      ...(who.length ? ['processes holding it:', ...who.map((line) => `  - ${line}`)] : []),
      'Stop them (Ctrl-C, or the service manager), then run restore again. Nothing was changed.',
    ].join('\n'),
  );
}

/** A config file read as if it stood at `asPath` (relative paths in it resolve from there). */
function readConfigAs(file: string, asPath: string): LoadedConfig {
  return parseConfig(parseYaml(readFileSync(file, 'utf8')), asPath, dirname(asPath));
}

/** The config as it will be once restored: the backup's file, read as if it stood at `configPath`. */
function restoredConfig(staging: string, manifest: Manifest, configPath: string): LoadedConfig {
  try {
    return readConfigAs(join(staging, manifest.source.configFile), configPath);
  } catch (error) {
    throw new RestoreRefused(`the backup's config file ${manifest.source.configFile} cannot be used here: ${(error as Error).message}`);
  }
}

/** Renames and copies with an undo log, so a failure half way leaves things as they were. */
class Installer {
  readonly restored: string[] = [];
  readonly keptAside: Array<{ path: string; keptAs: string }> = [];
  private readonly undo: Array<() => void> = [];

  constructor(private readonly stamp: string) {}

  /** Moves an existing file out of the way (kept as "<path>.pre-restore-<stamp>"). */
  setAside(path: string): void {
    if (!existsSync(path)) return;
    const keptAs = `${path}.pre-restore-${this.stamp}`;
    renameSync(path, keptAs);
    this.keptAside.push({ path, keptAs });
    this.undo.push(() => renameSync(keptAs, path));
  }

  /** Copies a verified file into place: a temporary name first, flushed, then renamed over. */
  install(source: string, target: string): void {
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.restoring-${process.pid}`;
    copyFileSync(source, temp);
    fsyncPath(temp);
    this.setAside(target);
    renameSync(temp, target);
    fsyncPath(dirname(target));
    this.restored.push(target);
    this.undo.push(() => rmSync(target, { force: true }));
  }

  rollBack(): void {
    for (const step of this.undo.reverse()) {
      try {
        step();
      } catch {
        // Keep undoing the rest; the kept-aside names are in the error message.
      }
    }
  }
}

export async function restoreBackup(folder: string, options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now?.() ?? new Date();
  const current = safeLoad(options.configPath, options.configPath);
  // Checking a snapshot needs the cluster: the config in place, or failing that the backup's own.
  let clusterConfig = current;
  if (clusterConfig?.store.engine !== 'elasticsearch') {
    try {
      clusterConfig = safeLoad(join(folder, readManifest(folder).source.configFile), options.configPath) ?? clusterConfig;
    } catch {
      // verify reports what is wrong with the manifest
    }
  }
  const report = await verifyBackup(folder, { keepStaging: true, config: clusterConfig });
  if (!report.ok || !report.staging || !report.manifest) {
    throw new RestoreRefused(
      `refusing to restore ${folder}: the backup did not verify:\n${report.problems.map((p) => `  - ${p}`).join('\n')}\nNothing was changed.`,
    );
  }
  const { manifest, staging } = report;
  try {
    const config = restoredConfig(staging, manifest, options.configPath);
    assertNotRunning(current ? [current, config] : [config]);

    const installer = new Installer(backupStamp(now));
    try {
      // The config folder first (unchanged files stay as they are), then every state file.
      for (const entry of manifest.files.filter((file) => file.role === 'config')) {
        const target = entry.configKey
          ? referencedFiles(config).find((ref) => ref.key === entry.configKey)?.path
          : join(config.baseDir, ...entry.path.split('/').slice(1));
        if (!target) throw new Error(`the restored config names no file under ${entry.configKey} for ${entry.path}`);
        if (existsSync(target) && (await sha256File(target)) === entry.sha256) continue;
        installer.install(join(staging, entry.path), target);
      }
      for (const file of dataFiles(config)) {
        const entry = manifest.files.find((candidate) => candidate.role === file.role);
        // A database's WAL and shared-memory files belong to the file being replaced.
        for (const companion of sqliteCompanions(file.path)) installer.setAside(companion);
        if (entry) installer.install(join(staging, entry.path), file.path);
        else installer.setAside(file.path);
      }
      // The full-text index is rebuilt from the restored item store on the next start.
      if (config.store.engine === 'sqlite') for (const path of searchIndexFiles(configRelative(config, config.store.path))) installer.setAside(path);
      const elasticsearch = manifest.elasticsearch ? await restoreSnapshot(config, manifest.elasticsearch, now) : undefined;
      options.logger?.info({ folder, restored: installer.restored.length, keptAside: installer.keptAside.length }, 'restore complete');
      return { config, manifest, restored: installer.restored, keptAside: installer.keptAside, ...(elasticsearch ? { elasticsearch } : {}) };
    } catch (error) {
      installer.rollBack();
      throw new RestoreFailed(`restore failed and was undone: ${(error as Error).message}`, { cause: error });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A config file read as if it stood at `asPath`, if it loads (a broken one in place is about to be replaced anyway). */
function safeLoad(file: string, asPath: string): LoadedConfig | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return readConfigAs(file, asPath);
  } catch {
    return undefined;
  }
}
