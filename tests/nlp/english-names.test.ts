import { describe, expect, it } from 'vitest';
import { expectCongress, forBothForms } from './helpers.ts';

// Lead's part E-en (the hundred-and-seventh pass's rank 7): overseas Vietnamese pages and the wire stories they quote
// name the tracked congresses in English. Their longer English names count as the Vietnamese ones do; "congress" alone
// is an anchor (the US legislature and other parties use it), and other countries' congresses cancel it. Phrasings
// written for these tests, not corpus sentences.

describe('the tracked congresses named in English', () => {
  it('reads the 13th congress and a provincial Party congress by their English names', () => {
    expectCongress(
      [
        "Vietnam's 13th Party Congress opened this morning in Hanoi. Runs until Feb 2.",
        'Hearing from Hanoi sources the 13th Congress will close three days early.',
        'No, the provincial Party congress was not held online. It was in-person, three days.',
        'Reminder for our readers abroad: the 13th National Congress elects the new Central Committee this week.',
      ],
      true,
    );
  });

  it('gives the English name as a strong term in the explanation, with its span', () => {
    forBothForms(['Tin mới: the 13th Party Congress opened today.'], (c, t) => {
      const named = c.explanations.find((e) => e.kind === 'congress' && e.term === '13th party congress');
      expect(named, t).toBeDefined();
      expect(t.slice(named!.start, named!.end)).toBe('13th Party Congress');
    });
  });

  it('reads a foreign power said to clear the personnel as acting on this congress, not as its own congress', () => {
    expectCongress(['Insiders say the Central Committee list was approved by Beijing weeks ago. Danh sách BCH đã được duyệt.'], true);
    forBothForms(['Re: "CC list cleared with Beijing" — no evidence. Tin "danh sách Trung ương được Bắc Kinh duyệt" là bịa.'], (c, t) => {
      const terms = c.explanations.filter((e) => e.kind === 'congress').map((e) => e.term);
      expect(terms, t).toContain('cleared with beijing');
      expect(terms, t).not.toContain('beijing');
    });
  });

  it('leaves other countries’ congresses and legislatures alone', () => {
    expectCongress(
      [
        "China's 20th Party Congress will open in Beijing, with 2,300 delegates electing a new Central Committee.",
        'The US Congress passed the relief bill last night after delegates from both parties agreed.',
        'Congress leaders met in New Delhi; the Indian National Congress will hold its plenary session next month.',
        "The National People's Congress approved the new five-year plan in March.",
      ],
      false,
    );
  });

  it('does not read a bare "congress" or "delegates" as the tracked congress on their own', () => {
    expectCongress(['The delegates met again yesterday.', 'She spoke at a medical congress in Singapore.'], false);
  });
});
