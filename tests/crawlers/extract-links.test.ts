// Sixth extraction pass, links inside the story container: other stories' teaser cards (a linked
// headline to another page of the site with a short standfirst) are left out by structure, while a
// link roundup's headlines to other sites and the story's own section headings stay; a table's
// linked cells are judged with the whole table, not one by one.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const URL = 'https://www.news.example/2020/10/14/council-meets';
const S1 = 'The provincial council met on Tuesday to debate the budget, and its members voted to raise spending on schools and roads.';
const S2 = 'Officials said the new plan would take effect next year, after a consultation with residents and local businesses.';
const S3 = 'The opposition, which had asked for a delay, said it would read the final text closely before the next session.';
const TEASER = 'Flooding closes the river road for a week as the water keeps rising near the old bridge, officials say.';

function textOf(story: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Council</title></head>
<body><h1>Council meets</h1><div class="article-body"><p>${S1} ${S2}</p><p>${S2} ${S3}</p>${story}<p>${S3} ${S1}</p></div></body></html>`;
  const result = extractPage(html, URL);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
}

const card = (href: string, headline: string, standfirst = TEASER) =>
  `<div class="snippet"><div class="snippet__header"><h3><a href="${href}">${headline}</a></h3></div>` +
  `<div class="snippet__content"><a href="${href}"><img src="/t.jpg" alt=""></a><div>${standfirst} <a href="${href}">Read on</a></div></div></div>`;

describe('teaser cards inside the story (sixth pass)', () => {
  it('leaves out a card whose headline links to another page of the site, relative or absolute', () => {
    for (const href of ['/local/flooding-river-road.html', 'https://news.example/local/flooding-river-road.html']) {
      const text = textOf(card(href, 'River road closed by the flood'));
      expect(text, href).not.toContain('River road closed by the flood');
      expect(text, href).not.toContain(TEASER);
      expect(text, href).toContain(S3);
    }
  });

  it('keeps a headline linking to another site (a link roundup) and a heading that is no link', () => {
    expect(textOf(card('https://other.example/flooding', 'River road closed by the flood'))).toContain(TEASER);
    const section = `<div class="part"><h3>What the council decided</h3><div>${TEASER}</div></div>`;
    expect(textOf(section)).toContain('What the council decided');
  });

  it('keeps a card-shaped block holding more than a short standfirst', () => {
    const long = `${TEASER} ${S1} ${S2} ${S3}`;
    expect(textOf(card('/local/flooding-river-road.html', 'River road closed by the flood', long))).toContain(S1 + ' ' + S2);
  });
});

describe('a story made of cards (sixth pass)', () => {
  it("keeps cards that hold most of the container's text: they are the content, not beside it", () => {
    const cards = [1, 2, 3].map((n) => card(`/digest/item-${n}.html`, `Digest item ${n}: the council and the budget`)).join('');
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Digest</title></head>
<body><h1>Weekly digest</h1><div class="article-body">${cards}</div></body></html>`;
    const result = extractPage(html, URL);
    expect(result.kind).toBe('article');
    if (result.kind === 'article') expect(result.article.text).toContain(TEASER);
  });
});

describe('links in a table inside the story (sixth pass)', () => {
  const row = (name: string, href: string) => `<tr><td><a href="${href}">${name}</a></td><td>supported since version 4, with the usual packages</td></tr>`;

  it("keeps a data table whose first column links to the rows' pages", () => {
    const table = `<table><tbody>${row('Desktop for Windows', '/desktop/windows/')}${row('Desktop for Mac', '/desktop/mac/')}</tbody></table>`;
    const text = textOf(table);
    expect(text).toContain('Desktop for Windows');
    expect(text).toContain('Desktop for Mac');
  });

  it("still leaves out a layout table's menu cell beside the story", () => {
    const menu = ['Home', 'Blog', 'Archive', 'Login'].map((name) => `<li><a href="/${name.toLowerCase()}/">${name}</a></li>`).join('');
    const text = textOf(`<table><tr><td><ul>${menu}</ul></td><td><p>${TEASER}</p></td></tr></table>`);
    expect(text).not.toContain('Archive');
  });

  it('still leaves out a table that is nothing but links (a menu laid out as a table)', () => {
    const cells = ['Home', 'Politics', 'Business', 'Sport', 'Culture', 'Weather', 'Opinion', 'Science', 'Travel', 'Health', 'Technology', 'Education']
      .map((name) => `<td><a href="/${name.toLowerCase()}/">${name} news and analysis</a></td>`)
      .join('');
    const text = textOf(`<table><tr>${cells}</tr></table>`);
    expect(text).not.toContain('Politics news and analysis');
    expect(text).toContain(S3);
  });
});
