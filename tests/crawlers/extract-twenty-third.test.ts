// Twenty-third extraction pass: gold text trafilatura keeps and we dropped on L3S-GN1's readable pages
// (English news of 2008 from 408 mostly small sites). Each test of a rule fails on the code before it;
// the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const paragraphs = Array.from(
  { length: 4 },
  (_, i) =>
    `<p>Paragraph ${i + 1} of the story: the city council voted on Tuesday to keep the old harbour bridge open to traffic, after engineers said the repairs could wait until the spring.</p>`,
).join('');

describe('a page whose <head> is never closed and which has no <body> (twenty-third pass)', () => {
  // As old CMS templates print it: the page's wrappers follow the title, no </head>, no <body>. (Nested
  // named wrappers, as here, also make Readability's second opinion fail: it climbs from its story
  // towards a <body> that is not there.)
  const unclosedHead = (head: string) =>
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Council keeps the harbour bridge open</title>${head}<div class="page"><div class="main"><div class="content"><div class="article"><div class="story"><h3>Council keeps the harbour bridge open</h3><p>29 December, 2007</p>${paragraphs}</div></div></div></div></div></body></html>`;

  it('reads the story where a browser puts it, in the body begun by the first element that cannot be in <head>', () => {
    const result = extractPage(unclosedHead(''), 'http://www.localnews.example/benton/stories3/index.php?action=fullnews&id=238768');
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}: ${'reason' in result ? result.reason : ''}`);
    expect(result.article.text).toContain('Paragraph 1 of the story');
    expect(result.article.text).toContain('Paragraph 4 of the story');
    expect(result.article.title).toBe('Council keeps the harbour bridge open');
  });

  it('begins the body after what may be in <head>: a script or style before the story is not read as its text', () => {
    const result = extractPage(
      unclosedHead('<script>var pageTracker = "UA-1234567-1"; trackPage(pageTracker, "news story");</script><style>td.nav { width: 20%; }</style>'),
      'http://www.localnews.example/benton/stories3/index.php?action=fullnews&id=238768',
    );
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    expect(result.article.text).not.toContain('pageTracker');
    expect(result.article.text).not.toContain('td.nav');
  });
});

describe('story ids in the query are not searches or pages of results (twenty-third pass)', () => {
  const story = `<!doctype html><html><head><title>Council keeps the harbour bridge open</title></head><body><div id="menu"><a href="/">Home</a> <a href="/news/">News</a></div><div class="story"><h1>Council keeps the harbour bridge open</h1>${paragraphs}</div></body></html>`;

  it.each([
    ['a numbered story on a WorldNow site (`?S=7565791`)', 'http://www.tv-station.example/Global/story.asp?S=7565791&nav=menu608_2_5'],
    ['a story named by its path in `page=`', 'http://www.sportsnetwork.example/default.asp?c=sportsnetwork&page=/nhl/news/ADN4121153.htm'],
    ['a section named in `page=`', 'http://www.euronews.example/index.php?page=info&article=463501&lng=1'],
    ['a story path in `page=` that opens with its year', 'http://www.dailytimes.example/default.asp?page=2008%5C01%5C14%5Cstory_14-1-2008_pg7_40'],
    [
      "a story's file under a section's listing word (`/topics/news/story.html`)",
      'http://www.canada.example/topics/news/story.html?id=af4bb925-96cb-4110&k=77354',
    ],
    ["a story's script under `/category/`", 'http://www.herald.example/category/story.cfm?c_id=18&objectid=10486887'],
  ])('takes %s as a story', (_, url) => {
    expect(extractPage(story, url).kind).toBe('article');
  });

  it.each([
    ['a search for words (`?s=harbour+bridge`)', 'https://news.example/?s=harbour+bridge'],
    ['a search for words on a search path with an id-like word (`?q=bridge2007`)', 'https://news.example/find?q=bridge2007'],
    ['a numbered page of results (`?page=2`)', 'https://news.example/news?page=2'],
    ["a numbered page of a story file's section (`?page=3`)", 'https://news.example/topics/news/story.html?page=3'],
    ['a list script under a listing word (`/category/articles.php`)', 'https://news.example/category/articles.php?cat=5'],
    ['a section under a listing word (`/topics/news/`)', 'https://news.example/topics/news/'],
  ])('still takes %s for a listing', (_, url) => {
    const result = extractPage(story, url);
    expect(result.kind).toBe('other');
    if (result.kind === 'other') expect(result.reason).toBe('a home, category, tag or search page');
  });
});
