/**
 * Text preparation for matching: folding with an offset map back to the exact input string,
 * syllable tokenisation, sentence/clause boundaries, URL skipping and tone-placement-independent
 * accent keys. Pure functions, no I/O.
 *
 * The input string may be NFC, NFD (combining marks) or a mix. The folded string has one
 * character per *cluster* of the input (a base character plus its combining marks), so for NFC
 * input it is exactly as long as the input; `origStart` maps folded positions back to the input.
 */

const TABLE_SIZE = 0x3000;
/** Folded (lowercase, no diacritics, đ→d) code for BMP characters below TABLE_SIZE. */
const FOLD = new Uint16Array(TABLE_SIZE);
/** Lowercase letter with its vowel hat (â ă ê ô ơ ư đ) kept but without tone. */
const HAT = new Uint16Array(TABLE_SIZE);
/** Vietnamese tone of a precomposed letter: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
const TONE = new Uint8Array(TABLE_SIZE);
/** 1 letter, 2 digit, 4 combining mark, 8 has a diacritic (tone, hat or đ), 16 uppercase. */
const CLASS = new Uint8Array(TABLE_SIZE);

const C_LETTER = 1;
const C_DIGIT = 2;
const C_MARK = 4;
const C_DIACRITIC = 8;
const C_UPPER = 16;

const TONE_MARKS: Record<number, number> = { 0x301: 1, 0x300: 2, 0x309: 3, 0x303: 4, 0x323: 5 };
const HAT_MARKS = new Set([0x302, 0x306, 0x31b]);

(function buildTables() {
  for (let code = 0; code < TABLE_SIZE; code++) {
    const ch = String.fromCharCode(code);
    FOLD[code] = code;
    HAT[code] = code;
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (/\p{M}/u.test(ch)) {
      CLASS[code] = C_MARK;
      continue;
    }
    if (/\p{Nd}/u.test(ch)) {
      CLASS[code] = C_DIGIT;
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    let cls = C_LETTER;
    const lowerRaw = ch.toLowerCase();
    const lower = lowerRaw.length === 1 ? lowerRaw : ch;
    if (lower !== ch) cls |= C_UPPER;
    if (lower === 'đ') {
      FOLD[code] = 0x64; // d
      HAT[code] = 0x111; // đ
      CLASS[code] = cls | C_DIACRITIC;
      continue;
    }
    const nfd = lower.normalize('NFD');
    let base = '';
    let hat = '';
    let tone = 0;
    for (const part of nfd) {
      const cp = part.codePointAt(0)!;
      if (cp >= 0x300 && cp <= 0x36f) {
        if (TONE_MARKS[cp]) tone = TONE_MARKS[cp];
        else if (HAT_MARKS.has(cp)) hat += part;
        cls |= C_DIACRITIC;
      } else {
        base += part;
        hat += part;
      }
    }
    FOLD[code] = base.length === 1 ? base.charCodeAt(0) : lower.charCodeAt(0);
    const hatNfc = hat.normalize('NFC');
    HAT[code] = hatNfc.length === 1 ? hatNfc.charCodeAt(0) : lower.charCodeAt(0);
    TONE[code] = tone;
    CLASS[code] = cls;
  }
})();

function isMark(code: number): boolean {
  return code < TABLE_SIZE ? (CLASS[code] & C_MARK) !== 0 : code >= 0xfe20 && code <= 0xfe2f;
}

function classOf(code: number): number {
  if (code < TABLE_SIZE) return CLASS[code];
  if (code >= 0xd800 && code <= 0xdfff) return 0; // astral (emoji and the like): separators
  if (code >= 0x3000 && code <= 0x303f) return 0; // CJK punctuation
  if (code >= 0xfe00 && code <= 0xfe0f) return C_MARK; // variation selectors
  const ch = String.fromCharCode(code);
  if (/\p{L}/u.test(ch)) return C_LETTER;
  if (/\p{Nd}/u.test(ch)) return C_DIGIT;
  if (/\p{M}/u.test(ch)) return C_MARK;
  return 0;
}

/** After a "." only a group of exactly three digits continues a number (1.587); after "," any digits (8,5). */
function digitGroupAt(text: string, at: number, thousands: boolean): boolean {
  let k = at;
  while (k < text.length && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x39) k++;
  const len = k - at;
  if (!thousands) return len > 0;
  return len === 3 && !(k < text.length && (classOf(text.charCodeAt(k)) & C_LETTER));
}

/** Characters that end a sentence (for windows and fact checks). */
const SENTENCE_END = new Set(['.', '!', '?', ';', '\n', '…', '。']);
/** Characters that end a clause (a phrase never spans them). */
const CLAUSE_END = new Set([',', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»', '|', '—', '–', '\u2022', '\'', '‘', '’']);

/** 1: ends a sentence, 2: ends a clause (for codes below TABLE_SIZE). */
const BREAK = new Uint8Array(TABLE_SIZE);
for (const ch of SENTENCE_END) if (ch.charCodeAt(0) < TABLE_SIZE) BREAK[ch.charCodeAt(0)] = 1;
for (const ch of CLAUSE_END) if (ch.charCodeAt(0) < TABLE_SIZE) BREAK[ch.charCodeAt(0)] = 2;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"“”]+|\b[\w.+-]+@[\w-]+\.[\w.-]+/giu;

export interface PreparedText {
  /** The exact string passed in. */
  original: string;
  /** Lowercase, diacritic-free form: one char per input cluster. */
  folded: string;
  /** origStart[i] = offset in `original` of folded char i; length folded.length + 1. Null = identity. */
  origStart: Int32Array | null;
  /** Number of tokens. */
  count: number;
  /** Token boundaries in folded coordinates: [tokStart[i], tokEnd[i]). */
  tokStart: Int32Array;
  tokEnd: Int32Array;
  /** Folded text of each token. */
  tokText: string[];
  /** Sentence index of each token. */
  tokSent: Int32Array;
  /** Clause index of each token (a clause never spans a sentence). */
  tokClause: Int32Array;
  /** Bit 1: token is all digits; bit 2: token has a diacritic; bit 4: token is all uppercase (≥ 2 letters). */
  tokFlags: Uint8Array;
  /** Letters in tokens, letters carrying a Vietnamese diacritic, uppercase letters. */
  letters: number;
  diacriticLetters: number;
  upperLetters: number;
}

export const TOK_DIGITS = 1;
export const TOK_DIACRITIC = 2;
export const TOK_UPPER = 4;

let decoder: TextDecoder | null = null;
function codesToString(codes: Uint16Array, length: number): string {
  decoder ??= new TextDecoder('utf-16le');
  return decoder.decode(codes.subarray(0, length));
}

/** Folds `text` to a lowercase diacritic-free form with an offset map (see PreparedText). */
export function foldWithMap(text: string): { folded: string; origStart: Int32Array | null } {
  const n = text.length;
  let hasMarks = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c <= 0x36f || (c >= 0xfe20 && c <= 0xfe2f))) {
      hasMarks = true;
      break;
    }
  }
  const out = new Uint16Array(n);
  if (!hasMarks) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      out[i] = c < TABLE_SIZE ? FOLD[c] : c;
    }
    return { folded: codesToString(out, n), origStart: null };
  }
  const map = new Int32Array(n + 1);
  let j = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    i++;
    while (i < n && isMark(text.charCodeAt(i))) i++;
    let folded = c;
    if (c < TABLE_SIZE && !isMark(c)) folded = FOLD[c];
    else if (isMark(c)) folded = 0x20; // stray mark with no base: a separator
    out[j] = folded;
    map[j] = start;
    j++;
  }
  map[j] = n;
  return { folded: codesToString(out, j), origStart: map.slice(0, j + 1) };
}

/** Tokenises `text` into syllables (runs of letters/digits; digits may contain . or , between digits). */
export function prepareText(text: string): PreparedText {
  const { folded, origStart } = foldWithMap(text);
  const n = folded.length;
  // URL/e-mail ranges (in folded coordinates) are skipped.
  const skip: Array<[number, number]> = [];
  if (folded.indexOf('http') >= 0 || folded.indexOf('www.') >= 0 || folded.indexOf('@') >= 0) {
    URL_RE.lastIndex = 0;
    for (const m of folded.matchAll(URL_RE)) skip.push([m.index!, m.index! + m[0].length]);
  }
  const cap = Math.max(16, (n >> 2) + 1);
  let tokStart = new Int32Array(cap);
  let tokEnd = new Int32Array(cap);
  let tokSent = new Int32Array(cap);
  let tokClause = new Int32Array(cap);
  let tokFlags = new Uint8Array(cap);
  const tokText: string[] = [];
  let count = 0;
  let sent = 0;
  let clause = 0;
  let pendingSent = false;
  let pendingClause = false;
  let letters = 0;
  let diacriticLetters = 0;
  let upperLetters = 0;
  let skipIdx = 0;
  let i = 0;
  while (i < n) {
    if (skipIdx < skip.length && i >= skip[skipIdx][0]) {
      i = skip[skipIdx][1];
      skipIdx++;
      pendingClause = true;
      continue;
    }
    const c = folded.charCodeAt(i);
    const cls = c < TABLE_SIZE ? CLASS[c] : classOf(c);
    if ((cls & (C_LETTER | C_DIGIT)) === 0) {
      const b = c < TABLE_SIZE ? BREAK[c] : SENTENCE_END.has(folded[i]) ? 1 : CLAUSE_END.has(folded[i]) ? 2 : 0;
      if (b === 1) pendingSent = true;
      else if (b === 2) pendingClause = true;
      i++;
      continue;
    }
    const start = i;
    let allDigits = true;
    let tokLetters = 0;
    let tokUpper = 0;
    let tokDiacritic = false;
    while (i < n) {
      const cc = folded.charCodeAt(i);
      const k = cc < TABLE_SIZE ? CLASS[cc] : classOf(cc);
      if (k & (C_LETTER | C_DIGIT)) {
        if (k & C_LETTER) {
          allDigits = false;
          tokLetters++;
        }
        i++;
        continue;
      }
      if (k & C_MARK) {
        i++;
        continue;
      }
      // 66.000 / 8,5 / 1.587: a . or , between digits stays in the number
      if ((cc === 0x2e || cc === 0x2c) && allDigits && i > start && digitGroupAt(folded, i + 1, cc === 0x2e)) {
        i++;
        continue;
      }
      break;
    }
    if (skipIdx < skip.length && i > skip[skipIdx][0]) i = Math.min(i, skip[skipIdx][0]);
    if (i === start) {
      i++;
      continue;
    }
    // Letter statistics from the original characters.
    const oStart = origStart ? origStart[start] : start;
    const oEnd = origStart ? origStart[i] : i;
    for (let p = oStart; p < oEnd; p++) {
      const oc = text.charCodeAt(p);
      if (oc >= TABLE_SIZE) continue;
      const k = CLASS[oc];
      if (k & C_MARK) {
        tokDiacritic = true;
        diacriticLetters++;
      } else if (k & C_LETTER) {
        if (k & C_DIACRITIC) {
          tokDiacritic = true;
          diacriticLetters++;
        }
        if (k & C_UPPER) tokUpper++;
      }
    }
    letters += tokLetters;
    upperLetters += tokUpper;
    if (count === tokStart.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
      tokStart = grow(tokStart);
      tokEnd = grow(tokEnd);
      tokSent = grow(tokSent);
      tokClause = grow(tokClause);
      tokFlags = grow(tokFlags);
    }
    if (pendingSent && count > 0) {
      sent++;
      clause++;
    } else if (pendingClause && count > 0) clause++;
    pendingSent = false;
    pendingClause = false;
    tokStart[count] = start;
    tokEnd[count] = i;
    tokSent[count] = sent;
    tokClause[count] = clause;
    tokFlags[count] =
      (allDigits ? TOK_DIGITS : 0) | (tokDiacritic ? TOK_DIACRITIC : 0) | (tokLetters >= 2 && tokUpper === tokLetters ? TOK_UPPER : 0);
    tokText.push(folded.slice(start, i));
    count++;
  }
  return {
    original: text,
    folded,
    origStart,
    count,
    tokStart,
    tokEnd,
    tokText,
    tokSent,
    tokClause,
    tokFlags,
    letters,
    diacriticLetters,
    upperLetters,
  };
}

/** Offset in the original string of folded position `pos`. */
export function toOriginal(prepared: PreparedText, pos: number): number {
  return prepared.origStart ? prepared.origStart[pos] : pos;
}

/** Original [start, end) of tokens first..last (inclusive). */
export function tokenSpan(prepared: PreparedText, first: number, last: number): [number, number] {
  return [toOriginal(prepared, prepared.tokStart[first]), toOriginal(prepared, prepared.tokEnd[last])];
}

/**
 * Accent key of a syllable: the letters with their vowel hats (â ă ê ô ơ ư đ) plus a tone digit.
 * It does not depend on where the tone mark was placed (hoà = hòa, thuỷ = thủy, qúy = quý) nor on
 * NFC/NFD. `bare` is true when the syllable carries no diacritic at all.
 */
export function accentKey(syllable: string): { key: string; bare: boolean } {
  const s = syllable.normalize('NFC');
  let hat = '';
  let tone = 0;
  let bare = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < TABLE_SIZE) {
      const k = CLASS[c];
      if (k & C_MARK) {
        const t = TONE_MARKS[c];
        if (t) tone = t;
        bare = false;
        continue;
      }
      if (k & C_DIACRITIC) bare = false;
      hat += String.fromCharCode(HAT[c]);
      if (TONE[c]) tone = TONE[c];
    } else hat += s[i].toLowerCase();
  }
  return { key: `${hat}${tone}`, bare };
}

/** Folds a lexicon phrase into its syllables (lowercase, no diacritics). */
export function foldedSyllables(phrase: string): string[] {
  const p = prepareText(phrase);
  return p.tokText.slice();
}

/** Syllables of a lexicon phrase as written (NFC), for accent verification. */
export function writtenSyllables(phrase: string): string[] {
  const p = prepareText(phrase);
  const out: string[] = [];
  for (let i = 0; i < p.count; i++) {
    const [s, e] = tokenSpan(p, i, i);
    out.push(phrase.slice(s, e));
  }
  return out;
}

/** Share of letters carrying a Vietnamese diacritic. Accented Vietnamese prose is ~0.2–0.35. */
export function diacriticRatio(prepared: Pick<PreparedText, 'letters' | 'diacriticLetters'>): number {
  return prepared.letters ? prepared.diacriticLetters / prepared.letters : 0;
}

/** Text typed without diacritics: enough letters and (almost) none of them marked. */
export function isWithoutDiacritics(text: string): boolean {
  const p = prepareText(text);
  return p.letters >= 12 && diacriticRatio(p) < 0.02;
}
