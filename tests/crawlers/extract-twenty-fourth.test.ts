// Twenty-fourth extraction pass: standfirsts that trafilatura keeps and we dropped on readable pages
// (Fundus's press pages, the 990 set's development half and sample). Each test of a rule fails on the
// code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P } from './story-page.ts';

const LEDE = 'Residents heard a bang on Tuesday and found a stone in a garden. Now it is clear: it was a meteorite.';

const storyText = (main: string) => {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Meteorite</title></head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header><main>${main}</main><footer><p>All rights reserved.</p></footer></body></html>`;
  const result = extractPage(html, 'https://www.broadcaster.example/news/meteorite-100.html');
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
};
const body = [1, 2, 3, 4, 5].map(P).join('');

describe("the lede inside the article's own <header>, which the story's container holds (twenty-fourth pass)", () => {
  it('reads the lede under the headline and the date, before the story (MDR, NDR)', () => {
    const text = storyText(
      `<article class="articlepage"><header class="articlehead"><p class="topline">Space</p><h1>It was a meteorite</h1><div class="lastchanged">Updated: 28.04.2023 16:11</div><p class="preface">${LEDE}</p></header>${body}</article>`,
    );
    expect(text.startsWith(LEDE)).toBe(true);
    expect(text).toContain('Paragraph 5 of the story');
  });

  it('reads a lede printed twice in the header (desktop and mobile variants) once', () => {
    const text = storyText(
      `<article class="articlepage"><header class="articlehead"><h1>It was a meteorite</h1><div class="desktop"><p class="preface">${LEDE}</p></div><div class="mobile"><p class="preface">${LEDE}</p></div></header>${body}</article>`,
    );
    expect(text.split(LEDE)).toHaveLength(2);
  });

  it("leaves out an author's description under the byline in that header", () => {
    const text = storyText(
      `<article class="review"><header class="head"><h1>It was a meteorite</h1><div><p>By <a href="/authors/jane">Jane Roe</a></p><p>Jane Roe writes about space rocks and has tested over 2,000 telescopes in her decade at the paper.</p></div></header>${body}</article>`,
    );
    expect(text).not.toContain('Jane Roe writes about space rocks');
    expect(text).toContain('Paragraph 1 of the story');
  });

  it('leaves out a deck in a page header that is no article’s (WCXB’s golds keep decks out)', () => {
    const text = storyText(`<header class="page-head"><h1>It was a meteorite</h1><div><p>${LEDE}</p></div></header>${body}`);
    expect(text).not.toContain('found a stone in a garden');
    expect(text).toContain('Paragraph 1 of the story');
  });
});

describe('the standfirst after a block joined before the story that holds no prose paragraph (twenty-fourth pass)', () => {
  it('reads a summary between a byline-and-date block and the body (Euronews)', () => {
    const text = storyText(
      `<article class="o-article-newsy"><div class="o-article-newsy__container"><div class="o-article-newsy__header"><h1 class="c-article-title">It was a meteorite</h1></div>` +
        `<div class="o-article-newsy__main"><div class="o-article-newsy__main__body u-article-content">` +
        `<div class="o-article-newsy__contributors-publication-date"><div class="c-article-contributors">Par&nbsp;<a href="/profils/2538">Jane Roe</a></div><div class="c-article-publication-date">Publié le <time datetime="2026-01-06 14:16:29 +01:00">06/01/2026 - 14:16 UTC+1</time></div></div>` +
        `<div class="c-article-partage-commentaire"><span>Partager</span> <a href="#comments">Discussion</a></div>` +
        `<h2 class="c-article-summary">${LEDE}</h2><div class="c-article-content js-article-content">${body}</div></div></div></div></article>`,
    );
    expect(text.startsWith(LEDE)).toBe(true);
    expect(text).toContain('Paragraph 5 of the story');
  });
});
