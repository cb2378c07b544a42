// The defacement lexicon: Vietnamese and English terms, matched without diacritics on word
// boundaries, but not where the page's own accents spell another word.
import { describe, expect, it } from 'vitest';
import { termCounts } from '../../features/portals/compare.ts';
import { findTerms, loadDefacementLexicon, parseDefacementLexicon, raisesIncident } from '../../features/portals/defacement-lexicon.ts';
import { LEXICON } from './helpers.ts';

const lexicon = loadDefacementLexicon(LEXICON);
const terms = (text: string) => findTerms(text, lexicon).map((match) => match.term);

describe('the lexicon file', () => {
  it('has Vietnamese and English gambling, defacement and phishing terms, strong and weak', () => {
    const by = (category: string, strength: string) => lexicon.terms.filter((t) => t.category === category && t.strength === strength).map((t) => t.term);
    expect(by('gambling', 'strong')).toEqual(expect.arrayContaining(['nhà cái', 'nổ hũ', 'tài xỉu online', 'casino online']));
    expect(by('gambling', 'weak')).toEqual(expect.arrayContaining(['cá cược', 'casino', 'tài xỉu', 'slot']));
    expect(by('defacement', 'strong')).toEqual(expect.arrayContaining(['hacked by', 'bị hack bởi']));
    expect(by('phishing', 'strong')).toEqual(expect.arrayContaining(['đăng nhập để nhận thưởng', 'verify your account now']));
    expect(new Set(lexicon.terms.map((t) => t.term)).size).toBe(lexicon.terms.length);
  });

  it('refuses a malformed lexicon with the key named', () => {
    expect(() => parseDefacementLexicon({ categories: { Gambling: { label: 'x' } } })).toThrow(/categories\.Gambling|category id/);
    expect(() => parseDefacementLexicon({ categories: { gambling: { label: 'x', strong: 'nhà cái' } } })).toThrow(/strong/);
  });
});

describe('findTerms', () => {
  it('matches with or without diacritics, any case, across line breaks', () => {
    expect(terms('Nhà Cái uy tín hàng đầu')).toEqual(['nhà cái uy tín']);
    expect(terms('nha cai uy tin so 1, no hu doi thuong')).toEqual(['nhà cái uy tín', 'nổ hũ']);
    expect(terms('Link vào NỔ\n HŨ mới nhất')).toEqual(['nổ hũ']);
    expect(terms('HACKED BY Anonymous VN')).toEqual(['hacked by']);
    expect(terms('Đăng nhập để nhận thưởng 500k')).toEqual(['đăng nhập để nhận thưởng']);
  });

  it('does not match a different word that only folds the same', () => {
    // "cả cuộc đời" folds to "ca cuoc doi", like "cá cược"; "nhà cải" is not "nhà cái".
    expect(terms('Ông đã cống hiến cả cuộc đời cho quê hương')).toEqual([]);
    expect(terms('nhà cải tạo xong')).toEqual([]);
    // Mixed: one word with the right accents, the other typed bare, still counts.
    expect(terms('tổ chức cá cuoc trái phép')).toEqual(['cá cược']);
  });

  it('respects word boundaries, Vietnamese letters included', () => {
    expect(terms('slots and slotted')).toEqual([]);
    expect(terms('slot game đổi thưởng')).toEqual(['slot game']);
    expect(terms('đăng ký w88 ngay')).toEqual(['w88']);
    expect(terms('mã w889 của biểu mẫu')).toEqual([]);
    expect(terms('casinos')).toEqual([]);
    expect(terms('Quy định kinh doanh casino')).toEqual(['casino']);
  });

  it('reports the longest match once, with a snippet of the page', () => {
    const [match, ...rest] = findTerms('Trang này đã bị hack bởi nhóm XYZ. Hacked by XYZ team.', lexicon);
    expect(match).toMatchObject({ term: 'bị hack bởi', category: 'defacement', strength: 'strong' });
    expect(match.snippet).toContain('đã bị hack bởi nhóm XYZ');
    // "hacked" (weak) is part of "hacked by" (strong): not repeated.
    expect(rest.map((m) => m.term)).toEqual(['hacked by']);
  });
});

describe('which terms raise an incident', () => {
  it('strong terms anywhere; weak ones except inside the changing parts', () => {
    expect(raisesIncident('strong', 'changing')).toBe(true);
    expect(raisesIncident('weak', 'changing')).toBe(false);
    for (const place of ['stable', 'body', 'hidden', 'title', 'meta'] as const) expect(raisesIncident('weak', place)).toBe(true);
  });

  it('on a page seen for the first time, weak terms only in hidden text', () => {
    // A new article about a gambling crackdown is news, not spam (its headline is also its title).
    expect(termCounts({ strength: 'weak', place: 'body' }, true)).toBe(false);
    expect(termCounts({ strength: 'weak', place: 'title' }, true)).toBe(false);
    expect(termCounts({ strength: 'weak', place: 'title' }, false)).toBe(true);
    expect(termCounts({ strength: 'weak', place: 'hidden' }, true)).toBe(true);
    expect(termCounts({ strength: 'weak', place: 'body' }, false)).toBe(true);
    expect(termCounts({ strength: 'strong', place: 'body' }, true)).toBe(true);
  });
});
