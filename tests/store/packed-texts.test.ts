import { describe, expect, it } from 'vitest';
import { packTexts, unpackText } from '../../pipeline/store/packed-texts.ts';

describe('packTexts', () => {
  it('round-trips ASCII, Vietnamese, emoji, lone surrogates and empty texts through one buffer', () => {
    const texts = ['dai hoi dang', '', 'Đại hội Đảng lần thứ XIII', '😀 tin giả', '\ud800 cut \udfff', 'x'.repeat(10_000), 'ệ'.repeat(5_000)];
    const packed = packTexts(texts);
    expect(texts.map((_, i) => unpackText(packed, i))).toEqual(texts);
    // Two bytes a code unit, in one transferable buffer of its own.
    expect(packed.bytes.byteLength).toBe(texts.reduce((sum, text) => sum + 2 * text.length, 0));
    expect(packed.bytes.buffer.byteLength).toBe(packed.bytes.byteLength);
  });

  it('packs nothing into an empty buffer', () => {
    const packed = packTexts([]);
    expect(packed.ends).toHaveLength(0);
    expect(packed.bytes.byteLength).toBe(0);
  });
});
