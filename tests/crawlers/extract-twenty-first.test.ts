// Twenty-first extraction pass: gold text trafilatura keeps and we dropped on Mozilla Readability's
// saved test pages (a readable set new to this pass). Each test of a rule fails on the code before
// it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { textOf } from './story-page.ts';

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
      (_, i) =>
        `<li>Step ${i + 1}: grind the beans, warm the pot, pour the water slowly, and wait, as the old coffee houses of the city did for centuries.</li>`,
    ).join('');
    const text = textOf(`<div class="article-content"><ol class="steps">${steps}</ol></div>`);
    expect(text).toContain('Step 1: grind the beans');
    expect(text).toContain('Step 6: grind the beans');
  });
});
