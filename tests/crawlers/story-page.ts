// A magazine story page for extraction-rule tests: numbered story paragraphs inside a page with a
// menu and a footer, so a rule's effect on the story's text can be read directly.
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
