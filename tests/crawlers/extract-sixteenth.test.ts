// Sixteenth pass (an ablation of the rules on the readable halves): an unnamed paragraph in the
// article's <header> is no longer taken for its standfirst (without that rule WCXB's and Zyte's
// readable halves scored a little higher and the 990 set's development half the same); a named lead still is.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const S1 = 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã thảo luận văn kiện, bầu Ban Chấp hành khóa mới và thông qua nghị quyết.';
const S2 = 'Các đại biểu cũng thảo luận về phát triển kinh tế, xây dựng nông thôn mới, giảm nghèo bền vững trong nhiệm kỳ tới.';
const S3 = 'Ban tổ chức cho biết, đại hội diễn ra trong ba ngày, với sự tham dự của hơn 350 đại biểu chính thức từ các huyện.';
const story = `<p>${S1} ${S2}</p><p>${S2} ${S3}</p><p>${S3} ${S1}</p>`;
const BLURB = 'Bài viết thuộc chuyên mục Thời sự, do phóng viên thường trú tại Pleiku thực hiện cho số báo cuối tuần này.';
const LEAD = 'Sáng 14/10, Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI chính thức khai mạc tại thành phố Pleiku, tỉnh Gia Lai.';

function textOf(header: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"></head><body><article><header><h1>Đại hội</h1>${header}</header><div class="article-body">${story}</div></article></body></html>`;
  const result = extractPage(html, 'https://bao.example/thoi-su/tin.html');
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
}

describe('a paragraph in the article’s <header> (sixteenth pass)', () => {
  it('is not taken for the standfirst when nothing names it a lead', () => {
    const text = textOf(`<p>${BLURB}</p>`);
    expect(text).toContain(S1);
    expect(text).not.toContain(BLURB);
  });

  it('is taken when its class names it a lead', () => {
    const text = textOf(`<p class="article-lead">${LEAD}</p>`);
    expect(text.startsWith(LEAD)).toBe(true);
  });
});
