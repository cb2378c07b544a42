// Ninth extraction pass, from the readable halves only: families of structure, each rule tested
// against the code before it.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P, textOf } from './story-page.ts';

describe('a weakly named block of prose inside the story (ninth pass)', () => {
  /** An editor's grid block (CKEditor names it `ck-widget`): a part of the story, not a sidebar widget. */
  const grid = (from: number) =>
    `<div class="ck-widget bs_grid"><div class="row"><div class="col">${[from, from + 1, from + 2].map(P).join('')}</div></div></div>`;

  it('keeps a `widget` block of several prose paragraphs when the story goes on after it', () => {
    const text = textOf(`<div class="body">${P(1)}${P(2)}${grid(3)}${P(6)}${grid(7)}${P(10)}</div>`);
    for (const n of [3, 5, 7, 9]) expect(text).toContain(`Paragraph ${n} of the story`);
    expect(text).toContain('Paragraph 10 of the story');
  });

  it('leaves out such a block when it ends the story (an appeal, a letter to readers)', () => {
    const letter = `<div class="zone-widget cta-letter">${[1, 2, 3]
      .map((n) => `<p>Letter ${n}: for thirty years our small team has checked the claims you send us, and we rely on readers like you to keep going.</p>`)
      .join('')}</div>`;
    const text = textOf(`<div class="body">${P(1)}${P(2)}${P(3)}${P(4)}${letter}</div>`);
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('Letter 1');
  });

  it('still leaves out unmistakable names (comments, related) and link-heavy widgets', () => {
    const comments = `<div class="comments-widget">${[20, 21, 22].map(P).join('')}</div>`;
    const links = `<div class="widget">${[30, 31, 32].map((n) => `<p><a href="/story-${n}">${P(n).replace(/<\/?p>/g, '')}</a></p>`).join('')}</div>`;
    const text = textOf(`<div class="body">${P(1)}${P(2)}${comments}${P(3)}${links}${P(4)}</div>`);
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('Paragraph 20');
    expect(text).not.toContain('Paragraph 30');
  });
});

describe('a story split over sections deeper than scoring reaches (ninth pass)', () => {
  /** A health page's section: its one paragraph seven levels below the column holding all sections. */
  const section = (n: number) =>
    `<div><div class="row"><div class="col"><div id="heading-${n}"><h2>Question ${n}</h2><div class="answer"><div class="answer-body"><p>Answer ${n}: studies of the practice reviewed by the institute in several trials over many years found small benefits for stress and sleep and pain and few risks for healthy adults who learned it from a trained teacher rather than from an app.</p></div></div></div><div class="back-to-top">Back to top</div></div></div></div>`;
  const references = (count: number) =>
    `<div class="entry-content">${Array.from({ length: count }, (_, i) => `<p>Author ${i}, Author B, Author C. A review of trials, number ${i}. Journal. 2019;1(2):3-4.</p>`).join('')}</div>`;

  it('takes the sections holding most of the prose, not the short block that scored best', () => {
    const text = textOf(`<div class="col">${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(section).join('')}${references(8)}</div>`);
    expect(text).toContain('Answer 1: studies of the practice');
    expect(text).toContain('Answer 10: studies of the practice');
  });

  it('does not widen when the prose outside is less than twice the chosen text', () => {
    const text = textOf(
      `<div class="col"><div class="story">${[1, 2, 3, 4, 5, 6, 7, 8].map(P).join('')}</div></div><div class="extra">${[1, 2].map(section).join('')}</div>`,
    );
    expect(text).toContain('Paragraph 8 of the story');
    expect(text).not.toContain('Answer 1');
  });
});

describe('a listing word before a long slug (ninth pass)', () => {
  const story = `<div class="content">${[1, 2, 3, 4].map(P).join('')}</div>`;
  const plain = (body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>Coffee</title></head><body><main><h1>How to make a good coffee</h1>${body}</main></body></html>`;

  it('takes a page whose path ends in a slug of five or more words, even under /page/ or /topics/', () => {
    for (const url of [
      'https://studio.example/page/how-to-make-a-good-game-the-tips',
      'https://agency.example/topics/energy/how-to-read-your-electricity-bill',
    ]) {
      expect(extractPage(plain(story), url).kind, url).toBe('article');
    }
  });

  it('still refuses page numbers, short topics and searches for a slug', () => {
    for (const url of [
      'https://studio.example/page/2',
      'https://agency.example/topics/natural-resources/climate-change',
      'https://studio.example/search/how-to-make-a-good-game?q=how-to-make-a-good-game',
    ]) {
      expect(extractPage(plain(story), url).kind, url).toBe('other');
    }
  });
});
