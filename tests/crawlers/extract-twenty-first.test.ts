// Twenty-first extraction pass: gold text trafilatura keeps and we dropped on Mozilla Readability's
// saved test pages (a readable set new to this pass). Each test of a rule fails on the code before
// it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

describe('section headings written as h1 (twenty-first pass)', () => {
  it('keeps an h1 that heads a section after the story’s running text (Medium, Markdown posts)', () => {
    const text = textOf(`<div class="article-content">${P(1)}${P(2)}<h1>The first coffee houses</h1>${P(3)}${P(4)}</div>`);
    expect(text).toContain('Paragraph 2 of the story');
    expect(text).toContain('The first coffee houses\n\nParagraph 3');
  });

  it('still leaves out the headline, and an h1 before the story’s text', () => {
    const text = textOf(`<div class="article-content"><h1>Coffee, a history in four parts</h1>${P(1)}${P(2)}${P(3)}</div>`);
    expect(text).not.toContain('A history of coffee');
    expect(text).not.toContain('Coffee, a history in four parts');
    expect(text).toContain('Paragraph 1 of the story');
  });

  it('drops an h1 left dangling at the end of the story, as an h2 would be', () => {
    const text = textOf(`<div class="article-content">${P(1)}${P(2)}${P(3)}<h1>While you are here…</h1></div>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('While you are here');
  });
});

describe('a reference list never the story (twenty-first pass)', () => {
  const citation = (n: number) =>
    `<li id="cite-${n}"><cite>Author ${n}, A.; Other, B. (${1990 + n}). "On the history of coffee, part ${n}", Journal of Food History, vol. ${n}, pp. ${n}1–${n}9.</cite> <a href="https://doi.example/${n}">doi</a></li>`;
  const row = (n: number) =>
    `<tr><th><i><a href="/wiki/Film_${n}">Film number ${n}</a></i></th><td>${1950 + n}</td><td>A barista relives the same morning in a coffee house over and over, until she finds out why the espresso machine keeps resetting time, loop ${n}.</td></tr>`;
  const page = `<div class="mw-parser-output"><p>This list of films features coffee houses in which characters live through the same hour again and again, with one of them remembering every loop.</p>
    <table class="wikitable sortable"><caption>Films with coffee loops</caption><tbody>${Array.from({ length: 8 }, (_, i) => row(i + 1)).join('')}</tbody></table>
    <h2>References</h2><div class="reflist"><ol class="references">${Array.from({ length: 40 }, (_, i) => citation(i + 1)).join('')}</ol></div></div>`;

  it('takes the story’s table of descriptions that a comma-rich reference list outscored', () => {
    const text = textOf(page);
    expect(text).toContain('This list of films features coffee houses');
    expect(text).toContain('until she finds out why the espresso machine keeps resetting time, loop 1.');
    expect(text).toContain('loop 8.');
  });

  it('still takes a story made of list items when nothing else is named as references', () => {
    const steps = Array.from(
      { length: 6 },
      (_, i) => `<li>Step ${i + 1}: grind the beans, warm the pot, pour the water slowly, and wait, as the old coffee houses of the city did for centuries.</li>`,
    ).join('');
    const text = textOf(`<div class="article-content"><ol class="steps">${steps}</ol></div>`);
    expect(text).toContain('Step 1: grind the beans');
    expect(text).toContain('Step 6: grind the beans');
  });
});
