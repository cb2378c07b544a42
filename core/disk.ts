// A full disk is an operator's problem, not a bug: one error type, worded for them, wherever a
// file could not grow (SQLite's "database or disk is full", ENOSPC, a quota).

const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/** A file could not be written because its disk is full; nothing more is written there until space is freed. */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
  readonly userFacing = true;
  constructor(
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`disk full: ${path}`, options);
  }
}

/** Whether an error (SQLite, Node fs, or ours) says the disk is full. */
export function isDiskFull(error: unknown): boolean {
  return error instanceof DiskFullError || DISK_FULL_CODES.has(String((error as { code?: unknown } | undefined)?.code));
}
