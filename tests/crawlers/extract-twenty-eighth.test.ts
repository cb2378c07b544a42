// Twenty-eighth extraction pass: a <header> holding most of the page's prose is the story's section, not the
// page's header. Site builders put a whole post in one (Webflow's `header.section_blog-post5-content`), lists and
// tables among its paragraphs, so it does not read as a prose section; it was left out as page furniture and a
// FAQ beside it taken instead. The test of the rule fails on the code before it; the guard passes on both.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

const ITEM = (n: number) => `<li>Blue Cross plan ${n}, ${n * 4} states</li>`;

describe("a <header> holding most of the page's prose is the story, not the page's header (twenty-eighth pass)", () => {
  it("reads a post that a site builder put in a <header> section, lists and their headings among its paragraphs (Webflow's shape)", () => {
    const list = `<ul>${Array.from({ length: 20 }, (_, i) => ITEM(i + 1)).join('')}</ul>`;
    const questions = [
      'Which house is the oldest?',
      'Do they roast their own?',
      'Can I book a table?',
      'Are dogs welcome?',
      'Is there a tour?',
      'Do they sell beans?',
    ];
    const answer = '<p>Our team answers this question for every reader who writes in, with the help of the coffee houses themselves and their owners.</p>';
    const text = textOf(
      `<header class="section_blog-post-content"><div class="padding-global"><div class="blog-rich-text">${[1, 2, 3].map(P).join('')}${list}<h2>List of the houses</h2>${list}${[4, 5, 6, 7].map(P).join('')}</div></div></header>` +
        `<section class="faq"><h2>FAQs</h2>${questions.map((q) => `<h3>${q}</h3>${answer}`).join('')}</section>` +
        `<div class="more"><h2>More guides</h2><ul>${questions.map((q, i) => `<li><a href="/guides/${i}">Guide: ${q}</a></li>`).join('')}</ul></div>`,
    );
    expect(text).toContain('Paragraph 7 of the story');
    expect(text).toContain('List of the houses');
    expect(text).toContain('Blue Cross plan 20, 80 states');
  });

  it("guards: a page's own header beside the story (its site name and tagline) stays out", () => {
    const text = textOf(
      `<header class="site-header"><p class="tagline">The magazine of coffee, tea and the people who sell them, since 1998, from our office by the harbour.</p></header>${[1, 2, 3, 4].map(P).join('')}`,
    );
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('The magazine of coffee');
  });
});
