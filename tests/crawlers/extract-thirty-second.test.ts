// Thirty-second extraction pass: three filters the thirty-first pass saw drop story lines. (1) An affiliate disclosure
// is a statement that this page uses affiliate links or that the site earns a commission on them, not the bare words
// "affiliate links" (a story about affiliate marketing names them); a call to sign up is for a newsletter, not a
// story's step that signs up for something "using the same email". (2) A consent manager's placeholder standing in
// for an embedded post (Sourcepoint's, Usercentrics') does not leave the heading above it dangling. (3) A heading's slug that
// writes its apostrophe as a hyphen (`h-7-hr-s-ai-…` for "HR’s") is the heading's own name. Each test of a rule fails
// on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { P, expectLines, textOf } from './story-page.ts';

const STORY_SENTENCES = [
  'To measure the outcomes of these partnerships, implement affiliate links, UTM tracking and exclusive discount codes tied to specific campaigns.',
  'Affiliate programs: Streamers earn a commission when viewers buy games, gear, or software via affiliate links.',
  'Partnerprogramme: Influencer setzen Affiliate-Links in ihre Videos und verdienen an jedem Kauf mit.',
];
const PAGE_DISCLOSURES = [
  'This post may contain affiliate links, view my full disclosure policy.',
  'FTC: We use income earning auto affiliate links. More.',
  '(By using the affiliate links in this blog post you support us. We may get a small kick back.)',
  'In diesem Artikel sind Affiliate-Links enthalten. Durch einen Klick darauf gelangen Sie direkt zum Anbieter.',
  '(*) Alle mit einem Stern gekennzeichneten Links sind Affiliate-Links.',
];
const OTHER_DISCLOSURES = [
  'Some of the links in this article are affiliate ones.',
  'When you buy through our links, we may earn a commission.',
  'Cet article contient des liens affiliés : nous pouvons percevoir une commission.',
  'Este artículo contiene enlaces de afiliados.',
];
const SIGN_UP_CALLS = [
  'Sign up for our newsletter to get the best stories every week.',
  'Sign up to receive email updates from our editors.',
  'Sign up for free breaking news alerts.',
];
/** A story's step, not a call: what is signed up for is not a newsletter, the e-mail is how. */
const SIGN_UP_STEP = ['Sign up for the Disney+ bundle using the same email as your Hulu account.'];

describe('an affiliate disclosure by its shape, not the bare words (thirty-second pass)', () => {
  it('keeps story sentences about affiliate marketing', () => {
    expectLines(STORY_SENTENCES, true);
  });

  it('guards: disclosures that this page or post uses affiliate links are still left out', () => {
    expectLines(PAGE_DISCLOSURES, false);
  });

  it("leaves out the same disclosure without the English words: the site's commission, French and Spanish", () => {
    expectLines(OTHER_DISCLOSURES, false);
  });

  it("keeps a story's step that signs up for something using an e-mail address", () => {
    expectLines(SIGN_UP_STEP, true);
  });

  it('guards: calls to sign up for a newsletter, e-mails or alerts are still left out', () => {
    expectLines(SIGN_UP_CALLS, false);
  });
});

const consent = (cls: string) =>
  `<div class="${cls}"><p>Um diesen Inhalt von Instagram zu sehen, benötigen wir Ihre Zustimmung. Mit einem Klick laden Sie den Beitrag.</p><button>Inhalt laden</button></div>`;
const slide = (n: number, placeholder: string) =>
  `<figure><img src="/img/${n}.jpg" alt=""><figcaption>Photo ${n}</figcaption></figure><h3>${n}. The coffee house number ${n} served the whole harbour.</h3>${placeholder}`;

describe("a consent manager's placeholder does not leave the heading above it dangling (thirty-second pass)", () => {
  it("keeps each numbered heading above Sourcepoint's social placeholder (Business Insider's slides)", () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}${[1, 2, 3].map((n) => slide(n, consent('sourcepoint__social-placeholder'))).join('')}${P(3)}${P(4)}</article>`,
    );
    for (const n of [1, 2, 3]) expect(text).toContain(`${n}. The coffee house number ${n} served the whole harbour.`);
    expect(text).not.toContain('benötigen wir Ihre Zustimmung');
  });

  it("keeps a heading above a social embed whose text is all Usercentrics' placeholder, the section's text after it", () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}<h2>What the harbour houses posted</h2><div class="social-embed">${consent('uc-embedding-container')}</div>${P(3)}${P(4)}</article>`,
    );
    expect(text).toContain('What the harbour houses posted');
    expect(text).not.toContain('benötigen wir Ihre Zustimmung');
  });

  it('guards: a heading left dangling by a removed share bar or a list of links still goes', () => {
    const links = `<ul class="related-links">${[1, 2, 3, 4].map((n) => `<li><a href="/more/${n}">Another story number ${n} on coffee</a></li>`).join('')}</ul>`;
    const text = textOf(`<article>${P(1)}${P(2)}${P(3)}<h3>Read more about the houses</h3>${links}</article>`);
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Read more about the houses');
  });
});

describe('a heading slug that writes its apostrophe as a hyphen is its own name (thirty-second pass)', () => {
  it('keeps "Cornell University’s Social Media Marketing Certificate" under its `…-university-s-social-…` id', () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}<h3 id="cornell-university-s-social-media-marketing-certificate">Cornell University’s Social Media Marketing Certificate</h3>${P(3)}${P(4)}</article>`,
    );
    expect(text).toContain('Cornell University’s Social Media Marketing Certificate');
  });

  it('guards: a heading whose class is a share bar, not its own slug, still goes', () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}${P(3)}<h3 class="social-share-heading">Share this story with friends</h3><div class="social-share"><a href="https://x.com/share">X</a> <a href="https://facebook.com/share">Facebook</a></div></article>`,
    );
    expect(text).toContain('Paragraph 3 of the story');
    expect(text).not.toContain('Share this story with friends');
  });
});
