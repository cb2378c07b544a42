import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test's temporary files go under one folder for the run, removed at its end, so a test that
 * forgets to clean up (or dies before it can) leaves nothing behind in the machine's /tmp.
 * The test forks inherit TMPDIR, which os.tmpdir() reads. The folder is opened up like /tmp itself,
 * because Elasticsearch runs as its own user and keeps its data and temporary files under it.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mediawatch-tests-'));
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
