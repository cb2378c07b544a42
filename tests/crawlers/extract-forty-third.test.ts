// Forty-third extraction pass (the recall side). (1) Paragraphs straight in the page's root (`<body>`, or the
// body rebuilt from a <head> never closed on damaged copies) scored no candidate: block scoring credits a
// paragraph's ancestors below the root, so a table cell's copyright line or a sidebar won and the story was
// lost (erikdemaine.org's fold-and-cut page, modernfarmer.com, turkishpress.com's damaged copies). They now
// score the root, as Readability scores <body>. (2) A story's URL that carries its site's empty search field
// (`news.asp?id=208777&s=&i=&t=…`, as turkishpress.com links every story) was refused as a search page:
// LISTING_PATHS read any `s=` but a bare number as a search for words. An empty parameter asks for nothing.
// The tests of (2) fail on the code before it. The page-level cases of (1) pass on both (the second opinion,
// Readability, or sibling joining rescues such small pages before it; the sets' pages it changed are in the
// history): they guard that the story is taken and that a note in <body> does not outscore a story container.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { LISTING_PATHS } from '../../crawlers/extraction/rules.ts';

const paragraphs = Array.from(
  { length: 4 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the story: the city council voted on Tuesday to keep the old harbour bridge open to traffic, after engineers said the repairs could wait until the spring.</p>`,
).join('');
const story = `<!doctype html><html><head><title>Council keeps the harbour bridge open</title></head><body><div id="menu"><a href="/">Home</a> <a href="/news/">News</a></div><div class="story"><h1>Council keeps the harbour bridge open</h1>${paragraphs}</div></body></html>`;

describe('paragraphs straight in <body> (forty-third pass)', () => {
  const story = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraph ${i + 1} of the story: the city council voted on Tuesday to keep the old harbour bridge open to traffic, after engineers said the repairs could wait until the spring, and the mayor agreed.</p>`,
  ).join('');
  // A box of prose in a layout table's cell: before the root scored, it was the only candidate with
  // paragraphs, and the story, outside its table, joined it as no sibling.
  const sidebar = `<table><tr><td><div class="about">${[1, 2, 3, 4]
    .map(
      (i) => `<p>About us, part ${i}: we are a small local paper, run by volunteers, printed weekly, and read in every village of the valley since 1921.</p>`,
    )
    .join('')}</div><img src="/logo.gif" alt=""></td></tr></table>`;
  const menu = '<div class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a></div>';
  const url = 'https://www.localnews.example/2008/01/12/harbour-bridge';
  const text = (html: string) => {
    const result = extractPage(html, url);
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}: ${'reason' in result ? result.reason : ''}`);
    return result.article.text;
  };

  it('takes them as the story beside a box of prose in a layout table', () => {
    const body = text(
      `<!doctype html><html><head><title>Council keeps the harbour bridge open</title></head><body>${menu}<h1>Council keeps the harbour bridge open</h1>${story}${sidebar}</body></html>`,
    );
    expect(body).toContain('Paragraph 1 of the story');
    expect(body).toContain('Paragraph 6 of the story');
  });

  it('takes them on a damaged copy whose <head> is never closed (the body rebuilt from it)', () => {
    const body = text(
      `<html><head><title>Council keeps the harbour bridge open</title><meta name="keyword79823"; //--></script>${menu}<h1>Council keeps the harbour bridge open</h1>${story}${sidebar}</html>`,
    );
    expect(body).toContain('Paragraph 6 of the story');
  });

  it('leaves a story in its own container as it was: a note straight in the body does not outscore it', () => {
    const body = text(
      `<!doctype html><html><head><title>Council keeps the harbour bridge open</title></head><body>${menu}<p>A short note about the site, straight in the body</p><article><h1>Council keeps the harbour bridge open</h1>${story}</article>${sidebar}</body></html>`,
    );
    expect(body).toContain('Paragraph 6 of the story');
    expect(body).not.toContain('A short note about the site');
  });
});

describe('an empty search parameter asks for nothing (forty-third pass)', () => {
  it.each([
    ['an empty `s=` between other fields', 'http://www.turkishpress.example/news.asp?id=208777&s=&i=&t=Council_keeps_the_harbour_bridge_open'],
    ['an empty `q=` at the end', 'http://www.localnews.example/news.asp?id=208777&q='],
    ['an empty `search=` before a fragment', 'http://www.localnews.example/news.asp?id=208777&search=#top'],
  ])('takes a story whose link carries %s', (_, url) => {
    const result = extractPage(story, url);
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}: ${'reason' in result ? result.reason : ''}`);
    expect(result.article.text).toContain('Paragraph 4 of the story');
  });

  it.each([
    ['a search for words (`?s=harbour+bridge`)', 'https://news.example/?s=harbour+bridge'],
    ['a search for words after an empty field (`?i=&s=bridge`)', 'https://news.example/news.asp?i=&s=bridge'],
    ['a search for one letter (`?q=b`)', 'https://news.example/find?q=b'],
  ])('still takes %s for a listing', (_, url) => {
    const result = extractPage(story, url);
    expect(result.kind).toBe('other');
    if (result.kind === 'other') expect(result.reason).toBe('a home, category, tag or search page');
  });

  it('reads the empty parameter as no search in LISTING_PATHS itself', () => {
    expect(LISTING_PATHS.test('/news.asp?id=1&s=&i=')).toBe(false);
    expect(LISTING_PATHS.test('/news.asp?id=1&s=')).toBe(false);
    expect(LISTING_PATHS.test('/news.asp?id=1&s=bridge')).toBe(true);
    expect(LISTING_PATHS.test('/news.asp?s=7565791')).toBe(false);
  });
});
