// A rejection nobody awaits while a source is crawled is that source's error, not the end of the
// run: the other sources are still crawled and every report comes back. Sources run side by side,
// so the rejection must be charged to the source whose work made it, not the one started last.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-run-guard-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('records a stray rejection against the source whose work made it and goes on', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/crawl-with-stray-rejection.ts'), dataDir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.status, child.stderr.slice(-1000)).toBe(0);
  const reports = JSON.parse(child.stdout) as Array<{ sourceId: string; new: number; errors: Array<{ url: string; reason: string }> }>;
  expect(reports.map((r) => [r.sourceId, r.new])).toEqual([
    ['mot', 1],
    ['hai', 1],
  ]);
  expect(reports[0].errors).toEqual([{ url: expect.stringMatching(/\/mot\.xml$/), reason: 'background work failed' }]);
  expect(reports[1].errors).toEqual([]);
});
