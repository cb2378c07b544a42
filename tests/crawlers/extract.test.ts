import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../crawlers/charset.ts';
import { extractPage } from '../../crawlers/extract-article.ts';
import { canonicalizeUrl, isAssetUrl, passesPatterns } from '../../crawlers/urls.ts';

const BODY = 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã thảo luận văn kiện và bầu Ban Chấp hành khóa mới. '.repeat(3);

function page(head: string, body: string): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

describe('extractPage', () => {
  it('reads title, date, author and canonical URL from JSON-LD', () => {
    const html = page(
      `<title>Site | Tiêu đề</title><link rel="canonical" href="/bai/1.html?utm_source=fb">
       <script type="application/ld+json">{"@type":"NewsArticle","headline":"Tiêu đề bài","datePublished":"2020-10-14T09:00:00+07:00","author":{"@type":"Person","name":"Minh Châu"}}</script>`,
      `<article><h1>Tiêu đề bài</h1><p>${BODY}</p></article>`,
    );
    const result = extractPage(html, 'https://bao.example/in/1.html');
    expect(result.kind).toBe('article');
    if (result.kind !== 'article') return;
    expect(result.article).toMatchObject({
      title: 'Tiêu đề bài',
      publishedAt: '2020-10-14T09:00:00+07:00',
      author: 'Minh Châu',
      canonicalUrl: 'https://bao.example/bai/1.html',
    });
  });

  it('falls back to meta tags and <time>, and drops menus, ads, comments and related links', () => {
    const html = page(
      '<meta property="og:title" content="Tin chính">',
      `<nav>Trang chủ | Thời sự</nav>
       <article><time datetime="2020-09-05T09:30:00+07:00">5/9/2020</time>
         <div class="ads">Vay tiêu dùng lãi suất 0%</div><p>${BODY}</p>
         <div class="related-news"><a href="/x">Tin liên quan</a></div>
         <div id="comments"><p>Nghe nói đã có danh sách nhân sự.</p></div></article>`,
    );
    const result = extractPage(html, 'https://bao.example/a.html');
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    expect(result.article.publishedAt).toBe('2020-09-05T09:30:00+07:00');
    expect(result.article.text).toContain('Ban Chấp hành khóa mới');
    for (const noise of ['Trang chủ', 'Vay tiêu dùng', 'Tin liên quan', 'Nghe nói']) expect(result.article.text).not.toContain(noise);
  });

  it('treats pages without a date or with a short body as non-articles, and meta refresh as a redirect', () => {
    expect(extractPage(page('<title>Giới thiệu</title>', `<main><p>${BODY}</p></main>`), 'https://bao.example/gt.html').kind).toBe('other');
    expect(extractPage(page('<meta property="article:published_time" content="2020-01-01">', '<p>Ngắn.</p>'), 'https://bao.example/n.html').kind).toBe('other');
    expect(extractPage(page('<meta http-equiv="refresh" content="0; url=/moi.html">', ''), 'https://bao.example/cu.html')).toEqual({
      kind: 'redirect',
      target: 'https://bao.example/moi.html',
    });
  });
});

describe('decodeDocument', () => {
  // Real windows-1258 bytes (glibc iconv, tone marks as combining characters) from the fixture site.
  const fixture = readFileSync(join(import.meta.dirname, '../fixtures/site/xa-hoi/cu-tri-ia-pa-gop-y-du-thao-van-kien.html'));
  const title = 'Cử tri Ia Pa góp ý dự thảo văn kiện: chú trọng thuỷ lợi, hoà giải ở cơ sở';

  it('decodes windows-1258 declared only in <meta charset> and returns NFC text', () => {
    const { text, charset } = decodeDocument(fixture, 'text/html');
    expect(charset).toBe('windows-1258');
    expect(text).toContain(title);
  });

  it('prefers a BOM, then the header charset, and defaults to UTF-8', () => {
    const withoutMeta = Buffer.from(fixture.toString('latin1').replace(/<meta charset="windows-1258">/i, ''), 'latin1');
    expect(decodeDocument(withoutMeta, 'text/html; charset=windows-1258').text).toContain(title);
    expect(decodeDocument(withoutMeta, 'text/html').text).not.toContain(title);
    const utf8 = Buffer.from(title);
    expect(decodeDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'text/html; charset=windows-1258').text).toBe(title);
    expect(decodeDocument(utf8, 'text/html').text).toBe(title);
  });

  it('reads a page that is not UTF-8 by a charset declared late, else as windows-1252, as browsers do', () => {
    const german = 'Überwachung der Viertelgemelke – „Qualität“';
    const padding = `<!-- ${'x'.repeat(3000)} -->`;
    const late = iconv.encode(
      `<html><head>${padding}<meta charset="windows-1250"><title>T</title></head><body><p>Ciężar dyskusji</p></body></html>`,
      'windows-1250',
    );
    expect(decodeDocument(late).text).toContain('Ciężar dyskusji');
    const undeclared = iconv.encode(`<html><body><p>${german}</p></body></html>`, 'windows-1252');
    const { text, charset } = decodeDocument(undeclared);
    expect(charset).toBe('windows-1252');
    expect(text).toContain(german);
    // Valid UTF-8 stays UTF-8, and a declared iso-8859-1 is read as windows-1252 (curly quotes kept).
    expect(decodeDocument(Buffer.from(`<p>${german}</p>`)).text).toContain(german);
    expect(decodeDocument(iconv.encode(`<meta charset="iso-8859-1"><p>${german}</p>`, 'windows-1252')).text).toContain(german);
  });

  it('reads valid multi-byte UTF-8 as UTF-8 whatever charset is declared; legacy bytes keep their charset', () => {
    // A site moved to UTF-8 that kept its old declaration (twenty-first pass: a gb2312 page).
    const chinese = '谷歌在2014年收购的人工智能公司开发出一款能够用自己的记忆学习新知识的计算机。';
    const stale = decodeDocument(
      Buffer.from(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>${chinese}</p></body></html>`),
    );
    expect(stale.charset).toBe('utf-8');
    expect(stale.text).toContain(chinese);
    expect(decodeDocument(Buffer.from(`<p>${chinese}</p>`), 'text/html; charset=windows-1252').text).toContain(chinese);
    // Real legacy bytes are not valid UTF-8: windows-1258 and gb2312 pages stay what they declare.
    expect(decodeDocument(fixture, 'text/html').charset).toBe('windows-1258');
    const gb = decodeDocument(iconv.encode(`<meta charset="gb2312"><p>${chinese}</p>`, 'gb2312'));
    expect(gb.charset).toBe('gb2312');
    expect(gb.text).toContain(chinese);
  });
});

describe('URL rules', () => {
  it('canonicalises tracking parameters and fragments away', () => {
    expect(canonicalizeUrl('https://Bao.example/a.html?utm_source=x&id=2&fbclid=y#binh-luan')).toBe('https://bao.example/a.html?id=2');
  });
  it('applies include/exclude patterns and recognises asset links', () => {
    expect(passesPatterns('https://bao.example/thoi-su/a.html', ['/thoi-su/'], ['/video/'])).toBe(true);
    expect(passesPatterns('https://bao.example/video/a.html', [], ['/video/'])).toBe(false);
    expect(isAssetUrl('https://bao.example/static/style.css')).toBe(true);
    expect(isAssetUrl('https://bao.example/thoi-su/a.html')).toBe(false);
  });
});
