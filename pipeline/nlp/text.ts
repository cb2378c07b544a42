/**
 * Text preparation for matching: folding with an offset map back to the exact input string,
 * syllable tokenisation, sentence/clause boundaries, URL skipping and tone-placement-independent
 * accent keys. Pure functions, no I/O.
 *
 * The input string may be NFC, NFD (combining marks) or a mix. The folded string has one
 * character per *cluster* of the input (a base character plus its combining marks), so for NFC
 * input it is exactly as long as the input; `origStart` maps folded positions back to the input.
 *
 * Speed: the text is folded into a buffer of character codes and tokenised in one pass over it.
 * While a syllable is read, a character-level trie (`SyllableTrie`) is walked at the same time, so
 * every syllable gets its vocabulary id (and its id among the date/number words that extract.ts
 * looks for) without a substring being made. The folded string and the syllable strings are only
 * built when asked for (`folded`, `tokText`, `tokenText`).
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
/**
 * 1 when a character is, on its own, already NFC and cannot combine with a neighbour under NFC
 * (Latin letters, digits and punctuation, the Vietnamese precomposed letters): a run of such
 * characters is NFC as it stands, so accent keys are read without normalising.
 */
const NFC_SAFE = new Uint8Array(TABLE_SIZE);

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
    if ((code < 0x300 || (code >= 0x1e00 && code < 0x1f00)) && ch.normalize('NFC') === ch) NFC_SAFE[code] = 1;
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

/** Classes of BMP characters at or above TABLE_SIZE, computed on first use (255: not yet known). */
const HIGH_CLASS = new Uint8Array(0x10000 - TABLE_SIZE).fill(255);

function classOfHigh(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return 0; // astral (emoji and the like): separators
  if (code >= 0x3000 && code <= 0x303f) return 0; // CJK punctuation
  if (code >= 0xfe00 && code <= 0xfe0f) return C_MARK; // variation selectors
  const ch = String.fromCharCode(code);
  if (/\p{L}/u.test(ch)) return C_LETTER;
  if (/\p{Nd}/u.test(ch)) return C_DIGIT;
  if (/\p{M}/u.test(ch)) return C_MARK;
  return 0;
}

function classOf(code: number): number {
  if (code < TABLE_SIZE) return CLASS[code];
  let k = HIGH_CLASS[code - TABLE_SIZE];
  if (k === 255) k = HIGH_CLASS[code - TABLE_SIZE] = classOfHigh(code);
  return k;
}

/** After a "." only a group of exactly three digits continues a number (1.587); after "," any digits (8,5). */
function digitGroupAt(codes: Uint16Array, length: number, at: number, thousands: boolean): boolean {
  let k = at;
  while (k < length && codes[k] >= 0x30 && codes[k] <= 0x39) k++;
  const len = k - at;
  if (!thousands) return len > 0;
  return len === 3 && !(k < length && classOf(codes[k]) & C_LETTER);
}

/** Characters that end a sentence (for windows and fact checks). */
const SENTENCE_END = new Set(['.', '!', '?', ';', '\n', '…', '。']);
/** Characters that end a clause (a phrase never spans them). */
const CLAUSE_END = new Set([',', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '«', '»', '|', '—', '–', '\u2022', "'", '‘', '’']);
const SENTENCE_END_CODES = new Set([...SENTENCE_END].map((c) => c.charCodeAt(0)));
const CLAUSE_END_CODES = new Set([...CLAUSE_END].map((c) => c.charCodeAt(0)));

/** 1: ends a sentence, 2: ends a clause (for codes below TABLE_SIZE). */
const BREAK = new Uint8Array(TABLE_SIZE);
for (const ch of SENTENCE_END) if (ch.charCodeAt(0) < TABLE_SIZE) BREAK[ch.charCodeAt(0)] = 1;
for (const ch of CLAUSE_END) if (ch.charCodeAt(0) < TABLE_SIZE) BREAK[ch.charCodeAt(0)] = 2;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"“”]+|\b[\w.+-]+@[\w-]+\.[\w.-]+/giu;

// ---------------------------------------------------------------------------------------------
// Syllable trie

/**
 * Folded words that date and number extraction (extract.ts) looks for, as written in the text.
 * Every trie knows them, so `tokWord` is always filled.
 */
export const WORDS = [
  'ngay',
  'thang',
  'nam',
  'den',
  'toi',
  'het',
  'tu',
  'khong',
  'mot',
  'hai',
  'ba',
  'bon',
  'sau',
  'bay',
  'tam',
  'chin',
  'muoi',
  'tram',
  'linh',
  'le',
  'lam',
  'nham',
  'nghin',
  'ngan',
  'trieu',
  'gieng',
  'chap',
  'sang',
  'chieu',
  'trua',
  'dem',
  'hom',
  'vao',
  'truoc',
  'khoang',
  'tra',
  'tan',
] as const;
export type Word = (typeof WORDS)[number];
/** Index of a word in WORDS (the value of `tokWord`). */
export const WORD: { readonly [K in Word]: number } = Object.fromEntries(WORDS.map((w, i) => [w, i])) as { [K in Word]: number };

const DEAD = 0;
const ROOT = 1;

/**
 * A character-level trie over folded syllables, as a table. A state is kept as the offset of its
 * row (state << shift): the next one is `next[row + col[code]]`, one addition and one read per
 * character. State 0 is a dead end (the syllable is in no entry), state 1 the root (row `root`).
 * Each state carries the id of the syllable that ends there (`sym[row >>> shift]`, -1 for none)
 * and its index in WORDS (`word`, -1).
 */
export class SyllableTrie {
  readonly col: Uint16Array;
  /** Row size (a power of two, at least the number of distinct characters + 1) and its log2. */
  readonly width: number;
  readonly shift: number;
  readonly root: number;
  readonly next: Int32Array;
  readonly sym: Int32Array;
  readonly word: Int8Array;

  /** `entries`: [folded syllable as written in texts, id]. WORDS are always added. */
  constructor(entries: Iterable<readonly [string, number]>) {
    const all: Array<[string, number, number]> = [];
    for (const [s, id] of entries) if (s.length) all.push([s, id, -1]);
    WORDS.forEach((w, i) => all.push([w, -1, i]));
    this.col = new Uint16Array(0x10000);
    let columns = 1;
    for (const [s] of all) for (let i = 0; i < s.length; i++) if (!this.col[s.charCodeAt(i)]) this.col[s.charCodeAt(i)] = columns++;
    let shift = 0;
    while (1 << shift < columns) shift++;
    const width = 1 << shift;
    this.width = width;
    this.shift = shift;
    this.root = ROOT << shift;
    // states, built as a tree of maps first
    const children: Array<Map<number, number>> = [new Map(), new Map()];
    const symOf: number[] = [-1, -1];
    const wordOf: number[] = [-1, -1];
    for (const [s, id, word] of all) {
      let state = ROOT;
      for (let i = 0; i < s.length; i++) {
        const c = this.col[s.charCodeAt(i)];
        let to = children[state].get(c);
        if (to === undefined) {
          to = children.length;
          children.push(new Map());
          symOf.push(-1);
          wordOf.push(-1);
          children[state].set(c, to);
        }
        state = to;
      }
      if (id >= 0) symOf[state] = id;
      if (word >= 0) wordOf[state] = word;
    }
    this.next = new Int32Array(children.length * width);
    children.forEach((m, state) => {
      for (const [c, to] of m) this.next[state * width + c] = to << shift;
    });
    this.sym = Int32Array.from(symOf);
    this.word = Int8Array.from(wordOf);
  }

  /** Row of the trie state after reading codes[start..end). */
  walk(codes: ArrayLike<number>, start: number, end: number): number {
    let row = this.root;
    for (let i = start; i < end && row !== DEAD; i++) row = this.next[row + this.col[codes[i]]];
    return row;
  }

  /** Id of a folded syllable (-1 when it is not an entry). */
  idOf(syllable: string): number {
    let row = this.root;
    for (let i = 0; i < syllable.length && row !== DEAD; i++) row = this.next[row + this.col[syllable.charCodeAt(i)]];
    return this.sym[row >>> this.shift];
  }
}

let wordTrie: SyllableTrie | null = null;
/** The trie with only the WORDS (no syllable ids). */
function defaultTrie(): SyllableTrie {
  return (wordTrie ??= new SyllableTrie([]));
}

// ---------------------------------------------------------------------------------------------
// Prepared text

export interface PreparedText {
  /** The exact string passed in. */
  original: string;
  /** Lowercase, diacritic-free form: one char per input cluster. */
  folded: string;
  /** The folded form as character codes (codes[0..foldedLength) is `folded`). */
  codes: Uint16Array;
  foldedLength: number;
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
  /** Id of each token in `trie` (for a vocabulary's trie: the id of its canonical syllable), or -1. */
  tokSym: Int32Array;
  /** Index of each token in WORDS, or -1. */
  tokWord: Int8Array;
  /** The trie the token ids come from. */
  trie: SyllableTrie;
  /** Letters in tokens, letters carrying a Vietnamese diacritic, uppercase letters. */
  letters: number;
  diacriticLetters: number;
  upperLetters: number;
  /**
   * The largest UTF-16 code unit of the input, or 0x1fff when all are below (a string whose first
   * unit is larger does not occur in the input).
   */
  maxCode: number;
}

export const TOK_DIGITS = 1;
export const TOK_DIACRITIC = 2;
export const TOK_UPPER = 4;

let decoder: TextDecoder | null = null;
function codesToString(codes: Uint16Array, length: number): string {
  decoder ??= new TextDecoder('utf-16le');
  return decoder.decode(codes.subarray(0, length));
}

function codesSlice(codes: Uint16Array, start: number, end: number): string {
  const len = end - start;
  if (len <= 0) return '';
  if (len === 1) return String.fromCharCode(codes[start]);
  if (len > 256) return codesToString(codes.subarray(start, end), len);
  return String.fromCharCode.apply(null, codes.subarray(start, end) as unknown as number[]);
}

/**
 * Reusable arrays for prepareText: a caller that prepares many texts one after the other, and
 * drops each result before the next, passes the same buffers and saves the allocations. A result
 * prepared into buffers is only valid until the buffers are used again.
 */
export class TextBuffers {
  codes = new Uint16Array(256);
  /** Class and statistics bits of each folded character (see foldCodes). */
  info = new Uint8Array(256);
  map = new Int32Array(0);
  tokStart = new Int32Array(64);
  tokEnd = new Int32Array(64);
  tokSent = new Int32Array(64);
  tokClause = new Int32Array(64);
  tokFlags = new Uint8Array(64);
  tokSym = new Int32Array(64);
  tokWord = new Int8Array(64);

  codesFor(n: number): Uint16Array {
    if (this.codes.length < n) {
      this.codes = new Uint16Array(Math.max(n, this.codes.length * 2));
      this.info = new Uint8Array(this.codes.length);
    }
    return this.codes;
  }
  mapFor(n: number): Int32Array {
    if (this.map.length < n) this.map = new Int32Array(Math.max(n, this.map.length * 2));
    return this.map;
  }
  /** Makes room for `cap` tokens, keeping the first `keep`. */
  tokensFor(cap: number, keep: number): void {
    if (this.tokStart.length >= cap) return;
    const size = Math.max(cap, this.tokStart.length * 2);
    const grow = <T extends Int32Array | Uint8Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(size);
      if (keep) b.set(a.subarray(0, keep));
      return b;
    };
    this.tokStart = grow(this.tokStart);
    this.tokEnd = grow(this.tokEnd);
    this.tokSent = grow(this.tokSent);
    this.tokClause = grow(this.tokClause);
    this.tokFlags = grow(this.tokFlags);
    this.tokSym = grow(this.tokSym);
    this.tokWord = grow(this.tokWord);
  }
}

class Prepared implements PreparedText {
  private foldedText: string | null = null;
  private tokens: string[] | null = null;
  constructor(
    readonly original: string,
    readonly codes: Uint16Array,
    readonly foldedLength: number,
    readonly origStart: Int32Array | null,
    readonly count: number,
    readonly tokStart: Int32Array,
    readonly tokEnd: Int32Array,
    readonly tokSent: Int32Array,
    readonly tokClause: Int32Array,
    readonly tokFlags: Uint8Array,
    readonly tokSym: Int32Array,
    readonly tokWord: Int8Array,
    readonly trie: SyllableTrie,
    readonly letters: number,
    readonly diacriticLetters: number,
    readonly upperLetters: number,
    readonly maxCode: number,
  ) {}

  get folded(): string {
    return (this.foldedText ??= codesToString(this.codes, this.foldedLength));
  }

  get tokText(): string[] {
    if (!this.tokens) {
      const out = new Array<string>(this.count);
      for (let i = 0; i < this.count; i++) out[i] = codesSlice(this.codes, this.tokStart[i], this.tokEnd[i]);
      this.tokens = out;
    }
    return this.tokens;
  }
}

/** Folded text of token i (without building every token's string). */
export function tokenText(p: PreparedText, i: number): string {
  return codesSlice(p.codes, p.tokStart[i], p.tokEnd[i]);
}

/**
 * Whether the tokens of `p` from `t` are the folded syllables `words` (foldedSyllables of a phrase); with
 * `canon`, each token is read as canonFolded spells it ("ky" as "ki"), for words spelled so too.
 */
export function wordsAt(p: PreparedText, t: number, words: readonly string[], canon = false): boolean {
  if (t < 0 || t + words.length > p.count) return false;
  for (let k = 0; k < words.length; k++) {
    if (canon) {
      if (canonFolded(tokenText(p, t + k)) !== words[k]) return false;
    } else if (!tokenIs(p, t + k, words[k])) return false;
  }
  return true;
}

/** Whether token i's folded text is `word` (tokenText(p, i) === word, read on the codes: no string made per token). */
function tokenIs(p: PreparedText, i: number, word: string): boolean {
  const start = p.tokStart[i];
  if (p.tokEnd[i] - start !== word.length) return false;
  const codes = p.codes;
  for (let k = 0; k < word.length; k++) if (codes[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** The length of the first of `phrases` (as wordsAt reads them) at token t and inside t's clause, or 0. */
export function phraseAt(p: PreparedText, t: number, phrases: ReadonlyArray<readonly string[]>, canon = false): number {
  for (const words of phrases) if (wordsAt(p, t, words, canon) && p.tokClause[t + words.length - 1] === p.tokClause[t]) return words.length;
  return 0;
}

/** Whether one of `phrases` (as wordsAt reads them) ends right before token t, inside t's clause ("mới | hoàn thành"). */
export function phraseEndsBefore(p: PreparedText, t: number, phrases: ReadonlyArray<readonly string[]>): boolean {
  return phrases.some((w) => wordsAt(p, t - w.length, w) && p.tokClause[t - w.length] === p.tokClause[t]);
}

/** The first token of the sentence holding token `t`. */
export function sentenceStart(p: PreparedText, t: number): number {
  while (t > 0 && p.tokSent[t - 1] === p.tokSent[t]) t--;
  return t;
}

/** The tokens [first, end) of sentence `sentence`: sentences are numbered in token order, so a binary search finds it. */
export function sentenceTokens(p: PreparedText, sentence: number): [number, number] {
  let first = 0;
  let hi = p.count;
  while (first < hi) {
    const mid = (first + hi) >>> 1;
    if (p.tokSent[mid] < sentence) first = mid + 1;
    else hi = mid;
  }
  let end = first;
  while (end < p.count && p.tokSent[end] === sentence) end++;
  return [first, end];
}

/** Whether the sentence of token `tok` ends with a question mark. */
export function endsWithQuestion(p: PreparedText, tok: number): boolean {
  let last = tok;
  while (last + 1 < p.count && p.tokSent[last + 1] === p.tokSent[tok]) last++;
  return gapAfter(p, last).includes('?');
}

/** The folded characters between token `t` and the next token, or the text's end: its spaces and punctuation. */
export function gapAfter(p: PreparedText, t: number): string {
  return gapBetween(p, t, t + 1);
}

/** The folded characters from the end of token `a` to the start of token `b` (a < b), or the text's end: the words between too. */
export function gapBetween(p: PreparedText, a: number, b: number): string {
  return p.folded.slice(p.tokEnd[a], b < p.count ? p.tokStart[b] : p.foldedLength);
}

/** How many tokens strictly between `from` and `to` stand inside parentheses ("(thị xã An Khê)"), in their sentence. */
export function tokensInParentheses(p: PreparedText, from: number, to: number): number {
  let depth = 0;
  let n = 0;
  for (let t = from + 1; t < to; t++) {
    if (p.tokSent[t] !== p.tokSent[from]) return 0;
    for (const c of gapAfter(p, t - 1)) {
      if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
    }
    if (depth > 0) n++;
  }
  return n;
}

/**
 * Whether token `to` is in the clause of token `from` (from < to), the dot after an abbreviation that heads a name
 * aside: the token sentences join across it ("TP. Hồ Chí Minh", joinAbbreviatedNames), its clause break stays.
 */
export function inClauseAcrossNames(p: PreparedText, from: number, to: number): boolean {
  for (let t = from + 1; t <= to; t++)
    if (p.tokClause[t] !== p.tokClause[t - 1] && (p.tokSent[t] !== p.tokSent[t - 1] || gapAfter(p, t - 1).trim() !== '.')) return false;
  return true;
}

/** Token `t` is written joined to the word before it by a hyphen ("TT VH-HN": "HN" is part of that abbreviation, no Hà Nội). */
export function joinedByHyphen(p: PreparedText, t: number): boolean {
  return t > 0 && p.tokSent[t - 1] === p.tokSent[t] && gapAfter(p, t - 1) === '-';
}

/** A name follows token `t` in its sentence (its next token written with a capital: "thủ đô Viêng Chăn"). */
export function beforeName(p: PreparedText, t: number): boolean {
  if (t + 1 >= p.count || p.tokSent[t + 1] !== p.tokSent[t] || p.tokClause[t + 1] !== p.tokClause[t]) return false;
  return startsName(p, t + 1);
}

/** Token `t` is written with a capital. */
function startsName(p: PreparedText, t: number): boolean {
  const c = t < p.count ? p.original[toOriginal(p, p.tokStart[t])] : undefined;
  return c !== undefined && c !== c.toLowerCase();
}

/** The first token of the clause holding token `t`. */
export function clauseStart(p: PreparedText, t: number): number {
  while (t > 0 && p.tokClause[t - 1] === p.tokClause[t]) t--;
  return t;
}

interface FoldResult {
  codes: Uint16Array;
  length: number;
  origStart: Int32Array | null;
  /** The folded text contains "http", "www." or "@" (it may contain a URL or an e-mail address). */
  urlHint: boolean;
  /** Largest code unit of the input, or 0x1fff when all are below. */
  maxCode: number;
}

function hasUrlHint(codes: Uint16Array, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const f = codes[i];
    if (f === 0x40) return true;
    if (i >= 3 && f === 0x70 && codes[i - 1] === 0x74 && codes[i - 2] === 0x74 && codes[i - 3] === 0x68) return true;
    if (i >= 3 && f === 0x2e && codes[i - 1] === 0x77 && codes[i - 2] === 0x77 && codes[i - 3] === 0x77) return true;
  }
  return false;
}

/**
 * FOLD with X_SPECIAL set for the characters the fold loop must look at: combining marks (the text
 * then takes the cluster path), "@", "p" and "." (URL hints) and characters from U+2000 (maxCode).
 */
const X_SPECIAL = 0x10000;
/** Bits of the info byte (FOLDX >>> 17): the class of the folded character and the statistics of the original one. */
const I_LETTER = C_LETTER;
const I_DIGIT = C_DIGIT;
const I_MARK = C_MARK;
/** A letter with a diacritic, or a combining mark (counted in diacriticLetters). */
const I_DIACRITIC = 8;
const I_UPPER = 16;
const FOLDX = new Uint32Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) {
  const f = FOLD[c];
  let info = classOf(f) & (I_LETTER | I_DIGIT | I_MARK);
  const k = CLASS[c];
  if (k & C_MARK) info |= I_DIACRITIC;
  else if (k & C_LETTER) {
    if (k & C_DIACRITIC) info |= I_DIACRITIC;
    if (k & C_UPPER) info |= I_UPPER;
  }
  const special = (c >= 0x300 && c <= 0x36f) || c >= 0x2000 || f === 0x40 || f === 0x70 || f === 0x2e;
  FOLDX[c] = f | (special ? X_SPECIAL : 0) | (info << 17);
}

/**
 * Folds `text` into buffers.codes, and into buffers.info the class of each folded character (and,
 * for a text without combining marks, where folded and original offsets agree, the statistics of
 * the original character).
 */
function foldCodes(text: string, buffers: TextBuffers): FoldResult {
  const n = text.length;
  const out = buffers.codesFor(n);
  const info = buffers.info;
  let urlHint = false;
  let maxCode = 0x1fff;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < TABLE_SIZE) {
      const x = FOLDX[c];
      out[i] = x; // the folded code (low 16 bits)
      info[i] = x >>> 17;
      if ((x & X_SPECIAL) === 0) continue;
      if (c >= 0x300 && c <= 0x36f) break;
      if (c > maxCode) maxCode = c;
      const f = x & 0xffff;
      if (f === 0x40) urlHint = true;
      else if (f === 0x70 || f === 0x2e) {
        if (i >= 3 && out[i - 1] === (f === 0x70 ? 0x74 : 0x77) && out[i - 2] === out[i - 1] && out[i - 3] === (f === 0x70 ? 0x68 : 0x77)) urlHint = true;
      }
    } else {
      if (c >= 0xfe20 && c <= 0xfe2f) break;
      out[i] = c;
      info[i] = classOf(c) & (I_LETTER | I_DIGIT | I_MARK);
      if (c > maxCode) maxCode = c;
    }
  }
  if (i === n) return { codes: out, length: n, origStart: null, urlHint, maxCode };
  for (let k = i; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c > maxCode) maxCode = c;
  }
  // Combining marks: one folded character per cluster, with a map back to the input.
  const map = buffers.mapFor(n + 1);
  let j = 0;
  i = 0;
  while (i < n) {
    const start = i;
    const c = text.charCodeAt(i);
    i++;
    while (i < n && isMark(text.charCodeAt(i))) i++;
    let folded = c;
    if (c < TABLE_SIZE && !isMark(c)) folded = FOLD[c];
    else if (isMark(c)) folded = 0x20; // stray mark with no base: a separator
    out[j] = folded;
    info[j] = classOf(folded) & (I_LETTER | I_DIGIT | I_MARK);
    map[j] = start;
    j++;
  }
  map[j] = n;
  return { codes: out, length: j, origStart: map.subarray(0, j + 1), urlHint: hasUrlHint(out, j), maxCode };
}

/** Folds `text` to a lowercase diacritic-free form with an offset map (see PreparedText). */
export function foldWithMap(text: string): { folded: string; origStart: Int32Array | null } {
  const f = foldCodes(text, new TextBuffers());
  return { folded: codesToString(f.codes, f.length), origStart: f.origStart };
}

/** [\w.+-] of URL_RE (with the i and u flags, \w also takes ſ and the Kelvin sign). */
function isUrlWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x17f ||
    c === 0x212a
  );
}

/**
 * URL/e-mail ranges of a folded text, as URL_RE finds them. No match can start before the first
 * "http"/"www." nor before the run of [\w.+-] that leads to the first "@", so the search starts there.
 */
function urlRanges(codes: Uint16Array, n: number): Array<[number, number]> {
  let from = n;
  for (let i = 0; i + 3 < n; i++) {
    const c = codes[i];
    if (
      (c === 0x68 && codes[i + 1] === 0x74 && codes[i + 2] === 0x74 && codes[i + 3] === 0x70) ||
      (c === 0x77 && codes[i + 1] === 0x77 && codes[i + 2] === 0x77 && codes[i + 3] === 0x2e)
    ) {
      from = i;
      break;
    }
  }
  for (let a = 0; a < n; a++) {
    if (codes[a] !== 0x40) continue;
    let r = a;
    while (r > 0 && isUrlWordChar(codes[r - 1])) r--;
    if (r < from) from = r;
    break;
  }
  const skip: Array<[number, number]> = [];
  if (from >= n) return skip;
  const folded = codesToString(codes, n);
  URL_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(folded))) skip.push([m.index, m.index + m[0].length]);
  URL_RE.lastIndex = 0;
  return skip;
}

/**
 * Tokenises `text` into syllables (runs of letters/digits; digits may contain . or , between digits).
 * `trie` gives each syllable its id (`tokSym`); `buffers` lets a caller reuse the arrays.
 */
export function prepareText(text: string, trie: SyllableTrie = defaultTrie(), buffers: TextBuffers | null = null): PreparedText {
  const bufs = buffers ?? new TextBuffers();
  const f = foldCodes(text, bufs);
  return tokenizeCodes(text, f.codes, f.length, f.origStart, f.urlHint ? urlRanges(f.codes, f.length) : null, trie, bufs, f.maxCode);
}

/** Tokenises folded codes (any text; URL ranges in `skip` are left out). */
function tokenizeCodes(
  text: string,
  codes: Uint16Array,
  n: number,
  origStart: Int32Array | null,
  skip: Array<[number, number]> | null,
  trie: SyllableTrie,
  bufs: TextBuffers,
  maxCode: number,
): PreparedText {
  bufs.tokensFor(Math.max(16, (n >> 2) + 1), 0);
  let tokStart = bufs.tokStart;
  let tokEnd = bufs.tokEnd;
  let tokSent = bufs.tokSent;
  let tokClause = bufs.tokClause;
  let tokFlags = bufs.tokFlags;
  let tokSym = bufs.tokSym;
  let tokWord = bufs.tokWord;
  const { col, next, shift, root, sym: trieSym, word: trieWord } = trie;
  const info = bufs.info;
  let count = 0;
  let sent = 0;
  let clause = 0;
  let pendingSent = false;
  let pendingClause = false;
  let letters = 0;
  let diacriticLetters = 0;
  let upperLetters = 0;
  let skipIdx = 0;
  let nextSkip = skip && skip.length ? skip[0][0] : n + 1;
  let i = 0;
  while (i < n) {
    if (i >= nextSkip) {
      i = skip![skipIdx][1];
      skipIdx++;
      nextSkip = skipIdx < skip!.length ? skip![skipIdx][0] : n + 1;
      pendingClause = true;
      continue;
    }
    if ((info[i] & (I_LETTER | I_DIGIT)) === 0) {
      const c = codes[i];
      const b = c < TABLE_SIZE ? BREAK[c] : SENTENCE_END_CODES.has(c) ? 1 : CLAUSE_END_CODES.has(c) ? 2 : 0;
      if (b === 1) pendingSent = true;
      else if (b === 2) pendingClause = true;
      i++;
      continue;
    }
    const start = i;
    let allDigits = true;
    let tokLetters = 0;
    let tokUpper = 0;
    let tokDiacritics = 0;
    let row = root;
    while (i < n) {
      const k = info[i];
      if (k & (I_LETTER | I_DIGIT | I_MARK)) {
        if (k & I_LETTER) {
          allDigits = false;
          tokLetters++;
        }
        // statistics of the original character (only filled in for a text without combining marks)
        tokDiacritics += (k >> 3) & 1; // I_DIACRITIC
        tokUpper += (k >> 4) & 1; // I_UPPER
        row = next[row + col[codes[i]]];
        i++;
        continue;
      }
      // 66.000 / 8,5 / 1.587: a . or , between digits stays in the number
      const cc = codes[i];
      if ((cc === 0x2e || cc === 0x2c) && allDigits && i > start && digitGroupAt(codes, n, i + 1, cc === 0x2e)) {
        row = next[row + col[cc]];
        i++;
        continue;
      }
      break;
    }
    let truncated = false;
    if (i > nextSkip) {
      i = nextSkip;
      row = trie.walk(codes, start, i);
      truncated = true;
    }
    if (i === start) {
      i++;
      continue;
    }
    if (origStart || truncated) {
      // Letter statistics from the original characters of the token.
      tokUpper = 0;
      tokDiacritics = 0;
      const oStart = origStart ? origStart[start] : start;
      const oEnd = origStart ? origStart[i] : i;
      for (let p = oStart; p < oEnd; p++) {
        const oc = text.charCodeAt(p);
        if (oc >= TABLE_SIZE) continue;
        const k = CLASS[oc];
        if (k & C_MARK) tokDiacritics++;
        else if (k & C_LETTER) {
          if (k & C_DIACRITIC) tokDiacritics++;
          if (k & C_UPPER) tokUpper++;
        }
      }
    }
    const tokDiacritic = tokDiacritics > 0;
    diacriticLetters += tokDiacritics;
    letters += tokLetters;
    upperLetters += tokUpper;
    if (count === tokStart.length) {
      bufs.tokensFor(count * 2, count);
      ({ tokStart, tokEnd, tokSent, tokClause, tokFlags, tokSym, tokWord } = bufs);
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
    tokFlags[count] = (allDigits ? TOK_DIGITS : 0) | (tokDiacritic ? TOK_DIACRITIC : 0) | (tokLetters >= 2 && tokUpper === tokLetters ? TOK_UPPER : 0);
    tokSym[count] = trieSym[row >>> shift];
    tokWord[count] = trieWord[row >>> shift];
    count++;
  }
  return new Prepared(
    text,
    codes,
    n,
    origStart,
    count,
    tokStart,
    tokEnd,
    tokSent,
    tokClause,
    tokFlags,
    tokSym,
    tokWord,
    trie,
    letters,
    diacriticLetters,
    upperLetters,
    maxCode,
  );
}

/** Offset in the original string of folded position `pos`. */
export function toOriginal(prepared: PreparedText, pos: number): number {
  return prepared.origStart ? prepared.origStart[pos] : pos;
}

/** Original [start, end) of tokens first..last (inclusive). */
export function tokenSpan(prepared: PreparedText, first: number, last: number): [number, number] {
  return [toOriginal(prepared, prepared.tokStart[first]), toOriginal(prepared, prepared.tokEnd[last])];
}

const SAME_LINE_SPACE = /[^\S\n]/;
const NAME_START = /[\p{Lu}\d]/u;
const WORD_PART = /[\p{L}\p{M}]/u;

/**
 * Whether the dot at `dot` in `text` follows an abbreviation that heads a name and the name follows
 * on its line ("TP. Pleiku", "Q. 3", "PGS. TS. Nguyễn …"): such a dot ends no sentence. The one rule
 * of every sentence splitter (the token sentences here, discourse.ts and gatherings.ts), so a text
 * has one reading of its sentences. `namePrefixes`: the abbreviations as written, NFC (case counts;
 * config/abbreviations.yaml `beforeName`). A lowercase word or a line break after the dot: a sentence end.
 */
export function dotHeadsName(text: string, dot: number, namePrefixes: ReadonlySet<string>): boolean {
  if (namePrefixes.size === 0 || text.charCodeAt(dot) !== 0x2e) return false;
  let next = dot + 1;
  while (next < text.length && SAME_LINE_SPACE.test(text[next])) next++;
  if (next >= text.length || !NAME_START.test(text[next])) return false;
  let start = dot;
  while (start > 0 && WORD_PART.test(text[start - 1])) start--;
  return start < dot && namePrefixes.has(text.slice(start, dot).normalize('NFC'));
}

/**
 * Joins the sentences that a dot after an abbreviation heading a name splits (dotHeadsName;
 * "TP.HCM" too): the subject keeps its claim. The dot still ends a clause (no phrase spans it; the
 * learned n-grams see the same breaks). Rewrites tokSent.
 */
export function joinAbbreviatedNames(prepared: PreparedText, namePrefixes: ReadonlySet<string>): void {
  if (namePrefixes.size === 0) return;
  const { tokSent, original } = prepared;
  let joined = 0;
  let previous = tokSent[0];
  for (let i = 1; i < prepared.count; i++) {
    const sentence = tokSent[i];
    if (sentence !== previous && dotHeadsName(original, toOriginal(prepared, prepared.tokEnd[i - 1]), namePrefixes)) joined++;
    previous = sentence;
    tokSent[i] = sentence - joined;
  }
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

/**
 * accentKey(text.slice(start, end)), without the slice and the normalisation when every character
 * of the range is NFC-safe (the usual case).
 */
/** The accent key of token t as typed, or null when it is typed without diacritics (then any accented form of it may be meant). */
export function typedAccentKey(p: PreparedText, t: number): string | null {
  if (!(p.tokFlags[t] & TOK_DIACRITIC)) return null;
  const [s, e] = tokenSpan(p, t, t);
  return accentKeyOfRange(p.original, s, e).key;
}

export function accentKeyOfRange(text: string, start: number, end: number): { key: string; bare: boolean } {
  let hat = '';
  let tone = 0;
  let bare = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= TABLE_SIZE || !NFC_SAFE[c]) return accentKey(text.slice(start, end));
    const k = CLASS[c];
    if (k & C_DIACRITIC) bare = false;
    hat += String.fromCharCode(HAT[c]);
    if (TONE[c]) tone = TONE[c];
  }
  return { key: `${hat}${tone}`, bare };
}

const I_SPELLING = /^(b|c|d|g|h|k|l|m|n|p|r|s|t|v|x|ch|gh|kh|nh|ph|th|tr)y$/;

/** A syllable of at most three letters spelled consonant + "y" (ky, ly, my, thy ...), as I_SPELLING. */
export function isISpelling(s: string): boolean {
  return s.length <= 3 && s.charCodeAt(s.length - 1) === 0x79 && I_SPELLING.test(s);
}

/**
 * Canonical form of a folded syllable for lookups: "ky" and "ki" (kỳ/kì, lý/lí, mỹ/mĩ) are spelling
 * variants of the same syllable after a consonant, so both become "...i".
 */
export function canonFolded(folded: string): string {
  return isISpelling(folded) ? `${folded.slice(0, -1)}i` : folded;
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
