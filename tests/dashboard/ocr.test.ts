// The item page in Chromium for an item whose images were read by OCR: each image (fetched through
// /api/item-images, not from its site) beside its recognised text with the matched passages
// marked, the reason for an image without text, and the e-paper page line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeItem } from '../helpers/items.ts';
import { drawText, screenshots } from '../ocr/render.ts';
import { launchChromium, login, newWatchedPage, screenshot, startEnv, type Env, type PageWatch } from './harness.ts';

const { rumour } = screenshots();
const ocrText = rumour.join('\n');
let images: Server;
let env: Env;
let browser: Browser;
let page: Page;
let watch: PageWatch;
const served: string[] = [];
let itemId = '';

beforeAll(async () => {
  const png = drawText(rumour);
  images = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/anh/tin-don.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else res.writeHead(200, { 'content-type': 'image/png' }).end('<script>alert(1)</script>');
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  const start = ocrText.indexOf('rò rỉ');
  const item = makeItem(
    {
      sourceId: 'mxh',
      kind: 'social',
      platform: 'mastodon',
      url: `${base}/bai/1`,
      title: '',
      text: 'Mọi người xem ảnh này',
      imageUrls: [`${base}/anh/tin-don.png`, `${base}/anh/gia.png`],
      ocrText,
      ocrImages: [
        { url: `${base}/anh/tin-don.png`, start: 0, end: ocrText.length },
        { url: `${base}/anh/gia.png`, reason: 'not an image, or a damaged one (its header cannot be read)' },
      ],
    },
    {
      congress: true,
      distortion: true,
      explanations: [{ kind: 'distortion', term: 'ro-ri', matched: 'rò rỉ', weight: 0.6, field: 'ocr', start, end: start + 5 }],
    },
  );
  itemId = item.id;
  env = await startEnv({ crawl: false, extraItems: [item] });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh' });
  ({ page, watch } = await newWatchedPage(context));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
  await new Promise<void>((resolve) => images?.close(() => resolve()));
});

describe('text in images on the item page', () => {
  it('shows the image beside its recognised text, the marked passage, and why the other image has none', async () => {
    await login(page, env.url, 'analyst', `/item?id=${itemId}&lang=en`);
    await page.waitForSelector('#ocr-section:not([hidden]) figure.ocr-image');
    const figures = page.locator('#ocr-images figure.ocr-image');
    expect(await figures.count()).toBe(2);
    const img = figures.nth(0).locator('img');
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBeGreaterThan(100);
    expect(await img.getAttribute('src')).toBe(`/api/item-images/${itemId}/0`);
    expect((await figures.nth(0).locator('.ocr-text').textContent())?.replace(/\s+/g, ' ')).toBe(ocrText.replace(/\s+/g, ' '));
    expect(await figures.nth(0).locator('mark.hl-distortion').textContent()).toBe('rò rỉ');
    expect(await figures.nth(1).locator('.ocr-reason').textContent()).toBe('No text read: not an image, or a damaged one (its header cannot be read)');
    expect(await page.locator('#explanations').textContent()).toContain('Text in images');
    await screenshot(page, 'ocr-item');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
  });

  it('passes on only real images: a page that is not one answers 502 with the reason', async () => {
    const response = await page.request.get(`${env.url}/api/item-images/${itemId}/1`);
    expect(response.status()).toBe(502);
    expect((await response.json()).error.message).toBe('not an image, or a damaged one (its header cannot be read)');
    const ok = await page.request.get(`${env.url}/api/item-images/${itemId}/0`);
    expect(ok.headers()['content-type']).toBe('image/png');
    expect(ok.headers()['content-security-policy']).toBe("default-src 'none'");
    expect((await page.request.get(`${env.url}/api/item-images/${itemId}/7`)).status()).toBe(404);
  });
});
