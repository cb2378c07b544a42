import { describe, expect, it } from 'vitest';
import { shortenAtWord, toNfc } from '../../core/text.ts';
import { foldVietnamese } from '../../pipeline/nlp/fold.ts';
import { canonAccentKey, canonSyllable } from '../../pipeline/nlp/stream.ts';
import {
  accentKey,
  foldedSyllables,
  foldWithMap,
  isWithoutDiacritics,
  joinAbbreviatedNames,
  phraseAt,
  prepareText,
  sentenceTokens,
  tokenSpan,
  wordsAt,
} from '../../pipeline/nlp/text.ts';
import { ABBREVIATED_NAMES, NAME_PREFIXES, stripDiacritics } from './helpers.ts';

describe('fold.ts (kept semantics)', () => {
  it('toNfc composes decomposed input', () => {
    const nfd = 'Đại hội'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Đại hội'.length);
    expect(toNfc(nfd)).toBe('Đại hội');
  });
  it('foldVietnamese lowercases, strips diacritics, maps đ→d and keeps the NFC length', () => {
    const s = 'ĐẠI HỘI Đảng bộ tỉnh Gia Lai lần thứ XVI';
    expect(foldVietnamese(s)).toBe('dai hoi dang bo tinh gia lai lan thu xvi');
    expect(foldVietnamese(s).length).toBe(s.length);
  });
});

describe('foldWithMap / prepareText', () => {
  it('gives the same folded text and tokens for NFC and NFD input', () => {
    const nfc = 'Đại hội Đảng bộ tỉnh Gia Lai khai mạc';
    const a = prepareText(nfc);
    const b = prepareText(nfc.normalize('NFD'));
    expect(b.folded).toBe(a.folded);
    expect(b.tokText).toEqual(a.tokText);
    expect(a.origStart).toBeNull();
    expect(b.origStart).not.toBeNull();
  });

  it('maps token offsets back into the exact NFD string', () => {
    const nfd = 'Tin: Đại hội Đảng bộ tỉnh'.normalize('NFD');
    const p = prepareText(nfd);
    const i = p.tokText.indexOf('dang');
    const [s, e] = tokenSpan(p, i, i + 1);
    expect(nfd.slice(s, e).normalize('NFC')).toBe('Đảng bộ');
  });

  it('maps offsets correctly after emojis (surrogate pairs)', () => {
    const text = '🎉🎉 Chúc mừng 😱 Đại hội';
    const p = prepareText(text);
    const i = p.tokText.indexOf('dai');
    const [s, e] = tokenSpan(p, i, i + 1);
    expect(text.slice(s, e)).toBe('Đại hội');
    expect(p.tokText).toEqual(['chuc', 'mung', 'dai', 'hoi']);
  });

  it('handles mixed NFC/NFD text', () => {
    const mixed = `Đại ${'hội'.normalize('NFD')} Đảng`;
    const p = prepareText(mixed);
    expect(p.tokText).toEqual(['dai', 'hoi', 'dang']);
    const [s, e] = tokenSpan(p, 1, 2);
    expect(mixed.slice(s, e).normalize('NFC')).toBe('hội Đảng');
  });

  it('drops URLs and e-mail addresses', () => {
    const p = prepareText('Xem https://example.com/dai-hoi-dang?x=1 và www.tin.vn/dai-hoi hoặc ban@tin.vn nhé');
    expect(p.tokText).toEqual(['xem', 'va', 'hoac', 'nhe']);
  });

  it('ignores whitespace and punctuation noise, but records sentence and clause breaks', () => {
    const p = prepareText('  Đại   hội,\t\tđảng bộ!!!  Xong\n\nrồi ');
    expect(p.tokText).toEqual(['dai', 'hoi', 'dang', 'bo', 'xong', 'roi']);
    expect(p.tokClause[1]).not.toBe(p.tokClause[2]);
    expect(p.tokSent[2]).toBe(p.tokSent[1]);
    expect(p.tokSent[4]).toBe(p.tokSent[3] + 1);
  });

  it('a dot after an abbreviation that heads a name (config/abbreviations.yaml) ends no token sentence', () => {
    for (const [text, count] of ABBREVIATED_NAMES)
      for (const t of [text, text.normalize('NFD'), stripDiacritics(text)]) {
        const p = prepareText(t);
        joinAbbreviatedNames(p, NAME_PREFIXES);
        expect(p.tokSent[p.count - 1] + 1, t).toBe(count);
      }
  });

  it("finds each sentence's tokens, after abbreviations joined sentences too", () => {
    for (const text of ['Đại hội họp 3 ngày. Không phải 1 ngày! Bế mạc ở TP. Pleiku hôm nay? Hết', 'Một', ''])
      for (const t of [text, stripDiacritics(text)]) {
        const p = prepareText(t);
        joinAbbreviatedNames(p, NAME_PREFIXES);
        const last = p.count ? p.tokSent[p.count - 1] : -1;
        const seen: number[] = [];
        for (let s = 0; s <= last + 1; s++) {
          const [first, end] = sentenceTokens(p, s);
          for (let k = first; k < end; k++) expect(p.tokSent[k], `${t} #${s}`).toBe(s);
          if (first > 0 && first < p.count) expect(p.tokSent[first - 1]).toBeLessThan(s);
          if (end < p.count) expect(p.tokSent[end]).toBeGreaterThan(s);
          for (let k = first; k < end; k++) seen.push(k);
        }
        expect(seen).toEqual([...Array(p.count).keys()]);
      }
    const p = prepareText('Một hai. Ba bốn năm.');
    expect(sentenceTokens(p, 1)).toEqual([2, 5]);
    expect(sentenceTokens(p, 5)).toEqual([5, 5]);
  });

  it('keeps thousands separators and decimals inside numbers', () => {
    const p = prepareText('có 1.587 đại biểu, 5,1 triệu đảng viên; 14/10/2020');
    expect(p.tokText).toEqual(['co', '1.587', 'dai', 'bieu', '5,1', 'trieu', 'dang', 'vien', '14', '10', '2020']);
  });

  it('counts diacritic letters to tell typed-without-diacritics text', () => {
    expect(isWithoutDiacritics('dai hoi dang bo tinh gia lai lan thu XVI thanh cong')).toBe(true);
    expect(isWithoutDiacritics('Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI thành công')).toBe(false);
  });

  it('folds NFD input to the same string as NFC', () => {
    const s = 'Thuỷ lợi, hoà giải, Quý';
    expect(foldWithMap(s.normalize('NFD')).folded).toBe(foldWithMap(s).folded);
  });
});

describe('accent keys', () => {
  it('do not depend on tone placement', () => {
    expect(accentKey('hoà').key).toBe(accentKey('hòa').key);
    expect(accentKey('thuỷ').key).toBe(accentKey('thủy').key);
    expect(accentKey('quý').key).toBe(accentKey('qúy').key);
    expect(accentKey('khoá').key).toBe(accentKey('khóa').key);
  });
  it('do not depend on NFC/NFD or case', () => {
    expect(accentKey('ĐẢNG'.normalize('NFD')).key).toBe(accentKey('đảng').key);
  });
  it('tell different words apart', () => {
    expect(accentKey('đảng').key).not.toBe(accentKey('đang').key);
    expect(accentKey('hoãn').key).not.toBe(accentKey('hoàn').key);
    expect(accentKey('bán').key).not.toBe(accentKey('ban').key);
    expect(accentKey('dang').bare).toBe(true);
    expect(accentKey('đang').bare).toBe(false);
  });
  it('treat i/y spelling variants after a consonant as one syllable (kỳ/kì, lý/lí)', () => {
    expect(canonSyllable('ky')).toBe('ki');
    expect(canonSyllable('quy')).toBe('quy');
    expect(canonSyllable('tay')).toBe('tay');
    expect(canonAccentKey('kỳ').key).toBe(canonAccentKey('kì').key);
  });
});

describe('wordsAt / phraseAt (phrases read on the tokens)', () => {
  const p = prepareText('Hội nghị Trung ương lần thứ Hai, khóa XIII; Kỳ họp thứ nhất');
  it('compare folded syllables at a token, within the text', () => {
    expect(wordsAt(p, 2, foldedSyllables('trung ương'))).toBe(true);
    expect(wordsAt(p, 1, foldedSyllables('trung ương'))).toBe(false);
    expect(wordsAt(p, -1, ['hoi'])).toBe(false);
    expect(wordsAt(p, p.count - 1, ['nhat', 'nua'])).toBe(false);
  });
  it('read a token in canonical spelling only when asked (ky as ki)', () => {
    const ki = foldedSyllables('kì họp');
    const at = p.tokText.indexOf('ky');
    expect(wordsAt(p, at, ki)).toBe(false);
    expect(wordsAt(p, at, ki, true)).toBe(true);
  });
  it('give the length of the first phrase that matches inside its clause', () => {
    const phrases = [foldedSyllables('lần thứ hai khóa'), foldedSyllables('lần thứ'), foldedSyllables('lần')];
    const at = p.tokText.indexOf('lan');
    expect(phraseAt(p, at, phrases)).toBe(2);
    expect(phraseAt(p, at + 2, [foldedSyllables('hai khóa')])).toBe(0);
    expect(phraseAt(p, at + 3, [foldedSyllables('khóa xiii')])).toBe(2);
    expect(phraseAt(p, 0, phrases)).toBe(0);
  });
});

describe('shortenAtWord (titles and snippets in lists)', () => {
  it('keeps short text whole and cuts long text at a word with an ellipsis', () => {
    expect(shortenAtWord('Đại hội khai mạc', 80)).toBe('Đại hội khai mạc');
    const title = 'Chia sẻ gấp trước khi bị xóa: danh sách nhân sự khóa mới, bấm nút chia sẻ ngay kẻo không kịp xem';
    const short = shortenAtWord(title, 80);
    expect(short.length).toBeLessThanOrEqual(80);
    expect(short.endsWith('…')).toBe(true);
    // Every word kept is a whole word of the title.
    const words = short.slice(0, -1).split(' ');
    expect(title.startsWith(words.join(' ') + ' ')).toBe(true);
  });

  it('drops a dangling separator and cuts a single long token where it must', () => {
    expect(shortenAtWord('Tin nóng — đại hội tỉnh lùi lịch sang tuần sau', 15)).toBe('Tin nóng…');
    expect(shortenAtWord('Tin từ Văn phòng Tỉnh ủy. Chia sẻ ngay', 27)).toBe('Tin từ Văn phòng Tỉnh ủy…');
    const url = 'https://example.vn/' + 'a'.repeat(100);
    expect(shortenAtWord(url, 40)).toBe(url.slice(0, 39) + '…');
  });
});
