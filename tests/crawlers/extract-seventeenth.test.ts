// Seventeenth extraction pass, recall: a story the page marks as its body (itemprop=articleBody)
// is read even when a block around it looks like furniture (a CMS content column in an <aside>, an
// opinion piece's wrapper named `commentary`). Both tests fail on the code before the rule.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P } from './story-page.ts';

const teasers = Array.from({ length: 12 }, (_, i) => `<li><a href="/story-${i}">Another story of the city, number ${i}, with its long headline</a></li>`).join(
  '',
);

const pageOf = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Coffee</title></head>` +
  `<body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header>${body}` +
  `<div class="more"><h2>More stories</h2><ul>${teasers}</ul></div><footer><p>All rights reserved.</p></footer></body></html>`;

const textOf = (body: string) => {
  const result = extractPage(pageOf(body), 'https://www.magazine.example/2025/01/20/coffee-houses');
  return result.kind === 'article' ? result.article.text : '';
};

describe('a marked story inside a block that looks like furniture (seventeenth pass)', () => {
  it('reads a story whose CMS puts the content column in an <aside>', () => {
    const text = textOf(
      `<main><aside class="content-direct"><section itemscope itemtype="http://schema.org/Article"><h1>A history of coffee</h1>` +
        `<div itemprop="articleBody">${[1, 2, 3, 4].map(P).join('')}</div></section></aside></main>`,
    );
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('Another story of the city');
  });

  it('reads an opinion piece whose wrapper is named commentary, and leaves its readers\u2019 comments out', () => {
    const comments = Array.from(
      { length: 8 },
      (_, i) =>
        `<li class="member"><p>Reader ${i} wrote: I disagree with the author about the coffee houses, since the merchants met elsewhere, in the harbour taverns, and argued there instead.</p></li>`,
    ).join('');
    const text = textOf(
      `<div class="sect sect_article opinion commentary"><h1>A history of coffee</h1><article itemprop="articleBody">${[1, 2, 3, 4].map(P).join('')}</article></div>` +
        `<div class="sect sect_commentlinks"><ul class="sectbody directory">${comments}</ul></div>`,
    );
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('Reader 3 wrote');
  });
});
