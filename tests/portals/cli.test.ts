// `mediawatch portals check|accept|ack|list` through commander against a temporary config, and
// the portal checks `serve` arms on each portal's schedule.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerPortals } from '../../cli/commands/portals.ts';
import { loadConfig } from '../../core/config.ts';
import { openPortalStore, portalJobs, startPortalSchedules } from '../../features/portals/index.ts';
import type { TriggerFactory } from '../../features/schedules/scheduler.ts';
import { openWorkflow } from '../../features/workflow/index.ts';
import { CHANGING, LEXICON, memoryLogger, paths, TestPortal } from './helpers.ts';

let portal: TestPortal;
let configPath: string;
let out: string[];
let err: string[];
const savedLogLevel = process.env.LOG_LEVEL;

function writeConfig(portalExtra: Record<string, unknown> = {}): void {
  writeFileSync(
    configPath,
    stringify({
      crawler: { requestsPerMinute: 6000, timeoutSecs: 5 },
      workflow: { path: 'data/workflow.db' },
      portals: [
        { id: 'vpubnd', startUrls: [`${portal.url}/`], changingSelectors: CHANGING, schedule: '*/10 * * * *', ...portalExtra },
        { id: 'so-tttt', startUrls: [`${portal.url}/gioi-thieu.html`], linkDepth: 0, enabled: false },
      ],
      portalWatch: { lexicon: LEXICON, statePath: 'data/portals.db' },
    }),
  );
}

beforeEach(async () => {
  portal = await new TestPortal().start();
  configPath = join(portal.dir, 'mediawatch.yaml');
  writeConfig();
  out = [];
  err = [];
  process.env.LOG_LEVEL = 'silent';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
});
afterEach(async () => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
  if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = savedLogLevel;
  await portal.stop();
});

async function run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  out.length = 0;
  err.length = 0;
  process.exitCode = undefined;
  const program = new Command('mediawatch').exitOverride();
  registerPortals(program);
  await program.parseAsync(['node', 'mediawatch', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

function deface(): void {
  portal.overlay('defaced');
  portal.remove('van-ban/quyet-dinh-12.html');
  portal.redirect('/dich-vu-cong.html', 'https://dichvucong-gialai.spam.example/');
}

describe('mediawatch portals check', () => {
  it('exits 0 on a clean portal and 1 with the new incidents and their diffs after a defacement', async () => {
    const first = await run('portals', '-c', configPath, 'check');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('Portal vpubnd: 8 page(s) checked, 8 new, 0 new incident(s)');
    expect(first.stdout).not.toContain('so-tttt'); // disabled
    expect(first.stderr).toContain('No new incidents.');

    deface();
    const second = await run('portals', '-c', configPath, 'check');
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toContain('6 new incident(s)');
    expect(second.stdout).toMatch(/#\d+ \[critical\] new_origin: Xuất hiện mã script từ nguồn mới https:\/\/cdn\.evil-analytics\.example/);
    expect(second.stdout).toMatch(/#\d+ \[high\] stable_changed: Phần cố định "footer" đã thay đổi \(2 trang\)/);
    expect(second.stdout).toContain('    -Điện thoại: 0269 3824 441');
    expect(second.stdout).toContain('    +Hỗ trợ trực tuyến: Zalo 0988 000 111');
    expect(second.stdout).toContain('[critical] offsite_redirect');
    expect(second.stdout).toContain('[high] page_missing');
    expect(second.stdout).toContain('[critical] suspicious_terms');
    expect(second.stderr).toContain('6 new incident(s)');

    // Seen again: not new, exit 0, listed as still open.
    const third = await run('portals', '-c', configPath, 'check');
    expect(third.exitCode).toBe(0);
    expect(third.stdout).toContain('Still open:');
  });

  it('prints JSON with --json and checks only the portals named with --portal', async () => {
    await run('portals', '-c', configPath, 'check', '--portal', 'vpubnd');
    deface();
    const { stdout, exitCode } = await run('portals', '-c', configPath, 'check', '--json', '--portal', 'vpubnd', 'so-tttt');
    expect(exitCode).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.portals.map((p: { portalId: string }) => p.portalId)).toEqual(['vpubnd', 'so-tttt']);
    const [main, other] = json.portals;
    expect(main.newIncidents.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'favicon_changed',
      'new_origin',
      'offsite_redirect',
      'page_missing',
      'stable_changed',
      'suspicious_terms',
    ]);
    const footer = main.newIncidents.find((i: { kind: string }) => i.kind === 'stable_changed');
    expect(footer.diff).toContain('+Hỗ trợ trực tuyến');
    expect(paths(footer.pages)).toEqual(['/', '/lien-he.html']);
    // The second portal is checked for the first time: its (spammed) page raises at once.
    expect(other.newIncidents.map((i: { kind: string }) => i.kind)).toEqual(['suspicious_terms']);
    await expect(run('portals', '-c', configPath, 'check', '--portal', 'nope')).rejects.toThrow(/no portal "nope".*vpubnd, so-tttt/);
  });

  it('refuses a config whose selectors are not CSS', async () => {
    writeConfig({ stableSelectors: ['footer', 'div[unclosed'] });
    await expect(run('portals', '-c', configPath, 'check')).rejects.toThrow(/portals\[0\]\.stableSelectors: "div\[unclosed" is not a valid CSS selector/);
  });
});

describe('mediawatch portals accept | ack | list', () => {
  it('accepts the checked state as the baseline, audit-logged as an admin action from the command line', async () => {
    await expect(run('portals', '-c', configPath, 'accept', '--portal', 'vpubnd')).rejects.toThrow(/has not been checked yet/);
    await run('portals', '-c', configPath, 'check');
    deface();
    expect((await run('portals', '-c', configPath, 'check')).exitCode).toBe(1);
    const accepted = await run('portals', '-c', configPath, 'accept', '--portal', 'vpubnd', '--note', 'đã xác minh');
    expect(accepted.stderr).toMatch(
      /Accepted the state of 7 page\(s\) of "vpubnd" as its baseline, stopped watching 1 missing page\(s\), acknowledged incident\(s\) #1, #2, #3, #4, #5, #6\./,
    );
    const after = await run('portals', '-c', configPath, 'check');
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toContain('0 new incident(s), 0 open incident(s) seen again');
    const workflow = openWorkflow({ path: join(portal.dir, 'data/workflow.db') });
    try {
      const [entry] = workflow.audit.query({ action: 'portal.baseline.accept' }).items;
      expect(entry).toMatchObject({
        actorRole: 'admin',
        via: 'cli',
        targetId: 'vpubnd',
        detail: { acknowledgedIncidents: [1, 2, 3, 4, 5, 6], note: 'đã xác minh' },
      });
      expect(entry.actor).toMatch(/^cli:/);
    } finally {
      workflow.close();
    }
  });

  it('acknowledges one incident and lists incidents', async () => {
    await run('portals', '-c', configPath, 'check');
    deface();
    await run('portals', '-c', configPath, 'check');
    const listed = await run('portals', '-c', configPath, 'list', '--json', '--kind', 'offsite_redirect');
    const [incident] = JSON.parse(listed.stdout).items;
    expect(incident.status).toBe('open');
    const acked = await run('portals', '-c', configPath, 'ack', String(incident.id), '--note', 'chuyển sang cổng dịch vụ công mới');
    expect(acked.stderr).toContain(`Acknowledged #${incident.id}; its new state is now the baseline.`);
    await expect(run('portals', '-c', configPath, 'ack', String(incident.id))).rejects.toThrow(/already acknowledged/);
    await expect(run('portals', '-c', configPath, 'ack', '999')).rejects.toThrow(/no portal incident #999/);
    const open = await run('portals', '-c', configPath, 'list', '--status', 'open');
    expect(open.stdout.trim().split('\n')).toHaveLength(5);
    expect(open.stdout).not.toContain('offsite_redirect');
    const all = await run('portals', '-c', configPath, 'list');
    expect(all.stdout).toMatch(/offsite_redirect: .*\(acknowledged by cli:/);
    // The redirect was accepted: the next check does not raise it again.
    const next = await run('portals', '-c', configPath, 'check', '--json');
    expect(JSON.parse(next.stdout).portals[0].openSeenAgain.map((i: { kind: string }) => i.kind)).not.toContain('offsite_redirect');
  });
});

describe('scheduled portal checks (serve)', () => {
  it('arms one job per enabled portal with a schedule, and a tick detects the injected changes', async () => {
    const config = loadConfig(configPath);
    expect(portalJobs(config, memoryLogger().logger).map((job) => [job.name, job.cron, job.exclusiveGroup])).toEqual([
      ['portal:vpubnd', '*/10 * * * *', 'portals'],
    ]);
    const armed: Array<{ name: string; cron: string; timezone: string }> = [];
    const trigger: TriggerFactory = (job) => (armed.push(job), { stop: () => undefined });
    const { logger } = memoryLogger();
    const scheduler = startPortalSchedules(config, logger, { trigger });
    try {
      expect(armed).toEqual([{ name: 'portal:vpubnd', cron: '*/10 * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
      expect(await scheduler.tick('portal:vpubnd')).toBe('succeeded');
      deface();
      expect(await scheduler.tick('portal:vpubnd')).toBe('succeeded');
    } finally {
      await scheduler.stop();
    }
    const store = openPortalStore(config);
    try {
      expect(
        store
          .listIncidents({ status: 'open' })
          .items.map((incident) => incident.kind)
          .sort(),
      ).toEqual(['favicon_changed', 'new_origin', 'offsite_redirect', 'page_missing', 'stable_changed', 'suspicious_terms']);
    } finally {
      store.close();
    }
  });

  it('refuses to start with a broken portal config', () => {
    writeConfig({ changingSelectors: ['.news-list', '::nonsense('] });
    expect(() => startPortalSchedules(loadConfig(configPath), memoryLogger().logger, { trigger: () => ({ stop: () => undefined }) })).toThrow(
      /changingSelectors/,
    );
  });
});
