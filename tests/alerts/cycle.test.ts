// Urgent alerts end to end after a (simulated) crawl cycle: a real SQLite store, a real SMTP
// server and a real HTTP webhook receiver on 127.0.0.1, the ledger in a file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import { AlertLedger } from '../../features/alerts/ledger.ts';
import { alertAfterCrawl } from '../../features/alerts/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { startTestSmtp, type TestSmtp } from '../digest/smtp.ts';
import { makeItem } from '../helpers/items.ts';

const NOW = new Date('2020-10-15T10:00:00+07:00');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

interface Hook {
  url: string;
  bodies: Array<{ event: string; alert: { key: string; link: string; item: { id: string; title: string } } }>;
  headers: Array<Record<string, string | string[] | undefined>>;
  /** Status codes to answer, in order; 204 once exhausted. */
  statuses: number[];
  close(): Promise<void>;
}

async function startHook(): Promise<Hook> {
  const hook = { bodies: [], headers: [], statuses: [] } as unknown as Hook;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = hook.statuses.shift() ?? 204;
      if (status < 300) {
        hook.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        hook.headers.push(req.headers);
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`;
  hook.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return hook;
}

let dir: string;
let smtp: TestSmtp;
let hook: Hook;
let store: SqliteStore;
let logs: Array<Record<string, unknown> & { level: number; msg: string }>;
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

function config(overrides: Record<string, unknown> = {}, alerts: Record<string, unknown> = {}): LoadedConfig {
  return parseConfig(
    {
      store: { engine: 'sqlite', path: join(dir, 'unused.db') },
      dashboardUrl: 'https://mw.example',
      email: {
        smtp: { host: '127.0.0.1', port: smtp.port, timeoutSecs: 5 },
        from: 'mediawatch <canhbao@gialai.example>',
        alertRecipients: ['truc-ban@gialai.example', 'phat-ngon@gialai.example'],
      },
      alerts: { webhookUrl: hook.url, statePath: join(dir, 'alerts.db'), ...alerts },
      ...overrides,
    },
    '<test>',
    dir,
  );
}

function scored(key: string, opts: { distortion?: number; congress?: boolean; cluster?: string; at?: string; flagged?: boolean } = {}): ScoredItem {
  const distortion = opts.distortion ?? 0.2;
  const congress = opts.congress ?? true;
  const base = makeItem(
    { title: `Tin ${key}: Đại hội`, text: `Nội dung ${key}`, url: `https://forum.example/${key}`, publishedAt: opts.at ?? hoursAgo(1) },
    { congress, distortion: opts.flagged ?? distortion >= 0.5, scores: { congress: 0.9, distortion } },
  );
  return { ...base, id: key, clusterId: opts.cluster, flagged: opts.flagged ?? (congress && distortion >= 0.5) };
}

async function cycle(stored: ScoredItem[], cfg = config(), now = NOW) {
  await store.upsertItems(stored);
  return alertAfterCrawl(cfg, { store, stored }, logger, { now: () => now, webhook: { retryDelayMs: 5 } });
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  hook = await startHook();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-alerts-'));
  store = new SqliteStore({ path: ':memory:' });
  await store.init();
  logs = [];
  smtp.messages.length = 0;
  hook.bodies.length = 0;
  hook.headers.length = 0;
  hook.statuses.length = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('urgent alerts after a crawl cycle', () => {
  it('sends an urgent item once by e-mail and webhook, with a link to it; later cycles and restarts do not resend', async () => {
    const result = await cycle([scored('u1', { distortion: 0.93 }), scored('calm', { distortion: 0.6 })]);
    expect(result?.detected.map((a) => a.key)).toEqual(['item:u1']);

    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['truc-ban@gialai.example', 'phat-ngon@gialai.example']);
    expect(mail.parsed.subject).toBe('[KHẨN] Tin nghi sai lệch: Tin u1: Đại hội');
    expect(mail.parsed.text).toContain('Tin có mức nghi sai lệch 93% (ngưỡng cảnh báo 85%)');
    expect(mail.parsed.text).toContain('Xem trên bảng điều khiển: https://mw.example/items/u1');
    expect(mail.parsed.html).toContain('href="https://mw.example/items/u1"');
    expect(mail.parsed.headers.get('priority')).toBe('high');

    expect(hook.bodies).toHaveLength(1);
    expect(hook.bodies[0]).toMatchObject({ event: 'mediawatch.alert', alert: { key: 'item:u1', link: 'https://mw.example/items/u1', item: { id: 'u1' } } });
    expect(hook.headers[0]['content-type']).toMatch(/application\/json/);
    expect(hook.headers[0]['idempotency-key']).toBe('item:u1');
    expect((hook.bodies[0] as unknown as { text: string }).text).toBe(
      '[KHẨN] Tin có mức nghi sai lệch 93% (ngưỡng cảnh báo 85%): Tin u1: Đại hội https://mw.example/items/u1',
    );

    // The same item stored again (an updated page) in the next cycle, and a "restarted process"
    // (alertAfterCrawl opens the ledger file afresh every cycle): nothing goes out again.
    await cycle([scored('u1', { distortion: 0.95 })]);
    await cycle([scored('u1', { distortion: 0.95 })], config(), new Date(NOW.getTime() + 3_600_000));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(smtp.messages).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
    const ledger = new AlertLedger(join(dir, 'alerts.db'));
    expect(ledger.list({ key: 'item:u1' }).map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 1],
      ['log', 'sent', 1],
      ['webhook', 'sent', 1],
    ]);
    ledger.close();
  });

  it('puts every new alert of a cycle in one e-mail', async () => {
    await cycle([scored('u1', { distortion: 0.9 }), scored('u2', { distortion: 0.97 }), scored('u3', { distortion: 0.86 })]);
    const [mail] = await smtp.waitFor(1);
    expect(mail.parsed.subject).toBe('[KHẨN] 3 cảnh báo mới từ mediawatch');
    for (const id of ['u1', 'u2', 'u3']) expect(mail.parsed.text).toContain(`https://mw.example/items/${id}`);
    expect(hook.bodies.map((b) => b.alert.key).sort()).toEqual(['item:u1', 'item:u2', 'item:u3']);
  });

  it('logs a failing webhook, still e-mails, and retries the webhook alone next cycle', async () => {
    hook.statuses.push(500, 503, 502); // every attempt of the first cycle fails
    await cycle([scored('u1', { distortion: 0.9 })]);
    await smtp.waitFor(1);
    expect(hook.bodies).toHaveLength(0);
    const failure = logs.find((l) => l.msg.startsWith('urgent alert delivery failed'));
    expect(failure).toMatchObject({ level: 50, channel: 'webhook', alert: 'item:u1' });
    expect(String(failure?.err)).toContain('HTTP 502');
    expect(String(failure?.err)).not.toContain('secret-token'); // the URL's token stays out of logs

    // Next cycle: nothing new crawled, but the pending webhook delivery goes out.
    await cycle([]);
    expect(hook.bodies.map((b) => b.alert.key)).toEqual(['item:u1']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(smtp.messages).toHaveLength(1);
  });

  it('does not retry a webhook that answers 4xx within the cycle', async () => {
    hook.statuses.push(404);
    await cycle([scored('u1', { distortion: 0.9 })]);
    expect(hook.bodies).toHaveLength(0);
    expect(hook.statuses).toEqual([]); // exactly one request was made
    await cycle([]);
    expect(hook.bodies).toHaveLength(1);
  });

  it('keeps an alert the mail server refused and sends it at the next cycle', async () => {
    const flaky = await startTestSmtp({ failData: 1, failDataCode: 554 });
    try {
      const cfg = config({
        email: { smtp: { host: '127.0.0.1', port: flaky.port, timeoutSecs: 5 }, from: 'canhbao@gialai.example', alertRecipients: ['truc-ban@gialai.example'] },
      });
      await cycle([scored('u1', { distortion: 0.9 })], cfg);
      expect(flaky.messages).toHaveLength(0);
      expect(logs.some((l) => l.channel === 'email' && l.msg.startsWith('urgent alert delivery failed'))).toBe(true);
      await cycle([], cfg);
      const [mail] = await flaky.waitFor(1);
      expect(mail.parsed.text).toContain('https://mw.example/items/u1');
    } finally {
      await flaky.close();
    }
  });

  it('gives up, loudly, on an alert it could not deliver within the retry window', async () => {
    hook.statuses.push(500, 500, 500, 500, 500, 500);
    await cycle([scored('u1', { distortion: 0.9 })], config({}, { retryForHours: 1 }));
    await cycle([], config({}, { retryForHours: 1 }), new Date(NOW.getTime() + 30 * 60_000));
    hook.statuses.length = 0;
    await cycle([], config({}, { retryForHours: 1 }), new Date(NOW.getTime() + 2 * 3_600_000));
    expect(hook.bodies).toHaveLength(0);
    expect(logs.find((l) => l.msg.includes('giving up'))).toMatchObject({ level: 50, alert: 'item:u1', channel: 'webhook', attempts: 2 });
  });

  it('alerts on a cluster growing fast, once, linking to the cluster', async () => {
    // k1: 5 items in the last 6 hours, one flagged (but below the item threshold).
    const k1 = [1, 2, 3, 4].map((h) => scored(`k1-${h}`, { cluster: 'k1', at: hoursAgo(h) }));
    const k1Flagged = scored('k1-f', { cluster: 'k1', distortion: 0.6, at: hoursAgo(0.5) });
    // k2: 5 recent items, none flagged. k3: 6 items, but only 4 within the window.
    const k2 = [1, 2, 3, 4, 5].map((h) => scored(`k2-${h}`, { cluster: 'k2', at: hoursAgo(h) }));
    const k3 = [1, 2, 3, 4, 30, 40].map((h) => scored(`k3-${h}`, { cluster: 'k3', at: hoursAgo(h), distortion: h === 1 ? 0.6 : 0.2 }));
    await store.upsertItems([...k1, ...k2, ...k3]);
    const result = await cycle([k1Flagged, k2[0], k3[0]]);
    expect(result?.detected.map((a) => a.key)).toEqual(['cluster:k1']);
    const [mail] = await smtp.waitFor(1);
    expect(mail.parsed.subject).toBe('[KHẨN] Nội dung lan nhanh: Tin k1-4: Đại hội'); // the cluster's first item
    expect(mail.parsed.text).toContain('Nội dung đang lan nhanh: 5 tin trong 6 giờ qua, 1 tin cần chú ý');
    expect(mail.parsed.text).toContain('https://mw.example/clusters/k1');
    expect(hook.bodies[0].alert).toMatchObject({ key: 'cluster:k1', link: 'https://mw.example/clusters/k1' });

    // The cluster keeps growing: still one alert.
    await cycle([scored('k1-6', { cluster: 'k1', at: hoursAgo(0.1) })]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(smtp.messages).toHaveLength(1);
  });

  it('with no recipients configured, logs each urgent alert once', async () => {
    const cfg = config({ email: undefined }, { webhookUrl: undefined });
    await cycle([scored('u1', { distortion: 0.9 })], cfg);
    await cycle([scored('u1', { distortion: 0.9 })], cfg);
    const warnings = logs.filter((l) => l.msg.startsWith('urgent alert:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, alert: { key: 'item:u1', link: 'https://mw.example/items/u1' } });
    expect(smtp.messages).toHaveLength(0);
    expect(hook.bodies).toHaveLength(0);
  });

  it('does nothing when alerts are disabled', async () => {
    const result = await cycle([scored('u1', { distortion: 0.99 })], config({}, { enabled: false }));
    expect(result).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(smtp.messages).toHaveLength(0);
    expect(hook.bodies).toHaveLength(0);
  });
});
