// Backups of the SQLite engine, end to end: taken while a crawl process keeps writing, verified,
// restored into a fresh folder (a new machine) and compared item by item, user by user and
// entry by entry of the audit log; damaged backups reported by verify and refused by restore;
// a backup killed with SIGKILL leaves nothing that looks complete; restore refuses while
// `serve` runs.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configRelative, loadConfig } from '../../core/config.ts';
import { sourceRunsPath } from '../../crawlers/source-runs.ts';
import { createBackup, listBackups, readManifest, restoreBackup, RestoreRefused, verifyBackup, type BackupResult } from '../../features/backup/index.ts';
import { sha256File } from '../../features/backup/manifest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { openWorkflow } from '../../features/workflow/index.ts';
import { REPO } from '../store/es-env.ts';
import { makeInstance, populate, type Instance } from './instance.ts';
import { numberedItem } from './items.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-backup-'));
const children: ChildProcess[] = [];
const CLI = join(REPO, 'bin/mediawatch.js');

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

function storePath(instance: Instance): string {
  return configRelative(instance.config, (instance.config.store as { path: string }).path);
}

function itemCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM items').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Resolves with the child's first stdout line matching `pattern` (stderr too when asked). */
function waitForOutput(child: ChildProcess, pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const source = child[stream]!;
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        source.off('data', onData);
        resolve(match[0]);
      }
    };
    source.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing ${pattern}: ${seen}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SHA-256 of every file under a folder, by relative path. */
async function fingerprint(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = await sha256File(path);
    }
  };
  await walk(folder, '');
  return out;
}

describe('backup → verify → restore (SQLite engine)', () => {
  let source: Instance;
  let backup: BackupResult;
  let countBefore: number;
  let countAfter: number;

  beforeAll(async () => {
    source = makeInstance(join(tmp, 'office'));
    await populate(source, 3000);
    // A crawl keeps writing new items for the whole backup.
    const writer = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'tests/helpers/keep-writing.ts'), storePath(source), '100000'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(writer);
    await waitForOutput(writer, /^\d+\n/);
    countBefore = itemCount(storePath(source));
    backup = await createBackup(source.config);
    countAfter = itemCount(storePath(source));
    writer.kill('SIGTERM');
    await exited(writer);
    expect(writer.exitCode).toBe(0);
  });

  it('takes a consistent copy with a manifest while the crawl writes', async () => {
    expect(backup.folder).toMatch(/[\\/]backups[\\/]mediawatch-backup-\d{8}T\d{6}Z$/);
    const manifest = readManifest(backup.folder);
    expect(manifest.engine).toBe('sqlite');
    expect(manifest.items).toBeGreaterThanOrEqual(countBefore);
    expect(manifest.items).toBeLessThanOrEqual(countAfter);
    expect(countBefore).toBeGreaterThan(3000);
    const roles = manifest.files.map((file) => file.role);
    for (const role of ['items', 'workflow', 'alerts', 'portals', 'sourceRuns', 'crawlState'] as const) expect(roles).toContain(role);
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(['config/mediawatch.yaml', 'config/official-facts.yaml', 'config/topics/congress-2020.yaml', 'config/abbreviations.yaml']),
    );
    // The search index is rebuilt, not copied; no state file sneaks in through the config folder walk.
    expect(manifest.files.some((file) => /search|\.db-wal|\.db-shm/.test(file.path))).toBe(false);
    expect(manifest.searchIndex).toMatch(/rebuilt/);
    const workflow = manifest.files.find((file) => file.role === 'workflow')!;
    expect(workflow.counts).toMatchObject({ users: 2, review_notes: 3 });
    expect(workflow.counts!.audit_log).toBeGreaterThanOrEqual(6);
    for (const file of manifest.files) {
      expect(statSync(join(backup.folder, file.path)).size).toBe(file.bytes);
      expect(await sha256File(join(backup.folder, file.path))).toBe(file.sha256);
    }
    expect(manifest.versions).toMatchObject({ mediawatch: '0.1.0', node: process.version });
    expect(readdirSync(join(tmp, 'office/backups'))).toEqual([manifest.name]);
  });

  it('verifies: every database opens clean with the recorded counts and the audit chain intact', async () => {
    const report = await verifyBackup(backup.folder);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.join('\n')).toMatch(/data\/workflow\.db: audit log chain intact/);
    // Every table is counted, in name order (summary tables such as item_counts come first).
    expect(report.checks.join('\n')).toMatch(new RegExp(`data/items\\.db: opens, integrity ok, .*\\bitems ${backup.manifest.items}\\b`));
  });

  it('restores into a fresh folder: same items, users, reviews, audit log, crawl state and config', async () => {
    const configPath = join(tmp, 'new-machine/etc/mediawatch.yaml');
    const result = await restoreBackup(backup.folder, { configPath });
    expect(result.keptAside).toEqual([]);
    const restoredConfig = loadConfig(configPath);
    expect(configRelative(restoredConfig, restoredConfig.workflow.path)).toBe(join(tmp, 'new-machine/data/workflow.db'));

    const original = new SqliteStore({ path: storePath(source) });
    const restored = new SqliteStore({ path: join(tmp, 'new-machine/data/mediawatch.db') });
    await original.init();
    await restored.init();
    try {
      let compared = 0;
      for await (const batch of restored.scanItems(2000)) {
        for (const item of batch) {
          expect(item).toEqual(await original.getItem(item.id));
          compared++;
        }
      }
      expect(compared).toBe(backup.manifest.items);
      // The full-text index is rebuilt from the restored file: search finds what the crawl wrote.
      const written = await restored.queryItems({ q: 'ia grai', page: 1, pageSize: 1 });
      expect(written.total).toBe(backup.manifest.items - 3000);
      expect((await restored.queryItems({ q: 'dai hoi', page: 1, pageSize: 1 })).total).toBe(3000);
      const inReview = await restored.queryItems({ status: ['in_review'], page: 1, pageSize: 10 });
      expect(inReview.items.map((item) => item.title)).toEqual(['Bài 7 về Đại hội tỉnh Gia Lai']);

      const before = openWorkflow({ path: configRelative(source.config, source.config.workflow.path), store: original });
      const after = openWorkflow({ path: configRelative(restoredConfig, restoredConfig.workflow.path), store: restored });
      try {
        expect(after.users.list()).toEqual(before.users.list());
        expect(after.audit.verify()).toEqual(before.audit.verify());
        expect(after.audit.verify().ok).toBe(true);
        expect(after.audit.query({ pageSize: 1000 }).items).toEqual(before.audit.query({ pageSize: 1000 }).items);
        expect(after.reviews.list()).toEqual(before.reviews.list());
        // A restored user signs in with the password of the original office.
        const login = await after.auth.login('phantich', 'Ghi-chep-Kontum-2020', { ip: '127.0.0.1' });
        expect(login.user.username).toBe('phantich');
      } finally {
        before.close();
        after.close();
      }
    } finally {
      await original.close();
      await restored.close();
    }
    expect(readFileSync(join(tmp, 'new-machine/data/crawl-state.json'), 'utf8')).toBe(readFileSync(join(tmp, 'office/data/crawl-state.json'), 'utf8'));
    expect(readFileSync(join(tmp, 'new-machine/etc/topics/congress-2020.yaml'), 'utf8')).toBe(
      readFileSync(join(REPO, 'config/topics/congress-2020.yaml'), 'utf8'),
    );
    const runs = new Database(sourceRunsPath(restoredConfig), { readonly: true });
    expect(runs.prepare('SELECT source_id, status FROM source_runs').all()).toEqual([{ source_id: 'bao-a', status: 'ok' }]);
    runs.close();
  });

  it('restoring over an instance keeps what it replaces beside it', async () => {
    const configPath = join(tmp, 'new-machine/etc/mediawatch.yaml');
    // The restored office went on working: a new item that the backup does not have.
    const store = new SqliteStore({ path: join(tmp, 'new-machine/data/mediawatch.db') });
    await store.init();
    await store.upsertItems([numberedItem(999_999, 'Chư Păh')]);
    await store.close();
    const result = await restoreBackup(backup.folder, { configPath });
    const kept = result.keptAside.map((file) => file.path);
    expect(kept).toContain(join(tmp, 'new-machine/data/mediawatch.db'));
    expect(kept).toContain(join(tmp, 'new-machine/data/mediawatch.search.db'));
    // Unchanged config files are left alone.
    expect(kept.some((path) => path.endsWith('.yaml'))).toBe(false);
    expect(itemCount(join(tmp, 'new-machine/data/mediawatch.db'))).toBe(backup.manifest.items);
    const aside = result.keptAside.find((file) => file.path.endsWith('mediawatch.db'))!.keptAs;
    expect(itemCount(aside)).toBe(backup.manifest.items + 1);
  });
});

describe('config files kept outside the config folder', () => {
  it('are backed up under config-external/ and restored where the restored config points', async () => {
    const office = makeInstance(join(tmp, 'shared-facts-office'), { extra: 'officialFacts: ../shared/facts-sheet.yaml' });
    mkdirSync(join(tmp, 'shared-facts-office/shared'));
    cpSync(join(REPO, 'config/official-facts.yaml'), join(tmp, 'shared-facts-office/shared/facts-sheet.yaml'));
    const { folder, manifest } = await createBackup(office.config);
    expect(manifest.files).toContainEqual(
      expect.objectContaining({ path: 'config-external/officialFacts/facts-sheet.yaml', role: 'config', configKey: 'officialFacts' }),
    );
    await restoreBackup(folder, { configPath: join(tmp, 'shared-facts-new/config/mediawatch.yaml') });
    expect(readFileSync(join(tmp, 'shared-facts-new/shared/facts-sheet.yaml'), 'utf8')).toBe(readFileSync(join(REPO, 'config/official-facts.yaml'), 'utf8'));
  });
});

describe('state kept inside the config folder', () => {
  it('is backed up as state, once, without its companions and leftovers', async () => {
    const office = makeInstance(join(tmp, 'inside-office'), { store: '{ engine: sqlite, path: state/mediawatch.db }' });
    await populate(office, 30);
    writeFileSync(join(tmp, 'inside-office/config/state/mediawatch.db.pre-restore-20201016T000000Z'), 'an older store');
    const { manifest } = await createBackup(office.config);
    expect(
      manifest.files
        .filter((file) => file.path.startsWith('config/'))
        .map((file) => file.path)
        .sort(),
    ).toEqual([
      'config/abbreviations.yaml',
      'config/mediawatch.yaml',
      'config/official-facts.yaml',
      'config/portal-defacement.yaml',
      'config/topics/congress-2020.yaml',
      'config/topics/distortion-cues.yaml',
    ]);
    expect(manifest.files.find((file) => file.role === 'items')?.counts?.items).toBe(30);
  });
});

describe('damaged and incomplete backups', () => {
  let office: Instance;
  let good: string;

  beforeAll(async () => {
    office = makeInstance(join(tmp, 'damaged-office'));
    await populate(office, 300);
    good = (await createBackup(office.config, { to: join(tmp, 'damaged-backups') })).folder;
  });

  function damagedCopy(name: string, damage: (folder: string) => void): string {
    const folder = join(tmp, 'damaged-backups', `mediawatch-backup-20201016T0000${String(readdirSync(join(tmp, 'damaged-backups')).length).padStart(2, '0')}Z`);
    cpSync(good, folder, { recursive: true });
    damage(folder);
    return folder;
  }

  async function expectRefused(folder: string, problem: RegExp): Promise<void> {
    const report = await verifyBackup(folder);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(problem);
    const before = await fingerprint(join(tmp, 'damaged-office'));
    const attempt = restoreBackup(folder, { configPath: office.configPath });
    await expect(attempt).rejects.toThrow(RestoreRefused);
    await expect(attempt).rejects.toThrow(problem);
    // Nothing was touched.
    expect(await fingerprint(join(tmp, 'damaged-office'))).toEqual(before);
  }

  it('the good backup verifies', async () => {
    expect((await verifyBackup(good)).problems).toEqual([]);
  });

  it('a truncated file', async () => {
    const folder = damagedCopy('truncated', (dir) => truncateSync(join(dir, 'data/workflow.db'), 4096));
    await expectRefused(folder, /data\/workflow\.db: 4096 bytes, the manifest says \d+ \(truncated or changed\)/);
  });

  it('a file whose content no longer matches its checksum', async () => {
    const folder = damagedCopy('flipped', (dir) => {
      const path = join(dir, 'data/items.db');
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.from([0x42, 0x42, 0x42]), 0, 3, Math.floor(statSync(path).size / 2));
      closeSync(fd);
    });
    await expectRefused(folder, /data\/items\.db: SHA-256 does not match the manifest/);
  });

  it('a missing manifest', async () => {
    const folder = damagedCopy('no-manifest', (dir) => rmSync(join(dir, 'manifest.json')));
    await expectRefused(folder, /has no manifest\.json: it is not a complete mediawatch backup/);
  });

  it('a missing file', async () => {
    const folder = damagedCopy('missing', (dir) => rmSync(join(dir, 'data/alerts.db')));
    await expectRefused(folder, /data\/alerts\.db: missing from the backup/);
  });

  it('a manifest whose counts do not match the databases (checked by opening them)', async () => {
    const folder = damagedCopy('counts', (dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.files.find((file: { role: string }) => file.role === 'workflow').counts.users = 3;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    });
    await expectRefused(folder, /data\/workflow\.db: table users has 2 rows, the manifest says 3/);
  });

  it('`backup verify` exits 1 and says what is wrong; a good backup exits 0', () => {
    const bad = damagedCopy('cli', (dir) => truncateSync(join(dir, 'data/items.db'), 100));
    const failed = spawnSync(process.execPath, [CLI, 'backup', 'verify', bad], { cwd: REPO, encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/FAIL {2}data\/items\.db: 100 bytes/);
    expect(failed.stdout).toMatch(/is NOT usable \(1 problem\(s\)\); do not restore it/);
    const ok = spawnSync(process.execPath, [CLI, 'backup', 'verify', good], { cwd: REPO, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/verified: 300 items/);
  });
});

describe('a backup killed with SIGKILL half way', () => {
  it('leaves only a .partial folder that nothing takes for a backup; the next backup removes it', async () => {
    const office = makeInstance(join(tmp, 'killed-office'));
    await populate(office, 40_000);
    const root = join(tmp, 'killed-office/backups');
    const child = spawn(process.execPath, [CLI, 'backup', '--config', office.configPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    // The item store is copied last: once its copy appears, the backup is under way.
    let partial: string | undefined;
    const deadline = Date.now() + 60_000;
    while (!partial && Date.now() < deadline && child.exitCode === null) {
      const found = existsSync(root) ? readdirSync(root).find((name) => name.endsWith('.partial')) : undefined;
      if (found && existsSync(join(root, found, 'data/items.db'))) partial = found;
      else await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited(child);
    expect(partial, 'the backup finished before it could be killed').toBeDefined();
    expect(child.signalCode).toBe('SIGKILL');
    expect(readdirSync(root)).toEqual([partial]);
    expect(existsSync(join(root, partial!, 'manifest.json'))).toBe(false);
    expect(listBackups(root)).toEqual([]);
    const report = await verifyBackup(join(root, partial!));
    expect(report.problems.join('\n')).toMatch(/is an interrupted backup \("\.partial"\): it is incomplete/);
    await expect(restoreBackup(join(root, partial!), { configPath: office.configPath })).rejects.toThrow(RestoreRefused);

    const next = await createBackup(office.config);
    expect(next.removedPartials).toEqual([join(root, partial!)]);
    expect(readdirSync(root)).toEqual([next.manifest.name]);
    expect(next.manifest.items).toBe(40_000);
  });
});

describe('restore while mediawatch runs', () => {
  it('refuses while `serve` has the store open, naming the file and the process; works once it stopped', async () => {
    const office = makeInstance(join(tmp, 'serving-office'));
    await populate(office, 50);
    const { folder } = await createBackup(office.config);
    const serve = spawn(process.execPath, [CLI, 'serve', '--config', office.configPath, '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(serve);
    await waitForOutput(serve, /dashboard on http:\/\/[^\s]+/, 'stderr');
    const before = await fingerprint(join(tmp, 'serving-office/config'));
    const attempt = restoreBackup(folder, { configPath: office.configPath });
    await expect(attempt).rejects.toThrow(RestoreRefused);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(`${storePath(office)} is in use`);
    expect(message).toContain(`${configRelative(office.config, office.config.workflow.path)} is in use`);
    expect(message).toMatch(new RegExp(`pid ${serve.pid}: .*mediawatch\\.js serve`));
    expect(message).toMatch(/Nothing was changed/);
    expect(await fingerprint(join(tmp, 'serving-office/config'))).toEqual(before);

    const cli = spawnSync(process.execPath, [CLI, 'restore', folder, '--config', office.configPath], { cwd: REPO, encoding: 'utf8' });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/mediawatch: refusing to restore: mediawatch is running on this data/);

    serve.kill('SIGTERM');
    await exited(serve);
    const done = spawnSync(process.execPath, [CLI, 'restore', folder, '--config', office.configPath], { cwd: REPO, encoding: 'utf8' });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/restored mediawatch-backup-\d{8}T\d{6}Z \(50 items/);
    expect(done.stdout).toMatch(/kept aside .*mediawatch\.db\.pre-restore-\d{8}T\d{6}Z/);
  });
});
