// The check before publishing in the dashboard (Chromium): the Check page marks what differs
// from the official facts; publishing a draft with a wrong delegate count is held with its
// reasons, and "Publish anyway" with a reason publishes it and audits the override. A broadcast
// item's flagged passages link to the moment of the video they were said at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import { transcriptText } from '../../crawlers/broadcast/index.ts';
import { scoreItem } from '../../pipeline/ingest.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { SYSTEM_ACTOR } from '../../features/workflow/index.ts';
import { REPO, RIGHT_COUNT, WRONG_COUNT } from '../check/helpers.ts';
import { launchChromium, login, newWatchedPage, screenshot, startEnv, USERS, type Env, type PageWatch } from './harness.ts';

const classifier = loadClassifier(classifierOptionsFromConfig(loadConfig(`${REPO}/config/mediawatch.yaml`)));
const transcript = transcriptText('Giao lưu trực tiếp với khán giả tối 14/10.', [
  { start: 5, end: 10, text: 'Kính chào quý vị khán giả.' },
  { start: 192, end: 199, text: 'Tôi nghe nói Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có tới 500 đại biểu, chia sẻ gấp!' },
]);
const broadcast: ScoredItem = scoreItem(
  {
    sourceId: 'ptth-pho-nui',
    kind: 'broadcast',
    url: 'https://ptth.example/video/giao-luu.html',
    title: 'Giao lưu trực tiếp tối 14/10',
    text: transcript.text,
    publishedAt: '2020-10-14T20:00:00+07:00',
    fetchedAt: '2020-10-14T14:00:00Z',
    timecodes: { videoUrl: 'https://ptth.example/media/giao-luu.mp4', cues: transcript.cues },
  },
  classifier,
);
const rumour: ScoredItem = scoreItem(
  {
    sourceId: 'nhom',
    kind: 'social',
    url: 'https://forum.example/p/500',
    title: 'Đại hội tỉnh có 500 đại biểu?',
    text: 'Nghe nói Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có tới 500 đại biểu, chia sẻ gấp!',
    fetchedAt: '2020-10-14T14:00:00Z',
  },
  classifier,
);

let env: Env;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  env = await startEnv({ crawl: false, extraItems: [broadcast, rumour] });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
  ({ page, watch } = await newWatchedPage(context));
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('check before publishing in the dashboard', () => {
  it('Check page: a wrong delegate count is held with the figure marked; the correct text passes', async () => {
    await login(page, env.url, 'analyst', '/check?lang=en');
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('nav a[href="/check"]').count()).toBe(1);
    await page.fill('#check-text', WRONG_COUNT);
    await page.click('#check-run');
    await page.waitForSelector('#check-result:not([hidden]) #check-held');
    expect(await page.getAttribute('#check-held', 'data-held')).toBe('true');
    const fact = page.locator('.check-reason[data-fact="GL-DELEGATES"]');
    expect(await fact.locator('mark').textContent()).toBe('400 đại biểu');
    expect(await fact.textContent()).toContain('official 350');
    expect((await page.locator('#check-marked mark.hl-fact').allTextContents()).join('')).toBe('400 đại biểu');
    await screenshot(page, 'check-held');
    await page.fill('#check-text', RIGHT_COUNT);
    await page.click('#check-run');
    await expect.poll(() => page.getAttribute('#check-held', 'data-held')).toBe('false');
    expect(await page.locator('.check-reason').count()).toBe(0);
    expect(watch.pageErrors).toEqual([]);
  });

  it('viewers get no Check page in the navigation', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const viewer = await context.newPage();
    await login(viewer, env.url, 'viewer', '/?lang=en');
    await viewer.waitForSelector('nav a[href="/trends"]');
    expect(await viewer.locator('nav a[href="/check"]').count()).toBe(0);
    await context.close();
  });

  it('publishing a draft with a wrong figure is held with its reasons; publishing anyway needs a reason and is audited', async () => {
    const analyst = { username: USERS.analyst.username, role: 'analyst' as const };
    await env.workflow.reviews.transition(rumour.id, { to: 'in_review', version: 0 }, analyst);
    await env.workflow.reviews.transition(rumour.id, { to: 'confirmed', version: 1 }, analyst);
    const draft = await env.workflow.responses.create(
      { itemId: rumour.id, title: 'Số đại biểu dự Đại hội', body: WRONG_COUNT, factIds: ['GL-DELEGATES'] },
      { ...SYSTEM_ACTOR, username: USERS.spokesperson.username },
    );
    await page.context().clearCookies();
    await login(page, env.url, 'spokesperson', `/item?id=${encodeURIComponent(rumour.id)}&lang=en`);
    await page.waitForSelector('body[data-loaded="true"]');
    const card = page.locator(`.response-card[data-response="${draft.id}"]`);
    await card.locator('.publish').click();
    await page.waitForSelector('.held .check-reason');
    expect(await card.locator('.held .check-reason[data-fact="GL-DELEGATES"] mark').textContent()).toBe('400 đại biểu');
    expect(env.workflow.responses.require(draft.id).status).toBe('draft');
    await screenshot(page, 'check-publish-held');
    await card.locator('.publish-override').click();
    expect(env.workflow.responses.require(draft.id).status).toBe('draft');
    await card.locator('.override-reason').fill('Ban Tổ chức xác nhận số mới');
    await card.locator('.publish-override').click();
    await expect.poll(() => page.locator('.response-card .badge.response-published').count()).toBe(1);
    expect(env.workflow.responses.require(draft.id).status).toBe('published');
    const override = env.workflow.audit.query({ action: 'response.check_override', targetId: draft.id }).items;
    expect(override).toHaveLength(1);
    expect(override[0]).toMatchObject({ actor: USERS.spokesperson.username, detail: { reason: 'Ban Tổ chức xác nhận số mới' } });
  });

  it('a broadcast item links each flagged passage to its moment in the video', async () => {
    await page.goto(`${env.url}/item?id=${encodeURIComponent(broadcast.id)}&lang=en`);
    await page.waitForSelector('body[data-loaded="true"]');
    const factMoment = page.locator('#explanations tr.exp-fact a.timecode');
    expect(await factMoment.first().textContent()).toBe('at 03:12');
    expect(await factMoment.first().getAttribute('href')).toBe('https://ptth.example/media/giao-luu.mp4#t=192');
    expect(await page.locator('#facts a.timecode').first().textContent()).toBe('at 03:12');
    // every passage found is in the transcript, so each has its moment
    expect(await page.locator('#explanations a.timecode').count()).toBe(broadcast.explanations.filter((e) => e.field === 'text').length);
    await screenshot(page, 'broadcast-item');
    expect(watch.pageErrors).toEqual([]);
  });
});
