// Twenty-second extraction pass: gold text trafilatura keeps and we dropped on readable pages
// (Readability's test pages, the 990 set's development half and sample, WCXB and Zyte tuning
// pages). Each test of a rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { textOf } from './story-page.ts';

describe('a preformatted story split over <pre> pages (twenty-second pass)', () => {
  // As rfcmarkup prints a draft: the pages straight in <body>, section titles as spans.
  const printedPage = (n: number) =>
    `<pre class="newpage">Draft                    Coffee House Protocol               December 2025\n\n<span class="h2"><a class="selflink" href="#section-${n}">${n}</a>.  Ordering coffee at the counter, part ${n}</span>\n\n   The client sends the order to the counter, and the counter answers\n   with a ticket number, as coffee houses of the city did for centuries,\n   so that every later request names the order it belongs to, page ${n}.\n\nAuthor                                                         [Page ${n}]</pre>`;
  const rfc = `<!doctype html><html><head><meta charset="utf-8"><title>draft-barista-coffee-04 - Coffee House Protocol</title></head><body><div class="docinfo"><a href="/html/">Docs</a> <a href="/id/draft-barista-coffee-04.txt">txt</a></div><pre>INTERNET DRAFT                                         A. Barista\nExpires: 18 June 2026                                   December 2025\n\n                    <span class="h1">Coffee House Protocol</span>\n\nAbstract\n\n   This draft describes a protocol by which a client orders coffee from\n   a counter hosted on another domain, and how the counter answers it.\n\nAuthor                                                         [Page 1]</pre>${Array.from({ length: 6 }, (_, i) => printedPage(i + 2)).join('')}</body></html>`;

  it('takes the first printed page, whose <pre> lacks the class of the others', () => {
    const result = extractPage(rfc, 'https://tools.ietf.example/html/draft-barista-coffee-04');
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    expect(result.article.text).toContain('This draft describes a protocol by which a client orders coffee');
    expect(result.article.text).toContain('page 2.');
    expect(result.article.text).toContain('page 7.');
  });

  it('leaves a <pre> beside a story of paragraphs to the usual rules (a code block in a footer stays out)', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `<p>Paragraph ${i + 1} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p>`,
    ).join('');
    const text = textOf(
      `<div class="story">${paragraphs}</div><div class="widget"><pre>npm install coffee-house --save\nnpm run brew -- --strength strong --cups 2\n# then open http://localhost:8080 in a browser</pre></div>`,
    );
    expect(text).toContain('Paragraph 6 of the story');
    expect(text).not.toContain('npm install coffee-house');
  });
});
