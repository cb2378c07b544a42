// The digest over real SMTP: a server on 127.0.0.1 receives it, mailparser reads it back.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerDigest } from '../../cli/commands/digest.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import { runDigest, runScheduledDigest } from '../../features/digest/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { seededStore, seedItems } from './seed.ts';
import { startTestSmtp, type TestSmtp, type TestSmtpOptions } from './smtp.ts';

const RECIPIENTS = ['lanhdao@gialai.example', 'vanphong@gialai.example'];
// Monday 19/10/2020 07:00 in Vietnam: the last complete week is 2020-W42.
const NOW = new Date('2020-10-19T07:00:00+07:00');

let dir: string;
let store: SqliteStore;
const servers: TestSmtp[] = [];

async function smtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const server = await startTestSmtp(options);
  servers.push(server);
  return server;
}

function config(port: number, smtpExtra: Record<string, unknown> = {}, email: Record<string, unknown> = {}): LoadedConfig {
  return parseConfig(
    {
      store: { engine: 'sqlite', path: join(dir, 'unused.db') },
      dashboardUrl: 'https://mediawatch.gialai.example/',
      sources: [
        { id: 'bao-a', name: 'Báo A Gia Lai', kind: 'rss', url: 'https://bao-a.example/rss', enabled: false },
        { id: 'forum', name: 'Diễn đàn Phố Núi', kind: 'rss', url: 'https://forum.example/rss', enabled: false },
      ],
      email: {
        smtp: { host: '127.0.0.1', port, timeoutSecs: 5, ...smtpExtra },
        from: 'Văn phòng báo chí <baochi@gialai.example>',
        digestRecipients: RECIPIENTS,
        ...email,
      },
    },
    '<test>',
    dir,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-digest-'));
  store = await seededStore();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  delete process.env.MW_TEST_SMTP_PASS;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('weekly digest e-mail', () => {
  it('sends the last complete week as Vietnamese HTML with CID charts and a plain-text part', async () => {
    const server = await smtp();
    const result = await runDigest(config(server.port), { store, now: NOW });
    expect(result.week).toBe('2020-W42');
    const [mail] = await server.waitFor(1);
    const { parsed } = mail;

    expect(mail.to).toEqual(RECIPIENTS);
    expect(mail.from).toBe('baochi@gialai.example');
    expect(parsed.from?.value[0]).toEqual({ address: 'baochi@gialai.example', name: 'Văn phòng báo chí' });
    expect(parsed.subject).toBe('Bản tin theo dõi báo chí Tuần 42/2020 (12/10 – 18/10/2020): 12 tin, 4 tin cần chú ý');
    expect(parsed.headers.get('x-mediawatch-digest')).toBe('2020-W42');

    // Plain-text part: the same figures, readable without HTML.
    const text = parsed.text ?? '';
    expect(text).toContain('Tổng số tin thu thập: 12. Tuần trước: 8 (tăng 50,0%)');
    expect(text).toContain('Tin cần chú ý (nghi sai lệch): 4. Tuần trước: 1 (tăng 300,0%)');
    expect(text).toContain('Đã phản hồi: 2 / 4 tin cần chú ý (50,0%)');
    expect(text).toContain('Thứ Tư 14/10/2020: 0 tin');
    expect(text).toContain('https://mediawatch.gialai.example/items/c1-f');
    expect(text).toContain('Báo A Gia Lai: 6 tin (tuần trước 5, +20,0%), 2 cần chú ý');

    // HTML part: inline styles only, table layout, escaped crawled text, links into the dashboard.
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    expect(html).toContain('<html lang="vi">');
    expect(html).not.toMatch(/<style|<link|<script/i);
    expect(html).toMatch(/<table role="presentation" width="600"/);
    expect(html).toContain('Tuần trước: 8 (tăng 50,0%)');
    expect(html).toContain('Đã phản hồi <b>2</b> / 4 tin cần chú ý (50,0%)');
    expect(html).toContain('Tin đồn &lt;b&gt;&quot;hoãn Đại hội&quot;&lt;/b&gt; &amp; danh sách nhân sự');
    expect(html).not.toContain('<b>"hoãn');
    expect(html).toContain('href="https://mediawatch.gialai.example/items/c1-f"');
    expect(html).toContain('href="https://mediawatch.gialai.example/clusters/c1"');
    expect(html).toContain('href="https://mediawatch.gialai.example/items?from=2020-10-12&amp;to=2020-10-18&amp;flagged=true&amp;sort=distortion"');
    expect(html).toContain('Bài gốc: Đại hội Đảng bộ tỉnh khai mạc');

    // Two PNG charts, inline, each referenced by its Content-ID from the HTML.
    const images = parsed.attachments.filter((a) => a.contentType === 'image/png');
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.contentDisposition).toBe('inline');
      expect(image.cid).toMatch(/@mediawatch$/);
      expect(html).toContain(`src="cid:${image.cid}"`);
      expect(image.content.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(image.content.length).toBeGreaterThan(5000);
    }
    expect(mail.raw.toString('latin1')).toMatch(/multipart\/related/i);
    expect(mail.raw.toString('latin1')).toMatch(/multipart\/alternative/i);
  });

  it('sends the week and recipients asked for', async () => {
    const server = await smtp();
    await runDigest(config(server.port), { store, now: NOW, week: '2020-W41', to: ['thuky@gialai.example'] });
    const [mail] = await server.waitFor(1);
    expect(mail.to).toEqual(['thuky@gialai.example']);
    expect(mail.parsed.subject).toContain('Tuần 41/2020 (05/10 – 11/10/2020): 8 tin, 1 tin cần chú ý');
  });

  it('logs in with the password from the environment variable the config names', async () => {
    const server = await smtp({ auth: { user: 'mediawatch', pass: 'bí-mật-123' } });
    const withEnv = config(server.port, { auth: { user: 'mediawatch', passEnv: 'MW_TEST_SMTP_PASS' } });

    await expect(runDigest(withEnv, { store, now: NOW })).rejects.toThrow(/MW_TEST_SMTP_PASS is not set/);
    process.env.MW_TEST_SMTP_PASS = 'sai';
    await expect(runDigest(withEnv, { store, now: NOW })).rejects.toThrow(/Invalid username or password|535/);
    expect(server.messages).toHaveLength(0);

    process.env.MW_TEST_SMTP_PASS = 'bí-mật-123';
    await runDigest(withEnv, { store, now: NOW });
    const [mail] = await server.waitFor(1);
    expect(mail.user).toBe('mediawatch');
  });

  it('with requireTLS, refuses to send in clear and verifies the certificate unless told not to', async () => {
    const plain = await smtp();
    await expect(runDigest(config(plain.port, { requireTLS: true }), { store, now: NOW })).rejects.toThrow(/STARTTLS/i);
    expect(plain.messages).toHaveLength(0);

    // smtp-server's built-in certificate is self-signed: refused by default...
    const tls = await smtp({ startTls: true });
    await expect(runDigest(config(tls.port, { requireTLS: true }), { store, now: NOW })).rejects.toThrow(/certificate/i);
    expect(tls.messages).toHaveLength(0);
    // ...accepted when the operator says so, and the message then travels encrypted.
    await runDigest(config(tls.port, { requireTLS: true, tls: { rejectUnauthorized: false } }), { store, now: NOW });
    const [mail] = await tls.waitFor(1);
    expect(mail.secure).toBe(true);
  });

  it('reports recipients the server refused', async () => {
    const server = await smtp({ rejectRecipients: ['vanphong@gialai.example'] });
    const result = await runDigest(config(server.port), { store, now: NOW });
    expect(result.sentTo).toEqual(['lanhdao@gialai.example']);
    expect(result.rejected).toEqual(['vanphong@gialai.example']);
    const [mail] = await server.waitFor(1);
    expect(mail.to).toEqual(['lanhdao@gialai.example']);
  });

  it('writes a standalone preview instead of sending with --dry-run', async () => {
    const server = await smtp();
    const file = join(dir, 'preview', 'digest.html');
    const result = await runDigest(config(server.port), { store, now: NOW, dryRun: file });
    expect(result.files).toEqual([file, join(dir, 'preview', 'digest.txt')]);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).not.toContain('cid:');
    expect(readFileSync(join(dir, 'preview', 'digest.txt'), 'utf8')).toContain('Tổng số tin thu thập: 12.');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.messages).toHaveLength(0);
  });

  it('says what is missing when e-mail is not configured', async () => {
    const bare = parseConfig({ store: { engine: 'sqlite', path: join(dir, 'x.db') } }, '<test>', dir);
    await expect(runDigest(bare, { store, now: NOW })).rejects.toThrow(/"email" section .* --dry-run/);
    const noRecipients = config(1, {}, { digestRecipients: [] });
    await expect(runDigest(noRecipients, { store, now: NOW })).rejects.toThrow(/email.digestRecipients or pass --to/);
  });
});

describe('scheduled digest', () => {
  const scheduled = (port: number, ledger: string) => {
    const base = config(port);
    return { ...base, alerts: { ...base.alerts, statePath: join(dir, ledger) } };
  };

  it('sends each week once, even when two serve processes fire the same schedule', async () => {
    const server = await smtp();
    const settings = scheduled(server.port, 'twice.db');
    const results = await Promise.all([runScheduledDigest(settings, { store, now: NOW }), runScheduledDigest(settings, { store, now: NOW })]);
    expect(results.filter((result) => 'skipped' in result)).toHaveLength(1);
    expect(results.find((result) => 'sentTo' in result)).toMatchObject({ week: '2020-W42', sentTo: RECIPIENTS });
    expect(server.messages).toHaveLength(1);

    // A restart an hour later does not resend; the next week goes out.
    const later = await runScheduledDigest(settings, { store, now: new Date(NOW.getTime() + 3_600_000) });
    expect(later).toEqual({ week: '2020-W42', skipped: 'already sent or being sent' });
    const nextWeek = await runScheduledDigest(settings, { store, now: new Date(NOW.getTime() + 7 * 86_400_000) });
    expect(nextWeek.week).toBe('2020-W43');
    expect(server.messages.map((mail) => mail.parsed.headers.get('x-mediawatch-digest'))).toEqual(['2020-W42', '2020-W43']);
  });

  it('frees the week when sending failed, so the next attempt sends it', async () => {
    const down = await smtp();
    const port = down.port;
    await down.close();
    await expect(runScheduledDigest(scheduled(port, 'retry.db'), { store, now: NOW })).rejects.toThrow();
    const server = await smtp();
    const result = await runScheduledDigest(scheduled(server.port, 'retry.db'), { store, now: NOW });
    expect(result).toMatchObject({ week: '2020-W42', sentTo: RECIPIENTS });
    expect(server.messages).toHaveLength(1);
  });
});

describe('mediawatch digest (command line)', () => {
  it('reads the config and store from disk and writes the dry-run file for the week given', async () => {
    const dbPath = join(dir, 'cli', 'mediawatch.db');
    const fileStore = new SqliteStore({ path: dbPath });
    await fileStore.init();
    await fileStore.upsertItems(seedItems());
    await fileStore.close();
    const configPath = join(dir, 'cli', 'mediawatch.yaml');
    writeFileSync(configPath, `store: { engine: sqlite, path: mediawatch.db }\ndashboardUrl: https://mw.example\n`);
    const out = join(dir, 'cli', 'out.html');

    const program = new Command().exitOverride();
    registerDigest(program);
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await program.parseAsync(['node', 'mediawatch', 'digest', '--config', configPath, '--week', '2020-W41', '--dry-run', out]);
    } finally {
      process.stderr.write = stderr;
    }
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Bản tin tổng hợp tuần 41/2020');

    const bad = new Command().exitOverride();
    registerDigest(bad);
    await expect(bad.parseAsync(['node', 'mediawatch', 'digest', '--config', configPath, '--week', '2020-W54', '--dry-run', out])).rejects.toThrow(
      /--week: "2020-W54": 2020 has ISO weeks 1 to 53/,
    );
    await expect(bad.parseAsync(['node', 'mediawatch', 'digest', '--config', configPath, '--to', 'not-an-address'])).rejects.toThrow(
      /--to: "not-an-address" is not an e-mail address/,
    );
  });
});
