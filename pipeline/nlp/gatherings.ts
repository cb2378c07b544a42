/**
 * Whose gathering: a pure reading of who holds each "đại hội" an item mentions — the Party ("Đại
 * hội Đảng bộ tỉnh", "Đại hội XIII", "đại hội tỉnh") or another organisation ("Đại hội Đoàn
 * trường", "CLB xe cổ tổ chức đại hội", "Đại hội toàn quốc đảng Dân chủ Mỹ", "đại hội võ lâm") —
 * and whether the item says anything of the Party's congresses elsewhere. An item whose every
 * mention is another organisation's, with no Party evidence, is about that organisation's
 * gathering: the classifier then overrides a congress decision (after the model's, so the learned
 * threshold is chosen without it) and explains why with the holder's words.
 *
 * Holders and evidence are data: config/gatherings.yaml. Matching is on folded text, whole words,
 * accents checked where the text has them (discourse.ts's phrase lists).
 */
import { z } from 'zod';
import type { Classification, Explanation } from '../../core/types.ts';
import { at, foldForReading, sentencesOf, words, type Folded, type Matcher } from './discourse.ts';
import { foldVietnamese } from './fold.ts';
import { crossedByListedWord } from './lexicon.ts';

const phrases = z.array(z.string().min(1));

export const gatheringsSchema = z
  .object({
    gathering: phrases.min(1),
    /**
     * A body's new committee ("ban chấp hành khóa mới"), read as a gathering word is for its holder (after it, or before it
     * in its sentence), in an item with or without a gathering word: "Nội bộ Hội Nhà văn … danh sách ban chấp hành khóa
     * mới" is the association's (the hundred-and-forty-second pass).
     */
    committees: phrases.default([]),
    /**
     * A body's new committee with its holder inside its name, "<head> <holder> <term>" ("Ban chấp hành Ủy ban Olympic khóa
     * mới", "BCH Liên đoàn Bóng chuyền nhiệm kỳ mới"): another organisation's holder right after a head, a term within
     * `reach` syllables after the holder in its clause, read as a committee mention held by it (the hundred-and-forty-ninth
     * pass). The Party's bodies there are left to the rest of the item.
     */
    namedCommittees: z
      .object({ heads: phrases.min(1), terms: phrases.min(1), reach: z.number().int().min(0) })
      .strict()
      .optional(),
    skip: phrases,
    window: z.number().int().min(0),
    /**
     * The Party's documents and the contests on them (`before`): a gathering word right after one names, with the Party's
     * ordinal, the Party's congress; another organisation past a word of `owner` ("của") owns the document, not the congress.
     */
    documents: z
      .object({ before: phrases.min(1), owner: phrases.min(1) })
      .strict()
      .optional(),
    towards: phrases,
    /**
     * A holder of one of `kinds` read past a word of `owner` after a word of `towards` right before the gathering word
     * greets or shows it, and does not hold it ("tin nhắn chào mừng đại hội của ngân hàng"; the 142nd pass).
     */
    greeters: z
      .object({ kinds: phrases.min(1), owner: phrases.min(1) })
      .strict()
      .optional(),
    capitalised: phrases,
    party: z.object({ after: phrases.min(1), before: phrases, evidence: phrases }).strict(),
    others: z.array(z.object({ kind: z.string().min(1), after: phrases.min(1), before: phrases }).strict()).min(1),
    /**
     * A translation of foreign news: where the item names a party of `kind` (one of `others`) anywhere, a gathering held
     * by a word of `bare` ("đại hội đảng": the party the item speaks of) and any gathering word inside a translator's
     * note opened by a word of `notes` ("(ND: “Parteitag” được dịch là “đại hội đảng”.)") are that party's.
     */
    foreign: z
      .object({
        kind: z.string().min(1),
        /**
         * Another country's communist party: each of `communist` followed by one of `countries` is a party of `kind`
         * ("Đảng Cộng sản Nhật Bản"); a bare one of `communist` after such a party named earlier in its field is that party,
         * not Party evidence ("Ở Nhật cũng có đảng cộng sản đó"; the hundred-and-forty-second pass).
         */
        communist: phrases.default([]),
        countries: phrases.default([]),
        bare: phrases.min(1),
        notes: phrases.min(1),
        /**
         * Words right after a bare holder that make it a generic plural ("so sánh với mấy đại hội đảng khác"): the other
         * parties of the item's foreign news, whose party may be named anywhere before it in its field.
         */
        generic: phrases.default([]),
      })
      .strict()
      .optional(),
    /**
     * The word as a name or a nickname (the hundred-and-thirty-first pass): a gathering word quoted alone ("'Đại hội'",
     * "“Đại Hội”") within `reach` syllables after a naming word of `before` ("họ gọi vui là", "mang tên", "ban nhạc rock")
     * is the thing so named, held by `kind`; not after a word of `not` ("cái gọi là 'đại hội'": the writer's scorn for
     * the congress itself).
     */
    names: z
      .object({ kind: z.string().min(1), before: phrases.min(1), not: phrases, reach: z.number().int().min(0) })
      .strict()
      .optional(),
  })
  .strict();

export type GatheringMarkers = z.infer<typeof gatheringsSchema>;

/** Who holds a gathering: the Party, another organisation (of `kind`), or nobody named. */
type Holder = { party: true } | { party: false; kind: string };

/** A phrase list, and the same expression anchored where it is tried (`at`). */
interface Phrases extends Matcher {
  at: RegExp;
  /** Folded words (as syllables) that, typed without diacritics, run across a match's edge: the match is then no match. */
  crossing: string[][];
}

function phraseList(list: string[], crossing: string[][] = []): Phrases {
  const m = words(list);
  return { ...m, at: new RegExp(m.re.source, 'y'), crossing };
}

const SYLLABLE_AFTER = /^[^\S\n]+([a-z0-9]+)/;
const SYLLABLE_BEFORE = /([a-z0-9]+)[^\S\n]+$/;

/**
 * Whether a word of `crossing` runs across an edge of folded [a, b), read as typed without diacritics: the last
 * syllables of the match and the next ones (or the previous ones and its first) are the word's ("dai hoi chi bo phieu"
 * is "chỉ bỏ phiếu", not the Party cell "chi bộ"; "dai hoi dong khach" is "đông khách", not "đại hội đồng").
 */
function crossedByWord(crossing: string[][], folded: string, a: number, b: number): boolean {
  if (!crossing.length) return false;
  const inside = folded.slice(a, b).trim().split(/\s+/);
  const after: string[] = [];
  const before: string[] = [];
  for (let p = b, r; after.length < 3 && (r = SYLLABLE_AFTER.exec(folded.slice(p, p + 24))); p += r[0].length) after.push(r[1]);
  for (let p = a, r; before.length < 3 && (r = SYLLABLE_BEFORE.exec(folded.slice(Math.max(0, p - 24), p))); p -= r[0].length) before.unshift(r[1]);
  return crossedByListedWord(crossing, before, inside, after);
}

export interface CompiledGatherings {
  window: number;
  gathering: Phrases;
  skip: Phrases;
  towards: Phrases;
  /** Folded phrases of `committees` (read as gathering words). */
  committees: Set<string>;
  /** `namedCommittees`: its heads and terms, and the reach (null: none). */
  namedCommittees: { heads: Phrases; terms: Phrases; reach: number } | null;
  /** `greeters`: the kinds and the owner's words (null: no such list). */
  greeters: { kinds: Set<string>; owner: Phrases } | null;
  /** `documents`: its words before a gathering word, and the owner's words (null: no such list). */
  documents: { before: Phrases; owner: Phrases } | null;
  after: Phrases;
  before: Phrases;
  evidence: Phrases;
  /** Folded one-word holders that, typed without diacritics, count only when capitalised. */
  capitalised: Set<string>;
  /** Holder of each folded phrase of `after` and `before`. */
  holders: Map<string, Holder>;
  /**
   * The foreign reading (`foreign`): its party names, its bare holders (folded), its notes' openers, and the folded words
   * of `communist` (a bare one after a communist party named before it is no Party evidence), or null.
   */
  foreign: { kind: string; names: Phrases; bare: Set<string>; notes: Matcher; generic: Phrases | null; communist: string[] } | null;
  /** `names`: the naming words, the words that keep a quotation the congress's, the reach and the kind (null: none). */
  names: { kind: string; before: Phrases; not: Phrases | null; reach: number } | null;
}

function key(phrase: string): string {
  return foldVietnamese(phrase).trim().replace(/\s+/g, ' ');
}

/**
 * `crossing`: words that, typed without diacritics, run across a phrase's edge (the topic's `words`,
 * config/topics/congress-2020.yaml): a holder or a piece of Party evidence they cross is none there.
 */
export function compileGatherings(markers: GatheringMarkers, crossing: string[] = []): CompiledGatherings {
  const m = withCommunistParties(markers);
  const cross = crossing.map((w) => foldVietnamese(w).trim().split(/\s+/)).filter((w) => w.length > 1);
  const holders = new Map<string, Holder>();
  const add = (list: string[], holder: Holder) => {
    for (const p of list) {
      const k = key(p);
      const known = holders.get(k);
      if (known && (known.party !== holder.party || (!known.party && !holder.party && known.kind !== holder.kind)))
        throw new Error(`gatherings: "${p}" is listed for two holders`);
      holders.set(k, holder);
    }
  };
  for (const kind of m.greeters?.kinds ?? [])
    if (!m.others.some((o) => o.kind === kind)) throw new Error(`gatherings: greeters kind "${kind}" is not a kind of others`);
  add([...m.party.after, ...m.party.before], { party: true });
  for (const o of m.others) add([...o.after, ...o.before], { party: false, kind: o.kind });
  return {
    window: m.window,
    gathering: phraseList([...m.gathering, ...m.committees]),
    committees: new Set(m.committees.map(key)),
    namedCommittees: m.namedCommittees
      ? { heads: phraseList(m.namedCommittees.heads), terms: phraseList(m.namedCommittees.terms), reach: m.namedCommittees.reach }
      : null,
    skip: phraseList(m.skip),
    towards: phraseList(m.towards),
    greeters: m.greeters ? { kinds: new Set(m.greeters.kinds), owner: phraseList(m.greeters.owner) } : null,
    documents: m.documents ? { before: phraseList(m.documents.before), owner: phraseList(m.documents.owner) } : null,
    after: phraseList([...m.party.after, ...m.others.flatMap((o) => o.after)], cross),
    before: phraseList([...m.party.before, ...m.others.flatMap((o) => o.before)], cross),
    evidence: phraseList(m.party.evidence, cross),
    capitalised: new Set(m.capitalised.map(key)),
    holders,
    foreign: foreignOf(m),
    names: m.names
      ? { kind: m.names.kind, before: phraseList(m.names.before), not: m.names.not.length ? phraseList(m.names.not) : null, reach: m.names.reach }
      : null,
  };
}

/** `foreign.communist` × `foreign.countries` added to the foreign kind's holders, after and before ("Đảng Cộng sản Nhật Bản"). */
function withCommunistParties(m: GatheringMarkers): GatheringMarkers {
  const f = m.foreign;
  if (!f || !f.communist.length || !f.countries.length) return m;
  const parties = f.communist.flatMap((p) => f.countries.map((country) => `${p} ${country}`));
  return { ...m, others: m.others.map((o) => (o.kind === f.kind ? { ...o, after: [...o.after, ...parties], before: [...o.before, ...parties] } : o)) };
}

function foreignOf(m: GatheringMarkers): CompiledGatherings['foreign'] {
  if (!m.foreign) return null;
  const kind = m.foreign.kind;
  const party = m.others.find((o) => o.kind === kind);
  if (!party) throw new Error(`gatherings: foreign.kind "${kind}" is not a kind of others`);
  return {
    kind,
    names: phraseList([...party.after, ...party.before]),
    bare: new Set(m.foreign.bare.map(key)),
    notes: words(m.foreign.notes, '\\s*:'),
    generic: m.foreign.generic.length ? phraseList(m.foreign.generic) : null,
    communist: m.foreign.communist.map(key),
  };
}

/** Words of the text passed in: their offsets and the words as written. */
export interface Passage {
  start: number;
  end: number;
  matched: string;
}

/** One "đại hội" and its holder; offsets into the text passed in. */
export interface GatheringMention {
  start: number;
  end: number;
  /** null: no holder named after it nor before it in its sentence. */
  holder: Holder | null;
  /** The holder's words as written (with its offsets), when one was read. */
  holderText?: string;
  /**
   * Held by a bare word ("đại hội đảng") or inside a translator's note (`foreign`): the foreign party's when one is named
   * before it — `foreignHolder`, in its own field (earlier in its sentence; for a note, anywhere before it), or the title's.
   */
  foreignParty?: boolean;
  foreignHolder?: Passage;
  /** The field (0 title, 1 text) of the holder's words, when not the mention's own (a foreign party named in the title). */
  holderField?: number;
  holderStart?: number;
  holderEnd?: number;
}

export interface GatheringReading {
  mentions: GatheringMention[];
  /** The first Party evidence outside another organisation's name ("đảng bộ", "Tỉnh ủy", "Đại hội XIII"), or null. */
  evidence: Passage | null;
  /** The first foreign party named (`foreign`), anywhere in the field, or null. */
  foreignParty?: Passage | null;
}

const SPACE = /\s/;
/** A number or Roman numeral skipped before a holder, a year range whole ("khóa 2005-2008 trường cấp 3": the 152nd pass). */
const NUMBER = /(?:\d+(?:[-\u2013/]\d+)?|[ivxlc]+)(?![a-z0-9])/y;

function skipSpaces(text: string, p: number): number {
  while (p < text.length && SPACE.test(text[p])) p++;
  return p;
}

const MARKED = /[^\0-\x7f]/;

/**
 * Whether folded [a, b) is a match as written: whole words, and its accents one of the listed
 * forms — in accented text (`strict`) always, else where the word is marked at all (as discourse.ts:
 * an unmarked word typed without diacritics stands for any form).
 */
function accepted(m: Matcher & { crossing?: string[][] }, f: Folded, strict: boolean, a: number, b: number): boolean {
  if (a > 0 && /[a-z0-9]/.test(f.folded[a - 1])) return false;
  const written = f.original.slice(at(f, a), at(f, b)).normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
  if (!strict && !MARKED.test(written.replace(/đ/g, 'd'))) return !m.crossing || !crossedByWord(m.crossing, f.folded, a, b);
  return m.accented.get(f.folded.slice(a, b).replace(/\s+/g, ' '))?.has(written) ?? false;
}

/** The longest phrase of `m` starting at folded offset `p`, or null. */
function matchAt(m: Phrases, f: Folded, strict: boolean, p: number): [number, number] | null {
  m.at.lastIndex = p;
  const r = m.at.exec(f.folded);
  return r && accepted(m, f, strict, p, p + r[0].length) ? [p, p + r[0].length] : null;
}

/** Phrases of `m` starting in folded [from, to), in order; `each` returns true to stop. */
function scan(m: Phrases, f: Folded, strict: boolean, from: number, to: number, each: (a: number, b: number) => boolean | void): void {
  const re = m.re;
  re.lastIndex = from;
  for (let r = re.exec(f.folded); r && r.index < to; r = re.exec(f.folded)) {
    const end = r.index + r[0].length;
    if (!accepted(m, f, strict, r.index, end)) {
      re.lastIndex = r.index + 1;
      continue;
    }
    if (each(r.index, end)) return;
  }
}

/** A whole number or Roman numeral spanning folded [a, b): the Party's ordinals among the holders ("XIII", "13"). */
const ORDINAL = /^(?:\d+|[ivxlc]+)$/;
/** A phrase ending with such an ordinal ("dai hoi xiii", "dai hoi 13"). */
const ENDS_WITH_ORDINAL = /(?:^|\s)(?:\d+|[ivxlc]+)$/;

/**
 * The holder named after a gathering word: past the skipped words, the longest holder phrase. The Party's ordinal is
 * another organisation's when that organisation is named right after it, past the skipped words ("Đại hội XIII Công
 * đoàn Việt Nam", "Đại hội 13 của Hội Nông dân": the union's own thirteenth congress; the hundred-and-sixteenth pass);
 * a one-word holder there ("Hội", "Đoàn") only as a capitalised name typed with diacritics.
 */
function holderAfter(c: CompiledGatherings, f: Folded, strict: boolean, gs: number, from: number, committee = false): [number, number] | null {
  let p = skipSpaces(f.folded, from);
  let owned = false;
  for (;;) {
    const holder = matchAt(c.after, f, strict, p);
    // ("hoi" typed without diacritics may be "hồi": only "Hoi" is an association; after a committee, typed or not, only a
    // capitalised one-word holder is one: "BCH khóa mới đoàn kết" is unity, not the Youth Union)
    const capitalisedName = () => (committee ? capital(f, p) : f.original[at(f, p)] !== f.folded[p]);
    if (holder && ((strict && !committee) || !c.capitalised.has(f.folded.slice(holder[0], holder[1])) || capitalisedName())) {
      if (owned && greeted(c, f, strict, gs, holder)) return null;
      return (ORDINAL.test(f.folded.slice(holder[0], holder[1])) && bodyAfterOrdinal(c, f, strict, holder[1], documentBefore(c, f, strict, gs))) || holder;
    }
    if (holder) return null;
    const skipped = matchAt(c.skip, f, strict, p);
    if (skipped) {
      if (c.greeters && matchAt(c.greeters.owner, f, strict, p)?.[1] === skipped[1]) owned = true;
      p = skipSpaces(f.folded, skipped[1]);
      continue;
    }
    NUMBER.lastIndex = p;
    if (NUMBER.test(f.folded)) {
      p = skipSpaces(f.folded, NUMBER.lastIndex);
      continue;
    }
    return null;
  }
}

/**
 * The holder at folded `holder`, read past the owner's word ("của"), is of a greeter's kind (`greeters`) and a word of
 * `towards` is written right before the gathering word at `gs`, nothing but spaces between ("chào mừng đại hội của ngân
 * hàng"): the holder greets or shows the gathering.
 */
function greeted(c: CompiledGatherings, f: Folded, strict: boolean, gs: number, holder: [number, number]): boolean {
  const g = c.greeters;
  const h = c.holders.get(f.folded.slice(holder[0], holder[1]).replace(/\s+/g, ' '));
  if (!g || !h || h.party || !g.kinds.has(h.kind)) return false;
  return phraseRightBefore(c.towards, f, strict, gs);
}

/**
 * Whether a word of `documents` ("Nghị quyết", "Văn kiện", "tìm hiểu") is written right before the gathering word
 * starting at folded `gs`, nothing but spaces between: the congress is then the one whose document it is.
 */
function documentBefore(c: CompiledGatherings, f: Folded, strict: boolean, gs: number): boolean {
  return c.documents !== null && phraseRightBefore(c.documents.before, f, strict, gs);
}

/** How far before a gathering word a phrase written right before it may start (folded characters). */
const RIGHT_BEFORE_REACH = 24;

/** Whether a phrase of `list` ends right before folded `gs`, nothing but spaces between. */
function phraseRightBefore(list: Phrases, f: Folded, strict: boolean, gs: number): boolean {
  let found = false;
  scan(list, f, strict, Math.max(0, gs - RIGHT_BEFORE_REACH), gs, (_, b) => (found = b < gs && skipSpaces(f.folded, b) === gs));
  return found;
}

/**
 * Another organisation named after the Party's ordinal ending at folded `from`, past the skipped words, or null.
 * `document`: the gathering word follows a Party document ("Nghị quyết Đại hội XIII"): an organisation past the owner's
 * word ("của công đoàn trường") owns the document or the contest, not the congress.
 */
function bodyAfterOrdinal(c: CompiledGatherings, f: Folded, strict: boolean, from: number, document = false): [number, number] | null {
  let p = skipSpaces(f.folded, from);
  for (;;) {
    // (the longest name of either list: "Hội Nông dân", not "Hội")
    let other: [number, number] | null = null;
    for (const list of [c.after, c.before]) {
      const s = matchAt(list, f, strict, p);
      if (s && !c.holders.get(f.folded.slice(s[0], s[1]).replace(/\s+/g, ' '))!.party && (!other || s[1] > other[1])) other = s;
    }
    // (a one-word holder only as a capitalised name typed with diacritics: "DH 13 DOI LICH" is "dời lịch", not "Đội")
    if (other) return !c.capitalised.has(f.folded.slice(other[0], other[1])) || (strict && capital(f, other[0])) ? other : null;
    const skipped = matchAt(c.skip, f, strict, p);
    if (!skipped || (document && c.documents && matchAt(c.documents.owner, f, strict, p)?.[1] === skipped[1])) return null;
    p = skipSpaces(f.folded, skipped[1]);
  }
}

/**
 * The nearest holder named before a gathering word in its sentence, within the window, unless a
 * word between says the holder greets, serves or attends it (`towards`: it is someone else's).
 */
function holderBefore(c: CompiledGatherings, f: Folded, strict: boolean, sentStart: number, to: number): [number, number] | null {
  let best: [number, number] | null = null;
  scan(c.before, f, strict, sentStart, to, (a, b) => {
    if (b <= to && (!best || b > best[1])) best = [a, b];
  });
  if (!best) return null;
  const from: number = best[1];
  let towards = false;
  scan(c.towards, f, strict, from, to, (_, b) => (towards = b <= to));
  if (towards) return null;
  return f.folded.slice(from, to).trim().split(/\s+/).filter(Boolean).length <= c.window ? best : null;
}

/** Whether the original letter at folded offset `p` is a capital. */
function capital(f: Folded, p: number): boolean {
  const ch = f.original[at(f, p)];
  return ch !== ch.toLowerCase();
}

/**
 * Another organisation's holder written right before a gathering word, nothing but spaces
 * between, naming it ("Võ Lâm Đại Hội", "Anh Hùng Đại Hội", "guild đại hội"); the Party's words
 * there do not hold it ("ĐTN xã đại hội" is the Youth Union's, read before), nor do the one-word
 * holders that are other words ("chờ đợi đại hội"). Typed without diacritics the name must be
 * capitalised, holder and gathering word ("Vo Lam Dai Hoi"): "hai dai hoi" is "hai đại hội".
 */
function holderNamed(c: CompiledGatherings, f: Folded, strict: boolean, sentStart: number, to: number): [number, number] | null {
  let named: [number, number] | null = null;
  scan(c.after, f, strict, sentStart, to, (a, b) => {
    if (b > to) return true;
    if (b === to || skipSpaces(f.folded, b) !== to) return false;
    const k = f.folded.slice(a, b).replace(/\s+/g, ' ');
    if (!c.holders.get(k)!.party && !c.capitalised.has(k) && (strict || (capital(f, a) && capital(f, to)))) named = [a, b];
    return true;
  });
  return named;
}

/** Below this share of marked letters a text counts as typed without diacritics (as in the classifier). */
const LENIENT_BELOW = 0.08;
const LETTER = /\p{L}/u;

/** Whether a text is typed with diacritics: then a phrase matches only as written in the list. */
function accented(f: Folded): boolean {
  let letters = 0;
  let marked = 0;
  for (let i = 0; i < f.folded.length; i++) {
    const ch = f.folded[i];
    if (!LETTER.test(ch)) continue;
    letters++;
    if (f.original[at(f, i)].toLowerCase() !== ch) marked++;
  }
  return letters > 0 && marked / letters >= LENIENT_BELOW;
}

/** The translator's notes of a field, "(ND: …)", as folded [open, close) spans. */
function notesOf(c: CompiledGatherings, f: Folded, strict: boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!c.foreign) return out;
  const m = c.foreign.notes;
  const re = m.re;
  re.lastIndex = 0;
  for (let r = re.exec(f.folded); r; r = re.exec(f.folded)) {
    let p = r.index - 1;
    while (p >= 0 && SPACE.test(f.folded[p])) p--;
    if (p < 0 || f.folded[p] !== '(') continue;
    const close = f.folded.indexOf(')', re.lastIndex);
    const line = f.folded.indexOf('\n', re.lastIndex);
    const end = close < 0 ? (line < 0 ? f.folded.length : line) : close;
    if (strict && !accepted(m, f, strict, r.index, r.index + r[0].replace(/\s*:$/, '').length)) continue;
    out.push([p, end]);
  }
  return out;
}

const OPENING_QUOTE = /['"“‘«]\s*$/;
const CLOSING_QUOTE = /^\s*['"”’»]/;

/**
 * A gathering word at folded [gs, ge) quoted alone after a naming word (`names`) in its sentence, within the reach:
 * the naming word's folded span, or null.
 */
function namedBy(c: CompiledGatherings, f: Folded, strict: boolean, sentStart: number, gs: number, ge: number): [number, number] | null {
  const n = c.names;
  if (!n) return null;
  const open = f.folded.slice(Math.max(sentStart, gs - 3), gs);
  if (!OPENING_QUOTE.test(open) || !CLOSING_QUOTE.test(f.folded.slice(ge, ge + 3))) return null;
  const quote = gs - open.length + open.search(OPENING_QUOTE);
  let named: [number, number] | null = null;
  scan(n.before, f, strict, sentStart, quote, (a, b) => {
    if (b > quote) return true;
    const between = f.folded.slice(b, quote).trim();
    if ((between ? between.split(/\s+/).length : 0) <= n.reach && !/[.,;:!?()\n]/.test(between)) named = [a, b];
  });
  const found = named as [number, number] | null;
  if (!found) return null;
  const [na, nb] = found;
  let scorn = false;
  if (n.not) scan(n.not, f, strict, Math.max(sentStart, na - 24), nb, (a, b) => (scorn = a <= na && b >= nb));
  return scorn ? null : found;
}

function mentionsOf(c: CompiledGatherings, f: Folded, strict: boolean): GatheringMention[] {
  const mentions: GatheringMention[] = [];
  const notes = notesOf(c, f, strict);
  scan(c.gathering, f, strict, 0, f.folded.length, (gs, ge) => {
    const sents = sentencesOf(f);
    const sentStart = sents.find(([, e]) => e >= ge)?.[0] ?? 0;
    const committee = c.committees.has(f.folded.slice(gs, ge).replace(/\s+/g, ' '));
    // (a gathering word quoted alone is read for its holder past the closing quote: "“Đại hội” hacker mũ trắng Tây
    // Nguyên" is the hackers' meetup; study124's H, the 152nd pass, c132-120)
    const closing = OPENING_QUOTE.test(f.folded.slice(Math.max(sentStart, gs - 3), gs)) ? CLOSING_QUOTE.exec(f.folded.slice(ge, ge + 3)) : null;
    const span =
      holderAfter(c, f, strict, gs, closing ? ge + closing[0].length : ge, committee) ??
      (committee ? null : holderNamed(c, f, strict, sentStart, gs)) ??
      holderBefore(c, f, strict, sentStart, gs);
    const mention: GatheringMention = { start: at(f, gs), end: at(f, ge), holder: null };
    const name = span ? null : namedBy(c, f, strict, sentStart, gs, ge);
    if (name) {
      mention.holder = { party: false, kind: c.names!.kind };
      mention.holderStart = at(f, name[0]);
      mention.holderEnd = at(f, name[1]);
      mention.holderText = f.original.slice(mention.holderStart, mention.holderEnd);
    } else if (span) {
      mention.holder = c.holders.get(f.folded.slice(span[0], span[1]).replace(/\s+/g, ' '))!;
      mention.holderStart = at(f, span[0]);
      mention.holderEnd = at(f, span[1]);
      mention.holderText = f.original.slice(mention.holderStart, mention.holderEnd);
    }
    // (the bare "đảng" of "đại hội đảng", or any gathering word a translator's note glosses: the foreign party's, when
    // one is named before it — earlier in its sentence, before the note, or in the title; otherGathering decides)
    const bare = !!span && !!c.foreign?.bare.has(f.folded.slice(span[0], span[1]).replace(/\s+/g, ' '));
    const noted = notes.some(([a, b]) => a < gs && ge <= b);
    if (bare || noted) {
      mention.foreignParty = true;
      // (a generic plural, "mấy đại hội đảng khác": the parties of the field's foreign news, named anywhere before it)
      const plural = c.foreign?.generic;
      const generic = bare && !!plural && matchAt(plural, f, strict, skipSpaces(f.folded, span![1])) !== null;
      const named = lastForeignParty(c, f, strict, noted || generic ? 0 : sentStart, gs);
      if (named) mention.foreignHolder = named;
    }
    mentions.push(mention);
  });
  for (const m of namedCommitteesOf(c, f, strict)) mentions.push(m);
  return mentions.sort((a, b) => a.start - b.start);
}

/** Syllables (and the spaces before each) between folded offsets, none across a stop. */
const SYLLABLES_ONLY = /^(?:[^\S\n]+[a-z0-9]+)*[^\S\n]*$/;

/**
 * The new committees of another organisation named with their holder inside ("Ban chấp hành Ủy ban Olympic khóa mới"):
 * a head of `namedCommittees`, right after it a holder that is not the Party's (a one-word holder only capitalised, as
 * after a committee: "BCH Hội …" not "bch hoi"), then a term within the reach, nothing but syllables between.
 */
function namedCommitteesOf(c: CompiledGatherings, f: Folded, strict: boolean): GatheringMention[] {
  const n = c.namedCommittees;
  const out: GatheringMention[] = [];
  if (!n) return out;
  scan(n.heads, f, strict, 0, f.folded.length, (hs, he) => {
    const p = skipSpaces(f.folded, he);
    const span = matchAt(c.after, f, strict, p);
    if (!span) return;
    const holder = c.holders.get(f.folded.slice(span[0], span[1]).replace(/\s+/g, ' '))!;
    if (holder.party || (c.capitalised.has(f.folded.slice(span[0], span[1])) && !capital(f, p))) return;
    let end = -1;
    scan(n.terms, f, strict, span[1], f.folded.length, (ts, te) => {
      const between = f.folded.slice(span[1], ts);
      if (SYLLABLES_ONLY.test(between) && (between.trim() ? between.trim().split(/\s+/).length : 0) <= n.reach) end = te;
      return true;
    });
    if (end < 0) return;
    const mention: GatheringMention = { start: at(f, hs), end: at(f, end), holder };
    mention.holderStart = at(f, span[0]);
    mention.holderEnd = at(f, span[1]);
    mention.holderText = f.original.slice(mention.holderStart, mention.holderEnd);
    out.push(mention);
  });
  return out;
}

/** Another organisation's name starting at folded offset `p` ("Đảng Cộng sản Trung Quốc"), or null. */
function otherNameAt(c: CompiledGatherings, f: Folded, strict: boolean, p: number): [number, number] | null {
  for (const list of [c.after, c.before]) {
    const s = matchAt(list, f, strict, p);
    if (s && !c.holders.get(f.folded.slice(s[0], s[1]).replace(/\s+/g, ' '))!.party) return s;
  }
  return null;
}

/** Folded [a, b) as written: its offsets into the text passed in and its words. */
function passage(f: Folded, a: number, b: number): Passage {
  const start = at(f, a);
  const end = at(f, b);
  return { start, end, matched: f.original.slice(start, end) };
}

/** The last foreign party (`foreign`'s kind) named in folded [from, to), or null. */
function lastForeignParty(c: CompiledGatherings, f: Folded, strict: boolean, from: number, to: number): Passage | null {
  let found: Passage | null = null;
  if (c.foreign)
    scan(c.foreign.names, f, strict, from, to, (a, b) => {
      if (b <= to) found = passage(f, a, b);
    });
  return found;
}

/** The first foreign party (`foreign`'s kind) named in a field, or null. */
function foreignPartyOf(c: CompiledGatherings, f: Folded, strict: boolean): Passage | null {
  let found: Passage | null = null;
  if (c.foreign)
    scan(c.foreign.names, f, strict, 0, f.folded.length, (a, b) => {
      found = passage(f, a, b);
      return true;
    });
  return found;
}

function evidenceOf(c: CompiledGatherings, f: Folded, strict: boolean): Passage | null {
  let evidence: Passage | null = null;
  scan(c.evidence, f, strict, 0, f.folded.length, (a, b) => {
    // another organisation's name is no Party evidence ("Đảng Cộng sản Trung Quốc" is not "Đảng Cộng sản"), nor is its
    // own ordinal congress ("Đại hội XIII Công đoàn Việt Nam")
    const other = otherNameAt(c, f, strict, a);
    if (other && other[1] > b) return false;
    if (ENDS_WITH_ORDINAL.test(f.folded.slice(a, b)) && bodyAfterOrdinal(c, f, strict, b, documentBefore(c, f, strict, a))) return false;
    if (communistNamedBefore(c, f, strict, a, b)) return false;
    evidence = passage(f, a, b);
    return true;
  });
  return evidence;
}

/**
 * Folded [a, b) is a bare word of `foreign.communist` ("đảng cộng sản") and the last foreign party named before it in the
 * field is another country's communist party ("Đại hội Đảng Cộng sản Nhật Bản … Ở Nhật cũng có đảng cộng sản đó"): that
 * party, not the Party.
 */
function communistNamedBefore(c: CompiledGatherings, f: Folded, strict: boolean, a: number, b: number): boolean {
  const communist = c.foreign?.communist;
  if (!communist?.length || !communist.includes(f.folded.slice(a, b).replace(/\s+/g, ' '))) return false;
  const named = lastForeignParty(c, f, strict, 0, a);
  if (!named) return false;
  const name = key(named.matched);
  return communist.some((p) => name.startsWith(`${p} `));
}

/**
 * Reads a text (any normalisation); offsets are into the string passed in. `strict`: the item is
 * typed with diacritics (default: this text is), so phrases match only with their accents.
 */
export function readGatherings(c: CompiledGatherings, text: string, strict?: boolean, namePrefixes?: ReadonlySet<string>): GatheringReading {
  const f = foldForReading(text, namePrefixes);
  const s = strict ?? accented(f);
  return { mentions: mentionsOf(c, f, s), evidence: evidenceOf(c, f, s), foreignParty: foreignPartyOf(c, f, s) };
}

/**
 * The verdict of otherGathering on the classifier's readings of its fields (discourse.ts
 * foldedReading, shared with the discourse reading: sentences read once), read only as far as it
 * needs: no "đại hội", or Party evidence, ends it.
 */
export function otherGatheringFolded(c: CompiledGatherings, folded: Folded[], strict: boolean): OtherGathering | null {
  let any = false;
  for (const f of folded) scan(c.gathering, f, strict, 0, f.folded.length, () => (any = true));
  // (a committee named with its holder inside, "Ban chấp hành Ủy ban Olympic khóa mới", is a mention too)
  if (!any && c.namedCommittees) any = folded.some((f) => namedCommitteesOf(c, f, strict).length > 0);
  if (!any) return null;
  for (const f of folded) if (evidenceOf(c, f, strict)) return null;
  return otherGathering(
    folded.map((f) => ({ mentions: mentionsOf(c, f, strict), evidence: null, foreignParty: foreignPartyOf(c, f, strict) })),
    c.foreign?.kind,
  );
}

/** Whether any "đại hội" of the fields is held by another organisation ("Đại hội Công đoàn cơ sở", "công ty … đại hội"). */
export function heldByOther(c: CompiledGatherings, folded: Folded[], strict: boolean): boolean {
  return folded.some((f) => mentionsOf(c, f, strict).some((m) => m.holder && !m.holder.party));
}

/** An item about another organisation's gathering: the mention that shows it, in its field. */
export interface OtherGathering {
  /** 0 title, 1 text. */
  field: number;
  mention: GatheringMention & { holder: { party: false; kind: string } };
}

/**
 * The item's verdict from its fields' readings (title, text): another organisation's gathering
 * when every "đại hội" it mentions is held by another organisation — a bare one stands for the
 * gathering the item names — and no Party evidence is anywhere; else null (a Party holder, no
 * holder named at all, or Party evidence).
 */
export function otherGathering(fields: GatheringReading[], foreignKind?: string): OtherGathering | null {
  if (fields.some((f) => f.evidence)) return null;
  // a translation of foreign news: the bare "đại hội đảng" and the translator's notes are the party named before them
  // (in their sentence, before the note, or in the title)
  if (foreignKind) {
    const holder = { party: false as const, kind: foreignKind };
    const title = fields.length > 1 ? fields[0].foreignParty : null;
    fields = fields.map((f, i) => ({
      ...f,
      mentions: f.mentions.map((m) => {
        if (!m.foreignParty || (m.holder && !m.holder.party)) return m;
        const party = m.foreignHolder ?? (i > 0 ? title : null);
        if (!party) return m;
        return { ...m, holder, holderText: party.matched, holderStart: party.start, holderEnd: party.end, holderField: m.foreignHolder ? i : 0 };
      }),
    }));
  }
  const mentions = fields.flatMap((f) => f.mentions);
  // a bare "Đại hội" ("Đại hội bầu Ban Chấp hành ...") is the gathering named before it (else the one named next)
  if (!mentions.some((m) => m.holder)) return null;
  for (const m of mentions) if (m.holder?.party) return null;
  for (let field = 0; field < fields.length; field++)
    for (const m of fields[field].mentions) if (m.holder) return { field: m.holderField ?? field, mention: m as OtherGathering['mention'] };
  return null;
}

/**
 * A congress decision overridden for another organisation's gathering: not congress-related, the
 * shown score kept below the threshold, and an explanation at the holder's words. Decisions that
 * are already negative are returned as they are.
 */
export function overrideForOtherGathering(c: Classification, other: OtherGathering | null, threshold: number): Classification {
  if (!other || !c.congress) return c;
  const m = other.mention;
  const explanation: Explanation = {
    kind: 'negative',
    term: `whose gathering: ${m.holder.kind}`,
    matched: m.holderText!,
    weight: 0,
    field: other.field === 0 ? 'title' : 'text',
    start: m.holderStart!,
    end: m.holderEnd!,
    note: `every "đại hội" of the item is held by another organisation (${m.holder.kind}), and nothing in it names the Party's congresses or bodies: not congress-related`,
  };
  return notCongressRelated(c, explanation, threshold);
}

/** A congress decision overridden after the scores: not congress-related, the shown score kept below the threshold, `why` added. */
export function notCongressRelated(c: Classification, why: Explanation, threshold: number): Classification {
  return {
    ...c,
    congress: false,
    distortion: false,
    scores: { congress: Math.min(c.scores.congress, Math.round((threshold - 0.001) * 1000) / 1000), distortion: c.scores.distortion },
    explanations: [...c.explanations, why],
  };
}
