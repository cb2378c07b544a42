// Forty-second extraction pass: families of kept boilerplate read across the readable sets, matched by
// their wording as lines of the rendered story (rules.ts): a newsletter's own promotion, a print issue's
// or e-paper's promotion, an embed's consent placeholder and a cookie notice (matched on blocks up to
// NOTICE_LINE_CHARS), ad and picture notes, citation and reuse notes, a document link's type and size,
// "Sponsored Links" and "Have your say".
import { describe, expect, it } from 'vitest';
import { expectLines, P, textOf } from './story-page.ts';

describe("a newsletter's own promotion (forty-second pass)", () => {
  it('leaves out the promotion and keeps the story around it', () => {
    expectLines(
      [
        'Join Our Genius Newsletter',
        'Get the latest articles, inspiring how-to’s, and educational workbooks delivered to your inbox.',
        'Related: Our free weekly newsletter alerts you to what research says about schools and classrooms.',
        'Thank you for subscribing to our daily newsletter.',
        'Was this newsletter forwarded to you? Sign up to get it in your inbox.',
        'Keep up to date with the news. Receive our free E-Newsletters',
        'Sie mögen den Tag kompakt zusammengefasst? Dann sind Sie beim täglichen WAZ-Newsletter richtig – hier entlang.',
        '"Hier ist Bayern": Der BR24 Newsletter informiert Sie immer montags bis freitags über das Wichtigste vom Tag.',
        'Newsletter: Sport inside',
        'skip past newsletter promotion',
      ],
      false,
    );
  });

  it("keeps a story's sentences about newsletters", () => {
    expectLines(
      [
        'This article was distributed through the free MarketingSherpa email newsletter.',
        'The Guardian US added 680,000 newsletter subscribers in a single year.',
        '51% of people unsubscribe from newsletters simply because they get too many.',
        'Conversion rate measures the share of visitors who take an action, such as signing up for a newsletter.',
      ],
      true,
    );
  });
});

describe("a print issue's promotion (forty-second pass)", () => {
  it('leaves out the issue on sale, the article in the print issue and the e-paper link', () => {
    expectLines(
      [
        'Die aktuelle Ausgabe der L-MAG jetzt an jedem Bahnhofskiosk, im Abo, als e-Paper und bei Readly erhältlich.',
        'Den kompletten Beitrag lesen Sie in der neuen Juli-Ausgabe der Technology Review.',
        'Click here to read the Hindustan Times ePaper',
      ],
      false,
    );
  });

  it('keeps a sentence about an edition of an event', () => {
    expectLines(['Das hat die 54. Ausgabe des Suisse Caravan Salon eindrücklich bewiesen.'], true);
  });
});

describe("an embed's consent placeholder and a cookie notice (forty-second pass)", () => {
  it("leaves out the placeholder's lines under the site's own markup", () => {
    expectLines(
      [
        'Empfohlener redaktioneller Inhalt',
        'An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.',
        'Du kannst ihn dir mit einem Klick anzeigen lassen und wieder ausblenden.',
        'Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden.',
        'Personenbezogene Daten können an Drittplattformen übermittelt werden. Mehr dazu in unserer Datenschutzerklärung.',
        'Link zum YouTube-Inhalt',
        'Ein Klick für den Datenschutz',
      ],
      false,
    );
  });

  it('leaves out a consent text longer than a line of furniture, up to NOTICE_LINE_CHARS', () => {
    const consent =
      'Ich bin damit einverstanden, dass mir der externe Inhalt angezeigt wird. Damit können personenbezogene Daten an Drittplattformen übermittelt werden. Mehr Informationen dazu erhalten Sie in den Datenschutz-Einstellungen. Diese finden Sie ganz unten auf unserer Seite im Footer, sodass Sie Ihre Einstellungen jederzeit verwalten oder widerrufen können.';
    expect(consent.length).toBeGreaterThan(300);
    expectLines([consent], false);
  });

  it("leaves out the site's cookie notice and keeps a story's sentences about cookies", () => {
    expectLines(
      [
        'We use cookies on our website to give you the most relevant experience by remembering your preferences and repeat visits.',
        'This website uses cookies. By continuing to use our website without changing the settings, you are agreeing to our use of cookies.',
        'Wir verwenden Cookies, um Dir die bestmögliche Erfahrung auf unserer Website zu bieten.',
      ],
      false,
    );
    expectLines(
      [
        'Behavioral tracking: utilize cookies and session data to track user actions across your website.',
        'Added sugars and sweets include table sugar, soda, juice, pastries, cookies, candy and sugary cereals.',
      ],
      true,
    );
  });

  it('keeps a long paragraph that mentions consent in passing', () => {
    const long = `${'Die Debatte über den Datenschutz im Netz dauert an, und viele Leser fragen sich, was mit ihren Daten geschieht. '.repeat(9)}Ich bin damit einverstanden, dass mir Inhalte angezeigt werden, schrieb einer.`;
    expect(long.length).toBeGreaterThan(800);
    expectLines([long], true);
  });
});

describe('ad, picture, citation and document notes (forty-second pass)', () => {
  it('leaves out the notes', () => {
    expectLines(
      [
        '- Anzeige-',
        'Article Continues Below',
        'Sponsored Links',
        'View Larger Image',
        'Click photo to enlarge',
        'Vergrößern Eine kleine runde Aussparung für die Facetime-Kamera im Display des iPhones 14.',
        'SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09.',
        'Citation: Hibernating astronauts would need smaller spacecraft (2019, November 18) retrieved 20 November 2019 from https://phys.org/news/',
        'This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced.',
        'Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei',
        'Have your Say',
        'This work is licensed under a Creative Commons Attribution-NonCommercial- ShareAlike 4.0 International License.',
        'Editor’s Note: This article also appeared in the May/June 2024 issue of Consumer Reports magazine.',
        'Table of Contents Show',
        'On this page',
      ],
      false,
    );
  });

  it('keeps sentences that only share a word with them', () => {
    expectLines(
      [
        'Vergrößern Sie das Bild mit zwei Fingern, um die Details zu sehen.',
        'The citation for bravery was read out at the ceremony.',
        'Sponsored by the city, the festival drew record crowds this year.',
        'The table of contents of the first edition lists twelve chapters on coffee.',
      ],
      true,
    );
  });
});

describe('the story around a removed consent placeholder (forty-second pass)', () => {
  it('keeps the heading above the embed when the section goes on', () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}<h2>The old roasters</h2><div class="embed-box"><p>Empfohlener redaktioneller Inhalt</p><p>Ich bin damit einverstanden, dass mir Inhalte von YouTube angezeigt werden.</p></div>${P(3)}${P(4)}</article>`,
    );
    expect(text).toContain('Paragraph 4 of the story');
    expect(text).not.toContain('einverstanden');
  });
});
