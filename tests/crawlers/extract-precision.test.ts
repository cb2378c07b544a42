// Fifth extraction pass (precision): furniture lines inside the story container, left out by their
// wording whatever their markup (rules.ts BOILERPLATE_LINES). Each case also checks the prose beside it.
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../crawlers/extract-article.ts';

const URL = 'https://news.example/2020/10/14/council-meets';
const S1 = 'The provincial council met on Tuesday to debate the budget, and its members voted to raise spending on schools and roads.';
const S2 = 'Officials said the new plan would take effect next year, after a consultation with residents and local businesses.';
const S3 = 'The opposition, which had asked for a delay, said it would read the final text closely before the next session.';

function textOf(story: string): string {
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta property="og:type" content="article"><title>Council</title></head>
<body><h1>Council meets</h1><div class="article-body"><p>${S1} ${S2}</p><p>${S2} ${S3}</p>${story}</div></body></html>`;
  const result = extractPage(html, URL);
  if (result.kind !== 'article') throw new Error(`expected an article, got ${result.kind}`);
  return result.article.text;
}

/** Each line, as its own paragraph after the story's prose, is left out; the prose stays. */
function expectLinesLeftOut(lines: string[]): void {
  const text = textOf(`<p>${S3}</p>${lines.map((line) => `<p>${line}</p>`).join('')}`);
  for (const line of lines) expect(text).not.toContain(line);
  expect(text).toContain(S3);
}

describe('furniture lines inside the story (fifth pass)', () => {
  it('leaves out related-story headings in several languages, the teasers after them kept for their own rules', () => {
    for (const heading of ['Mehr zum Thema', 'Zum Weiterlesen:', 'Zobacz również', 'Le puede interesar', 'Read more', 'Xem thêm:']) {
      const text = textOf(`<h3>${heading}</h3><p>${S3} ${S1}</p>`);
      expect(text, heading).not.toContain(heading.replace(/:$/, ''));
      expect(text, heading).toContain(S3);
    }
  });

  it('leaves out calls to subscribe, follow or support, photo credits, agency signatures and comment counters', () => {
    const lines = [
      'Subscribe now to our e-paper edition for the full story.',
      'If you enjoyed reading this post – would you consider supporting our work? Just click here.',
      'Puede escribirnos o suscribirse aquí a nuestra newsletter.',
      'Crédits photos : Bestimage',
      'aja/PAP',
      'Kommentare insgesamt: 0',
    ];
    expectLinesLeftOut(lines);
  });

  it('keeps a paragraph (over 260 characters) that merely mentions these words, and a heading before a dropped credit line', () => {
    const prose = `Readers who subscribe now to the council's newsletter will be told of each vote, the mayor said. ${S1} ${S2}`;
    const text = textOf(
      `<h2>Budget details</h2><p>Photo: Jane Doe</p><p>${prose}</p><p>Read more about the plan, which the council published in full on its website last week.</p>`,
    );
    expect(text).toContain(prose);
    expect(text).toContain('Budget details');
    expect(text).toContain('Read more about the plan');
    expect(text).not.toContain('Photo: Jane Doe');
  });

  it('leaves out source lines, credits after ©, author-box headings, disclaimers, advertising labels and privacy placeholders', () => {
    const lines = [
      'Quelle: Landesregierung',
      'ERSCHIENEN IN',
      'Permalink https://p.example/p/RPYx',
      'The mayor at the session. © AFP / JOHN SMITH',
      'Über den Autor',
      '(Alle Angaben ohne Gewähr)',
      'Anzeige, enthält Affiliate Links',
      'This post contains references to products from one or more of our advertisers.',
      'Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine Verbindung zu Twitter her.',
      'Lesen Sie auch: Der Haushalt für 2021 im Überblick',
    ];
    expectLinesLeftOut(lines);
  });

  it('keeps a sentence that names its source inside the prose', () => {
    const prose = 'Die Quelle: ein Bericht der Landesregierung, den der Rat am Dienstag ausführlich diskutiert hat, nannte keine Zahlen.';
    expect(textOf(`<p>${prose}</p>`)).toContain(prose);
  });

  it('leaves out numbered figure captions left in the text, and keeps prose that refers to a figure', () => {
    const caption = 'Abbildung 4: klassische Schwachschicht im Schneeprofil.';
    const prose = 'Wie Abbildung 4 zeigt, liegt die Schwachschicht unter einer harten Kruste, die den Schnee lange trägt.';
    const text = textOf(`<p>${caption}</p><p>${prose}</p><p>Fig. 2: The budget by department.</p>`);
    expect(text).not.toContain(caption);
    expect(text).not.toContain('Fig. 2:');
    expect(text).toContain(prose);
  });
});
