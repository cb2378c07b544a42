// The scheduler: overlap guard, failures, exclusive groups and shutdown with a hand-fired
// trigger; the real node-cron trigger and its time zone; the jobs built from the config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config.ts';
import { planSources, startSchedules } from '../../features/schedules/index.ts';
import { cronTrigger, Scheduler, type TriggerFactory } from '../../features/schedules/scheduler.ts';

type Log = Record<string, unknown> & { level: number; msg: string };
let logs: Log[];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

/** A trigger the test fires by hand. */
function manualTrigger() {
  const fires = new Map<string, () => void>();
  const armed: Array<{ name: string; cron: string; timezone: string }> = [];
  const stopped: string[] = [];
  const factory: TriggerFactory = (job, fire) => {
    fires.set(job.name, fire);
    armed.push(job);
    return { stop: () => void stopped.push(job.name) };
  };
  return { factory, fires, armed, stopped };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 10));

let dir: string;
beforeEach(() => {
  logs = [];
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-sched-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Scheduler', () => {
  it('never runs the same job twice at once: a tick during a run is skipped and logged', async () => {
    const gate = deferred();
    let runs = 0;
    const scheduler = new Scheduler([{ name: 'slow', cron: '* * * * *', run: async () => (runs++, gate.promise) }], { timezone: 'Asia/Ho_Chi_Minh', logger });
    const first = scheduler.tick('slow');
    expect(await scheduler.tick('slow')).toBe('skipped');
    expect(await scheduler.tick('slow')).toBe('skipped');
    expect(runs).toBe(1);
    expect(logs.filter((l) => l.msg.includes('still in progress'))).toHaveLength(2);
    gate.resolve();
    expect(await first).toBe('succeeded');
    expect(await scheduler.tick('slow')).toBe('succeeded');
    expect(runs).toBe(2);
  });

  it('logs a failed run and runs the job again at the next tick', async () => {
    let calls = 0;
    const scheduler = new Scheduler(
      [
        {
          name: 'flaky',
          cron: '* * * * *',
          run: async () => {
            if (++calls === 1) throw new Error('SMTP down');
          },
        },
      ],
      { timezone: 'Asia/Ho_Chi_Minh', logger },
    );
    expect(await scheduler.tick('flaky')).toBe('failed');
    const failure = logs.find((l) => l.level === 50);
    expect(failure).toMatchObject({ job: 'flaky', consecutiveFailures: 1, msg: 'scheduled job failed; it runs again at the next tick' });
    expect((failure?.err as { message: string }).message).toBe('SMTP down');
    expect(scheduler.status()[0]).toMatchObject({ failures: 1, consecutiveFailures: 1, lastError: 'SMTP down', running: false });
    expect(await scheduler.tick('flaky')).toBe('succeeded');
    expect(scheduler.status()[0]).toMatchObject({ runs: 2, failures: 1, consecutiveFailures: 0 });
  });

  it('queues jobs of one exclusive group behind each other', async () => {
    const gateA = deferred();
    const events: string[] = [];
    const scheduler = new Scheduler(
      [
        { name: 'crawl:a', cron: '* * * * *', exclusiveGroup: 'crawl', run: async () => (events.push('a start'), await gateA.promise, events.push('a end')) },
        { name: 'crawl:b', cron: '* * * * *', exclusiveGroup: 'crawl', run: async () => void events.push('b') },
        { name: 'digest', cron: '* * * * *', run: async () => void events.push('digest') },
      ],
      { timezone: 'Asia/Ho_Chi_Minh', logger },
    );
    const a = scheduler.tick('crawl:a');
    const b = scheduler.tick('crawl:b');
    await scheduler.tick('digest'); // not in the group: runs at once
    await flush();
    expect([...events].sort()).toEqual(['a start', 'digest']);
    expect(await scheduler.tick('crawl:b')).toBe('skipped'); // b is already waiting
    gateA.resolve();
    expect(await a).toBe('succeeded');
    expect(await b).toBe('succeeded');
    expect(events.filter((e) => e !== 'digest')).toEqual(['a start', 'a end', 'b']);
  });

  it('stops its triggers and waits for a running job on stop; later ticks do nothing', async () => {
    const trigger = manualTrigger();
    const gate = deferred();
    let finished = false;
    const scheduler = new Scheduler([{ name: 'job', cron: '*/5 * * * *', run: async () => (await gate.promise, (finished = true)) }], {
      timezone: 'Asia/Ho_Chi_Minh',
      logger,
      trigger: trigger.factory,
    }).start();
    expect(trigger.armed).toEqual([{ name: 'job', cron: '*/5 * * * *', timezone: 'Asia/Ho_Chi_Minh' }]);
    trigger.fires.get('job')!();
    const stopping = scheduler.stop();
    await flush();
    expect(trigger.stopped).toEqual(['job']);
    expect(finished).toBe(false);
    gate.resolve();
    await stopping;
    expect(finished).toBe(true);
    expect(await scheduler.tick('job')).toBe('skipped');
  });
});

describe('node-cron trigger', () => {
  it('fires on its schedule until stopped', async () => {
    let ticks = 0;
    const scheduler = new Scheduler([{ name: 'every-second', cron: '* * * * * *', run: async () => void ticks++ }], {
      timezone: 'Asia/Ho_Chi_Minh',
      logger,
      trigger: cronTrigger,
    }).start();
    const deadline = Date.now() + 5000;
    while (ticks < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await scheduler.stop();
    expect(ticks).toBeGreaterThanOrEqual(2);
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(ticks).toBe(after);
  });

  it("reports a tick missed while the process was busy in the job's log, not on the console", async () => {
    const console = { warn: vi.spyOn(globalThis.console, 'warn'), error: vi.spyOn(globalThis.console, 'error') };
    const handle = cronTrigger({ name: 'busy', cron: '* * * * * *', timezone: 'Asia/Ho_Chi_Minh' }, () => {}, logger);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // Hold the event loop past several ticks, as a long synchronous job would.
      const until = Date.now() + 2500;
      while (Date.now() < until);
      const deadline = Date.now() + 3000;
      const missed = () => logs.find((log) => log.job === 'busy' && log.level === 40 && /missed execution/.test(log.msg));
      while (!missed() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(missed()).toBeDefined();
      expect(console.warn).not.toHaveBeenCalled();
      expect(console.error).not.toHaveBeenCalled();
    } finally {
      handle.stop();
      console.warn.mockRestore();
      console.error.mockRestore();
    }
  });

  it('reads cron expressions in Asia/Ho_Chi_Minh time', async () => {
    const handle = cronTrigger({ name: 'digest-tz', cron: '0 7 * * 1', timezone: 'Asia/Ho_Chi_Minh' }, () => {});
    try {
      const next = handle.nextRun?.();
      expect(next).toBeInstanceOf(Date);
      // Monday 07:00 in Vietnam is Monday 00:00 UTC.
      expect([next!.getUTCDay(), next!.getUTCHours(), next!.getUTCMinutes()]).toEqual([1, 0, 0]);
    } finally {
      handle.stop();
    }
  });
});

describe('jobs from the config', () => {
  const sources = [
    { id: 'bao-a', kind: 'rss', url: 'https://a.example/rss' },
    { id: 'bao-b', kind: 'rss', url: 'https://b.example/rss' },
    { id: 'forum', kind: 'rss', url: 'https://forum.example/rss' },
    { id: 'old', kind: 'rss', url: 'https://old.example/rss', enabled: false },
  ];
  const email = { smtp: { host: '127.0.0.1', port: 2525 }, from: 'mw@gialai.example', digestRecipients: ['ld@gialai.example'] };

  it('maps crawl entries onto per-source intervals and arms the other jobs', async () => {
    const config = parseConfig(
      {
        sources,
        email,
        schedules: {
          crawl: [{ name: 'forum', cron: '*/10 * * * *', sources: ['forum'] }, { cron: '0 * * * *' }],
          digest: '0 7 * * 1',
          retention: '30 3 * * *',
        },
      },
      '<test>',
      dir,
    );
    expect(planSources(config)).toEqual([
      { id: 'bao-a', everyMs: 3_600_000 },
      { id: 'bao-b', everyMs: 3_600_000 },
      { id: 'forum', everyMs: 600_000 },
    ]);
    const trigger = manualTrigger();
    const calls: string[] = [];
    const scheduler = startSchedules(config, logger, {
      trigger: trigger.factory,
      runners: {
        digest: async () => void calls.push('digest'),
        digestRetry: async () => void calls.push('digest-retry'),
        retention: async () => void calls.push('retention'),
      },
    });
    expect(trigger.armed).toEqual([
      { name: 'digest', cron: '0 7 * * 1', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'digest-retry', cron: '*/15 * * * *', timezone: 'Asia/Ho_Chi_Minh' },
      { name: 'retention', cron: '30 3 * * *', timezone: 'Asia/Ho_Chi_Minh' },
    ]);
    for (const name of scheduler.jobNames) await scheduler.tick(name);
    expect(calls).toEqual(['digest', 'digest-retry', 'retention']);
    await scheduler.stop();
  });

  it('starts nothing when no schedule is configured', async () => {
    const trigger = manualTrigger();
    const scheduler = startSchedules(parseConfig({ sources }, '<test>', dir), logger, { trigger: trigger.factory });
    expect(scheduler.jobNames).toEqual([]);
    await scheduler.stop();
  });

  it('rejects schedules that cannot work, naming the key', () => {
    const bad =
      (schedules: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        parseConfig({ sources, schedules, ...extra }, '<test>', dir);
    expect(bad({ digest: '0 25 * * 1' })).toThrow(/schedules\.digest: is not a valid cron expression \("0 25 \* \* 1": 25 is a invalid expression for hour\)/);
    expect(bad({ crawl: [{ cron: 'every hour' }] })).toThrow(/schedules\.crawl\[0\]\.cron: is not a valid cron expression/);
    expect(bad({ retention: '' })).toThrow(/schedules\.retention: is not a valid cron expression/);
    expect(bad({ timezone: 'Asia/Hanoi_City' })).toThrow(/schedules\.timezone: is not a known IANA time zone/);
    expect(bad({ crawl: [{ cron: '0 * * * *', sources: ['forum', 'nope'] }] })).toThrow(/schedules\.crawl\[0\]\.sources\[1\]: unknown source "nope"/);
    expect(bad({ crawl: [{ cron: '0 * * * *', every: 5 }] })).toThrow(/schedules\.crawl\[0\]: unknown key\(s\): every/);
    expect(bad({}, { alerts: { distortionThreshold: 1.5 } })).toThrow(/alerts\.distortionThreshold/);
    expect(bad({}, { email: { ...email, from: 'not an address' } })).toThrow(/email\.from: must be "addr@example.org" or "Name <addr@example.org>"/);
    expect(bad({}, { email: { ...email, smtp: { host: 'h', auth: { user: 'u', pass: 'p', passEnv: 'P' } } } })).toThrow(
      /email\.smtp\.auth: needs exactly one of pass or passEnv/,
    );
    expect(bad({}, { email: { ...email, alertRecipients: ['x'] } })).toThrow(/email\.alertRecipients\[0\]: must be an e-mail address/);

    expect(bad({ digest: '0 7 * * 1' })).toThrow(ConfigError);
    expect(bad({ digest: '0 7 * * 1' })).toThrow(/schedules\.digest: needs the "email" section with smtp, from and digestRecipients/);
    expect(bad({ digest: '0 7 * * 1' }, { email: { ...email, digestRecipients: [] } })).toThrow(/schedules\.digest: needs the "email" section/);
    const allNamed = parseConfig(
      { sources, schedules: { crawl: [{ cron: '0 * * * *', sources: ['bao-a', 'bao-b', 'forum'] }, { cron: '0 0 * * *' }] } },
      '<test>',
      dir,
    );
    expect(() => planSources(allNamed)).toThrow(/schedules\.crawl: the entry without sources has no sources to crawl/);
  });
});
