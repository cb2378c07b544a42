import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test's temporary files go under one folder for the run, removed at its end, so a test that
 * forgets to clean up (or dies before it can) leaves nothing behind in the machine's /tmp.
 * The test forks inherit TMPDIR, which os.tmpdir() reads.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-tests-'));
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
