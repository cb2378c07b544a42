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
import { at, foldForReading, matchesOf, sentences, words, type Folded, type Matcher } from './discourse.ts';
import { foldVietnamese } from './fold.ts';

const phrases = z.array(z.string().min(1));

export const gatheringsSchema = z
  .object({
    gathering: phrases.min(1),
    skip: phrases,
    window: z.number().int().min(0),
    towards: phrases,
    party: z.object({ after: phrases.min(1), before: phrases, evidence: phrases }).strict(),
    others: z.array(z.object({ kind: z.string().min(1), after: phrases.min(1), before: phrases }).strict()).min(1),
  })
  .strict();

export type GatheringMarkers = z.infer<typeof gatheringsSchema>;

/** Who holds a gathering: the Party, another organisation (of `kind`), or nobody named. */
type Holder = { party: true } | { party: false; kind: string };

export interface CompiledGatherings {
  window: number;
  gathering: Matcher;
  skip: Matcher;
  towards: Matcher;
  after: Matcher;
  before: Matcher;
  evidence: Matcher;
  /** Holder of each folded phrase of `after` and `before`. */
  holders: Map<string, Holder>;
}

function key(phrase: string): string {
  return foldVietnamese(phrase).trim().replace(/\s+/g, ' ');
}

export function compileGatherings(m: GatheringMarkers): CompiledGatherings {
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
  add([...m.party.after, ...m.party.before], { party: true });
  for (const o of m.others) add([...o.after, ...o.before], { party: false, kind: o.kind });
  return {
    window: m.window,
    gathering: words(m.gathering),
    skip: words(m.skip),
    towards: words(m.towards),
    after: words([...m.party.after, ...m.others.flatMap((o) => o.after)]),
    before: words([...m.party.before, ...m.others.flatMap((o) => o.before)]),
    evidence: words(m.party.evidence),
    holders,
  };
}

/** One "đại hội" and its holder; offsets into the text passed in. */
export interface GatheringMention {
  start: number;
  end: number;
  /** null: no holder named after it nor before it in its sentence. */
  holder: Holder | null;
  /** The holder's words as written (with its offsets), when one was read. */
  holderText?: string;
  holderStart?: number;
  holderEnd?: number;
}

export interface GatheringReading {
  mentions: GatheringMention[];
  /** The first Party evidence outside another organisation's name ("đảng bộ", "Tỉnh ủy", "Đại hội XIII"), or null. */
  evidence: { start: number; end: number; matched: string } | null;
}

const SPACE = /\s/;
const NUMBER = /(?:\d+|[ivxlc]+)(?![a-z0-9])/y;

/** The longest match of `spans` starting at folded offset `p` (spans sorted by start). */
function longestAt(spans: Array<[number, number]>, p: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const s of spans) if (s[0] === p && (!best || s[1] > best[1])) best = s;
  return best;
}

function skipSpaces(text: string, p: number): number {
  while (p < text.length && SPACE.test(text[p])) p++;
  return p;
}

/** The holder named after a gathering word: past the skipped words, the longest holder phrase. */
function holderAfter(c: CompiledGatherings, f: Folded, strict: boolean, from: number): [number, number] | null {
  const after = found(c.after, f, strict);
  const skip = found(c.skip, f, strict);
  let p = skipSpaces(f.folded, from);
  for (;;) {
    const holder = longestAt(after, p);
    if (holder) return holder;
    const skipped = longestAt(skip, p);
    if (skipped) {
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
 * The nearest holder named before a gathering word in its sentence, within the window, unless a
 * word between says the holder greets, serves or attends it (`towards`: it is someone else's).
 */
function holderBefore(c: CompiledGatherings, f: Folded, strict: boolean, sentStart: number, at: number): [number, number] | null {
  let best: [number, number] | null = null;
  for (const s of found(c.before, f, strict))
    if (s[0] >= sentStart && s[1] <= at && (!best || s[1] > best[1] || (s[1] === best[1] && s[0] < best[0]))) best = s;
  if (!best) return null;
  const [from, to] = [best[1], at];
  if (found(c.towards, f, strict).some(([a, b]) => a >= from && b <= to)) return null;
  return f.folded.slice(from, to).trim().split(/\s+/).filter(Boolean).length <= c.window ? best : null;
}

/** Below this share of marked letters a text counts as typed without diacritics (as in the classifier). */
const LENIENT_BELOW = 0.08;
const LETTER = /\p{L}/u;

/**
 * Whether a text is typed with diacritics: then a phrase matches only as written in the list.
 * (matchesOf lets an unmarked word stand for any form, so "đang" would be "đảng" in accented text.)
 */
function accented(f: Folded): boolean {
  let letters = 0;
  let marked = 0;
  for (let i = 0; i < f.folded.length; i++) {
    const ch = f.folded[i];
    if (!LETTER.test(ch)) continue;
    letters++;
    if (f.original[at(f, i)] !== ch) marked += f.original[at(f, i)].toLowerCase() === ch ? 0 : 1;
  }
  return letters > 0 && marked / letters >= LENIENT_BELOW;
}

/** Matches of a list; in accented text, only those written as a listed form. */
function found(m: Matcher, f: Folded, strict: boolean): Array<[number, number]> {
  const all = matchesOf(m, f);
  if (!strict) return all;
  return all.filter(([a, b]) =>
    m.accented.get(f.folded.slice(a, b).replace(/\s+/g, ' '))?.has(f.original.slice(at(f, a), at(f, b)).normalize('NFC').toLowerCase().replace(/\s+/g, ' ')),
  );
}

function read(c: CompiledGatherings, f: Folded, strict: boolean): GatheringReading {
  const mentions: GatheringMention[] = [];
  const gatherings = found(c.gathering, f, strict);
  if (!gatherings.length) return { mentions, evidence: null };
  const sents = sentences(f.folded);
  const otherNames: Array<[number, number]> = [];
  for (const [gs, ge] of gatherings) {
    const sentStart = sents.find(([, e]) => e >= ge)?.[0] ?? 0;
    const span = holderAfter(c, f, strict, ge) ?? holderBefore(c, f, strict, sentStart, gs);
    const mention: GatheringMention = { start: at(f, gs), end: at(f, ge), holder: null };
    if (span) {
      mention.holder = c.holders.get(f.folded.slice(span[0], span[1]).replace(/\s+/g, ' '))!;
      mention.holderStart = at(f, span[0]);
      mention.holderEnd = at(f, span[1]);
      mention.holderText = f.original.slice(mention.holderStart, mention.holderEnd);
    }
    mentions.push(mention);
  }
  // another organisation's name is no Party evidence ("Đảng Cộng sản Trung Quốc" is not "Đảng Cộng sản")
  for (const list of [c.after, c.before])
    for (const s of found(list, f, strict)) if (!c.holders.get(f.folded.slice(s[0], s[1]).replace(/\s+/g, ' '))!.party) otherNames.push(s);
  for (const [a, b] of found(c.evidence, f, strict)) {
    if (otherNames.some(([x, y]) => x < b && a < y && y - x > b - a)) continue;
    return { mentions, evidence: { start: at(f, a), end: at(f, b), matched: f.original.slice(at(f, a), at(f, b)) } };
  }
  return { mentions, evidence: null };
}

/**
 * Reads a text (any normalisation); offsets are into the string passed in. `strict`: the item is
 * typed with diacritics (default: this text is), so phrases match only with their accents.
 */
export function readGatherings(c: CompiledGatherings, text: string, strict?: boolean): GatheringReading {
  const f = foldForReading(text);
  return read(c, f, strict ?? accented(f));
}

/** The same reading on text already folded by the classifier (text.ts), with its offset map. */
export function readGatheringsFolded(
  c: CompiledGatherings,
  folded: string,
  original: string,
  toOriginal: ArrayLike<number> | null,
  strict: boolean,
): GatheringReading {
  return read(c, { folded, original, toOriginal, cache: new Map() }, strict);
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
export function otherGathering(fields: GatheringReading[]): OtherGathering | null {
  if (fields.some((f) => f.evidence)) return null;
  const mentions = fields.flatMap((f) => f.mentions);
  // a bare "Đại hội" ("Đại hội bầu Ban Chấp hành ...") is the gathering named before it (else the one named next)
  if (!mentions.some((m) => m.holder)) return null;
  for (const m of mentions) if (m.holder?.party) return null;
  for (let field = 0; field < fields.length; field++)
    for (const m of fields[field].mentions) if (m.holder) return { field, mention: m as OtherGathering['mention'] };
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
  return {
    ...c,
    congress: false,
    distortion: false,
    scores: { congress: Math.min(c.scores.congress, Math.round((threshold - 0.001) * 1000) / 1000), distortion: c.scores.distortion },
    explanations: [...c.explanations, explanation],
  };
}
