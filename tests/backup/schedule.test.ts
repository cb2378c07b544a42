// The scheduled backup of `serve`: a backup per tick into backup.dir, the newest backup.keep
// kept, interrupted leftovers removed; a failing backup raises an urgent alert by e-mail (real
// SMTP server) and webhook (real HTTP server) and the job is reported failed.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups, readManifest } from '../../features/backup/index.ts';
import { startSchedules } from '../../features/schedules/index.ts';
import type { TriggerFactory } from '../../features/schedules/scheduler.ts';
import { startTestSmtp } from '../digest/smtp.ts';
import { makeInstance, populate } from './instance.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-backup-schedule-'));
type Log = Record<string, unknown> & { level: number; msg: string };
const logs: Log[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function manualTrigger(): { factory: TriggerFactory; armed: Array<{ name: string; cron: string }> } {
  const armed: Array<{ name: string; cron: string }> = [];
  return { armed, factory: (job) => (armed.push({ name: job.name, cron: job.cron }), { stop: () => undefined }) };
}

describe('schedules.backup', () => {
  it('backs up on each tick and keeps the newest backup.keep, removing interrupted leftovers', async () => {
    const office = makeInstance(join(tmp, 'office'), { extra: 'schedules: { backup: "0 2 * * *" }' });
    await populate(office, 30);
    const root = join(tmp, 'office/backups');
    // Left by a backup that was killed: no live owner.
    mkdirSync(join(root, 'mediawatch-backup-20201001T000000Z.partial/data'), { recursive: true });
    writeFileSync(join(root, 'mediawatch-backup-20201001T000000Z.partial/data/items.db'), 'half');
    // Not ours: never touched.
    writeFileSync(join(root, 'notes.txt'), 'ghi chú của quản trị viên');
    // A backup still being written by a live process (a manual `backup` beside the schedule): left alone.
    const writer = spawn('sleep', ['60']);
    mkdirSync(join(root, 'mediawatch-backup-20201016T185959Z.partial'));
    writeFileSync(join(root, 'mediawatch-backup-20201016T185959Z.partial/.owner.json'), JSON.stringify({ pid: writer.pid, host: hostname() }));

    let day = Date.parse('2020-10-16T19:00:00Z');
    const trigger = manualTrigger();
    const scheduler = startSchedules(office.config, logger, { trigger: trigger.factory, now: () => new Date(day) });
    expect(trigger.armed).toEqual([{ name: 'backup', cron: '0 2 * * *' }]);
    for (let run = 0; run < 5; run++) {
      expect(await scheduler.tick('backup')).toBe('succeeded');
      day += 86_400_000;
    }
    await scheduler.stop();
    writer.kill();
    // keep: 3 in the instance's config.
    expect(listBackups(root).map((folder) => readManifest(folder).createdAt)).toEqual([
      '2020-10-18T19:00:00.000Z',
      '2020-10-19T19:00:00.000Z',
      '2020-10-20T19:00:00.000Z',
    ]);
    expect(readdirSync(root).sort()).toEqual([
      'mediawatch-backup-20201016T185959Z.partial',
      'mediawatch-backup-20201018T190000Z',
      'mediawatch-backup-20201019T190000Z',
      'mediawatch-backup-20201020T190000Z',
      'notes.txt',
    ]);
  });

  it('a failing backup sends an urgent alert by e-mail and webhook, and the job is reported failed', async () => {
    const smtp = await startTestSmtp();
    const hooks: unknown[] = [];
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        hooks.push(JSON.parse(body));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    try {
      const office = makeInstance(join(tmp, 'broken'), {
        extra: [
          'schedules: { backup: "0 2 * * *" }',
          `email: { smtp: { host: 127.0.0.1, port: ${smtp.port} }, from: "mediawatch <mw@so-tt.example>", alertRecipients: [trucban@so-tt.example] }`,
          `alerts: { webhookUrl: "http://127.0.0.1:${port}/hook" }`,
        ].join('\n'),
      });
      // The backup folder cannot be created: a file stands where it should be.
      writeFileSync(join(tmp, 'broken/backups'), 'not a folder');
      const trigger = manualTrigger();
      const scheduler = startSchedules(office.config, logger, { trigger: trigger.factory });
      expect(await scheduler.tick('backup')).toBe('failed');
      await scheduler.stop();

      const [mail] = await smtp.waitFor(1);
      expect(mail.to).toEqual(['trucban@so-tt.example']);
      expect(mail.parsed.subject).toBe('[KHẨN] Sao lưu mediawatch thất bại');
      expect(mail.parsed.text).toContain(`Lý do: backup into ${join(tmp, 'broken/backups')} failed: a file stands where a folder is needed`);
      expect(hooks).toEqual([
        expect.objectContaining({ event: 'mediawatch.backup_failed', error: expect.stringMatching(/a file stands where a folder is needed/) }),
      ]);
      expect(scheduler.status()[0]).toMatchObject({ name: 'backup', failures: 1, lastError: expect.stringMatching(/backup into .* failed/) });
      expect(logs.some((log) => log.level === 50 && /^backup failed: /.test(log.msg))).toBe(true);
    } finally {
      await smtp.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
