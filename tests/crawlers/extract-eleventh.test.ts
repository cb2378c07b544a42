// Eleventh extraction pass, recall from the readable halves only: section headings the story
// lost, each rule tested against the code before it, each guard against the boilerplate it keeps out.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

describe('a section heading that is a link (eleventh pass)', () => {
  it('keeps a heading linking to its own anchor (a permalink)', () => {
    const text = textOf(
      `<div class="entry-content">${P(1)}<h3 id="cognitive-benefits"><a href="#cognitive-benefits">Cognitive benefits</a></h3>${P(2)}${P(3)}</div>`,
    );
    expect(text).toContain('Cognitive benefits');
    expect(text).toContain('Paragraph 3 of the story');
  });

  it('keeps a numbered heading naming a product by a link to its site', () => {
    const heading = `<h3 class="wp-block-heading"><strong>2. <a href="https://tools.example.org/sagemaker/">Amazon SageMaker</a></strong></h3>`;
    const text = textOf(`<div class="entry-content">${P(1)}${heading}${P(2)}${P(3)}</div>`);
    expect(text).toContain('2. Amazon SageMaker');
  });

  it("still leaves out a headline linking to another of the site's stories", () => {
    const teaser = `<h3><a href="https://www.magazine.example/2025/01/18/tea-rooms">The tea rooms of the old town</a></h3>`;
    const text = textOf(`<div class="entry-content">${P(1)}${P(2)}${P(3)}${teaser}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('tea rooms');
  });
});

describe('a heading named by its own words (eleventh pass)', () => {
  it('keeps a heading whose id or class is made from its text, a boilerplate word in it', () => {
    const headings = [
      `<h2 id="what-share-of-adolescents-report-poor-mental-health" class="wp-block-heading">What share of adolescents report poor mental health?</h2>`,
      `<h2 class="what-is-social-media-marketing">What Is Social Media Marketing?</h2>`,
    ];
    for (const heading of headings) {
      const text = textOf(`<div class="entry-content">${P(1)}${heading}${P(2)}${P(3)}</div>`);
      expect(text).toMatch(/What (share|Is Social)/);
    }
  });

  it('still leaves out a share box heading named by its role', () => {
    const share = `<h4 class="share-heading">Share this article with your friends</h4>`;
    const text = textOf(`<div class="entry-content">${P(1)}${P(2)}${share}${P(3)}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Share this article');
  });
});

describe('a story a site builder puts in a `<header>` (eleventh pass)', () => {
  it('keeps a header holding paragraphs of prose with few links', () => {
    const text = textOf(
      `<section class="section"><div class="container"><header class="rich-text w-richtext">${[1, 2, 3, 4].map(P).join('')}</header></div></section>`,
    );
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
  });

  it("still leaves out the page's header of links and a tagline", () => {
    const header = `<header class="site-header"><p>The magazine of the coffee trade, since 1921.</p><nav><a href="/a">Beans</a> <a href="/b">Roasts</a></nav></header>`;
    const text = textOf(`${header}<div class="entry-content">${[1, 2, 3].map(P).join('')}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('since 1921');
  });
});

describe('a list in the story whose items are named by links (eleventh pass)', () => {
  // Two thirds of each item is its link: a list of links by the general threshold (0.5), not by the list's (0.8).
  const item = (gear: string, brand: string) => `<li>${gear} (mine: <a href="https://shop.example.net/${brand}">${brand} ultralight</a>)</li>`;

  it('keeps a list whose items hold text beside their links', () => {
    const list = `<ul>${item('Backpack', 'Osprey')}${item('Tent', 'Hornet')}${item('Stove', 'Pocket')}</ul>`;
    const text = textOf(`<div class="entry-content">${P(1)}${list}${P(2)}${P(3)}</div>`);
    expect(text).toContain('Backpack (mine: Osprey ultralight)');
    expect(text).toContain('Stove');
  });

  it('still leaves out a list that is links and nothing more', () => {
    const related = `<ul><li><a href="/2025/01/10/tea">The tea rooms of the old town</a></li><li><a href="/2025/01/12/bakeries">Bakeries that open at dawn</a></li><li><a href="/2025/01/14/markets">Markets by the river</a></li></ul>`;
    const text = textOf(`<div class="entry-content">${P(1)}${P(2)}${P(3)}${related}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('tea rooms');
  });
});
