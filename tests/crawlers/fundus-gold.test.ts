// Fundus's expected bodies as the bench reads them (bench/fundus.ts).
import { describe, expect, it } from 'vitest';
import { bodyShareIn, bodyText } from '../../bench/fundus.ts';

describe('Fundus gold text', () => {
  const version = {
    body: {
      summary: ['Der Rat hält die Brücke offen.'],
      sections: [
        { headline: [], paragraphs: ['Am Dienstag stimmte der Rat ab.', 'Reparaturen warten bis zum Frühjahr.'] },
        { headline: ['Was die Anwohner sagen'], paragraphs: ['Sie sind erleichtert.'] },
      ],
    },
  };

  it('reads the summary, then each section heading and its paragraphs, a line each, in order', () => {
    expect(bodyText(version).split('\n')).toEqual([
      'Der Rat hält die Brücke offen.',
      'Am Dienstag stimmte der Rat ab.',
      'Reparaturen warten bis zum Frühjahr.',
      'Was die Anwohner sagen',
      'Sie sind erleichtert.',
    ]);
  });

  it('reads a version without a body as no text', () => {
    expect(bodyText({ body: null })).toBe('');
    expect(bodyText({})).toBe('');
  });

  it('pairs a version with the saved page that holds its body, tags and entities aside', () => {
    const body = bodyText(version);
    const own =
      '<html><body><p>Der Rat hält die <a href="/b">Brücke</a> offen.</p><p>Am&nbsp;Dienstag stimmte der Rat ab.</p><p>Reparaturen warten bis zum Frühjahr.</p><h2>Was die Anwohner sagen</h2><p>Sie sind erleichtert.</p></body></html>';
    const other = '<html><body><p>Die Stadt baut eine neue Schule am Markt.</p></body></html>';
    expect(bodyShareIn(body, own)).toBe(1);
    expect(bodyShareIn(body, other)).toBeLessThan(0.1);
  });
});
