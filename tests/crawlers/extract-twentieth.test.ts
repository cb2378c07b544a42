// Twentieth extraction pass: where trafilatura keeps gold text that we drop, on the readable pages.
// Each test of a rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
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
