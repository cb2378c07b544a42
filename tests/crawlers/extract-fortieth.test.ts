// Fortieth extraction pass (speed, output-identical): the three repairs before extraction (a <head> never
// closed, a stray </body>, React's streamed parts) find the page's <body>, <head> and streamed parts in one
// walk instead of a selector walk each. Their behaviour is that of the twenty-third, fifteenth and
// twenty-seventh passes (whose tests pass unchanged); these guards cover the cases the walk decides.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P } from './story-page.ts';

const URL = 'https://www.magazine.example/2025/01/20/coffee-houses';
const HEAD = `<meta charset="utf-8"><meta property="og:type" content="article"><title>Coffee</title>`;
const STORY = [1, 2, 3, 4].map(P).join('');
const textOf = (html: string) => {
  const result = extractPage(html, URL);
  return result.kind === 'article' ? result.article.text : '';
};

describe('the repairs before extraction find their elements in one walk (fortieth pass)', () => {
  it('reopens an unclosed <head> only on a page without <body>', () => {
    const text = textOf(`<html><head>${HEAD}<div><h1>A history of coffee</h1>${STORY}</div></html>`);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
  });

  it('moves what follows a stray </body> back into the first <body>, not into a later one', () => {
    const html =
      `<html><head>${HEAD}</head><body><nav><a href="/">Home</a></nav></body>` +
      `<div class="post"><h1>A history of coffee</h1>${STORY}</div><body><p>Second body.</p></body></html>`;
    const text = textOf(html);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
  });

  it('leaves a <body> whose parent is not <html> where it is', () => {
    const html = `<div><body><h1>A history of coffee</h1>${STORY}</body></div>`;
    expect(textOf(html)).toContain('Paragraph 4 of the story');
  });

  it('reveals a streamed part only when a hidden div with an id "S:…" is on the page', () => {
    const streamed = `<html><head>${HEAD}</head><body><article><h1>A history of coffee</h1>${P(1)}<template id="B:0"></template><p>Loading…</p>${P(3)}${P(4)}</article><div hidden id="S:0">${P(2)}</div></body></html>`;
    const text = textOf(streamed);
    expect(text.indexOf('Paragraph 2 of the story')).toBeGreaterThan(text.indexOf('Paragraph 1 of the story'));
    expect(text.indexOf('Paragraph 2 of the story')).toBeLessThan(text.indexOf('Paragraph 3 of the story'));
    // The same part not hidden (no `hidden`), or with another id, is not a streamed part: it stays where it is.
    const plain = streamed.replace('<div hidden id="S:0">', '<div id="S:0">');
    expect(textOf(plain).indexOf('Paragraph 2 of the story')).not.toBe(text.indexOf('Paragraph 2 of the story'));
  });
});
