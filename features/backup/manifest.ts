// The manifest of a backup folder: written last, after every file is on disk, so a folder
// with a valid manifest is complete by construction. It lists each file with its size and
// SHA-256, and each database's schema version and row counts, so `backup verify` can tell a
// damaged or partial copy from a good one.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_PREFIX = 'mediawatch-backup-';
export const PARTIAL_SUFFIX = '.partial';
/** A complete backup folder: the prefix, a UTC timestamp, and a counter when two share a second. */
export const BACKUP_NAME = /^mediawatch-backup-\d{8}T\d{6}Z(-\d+)?$/;

const roles = ['items', 'workflow', 'alerts', 'portals', 'sourceRuns', 'esOutbox', 'crawlState', 'config'] as const;

const fileEntrySchema = z.object({
  path: z
    .string()
    .min(1)
    .refine((path) => !path.split('/').includes('..') && !path.startsWith('/'), 'must stay inside the backup folder'),
  role: z.enum(roles),
  kind: z.enum(['sqlite', 'file']),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Config files outside the config folder: the key that names them. */
  configKey: z.string().optional(),
  /** SQLite: PRAGMA user_version, and rows per table, as copied. */
  schemaVersion: z.number().int().optional(),
  counts: z.record(z.number().int().min(0)).optional(),
});

const snapshotSchema = z.object({
  repository: z.string(),
  location: z.string(),
  snapshot: z.string(),
  /** Index name prefix of the store (store.index). */
  prefix: z.string(),
  alias: z.string(),
  indices: z.array(z.string()).min(1),
  /** Documents behind the alias just before and just after the snapshot (equal unless something wrote meanwhile). */
  documents: z.object({ before: z.number().int().min(0), after: z.number().int().min(0) }),
});

export const manifestSchema = z.object({
  format: z.literal('mediawatch-backup'),
  formatVersion: z.literal(1),
  name: z.string(),
  createdAt: z.string(),
  finishedAt: z.string(),
  engine: z.enum(['sqlite', 'elasticsearch']),
  versions: z.record(z.string()),
  source: z.object({ host: z.string(), configPath: z.string(), configFile: z.string() }),
  files: z.array(fileEntrySchema),
  /** State files that did not exist when the backup was taken (nothing to restore; a restore moves a later one aside). */
  absent: z.array(z.object({ role: z.enum(roles), path: z.string() })),
  /** Items in the store (SQLite: rows; Elasticsearch: documents after the snapshot). */
  items: z.number().int().min(0),
  /** Why the SQLite full-text index is not in the backup. */
  searchIndex: z.string().optional(),
  elasticsearch: snapshotSchema.optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileEntrySchema>;
export type SnapshotRecord = z.infer<typeof snapshotSchema>;

/** Reads and checks a manifest; throws an Error worded for the operator. */
export function readManifest(folder: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(folder, MANIFEST_NAME), 'utf8');
  } catch {
    throw new Error(`${folder} has no ${MANIFEST_NAME}: it is not a complete mediawatch backup`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${join(folder, MANIFEST_NAME)} is damaged (not valid JSON)`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${join(folder, MANIFEST_NAME)} is not a mediawatch backup manifest (${issue.path.join('.') || 'top level'}: ${issue.message})`);
  }
  return parsed.data;
}

/** Writes a file and flushes it to disk before returning. */
export function writeFileDurably(path: string, content: string): void {
  writeFileSync(path, content);
  fsyncPath(path);
}

/** fsync of a file or folder (a folder's fsync makes renames and new entries in it durable). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** "2026-12-03T12:50:25.123Z" → "20261203T125025Z". */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}
