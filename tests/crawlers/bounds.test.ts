// Markup caps before parsing: real pages pass unchanged; hostile ones lose only what is over a cap,
// and a page nested 10,000 levels deep is still stored through the real crawl path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite } from '../../cli/demo/static-site.ts';
import { boundMarkup } from '../../crawlers/bounds.ts';
import { decodeDocument } from '../../crawlers/charset.ts';
import { crawlOnce, type CrawledOnce } from '../helpers/crawl.ts';
import { applyMutation, wrapDeep } from '../helpers/mutate.ts';

const SITE = join(import.meta.dirname, '../fixtures/site');
const ARTICLE = '/thoi-su/phan-luong-giao-thong-phuc-vu-dai-hoi.html';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : path.endsWith('.html') ? [path] : [];
  });
}

/** The fixture article with 10,000 nested elements in the middle of its bytes (where a recursive text walk overflowed). */
function deepArticle(): Buffer {
  const bytes = readFileSync(join(SITE, ARTICLE)).toString('latin1');
  return Buffer.from(applyMutation(bytes, { kind: 'deepNesting', at: 0.5, count: 4 }), 'latin1');
}

describe('markup caps', () => {
  it('leave every page of the fixture site unchanged', () => {
    const pages = htmlFiles(SITE);
    expect(pages.length).toBeGreaterThan(10);
    for (const path of pages) {
      const { text } = decodeDocument(readFileSync(path));
      expect(boundMarkup(text)).toEqual({ html: text, trimmed: { depth: 0, attributes: 0, text: 0 } });
    }
  });

  it('cut only what is over a cap, keeping the text of over-deep elements', () => {
    const deep = boundMarkup(`<body>${wrapDeep('chữ', 10_000)}<p>sau</p></body>`);
    expect(deep.trimmed.depth).toBe(10_000 - 999);
    expect(deep.html).toBe(`<body>${wrapDeep('chữ', 999)}<p>sau</p></body>`);

    const attributes = boundMarkup(`<p id="a" data-x="${'x'.repeat(20_000)}" class="b">chữ</p>`);
    expect(attributes.html).toBe('<p id="a"  class="b">chữ</p>');

    const text = boundMarkup(`<p>${'chữ '.repeat(100_000)}</p><p>sau</p>`);
    expect(text.html).toBe(`<p>${'chữ '.repeat(50_000)}</p><p>sau</p>`);
    expect(boundMarkup(`<script>${'x'.repeat(300_000)}</script>`).trimmed.text).toBe(0);
  });

  it('bound every mutated page to well under its mutated size', () => {
    const page = readFileSync(join(SITE, ARTICLE), 'utf8');
    for (const kind of ['hugeAttribute', 'hugeText', 'manyAttributes'] as const) {
      const mutated = applyMutation(page, { kind, at: 0.5, count: 8 });
      expect(boundMarkup(mutated).html.length, kind).toBeLessThan(page.length + 250_000);
    }
  });
});

describe('a page nested 10,000 levels deep, crawled', () => {
  let site: StaticSite;
  let crawled: CrawledOnce;

  beforeAll(async () => {
    site = new StaticSite({
      root: SITE,
      routes: { [ARTICLE]: (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(deepArticle()) },
    });
    await site.start();
    crawled = await crawlOnce([{ id: 'sau', kind: 'news', startUrls: [`${site.url}${ARTICLE}`], sitemaps: false, exclude: ['.'] }], {
      maxRetries: 0,
      requestsPerMinute: 60_000,
    });
  }, 120_000);

  afterAll(async () => {
    await crawled?.cleanup();
    await site?.stop();
  });

  it('stores the article with its title and body', () => {
    const { reports, items } = crawled;
    expect(reports[0].errors).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0].title).toBe('Phân luồng giao thông phục vụ Đại hội Đảng bộ tỉnh Gia Lai');
    // The lead (sapo) may come first; the body's first sentence, up to where the nesting was cut in, is there.
    expect(items[0].text).toContain('Công an TP. Pleiku thông báo tạm thời hạn chế phương tiện tr');
    expect(items[0].text).toContain('Người tham gia giao thông đi theo hướng dẫn của lực lượng chức năng');
  });
});
