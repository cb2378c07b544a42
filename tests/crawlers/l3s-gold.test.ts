// L3S-GN1's gold as the combined extraction benchmark reads an assessed page (bench/l3s-gn1.ts).
import { describe, expect, it } from 'vitest';
import { goldText } from '../../bench/l3s-gn1.ts';

describe('L3S-GN1 gold text', () => {
  const assessed =
    '<html><body><div><span class="x-nc-sel0">Home | Sports</span></div>' +
    '<h1><span class="x-nc-sel1">Council keeps the bridge open</span></h1>' +
    '<p><span class="x-nc-sel3">29 December, 2007</span></p>' +
    '<p><span class="x-nc-sel2">The council voted on Tuesday </span><a href="/x"><span class="x-nc-sel2">to keep</span></a><span class="x-nc-sel2"> the bridge open.</span></p>' +
    '<p><span class="x-nc-sel2"><span class="x-nc-sel2">Repairs wait until spring.</span></span></p>' +
    '<div><span class="x-nc-sel4">Related: Bridge closed in 2006</span><span class="x-nc-sel5">Great news!</span></div></body></html>';

  it('reads full text and supplemental blocks, not the headline, related links, comments or boilerplate', () => {
    const text = goldText(assessed).replace(/\s+/g, ' ');
    expect(text).toContain('29 December, 2007');
    expect(text).toContain('The council voted on Tuesday to keep the bridge open.');
    for (const left of ['Council keeps the bridge open', 'Home | Sports', 'Related:', 'Great news!']) expect(text).not.toContain(left);
  });

  it('counts the text of nested label spans once', () => {
    expect(goldText(assessed).match(/Repairs wait until spring/g)).toHaveLength(1);
  });

  it("keeps the words in page order, a span whose parent is a block opening a line as the benchmark's reader does", () => {
    const text = goldText(assessed);
    expect(text.replace(/\s+/g, ' ')).toBe('29 December, 2007 The council voted on Tuesday to keep the bridge open. Repairs wait until spring.');
    expect(text.split('\n')[0].trim()).toBe('29 December, 2007');
  });
});
