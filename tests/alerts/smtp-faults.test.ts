// The mail server misbehaving, for urgent alerts and the scheduled digest: refusing (5xx, 4xx,
// connection refused) and timing out (accepts the connection and never answers, or takes the
// message and never confirms it). Real SMTP servers and sockets on 127.0.0.1; the ledger in a file.
// What must hold: retried with a bounded back-off, a clear error recorded, never lost (pending in
// the ledger, sent at a later cycle), never sent twice once a send was confirmed.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import { retryPendingDigests, runScheduledDigest } from '../../features/digest/index.ts';
import { alertAfterCrawl } from '../../features/alerts/index.ts';
import { AlertLedger } from '../../features/alerts/ledger.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { seededStore } from '../digest/seed.ts';
import { startTestSmtp, type TestSmtp, type TestSmtpOptions } from '../digest/smtp.ts';
import { makeItem } from '../helpers/items.ts';
import { closedPort } from '../helpers/ports.ts';

const NOW = new Date('2020-10-19T07:00:00+07:00');

let dir: string;
let store: SqliteStore;
let logs: Array<Record<string, unknown> & { msg: string }>;
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
const closers: Array<() => Promise<void>> = [];

async function smtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const server = await startTestSmtp(options);
  closers.push(() => server.close());
  return server;
}

/** Accepts connections and never says a word (a hung mail server). */
async function silentServer(): Promise<{ port: number; connections: number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return sockets.length;
    },
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function config(port: number, smtpExtra: Record<string, unknown> = {}): LoadedConfig {
  return parseConfig(
    {
      store: { engine: 'sqlite', path: join(dir, 'unused.db') },
      dashboardUrl: 'https://mw.example',
      email: {
        smtp: { host: '127.0.0.1', port, timeoutSecs: 5, attempts: 3, retryDelaySecs: 0.05, ...smtpExtra },
        from: 'mediawatch <canhbao@gialai.example>',
        alertRecipients: ['truc-ban@gialai.example'],
        digestRecipients: ['lanhdao@gialai.example'],
      },
      alerts: { statePath: join(dir, 'alerts.db') },
    },
    '<test>',
    dir,
  );
}

const urgent = (key: string) => ({
  ...makeItem(
    { title: `Tin ${key}: Đại hội bị hoãn`, text: `Nội dung ${key}`, url: `https://forum.example/${key}`, publishedAt: '2020-10-19T06:00:00+07:00' },
    { congress: true, distortion: true, scores: { congress: 0.9, distortion: 0.95 } },
  ),
  id: key,
});

async function alertCycle(cfg: LoadedConfig, keys: string[] = []) {
  const stored = keys.map(urgent);
  await store.upsertItems(stored);
  return alertAfterCrawl(cfg, { store, stored }, logger, { now: () => NOW });
}

function emailDeliveries(): Array<{ key: string; status: string; attempts: number; lastError?: string }> {
  const ledger = new AlertLedger(join(dir, 'alerts.db'));
  try {
    return ledger.list({ channel: 'email' }).map(({ key, status, attempts, lastError }) => ({ key, status, attempts, lastError }));
  } finally {
    ledger.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-smtp-faults-'));
  store = new SqliteStore({ path: ':memory:' });
  await store.init();
  logs = [];
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('urgent alerts when the mail server misbehaves', () => {
  it('retries a temporary refusal (451) with back-off within the cycle and sends the alert once', async () => {
    const server = await smtp({ failData: 2 });
    const result = await alertCycle(config(server.port), ['u1']);
    expect(result?.delivered.email).toEqual(['item:u1']);
    expect(server.sessions).toBe(3);
    expect(server.messages).toHaveLength(1);
    expect(emailDeliveries()).toEqual([{ key: 'item:u1', status: 'sent', attempts: 1, lastError: undefined }]);
  });

  it('keeps the alert pending when the server cannot be reached, and sends it once when it is back', async () => {
    const port = await closedPort();
    const cfg = config(port);
    await alertCycle(cfg, ['u1']);
    const [pending] = emailDeliveries();
    expect(pending).toMatchObject({ key: 'item:u1', status: 'pending' });
    expect(pending.lastError).toBe(`could not reach the mail server 127.0.0.1:${port} (connection refused) (3 tries)`);
    expect(logs.some((l) => l.channel === 'email' && l.msg.startsWith('urgent alert delivery failed; will retry'))).toBe(true);

    const back = await smtp({ port });
    await alertCycle(cfg);
    await alertCycle(cfg);
    expect(back.messages).toHaveLength(1);
    expect(back.messages[0].parsed.text).toContain('https://mw.example/items/u1');
    expect(emailDeliveries()).toMatchObject([{ key: 'item:u1', status: 'sent' }]);
  });

  it('does not hammer a server that refuses for good (550), and sends once the mailbox exists', async () => {
    const refusing = await smtp({ rejectRecipients: ['truc-ban@gialai.example'] });
    const cfg = config(refusing.port);
    await alertCycle(cfg, ['u1']);
    expect(refusing.sessions).toBe(1);
    expect(emailDeliveries()[0]).toMatchObject({
      status: 'pending',
      lastError: expect.stringMatching(/^the mail server 127\.0\.0\.1:\d+ refused the recipients: 550/),
    });
    await refusing.close();
    const fixed = await smtp({ port: refusing.port });
    await alertCycle(cfg);
    expect(fixed.messages).toHaveLength(1);
    await alertCycle(cfg);
    expect(fixed.messages).toHaveLength(1);
  });

  it('gives up on a server that never answers after the configured timeout, without retrying at once', async () => {
    const hung = await silentServer();
    closers.push(() => hung.close());
    const cfg = config(hung.port, { timeoutSecs: 0.3 });
    const started = Date.now();
    await alertCycle(cfg, ['u1']);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(hung.connections).toBe(1);
    expect(emailDeliveries()[0]).toMatchObject({ status: 'pending', lastError: `the mail server 127.0.0.1:${hung.port} did not answer within 0.3 s` });
    await hung.close();
    const back = await smtp({ port: hung.port });
    await alertCycle(cfg);
    expect(back.messages).toHaveLength(1);
  });

  it('resends a message whose delivery was never confirmed under the same Message-ID', async () => {
    // The hard case: the server took the message and stopped answering. It may or may not have
    // delivered it; the alert is resent at the next cycle (never lost), recognisably the same.
    const server = await smtp({ hangData: 1 });
    const cfg = config(server.port, { timeoutSecs: 0.5 });
    await alertCycle(cfg, ['u1']);
    expect(server.unconfirmed).toHaveLength(1);
    expect(emailDeliveries()[0].status).toBe('pending');
    await alertCycle(cfg);
    expect(server.messages).toHaveLength(1);
    const firstId = /^Message-ID: (.+)$/im.exec(server.unconfirmed[0].toString('utf8'))?.[1].trim();
    expect(firstId).toMatch(/^<alerts\.[0-9a-f]{32}@mediawatch>$/);
    expect(server.messages[0].parsed.messageId).toBe(firstId);
    await alertCycle(cfg);
    expect(server.messages).toHaveLength(1);
  });
});

describe('scheduled digest when the mail server misbehaves', () => {
  let seeded: SqliteStore;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await seeded.close();
  });

  it('keeps a refused week pending and sends it once on a later retry, never again after', async () => {
    const refusing = await smtp({ failData: 1, failDataCode: 554 });
    const cfg = config(refusing.port);
    await expect(runScheduledDigest(cfg, { store: seeded, now: NOW, logger })).rejects.toThrow(
      `the mail server 127.0.0.1:${refusing.port} refused the message: 554 message refused`,
    );
    expect(refusing.sessions).toBe(1);
    const ledger = new AlertLedger(join(dir, 'alerts.db'));
    expect(ledger.pendingDigests()).toMatchObject([{ week: '2020-W42', attempts: 1, lastError: expect.stringContaining('554') }]);
    ledger.close();

    const later = new Date(NOW.getTime() + 15 * 60_000);
    expect(await retryPendingDigests(cfg, { store: seeded, now: later, logger })).toEqual({ sent: ['2020-W42'], failed: [], expired: [] });
    expect(refusing.messages).toHaveLength(1);
    expect(refusing.messages[0].parsed.messageId).toBe('<digest.2020-W42@mediawatch>');
    expect(await retryPendingDigests(cfg, { store: seeded, now: later, logger })).toEqual({ sent: [], failed: [], expired: [] });
    expect(await runScheduledDigest(cfg, { store: seeded, now: later, logger })).toEqual({ week: '2020-W42', skipped: 'already sent or being sent' });
    expect(refusing.messages).toHaveLength(1);
  });

  it('retries while the server is down and gives up, loudly, after the retry window', async () => {
    const port = await closedPort();
    const cfg = config(port, { attempts: 1 });
    await expect(runScheduledDigest(cfg, { store: seeded, now: NOW })).rejects.toThrow(/could not reach the mail server/);
    const inWindow = await retryPendingDigests(cfg, { store: seeded, now: new Date(NOW.getTime() + 3_600_000), logger });
    expect(inWindow.failed).toEqual([{ week: '2020-W42', error: `could not reach the mail server 127.0.0.1:${port} (connection refused)` }]);
    const after = await retryPendingDigests(cfg, { store: seeded, now: new Date(NOW.getTime() + 25 * 3_600_000), logger });
    expect(after).toEqual({ sent: [], failed: [], expired: ['2020-W42'] });
    expect(logs.some((l) => l.msg.includes('weekly digest could not be sent within the retry window') && l.week === '2020-W42')).toBe(true);
  });
});
