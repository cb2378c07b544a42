// Fifteenth extraction pass, recall: a story after a stray `</body>` is read as a browser reads it.
// The rule test fails on the code before it (the story was lost there); the footer guard passes on it.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P } from './story-page.ts';

describe('a page closed before its content (fifteenth pass)', () => {
  // A theme's header template ends with `</body></html>`; browsers go on building <body>.
  const page =
    `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Coffee</title></head>` +
    `<body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header></body></html>` +
    `<div class="blog-detail-page"><h1>A history of coffee</h1>${[1, 2, 3, 4, 5].map(P).join('')}</div>` +
    `<footer><p>All rights reserved by the coffee magazine and its partners, in every country.</p></footer></body></html>`;

  it('reads the story after a stray </body>, as a browser does, and still leaves out the footer', () => {
    const result = extractPage(page, 'https://www.magazine.example/2025/01/20/coffee-houses');
    expect(result.kind).toBe('article');
    const text = result.kind === 'article' ? result.article.text : '';
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 5 of the story');
    expect(text).not.toContain('All rights reserved');
  });
});
