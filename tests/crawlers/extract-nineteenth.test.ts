// Nineteenth extraction pass: a story's opening joins it only when the page says the story begins
// there. Blocks shaped as the story's body block (same tag and class) between the headline and the
// container are its first parts; a paragraph between them that opens with the page's own summary
// (its meta description) is its lede. Each test of a rule fails on the code before it; the guards
// (a same-class block after the story, a deck beside the headline, a lead printed twice) pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P, textOf } from './story-page.ts';

const body = (paragraphs: string) => `<section class="note-body">${paragraphs}</section>`;
const ad = `<div class="ad-slot"></div>`;
const opening = `<p>The opening paragraph of the story: prices rose again this spring and the unions of the food industry want a new wage round before the summer.</p>`;

describe('opening parts shaped as the story block (nineteenth pass)', () => {
  it('joins a first paragraph kept in its own copy of the body block, between the headline and the story', () => {
    const text = textOf(
      `<div class="row"><section class="detail-body first-paragraph">${body(opening)}</section>` +
        `<section class="detail-body">${ad}${body([1, 2, 3, 4].map(P).join(''))}</section></div>`,
    );
    expect(text).toContain('The opening paragraph of the story');
    expect(text).toContain('Paragraph 4 of the story');
  });

  it('leaves out a block of the same class after the story (an author box)', () => {
    const author = `<p>The author has written about the city and its coffee houses for twenty years, and teaches history at the university.</p>`;
    const text = textOf(
      `<div class="row"><section class="detail-body">${ad}${body([1, 2, 3, 4].map(P).join(''))}</section>` + `<div class="about">${body(author)}</div></div>`,
    );
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('The author has written');
  });

  it('does not print a lead twice when the page repeats it in a copy of the body block', () => {
    const text = textOf(
      `<div class="row"><section class="detail-body first-paragraph">${body(opening)}</section>` +
        `<section class="detail-body">${ad}${body(opening + [1, 2, 3, 4].map(P).join(''))}</section></div>`,
    );
    expect(text.split('The opening paragraph of the story')).toHaveLength(2);
  });
});

describe('the lede found by the page\u2019s own summary (nineteenth pass)', () => {
  const lede = 'In New York a giant clock now counts down the years left to keep warming under one and a half degrees';
  const summary = `<meta name="description" content="${lede}, a work of two artists.">`;

  it('joins the paragraph that opens with the meta description, between the headline and the story', () => {
    const text = textOf(
      `<div class="post"><div class="post-meta"><p>Home → News</p></div><div class="sommario"><p>${lede}</p></div>` +
        `<div class="entry-content">${[1, 2, 3, 4].map(P).join('')}</div></div>`,
      summary,
    );
    expect(text).toContain(lede);
    expect(text.indexOf(lede)).toBeLessThan(text.indexOf('Paragraph 1 of the story'));
  });

  it('leaves out a deck in the headline\u2019s own block, summary or not', () => {
    const html =
      `<!doctype html><html><head><meta property="og:type" content="article">${summary}<title>Clock</title></head><body><main>` +
      `<div class="row top"><div class="heading"><h1>A clock for the climate</h1><p class="heading-des">${lede}</p></div></div>` +
      `<div class="row"><div class="col"><div class="entry-content">${[1, 2, 3, 4].map(P).join('')}</div>${ad}</div></div></main></body></html>`;
    const result = extractPage(html, 'https://www.magazine.example/2025/01/20/climate-clock');
    const text = result.kind === 'article' ? result.article.text : '';
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain(lede);
  });
});
