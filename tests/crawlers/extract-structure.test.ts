// Story text that block scoring alone misses: a standfirst a few levels above the body, live
// tickers named "comments", a post kept in <noscript>, a story beside a long table. Each case also
// checks that the matching boilerplate stays out. (Same-class repeated blocks are measured by the
// extraction bench only: a small page that needs them and nothing else was not found.)
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const URL = 'https://bao.example/thoi-su/tin.html';
const S1 = 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã thảo luận văn kiện, bầu Ban Chấp hành khóa mới và thông qua nghị quyết.';
const S2 = 'Các đại biểu cũng thảo luận về phát triển kinh tế, xây dựng nông thôn mới, giảm nghèo bền vững trong nhiệm kỳ tới.';
const S3 = 'Ban tổ chức cho biết, đại hội diễn ra trong ba ngày, với sự tham dự của hơn 350 đại biểu chính thức từ các huyện.';

function textOf(head: string, body: string, url = URL): string {
  const result = extractPage(`<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`, url);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}${result.kind === 'other' ? `: ${result.reason}` : ''}`);
  return result.article.text;
}

const og = '<meta property="og:type" content="article">';
const story = `<p>${S1} ${S2}</p><p>${S2} ${S3}</p><p>${S3} ${S1}</p>`;

describe('story parts beyond the main block', () => {
  it('keeps a standfirst (sapo, lead, deck) a few levels above the body, and not a teaser in a related box', () => {
    const lead = 'Sáng 14/10, Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI chính thức khai mạc tại Pleiku.';
    const text = textOf(
      og,
      `<article><div class="row"><div class="col-12"><h2 class="sapo">${lead}</h2></div></div>
       <div class="row"><div class="col-8"><div class="article-body">${story}</div></div><div class="col-4"><span>Ảnh: PV</span></div></div>
       <div class="related-news"><div class="teaser">Tin khác: tỉnh tổ chức hội nghị tổng kết công tác dân vận năm 2020 tại Pleiku.</div></div></article>`,
    );
    expect(text.startsWith(lead)).toBe(true);
    expect(text).toContain(S3);
    expect(text).not.toContain('công tác dân vận');
  });

  it('keeps the entries of a live ticker even when named comments, and leaves readers’ comments out', () => {
    const entries = [S1, S2, S3]
      .map((s, i) => `<div class="live-match-comment"><span>${i + 1}'</span><div class="live-match-comment-body">${s}</div></div>`)
      .join('');
    const text = textOf(
      og,
      `<main><h1>Tường thuật</h1><div class="live-match"><div class="live-match-comments">${entries}</div></div>
       <div class="comments"><p>Bạn đọc Hùng: nghe nói danh sách nhân sự đã có sẵn từ trước rồi, đại hội chỉ bấm nút thôi.</p></div></main>`,
    );
    for (const s of [S1, S2, S3]) expect(text).toContain(s);
    expect(text).not.toContain('bấm nút');
  });

  it('reads a post kept in <noscript> for script-less readers, not an "enable JavaScript" notice', () => {
    const text = textOf(
      og,
      `<noscript><p>Vui lòng bật JavaScript để xem trang.</p></noscript><div class="post"><div class="post-body"><noscript>${story}</noscript></div></div>`,
    );
    expect(text).toContain(S1);
    expect(text).not.toContain('JavaScript');
  });

  it('takes the story around a long table (a list of signatories), not the table alone', () => {
    const names = (from: number) => Array.from({ length: 60 }, (_, i) => `<strong>Nguyễn Văn ${from + i}</strong>, Trường Đại học số ${i}<br>`).join('');
    const text = textOf(
      og,
      `<article><h1>Thư ngỏ</h1><div class="wysiwyg">${story}<table><tbody><tr><td>${names(0)}</td><td>${names(60)}</td></tr><tr><td>Danh sách tiếp tục được cập nhật.</td></tr></tbody></table></div></article>`,
    );
    expect(text).toContain(S1);
    expect(text).toContain('Nguyễn Văn 119');
  });
});

describe('layout wrappers named after boilerplate', () => {
  it('keeps a wrapper whose class mentions a sidebar when it holds most of the page’s prose, not the text beside it', () => {
    const about = `<div class="site-info"><p>${S3} ${S2}</p><p>${S2} ${S1}</p><p>${S1} ${S3}</p></div>`;
    const long = `<p>${S1} ${S2} ${S3}</p>`.repeat(4);
    const text = textOf(og, `<div class="container has-sidebar"><h1>Đại hội</h1>${long}</div>${about}`);
    expect(text).toContain(`${S1} ${S2} ${S3}`);
  });
});

describe('readers’ comments named in other languages', () => {
  it('leaves out comment sections named kommentare, comentarios, komentarze or reacties', () => {
    for (const name of ['kommentare', 'comentarios', 'komentarze', 'reacties']) {
      const text = textOf(
        og,
        `<div class="post">${story}</div><div id="${name}"><h3>2 Kommentare</h3><p>Bạn đọc Hùng: ${S2}</p><p>Bạn đọc Lan: ${S1}</p></div>`,
      );
      expect(text).toContain(S3);
      expect(text).not.toContain('Bạn đọc');
    }
  });
});

describe('standfirst headings', () => {
  it('keeps a subheadline heading before a removed share bar (a standfirst is not a dangling "Read more" heading)', () => {
    const deck = 'Sau ba ngày làm việc, đại hội đã hoàn thành toàn bộ chương trình đề ra và bế mạc sáng nay.';
    const text = textOf(
      og,
      `<div class="top"><h1>Bế mạc đại hội</h1><div class="body"><h2 class="subheadline">${deck}</h2><div class="socials">Chia sẻ bài viết</div>${story}</div></div>`,
    );
    expect(text.startsWith(deck)).toBe(true);
    expect(text).not.toContain('Chia sẻ');
  });
});

describe('standfirsts the page names by microdata or a hero banner (fourth pass)', () => {
  const deck = 'Sáng nay, đại hội đã bầu Ban Chấp hành khóa mới gồm 53 đồng chí, trong đó có nhiều cán bộ trẻ.';
  const layout = (deckBlock: string) =>
    `<div class="page"><div class="head-row"><div class="col"><h1>Bế mạc đại hội</h1>${deckBlock}</div></div>
     <div class="main-row"><div class="col-8"><div class="article-body">${story}</div></div><div class="col-4"><span>Ảnh: PV</span></div></div></div>`;

  it('keeps a deck marked itemprop="description" however it is styled, and not the same block without it', () => {
    expect(textOf(og, layout(`<h2 class="verylarge bold" itemprop="description">${deck}</h2>`)).startsWith(deck)).toBe(true);
    expect(textOf(og, layout(`<h2 class="verylarge bold">${deck}</h2>`))).not.toContain(deck);
  });

  it('keeps the intro of a hero banner beside the headline', () => {
    const text = textOf(og, layout(`<div class="page-hero__text"><p>${deck}</p></div>`).replace('class="col"', 'class="page-hero"'));
    expect(text.startsWith(deck)).toBe(true);
    expect(text).toContain(S3);
  });
});

describe('section headers inside the story (fourth pass)', () => {
  it('keeps a <header> holding only a heading (an accordion item), and leaves out a header with the site’s furniture', () => {
    const item = (title: string, body: string) =>
      `<li class="item"><header class="item-head"><h3>${title}</h3></header><div class="item-body"><p>${body}</p></div></li>`;
    const text = textOf(
      og,
      `<header class="site-head"><h2>Báo Điện tử Tỉnh</h2><p>Thứ Năm, 14/10/2020 — Đăng nhập</p></header>
       <div class="article-body">${story}<ul class="accordion">${item('Ưu điểm của phương án:', S2)}${item('Nhược điểm của phương án:', S3)}</ul></div>`,
    );
    expect(text).toContain('Ưu điểm của phương án:');
    expect(text).toContain('Nhược điểm của phương án:');
    expect(text).not.toContain('Đăng nhập');
  });
});

describe('new passes on pages that must not break extraction', () => {
  it('handles 10,000 nested lead-named blocks and <header>s without throwing', () => {
    const depth = 10_000;
    const html = `<html><head>${og}</head><body>${'<div class="intro"><header>'.repeat(depth / 2)}<p>${S1}</p>${'</header></div>'.repeat(depth / 2)}<div class="article-body">${story}</div></body></html>`;
    const result = extractPage(html, URL);
    expect(result.kind).toBe('article');
    if (result.kind === 'article') expect(result.article.text).toContain(S3);
  });

  it('reads a 5 MB post inside <noscript> whole', () => {
    const paragraphs = `<p>${S1}</p>`.repeat(Math.ceil(5_000_000 / (S1.length + 7)));
    const text = textOf(og, `<div class="post-body"><noscript>${paragraphs}<p>Hết toàn văn.</p></noscript></div>`);
    expect(text.endsWith('Hết toàn văn.')).toBe(true);
  });
});
