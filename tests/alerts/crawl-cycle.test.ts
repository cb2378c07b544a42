// "Within one pipeline cycle": the scheduled crawls (as `serve` runs them, one source per run)
// crawl the offline demo site and forum feed, and the urgent items each run stored are e-mailed
// before that run ends; the next round finds nothing new and sends nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startDemoSite } from '../../cli/commands/demo.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import { planSources } from '../../features/schedules/index.ts';
import { ScheduledCrawls } from '../../features/schedules/sources.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { startTestSmtp, type TestSmtp } from '../digest/smtp.ts';

const THRESHOLD = 0.8;
let site: StaticSite;
let smtp: TestSmtp;
let dir: string;
let config: LoadedConfig;
const logs: Array<Record<string, unknown> & { level: number; msg: string }> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

beforeAll(async () => {
  site = await startDemoSite();
  smtp = await startTestSmtp();
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-crawl-alerts-'));
  const base = demoConfig(site.url, dir);
  const extra = parseConfig(
    {
      dashboardUrl: 'https://mw.gialai.example',
      email: { smtp: { host: '127.0.0.1', port: smtp.port, timeoutSecs: 5 }, from: 'canhbao@gialai.example', alertRecipients: ['truc-ban@gialai.example'] },
      // The demo items were published in 2020: let them count as recent.
      alerts: { distortionThreshold: THRESHOLD, maxAgeHours: 24 * 365 * 100, statePath: join(dir, 'alerts.db') },
      schedules: { crawl: [{ cron: '*/15 * * * *' }] },
    },
    '<test>',
    dir,
  );
  config = { ...base, dashboardUrl: extra.dashboardUrl, email: extra.email, alerts: extra.alerts, schedules: extra.schedules };
});

afterAll(async () => {
  await site?.stop();
  await smtp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('scheduled crawl with urgent alerts', () => {
  it('e-mails the urgent items of a crawl before the cycle ends, and only once', async () => {
    const ids = planSources(config).map((plan) => plan.id);
    expect(ids).toEqual(config.sources.map((source) => source.id));
    const crawls = new ScheduledCrawls(config, logger);
    const mailsAfter: number[] = [];
    for (const id of ids) {
      await crawls.crawl(id);
      // The run has finished: its alerts must already be in the mailbox.
      mailsAfter.push(smtp.messages.length);
    }
    expect(smtp.messages.length).toBeGreaterThan(0);

    // Which items should have raised an alert, read back from the store.
    const store = await openStore(config);
    const page = await store.queryItems({ congress: true, sort: 'distortion', page: 1, pageSize: 100 });
    await store.close();
    const urgent = page.items.filter((item) => item.scores.distortion >= THRESHOLD);
    expect(urgent.length).toBeGreaterThan(0);

    const text = smtp.messages.map((mail) => mail.parsed.text ?? '').join('\n');
    for (const mail of smtp.messages) expect(mail.to).toEqual(['truc-ban@gialai.example']);
    const linked = [...text.matchAll(/Xem trên bảng điều khiển: https:\/\/mw\.gialai\.example\/items\/(\S+)/g)].map((m) => decodeURIComponent(m[1]));
    expect(linked.sort()).toEqual(urgent.map((item) => item.id).sort());
    // Each mail went out in the run of the source whose items it names.
    expect(mailsAfter.at(-1)).toBe(smtp.messages.length);
    expect(logs.some((l) => l.msg === 'crawled dien-dan-pho-nui')).toBe(true);

    // Second round: the same pages, nothing new, nothing sent.
    const sent = smtp.messages.length;
    for (const id of ids) await crawls.crawl(id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages).toHaveLength(sent);
    await crawls.close();
  }, 120_000);
});
