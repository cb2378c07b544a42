// Twentieth extraction pass: where trafilatura keeps gold text that we drop, on the readable pages.
// Each test of a rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P, textOf } from './story-page.ts';

const story = (heading: string) => `<div class="article-content">${P(1)}${P(2)}${heading}${P(3)}${P(4)}</div>`;

describe('hidden inline elements (twentieth pass)', () => {
  it("keeps a section heading holding its own hidden '#' permalink (Hugo, markdown-it-anchor)", () => {
    const hugo = textOf(story(`<h2 id="utf-8-primers">UTF-8 primers<a hidden class="anchor" aria-hidden="true" href="#utf-8-primers">#</a></h2>`));
    const markdownIt = textOf(
      story(
        `<h2 id="pruning-groups" tabindex="-1">Pruning groups: a quick comparison <a class="header-anchor" href="#pruning-groups" aria-hidden="true">#</a></h2>`,
      ),
    );
    expect(hugo).toContain('UTF-8 primers\n\nParagraph 3');
    expect(markdownIt).toContain('Pruning groups: a quick comparison\n\nParagraph 3');
    expect(hugo + markdownIt).not.toContain('#');
  });

  it('keeps a line whole around a hidden icon', () => {
    const text = textOf(story(`<div>Opening hours of the museum <span aria-hidden="true">☕</span> are from nine to five, every day but Monday.</div>`));
    expect(text).toContain('Opening hours of the museum are from nine to five');
  });

  it('still drops a lead-in left dangling by a removed block after it', () => {
    const text = textOf(story(`<h3>Read more:</h3><ul class="related-posts"><li><a href="/a">Tea houses</a></li><li><a href="/b">Cafés</a></li></ul>`));
    expect(text).not.toContain('Read more');
    expect(text).toContain('Paragraph 4 of the story');
  });
});

describe("a section's image under its heading (twentieth pass)", () => {
  const image = (caption: string) =>
    `<div class="wp-block-image"><figure><img src="/polly.jpg" alt="The console"><figcaption>${caption}</figcaption></figure></div>`;

  it('keeps a heading right above its image whose only text is a linked credit', () => {
    const external = textOf(
      story(
        `<h3><strong>1. <a href="https://aws.amazon.com/polly/">Amazon Polly</a></strong></h3>${image('<a href="https://aws.amazon.com/polly/"><em>Source</em></a>')}`,
      ),
    );
    const own = textOf(
      story(
        `<h2>Ecommerce analytics for customer retention</h2><figure><img src="/d.png"><figcaption><a href="/use-cases/ecommerce">Dashboard</a></figcaption></figure>`,
      ),
    );
    expect(external).toContain('1. Amazon Polly\n\nParagraph 3');
    expect(own).toContain('Ecommerce analytics for customer retention\n\nParagraph 3');
    expect(external + own).not.toMatch(/Source|Dashboard/);
  });

  it("still drops a heading whose lines were left out before a gallery of the site's posts", () => {
    const gallery = [1, 2]
      .map((n) => `<figure><img src="/p${n}.jpg"><figcaption><a href="/post-${n}/">Another craft project number ${n}</a></figcaption></figure>`)
      .join('');
    const text = textOf(story(`<h2>Up next</h2><p>Want more? <a href="https://www.pinterest.com/me/">Follow me on Pinterest</a></p>${gallery}`));
    expect(text).not.toContain('Up next');
    expect(text).not.toContain('Another craft project');
  });
});

describe("promotion to the runners-up's shared ancestor (twentieth pass)", () => {
  const menu = `<div class="menu"><ul>${Array.from({ length: 150 }, (_, i) => `<li><a href="/section-${i}/">Section number ${i}</a></li>`).join('')}</ul></div>`;
  const page = (head: string, body: string) =>
    `<!doctype html><html><head>${head}<title>Swimming</title></head><body><div id="wrap">${menu}${body}</div></body></html>`;

  it('keeps a story whose close runners-up are widgets of a page frame that is mostly links', () => {
    const paragraph = (n: number) =>
      `<p>Paragraph ${n} of the report: the new swimming levels, named after starfish, set the same standards for training in every club, and the pass records each step.</p>`;
    const widget = (n: number) =>
      `<div class="side-${n}"><div class="box"><p>Dates, results, entries, deadlines, forms, fees, rules, contacts, maps, clubs, coaches, judges, pools, camps, squads, records, rankings, medals, photos, videos, and more, for the season.</p></div></div>`;
    const html = page(
      '',
      `<div class="col-a"><h2>Swimming levels can be ordered now</h2><div class="news-single"><div class="right">${[1, 2, 3, 4, 5].map(paragraph).join('')}</div></div></div>${[1, 2, 3].map(widget).join('')}`,
    );
    const result = extractPage(html, 'https://www.swim.example/news/read/?id=5793');
    expect(result.kind).toBe('article');
    if (result.kind !== 'article') return;
    expect(result.article.text).toContain('Paragraph 5 of the report');
    expect(result.article.text).not.toContain('Dates, results');
  });

  it('still takes the list, not one teaser, when the runners-up are teasers alike the top', () => {
    const teaser = (n: number) =>
      `<div class="item"><a href="/episode-${n}/"><h3>Episode ${n}</h3><div class="text"><p>Episode ${n}: traders promise help with sleep, joints, cholesterol and even cancer, and the programme shows how gaps in the law let them sell unchecked.</p></div></a></div>`;
    const html = page('<meta property="og:type" content="article">', `<div class="list">${[1, 2, 3, 4, 5].map(teaser).join('')}</div>`);
    expect(extractPage(html, 'https://www.tv.example/show/episodes-of-the-season').kind).not.toBe('article');
  });
});
