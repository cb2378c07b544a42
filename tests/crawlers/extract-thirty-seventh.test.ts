// Thirty-seventh extraction pass: the edges of the story checked against Readability's copy of the same
// container. A short line that is no sentence at the start or end of our body, whose text Readability does
// not keep, is furniture (a "Created:"/"Updated:" stamp, a byline with its date, a category or "PDF:" line,
// related headlines, a call to action); the run of such lines is trimmed from each end when it reaches a line both
// copies keep. Lines inside the shared span, sentences, longer lines and lines Readability keeps stay. Each test of the rule fails on the code before it
// (no `trimEdges`); the guards pass on both.
import { describe, expect, it } from 'vitest';
import { hasEdgeCandidate, isEdgeCandidate, trimEdges } from '../../crawlers/extraction/second-opinion.ts';
import { textOf } from './story-page.ts';

const story = (n: number) =>
  `Paragraph ${n} of the story: the old coffee houses of the city served as meeting places where merchants, writers and travellers argued late into the night.`;
const STORY = [story(1), story(2), story(3), story(4)];

/** Edge furniture as the readable pages print it (L3S-GN1's 2008 layouts, WordPress blogs, Fundus, WCXB). */
const HEAD_LINES = [
  'Created: 1/10/2008 4:09:14 PM',
  'Updated:1/10/2008 4:11:27 PM',
  'Verfasst von: mitundvoneinander | 31. Dezember 2008',
  'PDF: ratschlage-geben',
  'Veröffentlicht in Tafelbilder',
  'Tuesday,Jan 15,2008',
  'December 17, 2025 • 8 minutes',
];
const TAIL_LINES = [
  'Canadians satisfied with start',
  'Internet to get 10 times faster',
  'Click to subscribe',
  'Passend zum Artikel',
  'Explore Solutions →',
  'Follow us',
];

describe("the story's edges against Readability's copy (thirty-seventh pass)", () => {
  it.each(HEAD_LINES)('trims %j at the start when Readability does not keep it', (line) => {
    expect(trimEdges([line, ...STORY], STORY)).toEqual(STORY);
  });

  it.each(TAIL_LINES)('trims %j at the end when Readability does not keep it', (line) => {
    expect(trimEdges([...STORY, line], STORY)).toEqual(STORY);
  });

  it('trims the whole run of such lines from each end', () => {
    expect(trimEdges([...HEAD_LINES.slice(0, 2), ...STORY, ...TAIL_LINES.slice(0, 2)], STORY)).toEqual(STORY);
  });

  it('guards: a short line Readability keeps stays, and stops the run behind it', () => {
    const lines = ['Filed under Coffee', 'By Jane Doe', ...STORY, 'Jane Doe is a historian', 'Related stories'];
    expect(trimEdges(lines, ['By Jane Doe', ...STORY, 'Jane Doe is a historian'])).toEqual(lines.slice(1, -1));
    // Readability's copy holding the line inside a longer paragraph of its own counts as keeping it.
    expect(trimEdges(['Staff reporter', ...STORY], [`Staff reporter ${story(0)}`, ...STORY])).toEqual(['Staff reporter', ...STORY]);
  });

  it("guards: a run beyond a line Readability left out stays (a story's closing list after its last paragraph)", () => {
    const closing = 'A closing paragraph Readability left out, long enough to be a sentence of its own.';
    const list = ['Turkish coffee boiled in a copper pot', 'Espresso pulled at the counter'];
    const lines = [story(1), story(2), story(3), closing, ...list];
    expect(trimEdges(lines, [story(1), story(2), story(3)])).toEqual(lines);
    const head = ['Coffee and tea', 'A standfirst Readability left out, long enough to be a sentence.', story(1), story(2), story(3)];
    expect(trimEdges(head, [story(1), story(2), story(3)])).toEqual(head);
  });

  it("guards: lines inside the story are never touched, whatever Readability's copy lacks", () => {
    const lines = [story(1), 'Coffee and tea', story(2), 'See also', story(3), story(4)];
    expect(trimEdges(lines, STORY)).toEqual(lines);
  });

  it('guards: sentences and longer lines at the edges stay', () => {
    const edges = [
      'The houses closed at midnight.',
      'Was it the first café in Europe?',
      'What the merchants drank:',
      'He called it "the bitter drink"',
      'A line of nine words without any closing mark here',
    ];
    for (const line of edges) {
      expect(trimEdges([line, ...STORY], STORY), line).toEqual([line, ...STORY]);
      expect(trimEdges([...STORY, line], STORY), line).toEqual([...STORY, line]);
    }
  });

  it('guards: nothing is trimmed when Readability found nothing or another container (under half of our lines)', () => {
    const lines = ['Created: 1/10/2008', ...STORY, 'Follow us'];
    expect(trimEdges(lines, [])).toEqual(lines);
    expect(trimEdges(lines, [story(1), 'Another story altogether, from the sidebar of the page.'])).toEqual(lines);
    expect(trimEdges(lines, [story(1), story(2), story(3)])).toEqual([...STORY, 'Follow us']);
  });

  it('asks Readability only when an end of the story is such a line', () => {
    expect(hasEdgeCandidate(STORY)).toBe(false);
    expect(hasEdgeCandidate(['Created: 1/10/2008', ...STORY])).toBe(true);
    expect(hasEdgeCandidate([...STORY, 'Follow us'])).toBe(true);
    expect(hasEdgeCandidate([story(1), 'See also', story(2)])).toBe(false);
    expect(hasEdgeCandidate(['Follow us'])).toBe(false);
    expect(isEdgeCandidate('Eight words are still a short line here')).toBe(true);
    expect(isEdgeCandidate('Nine words are no longer a short line here now')).toBe(false);
  });

  it('guards: through the extractor, a story whose edge lines Readability keeps is unchanged', () => {
    const text = textOf(
      `<article><div><div>Staff reporter</div><div>Jan 15</div></div>${STORY.map((l) => `<p>${l}</p>`).join('')}<div><div>Darren Totem</div><div>Publisher</div></div></article>`,
    );
    expect(text.split('\n\n')).toEqual(['Staff reporter', 'Jan 15', ...STORY, 'Darren Totem', 'Publisher']);
  });
});
