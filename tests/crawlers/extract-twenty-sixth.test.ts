// Twenty-sixth extraction pass: two families trafilatura leaves out and we kept, found by a per-page
// diff of both extractors on every readable page — elements hidden by an inline `display: none`, and
// the heading and pitch of a sign-up box around a form asking for an e-mail address. Each test of a
// rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';
import { P, textOf } from './story-page.ts';

const body = [1, 2, 3, 4, 5].map(P).join('');
const ANSWER = 'Most panels pay for themselves within eight to twelve years, depending on the sunshine and the price of power.';

describe('elements hidden by an inline display: none are not the story (twenty-sixth pass)', () => {
  it("leaves out a reader comment's hidden full copy beside its shown text (Newsquest's comments, L3S-GN1)", () => {
    const comment = 'As the body has a national remit, logic would suggest that its location is irrelevant to its performance.';
    const text = textOf(
      `<article>${body}<div class="b_box">Posted by: Brad, Glasgow on 9:35am</div><div style="display: none;" id="acom0">${comment} Hidden copy.</div></article>`,
    );
    expect(text).not.toContain('Hidden copy');
    expect(text).toContain('Paragraph 5 of the story');
  });

  it('leaves out a hidden e-mail pop-up and a hidden menu inside the story container', () => {
    const text = textOf(
      `<div class="story">${P(1)}<div id="divEmailPop" style="display:none;"><p>Close window. E-mail this page to a friend, who will receive a link to the story and your short personal message.</p></div>${P(2)}` +
        `<div class="subnav" style="height:10px; display : none">Pet Planet Relationships Consumer Watch Money Matters Beauty and Fashion</div>${P(3)}${P(4)}${P(5)}</div>`,
    );
    expect(text).not.toContain('E-mail this page');
    expect(text).not.toContain('Pet Planet');
    expect(text).toContain('Paragraph 3 of the story');
  });

  it('drops a hidden inline span inside a paragraph without cutting the line', () => {
    const text = textOf(
      `<article><p>The mill reopened in May<span style="display:none"> https://www.facebook.com/mill</span> after two years of repairs and a long dispute over its roof.</p>${body}</article>`,
    );
    expect(text).toContain('The mill reopened in May after two years of repairs');
    expect(text).not.toContain('facebook');
  });
});

describe('guards: hidden text that is still the page’s content', () => {
  it("keeps an accordion's and a FAQ's collapsed answers (WCXB's guides)", () => {
    const text = textOf(
      `<article>${body}<h2>Questions</h2><div class="collapse-item"><button>How long until they pay off?</button><div id="faq_0_content" style="display:none;"><p>${ANSWER}</p></div></div>` +
        `<div class="chakra-collapse" style="overflow:hidden;display:none;opacity:0;height:0px"><p>Battery systems earn their cost back more slowly, as a rule within fifteen years of the purchase.</p></div></article>`,
    );
    expect(text).toContain(ANSWER);
    expect(text).toContain('Battery systems earn their cost back');
  });

  it('keeps a paywalled body a script reveals, named as the full content (topagrar)', () => {
    const text = textOf(
      `<article>${[1, 2, 3, 4].map(P).join('')}<div class="paywall-full-content" style="display:none;">${[5, 6, 7].map(P).join('')}</div></article>`,
    );
    expect(text).toContain('Paragraph 7 of the story');
  });

  it('keeps a page whose whole body is hidden until its script has loaded (an anti-flicker style)', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Coffee</title></head><body style="display:none"><div id="page" style="display: none"><main><h1>A history of coffee</h1><article>${body}</article></main></div></body></html>`;
    const result = extractPage(html, 'https://www.magazine.example/2025/01/20/coffee-houses');
    expect(result.kind).toBe('article');
    if (result.kind === 'article') expect(result.article.text).toContain('Paragraph 5 of the story');
  });

  it('does not take a display value that is not none, or a hidden background, for hidden', () => {
    const text = textOf(
      `<article><div style="display:none-ish-block; color: red">${P(1)}</div><div style="background:url(x.png); display: block">${P(2)}</div>${P(3)}${P(4)}</article>`,
    );
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 2 of the story');
  });
});

const FORM = `<form action="/newsletter" method="post"><input type="email" name="email" placeholder="E-mail address"><button type="submit">Sign up</button></form>`;

describe('sign-up boxes: a form asking for an e-mail address and its heading and pitch (twenty-sixth pass)', () => {
  it("leaves out a newsletter box's heading and pitch inside the story's container (WAZ, BSZ)", () => {
    const text = textOf(
      `<article>${body}<section aria-label="Newsletter"><h3>City newsletter: sign up for free now!</h3><p>News, service, features: know every day what is going on in our town.</p>${FORM}<p>By signing up I agree to the <a href="/terms">advertising terms</a>.</p></section></article>`,
    );
    expect(text).not.toContain('City newsletter');
    expect(text).not.toContain('know every day what is going on');
    expect(text).toContain('Paragraph 5 of the story');
  });

  it("leaves out a blog's subscribe box after the post, in boxes nested around the form (Ghost)", () => {
    const text = textOf(
      `<article class="post">${body}<div class="container"><div class="esub-section-wrap"><div class="esub-content-wrap"><h2 class="esub-title">Subscribe to the coffee letter and stay updated.</h2><div class="esub-subtext">Don't miss anything. Get all the latest posts delivered straight to your inbox. It's free!</div></div><div class="esub-form-wrap">${FORM}</div></div></div></article>`,
    );
    expect(text).not.toContain('Subscribe to the coffee letter');
    expect(text).not.toContain("Don't miss anything");
    expect(text).toContain('Paragraph 5 of the story');
  });
});

describe('guards: text beside an e-mail form that is still the story', () => {
  it('keeps a story whose own container holds a sign-up form', () => {
    const text = textOf(`<div class="entry">${[1, 2].map(P).join('')}${FORM}${[3, 4, 5].map(P).join('')}</div>`);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 5 of the story');
  });

  it('keeps two paragraphs of prose that share a box with an e-mail form', () => {
    const text = textOf(
      `<div class="story">${[1, 2, 3, 4].map(P).join('')}</div><div class="box"><p>The roasters of the old town meet again in March, when the first beans of the new harvest arrive.</p><p>Their tasting is open to all, and the guild's oldest member will tell how the first house opened.</p>${FORM}</div>`,
    );
    expect(text).toContain('The roasters of the old town meet again in March');
    expect(text).toContain("the guild's oldest member");
  });

  it('keeps a form holding running text, the whole page in one form (ASP.NET)', () => {
    const text = textOf(`<form id="aspnetForm" method="post">${body}<input type="email" name="newsletter"></form>`);
    expect(text).toContain('Paragraph 5 of the story');
  });
});
