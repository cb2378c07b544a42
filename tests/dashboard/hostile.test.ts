// Crawled content is untrusted. The hostile fixture items (fixtures/hostile-items.json) put
// <script> tags, onerror=/onload=/onclick= attributes, javascript: links, iframes, forms and
// styles in every field the dashboard shows. In real Chromium — with the Content-Security-Policy,
// and again with the browser told to ignore it, so that escaping alone must hold — nothing of it
// may run, become markup, or become a link; it must all show as plain text.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredItem } from '../../core/types.ts';
import { launchChromium, login, newWatchedPage, screenshot, startEnv, type Env, type PageWatch } from './harness.ts';
import { hostileItems } from './hostile.ts';

let env: Env;
let browser: Browser;
let items: ScoredItem[];
const HOSTILE_NOTE = `<img src=x onerror="window.__pwned='note'"><script>window.__pwned='note-script'</script>`;
const HOSTILE_REASON = `<svg onload="window.__pwned='reason'"></svg>`;

/** Records anything an injected payload could do, before any page script runs. */
const TRAPS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.alert = window.confirm = window.prompt = (m) => { window.__pwned = 'dialog:' + m; };
`;

/** Elements and attributes that only markup injection could have produced. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const script of document.querySelectorAll('script')) {
      const src = script.getAttribute('src') ?? '';
      if (!/^\/(js|vendor)\//.test(src)) found.push(`script ${src || script.textContent}`);
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (attribute.startsWith('on')) found.push(`${element.tagName} ${attribute}`);
      }
      for (const name of ['href', 'src', 'action', 'formaction']) {
        const value = element.getAttribute(name);
        if (value && /^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${element.tagName} ${name}=${value}`);
      }
    }
    for (const tag of ['iframe', 'object', 'embed', 'svg', 'style', 'form[action]', 'img[src="x"]', 'base', 'meta[http-equiv]']) {
      for (const element of document.querySelectorAll(tag)) found.push(`<${element.tagName.toLowerCase()}>`);
    }
    return found;
  });
}

async function expectInert(page: Page, watch: PageWatch, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), where).toBeUndefined();
  expect(await injected(page), where).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), where).toEqual([]);
  expect(watch.dialogs, where).toEqual([]);
  expect(watch.pageErrors, where).toEqual([]);
}

beforeAll(async () => {
  items = hostileItems();
  // The model version is data too: a model file could carry anything in it.
  items[0].modelVersion = `m-<img src=x onerror="window.__pwned='model'">`;
  env = await startEnv({ crawl: false, extraItems: items });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('the hostile fixture', () => {
  it('carries script tags, event-handler attributes and javascript: links, with explanations at their offsets', () => {
    const [first] = items;
    expect(first.title).toContain('<script>');
    expect(first.text).toMatch(/onerror=/);
    expect(first.text).toMatch(/href="javascript:/);
    expect(first.url).toMatch(/^javascript:/);
    for (const item of items) {
      for (const explanation of item.explanations) {
        expect((explanation.field === 'title' ? item.title : item.text).slice(explanation.start, explanation.end)).toBe(explanation.matched);
      }
    }
  });
});

describe.each([
  { mode: 'with the Content-Security-Policy', bypassCSP: false },
  { mode: 'with the Content-Security-Policy ignored by the browser', bypassCSP: true },
])('crawled markup in Chromium $mode', ({ bypassCSP }) => {
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  const tag = bypassCSP ? 'nocsp' : 'csp';

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', bypassCSP });
    await context.addInitScript(TRAPS);
    ({ page, watch } = await newWatchedPage(context));
    await login(page, env.url, 'admin');
  });

  afterAll(async () => {
    await context?.close();
  });

  it('lists the items in the queue as text', async () => {
    // Every status: the first run of this suite has moved one item on.
    await page.goto(`${env.url}/?status=`);
    await page.waitForSelector('#queue-body tr[data-id]');
    const titles = await page.$$eval('#queue-body .title', (links) => links.map((link) => link.textContent));
    expect(titles).toEqual(expect.arrayContaining(items.map((item) => item.title)));
    const firstRow = page.locator(`#queue-body tr[data-id="${items[0].id}"]`);
    expect(await firstRow.textContent()).toContain(`dien-dan-<svg onload="window.__pwned='source'">`);
    // The filter lists offer the hostile platform and topic as text, too.
    expect(await page.$$eval('#f-platform option', (options) => options.map((o) => o.textContent))).toContain(
      `<img src=x onerror="window.__pwned='platform'">`,
    );
    await firstRow.locator('.tag').nth(1).hover();
    await expectInert(page, watch, 'queue');
    await screenshot(page, `hostile-queue-${tag}`);
  });

  it('shows the item, its marks, explanations, facts and cluster as text, and links nowhere it should not', async () => {
    const [item] = items;
    await page.goto(`${env.url}/item?id=${item.id}`);
    await page.waitForSelector('body[data-loaded]');
    expect(await page.textContent('#item-title')).toBe(item.title);
    expect(await page.textContent('#item-text')).toBe(item.text);
    const marked = await page.$$eval('#item-title mark.hl, #item-text mark.hl', (marks) => marks.map((mark) => mark.textContent).join('|'));
    expect(marked).toContain("<script>window.__pwned='title'</script>");
    expect(marked).toContain(`<a href="javascript:window.__pwned='link'" onclick="window.__pwned='onclick'">`);
    // The javascript: URL of the item is not a link; no link on the page leaves http(s) or this site.
    expect(await page.locator('#original-link').count()).toBe(0);
    const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(\/(?!\/)|#|https?:\/\/)/);
    // The explanations table and the fact (with an id not in the sheet) show the markup as text.
    expect(await page.textContent('#explanations')).toContain(`<img src=x onerror="window.__pwned='term'">`);
    expect(await page.locator('.fact-pair').count()).toBe(2);
    expect(await page.textContent('#facts')).toContain(`<img src=x onerror="window.__pwned='fact-id'">`);
    expect(await page.textContent('#cluster-members')).toContain(items[1].title);
    expect(await page.textContent('#item-meta')).toContain(`<img src=x onerror="alert('author')">`);
    expect(await page.textContent('#scored-by')).toBe(`Chấm điểm bằng mô hình ${item.modelVersion} cùng bộ từ vựng`);
    // Clicking the would-be links, hovering the would-be handlers.
    await page.locator('#item-text mark.hl-fact', { hasText: 'tại đây' }).click();
    await page.locator('#item-text').hover();
    await page.locator('#explanations a').first().click();
    await expectInert(page, watch, 'item page');
  });

  it('keeps notes, reasons and response drafts typed with markup as text', async () => {
    // A fresh item for each run of this suite (the first run confirms and answers its item).
    const item = items[bypassCSP ? 1 : 0];
    await page.goto(`${env.url}/item?id=${item.id}`);
    await page.waitForSelector('body[data-loaded]');
    await page.fill('#note-text', HOSTILE_NOTE);
    await page.click('#add-note');
    await expect.poll(() => page.textContent('#notes .note-text')).toBe(HOSTILE_NOTE);
    await page.click('#confirm');
    await expect.poll(() => page.getAttribute('#review-status .badge', 'data-status')).toBe('confirmed');
    await page.waitForSelector('#new-response');
    await page.fill('#response-title', HOSTILE_REASON);
    await page.fill('#response-body', HOSTILE_NOTE);
    await page.click('#create-response');
    await expect.poll(() => page.locator('.response-card').count()).toBe(1);
    expect(await page.inputValue('.response-card .response-title')).toBe(HOSTILE_REASON);
    expect(await page.textContent('#history')).toContain(HOSTILE_NOTE);
    await expectInert(page, watch, 'item page after notes and a response');
    await screenshot(page, `hostile-item-${tag}`);
  });

  it('draws the trends with the hostile topic, terms and clusters as text', async () => {
    await page.goto(`${env.url}/trends?from=2020-10-01&to=2020-10-20`);
    await page.waitForSelector('body[data-loaded]');
    expect(await page.textContent('#clusters')).toContain(items[0].title);
    expect(await page.textContent('#terms')).toContain("<script>window.__pwned='title'</script>");
    const legend = await page.evaluate(() =>
      (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: Array<{ label: string }> } } } }).Chart.getChart(
        document.getElementById('chart-per-day')!,
      ).data.datasets.map((d) => d.label),
    );
    expect(legend).toContain(`<b onmouseover="window.__pwned='topic'">topic</b>`);
    await page.locator('#clusters a').first().hover();
    await expectInert(page, watch, 'trends');
    await screenshot(page, `hostile-trends-${tag}`);
  });
});
