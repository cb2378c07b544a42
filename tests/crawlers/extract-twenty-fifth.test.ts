// Twenty-fifth extraction pass: article markup on a listing URL. og:type=article or JSON-LD article data
// outweighs a listing word in the URL only when its title is the page's own headline (the first h1):
// home and category pages carry the markup site-wide. Tests of the rule fail on the code before it; the
// guards (stories under listing words, read on the readable sets) pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const prose = (subject: string, count = 4) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<p>Paragraph ${i + 1} about ${subject}: the council voted on Tuesday to keep the old harbour bridge open to traffic, after engineers said the repairs could wait until the spring.</p>`,
  ).join('');

const page = (head: string, body: string) =>
  `<!doctype html><html><head>${head}</head><body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>${body}</body></html>`;

const refusedAsListing = (html: string, url: string) => {
  const result = extractPage(html, url);
  expect(result.kind).toBe('other');
  if (result.kind === 'other') expect(result.reason).toBe('a home, category, tag or search page');
};

describe('article markup on a listing URL whose title is not the page headline (twenty-fifth pass)', () => {
  it('refuses a home page typed og:type=article site-wide, its h1 a section heading', () => {
    const html = page(
      '<title>Launchpad – the best new products in tech.</title><meta property="og:type" content="article"><meta property="og:title" content="Launchpad – the best new products in tech.">',
      `<main><h1>Top products launching today</h1>${prose('the launches')}</main>`,
    );
    refusedAsListing(html, 'https://www.launchpad.example/');
  });

  it('refuses a blog\'s home page whose JSON-LD BlogPosting is headlined "Home", with no h1', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'BlogPosting', headline: 'Home', datePublished: '2025-10-01T08:00:00Z' }],
    });
    const html = page(
      `<title>Home - The Example Blog</title><script type="application/ld+json">${ld}</script>`,
      `<div class="posts"><h2><a href="/2025/10/01/first-post/">First post</a></h2>${prose('the first post', 2)}<h2><a href="/2025/09/30/second-post/">Second post</a></h2>${prose('the second post', 2)}</div>`,
    );
    refusedAsListing(html, 'https://blog.example/');
  });

  it("refuses a category page whose JSON-LD lists its own teasers as NewsArticle, under the category's h1", () => {
    const ld = JSON.stringify([
      { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Council keeps the harbour bridge open' },
      { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Ferry timetable changes in spring' },
    ]);
    const html = page(
      `<title>Local news</title><script type="application/ld+json">${ld}</script>`,
      `<main><h1>Local news</h1>${prose('the local news')}</main>`,
    );
    refusedAsListing(html, 'https://news.example/category/local/');
  });

  it('refuses a search page typed og:type=article whose og:title is the site', () => {
    const html = page(
      '<title>Search results for bridge</title><meta property="og:type" content="article"><meta property="og:title" content="Harbour News – local news every day">',
      `<main><h1>Search results for “bridge”</h1>${prose('the results')}</main>`,
    );
    refusedAsListing(html, 'https://news.example/search?q=bridge');
  });

  it('refuses a topic page typed og:type=article with no headline on the page', () => {
    const html = page(
      '<title>Topic Car Rental | News, Weather, Sports</title><meta property="og:type" content="article"><meta property="og:title" content="Topic Car Rental | News, Weather, Sports">',
      `<main>${prose('car rental news')}</main>`,
    );
    refusedAsListing(html, 'https://tv.example/topic/Car%20Rental');
  });
});

describe('a story under a listing word still outweighs it when its markup names its headline (twenty-fifth pass guards)', () => {
  it.each([
    [
      'og:title equal to the h1',
      '<meta property="og:type" content="article"><meta property="og:title" content="The best GPS watches of 2026">',
      'The best GPS watches of 2026',
    ],
    [
      "og:title followed by the site's name, the h1 lower case",
      '<meta property="og:type" content="ARTICLE"><meta property="og:title" content="History of coffee | Origin, Spread, Facts | Encyclopedia">',
      'history of coffee',
    ],
    [
      'an h1 cut short of the og:title',
      '<meta property="og:type" content="article"><meta property="og:title" content="Woman sees a car stop for a beggar, this is what she finds when she follows">',
      'Woman sees a car stop for a beggar, this is what she finds when',
    ],
    [
      'a JSON-LD NewsArticle headlined as the h1',
      `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Why I teach Plato to plumbers' })}</script>`,
      'Why I teach Plato to plumbers',
    ],
  ])('takes a story under /topics/ with %s', (_, head, h1) => {
    const html = page(`<title>${h1} | Site</title>${head}`, `<article><h1>${h1}</h1>${prose('the story')}</article>`);
    expect(extractPage(html, 'https://www.site.example/topics/camping/best-thing').kind).toBe('article');
  });

  it('still refuses a home page whose one <article> holds an h1 and prose, with no markup naming it (the evidence five rightly refused readable pages carry)', () => {
    const html = page('<title>Product analytics you can trust</title>', `<article><h1>Product analytics you can trust</h1>${prose('the product')}</article>`);
    refusedAsListing(html, 'https://analytics.example/');
  });

  it('takes a dated permalink under /archives/ without any markup', () => {
    const html = page('<title>Vibe coding</title>', `<h1>Vibe coding</h1>${prose('vibe coding')}`);
    expect(extractPage(html, 'https://site.example/archives/2025/12/16/vibe_coding.html').kind).toBe('article');
  });
});
