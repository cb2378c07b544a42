// `mediawatch backup verify DIR`: restores a backup into a temporary folder and proves it
// usable — every file present with the size and SHA-256 the manifest recorded, every database
// opening with a clean integrity check, its schema version and row counts as recorded, the
// audit log's hash chain intact, and (Elasticsearch) the snapshot restorable with its documents.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { LoadedConfig } from '../../core/config.ts';
import { AuditLog } from '../workflow/index.ts';
import { tableCounts } from './create.ts';
import { PARTIAL_SUFFIX, readManifest, sha256File, type Manifest, type ManifestFile } from './manifest.ts';
import { checkSnapshot } from './snapshot.ts';

export interface VerifyOptions {
  /** Needed for an Elasticsearch backup: the cluster to check the snapshot on. */
  config?: LoadedConfig;
  /** Where the temporary restore goes (default: the system's temp folder). */
  workDir?: string;
  /** Keep the verified copies (restore installs them); otherwise they are deleted. */
  keepStaging?: boolean;
}

export interface VerifyReport {
  folder: string;
  ok: boolean;
  manifest?: Manifest;
  /** What is wrong, one line each, worded for the operator. */
  problems: string[];
  /** What was checked and found right. */
  checks: string[];
  /** The verified copies (only with keepStaging and ok). */
  staging?: string;
}

function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
}

/** Opens one database copy and checks it against its manifest entry. */
function checkDatabase(path: string, entry: ManifestFile, problems: string[], checks: string[]): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      problems.push(`${entry.path}: SQLite integrity check failed (${String(integrity)})`);
      return;
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) problems.push(`${entry.path}: ${broken.length} broken link(s) between tables`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (entry.schemaVersion !== undefined && version !== entry.schemaVersion) {
      problems.push(`${entry.path}: schema version ${version}, the manifest says ${entry.schemaVersion}`);
    }
    const counts = tableCounts(db);
    for (const [table, expected] of Object.entries(entry.counts ?? {})) {
      if (counts[table] !== expected) problems.push(`${entry.path}: table ${table} has ${counts[table] ?? 'no'} rows, the manifest says ${expected}`);
    }
    if (entry.role === 'workflow') {
      const chain = new AuditLog(db, () => new Date()).verify();
      if (!chain.ok) problems.push(`${entry.path}: the audit log's hash chain is broken at entry ${chain.brokenAt}`);
      else checks.push(`${entry.path}: audit log chain intact (${chain.entries} entries)`);
    }
    checks.push(`${entry.path}: opens, integrity ok, ${describe(counts)}`);
  } catch (error) {
    problems.push(`${entry.path}: cannot be opened as a database (${(error as Error).message})`);
  } finally {
    db?.close();
  }
}

/** Checks a backup folder; never throws for a bad backup (the problems say what is wrong). */
export async function verifyBackup(folder: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = { folder, ok: false, problems: [], checks: [] };
  if (basename(folder).endsWith(PARTIAL_SUFFIX)) {
    report.problems.push(`${folder} is an interrupted backup (".partial"): it is incomplete and cannot be verified or restored`);
    return report;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    report.problems.push(`${folder} is not a folder`);
    return report;
  }
  let manifest: Manifest;
  try {
    manifest = readManifest(folder);
  } catch (error) {
    report.problems.push((error as Error).message);
    return report;
  }
  report.manifest = manifest;

  const staging = mkdtempSync(join(options.workDir ?? tmpdir(), 'mediawatch-verify-'));
  try {
    for (const entry of manifest.files) {
      const path = join(folder, entry.path);
      if (!existsSync(path)) {
        report.problems.push(`${entry.path}: missing from the backup`);
        continue;
      }
      const bytes = statSync(path).size;
      if (bytes !== entry.bytes) {
        report.problems.push(`${entry.path}: ${bytes} bytes, the manifest says ${entry.bytes} (truncated or changed)`);
        continue;
      }
      if ((await sha256File(path)) !== entry.sha256) {
        report.problems.push(`${entry.path}: SHA-256 does not match the manifest (the file was changed or damaged)`);
        continue;
      }
      const copy = join(staging, entry.path);
      mkdirSync(dirname(copy), { recursive: true });
      copyFileSync(path, copy);
      if (entry.kind === 'sqlite') checkDatabase(copy, entry, report.problems, report.checks);
    }
    report.checks.push(`${manifest.files.length} file(s) match their size and SHA-256`);
    const items = manifest.files.find((file) => file.role === 'items');
    if (manifest.engine === 'sqlite' && (items?.counts?.items ?? 0) !== manifest.items) {
      report.problems.push(`the item store holds ${items?.counts?.items ?? 'no'} items, the manifest says ${manifest.items}`);
    }
    if (manifest.elasticsearch) {
      const record = manifest.elasticsearch;
      if (options.config?.store.engine !== 'elasticsearch') {
        report.problems.push(`the items are in Elasticsearch snapshot ${record.snapshot}: give a config whose store is that cluster to check it`);
      } else {
        try {
          const documents = await checkSnapshot(options.config, record);
          const low = Math.min(record.documents.before, record.documents.after);
          const high = Math.max(record.documents.before, record.documents.after);
          if (documents < low || documents > high) {
            report.problems.push(`snapshot ${record.snapshot} restores ${documents} documents, the manifest says ${low === high ? low : `${low}–${high}`}`);
          } else {
            report.checks.push(`snapshot ${record.snapshot}: restored into a temporary index, ${documents} documents`);
          }
        } catch (error) {
          report.problems.push(`snapshot ${record.snapshot}: ${(error as Error).message}`);
        }
      }
    }
    report.ok = report.problems.length === 0;
    if (report.ok && options.keepStaging) report.staging = staging;
    return report;
  } finally {
    if (!report.staging) rmSync(staging, { recursive: true, force: true });
  }
}
