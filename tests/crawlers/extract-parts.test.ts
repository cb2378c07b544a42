// Third round of extraction fixes (docs/extraction.md): a date printed after the headline (and, fourth pass, above it; a dated post in short lines), JSON-LD
// articleBody holding (encoded) HTML, named inline elements inside a sentence, forms holding a
// product's text, popups, and a heading before an empty widget slot. Each case also checks the
// boilerplate or non-article case beside it.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const URL = 'https://bao.example/doi-song/bai-viet-42';
const S1 = 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã thảo luận văn kiện, bầu Ban Chấp hành khóa mới và thông qua nghị quyết.';
const S2 = 'Các đại biểu cũng thảo luận về phát triển kinh tế, xây dựng nông thôn mới, giảm nghèo bền vững trong nhiệm kỳ tới.';
const S3 = 'Ban tổ chức cho biết, đại hội diễn ra trong ba ngày, với sự tham dự của hơn 350 đại biểu chính thức từ các huyện.';

function page(head: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function textOf(head: string, body: string): string {
  const result = extractPage(page(head, body), URL);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}${result.kind === 'other' ? `: ${result.reason}` : ''}`);
  return result.article.text;
}

const og = '<meta property="og:type" content="article">';
const story = `<p>${S1} ${S2}</p><p>${S2} ${S3}</p><p>${S3} ${S1}</p>`;

describe('article detection by a printed date', () => {
  const brief = `<p>${S1} ${S2}</p>`;

  it('takes a one-paragraph story whose date is printed after the headline (no markup, no <time>)', () => {
    for (const date of ['14.10.2020', '2020-10-14', '14. Oktober 2020', 'October 14, 2020', '14 de octubre de 2020']) {
      const result = extractPage(page('<title>Tin</title>', `<h1>Đại hội Đảng bộ tỉnh</h1><div class="meta">${date} · Tin tức</div>${brief}`), URL);
      expect(result.kind, date).toBe('article');
    }
  });

  it('does not take the same page without a date, nor one whose only date is in the top bar before the headline', () => {
    expect(extractPage(page('<title>Giới thiệu</title>', `<h1>Giới thiệu</h1>${brief}`), URL).kind).toBe('other');
    const topBar = `<div class="topbar">Thứ Hai, ngày 19/10/2020</div><nav><a href="/">Trang chủ</a></nav>`;
    expect(extractPage(page('<title>Giới thiệu</title>', `${topBar}<h1>Giới thiệu</h1>${brief}`), URL).kind).toBe('other');
    // A number that is not a date (a phone number, a version) does not date the page.
    expect(extractPage(page('<title>Liên hệ</title>', `<h1>Liên hệ</h1><p>Điện thoại 0269.3824.123</p>${brief}`), URL).kind).toBe('other');
  });
});

describe('article detection by a dateline above the headline (fourth pass)', () => {
  const brief = `<p>${S1} ${S2}</p>`;

  it('takes a one-paragraph story whose date is printed on the line right above the headline', () => {
    const body = `<header class="site"><div class="logo">Báo Tỉnh</div></header><div class="detail"><div class="detailheader">14.10.2020 (PV) · 3 bình luận</div><h1>Đại hội Đảng bộ tỉnh</h1>${brief}</div>`;
    expect(extractPage(page('<title>Tin</title>', body), URL).kind).toBe('article');
  });

  it('does not count a date in a long block above the headline (a list of other stories), nor a date two blocks up', () => {
    const others = Array.from({ length: 4 }, (_, i) => `<li>14.10.2020 — Hội nghị tổng kết công tác dân vận năm 2020 số ${i}</li>`).join('');
    expect(extractPage(page('<title>Giới thiệu</title>', `<ul class="list">${others}</ul><h1>Giới thiệu</h1>${brief}`), URL).kind).toBe('other');
    expect(
      extractPage(page('<title>Giới thiệu</title>', `<div class="date">14.10.2020</div><div class="logo">Báo Tỉnh</div><h1>Giới thiệu</h1>${brief}`), URL).kind,
    ).toBe('other');
  });
});

describe('article detection of a dated post in short lines (fourth pass)', () => {
  const verse = (lines: number) =>
    `<h1>Bài thơ mùa thu</h1><div class="post-body">${Array.from({ length: lines }, (_, i) => `Lá vàng rơi trên con đường cũ số ${i}<br>`).join('')}</div>`;

  it('takes a dated post of verse or lyrics (no 80-character paragraph, 400 characters of lines)', () => {
    expect(extractPage(page('<title>Thơ</title>', verse(14)), 'https://blog.example/2011/07/bai-tho-mua-thu.html').kind).toBe('article');
  });

  it('does not take the same lines undated, nor a dated page with a few short lines', () => {
    expect(extractPage(page('<title>Thơ</title>', verse(14)), 'https://blog.example/bai-tho-mua-thu.html').kind).toBe('other');
    expect(extractPage(page('<title>Thơ</title>', verse(4)), 'https://blog.example/2011/07/bai-tho-mua-thu.html').kind).toBe('other');
  });
});

describe('article detection by a date in the URL', () => {
  const brief = page('<title>Tin</title>', `<h1>Đại hội Đảng bộ tỉnh</h1><p>${S1} ${S2}</p>`);

  it('takes a one-paragraph post whose permalink is dated before its slug (no markup, no printed date)', () => {
    for (const path of ['/2020/10/14/dai-hoi-dang-bo-tinh/', '/tin-tuc/2020/10/dai-hoi-dang-bo-tinh.html']) {
      expect(extractPage(brief, `https://bao.example${path}`).kind, path).toBe('article');
    }
  });

  it('does not take a date archive, a dated path without a slug, or an undated info page', () => {
    for (const path of ['/2020/10/', '/2020/10/14/', '/2020/10/14/12345', '/gioi-thieu/lich-su-2020-10.html']) {
      expect(extractPage(brief, `https://bao.example${path}`).kind, path).toBe('other');
    }
  });
});

describe('JSON-LD articleBody holding HTML', () => {
  it('decodes an entity-encoded body into paragraphs, with no markup left in the text', () => {
    const body = [S1, S2, S3].map((s) => `&lt;p class=&quot;texto&quot;&gt;${s}&lt;/p&gt;`).join('');
    const jsonLd = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Đại hội","articleBody":"${body}"}</script>`;
    const text = textOf(jsonLd, '<h1>Đại hội</h1><p>Ảnh: PV</p>');
    expect(text).toBe([S1, S2, S3].join('\n\n'));
  });
});

describe('story parts kept and boilerplate left out', () => {
  it('keeps a named inline element inside a sentence (a dateline) but drops a byline block', () => {
    const text = textOf(
      og,
      `<article><h1>Đại hội</h1><div class="byline">Nguyễn Văn A</div><p><span class="dateline">GIA LAI –</span> ${S1}</p>${story}</article>`,
    );
    expect(text).toContain(`GIA LAI – ${S1}`);
    expect(text).not.toContain('Nguyễn Văn A');
  });

  it('reads a product described inside a form, and leaves a search or comment form out', () => {
    const product = `<form class="product-form"><h2>Chăn thêu tên</h2><div class="description"><p>${S1} ${S2}</p><p>${S3}</p></div><button>Mua</button></form>`;
    const search = '<form class="search"><input name="q"><label>Tìm kiếm trong các bài viết của trang, theo từ khóa hoặc chủ đề</label></form>';
    const text = textOf(og, `<div class="entry-content">${product}${search}</div>`);
    expect(text).toContain(S1);
    expect(text).toContain(S3);
    expect(text).not.toContain('Tìm kiếm');
  });

  it('leaves out a popup that opens with its close control', () => {
    const popup = `<div id="shipping-info"><div class="close">×</div><h3>Phí vận chuyển</h3><p>Giao hàng miễn phí cho đơn từ 500.000 đồng, các đơn khác tính phí theo khu vực, thời gian giao từ hai đến bốn ngày.</p></div>`;
    const text = textOf(og, `<main><h1>Đại hội</h1><div class="content">${popup}${story}</div></main>`);
    expect(text).toContain(S1);
    expect(text).not.toContain('vận chuyển');
  });

  it('keeps a heading followed by an empty widget slot, and drops one followed by a removed link list', () => {
    const links = '<ul>' + ['Tin một', 'Tin hai', 'Tin ba'].map((t) => `<li><a href="/${t}">${t} của chuyên mục trong tuần</a></li>`).join('') + '</ul>';
    const text = textOf(
      og,
      `<article><h1>Đại hội</h1><div class="article-body"><p>${S1} ${S2}</p><h2>Nhiệm kỳ mới</h2><aside class="widget"></aside><p>${S3} ${S2}</p><p>${S1}</p><h3>Đọc thêm</h3>${links}</div></article>`,
    );
    expect(text).toContain(`Nhiệm kỳ mới\n\n${S3}`);
    expect(text).not.toContain('Đọc thêm');
  });
});
