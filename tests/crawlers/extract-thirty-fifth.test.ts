// Thirty-fifth extraction pass: a build tool's hash in a class or id name is no ad slot. AD_TOKENS read a short ad
// token (`ad`, `qc`, `gpt`, …) followed by any digit, so a name part that merely begins with one inside a hash — a
// Gutenberg block's UUID (`block-a3176285-d6c8-4ea8-ad6d-…`), an Elementor element's id (`elementor-element-ad2c87f`), a
// CSS module's suffix (`RichTextHighlight_highlight__qC6TX`), Astro's scope class (`astro-qc4fw6y2`), Drupal's
// `js-view-dom-id-ad7b…` — had the story's block left out as an ad. An ad slot's token is followed by a separator, the
// name's end, a number that ends the part (`ad1`, `gpt-ad-2`) or a banner size (`ad300x250`). Each test of the rule
// fails on the code before it; the guards pass on both. A listicle's numbered item heading ("2. Stanford GSB", "20) Faces
// Places", "Step 1 - …") wholly a link to the site's own page heads its section: it is no other story's linked headline.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

const SENTENCE = 'The harbour master said the new pier would open to ferries from the islands in the spring.';
const AD = 'Garden chairs from 19 euros at the store around the corner, this week only.';

/** The story's text with `middle` between its paragraphs 1–2 and 3–4. */
const storyText = (middle: string) => {
  const text = textOf(`<article>${P(1)}${P(2)}${middle}${P(3)}${P(4)}</article>`);
  expect(text).toContain('Paragraph 4 of the story');
  return text;
};

/** The story's blocks, each carrying a hash whose part begins with an ad token and a digit. */
const HASHED_BLOCKS: Array<[string, string]> = [
  ["a Gutenberg block's UUID", `<p class="block-a3176285-d6c8-4ea8-ad6d-29ea116ead84">${SENTENCE}</p>`],
  ["an Elementor element's id", `<div class="elementor-element elementor-element-ad2c87f e-flex e-con-boxed e-con e-child"><p>${SENTENCE}</p></div>`],
  ["a CSS module's suffix", `<div class="RichTextHighlight_highlight__qC6TX RichTextHighlight_refreshStyle__7e9Ab"><p>${SENTENCE}</p></div>`],
  ["Astro's scope class", `<div class="summary astro-qc4fw6y2"><p>${SENTENCE}</p></div>`],
  ["Drupal's view id", `<div class="js-view-dom-id-ad7b762d19d6e31f8e27affb70c47e15"><p>${SENTENCE}</p></div>`],
  ['a hexadecimal id', `<div id="ad5dab3bfcbacf0"><p>${SENTENCE}</p></div>`],
];

/** Ad slots as sites and ad servers name them. */
const AD_SLOTS: Array<[string, string]> = [
  ['ad', `<div class="ad">${AD}</div>`],
  ['ad1', `<div class="ad1">${AD}</div>`],
  ['ad-2', `<div id="ad-2">${AD}</div>`],
  ['ad300x250', `<div class="ad300x250">${AD}</div>`],
  ['div-gpt-ad-1552312-0', `<div id="div-gpt-ad-1552312-0">${AD}</div>`],
  ['ads_box3', `<div class="ads_box3">${AD}</div>`],
  ['qc2', `<div class="qc2">${AD}</div>`],
  ['cta', `<div class="box cta">${AD}</div>`],
];

describe("a build tool's hash in a class or id name is no ad slot (thirty-fifth pass)", () => {
  it.each(HASHED_BLOCKS)('keeps a block named by %s', (_name, block) => expect(storyText(block)).toContain(SENTENCE));

  it.each(AD_SLOTS)('guards: still leaves out an ad slot named %s', (_name, block) => expect(storyText(block)).not.toContain('Garden chairs'));
});

/** A section of the story: its heading, wholly a link to a page of the site, then the section's paragraph. */
const linkedSection = (heading: string) => `<h3><a href="/guides/${encodeURIComponent(heading.slice(0, 12))}">${heading}</a></h3><p>${SENTENCE}</p>`;

describe("a listicle's numbered heading is the story's, whatever it links to (thirty-fifth pass)", () => {
  it.each([
    '2. Stanford GSB',
    '20) Faces Places',
    '9). Parking & Insurance',
    '#3 Pothos',
    '(4) The Big Sick',
    'Step 1 - Backing up your data',
    'Schritt 2: Die Daten sichern',
  ])('keeps the numbered heading %s linking to the site', (heading) => expect(storyText(linkedSection(heading))).toContain(heading));

  it("guards: a heading wholly a link to another of the site's stories, unnumbered or numbered otherwise, is still left out", () => {
    for (const heading of ['Why tea won over the coffee houses', '2024: the year in coffee', '1.5 million cups a day', '10 best coffee grinders'])
      expect(storyText(linkedSection(heading)), heading).not.toContain(heading);
  });
});
