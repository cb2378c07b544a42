// Known rumours in the dashboard (Chromium): the office answered a rumour before the crawl; the
// queue marks its reposts "repeats a rumour answered on 14/10/2020", and the item page marks the
// repeated passages and links the earlier item and the published answer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KNOWN_RUMOUR } from '../../cli/commands/demo.ts';
import { readKnownRumourSeed } from '../../cli/demo/known-rumour.ts';
import type { ItemSummary } from '../../core/types.ts';
import { launchChromium, login, newWatchedPage, screenshot, startEnv, type Env, type PageWatch } from './harness.ts';

const seed = readKnownRumourSeed(DEMO_KNOWN_RUMOUR);
let env: Env;
let browser: Browser;
let page: Page;
let watch: PageWatch;
let repeats: ItemSummary[];

beforeAll(async () => {
  env = await startEnv({ knownRumour: true });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
  ({ page, watch } = await newWatchedPage(context));
  const open = await env.store.queryItems({ flagged: true, status: ['new', 'in_review'], sort: 'distortion', page: 1, pageSize: 100 });
  repeats = open.items.filter((item) => item.knownRumour);
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('known rumours in the dashboard', () => {
  it('marks the reposts in the queue with the date of the answer', async () => {
    // both reposts of the demo feed (and the corpus post that repeats the same rumour)
    expect(repeats.length).toBeGreaterThanOrEqual(seed.reposts.length);
    await login(page, env.url, 'analyst', '/?lang=en');
    await page.waitForSelector('#queue-body tr[data-id]');
    for (const item of repeats) {
      const badge = page.locator(`#queue-body tr[data-id="${item.id}"] .badge.known-rumour`);
      await expect.poll(() => badge.textContent()).toBe('repeats a rumour answered on 14/10/2020');
    }
    const plain = (await env.store.queryItems({ flagged: true, status: ['new', 'in_review'], sort: 'distortion', page: 1, pageSize: 20 })).items.find(
      (item) => !item.knownRumour,
    )!;
    expect(await page.locator(`#queue-body tr[data-id="${plain.id}"] .badge.known-rumour`).count()).toBe(0);
    await screenshot(page, 'known-rumour-queue');
  });

  it('links the earlier item and the published answer from the item page, and marks the repeated passages', async () => {
    const item = repeats[0];
    await page.goto(`${env.url}/item?id=${encodeURIComponent(item.id)}`);
    await page.waitForSelector('#rumour-section:not([hidden]) #rumour-decision');
    expect(await page.textContent('#rumour-decision')).toContain('This item repeats a rumour the office confirmed as distortion on 14/10/2020');
    expect(await page.getAttribute('#rumour-earlier', 'href')).toBe(`/item?id=${item.knownRumour!.itemId}`);
    const answer = page.locator('#rumour-response a');
    expect(await answer.getAttribute('href')).toBe(seed.response.url);
    expect(await answer.textContent()).toBe(seed.response.title);
    expect(await page.textContent('#rumour-response')).toContain('Answered on 14/10/2020');
    expect(await page.locator('#item-meta .badge.known-rumour').textContent()).toBe('repeats a rumour answered on 14/10/2020');
    expect(await page.locator('#item-text mark.hl-rumour').count()).toBeGreaterThan(0);
    await screenshot(page, 'known-rumour-item');

    await page.click('#rumour-earlier');
    await page.waitForURL(new RegExp(`/item\\?id=${item.knownRumour!.itemId}$`));
    await page.waitForSelector('#item-text:not(:empty)');
    expect(await page.locator('#rumour-section').isHidden()).toBe(true);
    expect(watch.pageErrors).toEqual([]);
    // the 401 is the login page asking who is signed in, before signing in
    expect(watch.consoleErrors.filter((message) => !/status of 401/.test(message))).toEqual([]);
  });
});
