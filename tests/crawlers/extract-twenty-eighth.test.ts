// Twenty-eighth extraction pass: a reader-comment section left out even by the loosest attempt. When the story
// sits in a wrapper whose name reads as boilerplate (LessWrong wraps the post in `commentOnSelection`, a feature
// for commenting on a passage), the strict attempts find nothing and the loosest one, which reads no names, took
// the comment thread after the post too (`PostsPage-commentsSection`). The thread holds little of the page's prose;
// a wrapper around the story holds most of it. The tests of the rule fail on the code before it; the guards pass
// on both.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

const COMMENT = (n: number) =>
  `<div class="comment-body"><p>Reader ${n} writes: I disagree with the second half, the argument about the merchants does not hold up at all for me.</p></div>`;

describe('a comment thread beside a story in a comment-named wrapper is left out (twenty-eighth pass)', () => {
  it("leaves out the thread after a post whose wrapper is named for commenting on a selection (LessWrong's shape)", () => {
    const text = textOf(
      `<div class="PostsPage-postContent"><div class="commentOnSelection"><div id="postContent">${[1, 2, 3, 4, 5, 6].map(P).join('')}</div></div></div>` +
        `<div class="PostsPage-commentsSection"><div class="CommentsListSection-root"><div>New Comment</div><div>2 comments, sorted by top scoring</div>${COMMENT(1)}${COMMENT(2)}</div></div>`,
    );
    expect(text).toContain('Paragraph 6 of the story');
    expect(text).not.toContain('Reader 1 writes');
    expect(text).not.toContain('2 comments, sorted by');
  });

  it('leaves out a thread named by its id (`#comments`) in the same loosest read', () => {
    const text = textOf(
      `<div class="commentable-area">${[1, 2, 3, 4, 5].map(P).join('')}</div><section id="comments"><h3>3 responses</h3>${COMMENT(1)}${COMMENT(2)}${COMMENT(3)}</section>`,
    );
    expect(text).toContain('Paragraph 5 of the story');
    expect(text).not.toContain('Reader 2 writes');
    expect(text).not.toContain('3 responses');
  });

  it('guards: the comment-named wrapper around the story is not left out (it holds most of the prose)', () => {
    const text = textOf(`<div class="commentOnSelection">${[1, 2, 3, 4].map(P).join('')}</div>`);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 4 of the story');
  });

  it('guards: a live blog named as comments stays, and a comment-named inline element inside a paragraph stays', () => {
    const live = textOf(
      `<div class="commentOnSelection">${[1, 2, 3].map(P).join('')}</div><div class="live-blog comments-feed"><p>12:04 The committee has now voted to keep the old coffee house open for another decade.</p></div>`,
    );
    expect(live).toContain('The committee has now voted');
    const inline = textOf(
      `<div class="commentOnSelection">${P(1)}<p>The owner, <span class="comment-author">Anna Weber</span>, kept the recipes of her grandmother in a drawer behind the counter for decades.</p>${P(2)}${P(3)}</div>`,
    );
    expect(inline).toContain('The owner, Anna Weber, kept the recipes');
  });
});

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
