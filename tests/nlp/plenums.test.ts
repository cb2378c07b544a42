import { describe, expect, it } from 'vitest';
import { romanValue } from '../../pipeline/nlp/plenums.ts';

describe('plenum ordinals', () => {
  it('reads Roman numerals in their canonical spelling only', () => {
    expect(romanValue('xiii')).toBe(13);
    expect(romanValue('xii')).toBe(12);
    expect(romanValue('xiv')).toBe(14);
    expect(romanValue('xl')).toBe(40);
    expect(romanValue('iv')).toBe(4);
    // not numerals: badly formed, or words
    expect(romanValue('xiiii')).toBeNull();
    expect(romanValue('iix')).toBeNull();
    expect(romanValue('vv')).toBeNull();
    expect(romanValue('vui')).toBeNull();
  });
});
