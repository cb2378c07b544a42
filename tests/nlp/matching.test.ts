import { describe, expect, it } from 'vitest';
import { SyllableAutomaton, Vocabulary } from '../../pipeline/nlp/automaton.ts';
import { PhraseSet } from '../../pipeline/nlp/lexicon.ts';
import { AbbreviationTable, AccentCache } from '../../pipeline/nlp/stream.ts';
import { foldedSyllables, prepareText } from '../../pipeline/nlp/text.ts';

function matcher(terms: string[], abbreviations: Array<{ forms: string[]; expansion: string; match?: 'folded' | 'exact' }> = []) {
  const vocabulary = new Vocabulary();
  const set = new PhraseSet<string>(vocabulary);
  for (const t of terms) set.add(t, t);
  set.build();
  const table = new AbbreviationTable(
    abbreviations.map((a) => ({ match: 'folded' as const, ...a })),
    foldedSyllables,
  );
  return (text: string, lenient = false) => {
    const prepared = prepareText(text);
    const stream = table.stream(prepared, vocabulary);
    const accents = new AccentCache(prepared);
    accents.lenient = lenient;
    return set.match(stream, accents).map((h) => {
      const s = prepared.tokStart[h.tokFirst];
      return {
        term: h.spec.data,
        matched: text.slice(
          prepared.origStart ? prepared.origStart[s] : s,
          prepared.origStart ? prepared.origStart[prepared.tokEnd[h.tokLast]] : prepared.tokEnd[h.tokLast],
        ),
      };
    });
  };
}

describe('SyllableAutomaton', () => {
  it('finds every occurrence of every pattern, like a naive scan', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const patterns = Array.from({ length: 40 }, () => Array.from({ length: 1 + rand(3) }, () => rand(6)));
    const automaton = new SyllableAutomaton(6);
    patterns.forEach((p) => automaton.add(p));
    automaton.build();
    const text = Array.from({ length: 400 }, () => (rand(10) === 0 ? -1 : rand(6)));
    const got: string[] = [];
    automaton.match(text, text.length, (m) => got.push(`${m.pattern}@${m.first}`));
    const want: string[] = [];
    patterns.forEach((p, pi) => {
      for (let i = 0; i + p.length <= text.length; i++) if (p.every((s, k) => text[i + k] === s)) want.push(`${pi}@${i}`);
    });
    expect(got.sort()).toEqual(want.sort());
  });
});

describe('term matching', () => {
  const match = matcher(
    ['đại hội', 'đảng bộ', 'hội', 'đại hội đảng bộ tỉnh gia lai', 'hoãn', 'nhiệm kỳ', 'thủy lợi'],
    [{ forms: ['ĐH', 'DH'], expansion: 'đại hội' }],
  );

  it('matches whole syllables only', () => {
    expect(match('Hội nghị').map((m) => m.term)).toEqual(['hội']);
    expect(
      match('Đại hội')
        .map((m) => m.term)
        .sort(),
    ).toEqual(['hội', 'đại hội']);
    // "hội" must not match inside other syllables
    expect(match('Giải thưởng Hồi ký, hộinghị').map((m) => m.term)).toEqual([]);
  });

  it('matches accented and upper-case text with any tone placement', () => {
    expect(match('ĐẠI HỘI ĐẢNG BỘ TỈNH GIA LAI').map((m) => m.term)).toContain('đại hội đảng bộ tỉnh gia lai');
    expect(match('Công trình thuỷ lợi').map((m) => m.term)).toContain('thủy lợi');
    expect(match('nhiệm kì mới').map((m) => m.term)).toContain('nhiệm kỳ');
  });

  it('matches text typed without diacritics', () => {
    const got = match('ae oi dai hoi dang bo tinh gia lai nam nay', true).map((m) => m.term);
    expect(got).toContain('đại hội đảng bộ tỉnh gia lai');
  });

  it('does not confuse words that differ only by diacritics in accented text', () => {
    expect(match('Tỉnh đang hoàn thành kế hoạch').map((m) => m.term)).toEqual([]);
    expect(match('Đại hội bị hoãn').map((m) => m.term)).toContain('hoãn');
  });

  it('reads a syllable the lexicon writes without marks as a word of its own in accented text', () => {
    const m = matcher(['người làm trong', 'cho xin', 'tin nội bộ', 'do']);
    const terms = (text: string, lenient = false) => m(text, lenient).map((h) => h.term);
    // "trong" is not "trọng", "cho" not "chờ" / "chợ", "do" not "đó", where the text has diacritics
    expect(terms('Ông ấy là người làm trọng tài cho giải.')).toEqual([]);
    expect(terms('Bà con chờ xin ý kiến, hàng ở chợ xin đổi.')).toEqual([]);
    expect(terms('Chuyện đó ai cũng biết, tín nội bộ.')).toEqual([]);
    expect(terms('Có người làm trong Tỉnh ủy cho xin tin nội bộ do ai đưa.')).toEqual(['người làm trong', 'cho xin', 'tin nội bộ', 'do']);
    // text typed without diacritics (or a clause of it) still matches any accents
    expect(terms('nguoi lam trong ban to chuc cho xin tin noi bo', true)).toEqual(['người làm trong', 'cho xin', 'tin nội bộ']);
    expect(terms('Đại hội đã xong, nghe noi nguoi lam trong ban to chuc')).toEqual(['người làm trong']);
  });

  it('expands abbreviations before matching, with offsets on the abbreviation', () => {
    const got = match('ĐH đảng bộ tỉnh Gia Lai xong rồi');
    const full = got.find((m) => m.term === 'đại hội đảng bộ tỉnh gia lai');
    expect(full?.matched).toBe('ĐH đảng bộ tỉnh Gia Lai');
    expect(match('dh xiii').map((m) => m.term)).toContain('đại hội');
  });

  it('checks the accents of an expansion as it is written ("bầu BCH" is "bầu Ban", not "bầu bán")', () => {
    const m = matcher(
      ['bầu bán', 'bầu ban chấp hành', 'không được'],
      [
        { forms: ['BCH'], expansion: 'Ban Chấp hành' },
        { forms: ['ko'], expansion: 'không' },
        { forms: ['dc'], expansion: 'duoc' },
      ],
    );
    const terms = (text: string, lenient = false) => m(text, lenient).map((h) => h.term);
    expect(terms('Đại hội bầu BCH khóa mới')).toEqual(['bầu ban chấp hành']);
    expect(terms('dai hoi bau BCH khoa moi', true)).toEqual(['bầu ban chấp hành']);
    expect(terms('chuyện bầu bán ở đây')).toEqual(['bầu bán']);
    // an expansion written without accents matches any
    expect(terms('ko dc đâu')).toEqual(['không được']);
  });

  it('does not let a phrase span a clause break', () => {
    expect(match('Đại hội, đảng bộ').map((m) => m.term)).not.toContain('đại hội đảng bộ tỉnh gia lai');
    expect(match('Đại. Hội').map((m) => m.term)).toEqual(['hội']);
  });
});

describe('abbreviation table', () => {
  const abbr = (text: string) => {
    const vocabulary = new Vocabulary();
    const table = new AbbreviationTable(
      [
        { forms: ['BCH TW', 'BCH TƯ'], expansion: 'Ban Chấp hành Trung ương', match: 'folded' },
        { forms: ['BCH'], expansion: 'Ban Chấp hành', match: 'folded' },
        { forms: ['BCT'], expansion: 'Bộ Chính trị', match: 'folded' },
        { forms: ['ko', 'k'], expansion: 'không', match: 'folded' },
        { forms: ['dc', 'đc'], expansion: 'được', match: 'folded' },
        { forms: ['j'], expansion: 'gì', match: 'exact' },
        { forms: ['tks'], expansion: 'cảm ơn', match: 'folded' },
        { forms: ['vs'], expansion: 'với', match: 'folded' },
        { forms: ['r'], expansion: 'rồi', match: 'exact' },
      ],
      foldedSyllables,
    );
    return table.stream(prepareText(text), vocabulary).text.filter(Boolean).join(' ');
  };
  it('expands the longest form first', () => {
    expect(abbr('BCH TW khóa mới')).toBe('ban chap hanh trung uong khoa moi');
    expect(abbr('BCH tỉnh')).toBe('ban chap hanh tinh');
    expect(abbr('BCT họp')).toBe('bo chinh tri hop');
  });
  it('expands teencode', () => {
    expect(abbr('ko biết j, đc ko, tks mn, đi vs bạn r')).toBe('khong biet gi duoc khong cam on mn di voi ban roi');
    expect(abbr('k tin thì thôi')).toBe('khong tin thi thoi');
  });
  it('respects exact-case forms', () => {
    expect(abbr('J. Smith')).toBe('j smith');
    expect(abbr('R nói')).toBe('r noi');
  });
});
