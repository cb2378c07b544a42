// Thirty-third extraction pass: precision losses against trafilatura pooled over every readable set, bucketed by kind.
// The one kind spread over many sites that a structure (not a gold convention) explains: a story's dateline printed as
// a line of its own under a label the date-stamp test did not know ("Stand:", "Erstellt:", "Publiziert:", "Akt.:",
// "Online seit", "Sist oppdatert"), with a reading time after it ("Lesedauer: 4 Minuten", "7 min"), a day in words
// after a label ("Publiziert heute um 12:19 Uhr"), a space before the comma ("21.04.2024 , 20:24 Uhr") or as an age
// ("1 day ago", "Published 6 days ago"). Each test of the rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { P, expectLines, textOf } from './story-page.ts';

/** Datelines as the Fundus pages print them (ORF, SN, NZZ, Tages-Anzeiger, FR, Merkur, Tagesschau, t-online, Tageblatt, Dagbladet, BBC, RP). */
const LABELLED_STAMPS = [
  'Stand: 26.04.2024, 20:44 Uhr',
  'Stand: 28.04.2023 17:23 Uhr',
  'Erstellt: 28.04.2023, 18:16 Uhr',
  'Publiziert: 01.07.2023, 11:16',
  'Akt.: 29. Juni 2025 - 21.18 Uhr',
  'Sist oppdatert torsdag 09. mai 2024 - 20:24',
  'Datum 28.04.2023',
];
const STAMPS_WITH_READING_TIME = [
  '06. 01. 2026, 14:59 Uhr Lesedauer: 4 Minuten',
  '18.07.2024, 11.08 Uhr 7 min',
  'Aktualisiert am 07.01.2026 - 18:50 UhrLesedauer: 4 Min.',
];
const DAYS_IN_WORDS = ['Online seit heute, 7.57 Uhr', 'Publiziert heute um 12:19 Uhr', 'Aktualisiert gestern, 18:02 Uhr'];
const AGES_AND_SPACING = ['1 day ago', '8 months ago', 'Published 6 days ago', 'vor 3 Stunden', '21.04.2024 , 20:24 Uhr'];

/** The story's own sentences with a date, a time or a label word: kept. */
const STORY_SENTENCES = [
  'Am 28.04.2023 um 18:16 Uhr brannte es in der Halle.',
  'Stand der Dinge am 28.04.2023: Die Brücke bleibt gesperrt.',
  'Erstellt wurde die Liste am 3. Mai 2024.',
  'Heute um 12 Uhr beginnt die Sitzung.',
  'Die Sitzung dauerte 45 Minuten.',
  'Vor 3 Stunden kam es zu einem Unfall auf der A7.',
  'Published by Penguin, 2024',
];

/** Each family of datelines the test did not know, left out by the rule (each row fails on the code before it). */
const LEFT_OUT: Array<[string, string[]]> = [
  ['under a German or Scandinavian label (Stand, Erstellt, Publiziert, Akt., Sist oppdatert, Datum)', LABELLED_STAMPS],
  ['with the reading time after it', STAMPS_WITH_READING_TIME],
  ['as a labelled day in words with its time (heute, gestern)', DAYS_IN_WORDS],
  ['as an age alone or after a label, or with a space before its comma', AGES_AND_SPACING],
];

describe("a story's dateline under the labels, reading times and ages the CMSs print (thirty-third pass)", () => {
  it.each(LEFT_OUT)('leaves out a dateline %s', (_family, lines) => expectLines(lines, false));

  it("guards: the story's sentences with a date, a time, a duration or a label word are kept", () => expectLines(STORY_SENTENCES, true));

  it('guards: datelines the test knew are still left out', () =>
    expectLines(['Updated Feb 11, 2026', 'Veröffentlicht am 23.10.2018, 14:05 Uhr', 'August 25, 2025', '3:59 PM'], false));

  it("guards: a dated row of a list is the list's data, kept", () => {
    const rows = ['Stand: 26.04.2024, 20:44 Uhr', 'Stand: 27.04.2024, 08:10 Uhr'];
    const text = textOf(`<article>${P(1)}${P(2)}<ul>${rows.map((row) => `<li>${row}</li>`).join('')}</ul>${P(3)}${P(4)}</article>`);
    for (const row of rows) expect(text).toContain(row);
  });
});
