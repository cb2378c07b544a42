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
      (_, i) =>
        `<p>Paragraph ${i + 1} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p>`,
    ).join('');
    const text = textOf(
      `<div class="story">${paragraphs}</div><div class="widget"><pre>npm install coffee-house --save\nnpm run brew -- --strength strong --cups 2\n# then open http://localhost:8080 in a browser</pre></div>`,
    );
    expect(text).toContain('Paragraph 6 of the story');
    expect(text).not.toContain('npm install coffee-house');
  });
});

describe('section headings written as h1 inside the story (twenty-second pass)', () => {
  const section = (title: string, n: number) =>
    `<h1 class="pw-post-section">${title}</h1><p>Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p><p>Paragraph ${n + 1} of the story: the owners kept ledgers of every debt, and the ledgers outlived most of the houses themselves.</p>`;
  const intro = `<p>Paragraph 0 of the story: before the first section, the post says why coffee houses are worth a history of their own, and what the reader will find below.</p>`;

  it('keeps alike h1s that head the story’s sections after its running text has begun', () => {
    const text = textOf(
      `<article class="post">${intro}${section('Why the houses mattered', 1)}${section('What the ledgers tell us', 3)}${section('Where the houses went', 5)}</article>`,
    );
    expect(text).toContain('Why the houses mattered');
    expect(text).toContain('What the ledgers tell us');
    expect(text).toContain('Where the houses went');
    expect(text).toContain('Paragraph 6 of the story');
  });

  it('still leaves out a lone h1 after the story (an appeal, not a section)', () => {
    const text = textOf(
      `<article class="post">${intro}${section('Why the houses mattered', 1)}<h1 class="appeal">While you are here…</h1><p>Our journalism depends on readers like you: support independent reporting on the history of coffee with a monthly gift.</p></article>`,
    );
    expect(text).not.toContain('While you are here');
    expect(text).not.toContain('Why the houses mattered');
  });

  it('still leaves out the headline printed again as an h1 before the running text (Markdown: no classes)', () => {
    const markdown = (title: string, n: number) => section(title, n).replace(' class="pw-post-section"', '');
    const text = textOf(
      `<article class="post"><h1>A history of coffee</h1>${intro}${markdown('Why the houses mattered', 1)}${markdown('What the ledgers tell us', 3)}</article>`,
    );
    expect(text).not.toMatch(/^A history of coffee/);
    expect(text).toMatch(/^Paragraph 0 of the story/);
    expect(text).toContain('Why the houses mattered');
    expect(text).toContain('What the ledgers tell us');
  });
});

describe('a heading kept over its note, a short line of links before its section (twenty-second pass)', () => {
  const prose = (n: number) =>
    `<p>Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p>`;

  it('keeps a section heading whose "Main article" hatnote is judged a link list', () => {
    const text = textOf(
      `<div class="mw-parser-output">${prose(1)}${prose(2)}<h2><span class="mw-headline">Trade and ledgers</span></h2><div role="note" class="hatnote">Main articles: <a href="/wiki/Coffee_trade">History of the coffee trade</a> and <a href="/wiki/Ledger">Ledgers of coffee houses</a></div>${prose(3)}${prose(4)}</div>`,
    );
    expect(text).toContain('Trade and ledgers\n\nParagraph 3 of the story');
  });

  it('keeps a venue’s heading over its map link', () => {
    const venue = (name: string, n: number) => `<h3>${name}</h3><p class="venue-map"><a href="/guide/map?venue=${n}">map</a></p>${prose(n)}`;
    const text = textOf(`<div class="guide">${prose(0)}${venue('The Copper Pot', 1)}${venue('Bean and Ledger', 2)}${venue('Night Owl Roasters', 3)}</div>`);
    expect(text).toContain('The Copper Pot');
    expect(text).toContain('Night Owl Roasters\n\nParagraph 3 of the story');
  });

  it('still drops a heading whose links are followed by another heading, or by nothing', () => {
    const text = textOf(
      `<div class="story">${prose(1)}${prose(2)}<h3>More on coffee</h3><p><a href="/2025/01/10/espresso">The espresso story</a></p><h3>Read next</h3><p><a href="/2025/01/11/beans">Beans</a></p></div>`,
    );
    expect(text).not.toContain('More on coffee');
    expect(text).not.toContain('Read next');
  });

  it('still drops another story’s title over its byline link', () => {
    const text = textOf(
      `<div class="story">${prose(1)}${prose(2)}<h3>How tea houses won the suburbs</h3><div><a href="/author/jane">By Jane Doe</a></div><p>A teaser of another story of the magazine, two sentences long, about how tea houses won over the suburbs of the city.</p>${prose(3)}</div>`,
    );
    expect(text).not.toContain('How tea houses won the suburbs');
  });
});

describe('a stream of other stories’ teasers beside the story (twenty-second pass)', () => {
  const teaser = (n: number) =>
    `<li class="stream-item"><h3><a href="/news/story-${n}.html">Another story of the day, number ${n}, told in one line</a></h3><p>A summary of story ${n}, with its place, its people, its date, and why it matters, in two sentences, as portals print them.</p></li>`;
  const stream = (items: number) => `<ul id="Stream" class="stream">${Array.from({ length: items }, (_, i) => teaser(i + 1)).join('')}</ul>`;

  it('takes the story, not the stream of teasers that outscores it', () => {
    const story = `<div class="body" itemscope itemtype="https://schema.org/Article">${[1, 2, 3, 4]
      .map(
        (n) =>
          `<p>Paragraph ${n} of the story: the old coffee houses of the city served as meeting places, where merchants, writers and travellers argued late into the night.</p>`,
      )
      .join('')}</div>`;
    const text = textOf(
      `<div class="column-main">${story}</div><div class="column-side"><div class="sticky"><div class="applet"><div class="applet-body">${stream(8)}</div></div></div></div>`,
    );
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('A summary of story 1,');
  });

  it('keeps the stream when nothing beside it scores near it (a sidebar is no story)', () => {
    const sidebar = `<div class="about">${Array.from({ length: 6 }, (_, i) => `<p>Our roastery ${i + 1} sells beans from small farms and roasts them twice a week in the old town</p>`).join('')}</div>`;
    const result = extractPage(
      `<!doctype html><html><head><meta charset="utf-8"><title>News</title></head><body><main><h1>Today’s news</h1><div class="column-main"><div class="applet">${stream(20)}</div></div><div class="column-side">${sidebar}</div></main></body></html>`,
      'https://www.magazine.example/2025/01/20/news-of-the-day',
    );
    const text = result.kind === 'article' ? result.article.text : '';
    expect(text).not.toContain('Our roastery 1 sells beans');
  });
});
