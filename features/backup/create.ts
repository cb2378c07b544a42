// `mediawatch backup`: a consistent copy of every state file while `serve` and crawls keep
// running. Databases go through SQLite's online backup API in one step (one read snapshot, so a
// writer committing meanwhile neither blocks it nor makes it start over); the copy is switched
// to a plain rollback journal so it is a single self-contained file. Everything is written into
// "<name>.partial/", the manifest last, and the folder is renamed to its final name only once
// all of it is on disk: an interrupted backup (kill -9, full disk) leaves only a ".partial"
// folder, which verify, restore and retention never take for a backup.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { configFiles, dataFiles, stateExclusions, type DataFile } from './layout.ts';
import {
  BACKUP_PREFIX,
  backupStamp,
  fsyncPath,
  MANIFEST_NAME,
  PARTIAL_SUFFIX,
  sha256File,
  writeFileDurably,
  type Manifest,
  type ManifestFile,
} from './manifest.ts';
import { snapshotItems } from './snapshot.ts';

/** Pages per backup step: all of them, so the copy is one read snapshot of the source. */
const ALL_PAGES = 0x7fffffff;
/** Inside a .partial folder: which process is writing it, so a cleanup never removes a backup in progress. */
const OWNER_FILE = '.owner.json';

export interface BackupOptions {
  /** Folder the dated backup folder goes into (default: backup.dir of the config). */
  to?: string;
  now?: () => Date;
  logger?: Logger;
}

export interface BackupResult {
  folder: string;
  manifest: Manifest;
  /** Interrupted backups (.partial folders of dead processes) removed first. */
  removedPartials: string[];
}

export function backupRoot(config: LoadedConfig, to?: string): string {
  return to ? resolve(to) : configRelative(config, config.backup.dir);
}

/** Rows per table (virtual tables left out: their content lives in shadow tables or nowhere). */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((table) => [
      table,
      db
        .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

/** Online copy of a live database into `destination`, as one self-contained file. */
async function copyDatabase(source: string, destination: string): Promise<Pick<ManifestFile, 'schemaVersion' | 'counts'>> {
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 30_000 });
  try {
    await db.backup(destination, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(destination);
  try {
    copy.pragma('journal_mode = DELETE');
    return { schemaVersion: copy.pragma('user_version', { simple: true }) as number, counts: tableCounts(copy) };
  } finally {
    copy.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the .partial folders left by interrupted backups (never one whose writer still runs). */
export function removeStalePartials(root: string): string[] {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    if (!name.startsWith(BACKUP_PREFIX) || !name.endsWith(PARTIAL_SUFFIX)) continue;
    const folder = join(root, name);
    try {
      const owner = JSON.parse(readFileSync(join(folder, OWNER_FILE), 'utf8')) as { pid: number; host: string };
      if (owner.host === hostname() && alive(owner.pid) && owner.pid !== process.pid) continue;
    } catch {
      // No readable owner: the writer died before or while recording itself.
    }
    rmSync(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return removed;
}

/** fsync of a folder and every folder below it, so the entries of the files in them are durable. */
function fsyncFolders(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isDirectory()) fsyncFolders(join(folder, entry.name));
  fsyncPath(folder);
}

function freeName(root: string, stamp: string): string {
  for (let n = 1; ; n++) {
    const name = `${BACKUP_PREFIX}${stamp}${n > 1 ? `-${n}` : ''}`;
    if (!existsSync(join(root, name)) && !existsSync(join(root, name + PARTIAL_SUFFIX))) return name;
  }
}

function packageVersion(path: string): string {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function versions(): Record<string, string> {
  const repo = resolve(import.meta.dirname, '../..');
  const sqlite = new Database(':memory:');
  try {
    return {
      mediawatch: packageVersion(join(repo, 'package.json')),
      node: process.version,
      sqlite: sqlite.prepare('SELECT sqlite_version()').pluck().get() as string,
      betterSqlite3: packageVersion(join(repo, 'node_modules/better-sqlite3/package.json')),
    };
  } finally {
    sqlite.close();
  }
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  ENOENT: 'a file or folder is missing',
};

/** An operating-system error in words an operator reads, with the path it concerns. */
function describeFailure(error: unknown): string {
  const { code, path } = error as NodeJS.ErrnoException;
  const reason = code ? FS_REASONS[code] : undefined;
  return reason ? `${reason}${path ? ` (${path})` : ''}` : (error as Error).message;
}

/** Takes a backup of everything the config names; see the file comment for how it stays consistent. */
export async function createBackup(config: LoadedConfig, options: BackupOptions = {}): Promise<BackupResult> {
  const root = backupRoot(config, options.to);
  try {
    return await writeBackup(config, root, options);
  } catch (error) {
    throw new Error(`backup into ${root} failed: ${describeFailure(error)}`, { cause: error });
  }
}

async function writeBackup(config: LoadedConfig, root: string, options: BackupOptions): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  mkdirSync(root, { recursive: true });
  const removedPartials = removeStalePartials(root);
  for (const folder of removedPartials) options.logger?.warn({ folder }, 'backup: removed an interrupted backup');

  const createdAt = now();
  const name = freeName(root, backupStamp(createdAt));
  const partial = join(root, name + PARTIAL_SUFFIX);
  mkdirSync(partial);
  writeFileSync(join(partial, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: createdAt.toISOString() }));

  try {
    const files: ManifestFile[] = [];
    const absent: Manifest['absent'] = [];
    const add = async (entry: Omit<ManifestFile, 'bytes' | 'sha256'>) => {
      const path = join(partial, entry.path);
      fsyncPath(path);
      files.push({ ...entry, bytes: statSync(path).size, sha256: await sha256File(path) });
    };
    // The item store last: it is the largest, and everything else is small.
    const data = dataFiles(config).sort((a, b) => Number(a.role === 'items') - Number(b.role === 'items'));
    const copyData = async (file: DataFile) => {
      if (!existsSync(file.path)) {
        absent.push({ role: file.role, path: file.path });
        return;
      }
      const target = join(partial, file.backupPath);
      mkdirSync(dirname(target), { recursive: true });
      if (file.kind === 'sqlite') {
        await add({ path: file.backupPath, role: file.role, kind: 'sqlite', ...(await copyDatabase(file.path, target)) });
      } else {
        copyFileSync(file.path, target);
        await add({ path: file.backupPath, role: file.role, kind: 'file' });
      }
    };
    for (const file of data) await copyData(file);

    const exclusions = [...stateExclusions(config), root];
    for (const file of configFiles(config, exclusions)) {
      const target = join(partial, file.backupPath);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file.path, target);
      await add({ path: file.backupPath, role: 'config', kind: 'file', ...(file.configKey ? { configKey: file.configKey } : {}) });
    }

    const itemsFile = files.find((file) => file.role === 'items');
    let items = itemsFile?.counts?.items ?? 0;
    let elasticsearch: Manifest['elasticsearch'];
    const version = versions();
    if (config.store.engine === 'elasticsearch') {
      const snapshot = await snapshotItems(config, `${name.slice(BACKUP_PREFIX.length)}`.toLowerCase());
      elasticsearch = snapshot.record;
      version.elasticsearch = snapshot.clusterVersion;
      items = snapshot.record.documents.after;
    }

    const manifest: Manifest = {
      format: 'mediawatch-backup',
      formatVersion: 1,
      name,
      createdAt: createdAt.toISOString(),
      finishedAt: now().toISOString(),
      engine: config.store.engine,
      versions: version,
      source: { host: hostname(), configPath: config.configPath, configFile: ['config', ...relative(config.baseDir, config.configPath).split(sep)].join('/') },
      files,
      absent,
      items,
      ...(config.store.engine === 'sqlite'
        ? { searchIndex: 'not copied: the full-text index is rebuilt from the item store on the first start after a restore' }
        : {}),
      ...(elasticsearch ? { elasticsearch } : {}),
    };
    rmSync(join(partial, OWNER_FILE));
    writeFileDurably(join(partial, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncFolders(partial);
    const folder = join(root, name);
    renameSync(partial, folder);
    fsyncPath(root);
    options.logger?.info({ folder, items, files: files.length }, 'backup complete');
    return { folder, manifest, removedPartials };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
