import { describe, expect, it } from 'vitest';
import { packTexts, unpackText } from '../../pipeline/store/packed-texts.ts';

describe('packTexts', () => {
  it('round-trips ASCII, Vietnamese, emoji and empty texts through one buffer', () => {
    const texts = ['dai hoi dang', '', 'Đại hội Đảng lần thứ XIII', '😀 tin giả', 'x'.repeat(10_000), 'ệ'.repeat(5_000)];
    const packed = packTexts(texts);
    expect(texts.map((_, i) => unpackText(packed, i))).toEqual(texts);
    expect(packed.bytes.byteLength).toBe(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0));
  });

  it('packs nothing into an empty buffer', () => {
    const packed = packTexts([]);
    expect(packed.ends).toHaveLength(0);
    expect(packed.bytes.byteLength).toBe(0);
  });
});
