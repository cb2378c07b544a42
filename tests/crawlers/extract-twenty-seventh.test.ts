// Twenty-seventh extraction pass: React's streamed server rendering (Next.js and others). The page sends a
// placeholder for each part still loading (`<template id="B:0">` and a loading skeleton, `<template id="P:1">`
// inside a part) and later the part itself as `<div hidden id="S:0">`, which a script moves into place. Read
// without the script, the story is hidden and the skeleton ("Loading paragraph...") is what is left. Each test
// of the rule fails on the code before it; the guards pass on both.
import { describe, expect, it } from 'vitest';
import { P, textOf } from './story-page.ts';

const LOADING = '<div>Loading paragraph...</div>';

describe("a streamed page's hidden parts are moved into their placeholders (twenty-seventh pass)", () => {
  it('reads the parts of a page saved without scripts, paired by number, and drops the loading skeletons', () => {
    const placeholders = [0, 1, 2, 3].map((n) => `<template id="B:${n}"></template>${LOADING}`).join('');
    const parts = [0, 1, 2, 3].map((n) => `<div hidden id="S:${n}">${P(n + 1)}${P(n + 5)}</div>`).join('');
    const text = textOf(`<article><p>Index funds track major financial indexes without picking individual stocks.</p>${placeholders}</article>${parts}`);
    expect(text).toContain('Paragraph 1 of the story');
    expect(text).toContain('Paragraph 8 of the story');
    expect(text).not.toContain('Loading paragraph');
    expect(text.indexOf('Paragraph 1 of')).toBeLessThan(text.indexOf('Paragraph 2 of'));
  });

  it("pairs a part with its placeholder by the script's call, and drops the skeleton between the boundary's comments", () => {
    const text = textOf(
      `<article>${P(1)}${P(2)}${P(3)}${P(4)}<!--$?--><template id="B:0"></template><div class="skeleton"><span>Loading</span></div><p>Loading…</p><!--/$--></article>` +
        `<div hidden id="S:3">${P(5)}${P(6)}${P(7)}${P(8)}</div><script>$RC=function(b,c){};$RC("B:0","S:3")</script>`,
    );
    expect(text).toContain('Paragraph 8 of the story');
    expect(text).not.toContain('Loading');
  });

  it('moves a part\'s own placeholders\' parts into it (`<template id="P:n">` inside a part)', () => {
    const text = textOf(
      `<article><template id="B:0"></template>${LOADING}</article><div hidden id="S:0">${P(1)}<template id="P:4"></template>${P(3)}</div><div hidden id="S:4">${P(2)}${P(4)}</div>`,
    );
    expect(text.indexOf('Paragraph 1 of')).toBeLessThan(text.indexOf('Paragraph 2 of'));
    expect(text.indexOf('Paragraph 2 of')).toBeLessThan(text.indexOf('Paragraph 3 of'));
    expect(text).toContain('Paragraph 4 of the story');
  });

  it('guards: a hidden element with no placeholder stays hidden, and a template followed by text is not a skeleton', () => {
    const notice = 'This notice is shown only after the reader has confirmed the age gate on the first visit to the site.';
    const text = textOf(
      `<article>${P(1)}<template id="B:0"></template><p>The mill reopened in May after two years of repairs and a long dispute over its roof, its owners said.</p>${P(2)}${P(3)}${P(4)}</article>` +
        `<div hidden id="S:7"><p>${notice}</p></div><div hidden id="S:0">${P(5)}</div>`,
    );
    expect(text).toContain('The mill reopened in May');
    expect(text).not.toContain('age gate');
  });

  it('guards: a page with templates but no streamed parts reads as before', () => {
    const text = textOf(`<article>${P(1)}<template id="card"><div>Loading card...</div></template><div>Loading comments...</div>${P(2)}${P(3)}</article>`);
    expect(text).toContain('Paragraph 3 of the story');
  });
});
