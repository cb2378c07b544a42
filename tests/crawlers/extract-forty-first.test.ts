// Forty-first extraction pass: a <title> never closed (damaged copies of old pages: `<title>News<script…`,
// a cut-off `</titleval`) swallows the whole page as the title's text; htmlparser2 reads it as a browser
// does and the page has no body. A title longer than any title that holds page markup ends where the
// markup begins, and the rest is read as the page (`reopenTitle`, RUNAWAY_TITLE_* in rules.ts).
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { readabilityParagraphs } from '../../crawlers/extraction/second-opinion.ts';
import { P } from './story-page.ts';

const URL = 'https://www.magazine.example/2025/01/20/coffee-houses';
const STORY = [1, 2, 3, 4].map(P).join('');
const SCRIPTS = `<script>var tracking = { site: "magazine", section: "culture", "campaign": "winter" };</script>`.repeat(12);
const OG = '<meta property="og:type" content="article">';
const result = (html: string) => extractPage(html, URL);
const textOf = (html: string) => {
  const r = result(html);
  return r.kind === 'article' ? r.article.text : '';
};

describe('a <title> never closed (forty-first pass)', () => {
  it('ends the title where page markup begins and reads the rest as the page (with a <body>)', () => {
    const html = `<html><head>${OG}<title>A history of coffee${SCRIPTS}</head><body><div class="story">${STORY}</div></body></html>`;
    const r = result(html);
    expect(r.kind).toBe('article');
    if (r.kind !== 'article') return;
    expect(r.article.text).toContain('Paragraph 1 of the story');
    expect(r.article.text).toContain('Paragraph 4 of the story');
    expect(r.article.title).toBe('A history of coffee');
  });

  it('does so on a page without <body> (the head is then reopened as the body)', () => {
    const html = `<html><head><title>A history of coffee${SCRIPTS}<table><tr><td><h1>A history of coffee</h1>${STORY}</td></tr></table></html>`;
    expect(textOf(html)).toContain('Paragraph 4 of the story');
  });

  it('does so when the title is closed by a damaged end tag (`</titleval`) or the rest of a comment', () => {
    for (const damage of ['</titleval', 'i library-->']) {
      const html = `<html><head><title>A history of coffee${damage}${SCRIPTS}</head><body><div><h1>A history of coffee</h1>${STORY}</div></body></html>`;
      expect(textOf(html), damage).toContain('Paragraph 4 of the story');
    }
  });

  it('leaves a short title with markup-like text as it is', () => {
    const html = `<html><head>${OG}<title>Templates: <vector> & <map> explained</title></head><body><article>${STORY}</article></body></html>`;
    const r = result(html);
    expect(r.kind === 'article' && r.article.title).toBe('Templates: <vector> & <map> explained');
  });

  it('leaves a long title without markup as it is ', () => {
    const long = 'A history of coffee, '.repeat(60);
    const html = `<html><head>${OG}<title>${long}</title></head><body><article>${STORY}</article></body></html>`;
    const r = result(html);
    expect(r.kind === 'article' && r.article.title.length).toBeGreaterThan(1000);
    expect(textOf(html)).toContain('Paragraph 4 of the story');
  });
});

describe("the whole-page second opinion's threshold (forty-first pass)", () => {
  // A short story, and a longer block Readability's first attempt leaves out as unlikely (a comment list).
  const page =
    `<html><head><title>Notes</title></head><body><div class="story"><p>The city council approved the new tram line on Monday after a long debate, and the works along the old market street begin in the spring.</p></div>` +
    `<div class="comments">${'<p>I have lived on this street for years and the noise of the works will be unbearable for all of us here.</p>'.repeat(6)}</div></body></html>`;

  it('stops at the first attempt that finds enough text', () => {
    const first = readabilityParagraphs(page, 100);
    expect(first.join(' ')).toContain('tram line');
    expect(first.join(' ')).not.toContain('noise of the works');
  });

  it("with Readability's own threshold, retries with fewer flags", () => {
    expect(readabilityParagraphs(page).join(' ')).toContain('noise of the works');
  });
});
