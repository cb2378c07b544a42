// Seventh extraction pass: a story split into same-class sections (around figures or pull quotes)
// is joined whole, even when one section's paragraphs sit too deep for block scoring to reach it.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const URL = 'https://www.magazine.example/2019/11/15/cells-that-taste-danger';
const P = (n: number) =>
  `<p>Paragraph ${n} of the story: the researchers looked deep inside the lungs of infected mice, and what they found there, a cell covered with taste receptors, puzzled them for years.</p>`;
/** Wraps content in `levels` plain divs, as layout frameworks nest a section's body. */
const nested = (levels: number, content: string) => '<div class="wrap">'.repeat(levels) + content + '</div>'.repeat(levels);

function storyOf(sections: string[]): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Cells</title></head>
<body><header><nav><a href="/">Home</a> <a href="/biology">Biology</a></nav></header>
<main><h1>Cells that taste danger</h1><div class="post">${sections.join('<figure><img src="/f.jpg" alt=""></figure>')}</div></main>
<footer><p>All rights reserved.</p></footer></body></html>`;
  const result = extractPage(html, URL);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
}

describe('a story split into same-class sections (seventh pass)', () => {
  it('joins a section whose paragraphs are nested deeper than scoring reaches', () => {
    const deep = `<div class="acf-content">${[1, 2].map((n) => nested(6, P(n))).join('')}${nested(6, '<h2>Not merely taste</h2>')}</div>`;
    const shallow = `<div class="acf-content">${[3, 4, 5, 6, 7, 8, 9].map(P).join('')}</div>`;
    const text = storyOf([deep, shallow, `<div class="acf-content">${P(10)}${P(11)}</div>`]);
    for (const n of [1, 2, 3, 9, 11]) expect(text).toContain(`Paragraph ${n} of the story`);
    expect(text).toContain('Not merely taste');
  });

  it('leaves out a differently named sibling, and a same-class one made of links', () => {
    const links = `<div class="acf-content"><ul>${[1, 2, 3, 4].map((n) => `<li><a href="/story-${n}">Another story about cells and receptors, number ${n}</a></li>`).join('')}</ul></div>`;
    const other = `<div class="promo-box">${nested(6, '<p>Subscribe to our newsletter to get the best science writing in your inbox every week, free of charge.</p>')}</div>`;
    const text = storyOf([`<div class="acf-content">${P(1)}${P(2)}${P(3)}</div>`, links, other]);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Another story about cells');
    expect(text).not.toContain('Subscribe to our newsletter');
  });
});

describe('a link inside running text (seventh pass)', () => {
  const html = (
    paragraph: string,
  ) => `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Feathers</title></head>
<body><h1>A duvet and a rare allergy</h1><div class="post-body">
<p>A man's decision to change his bedding caused him to develop a strange, rare condition that left him gasping for air, his doctors say.</p>
${paragraph}
<p>His doctors came up with a preliminary diagnosis that was later confirmed by lab testing, and he recovered after the bedding was removed.</p>
</div></body></html>`;
  const textOf = (paragraph: string) => {
    const result = extractPage(html(paragraph), URL);
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    return result.article.text;
  };

  it('keeps a link wrapped in an inline element as part of its sentence', () => {
    for (const wrap of ['span', 'strong', 'em']) {
      const text = textOf(
        `<p>According to the <${wrap}><a href="https://journal.example/case">study</a></${wrap}>, published in a journal of case reports, the man had suffered months of dizziness.</p>`,
      );
      expect(text, wrap).toContain('According to the study, published in a journal of case reports');
    }
  });

  it('still leaves out a paragraph that is mostly a link', () => {
    const text = textOf(
      '<p>Read also: <strong><a href="/2019/11/other-story">Another patient, another duvet: the feathers that make people ill</a></strong></p>',
    );
    expect(text).not.toContain('Another patient, another duvet');
  });
});

describe('a link-only paragraph inside the story (seventh pass)', () => {
  const S1 = 'The floating mini ramp comes to the lake on the nineteenth of August, where the best riders of Europe compete for the prize money.';
  const S2 = 'The beach offers a sloping lawn and platforms in the lake, with a food market, a live concert and a film premiere in the evening.';
  const S3 = 'The warm-up starts at eleven, the contest at noon, and the prize-giving at half past six, before the party in town.';
  const textOf = (between: string) => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Contest</title></head>
<body><h1>Contest on a floating ramp</h1><div class="entry-content"><p>${S1}</p><p>${S2}</p>${between}<p>${S3}</p></div></body></html>`;
    const result = extractPage(html, 'https://www.skate.example/news/contest-on-a-floating-ramp.html');
    if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
    return result.article.text;
  };

  it('keeps a lone pointer to another site', () => {
    expect(textOf('<p><a href="https://www.social.example/events/1421695617910553">See the event on the social network</a></p>')).toContain(
      'See the event on the social network',
    );
  });

  it("leaves out a link to the site's own pages and a run of links to other sites", () => {
    expect(textOf('<p><a href="https://www.skate.example/news/other-contest.html">Another contest in the mountains</a></p>')).not.toContain(
      'Another contest in the mountains',
    );
    const run = [1, 2, 3].map((n) => `<p><a href="https://video.example/watch?v=${n}">Board review number ${n} [Video]</a></p>`).join('');
    expect(textOf(run)).not.toContain('Board review number');
  });
});
