// Thirteenth extraction pass, families from the readable halves only: date stamps kept as lines of
// the story, tested against the code before it, with guards for the dates that are data or prose.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

const story = [1, 2, 3, 4].map(P).join('');

describe('a block that is only a date stamp (thirteenth pass)', () => {
  it('leaves out a dateline, with its label, weekday or time', () => {
    for (const stamp of [
      'August 25, 2025',
      'Updated Feb 11, 2026',
      'Last updated on September 16th, 2023 at 09:27 am',
      '23.10.2018',
      '3:59 PM',
      'Nov. 20, 2019, 9:28 AM UTC',
      'Published November 20th, 2019 - 07:50 GMT',
      'Thứ hai, 14/06/2019 10:30',
    ])
      expect(textOf(`<article><div class="entry"><div class="when">${stamp}</div>${story}</div></article>`)).not.toContain(stamp);
  });

  it('keeps a date in a table cell or a list item (a price history, an event day)', () => {
    const table = `<table><tr><th>Date</th><th>Change</th></tr><tr><td>1/1/2013</td><td>+13.1%</td></tr><tr><td>2/1/2013</td><td>+12.9%</td></tr></table>`;
    const events = `<ul><li><div class="day">March 17, 2026</div><p>The roasters' fair opens in the old market hall.</p></li></ul>`;
    const text = textOf(`<article><div class="entry">${story}${table}${events}</div></article>`);
    expect(text).toContain('2/1/2013');
    expect(text).toContain('March 17, 2026');
  });

  it('keeps a sentence that holds a date, and a bare length ("0:24")', () => {
    const text = textOf(`<article><div class="entry">${story}<p>On August 25, 2025 the last roaster closed.</p><div>0:24</div></div></article>`);
    expect(text).toContain('On August 25, 2025 the last roaster closed.');
    expect(text).toContain('0:24');
  });
});

describe('a call to sign up is one for a newsletter, e-mails or alerts (thirteenth pass)', () => {
  const line = (text: string) => textOf(`<article><div class="entry">${story}<p>${text}</p>${P(5)}</div></article>`);

  it('keeps a sentence of the story that mentions signing up for something else', () => {
    for (const text of [
      'People who sign up for automated savings end up saving more than those who do not.',
      'You can sign up for a free seven-day trial of the service.',
    ])
      expect(line(text)).toContain(text);
  });

  it('still leaves out a call to sign up for the newsletter', () => {
    const text = 'Then sign up for our email newsletter to get the latest updates.';
    expect(line(text)).not.toContain(text);
  });
});

describe('a list item is judged with its list (thirteenth pass)', () => {
  const items = [
    '<li>Arabica beans, grown high on the slopes, with a sweet and fruity cup</li>',
    '<li>Robusta beans, hardier and more bitter, with twice the caffeine</li>',
    '<li><a href="https://roasters.example/liberica">Liberica</a></li>',
    '<li>Excelsa beans, tart and fruity, from South-East Asia</li>',
  ];

  it('keeps an item that is one link in a list that is not a list of links', () => {
    expect(textOf(`<article><div class="entry">${story}<ul>${items.join('')}</ul>${P(5)}</div></article>`)).toContain('Liberica');
  });

  it('still leaves out a list of links', () => {
    const links = `<ul>${[1, 2, 3, 4].map((n) => `<li><a href="/2025/01/${n}/story">Another story from the archive, number ${n}</a></li>`).join('')}</ul>`;
    expect(textOf(`<article><div class="entry">${story}${links}${P(5)}</div></article>`)).not.toContain('Another story from the archive');
  });
});
