// Eighth extraction pass, from WCXB's dev split: a page that declares one story is not refused for
// a listing word in its URL, and a story split over a page builder's repeated blocks is joined.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const P = (n: number) =>
  `<p>Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p>`;
/** Wraps content in `levels` plain divs, as layout frameworks nest a block's body. */
const nested = (levels: number, content: string) => '<div class="wrap">'.repeat(levels) + content + '</div>'.repeat(levels);

const page = (head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8">${head}<title>Coffee</title></head><body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header>${body}<footer><p>All rights reserved.</p></footer></body></html>`;

describe('a listing word in the URL against a page that declares one story (eighth pass)', () => {
  const story = `<main><h1>A history of coffee</h1><div class="content">${[1, 2, 3, 4].map(P).join('')}</div></main>`;

  it('takes a story whose page says og:type=article under /topics/ or /topic/', () => {
    for (const url of ['https://www.gearlab.example/topics/outdoor/best-gps-watch', 'https://www.encyclopedia.example/topic/history-of-coffee']) {
      // With its og:title the page's headline, as those sites print it (twenty-fifth pass: markup alone no longer outweighs the URL).
      const result = extractPage(page('<meta property="og:type" content="article"><meta property="og:title" content="A history of coffee">', story), url);
      expect(result.kind, url).toBe('article');
    }
  });

  it('takes a dated permalink with a slug under /archive/ or /archives/', () => {
    for (const url of ['https://blog.example/archive/2025/12/Advent_of_Code_week_2.html', 'https://person.example/archives/2025/12/16/vibe_coding.html']) {
      const result = extractPage(page('', story), url);
      expect(result.kind, url).toBe('article');
    }
  });

  it('still refuses topic pages, date archives and page numbers that declare no story', () => {
    for (const url of ['https://www.gearlab.example/topics/outdoor', 'https://blog.example/archive/2025/12/', 'https://news.example/page/2']) {
      const result = extractPage(page('<meta property="og:type" content="website">', story), url);
      expect(result.kind, url).toBe('other');
    }
  });

  it('still refuses a category page of teaser links, whatever its og:type', () => {
    const teasers = [1, 2, 3, 4, 5, 6]
      .map((n) => `<li><a href="/coffee-story-${n}">Another story about the coffee houses of the old city, number ${n}</a></li>`)
      .join('');
    const result = extractPage(
      page('<meta property="og:type" content="article">', `<main><h1>Coffee</h1><ul>${teasers}</ul></main>`),
      'https://news.example/category/coffee/',
    );
    expect(result.kind).toBe('other');
  });
});

describe("a story split over a page builder's repeated blocks (eighth pass)", () => {
  /** A builder's part: the text block beside an image block, inside a row, inside a same-class section. */
  const part = (content: string) =>
    `<section class="chapter"><div class="row"><div class="column"><div class="text-block">${content}</div><figure><img src="/c.jpg" alt=""></figure></div><figure><img src="/d.jpg" alt=""></figure></div></section>`;
  const textOf = (body: string) => {
    const result = extractPage(page('<meta property="og:type" content="article">', body), 'https://www.magazine.example/2025/01/20/coffee-houses');
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    return result.article.text;
  };

  it('joins a same-class part three levels above the text block', () => {
    const second = `<section class="chapter">${nested(6, [5, 6, 7, 8].map(P).join(''))}</section>`;
    const text = textOf(`<main><h1>Coffee houses</h1><div class="story">${part([1, 2, 3, 4].map(P).join(''))}${second}</div></main>`);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 8 of the story');
  });

  it("leaves out a short same-class block that far up, and the page's own top-level sections", () => {
    const cta = `<section class="chapter">${nested(6, '<p>Ready to talk? We are listening. If you have questions about our roasting, our cafés or our courses, we have answers, and probably some questions for you too. Write to us today.</p>')}</section>`;
    const faq = nested(
      6,
      ['How do you roast?', 'Where do the beans come from?', 'Do you ship abroad?']
        .map((q) => `<h3>${q}</h3><p>${'We answer every question about our coffee in detail, from the farm to the cup, with care. '.repeat(3)}</p>`)
        .join(''),
    );
    const text = textOf(
      `<main><section class="layout"><h1>Coffee houses</h1>${part([1, 2, 3, 4].map(P).join(''))}${cta}</section><section class="layout">${faq}</section></main>`,
    );
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('Ready to talk');
    expect(text).not.toContain('We answer every question');
  });
});
