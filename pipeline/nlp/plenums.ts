/**
 * A plenum of a Party committee read by its structure (config/topics, `plenums`): "hội nghị", the
 * committee's body before or after its ordinal, the ordinal in any form the number reader reads
 * (digits, words, and the topic's ordinal words "nhất", "tư") or in Roman numerals, and the
 * committee's term ("khóa XIII"):
 *   "Hội nghị Trung ương 12", "HNTW lần thứ XII", "Hội nghị Tỉnh ủy Gia Lai lần thứ 5 khóa XVI",
 *   "Hội nghị lần thứ nhất Ban Chấp hành Trung ương khóa XIII".
 * Which plenums belong to the congress (the new committee's first, the outgoing committee's last) is
 * data: every other plenum is the term's own business. Pure: the caller finds the opener and the
 * bodies (phrase hits, so abbreviations and accents are read as in every lexicon) and reads the rest
 * here on the tokens.
 */
import { parseNumberAt } from './extract.ts';
import type { TopicFile } from './lexicon.ts';
import { canonSyllable, type SymbolStream } from './stream.ts';
import { foldedSyllables, phraseAt, sentenceStart, TOK_DIGITS, tokenText, type PreparedText } from './text.ts';

export type PlenumsConfig = NonNullable<TopicFile['plenums']>;

/** A part found by the phrase matcher: the opener ("hội nghị") or a body of level `level`. */
export interface PlenumPart {
  part: 'opener' | 'body';
  level: number;
  /** Stream positions and source tokens (inclusive), as in PhraseHit. */
  first: number;
  last: number;
  tokFirst: number;
  tokLast: number;
}

export interface Plenum {
  first: number;
  last: number;
  tokFirst: number;
  tokLast: number;
  level: number;
  /** null: a plenum with no ordinal, dated by a year of the term's middle (config `midTermYears`). */
  ordinal: number | null;
  /** The committee's term when named ("khóa XIII": 13). */
  term: number | null;
  /** One of the congress's own plenums (config: the levels' `congress`). */
  congress: boolean;
}

export interface CompiledPlenums {
  config: PlenumsConfig;
  leads: string[][];
  termMarkers: string[][];
  ordinalWords: Map<string, number>;
  /** Level of a plenum whose body is not named ("Hội nghị lần thứ nhất"). */
  unnamedLevel: number;
}

const syllables = (phrase: string) => foldedSyllables(phrase).map(canonSyllable);

export function compilePlenums(config: PlenumsConfig): CompiledPlenums {
  const ordinalWords = new Map<string, number>();
  for (const [word, value] of Object.entries(config.ordinalWords)) ordinalWords.set(syllables(word).join(' '), value);
  return {
    config,
    leads: config.leads.map(syllables).sort((a, b) => b.length - a.length),
    termMarkers: config.termMarkers.map(syllables),
    ordinalWords,
    unnamedLevel: config.levels.findIndex((l) => l.level === config.unnamed),
  };
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };

/** A Roman numeral in its canonical spelling ("xiii", not "xiiii" or "iix"), or null. */
export function romanValue(s: string): number | null {
  if (!/^[ivxl]+$/.test(s)) return null;
  let value = 0;
  for (let k = 0; k < s.length; k++) {
    const v = ROMAN[s[k]];
    const next = k + 1 < s.length ? ROMAN[s[k + 1]] : 0;
    value += v < next ? -v : v;
  }
  return toRoman(value) === s ? value : null;
}

function toRoman(n: number): string {
  const table: Array<[number, string]> = [
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

/** An ordinal at token i: [value, last token], or null. */
function ordinalAt(c: CompiledPlenums, p: PreparedText, i: number): [number, number] | null {
  if (i >= p.count) return null;
  const word = c.ordinalWords.get(canonSyllable(tokenText(p, i)));
  if (word !== undefined) return [word, i];
  if (!(p.tokFlags[i] & TOK_DIGITS)) {
    const roman = romanValue(tokenText(p, i));
    if (roman !== null) return [roman, i];
  }
  const n = parseNumberAt(p, i);
  if (!n || !Number.isInteger(n[0]) || n[0] < 1 || n[0] > c.config.maxOrdinal) return null;
  return [n[0], n[1]];
}

/** The term named at token i ("khóa XIII", "khóa 13"): [term, last token], or null. */
function termAt(c: CompiledPlenums, p: PreparedText, i: number): [number, number] | null {
  const marker = phraseAt(p, i, c.termMarkers, true);
  if (!marker) return null;
  const at = i + marker;
  if (at >= p.count || p.tokClause[at] !== p.tokClause[i]) return null;
  const roman = romanValue(tokenText(p, at));
  if (roman !== null) return [roman, at];
  const n = parseNumberAt(p, at);
  return n && !n[2] ? [n[0], n[1]] : null;
}

/** Whether the sentence of token `tok` names a year of the term's middle (a 4-digit year in `midTermYears`). */
function datedMidTerm(c: CompiledPlenums, p: PreparedText, tok: number): boolean {
  const years = c.config.midTermYears;
  if (!years) return false;
  const sent = p.tokSent[tok];
  for (let i = sentenceStart(p, tok); i < p.count && p.tokSent[i] === sent; i++) {
    if (!(p.tokFlags[i] & TOK_DIGITS) || p.tokEnd[i] - p.tokStart[i] !== 4) continue;
    const year = Number(tokenText(p, i));
    if (year >= years.from && year <= years.to) return true;
  }
  return false;
}

function isCongressPlenum(c: CompiledPlenums, level: number, ordinal: number, term: number | null): boolean {
  return c.config.levels[level].congress.some((e) => e.ordinals.includes(ordinal) && (term === null || e.term === undefined || e.term === term));
}

/**
 * The plenums of one field: an opener, then a body right after it (optional), then up to `gap`
 * tokens (a place name; only after a body), a lead ("lần thứ"; required without a body before the
 * ordinal), the ordinal, a body right after the ordinal when none came before, and the term.
 * `parts` in stream order.
 */
export function readPlenums(c: CompiledPlenums, p: PreparedText, stream: SymbolStream, parts: PlenumPart[]): Plenum[] {
  const out: Plenum[] = [];
  // the longest body starting at stream position `pos`
  const bodyAt = (pos: number) => {
    let best: PlenumPart | undefined;
    for (const b of parts) if (b.part === 'body' && b.first === pos && (!best || b.last > best.last)) best = b;
    return best;
  };
  for (const opener of parts) {
    if (opener.part !== 'opener') continue;
    const before = bodyAt(opener.last + 1);
    let level = before ? before.level : -1;
    const clause = p.tokClause[opener.tokFirst];
    const ordinalIn = (at: number) => (at < p.count && p.tokClause[at] === clause ? ordinalAt(c, p, at) : null);
    let at = (before ?? opener).tokLast + 1;
    // right after a body ("Hội nghị Trung ương 12"), else after a lead within `gap` tokens
    let ordinal = before ? ordinalIn(at) : null;
    let lead = 0;
    const maxGap = before ? c.config.gap : 0;
    for (let gap = 0; !ordinal && gap <= maxGap && at + gap < p.count && !lead; gap++) {
      if (p.tokClause[at + gap] !== clause) break;
      lead = phraseAt(p, at + gap, c.leads, true);
      if (lead) ordinal = ordinalIn((at += gap + lead));
    }
    if (!ordinal) {
      // "Hội nghị Ban Chấp hành Đảng bộ tỉnh đánh giá … 6 tháng đầu năm 2022": the term's own business
      if (before && !lead && datedMidTerm(c, p, opener.tokFirst))
        out.push({
          first: opener.first,
          last: before.last,
          tokFirst: opener.tokFirst,
          tokLast: before.tokLast,
          level,
          ordinal: null,
          term: null,
          congress: false,
        });
      continue;
    }
    let last = ordinal[1];
    if (level < 0) {
      const after = last + 1 < p.count ? bodyAt(stream.posOfToken[last + 1]) : undefined;
      if (after && p.tokClause[after.tokFirst] === p.tokClause[last]) {
        level = after.level;
        last = after.tokLast;
      } else level = c.unnamedLevel;
    }
    const term = termAt(c, p, last + 1);
    if (term) last = term[1];
    // the stream position of the last token's last entry (an abbreviation expands to several)
    let streamLast = stream.posOfToken[last];
    while (streamLast + 1 < stream.length && stream.tokLast[streamLast + 1] === last) streamLast++;
    out.push({
      first: opener.first,
      last: streamLast,
      tokFirst: opener.tokFirst,
      tokLast: last,
      level,
      ordinal: ordinal[0],
      term: term ? term[0] : null,
      congress: isCongressPlenum(c, level, ordinal[0], term ? term[0] : null),
    });
  }
  return out;
}
