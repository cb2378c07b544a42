/**
 * The versions of the learned layer kept beside the current model (`models/model-<version>.json`), so a
 * rollback is a copy. `mediawatch train` prunes them to the newest few; `mediawatch models` lists, prunes
 * and rolls back. The current model's version is never pruned.
 */
import { copyFileSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadModelFile, ModelError } from './model.ts';

/** Versions `mediawatch train` keeps when not told otherwise: enough to roll back a few retrainings. */
export const DEFAULT_KEPT_VERSIONS = 10;

export interface ModelVersion {
  version: string;
  createdAt: string;
  file: string;
  bytes: number;
  /** Training items and the distortion head's cross-validated figures recorded in the file. */
  items: number;
  distortion: { precision: number; recall: number };
}

export interface ModelHistory {
  /** Newest first (by the creation time recorded in each file). */
  versions: ModelVersion[];
  /** Files in the folder that are not readable models, with why: listed, never deleted. */
  unreadable: Array<{ file: string; reason: string }>;
}

/** Where the versions of a model file are kept: `models/` beside it. */
export function historyDirOf(modelFile: string): string {
  return join(dirname(modelFile), 'models');
}

export function readModelHistory(historyDir: string): ModelHistory {
  let names: string[];
  try {
    names = readdirSync(historyDir).filter((name) => /^model-.+\.json$/.test(name));
  } catch {
    return { versions: [], unreadable: [] };
  }
  const versions: ModelVersion[] = [];
  const unreadable: ModelHistory['unreadable'] = [];
  for (const name of names) {
    const file = join(historyDir, name);
    try {
      const model = loadModelFile(file);
      const { precision, recall } = model.cvFigures.distortion;
      versions.push({
        version: model.version,
        createdAt: model.createdAt,
        file,
        bytes: statSync(file).size,
        items: model.cvFigures.items,
        distortion: { precision, recall },
      });
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      unreadable.push({ file, reason: error.message });
    }
  }
  versions.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.version.localeCompare(b.version));
  return { versions, unreadable };
}

/**
 * Deletes all but the newest `keep` versions, never the one named `current`. Returns what was removed
 * (or, with `dryRun`, what would be).
 */
export function pruneModelHistory(historyDir: string, options: { keep: number; current?: string; dryRun?: boolean }): ModelVersion[] {
  if (!Number.isInteger(options.keep) || options.keep < 1) throw new RangeError(`keep must be a whole number of at least 1 (got ${options.keep})`);
  const { versions } = readModelHistory(historyDir);
  const removed = versions.slice(options.keep).filter((version) => version.version !== options.current);
  if (!options.dryRun) for (const version of removed) unlinkSync(version.file);
  return removed;
}

/**
 * Makes a kept version the current model: copied over the model file through a temporary name, so a
 * crash leaves either the old or the new model, never half a file.
 */
export function restoreModelVersion(modelFile: string, version: string): ModelVersion {
  const found = readModelHistory(historyDirOf(modelFile)).versions.find((kept) => kept.version === version);
  if (!found) throw new ModelError(`no kept model ${version} in ${historyDirOf(modelFile)} ("mediawatch models" lists them)`);
  const temporary = join(dirname(modelFile), `.${basename(modelFile)}.restoring`);
  copyFileSync(found.file, temporary);
  renameSync(temporary, modelFile);
  return found;
}
