// Twelfth extraction pass, recall from the readable halves only: a story split over a page
// builder's numbered rows, tested against the code before it, with a guard for the rows it keeps out.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

/** A builder's row: a text column beside a picture column, each numbered. */
const row = (n: number, inner: string) =>
  `<div class="et_pb_row et_pb_row_${n}"><div class="et_pb_column et_pb_column_2_3 et_pb_column_${2 * n}"><div class="et_pb_text_inner">${inner}</div></div>` +
  `<div class="et_pb_column et_pb_column_1_3 et_pb_column_${2 * n + 1}"><img src="/pictures/${n}.jpg" alt=""></div></div>`;

describe("a story split over a page builder's numbered rows (twelfth pass)", () => {
  it('joins rows whose classes differ only by their numbers', () => {
    const brews = `<ul><li>Turkish coffee boiled in a copper pot</li><li>Espresso pulled at the counter</li></ul>`;
    const body = `<div class="et_pb_section">${row(1, [1, 2, 3, 4, 5].map(P).join(''))}${row(2, `<h2>Where to go next</h2>${P(6)}${brews}`)}</div>`;
    const text = textOf(body);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 6 of the story');
    expect(text).toContain('Espresso pulled at the counter');
  });

  it('still leaves out a numbered row of links', () => {
    const links = `<ul>${[1, 2, 3, 4].map((n) => `<li><a href="/2025/01/${n}/story">Another story from the archive, number ${n}</a></li>`).join('')}</ul>`;
    const text = textOf(`<div class="et_pb_section">${row(1, [1, 2, 3, 4, 5].map(P).join(''))}${row(2, links)}</div>`);
    expect(text).toContain('Paragraph 5 of the story');
    expect(text).not.toContain('Another story from the archive');
  });
});

describe('a standfirst named in other spellings (twelfth pass)', () => {
  // No closing full stop, as decks often have none: it is not joined as a prose block beside the story.
  const lead = 'The coffee houses of the old town, and the people who kept them open through two wars';
  const body = (names: string) =>
    `<article><div class="row"><div class="col-12"><div class="${names}">${lead}</div></div></div>` +
    `<div class="article-body"><div class="entry">${[1, 2, 3, 4].map(P).join('')}</div><figure><img src="/cup.jpg" alt=""></figure></div></article>`;

  it('keeps a lead named `sub-title` or `ingress` (the Nordic word) above the body', () => {
    for (const names of ['article__sub-title', 'mobile_Ingress']) expect(textOf(body(names)).startsWith(lead)).toBe(true);
  });

  it('still leaves out a block whose name merely contains the word (`progress`)', () => {
    expect(textOf(body('reading-progress'))).not.toContain(lead);
  });
});
