// Article detection that does not depend on body length, and pages that must never make the
// extractor throw: 10,000-level nesting, 5 MB pages, broken markup, a wrong charset declaration.
import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../crawlers/charset.ts';
import { extractPage, type PageKind } from '../../crawlers/extract-article.ts';

const SENTENCE = 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã thảo luận văn kiện, bầu Ban Chấp hành khóa mới và thông qua nghị quyết.';
const URL = 'https://bao.example/thoi-su/tin.html';

function page(head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function article(result: PageKind) {
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}${result.kind === 'other' ? `: ${result.reason}` : ''}`);
  return result.article;
}

describe('article detection', () => {
  it('takes a two-sentence brief under a proper article header as an article', () => {
    const brief = 'Sáng 15/10, UBND huyện Ia Pa tổ chức lễ ra quân. Hơn 200 đoàn viên tham gia.';
    const html = page(
      `<title>Ra quân | Báo</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Ia Pa ra quân","datePublished":"2020-10-15T08:00:00+07:00","author":{"name":"Hoài Thu"}}</script>`,
      `<nav><a href="/">Trang chủ</a></nav><article><h1>Ia Pa ra quân</h1><time datetime="2020-10-15T08:00:00+07:00">15/10/2020</time>
       <span class="author">Hoài Thu</span><div class="article-body"><p>${brief}</p></div></article>`,
    );
    const extracted = article(extractPage(html, URL));
    expect(extracted.text).toBe(brief);
    expect(extracted).toMatchObject({ title: 'Ia Pa ra quân', author: 'Hoài Thu', publishedAt: '2020-10-15T08:00:00+07:00' });
  });

  it('takes og:type=article or an <article> with a headline as article markup', () => {
    const short = '<p>Chiều 20/10, tỉnh tổ chức họp báo về kết quả Đại hội.</p>';
    expect(article(extractPage(page('<meta property="og:type" content="article">', `<div>${short}</div>`), URL)).text).toContain('họp báo');
    expect(article(extractPage(page('', `<article><h1>Họp báo</h1>${short}</article>`), URL)).text).toContain('họp báo');
  });

  it('takes long running text without markup or date as an article', () => {
    const body = `<div class="content"><p>${SENTENCE} ${SENTENCE}</p><p>${SENTENCE} ${SENTENCE}</p><p>${SENTENCE}</p></div>`;
    expect(extractPage(page('<title>Tin</title>', body), URL).kind).toBe('article');
  });

  it('keeps category, tag, search and home pages out, saying why', () => {
    const list = Array.from(
      { length: 12 },
      (_, i) => `<li><a href="/thoi-su/bai-${i}.html">Tin số ${i} về Đại hội Đảng bộ tỉnh</a> <time datetime="2020-10-1${i % 10}">1${i % 10}/10</time></li>`,
    ).join('');
    const listing = page('<title>Thời sự</title>', `<main><h1>Thời sự</h1><ul class="story-list">${list}</ul></main>`);
    for (const url of [
      'https://bao.example/chuyen-muc/thoi-su.html',
      'https://bao.example/tag/dai-hoi',
      'https://bao.example/',
      'https://bao.example/tim-kiem?q=dai+hoi',
    ]) {
      const result = extractPage(listing, url);
      expect(result.kind, url).toBe('other');
      if (result.kind === 'other') expect(result.reason).toMatch(/list of links|home, category|search|no running text/);
    }
    const teaser = page('<title>Tin</title>', `<main><p>${SENTENCE}</p></main>`);
    expect(extractPage(teaser, 'https://bao.example/chuyen-muc/thoi-su.html').kind).toBe('other');
  });

  it('takes a link roundup post (one <article> with its headline, og:type=article) however link-dense, not a listing of teasers', () => {
    const entry = (i: number) =>
      `<p><a href="https://other.example/${i}">Báo chí địa phương và chuyển đổi số, bài ${i} của tuần</a>, lời bình của biên tập ${i}</p>`;
    const links = Array.from({ length: 8 }, (_, i) => entry(i)).join('');
    const og = '<meta property="og:type" content="article">';
    const roundup = page(og, `<nav><a href="/">Trang chủ</a></nav><article><h1>Điểm báo tuần 42</h1>${links}</article>`);
    expect(article(extractPage(roundup, URL)).text).toContain('bài 7 của tuần');
    // Site-wide og:type=article on a listing of several <article> blocks, each with a headline and its links.
    const half = (from: number) => Array.from({ length: 4 }, (_, i) => entry(from + i)).join('');
    const listing = extractPage(page(og, `<main><article><h1>Tuần 41</h1>${half(0)}</article><article><h1>Tuần 42</h1>${half(4)}</article></main>`), URL);
    expect(listing).toMatchObject({ kind: 'other', reason: expect.stringMatching(/list of links/) });
    // Without og:type or itemprop=articleBody, one <article> of links is still a menu.
    expect(extractPage(page('', `<article><h1>Liên kết</h1>${links}</article>`), URL).kind).toBe('other');
  });

  it('keeps the declared time zone of the publication time', () => {
    const html = page('<meta property="article:published_time" content="2020-10-14T09:15:00+07:00">', `<article><h1>T</h1><p>${SENTENCE}</p></article>`);
    expect(article(extractPage(html, URL)).publishedAt).toBe('2020-10-14T09:15:00+07:00');
  });
});

describe('pages that must not break extraction', () => {
  it('handles 10,000 levels of nesting, closed or not, without overflowing the stack', () => {
    const depth = 10_000;
    const closed = page('<meta property="og:type" content="article">', `${'<div>'.repeat(depth)}<p>${SENTENCE}</p><p>${SENTENCE}</p>${'</div>'.repeat(depth)}`);
    expect(article(extractPage(closed, URL)).text).toContain('Ban Chấp hành khóa mới');
    const unclosed = page('<title>Sâu</title>', `${'<div><span>'.repeat(depth / 2)}<p>${SENTENCE}</p>`);
    const result = extractPage(unclosed, URL);
    expect(['article', 'other']).toContain(result.kind);
    if (result.kind === 'other') expect(result.reason).not.toMatch(/could not be read/);
  });

  it('extracts a 5 MB page whole', () => {
    const paragraphs = `<p>${SENTENCE}</p>`.repeat(Math.ceil(5_000_000 / (SENTENCE.length + 7)));
    const html = page(
      '<meta property="og:type" content="article"><title>Toàn văn</title>',
      `<article><h1>Toàn văn</h1>${paragraphs}<p>Hết toàn văn.</p></article>`,
    );
    expect(html.length).toBeGreaterThan(5_000_000);
    const text = article(extractPage(html, URL)).text;
    expect(text.endsWith('Hết toàn văn.')).toBe(true);
  });

  it('reads broken markup and a page whose declared charset is wrong', () => {
    const broken = `<html><head><title>Hỏng</title><body><article><h1>Tin hỏng<div class="article-body"><p>${SENTENCE}<p>${SENTENCE}<table><tr><td>${SENTENCE}`;
    expect(article(extractPage(broken, URL)).text).toContain('thông qua nghị quyết');
    // UTF-8 bytes declared as windows-1258: decoded wrongly, but still a page, never an exception.
    const bytes = Buffer.from(
      page('<meta charset="windows-1258"><meta property="og:type" content="article">', `<article><h1>Tin</h1><p>${SENTENCE}</p></article>`),
    );
    const result = extractPage(decodeDocument(bytes).text, URL);
    expect(result.kind).toBe('article');
  });
});
