/**
 * Date and number mentions in Vietnamese text, found on the syllable tokens of a PreparedText:
 * "ngày 14/10/2020", "14-10", "14.10.2020", "từ ngày 14 đến hết ngày 16/10/2020", "từ 25/1 đến 2/2/2021",
 * "ngày 14 tháng 10 năm 2020", "tháng 12", "tháng 6/2021", "tháng mười", and numbers written in digits
 * ("1.587", "66.000", "5,1 triệu") or in words ("ba trăm năm mươi", "năm mươi ba", "mười lăm").
 */
import { accentKey, TOK_DIGITS, tokenText, typedAccentKey, WORD, WORDS, type PreparedText, type Word } from './text.ts';

// Tokens are compared through their index in WORDS (p.tokWord, found while tokenising): no token
// string is built unless it is a number in digits.

/** Date keywords as written; a token with other diacritics is another word ("thắng" is not "tháng"). */
const KEYWORDS: Record<string, string> = Object.fromEntries(
  ['ngày', 'tháng', 'năm', 'đến', 'tới', 'hết', 'tận', 'từ'].map((w) => [
    accentKey(w)
      .key.replace(/\d$/, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd'),
    accentKey(w).key,
  ]),
);
/** The same, by index in WORDS. */
const KEYWORD_KEYS: Array<string | undefined> = WORDS.map((w) => KEYWORDS[w]);

const W_NGAY = WORD.ngay;
const W_THANG = WORD.thang;
const W_NAM = WORD.nam;
const W_DEN = WORD.den;
const W_TOI = WORD.toi;
const W_HET = WORD.het;
const W_TAN = WORD.tan;
const W_MUOI = WORD.muoi;
const W_TRAM = WORD.tram;
const W_LINH = WORD.linh;
const W_LE = WORD.le;

/** Token i is the keyword with index `w` in WORDS (and, when the token has diacritics, the same word). */
function kw(p: PreparedText, i: number, w: number): boolean {
  if (i >= p.count || p.tokWord[i] !== w) return false;
  const want = KEYWORD_KEYS[w];
  if (!want) return true;
  const typed = typedAccentKey(p, i);
  return typed === null || typed === want;
}

/** Index of token i in WORDS, or -1. */
function word(p: PreparedText, i: number): number {
  return p.tokWord[i];
}

/** Length of token i (folded characters). */
function tokLength(p: PreparedText, i: number): number {
  return p.tokEnd[i] - p.tokStart[i];
}

export interface DayDate {
  day?: number;
  month: number;
  year?: number;
}

export interface DateMention {
  /** Tokens (inclusive) of the whole mention. */
  tokFirst: number;
  tokLast: number;
  /** One date, or two for a range (start, end). Missing parts of a range start are taken from its end. */
  dates: DayDate[];
}

export interface NumberMention {
  tokFirst: number;
  tokLast: number;
  value: number;
  /** Written in words (less certain for single words such as "ba", "năm"). */
  words: boolean;
}

/** A value per word of WORDS (-1: none). */
function byWord(entries: Array<[Word, number]>): Float64Array {
  const out = new Float64Array(WORDS.length).fill(-1);
  for (const [w, v] of entries) out[WORD[w]] = v;
  return out;
}
const DIGIT_WORDS = byWord([
  ['khong', 0],
  ['mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['bon', 4],
  ['nam', 5],
  ['sau', 6],
  ['bay', 7],
  ['tam', 8],
  ['chin', 9],
]);
/** Variants used only after "mươi"/"mười": mốt (1), tư (4), lăm/nhăm (5). */
const AFTER_TENS = byWord([
  ['mot', 1],
  ['tu', 4],
  ['lam', 5],
  ['nham', 5],
]);
const MULTIPLIERS = byWord([
  ['nghin', 1000],
  ['ngan', 1000],
  ['trieu', 1_000_000],
]);
const MONTH_WORDS = byWord([
  ['gieng', 1],
  ['chap', 12],
]);
const DATE_PREFIX = byWord(
  (['ngay', 'tu', 'den', 'toi', 'sang', 'chieu', 'trua', 'toi', 'dem', 'hom', 'vao', 'truoc', 'sau', 'khoang', 'tra', 'het'] as Word[]).map((w) => [w, 1]),
);
/** Value of word index w in a byWord table (-1 for none, also when w is -1). */
function valueOf(table: Float64Array, w: number): number {
  return w >= 0 ? table[w] : -1;
}

/** Whitespace as String.prototype.trim sees it. */
function isTrimSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What separates token i from token i + 1, trimmed ("" for spaces only). */
function sep(p: PreparedText, i: number): string {
  const codes = p.codes;
  let s = p.tokEnd[i];
  let e = i + 1 < p.count ? p.tokStart[i + 1] : p.foldedLength;
  while (s < e && isTrimSpace(codes[s])) s++;
  while (e > s && isTrimSpace(codes[e - 1])) e--;
  if (s === e) return '';
  return e - s === 1 ? String.fromCharCode(codes[s]) : p.folded.slice(s, e);
}

function intToken(p: PreparedText, i: number): number | null {
  if (i >= p.count || !(p.tokFlags[i] & TOK_DIGITS)) return null;
  const codes = p.codes;
  const start = p.tokStart[i];
  const end = p.tokEnd[i];
  let value = 0;
  for (let k = start; k < end; k++) {
    const c = codes[k];
    if (c < 0x30 || c > 0x39) return null;
    value = value * 10 + (c - 0x30);
  }
  if (end - start > 15) return Number(tokenText(p, i));
  return end > start ? value : null;
}

/** Parses a number in digits or words at token i: [value, last token, words] or null. */
export function parseNumberAt(p: PreparedText, i: number): [number, number, boolean] | null {
  if (i >= p.count) return null;
  if (p.tokFlags[i] & TOK_DIGITS) {
    let value: number;
    const plain = intToken(p, i);
    if (plain !== null) value = plain;
    else {
      const t = tokenText(p, i);
      if (/^\d{1,3}(\.\d{3})+$/.test(t)) value = Number(t.replace(/\./g, ''));
      else if (/^\d+,\d+$/.test(t)) value = Number(t.replace(',', '.'));
      else return null;
    }
    let last = i;
    const mult = i + 1 < p.count ? valueOf(MULTIPLIERS, word(p, i + 1)) : -1;
    if (mult > 0 && !sep(p, i)) {
      value *= mult;
      last = i + 1;
    }
    return [value, last, false];
  }
  let total = 0;
  let current = 0;
  let pending: number | null = null;
  let afterTens = false;
  let last = -1;
  let j = i;
  for (; j < p.count; j++) {
    if (j > i && sep(p, j - 1)) break;
    const w = word(p, j);
    if (afterTens && pending === null && valueOf(AFTER_TENS, w) >= 0) {
      pending = valueOf(AFTER_TENS, w);
      afterTens = false;
    } else if (valueOf(DIGIT_WORDS, w) >= 0) {
      if (pending !== null) break;
      pending = valueOf(DIGIT_WORDS, w);
      afterTens = false;
    } else if (w === W_MUOI) {
      if (pending !== null) {
        current += pending * 10;
        pending = null;
      } else if (current % 100 === 0) current += 10;
      else break;
      afterTens = true;
    } else if (w === W_TRAM) {
      if (pending === null) break;
      current += pending * 100;
      pending = null;
      afterTens = false;
    } else if ((w === W_LINH || w === W_LE) && current > 0 && current % 100 === 0 && pending === null) {
      afterTens = false;
    } else if (valueOf(MULTIPLIERS, w) > 0 && (pending !== null || current > 0)) {
      total += (current + (pending ?? 0)) * valueOf(MULTIPLIERS, w);
      current = 0;
      pending = null;
      afterTens = false;
    } else break;
    last = j;
  }
  if (last < 0) return null;
  return [total + current + (pending ?? 0), last, true];
}

function validDay(d: number): boolean {
  return Number.isInteger(d) && d >= 1 && d <= 31;
}
function validMonth(m: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 12;
}
function normYear(y: number): number | undefined {
  if (y >= 1900 && y <= 2100) return y;
  if (y >= 0 && y < 100) return 2000 + y;
  return undefined;
}

// Dates are made with their final keys (no key added later: see explanation() in explanations.ts).
function dayDate(day: number, month: number, year: number | undefined): DayDate {
  return year === undefined ? { day, month } : { day, month, year };
}
function monthDate(month: number, year: number | undefined): DayDate {
  return year === undefined ? { month } : { month, year };
}

/** "D/M[/Y]" at token i (separators / - .); [date, last token] or null. */
function slashDate(p: PreparedText, i: number, prefixed: boolean): [DayDate, number] | null {
  const d = intToken(p, i);
  if (d === null || !validDay(d) || tokLength(p, i) > 2 || i + 1 >= p.count) return null;
  const s1 = sep(p, i);
  if (!(s1 === '/' || ((s1 === '-' || s1 === '.') && prefixed))) return null;
  const m = intToken(p, i + 1);
  if (m === null || !validMonth(m) || tokLength(p, i + 1) > 2) return null;
  if (i + 2 < p.count && sep(p, i + 1) === s1) {
    const y = intToken(p, i + 2);
    const len = tokLength(p, i + 2);
    if (y !== null && (len === 4 || len === 2)) {
      const year = normYear(y);
      if (year !== undefined) return [dayDate(d, m, year), i + 2];
    }
  }
  return [dayDate(d, m, undefined), i + 1];
}

/** A single date at token i: "D/M[/Y]", "ngày D tháng M [năm Y]", "tháng M[/Y]" (month only), "ngày D" (day only). */
function singleDate(p: PreparedText, i: number, allowDayOnly: boolean): [DayDate | { day: number; month: 0 }, number] | null {
  const prev = i > 0 ? word(p, i - 1) : -1;
  const prefixed = valueOf(DATE_PREFIX, prev) > 0 && (prev !== W_THANG || kw(p, i - 1, W_THANG));
  if (kw(p, i, W_NGAY)) {
    const num = parseNumberAt(p, i + 1);
    if (!num) return null;
    const [d, lastD] = num;
    if (!validDay(d)) return null;
    const slash = slashDate(p, i + 1, true);
    if (slash) return slash;
    const dm = monthOfDay(p, d, lastD);
    if (dm) return dm;
    if (allowDayOnly) return [{ day: d, month: 0 }, lastD];
    return null;
  }
  if (kw(p, i, W_THANG)) {
    const mnum = monthAt(p, i + 1);
    if (!mnum) return null;
    const [m, lastM] = mnum;
    const y = yearAfterSlash(p, lastM);
    if (y) return [monthDate(m, y), lastM + 1];
    if (kw(p, lastM + 1, W_NAM)) {
      const yy = intToken(p, lastM + 2);
      if (yy !== null && normYear(yy) !== undefined && tokLength(p, lastM + 2) === 4) return [monthDate(m, normYear(yy)), lastM + 2];
    }
    return [monthDate(m, undefined), lastM];
  }
  const slash = slashDate(p, i, prefixed);
  if (slash) return slash;
  // "14 tháng 10", "mười bốn tháng mười": a day and its month without "ngày" (a day in words ≥ 10,
  // so that "ba tháng" stays a duration)
  const num = parseNumberAt(p, i);
  if (num && validDay(num[0]) && (num[2] ? num[0] >= 10 : tokLength(p, i) <= 2)) {
    const dm = monthOfDay(p, num[0], num[1]);
    if (dm) return dm;
  }
  if (allowDayOnly) {
    const d = intToken(p, i);
    if (d !== null && validDay(d) && tokLength(p, i) <= 2) return [{ day: d, month: 0 }, i];
  }
  return null;
}

/** "<day> tháng M [năm Y | /Y]" after the day ending at token lastD. */
function monthOfDay(p: PreparedText, d: number, lastD: number): [DayDate, number] | null {
  if (!kw(p, lastD + 1, W_THANG)) return null;
  const mnum = monthAt(p, lastD + 2);
  if (!mnum) return null;
  const [m, lastM] = mnum;
  if (kw(p, lastM + 1, W_NAM)) {
    const y = intToken(p, lastM + 2);
    if (y !== null && normYear(y) !== undefined) return [dayDate(d, m, normYear(y)), lastM + 2];
  } else {
    const y = yearAfterSlash(p, lastM);
    if (y) return [dayDate(d, m, y), lastM + 1];
  }
  return [dayDate(d, m, undefined), lastM];
}

function monthAt(p: PreparedText, i: number): [number, number] | null {
  if (i >= p.count) return null;
  const month = valueOf(MONTH_WORDS, word(p, i));
  if (month > 0) return [month, i];
  const num = parseNumberAt(p, i);
  if (!num) return null;
  const [m, last, words] = num;
  if (!validMonth(m)) return null;
  if (!words && tokLength(p, i) > 2) return null;
  return [m, last];
}

function yearAfterSlash(p: PreparedText, i: number): number | undefined {
  if (i + 1 >= p.count || sep(p, i) !== '/') return undefined;
  const y = intToken(p, i + 1);
  return y !== null && tokLength(p, i + 1) === 4 ? normYear(y) : undefined;
}

/** Every date mention in a prepared text, in order. */
export function extractDates(p: PreparedText): DateMention[] {
  const out: DateMention[] = [];
  let i = 0;
  while (i < p.count) {
    const candidate =
      kw(p, i, W_NGAY) || kw(p, i, W_THANG) || (p.tokFlags[i] & TOK_DIGITS) !== 0 || word(p, i) === W_MUOI || (i + 1 < p.count && word(p, i + 1) === W_MUOI);
    if (!candidate) {
      i++;
      continue;
    }
    const first = singleDate(p, i, true);
    if (!first) {
      i++;
      continue;
    }
    const [start, last] = first;
    // Range: "<date> đến [hết] [ngày] <date>" or "<date> - <date>"
    let j = last + 1;
    let isRange = false;
    if (j < p.count && (kw(p, j, W_DEN) || kw(p, j, W_TOI))) {
      j++;
      // "đến hết ngày 16/10", "tới tận 9/2"
      if (kw(p, j, W_HET) || kw(p, j, W_TAN)) j++;
      isRange = true;
    } else if (j < p.count && (sep(p, last) === '-' || sep(p, last) === '–')) isRange = true;
    if (isRange) {
      const end = singleDate(p, j, false);
      if (end && end[0].month) {
        const e = end[0] as DayDate;
        const s: DayDate = { day: start.day, month: start.month || e.month, year: (start as DayDate).year ?? e.year };
        if (s.day !== undefined || s.month) {
          out.push({ tokFirst: i, tokLast: end[1], dates: [s, e] });
          i = end[1] + 1;
          continue;
        }
      }
    }
    if (start.month) out.push({ tokFirst: i, tokLast: last, dates: [start as DayDate] });
    i = last + 1;
  }
  return out;
}

/** Every number mention (digits, or words of two syllables or more / followed by a multiplier). */
export function extractNumbers(p: PreparedText): NumberMention[] {
  const out: NumberMention[] = [];
  let i = 0;
  while (i < p.count) {
    const w = word(p, i);
    const isDigit = (p.tokFlags[i] & TOK_DIGITS) !== 0;
    if (!isDigit && valueOf(DIGIT_WORDS, w) < 0 && w !== W_MUOI) {
      i++;
      continue;
    }
    const num = parseNumberAt(p, i);
    if (!num) {
      i++;
      continue;
    }
    const [value, last, words] = num;
    out.push({ tokFirst: i, tokLast: last, value, words });
    i = last + 1;
  }
  return out;
}

/** Compares a mentioned date with an inclusive ISO range; years default to the range's. */
export function dateWithin(date: DayDate, startIso: string, endIso: string): boolean {
  const [sy, sm, sd] = startIso.split('-').map(Number);
  const [ey, em, ed] = endIso.split('-').map(Number);
  const start = sy * 10000 + sm * 100 + sd;
  const end = ey * 10000 + em * 100 + ed;
  const years = date.year ? [date.year] : Array.from(new Set([sy, ey]));
  for (const y of years) {
    if (date.day === undefined) {
      const monthStart = y * 10000 + date.month * 100 + 1;
      const monthEnd = y * 10000 + date.month * 100 + 31;
      if (monthEnd >= start && monthStart <= end) return true;
    } else {
      const v = y * 10000 + date.month * 100 + date.day;
      if (v >= start && v <= end) return true;
    }
  }
  return false;
}

/**
 * A two-day mention is a part of the official span: both days inside it (the first from the start, the last to the end)
 * and not the span itself. "Ngày 30-31/1, Đại hội XIII đã tiến hành bầu …" of 26/1–3/2 dates two days of the event; a
 * range reaching outside it ("từ 25 tới 27/1") or a single day is no part in this sense.
 */
export function partOfPeriod(dates: readonly DayDate[], startIso: string, endIso: string): boolean {
  if (dates.length !== 2 || dates.some((d) => d.day === undefined || !dateWithin(d, startIso, endIso))) return false;
  const same = (d: DayDate, iso: string) => {
    const [y, m, day] = iso.split('-').map(Number);
    return d.month === m && d.day === day && (d.year === undefined || d.year === y);
  };
  return !(same(dates[0], startIso) && same(dates[1], endIso));
}

export function formatDayDate(d: DayDate): string {
  const parts = [d.day !== undefined ? String(d.day) : '', String(d.month), d.year ? String(d.year) : ''].filter(Boolean);
  return d.day === undefined ? `tháng ${parts.join('/')}` : parts.join('/');
}
