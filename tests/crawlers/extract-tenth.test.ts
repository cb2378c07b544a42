// Tenth extraction pass, precision from the readable halves only: families of boilerplate, each
// rule tested against the code before it.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

describe("a picture's credit inside its figure (tenth pass)", () => {
  it('leaves out a `<cite>` credit beside the caption', () => {
    const figure = `<figure><img src="/smog.jpg" alt="Smog"><span class="e-image__meta"><figcaption>Smog over the old town.</figcaption><cite>Jane Roe/City Times/Photo Agency</cite></span></figure>`;
    const text = textOf(`<div class="story-body">${P(1)}${figure}${P(2)}${P(3)}</div>`);
    expect(text).toContain('Paragraph 2 of the story');
    expect(text).not.toContain('Jane Roe');
  });

  it('leaves out a credit whose name also reads as protected (`story-image-copyright`)', () => {
    const figure = `<figure class="media-landscape"><span class="image-and-copyright-container"><span class="off-screen">Image copyright</span><span class="story-image-copyright">Photo Agency</span></span></figure>`;
    const text = textOf(`<div class="story-body">${P(1)}${figure}${P(2)}${P(3)}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Image copyright');
    expect(text).not.toContain('Photo Agency');
  });

  it("keeps a pull quote's `<cite>`: there it names the speaker", () => {
    const quote = `<figure class="wp-block-pullquote"><blockquote><p>Geography weighs first on every city.</p><cite>Anna Speaker</cite></blockquote></figure>`;
    const text = textOf(`<div class="story-body">${P(1)}${quote}${P(2)}${P(3)}</div>`);
    expect(text).toContain('Anna Speaker');
  });
});

describe("an author's bio box, whatever the attempt (tenth pass)", () => {
  // A page builder names every block a widget, the story's too: the strict attempt leaves the story
  // out and a looser one, which keeps weakly named blocks, renders the page; the bio box must still go.
  const widget = (kind: string, inner: string) =>
    `<div class="elementor-element elementor-widget elementor-widget-${kind}"><div class="elementor-widget-container">${inner}</div></div>`;
  const bio = widget(
    'author-box',
    `<div class="elementor-author-box"><div class="elementor-author-box__text"><h4 class="elementor-author-box__name">Jane Writer</h4><div class="elementor-author-box__bio">Jane Writer is an online educator, keynote speaker and the founder of a small studio for brands.</div></div></div>`,
  );

  it('leaves out the bio box a builder renders after the story', () => {
    const text = textOf(`<div class="elementor-widget-wrap">${widget('theme-post-content', [1, 2, 3, 4, 5].map(P).join(''))}${bio}</div>`);
    expect(text).toContain('Paragraph 5 of the story');
    expect(text).not.toContain('Jane Writer');
  });

  it("leaves out an author-box plugin's and a contributor box's bio inside the story container", () => {
    for (const box of [
      `<div class="saboxplugin-wrap"><div class="saboxplugin-tab"><div class="saboxplugin-desc"><p>Jane Writer is the owner of a small cleaning company and writes about homes.</p></div></div></div>`,
      `<div class="sno-story-contributor-box"><div class="contributor-title">About the Contributor</div><p>Jane Writer is a senior and the print managing editor of the school paper.</p></div>`,
    ]) {
      const text = textOf(`<div class="entry-content">${[1, 2, 3, 4, 5].map(P).join('')}${box}</div>`);
      expect(text).toContain('Paragraph 5 of the story');
      expect(text).not.toContain('Jane Writer');
    }
  });
});

describe('a page-feedback widget inside the story container (tenth pass)', () => {
  it('leaves out "Was this page helpful?" even inside a protected container', () => {
    const feedback = `<div class="comp mntl-universal-article-feedback article-feedback"><div class="article-feedback__rating-section"><div class="article-feedback__heading">Was this page helpful?</div><div>Tell us why!</div></div></div>`;
    const text = textOf(`<div class="article-content">${[1, 2, 3, 4].map(P).join('')}${feedback}</div>`);
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('helpful');
    expect(text).not.toContain('Tell us why');
  });
});

describe("a slideshow's counter and an advert label standing alone (tenth pass)", () => {
  it('leaves out "Image 1 of 4", "1 of 6", "Bild 1 von 9" and "Advert"', () => {
    const lines = ['Image 1 of / 4', '1 of 6', 'Bild 1 von 9', 'Advert'].map((line) => `<div>${line}</div>`).join('');
    const text = textOf(`<div class="entry-content">${P(1)}${lines}${[2, 3, 4].map(P).join('')}</div>`);
    expect(text).toContain('Paragraph 4 of the story');
    for (const line of ['1 of 4', '1 of 6', '1 von 9', 'Advert']) expect(text).not.toContain(line);
  });

  it('keeps a rating or a quantity written with a slash ("4 / 5", "1/4")', () => {
    const text = textOf(`<div class="entry-content">${P(1)}<div>4 / 5</div><div>1/4</div>${[2, 3, 4].map(P).join('')}</div>`);
    expect(text).toContain('4 / 5');
    expect(text).toContain('1/4');
  });
});

describe('a call to follow on social networks (tenth pass)', () => {
  it('leaves out "Follow … on Instagram…" and "… Follow her on Twitter"', () => {
    const calls = [
      'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
      'Have a tip? Jane Writer may be reached at jane@news.example. Follow her on Twitter @JaneWriter.',
    ];
    const text = textOf(`<div class="entry-content">${[1, 2, 3].map(P).join('')}${calls.map((c) => `<p>${c}</p>`).join('')}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Newsbeat');
    expect(text).not.toContain('Jane Writer');
  });

  it("keeps an author's closing paragraph that mentions following them", () => {
    const closing = `<p>I hope this demo helps you build your own systems. If you need help, join the forum. You might also want to follow me on Bluesky.</p>`;
    expect(textOf(`<div class="entry-content">${[1, 2, 3].map(P).join('')}${closing}</div>`)).toContain('follow me on Bluesky');
  });
});

describe('a reading-time stamp standing alone (tenth pass)', () => {
  it('leaves out "5 min read", "Reading Time: 8 minutes" and "Lesezeit: 2 Minuten"', () => {
    const stamps = ['5 min read', 'Reading Time: 8 minutes', 'Lesezeit: 2 Minuten'].map((line) => `<div>${line}</div>`).join('');
    const text = textOf(`<div class="entry-content">${stamps}${[1, 2, 3].map(P).join('')}</div>`);
    expect(text).toContain('Paragraph 1 of the story');
    for (const stamp of ['min read', 'Reading Time', 'Lesezeit']) expect(text).not.toContain(stamp);
  });

  it('keeps a bare running time ("139 min")', () => {
    expect(textOf(`<div class="entry-content">${P(1)}<div>139 min</div>${[2, 3].map(P).join('')}</div>`)).toContain('139 min');
  });
});

describe("a comment section's heading or prompt standing alone (tenth pass)", () => {
  it('leaves out "Comments", "3 comments", "Leave a comment" and "Tell us what YOU think..."', () => {
    const lines = ['Tell us what YOU think...', 'comments', '3 Comments', 'Leave a comment'].map((line) => `<div>${line}</div>`).join('');
    const text = textOf(`<div class="entry-content">${[1, 2, 3].map(P).join('')}${lines}</div>`);
    expect(text).toContain('Paragraph 3 of the story');
    for (const line of ['YOU think', 'comments', 'Comments', 'Leave a']) expect(text).not.toContain(line);
  });
});
