// OCR and e-paper through a real crawl round (`runCrawl`): a local HTTP server with articles
// carrying images (a rumour screenshot, a repost of it, a picture without text, broken, huge and
// forbidden images) and a day's e-paper (text PDF, scanned PDF, damaged, password-protected, too large).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../cli/commands/crawl.ts';
import { CrawlProgress } from '../../cli/progress.ts';
import { DEFAULT_CONFIG_PATH, parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { ScoredItem, Store } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { characterAccuracy, drawPicture, drawText, makePdf, screenshots } from './render.ts';

const REPO = join(import.meta.dirname, '../..');
const { texts, rumour } = screenshots();
const rumourPng = drawText(rumour);
/** A valid PNG header declaring 30000 × 30000 pixels. */
const pixelBomb = Buffer.from(drawText(['x']));
pixelBomb.writeUInt32BE(30_000, 16);
pixelBomb.writeUInt32BE(30_000, 20);

const article = (title: string, body: string, images: string[]) => `<!doctype html><html><head><title>${title}</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"${title}","datePublished":"2026-12-02T08:00:00+07:00"}</script></head>
<body><header><img src="/img/logo.png" class="site-logo" width="120" height="40"></header>
<article><h1>${title}</h1><p>${body}</p>${images.map((src) => `<figure><img src="${src}" width="640" height="320"></figure>`).join('')}</article></body></html>`;

const NEUTRAL =
  'Thời tiết cuối tuần ở Pleiku nắng nhẹ, nhiệt độ dao động từ 18 đến 27 độ. Người dân nên chú ý giữ sức khỏe khi trời chuyển lạnh về đêm và sáng sớm.';

let server: Server;
let base = '';
let dataDir = '';
let config: LoadedConfig;
let reports: SourceReport[];
let store: Store;
let items: ScoredItem[];
const notes: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const routes: Record<string, () => Promise<[string, Buffer | string]> | [string, Buffer | string]> = {
    '/robots.txt': () => ['text/plain', 'User-agent: *\nDisallow: /private/\n'],
    // A Mastodon post that is only a screenshot (no words of its own).
    '/api/v1/timelines/tag/daihoi': () => [
      'application/json',
      JSON.stringify([
        {
          id: '1001',
          created_at: '2026-12-02T01:00:00Z',
          uri: `${base}/users/a/statuses/1001`,
          url: `${base}/@a/1001`,
          content: '',
          visibility: 'public',
          account: { id: '1', username: 'a', acct: 'a' },
          media_attachments: [{ type: 'image', url: `${base}/media/anh.png` }],
        },
      ]),
    ],
    '/media/anh.png': () => ['image/png', rumourPng],
    '/': () => ['text/html', '<html><body><a href="/tin/anh-chup.html">1</a> <a href="/tin/dang-lai.html">2</a></body></html>'],
    '/tin/anh-chup.html': () => [
      'text/html',
      article('Thời tiết Pleiku cuối tuần', NEUTRAL, [
        '/img/rumour.png',
        '/img/picture.png',
        '/img/broken.png',
        '/img/huge.png',
        '/img/bomb.png',
        '/private/secret.png',
      ]),
    ],
    '/tin/dang-lai.html': () => ['text/html', article('Dự báo thời tiết Gia Lai', `${NEUTRAL} Trời có mây.`, ['/img/repost.png'])],
    '/img/rumour.png': () => ['image/png', rumourPng],
    '/img/repost.png': () => ['image/png', rumourPng],
    '/img/picture.png': () => ['image/png', drawPicture()],
    '/img/broken.png': () => ['image/png', Buffer.concat([rumourPng.subarray(0, 8), Buffer.from('not the rest of a png')])],
    '/img/huge.png': () => ['image/png', Buffer.alloc(600_000, 7)],
    '/img/bomb.png': () => ['image/png', pixelBomb],
    '/private/secret.png': () => ['image/png', rumourPng],
    '/epaper/index.html': () => [
      'text/html',
      '<a href="text.pdf">Trang 1-2</a> <a href="scan.pdf">Trang 3</a> <a href="bad.pdf">x</a> <a href="locked.pdf">y</a> <a href="big.pdf">z</a> <a href="/">home</a>',
    ],
    '/epaper/text.pdf': () =>
      makePdf([
        { text: [texts[0].join(' '), 'Trang nhất của số báo in hôm nay có nhiều tin về công tác chuẩn bị.'] },
        { text: [texts[4].join(' '), texts[7].join(' ')] },
      ]).then((pdf) => ['application/pdf', pdf]),
    '/epaper/scan.pdf': () => makePdf([{ image: drawText(texts[3], { fontSize: 34 }) }]).then((pdf) => ['application/pdf', pdf]),
    '/epaper/bad.pdf': () => ['application/pdf', '%PDF-1.4\nthis is not really a pdf\n'],
    '/epaper/locked.pdf': () => makePdf([{ text: ['bí mật'] }], { userPassword: 'matkhau' }).then((pdf) => ['application/pdf', pdf]),
    '/epaper/big.pdf': () => ['application/pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3_000_000, 32)])],
  };
  server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes[path];
    if (!route) return void res.writeHead(404).end('not found');
    const [type, body] = await route();
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-ocr-'));
  config = parseConfig(
    {
      store: { engine: 'sqlite', path: join(dataDir, 'mediawatch.db') },
      statePath: join(dataDir, 'crawl-state.json'),
      workflow: { path: join(dataDir, 'workflow.db') },
      privacy: { pseudonymKey: 'khoa-thu-nghiem-ocr-0123456789' },
      crawler: { requestsPerMinute: 6000 },
      ocr: { maxImageBytes: 500_000, maxImagesPerItem: 6 },
      sources: [
        { id: 'tin', kind: 'news', startUrls: [`${base}/`], sitemaps: false },
        { id: 'masto', kind: 'mastodon', baseUrl: base, hashtags: ['daihoi'] },
        { id: 'bao-in', kind: 'epaper', edition: 'Báo Phố Núi', indexUrl: `${base}/epaper/index.html`, maxPdfBytes: 2_000_000 },
      ],
    },
    '<ocr-test>',
    join(REPO, dirname(DEFAULT_CONFIG_PATH)),
  );
  const progress = new CrawlProgress({ isTTY: false, write: (line: string) => notes.push(line) > 0 } as unknown as NodeJS.WriteStream);
  reports = await runCrawl(config, [], progress);
  store = await openStore(config);
  items = [];
  for await (const batch of store.scanItems()) items.push(...batch);
}, 300_000);

afterAll(async () => {
  await store?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const errorsOf = (sourceId: string) => reports.filter((report) => report.sourceId === sourceId).flatMap((report) => report.errors);
const byUrl = (suffix: string) => items.find((item) => item.url.endsWith(suffix));

describe('text in article images', () => {
  it('stores the screenshot text as ocrText, scores it and points explanations into it', () => {
    const item = byUrl('/tin/anh-chup.html')!;
    expect(item.text).not.toMatch(/rò rỉ/);
    expect(characterAccuracy(rumour.join('\n'), item.ocrText!.slice(0, item.ocrImages![0].end))).toBeGreaterThan(0.95);
    const fromImage = item.explanations.filter((explanation) => explanation.field === 'ocr');
    expect(fromImage.length).toBeGreaterThan(0);
    for (const explanation of fromImage) expect(item.ocrText!.slice(explanation.start, explanation.end)).toBe(explanation.matched);
    // The article alone is about the weather; the screenshot makes it about the congress, likely distorted.
    expect(item.congress).toBe(true);
    expect(item.scores.distortion).toBeGreaterThan(0.5);
  });

  it('gives each unread image its reason, in the item and in the crawl report', () => {
    const item = byUrl('/tin/anh-chup.html')!;
    const reasonOf = (path: string) => item.ocrImages!.find((image) => image.url.endsWith(path))?.reason ?? '';
    expect(item.ocrImages![0]).toMatchObject({ url: `${base}/img/rumour.png`, start: 0 });
    expect(reasonOf('/img/picture.png')).toMatch(/no (readable )?text/);
    expect(reasonOf('/img/broken.png')).toMatch(/not an image|damaged|could not be read/);
    expect(reasonOf('/img/huge.png')).toMatch(/500000-byte cap/);
    expect(reasonOf('/img/bomb.png')).toMatch(/30000×30000 pixels, over the 40000000-pixel limit/);
    expect(reasonOf('/private/secret.png')).toMatch(/disallowed by robots\.txt/);
    expect(requests).not.toContain('/private/secret.png');
    expect(requests).not.toContain('/img/logo.png');
    const reported = errorsOf('tin').map((error) => `${error.url} ${error.reason}`);
    for (const path of ['/img/picture.png', '/img/broken.png', '/img/huge.png', '/img/bomb.png', '/private/secret.png']) {
      expect(reported.some((line) => line.startsWith(`${base}${path} OCR: `))).toBe(true);
    }
  });

  it('reads a reposted image once (cache by content hash) and still gives the repost its text', () => {
    const repost = byUrl('/tin/dang-lai.html')!;
    expect(repost.ocrText).toBe(byUrl('/tin/anh-chup.html')!.ocrText!.slice(0, byUrl('/tin/anh-chup.html')!.ocrImages![0].end));
    const line = notes
      .join('')
      .split('\n')
      .find((text) => text.startsWith('OCR:'))!;
    // rumour, picture, broken and the scanned page are read by Tesseract; the repost comes from the cache.
    expect(line).toMatch(/, \d+ image\(s\) or page\(s\) read, [1-9]\d* from the cache,/);
    expect(line).toMatch(/ 0 item\(s\) waiting/);
  });

  it('keeps a social post that is only a screenshot and reads it', () => {
    const post = items.find((item) => item.platform === 'mastodon')!;
    expect(post.text).toBe('');
    expect(post.imageUrls).toEqual([`${base}/media/anh.png`]);
    expect(post.ocrText).toBe(byUrl('/tin/dang-lai.html')!.ocrText);
    expect(post.explanations.some((explanation) => explanation.field === 'ocr')).toBe(true);
  });

  it('finds an item by words that appear only in its image', async () => {
    const found = await store.queryItems({ q: 'ro ri su that bi che giau', page: 1, pageSize: 10 });
    expect(found.items.map((item) => item.url).sort()).toEqual([`${base}/@a/1001`, `${base}/tin/anh-chup.html`, `${base}/tin/dang-lai.html`]);
    expect(found.items[0]).not.toHaveProperty('ocrText');
  });
});

describe('e-paper edition', () => {
  it('stores each page of a text PDF with its page number and a link to the page', () => {
    const pages = items.filter((item) => item.epaper?.pdfUrl === `${base}/epaper/text.pdf`).sort((a, b) => a.epaper!.page - b.epaper!.page);
    expect(pages.map((page) => page.url)).toEqual([`${base}/epaper/text.pdf#page=1`, `${base}/epaper/text.pdf#page=2`]);
    expect(pages.map((page) => page.epaper!.textFrom)).toEqual(['text-layer', 'text-layer']);
    expect(pages[0].title).toMatch(/^Báo Phố Núi \d{4}-\d{2}-\d{2} – p\. 1\/2$/);
    expect(pages[0].kind).toBe('epaper');
    expect(pages[0].text).toContain(texts[0].join(' '));
    expect(pages[1].text).toContain(texts[4].join(' '));
    expect(pages[1].text).not.toContain(texts[0][0]);
  });

  it('reads a scanned page (no text layer) with OCR and scores it', () => {
    const page = byUrl('/epaper/scan.pdf#page=1')!;
    expect(page.epaper).toMatchObject({ page: 1, pages: 1, textFrom: 'ocr' });
    expect(page.text).toBe('');
    expect(characterAccuracy(texts[3].join('\n'), page.ocrText!)).toBeGreaterThan(0.95);
    expect(page.ocrImages).toEqual([{ url: `${base}/epaper/scan.pdf#page=1`, start: 0, end: page.ocrText!.length }]);
    expect(page.congress).toBe(true);
  });

  it('says why a damaged, password-protected or too large PDF was not read, and goes on', () => {
    const reasons = Object.fromEntries(errorsOf('bao-in').map((error) => [error.url.replace(base, ''), error.reason]));
    expect(reasons['/epaper/bad.pdf']).toMatch(/^not a readable PDF \(damaged or not a PDF/);
    expect(reasons['/epaper/locked.pdf']).toBe('the PDF is password-protected; its text cannot be read');
    expect(reasons['/epaper/big.pdf']).toMatch(/2000000-byte cap/);
    expect(items.some((item) => item.url.includes('/epaper/bad.pdf') || item.url.includes('/epaper/locked.pdf'))).toBe(false);
  });
});
