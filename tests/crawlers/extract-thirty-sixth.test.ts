// Thirty-sixth extraction pass: the precision side cut by the DOM role of each kept block the golds exclude. Most
// roles are one structure per site; the one shape across many sites is an article's tool bar rendered as a line of
// its own ("Print | E-mail", "Email this story to a friend", "Font size: Decrease Increase", "Digg | Facebook |
// E-mail", "Drucken"), and a control's label ("See more", "Show Caption", "Play now"). Each test of the rules fails on
// the code before them; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { P, expectLines, textOf } from './story-page.ts';

/** Tool bars as the readable pages print them (2008 news layouts of L3S-GN1, NZZ, WordPress share buttons). */
const TOOL_LINES = [
  'Print | E-mail',
  'E-mail | Print',
  'Print Email',
  'Print this article',
  'Email this story to a friend',
  'E-mail this to a friend',
  'Print Story Email to a Friend',
  'Font size: Decrease Increase',
  'Text Size',
  'Digg | Facebook | E-mail',
  '• Digg this story',
  'Share this story!',
  'Drucken',
  'Teilen',
  'Back to headlines',
  'Skip to next paragraph',
];

/** The story's own sentences opening with a tool word, and social networks a story lists: kept. */
const STORY_LINES = [
  'Print the recipe card and keep it in the kitchen.',
  'Share the dough into four equal balls.',
  'Email your questions to the editor before Friday.',
  'Drucken lassen kann man die Broschüre im Rathaus.',
  'Text size matters less than contrast, the study found.',
];

describe("an article's tool bar rendered as a line of its own (thirty-sixth pass)", () => {
  it.each(TOOL_LINES)('leaves out the tool line %j', (line) => expectLines([line], false));

  it("guards: the story's sentences opening with a tool word are kept", () => expectLines(STORY_LINES, true));

  it('guards: social networks a story lists under its headings are kept', () => {
    const networks = ['Facebook', 'Twitter', 'LinkedIn'];
    const text = textOf(`<article>${P(1)}${networks.map((name, i) => `<h2>${name}</h2>${P(i + 2)}`).join('')}${P(5)}</article>`);
    for (const name of networks) expect(text).toContain(name);
  });

  it('guards: the pattern stays linear on a long line of tool words that does not match', () => {
    const start = performance.now();
    expectLines([`${'print '.repeat(40)}x`], true);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

/** Controls' labels as the readable pages print them (movebuddha, Gannett's USA Today network, coffeechronicler, Mirror). */
const CONTROL_LABELS = ['See more', 'See less', 'See more reviews', 'Show Caption', 'Play now', 'Click to playTap to play', 'Mehr anzeigen'];

describe("a control's label rendered as a line of its own (thirty-sixth pass)", () => {
  it.each(CONTROL_LABELS)('leaves out the label %j', (line) => expectLines([line], false));

  it("guards: the story's sentences with the words, and a bare section word, are kept", () =>
    expectLines(['See more of the coast on the second day.', 'Show caption contests were popular in the 1990s.', 'Play now, pay later.', 'Back'], true));
});
