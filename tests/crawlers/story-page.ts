// A magazine story page for extraction-rule tests: numbered story paragraphs inside a page with a
// menu and a footer, so a rule's effect on the story's text can be read directly.
import { expect } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

export const P = (n: number) =>
  `<p>Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.</p>`;

const page = (body: string, head: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article">${head}<title>Coffee</title></head><body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header><main><h1>A history of coffee</h1>${body}</main><footer><p>All rights reserved.</p></footer></body></html>`;

/** The story's text; `head` adds elements to the page's <head> (a meta description). */
export const textOf = (body: string, head = '') => {
  const result = extractPage(page(body, head), 'https://www.magazine.example/2025/01/20/coffee-houses');
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
};

/** A story whose middle holds each line as a paragraph of its own, between its paragraphs 1–2 and 3–4. */
export const storyWith = (...middle: string[]) => `<article>${P(1)}${P(2)}${middle.map((line) => `<p>${line}</p>`).join('')}${P(3)}${P(4)}</article>`;

/** Each line, a paragraph of its own in the story, is kept (or left out, the story around it kept). */
export function expectLines(lines: string[], kept: boolean): void {
  const text = textOf(storyWith(...lines));
  expect(text).toContain('Paragraph 4 of the story');
  for (const line of lines) expect(text.includes(line), line).toBe(kept);
}
