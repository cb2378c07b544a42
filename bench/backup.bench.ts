// Backup, verify and restore times for a SQLite instance of N synthetic items, beside the
// baseline of a plain copy of the item file measured in the same run (a copy that is NOT safe
// while mediawatch writes: it is the disk's speed, the floor any backup pays).
//
//   npm run bench:backup                         # 100,000 items
//   npm run bench:backup -- --items 20000 --seed 7
// Run through bench/run.ts (node --expose-gc --import tsx).
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config.ts';
import { createBackup, restoreBackup, verifyBackup } from '../features/backup/index.ts';
import { SqliteStore } from '../pipeline/store/sqlite.ts';
import { numberArg, repo, syntheticScoredItems } from './synthetic.ts';

const ITEMS = numberArg('items', 100_000);
const SEED = numberArg('seed', 20210125);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  gc();
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

const root = mkdtempSync(join(tmpdir(), 'mediawatch-bench-backup-'));
try {
  const configDir = join(root, 'office/config');
  mkdirSync(configDir, { recursive: true });
  for (const file of ['abbreviations.yaml', 'official-facts.yaml', 'portal-defacement.yaml', 'topics'])
    cpSync(join(repo, 'config', file), join(configDir, file), { recursive: true });
  writeFileSync(
    join(configDir, 'mediawatch.yaml'),
    'store: { engine: sqlite, path: ../data/mediawatch.db }\nstatePath: ../data/crawl-state.json\nworkflow: { path: ../data/workflow.db }\n',
  );
  const config = loadConfig(join(configDir, 'mediawatch.yaml'));
  const itemsPath = join(root, 'office/data/mediawatch.db');

  process.stdout.write(`building a store of ${ITEMS.toLocaleString('en-US')} synthetic items...\n`);
  const store = new SqliteStore({ path: itemsPath });
  await store.init();
  const items = syntheticScoredItems(ITEMS, SEED);
  for (let i = 0; i < items.length; i += 5000) await store.upsertItems(items.slice(i, i + 5000));
  await store.close();
  const megabytes = statSync(itemsPath).size / 1e6;

  const copy = await timed(() => copyFileSync(itemsPath, join(root, 'plain-copy.db')));
  const backup = await timed(() => createBackup(config, { to: join(root, 'backups') }));
  const verify = await timed(() => verifyBackup(backup.value.folder));
  if (!verify.value.ok) throw new Error(`the backup did not verify: ${verify.value.problems.join('; ')}`);
  const restore = await timed(() => restoreBackup(backup.value.folder, { configPath: join(root, 'new-machine/config/mediawatch.yaml') }));
  // The first start after a restore rebuilds the full-text index; a search waits for it.
  const reopen = await timed(async () => {
    const restored = new SqliteStore({ path: join(root, 'new-machine/data/mediawatch.db') });
    await restored.init();
    await restored.refresh();
    const total = (await restored.queryItems({ q: 'dai hoi', page: 1, pageSize: 1 })).total;
    await restored.close();
    return total;
  });

  const rate = (seconds: number) => `${(megabytes / seconds).toFixed(0)} MB/s`;
  const rows = [
    ['plain file copy (baseline, unsafe while writing)', copy.seconds, rate(copy.seconds)],
    ['backup (online API, checksums, manifest, fsync)', backup.seconds, `${rate(backup.seconds)}, ${(backup.seconds / copy.seconds).toFixed(1)}× the copy`],
    ['backup verify (copy, integrity check, counts)', verify.seconds, rate(verify.seconds)],
    ['restore into a fresh folder (verify included)', restore.seconds, rate(restore.seconds)],
    ['first start after restore, index rebuilt, 1 search', reopen.seconds, `${reopen.value.toLocaleString('en-US')} items match "dai hoi"`],
  ] as const;
  process.stdout.write(`\n${ITEMS.toLocaleString('en-US')} items, item file ${megabytes.toFixed(0)} MB\n`);
  for (const [what, seconds, note] of rows) process.stdout.write(`${what.padEnd(52)} ${seconds.toFixed(2).padStart(7)} s   ${note}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
