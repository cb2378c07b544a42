// Thirty-fourth extraction pass: a picture's caption outside `<figcaption>`, by the names CMSs give it. A picture word
// joined to a description or subtitle (Freie Presse's `lightbox__description`, LRT's `media-block__description`, MDR's
// `mediaSubtitle`, WDR's `mediaDescription`, FAZ's `ImageDescription`, Amnesty's `image-description`, the Daily News'
// `photo-description`), `legend` (AFP's, Yahoo's) and `bildunterschrift` are caption names as `caption` and `credit`
// were; and a caption-named inline element holding all of its paragraph's text (`<p><img><span class="caption">…</span></p>`,
// the Government Site Builder's, WSET's, ScienceAlert's) is no part of a sentence. Each test of the rule fails on the
// code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P, textOf } from './story-page.ts';

const IMG = '<img src="/media/picture.jpg" alt="">';
const CAPTION = 'Der Minister spricht in der Parteizentrale bei einer Pressekonferenz. Bild: Christoph Soeder/dpa';
const SENTENCE = 'The harbour master said the new pier would open to ferries from the islands in the spring.';

/** The story's text with `middle` between its paragraphs 1–2 and 3–4. */
const storyText = (middle: string) => {
  const text = textOf(`<article>${P(1)}${P(2)}${middle}${P(3)}${P(4)}</article>`);
  expect(text).toContain('Paragraph 4 of the story');
  return text;
};

/** Captions beside their picture, each in a block named as the CMSs name them. */
const NAMED_CAPTIONS: Array<[string, string]> = [
  ['lightbox__description', `<div class="lightbox"><div class="lightbox__wrapper">${IMG}<div class="lightbox__description">${CAPTION}</div></div></div>`],
  ['lightbox-gallery__description', `<div class="lightbox-gallery__item">${IMG}<div class="lightbox-gallery__description">${CAPTION}</div></div>`],
  ['media-block__description', `<div class="media-block">${IMG}<div class="media-block__description">${CAPTION}</div></div>`],
  [
    'mediaSubtitle',
    `<div class="media mediaA">${IMG}<div class="mediaInfo"><span class="mediaSubtitle"><span class="mediaSubtitleText">${CAPTION}</span></span></div></div>`,
  ],
  ['ImageDescription', `<div class="atc-Image">${IMG}<div class="js-atc-ImageDescription atc-ImageDescription">${CAPTION}</div></div>`],
  ['image-description', `<div class="image">${IMG}<p class="image-description">${CAPTION}</p></div>`],
  ['photo-description', `<div class="photo">${IMG}<p class="photo-description">${CAPTION}</p></div>`],
  ['legend', `<div class="wrapper-image">${IMG}<span class="legend">${CAPTION}</span></div>`],
  ['bildunterschrift', `<div class="bild">${IMG}<span class="bildunterschrift-bildrahmenmitte">${CAPTION}</span></div>`],
];

/** A caption-named inline element that is its paragraph's whole text. */
const PARAGRAPH_CAPTIONS: Array<[string, string]> = [
  ['span.caption', `<p class="picture links"><span class="wrapper">${IMG}</span><span class="caption">${CAPTION}</span></p>`],
  ['span.wf_caption', `<p><span class="wf_caption">${IMG}<span style="display:block">${CAPTION}</span></span></p>`],
  ['span.caption after a picture in its own paragraph', `<p>${IMG}</p><p><span class="caption">${CAPTION}</span></p>`],
];

describe("a picture's caption outside <figcaption>, by its name (thirty-fourth pass)", () => {
  it.each(NAMED_CAPTIONS)('leaves out a caption named %s', (_name, block) => expect(storyText(block)).not.toContain('Pressekonferenz'));

  it.each(PARAGRAPH_CAPTIONS)("leaves out a paragraph's whole text in a %s", (_name, block) => expect(storyText(block)).not.toContain('Pressekonferenz'));

  it('guards: a description or subtitle of anything but a picture is the page’s (a product, a gallery’s dek, an entry)', () => {
    for (const name of ['product-description', 'hz-editorial-gallery__subtitle', 'entry-description', 'article-subtitle'])
      expect(storyText(`<p class="${name}">${SENTENCE}</p>`), name).toContain(SENTENCE);
  });

  it("guards: a table's row header marked isLegend is the table's data", () => {
    const rows = ['Virtual Classroom', 'Digital Classroom'];
    const table = `<div class="dataTable_table__PAz3n">${rows.map((row) => `<div class="dataTable_row__tUb9R"><div class="dataTable_rowHeader__jmXlQ"><strong><div class="dataTable_isLegend__zkbyB"><p>${row}</p></div></strong></div><div class="dataTable_cell__gKDuv"><p>Fully online, with live sessions twice a week.</p></div></div>`).join('')}</div>`;
    const text = storyText(table);
    for (const row of rows) expect(text).toContain(row);
  });

  it('guards: a caption-named inline element inside a sentence is part of it', () => {
    const text = storyText(
      `<p>The photographer <span class="credit">Jane Doe</span> took the picture on the pier before the ferries came in from the islands.</p>`,
    );
    expect(text).toContain('The photographer Jane Doe took the picture');
  });

  it("guards: a picture word without a description or subtitle names no caption (a media object's body, a text-and-image block)", () => {
    for (const name of ['media-body', 'image-text-block', 'photo-essay__content'])
      expect(storyText(`<div class="${name}">${IMG}<p>${SENTENCE}</p></div>`), name).toContain(SENTENCE);
  });
});

const page = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Coffee</title></head><body><header><nav><a href="/">Home</a> <a href="/topics">Topics</a></nav></header>${body}<footer><p>All rights reserved.</p></footer></body></html>`;
/** A story with no markup naming it and no date, as 2000s news sites and blogs printed one. */
const undeclaredStory = page(`<div id="content"><h1>A history of coffee</h1>${[1, 2, 3, 4].map(P).join('')}</div>`);
const kindAt = (url: string) => extractPage(undeclaredStory, url).kind;

describe('a listing word in the URL of one story: a numbered entry under an archive, a page number beside a story id (thirty-fourth pass)', () => {
  it.each([
    ['a Movable Type entry', 'http://blog.example/archives/009849.html'],
    ['an entry numbered under a dated archive path', 'http://blog.example/archives/2008/01/07/123900.php'],
    ['a numbered release under a month archive', 'http://news.example/fr/releases/archive/January2008/06/c6796.html'],
  ])('takes %s', (_name, url) => expect(kindAt(url)).toBe('article'));

  it.each([
    ["a story's first page by its id", 'http://news.example/Entertainment/story?id=4096951&page=1'],
    ["an article's page by its ArticleID", 'http://news.example/Article_Page.aspx?ArticleID=5749&Page=1'],
  ])('takes %s', (_name, url) => expect(kindAt(url)).toBe('article'));

  it("guards: an archive's year, month and index pages, results pages and searches are still listings", () => {
    for (const url of [
      'http://blog.example/archives/2008.html',
      'http://blog.example/archives/index.html',
      'http://blog.example/archive/2025/12/',
      'http://news.example/news?page=2',
      'http://news.example/list.php?catid=5&page=2',
      'http://news.example/?s=harbour+bridge&id=5',
      'http://news.example/category/sport?id=5&page=2',
    ])
      expect(kindAt(url), url).toBe('other');
  });
});
