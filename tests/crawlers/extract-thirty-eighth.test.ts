// Thirty-eighth extraction pass: the edge check of the thirty-seventh asks Readability only where it could
// drop an edge line. Readability drops a line when it lies outside its top candidate (the element holding
// the story's paragraphs) or under an element its cleaning removes (a footer, a byline, a share or meta box,
// a linked item of a list). A short edge line that sits among the story's own paragraphs, under nothing
// that marks it, is kept without asking. Each "asks" test fails on the code before it (no `edgeMayFall`);
// the guards ("does not ask") pass only with the pre-check's reading of the structure.
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { edgeMayFall } from '../../crawlers/extraction/second-opinion.ts';
import type { HtmlNode } from '../../crawlers/extraction/tree.ts';
import { textOf } from './story-page.ts';

const story = (n: number) =>
  `Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.`;
const STORY = [story(1), story(2), story(3)];
const P = STORY.map((line) => `<p>${line}</p>`).join('');

/** The container (the <article>) and our lines of it, each edge line given as [html, its text]. */
function check(head: Array<[string, string]>, tail: Array<[string, string]> = [], body = P): boolean {
  const $ = cheerio.load(
    `<html><body><div class="page"><article>${head.map(([h]) => h).join('')}${body}${tail.map(([h]) => h).join('')}</article></div></body></html>`,
  );
  const lines = [...head.map(([, t]) => t), ...STORY, ...tail.map(([, t]) => t)];
  return edgeMayFall(lines, $('article')[0] as unknown as HtmlNode);
}

describe("Readability asked about the story's edges only where it could drop a line (thirty-eighth pass)", () => {
  it('does not ask when the edge lines are plain paragraphs among the story paragraphs', () => {
    expect(check([['<p>Staff reporter</p>', 'Staff reporter']])).toBe(false);
    expect(
      check(
        [],
        [
          ['<p>Darren Totem</p>', 'Darren Totem'],
          ['<p><em>Publisher</em></p>', 'Publisher'],
        ],
      ),
    ).toBe(false);
    expect(check([['<h3>Coffee and tea</h3>', 'Coffee and tea']])).toBe(false);
    // A link inside a paragraph: Readability does not clean paragraphs conditionally.
    expect(check([], [['<p><a href="/more">More on coffee</a></p>', 'More on coffee']])).toBe(false);
  });

  it.each([
    ['a byline box', '<div class="byline">By Jane Doe | Jan 15, 2008</div>', 'By Jane Doe | Jan 15, 2008'],
    ['a meta line', '<p class="entry-meta">Filed under Coffee</p>', 'Filed under Coffee'],
    ['a share box', '<div class="share-tools"><span>Follow us</span></div>', 'Follow us'],
    ['a footer', '<footer>Tags: coffee, history</footer>', 'Tags: coffee, history'],
    ['an author link', '<p><a rel="author" href="/jane">Jane Doe</a></p>', 'Jane Doe'],
    ['a hidden element', '<div hidden>Print this page</div>', 'Print this page'],
    ['a headline', '<h2>Related stories</h2>', 'Related stories'],
    ['a list', '<ul><li>Canadians satisfied with start</li></ul>', 'Canadians satisfied with start'],
    ['a linked block', '<div><a href="/subscribe">Click to subscribe</a></div>', 'Click to subscribe'],
  ])('asks when the edge line sits in %s', (_, html, text) => {
    expect(check([[html, text]])).toBe(true);
    expect(check([], [[html, text]])).toBe(true);
  });

  it('asks when the edge line lies outside the element holding the story paragraphs', () => {
    const body = `<div class="story-body">${P}</div>`;
    expect(check([['<div>Created: 1/10/2008</div>', 'Created: 1/10/2008']], [], body)).toBe(true);
    expect(check([], [['<p>Passend zum Artikel</p>', 'Passend zum Artikel']], body)).toBe(true);
    // Inside the same element as the paragraphs, it is not asked.
    const $ = cheerio.load(`<article><div class="story-body"><p>Jan 15</p>${P}</div></article>`);
    expect(edgeMayFall(['Jan 15', ...STORY], $('article')[0] as unknown as HtmlNode)).toBe(false);
  });

  it('asks when it cannot tell: no container, an edge line not found in it, a story of edge lines only', () => {
    expect(edgeMayFall(['Follow us', ...STORY], undefined)).toBe(true);
    expect(check([['<p>Staff reporter</p>', 'Someone else entirely']])).toBe(true);
    const $ = cheerio.load('<article><p>Follow us</p><p>Jan 15</p></article>');
    expect(edgeMayFall(['Follow us', 'Jan 15'], $('article')[0] as unknown as HtmlNode)).toBe(true);
  });

  it('does not ask about lines that are no edge candidates (sentences, long lines)', () => {
    expect(check([['<div class="byline">The houses closed at midnight.</div>', 'The houses closed at midnight.']])).toBe(false);
  });

  it('guards: through the extractor, plain edge paragraphs of the story stay', () => {
    const text = textOf(`<article><p>Staff reporter</p>${P}<p>Darren Totem</p></article>`);
    expect(text.split('\n\n')).toEqual(['Staff reporter', ...STORY, 'Darren Totem']);
  });
});
