import { describe, expect, it } from 'vitest';
import { normaliseItem } from '../../pipeline/normalise.ts';

const base = { sourceId: 's', kind: 'news' as const, fetchedAt: '2020-10-14T00:00:00Z' };

describe('normaliseItem', () => {
  it('returns NFC text with collapsed whitespace and keeps paragraph breaks', () => {
    const item = normaliseItem({ ...base, url: 'https://a.example/x', title: ' Đại  hội '.normalize('NFD'), text: 'Dòng 1\r\n\r\n\r\n  Dòng   2 ' });
    expect(item.title).toBe('Đại hội');
    expect(item.title).toBe(item.title.normalize('NFC'));
    expect(item.text).toBe('Dòng 1\n\nDòng 2');
  });

  it('folds diacritics and đ→d for search', () => {
    const item = normaliseItem({ ...base, url: 'https://a.example/x', title: 'Đại hội Đảng bộ', text: 'Nhiệm kỳ 2020–2025' });
    expect(item.foldedText).toBe('dai hoi dang bo\nnhiem ky 2020–2025');
  });

  it('gives the same id to the same canonical URL and the same hash to the same body', () => {
    const a = normaliseItem({ ...base, url: 'https://a.example/in/1', canonicalUrl: 'https://a.example/1?utm_medium=x', title: 'A', text: 'Nội dung' });
    const b = normaliseItem({ ...base, url: 'https://a.example/1', title: 'A', text: 'Nội  dung' });
    const c = normaliseItem({ ...base, url: 'https://b.example/copy', title: 'Khác', text: 'NỘI DUNG' });
    expect(a.id).toBe(b.id);
    expect(a.contentHash).toBe(b.contentHash);
    expect(c.id).not.toBe(a.id);
    expect(c.contentHash).toBe(a.contentHash);
  });
});
