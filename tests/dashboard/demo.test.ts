// `mediawatch demo` as a newcomer runs it: the printed dashboard address and demo login lead,
// in a real browser, to a populated review queue and trends page.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newWatchedPage, screenshot } from './harness.ts';

const REPO = join(import.meta.dirname, '../..');
let demo: ChildProcess;
let output = '';
let browser: Browser;

function waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print ${pattern} in time:\n${output}`)), timeoutMs);
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    demo.stdout!.on('data', check);
    demo.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
    check();
  });
}

beforeAll(async () => {
  demo = spawn(process.execPath, [join(REPO, 'bin/mediawatch.js'), 'demo', '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (demo && demo.exitCode === null) {
    const exited = new Promise((resolve) => demo.once('exit', resolve));
    demo.kill('SIGINT');
    await exited;
  }
});

describe('mediawatch demo', () => {
  it('prints the dashboard address and the demo login, which lead to a populated dashboard', async () => {
    const [, url] = await waitFor(/Dashboard: (http:\/\/127\.0\.0\.1:\d+)\//);
    // The office answered one rumour before the crawl; the forum feed's reposts of it are named as such.
    const repeats = output.slice(output.indexOf('Repeats of rumours the office already decided on:'));
    expect(repeats.match(/↳ repeats a rumour answered on 14\/10\/2020 — earlier item \/api\/items\/\w+/g)?.length).toBeGreaterThanOrEqual(2);
    // Repeats are listed once, in their own section; the first list holds only unanswered items.
    const unanswered = output.slice(output.indexOf('Most likely distorted, not yet answered:'), output.indexOf('Repeats of rumours'));
    expect(unanswered.match(/\/api\/items\/\w+/g)?.length).toBe(5);
    expect(unanswered).not.toContain('↳');
    // Each listed flag says why, with a passage from the item (a fact it contradicts or a cue it carries)…
    expect(
      unanswered.match(/^ {4}why: (against the sheet \([A-Z]+-[A-Z-]+\), [^:]+:|repeats an answered rumour:|learned cue|cue|[^“:]+:) “[^”]+”/gm)?.length,
    ).toBe(5);
    // … and a contradicted fact in the sheet's own words, not by its id alone.
    const sheetLines = unanswered.match(/against the sheet .*/g) ?? [];
    expect(sheetLines.length).toBeGreaterThan(0);
    for (const line of sheetLines) expect(line).toMatch(/” ?; the sheet says “(Đại hội|Hội nghị|Nhân sự|Dự Đại hội|Đoàn|100%|\d)/);
    // The rumour the office answered is not among the unanswered ones.
    const answered = repeats.match(/earlier item (\/api\/items\/\w+)/)![1];
    expect(unanswered).not.toContain(answered);
    // Sources by the names the config gives them, as the dashboard shows them.
    expect(repeats).toContain('Diễn đàn Phố Núi · ');
    expect(output).not.toContain('dien-dan-pho-nui · ');
    // Each listed item's scores come with the verdict they give, in the item page's words.
    expect(unanswered.match(/ · Likely distorted \(0\.\d\d\) · About the congresses \(\d\.\d\d\) · \/api\/items\//g)?.length).toBe(5);
    // Every row of the crawl table names its source beside the id that `--source` takes.
    for (const id of ['tin-pho-nui', 'tin-pho-nui-rss', 'tin-pho-nui-atom', 'dien-dan-pho-nui'])
      expect(output).toMatch(new RegExp(`^\\S.* \\(${id}\\)\\s+\\d`, 'm'));
    // The total adds up: the crawl table's new items plus the answered rumour seeded before the crawl.
    const [, stored, crawled, held] = output.match(/Stored (\d+) items \((\d+) new from this crawl, (\d+) the office held before it\)/)!.map(Number);
    expect(output).toMatch(new RegExp(`^TOTAL(\\s+\\d+){2}\\s+${crawled}\\s`, 'm'));
    expect([stored, held]).toEqual([crawled + 1, 1]);
    const [, password] = await waitFor(/Sign in as "demo" \(admin\), password (\S+)/);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, watch } = await newWatchedPage(context);
    await page.goto(`${url}/`);
    await page.waitForURL(/\/login/);
    await page.fill('#username', 'demo');
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${url}/`), page.click('#login-form button[type=submit]')]);
    await page.waitForSelector('#queue-body tr[data-id]');
    expect(await page.locator('#queue-body tr[data-id]').count()).toBe(20);
    expect(await page.locator('#queue-body .badge.known-rumour').count()).toBeGreaterThanOrEqual(2);
    expect(Number((await page.textContent('#summary'))!.match(/^(\d+)/)![1])).toBeGreaterThan(20);
    await screenshot(page, 'demo-queue');

    await page.goto(`${url}/trends`);
    await page.waitForSelector('body[data-loaded]');
    expect(await page.locator('#clusters tbody tr[data-cluster]').count()).toBeGreaterThan(0);
    expect(watch.pageErrors).toEqual([]);
    await context.close();
    // The browser's requests are logged for the person at the terminal as readable lines, not JSON.
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: request .*"url":"\/trends"/m);
    expect(output).not.toMatch(/^\{"level"/m);
  });
});
