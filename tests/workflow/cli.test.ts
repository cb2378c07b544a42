// The command-line side: `mediawatch users add|list|disable|enable|reset-password|token` and
// `mediawatch export-labels`, run through commander against a temporary config.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerExportLabels } from '../../cli/commands/export-labels.ts';
import { registerUsers } from '../../cli/commands/users.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { openWorkflow, passwordProblems, type Workflow } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';

let dir: string;
let configPath: string;
let out: string[];
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-cli-'));
  configPath = join(dir, 'mediawatch.yaml');
  writeFileSync(
    configPath,
    ['store:', '  engine: sqlite', '  path: data/items.db', 'workflow:', '  path: data/workflow.db', 'security:', '  scryptCost: 14', ''].join('\n'),
  );
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<void> {
  const program = new Command('mediawatch').exitOverride();
  registerUsers(program);
  registerExportLabels(program);
  await program.parseAsync(['node', 'mediawatch', ...args]);
}

function workflow(): Workflow {
  return openWorkflow({ path: join(dir, 'data/workflow.db') });
}

describe('mediawatch users', () => {
  it('adds the first admin with a generated, compliant, temporary password', async () => {
    await run('users', '-c', configPath, 'add', 'Chief', '--role', 'admin', '--display-name', 'Chánh văn phòng');
    const password = out.join('').trim();
    expect(passwordProblems(password)).toEqual([]);
    expect(err.join('')).toContain('must be changed at first login');
    const wf = workflow();
    try {
      expect(wf.users.get('chief')).toMatchObject({ role: 'admin', displayName: 'Chánh văn phòng', mustChangePassword: true });
      expect(await wf.auth.login('chief', password)).toMatchObject({ passwordChangeRequired: true });
      expect(wf.audit.query({ action: 'user.create' }).items[0].actor).toMatch(/^cli:/);
    } finally {
      wf.close();
    }
  });

  it('reads a password from standard input and enforces the policy on it', async () => {
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(['Tre-pass-2020\n']) as unknown as typeof process.stdin);
    await run('users', '-c', configPath, 'add', 'lan', '--role', 'analyst', '--password-stdin', '--no-must-change');
    expect(out.join('')).toBe('');
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(['weakpass\n']) as unknown as typeof process.stdin);
    await expect(run('users', '-c', configPath, 'add', 'minh', '--role', 'analyst', '--password-stdin')).rejects.toThrow(/more than 8|longer than 8/);
    const wf = workflow();
    try {
      expect(await wf.auth.login('lan', 'Tre-pass-2020')).toMatchObject({ passwordChangeRequired: false });
      expect(wf.users.get('minh')).toBeNull();
    } finally {
      wf.close();
    }
  });

  it('lists, disables, enables and resets passwords', async () => {
    await run('users', '-c', configPath, 'add', 'chief', '--role', 'admin');
    await run('users', '-c', configPath, 'add', 'hoa', '--role', 'spokesperson');
    out = [];
    await run('users', '-c', configPath, 'list');
    const table = out.join('');
    expect(table).toMatch(/^USER\s+ROLE\s+STATE/);
    expect(table).toMatch(/hoa\s+spokesperson\s+must change password/);

    await run('users', '-c', configPath, 'disable', 'hoa');
    out = [];
    await run('users', '-c', configPath, 'list', '--json');
    expect(JSON.parse(out.join('')).find((u: { username: string }) => u.username === 'hoa')).toMatchObject({ disabled: true });
    await expect(run('users', '-c', configPath, 'disable', 'chief')).rejects.toThrow(/last active admin/);
    await run('users', '-c', configPath, 'enable', 'hoa');

    out = [];
    await run('users', '-c', configPath, 'reset-password', 'hoa');
    const fresh = out.join('').trim();
    const wf = workflow();
    try {
      expect(wf.users.get('hoa')?.disabled).toBe(false);
      expect(await wf.auth.login('hoa', fresh)).toMatchObject({ passwordChangeRequired: true, reason: 'reset' });
      expect(wf.audit.query({ targetId: 'hoa' }).items.map((e) => e.action)).toEqual([
        'auth.login',
        'user.password_reset',
        'user.update',
        'user.update',
        'user.create',
      ]);
    } finally {
      wf.close();
    }
    await expect(run('users', '-c', configPath, 'reset-password', 'ghost')).rejects.toThrow(/no user/);
  });

  it('issues an API token for scripts, printed once', async () => {
    await run('users', '-c', configPath, 'add', 'chief', '--role', 'admin');
    out = [];
    await run('users', '-c', configPath, 'token', 'chief', '--name', 'nightly export', '--role', 'viewer', '--expires-days', '7');
    const token = out.join('').trim();
    expect(token).toMatch(/^mw_/);
    const wf = workflow();
    try {
      expect(wf.auth.token(token)).toMatchObject({ role: 'viewer', user: { username: 'chief' } });
    } finally {
      wf.close();
    }
  });

  it('rejects unknown roles', async () => {
    await expect(run('users', '-c', configPath, 'add', 'x1', '--role', 'boss')).rejects.toThrow(/--role must be one of/);
  });
});

describe('mediawatch export-labels', () => {
  it("writes the office's decisions as corpus lines and records the export", async () => {
    const rumour = makeItem(
      { title: 'Đại hội bị hoãn', text: 'Nghe nói đại hội bị hoãn.', kind: 'social', sourceId: 'nhom-a' },
      { congress: true, distortion: true },
    );
    const fine = makeItem({ title: 'Đại hội khai mạc', text: 'Đại hội khai mạc sáng nay.' }, { congress: true, distortion: true });
    const store = new SqliteStore({ path: join(dir, 'data/items.db') });
    await store.init();
    await store.upsertItems([rumour, fine]);
    const wf = openWorkflow({ path: join(dir, 'data/workflow.db'), store });
    const analyst = { username: 'lan', role: 'analyst' as const };
    await wf.reviews.transition(rumour.id, { to: 'in_review', version: 0 }, analyst);
    await wf.reviews.transition(rumour.id, { to: 'confirmed', version: 1 }, analyst);
    await wf.reviews.transition(fine.id, { to: 'in_review', version: 0 }, analyst);
    await wf.reviews.transition(fine.id, { to: 'dismissed', version: 1, reason: 'tin chính thức' }, analyst);
    wf.close();
    await store.close();

    const file = join(dir, 'labels.jsonl');
    await run('export-labels', '-c', configPath, '-o', file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.id, l.labels])).toEqual(
      expect.arrayContaining([
        [rumour.id, { congress: true, distortion: true }],
        [fine.id, { congress: true, distortion: false }],
      ]),
    );
    expect(lines).toHaveLength(2);
    expect(err.join('')).toContain('Exported 2 labelled items (1 confirmed distortions, 1 dismissed)');

    const check = workflow();
    try {
      expect(check.audit.query({ action: 'labels.export' }).items[0]).toMatchObject({ detail: { count: 2, destination: file } });
    } finally {
      check.close();
    }
  });
});
