// The speed-ups of the NLP stage (syllable ids read while tokenising, one shared automaton pass,
// reused buffers) must give exactly what the plain paths give.
import { describe, expect, it } from 'vitest';
import { SyllableAutomaton, Vocabulary } from '../../pipeline/nlp/automaton.ts';
import { extractDates, extractNumbers } from '../../pipeline/nlp/extract.ts';
import { PhraseMatcher, PhraseSet } from '../../pipeline/nlp/lexicon.ts';
import { AbbreviationTable, AccentCache, canonSyllable } from '../../pipeline/nlp/stream.ts';
import { foldedSyllables, prepareText, TextBuffers, tokenText } from '../../pipeline/nlp/text.ts';
import { MatchBuffer } from '../../pipeline/nlp/automaton.ts';
import { classifier, devCorpus, stripDiacritics } from './helpers.ts';

const SAMPLES = [
  'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc ngày 14/10/2020, có 350 đại biểu.',
  'ĐẠI HỘI ĐẢNG BỘ TỈNH — nhiệm kì 2020-2025; thuỷ lợi, hoà giải, Quý, kỳ họp, KỲ HỌP, ky hop',
  'Xem https://example.com/dai-hoi-dang?x=1 và www.tin.vn/dai-hoi hoặc ban@tin.vn nhé!!! 😱🎉',
  'imǆewww.tin.vna.b@c.dỤỂẻ: URL after a word that is not \\w, e-mail after "www."',
  'Đại hội Đảng bộ tỉnh'.normalize('NFD') + ' mixed ' + 'hoãn'.normalize('NFD') + ' 1.587 người, 5,1 triệu',
  'ba trăm năm mươi đại biểu, mười lăm ủy viên; tháng mười hai; ngày mười bốn tháng mười',
  '',
  '   ',
  '“Một vị lãnh đạo cấp cao nói: “đại hội sẽ bị hoãn sang tháng 12” — share gấp!',
];

describe('syllable ids read while tokenising', () => {
  const vocabulary = new Vocabulary();
  const set = new PhraseSet<string>(vocabulary);
  for (const t of ['đại hội', 'đảng bộ tỉnh', 'nhiệm kỳ', 'kỳ họp', 'thủy lợi', 'hoãn', 'người', 'gia lai']) set.add(t, t);

  it('give the id of the canonical syllable (ky = ki), or -1', () => {
    for (const text of SAMPLES) {
      const p = prepareText(text, vocabulary.trie());
      for (let i = 0; i < p.count; i++) expect(p.tokSym[i], `${text} / ${p.tokText[i]}`).toBe(vocabulary.get(canonSyllable(p.tokText[i])));
    }
  });

  it('do not change tokens, folding, offsets or statistics', () => {
    for (const text of SAMPLES) {
      const plain = prepareText(text);
      const withIds = prepareText(text, vocabulary.trie(), new TextBuffers());
      for (const key of ['count', 'folded', 'letters', 'diacriticLetters', 'upperLetters'] as const) expect(withIds[key]).toEqual(plain[key]);
      expect(withIds.tokText).toEqual(plain.tokText);
      for (const key of ['tokStart', 'tokEnd', 'tokSent', 'tokClause', 'tokFlags', 'tokWord'] as const) {
        expect(Array.from(withIds[key].subarray(0, withIds.count))).toEqual(Array.from(plain[key].subarray(0, plain.count)));
      }
      for (let i = 0; i < plain.count; i++) expect(tokenText(withIds, i)).toBe(plain.tokText[i]);
    }
  });

  it('reused buffers give the same result as fresh ones, whatever came before', () => {
    const buffers = new TextBuffers();
    const order = [...SAMPLES, ...SAMPLES.slice().reverse(), 'x'.repeat(5000) + ' đại hội', ...SAMPLES];
    for (const text of order) {
      const fresh = prepareText(text, vocabulary.trie());
      const reused = prepareText(text, vocabulary.trie(), buffers);
      expect(reused.tokText).toEqual(fresh.tokText);
      expect(Array.from(reused.tokSym.subarray(0, reused.count))).toEqual(Array.from(fresh.tokSym.subarray(0, fresh.count)));
      expect(reused.origStart ? Array.from(reused.origStart) : null).toEqual(fresh.origStart ? Array.from(fresh.origStart) : null);
      expect(extractDates(reused)).toEqual(extractDates(fresh));
      expect(extractNumbers(reused)).toEqual(extractNumbers(fresh));
    }
  });

  it('skip URLs and e-mail addresses exactly where the URL pattern finds them', () => {
    expect(prepareText('imǆewww.tin.vna.b@c.d xong').tokText).toEqual(['imǆ', 'xong']);
    expect(prepareText('abc www.tin.vn/x de').tokText).toEqual(['abc', 'de']);
    expect(prepareText('Liên hệ: Ban.Tuyen-Giao@tinhuy.gialai.vn ngay').tokText).toEqual(['lien', 'he', 'ngay']);
    expect(prepareText('HTTPS://EXAMPLE.COM/A Đại hội').tokText).toEqual(['dai', 'hoi']);
    expect(prepareText('email@ không phải địa chỉ').tokText).toEqual(['email', 'khong', 'phai', 'dia', 'chi']);
  });
});

describe('one automaton pass for several phrase sets', () => {
  it('gives each set exactly what its own match gives, in the same order', () => {
    const vocabulary = new Vocabulary();
    const a = new PhraseSet<string>(vocabulary);
    const b = new PhraseSet<string>(vocabulary);
    for (const t of ['đại hội', 'đại hội đảng bộ', 'hội', 'đảng bộ tỉnh', 'hoãn', 'gia lai']) a.add(t, `a:${t}`);
    for (const t of ['đảng bộ', 'đại hội', 'tỉnh gia lai', 'người', 'hoàn', 'ban chấp hành']) b.add(t, `b:${t}`);
    const table = new AbbreviationTable(
      [
        { forms: ['ĐH', 'DH'], expansion: 'đại hội', match: 'folded' },
        { forms: ['BCH'], expansion: 'ban chấp hành', match: 'folded' },
      ],
      foldedSyllables,
    );
    table.bind(vocabulary);
    const shared = new PhraseMatcher([a, b], vocabulary);
    a.build();
    b.build();
    const raw = new MatchBuffer();
    for (const text of [...SAMPLES, 'ĐH đảng bộ tỉnh Gia Lai, BCH mới; dai hoi dang bo tinh gia lai hoan']) {
      for (const lenient of [false, true]) {
        const prepared = prepareText(text, vocabulary.trie());
        const stream = table.stream(prepared, vocabulary);
        const accents = new AccentCache(prepared);
        accents.lenient = lenient;
        shared.scan(stream, raw);
        expect(shared.hits(0, raw, stream, accents)).toEqual(a.match(stream, accents));
        expect(shared.hits(1, raw, stream, accents)).toEqual(b.match(stream, accents));
      }
    }
  });

  it('matches like a naive scan with a large vocabulary (sparse transitions)', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    const size = 20000;
    const patterns = Array.from({ length: 300 }, () => Array.from({ length: 1 + rand(3) }, () => rand(40)));
    const automaton = new SyllableAutomaton(size);
    patterns.forEach((p) => automaton.add(p));
    automaton.build();
    const text = Array.from({ length: 3000 }, () => (rand(12) === 0 ? -1 : rand(12) === 0 ? size + 5 : rand(40)));
    const got: string[] = [];
    automaton.match(text, text.length, (m) => got.push(`${m.pattern}@${m.first}`));
    const want: string[] = [];
    patterns.forEach((p, pi) => {
      for (let i = 0; i + p.length <= text.length; i++) if (p.every((s, k) => text[i + k] === s)) want.push(`${pi}@${i}`);
    });
    expect(got.sort()).toEqual(want.sort());
  });
});

describe('classifier with reused state', () => {
  it('classifies an item the same whatever items came before it', () => {
    const items = devCorpus().slice(0, 60);
    const first = items.map((it) => JSON.stringify(classifier().classify(it)));
    // other items in between (long, NFD, without diacritics), then the same items again, in reverse
    for (const it of items) classifier().classify({ title: stripDiacritics(it.title), text: `${it.text} ${it.text}`.normalize('NFD') });
    const again = items
      .slice()
      .reverse()
      .map((it) => JSON.stringify(classifier().classify(it)))
      .reverse();
    expect(again).toEqual(first);
  });

  it('gives explanation offsets into the exact strings passed in', () => {
    for (const it of devCorpus().slice(0, 40)) {
      for (const input of [it, { title: it.title.normalize('NFD'), text: `🎉 ${it.text.normalize('NFD')}` }]) {
        const c = classifier().classify(input);
        for (const e of c.explanations) expect((e.field === 'title' ? input.title : input.text).slice(e.start, e.end)).toBe(e.matched);
      }
    }
  });
});
