/**
 * Turns a prepared text into a stream of syllable ids for the automata, expanding social-media
 * abbreviations and teencode on the way (ĐH → đại hội, BCH TW → Ban Chấp hành Trung ương, ko →
 * không ...). Each stream entry remembers the original token(s) it came from, so offsets of a match
 * that went through an expansion still point at the abbreviation in the original text.
 *
 * The ids come from the tokeniser when the text was prepared with the vocabulary's trie (no string
 * is made per syllable); the abbreviations are looked up by id too (bind()).
 */
import { NO_SYMBOL, type Vocabulary } from './automaton.ts';
import {
  accentKey,
  accentKeyOfRange,
  canonFolded,
  isISpelling,
  type PreparedText,
  TOK_DIACRITIC,
  TOK_DIGITS,
  tokenSpan,
  tokenText,
  toOriginal,
} from './text.ts';

/**
 * Canonical form of a folded syllable for lookups: "ky" and "ki" (kỳ/kì, lý/lí, mỹ/mĩ) are spelling
 * variants of the same syllable after a consonant, so both become "...i".
 */
export function canonSyllable(folded: string): string {
  return canonFolded(folded);
}

function canonKey(k: { key: string; bare: boolean }): { key: string; bare: boolean } {
  const hat = k.key.slice(0, -1);
  if (!isISpelling(hat)) return k;
  return { key: `${hat.slice(0, -1)}i${k.key.slice(-1)}`, bare: k.bare };
}

/** Accent key with the same i/y canonicalisation. */
export function canonAccentKey(syllable: string): { key: string; bare: boolean } {
  return canonKey(accentKey(syllable));
}

export interface AbbreviationEntry {
  /** Forms as written in the config (one or more syllables each). */
  forms: string[];
  expansion: string;
  /** "folded": any case, with or without diacritics; "exact": only the forms exactly as written. */
  match: 'folded' | 'exact';
  /** The form heads a name ("TP. Pleiku", "Q. 3"): a dot after it, before the name, ends no sentence. */
  beforeName?: boolean;
  note?: string;
}

/** The forms that head a name (`beforeName`), as written, NFC: their dot ends no sentence (text.ts dotHeadsName). */
export function namePrefixesOf(entries: AbbreviationEntry[]): ReadonlySet<string> {
  return new Set(entries.filter((a) => a.beforeName).flatMap((a) => a.forms.map((f) => f.normalize('NFC'))));
}

interface TrieNode {
  children: Map<string, TrieNode>;
  entry?: { expansion: string[]; keys: Array<string | null>; exact: Set<string> | null; abbr: string };
}

/** The same trie over vocabulary ids (built for one vocabulary). */
interface IdNode {
  children: Map<number, IdNode>;
  entry?: { ids: Int32Array; expansion: string[]; keys: Array<string | null>; exact: Set<string> | null };
}

export interface SymbolStream {
  length: number;
  /** Vocabulary id, or NO_SYMBOL for unknown syllables and clause breaks. */
  sym: Int32Array;
  /** First and last source token of each entry (-1 for breaks). */
  tokFirst: Int32Array;
  tokLast: Int32Array;
  /** 1 when the entry comes from an abbreviation expansion. */
  expanded: Uint8Array;
  /** Folded canonical syllable of each entry. */
  text: string[];
  /** Stream position of each token's first entry. */
  posOfToken: Int32Array;
  /** Accent key of the expansion syllable at an expanded entry, as the expansion writes it (null: written bare). */
  expansionKey(k: number): string | null;
}

/** Reusable arrays for streams built one after the other (see TextBuffers). */
export class StreamBuffers {
  sym = new Int32Array(64);
  tokFirst = new Int32Array(64);
  tokLast = new Int32Array(64);
  expanded = new Uint8Array(64);
  posOfToken = new Int32Array(64);
  ids = new Int32Array(64);

  entriesFor(cap: number, keep: number): void {
    if (this.sym.length >= cap) return;
    const size = Math.max(cap, this.sym.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(size);
      if (keep) b.set(a.subarray(0, keep));
      return b;
    };
    this.sym = grow(this.sym);
    this.tokFirst = grow(this.tokFirst);
    this.tokLast = grow(this.tokLast);
    this.expanded = grow(this.expanded);
  }
  tokensFor(n: number): void {
    if (this.posOfToken.length < n) {
      this.posOfToken = new Int32Array(Math.max(n, this.posOfToken.length * 2));
      this.ids = new Int32Array(this.posOfToken.length);
    }
  }
}

class Stream implements SymbolStream {
  private texts: string[] | null = null;
  constructor(
    private readonly prepared: PreparedText,
    readonly length: number,
    readonly sym: Int32Array,
    readonly tokFirst: Int32Array,
    readonly tokLast: Int32Array,
    readonly expanded: Uint8Array,
    readonly posOfToken: Int32Array,
    /** Expansion syllables of expanded entries, by position (null when nothing was expanded). */
    private readonly expansionText: Map<number, string> | null,
    private readonly expansionKeys: Map<number, string | null> | null,
  ) {}

  expansionKey(k: number): string | null {
    return this.expansionKeys?.get(k) ?? null;
  }

  get text(): string[] {
    if (!this.texts) {
      const out = new Array<string>(this.length);
      for (let k = 0; k < this.length; k++) {
        if (this.expanded[k]) out[k] = this.expansionText!.get(k)!;
        else if (this.tokFirst[k] < 0) out[k] = '';
        else out[k] = canonSyllable(tokenText(this.prepared, this.tokFirst[k]));
      }
      this.texts = out;
    }
    return this.texts;
  }
}

export class AbbreviationTable {
  private readonly root: TrieNode = { children: new Map() };
  readonly size: number;
  private bound: Vocabulary | null = null;
  private idRoot: IdNode = { children: new Map() };
  /** firstIds[id] = 1 when an abbreviation starts with that syllable. */
  private firstIds = new Uint8Array(0);

  constructor(entries: AbbreviationEntry[], foldedSyllables: (s: string) => string[]) {
    let size = 0;
    for (const entry of entries) {
      const expansion = foldedSyllables(entry.expansion).map(canonSyllable);
      // the expansion's accents, so "bầu BCH" (bầu Ban) is not the cue "bầu bán"; unknown when the
      // expansion is written without any (then it matches any accents) or its words do not line up
      const written = entry.expansion.normalize('NFC').trim().split(/\s+/).map(canonAccentKey);
      const accented = written.length === expansion.length && written.some((k) => !k.bare);
      const keys = accented ? written.map((k) => k.key) : expansion.map(() => null);
      for (const form of entry.forms) {
        const syllables = foldedSyllables(form).map(canonSyllable);
        if (!syllables.length) continue;
        let node = this.root;
        for (const s of syllables) {
          let child = node.children.get(s);
          if (!child) node.children.set(s, (child = { children: new Map() }));
          node = child;
        }
        const exact = entry.match === 'exact' ? new Set(node.entry?.exact ?? []) : null;
        if (exact) exact.add(form.normalize('NFC').replace(/\s+/g, ' '));
        node.entry = { expansion, keys, exact, abbr: entry.forms[0] };
        size++;
      }
    }
    this.size = size;
  }

  /**
   * Gives every syllable of the abbreviations and expansions an id in `vocabulary` (adding the
   * missing ones) and builds the trie over ids. Call before building automata on the vocabulary
   * (stream() binds on first use otherwise; ids added after an automaton was built reset it).
   */
  bind(vocabulary: Vocabulary): void {
    const convert = (node: TrieNode): IdNode => {
      const out: IdNode = { children: new Map() };
      for (const [s, child] of node.children) out.children.set(vocabulary.add(s), convert(child));
      if (node.entry) {
        const ids = Int32Array.from(node.entry.expansion.map((s) => vocabulary.add(s)));
        out.entry = { ids, expansion: node.entry.expansion, keys: node.entry.keys, exact: node.entry.exact };
      }
      return out;
    };
    this.idRoot = convert(this.root);
    this.firstIds = new Uint8Array(vocabulary.size);
    for (const id of this.idRoot.children.keys()) this.firstIds[id] = 1;
    this.bound = vocabulary;
  }

  /** Longest abbreviation starting at token i: [tokens consumed, expansion] or null. */
  private lookup(prepared: PreparedText, ids: Int32Array, i: number): [number, IdNode['entry'] & object] | null {
    let node: IdNode | undefined = this.idRoot;
    let best: [number, IdNode['entry'] & object] | null = null;
    for (let j = i; j < prepared.count && node; j++) {
      if (j > i && prepared.tokClause[j] !== prepared.tokClause[i]) break;
      const id = ids[j];
      node = id < 0 ? undefined : node.children.get(id);
      if (!node) break;
      if (node.entry) {
        if (node.entry.exact) {
          const [s, e] = tokenSpan(prepared, i, j);
          const written = prepared.original.slice(s, e).normalize('NFC').replace(/\s+/g, ' ');
          if (!node.entry.exact.has(written)) continue;
        }
        best = [j - i + 1, node.entry];
      }
    }
    return best;
  }

  /** Vocabulary ids of the canonical syllables of a prepared text's tokens. */
  private tokenIds(prepared: PreparedText, vocabulary: Vocabulary, buffers: StreamBuffers | null): Int32Array {
    if (prepared.trie === vocabulary.currentTrie) return prepared.tokSym;
    const n = prepared.count;
    const ids = buffers ? buffers.ids : new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = vocabulary.get(canonSyllable(tokenText(prepared, i)));
    return ids;
  }

  /** Builds the symbol stream of a prepared text (into `buffers` when given: valid until they are reused). */
  stream(prepared: PreparedText, vocabulary: Vocabulary, buffers: StreamBuffers | null = null): SymbolStream {
    if (this.size && this.bound !== vocabulary) this.bind(vocabulary);
    const n = prepared.count;
    const bufs = buffers ?? new StreamBuffers();
    bufs.tokensFor(n + 1);
    const ids = this.tokenIds(prepared, vocabulary, bufs);
    let cap = n + (n >> 2) + 8;
    bufs.entriesFor(cap, 0);
    let { sym, tokFirst, tokLast, expanded } = bufs;
    cap = sym.length;
    const posOfToken = bufs.posOfToken;
    const tokClause = prepared.tokClause;
    const firstIds = this.firstIds;
    const abbreviations = this.size > 0;
    let expansionText: Map<number, string> | null = null;
    let expansionKeys: Map<number, string | null> | null = null;
    let len = 0;
    let i = 0;
    while (i < n) {
      // room for a break, and for the longest expansion
      if (len + 64 >= cap) {
        bufs.entriesFor(cap * 2, len);
        ({ sym, tokFirst, tokLast, expanded } = bufs);
        cap = sym.length;
      }
      if (i > 0 && tokClause[i] !== tokClause[i - 1]) {
        sym[len] = NO_SYMBOL;
        tokFirst[len] = -1;
        tokLast[len] = -1;
        expanded[len] = 0;
        len++;
      }
      posOfToken[i] = len;
      const id = ids[i];
      if (abbreviations && id >= 0 && firstIds[id]) {
        const hit = this.lookup(prepared, ids, i);
        if (hit) {
          const [consumed, entry] = hit;
          const last = i + consumed - 1;
          if (len + entry.ids.length + 1 >= cap) {
            bufs.entriesFor(len + entry.ids.length + 64, len);
            ({ sym, tokFirst, tokLast, expanded } = bufs);
            cap = sym.length;
          }
          expansionText ??= new Map();
          expansionKeys ??= new Map();
          for (let k = 0; k < entry.ids.length; k++) {
            sym[len] = entry.ids[k];
            tokFirst[len] = i;
            tokLast[len] = last;
            expanded[len] = 1;
            expansionText.set(len, entry.expansion[k]);
            expansionKeys.set(len, entry.keys[k]);
            len++;
          }
          for (let j = i + 1; j <= last; j++) posOfToken[j] = posOfToken[i];
          i = last + 1;
          continue;
        }
      }
      sym[len] = id;
      tokFirst[len] = i;
      tokLast[len] = i;
      expanded[len] = 0;
      len++;
      i++;
    }
    posOfToken[n] = len;
    return new Stream(prepared, len, sym, tokFirst, tokLast, expanded, posOfToken, expansionText, expansionKeys);
  }
}

/** Caches accent keys of the tokens of one prepared text (computed only for tokens in a match). */
export class AccentCache {
  private keys: Array<{ key: string; bare: boolean } | undefined> = [];
  /** keys[token] is valid when stamps[token] === epoch (the arrays are reused by reset()). */
  private stamps = new Int32Array(0);
  private epoch = 1;
  /**
   * Lenient: the text is typed without diacritics, so a bare syllable ("dang") may stand for any
   * accented one ("đảng"). Otherwise a bare syllable is a word of its own ("Ban" is not "bán").
   */
  lenient = false;
  /** Per clause: 1 when the clause is typed without diacritics (computed on first need per text). */
  private bareClauses = new Uint8Array(0);
  private bareEpoch = 0;
  constructor(private prepared: PreparedText) {}

  /**
   * The clause of `token` is typed without diacritics although the text is not (a post that
   * drops them halfway: "... bị hoãn, chua co nguoi lam bi thu"): its bare syllables may stand
   * for accented ones too. A clause counts from 4 syllables (digits aside), under 10 % marked.
   */
  bareClause(token: number): boolean {
    const p = this.prepared;
    if (this.bareEpoch !== this.epoch) {
      const clauses = p.count ? p.tokClause[p.count - 1] + 1 : 0;
      if (this.bareClauses.length < clauses * 2) this.bareClauses = new Uint8Array(Math.max(64, clauses * 2));
      const counts = this.bareClauses;
      counts.fill(0, 0, clauses * 2);
      for (let t = 0; t < p.count; t++) {
        if (p.tokFlags[t] & TOK_DIGITS) continue;
        const c = p.tokClause[t] * 2;
        if (counts[c] < 255) counts[c]++;
        if (p.tokFlags[t] & TOK_DIACRITIC && counts[c + 1] < 255) counts[c + 1]++;
      }
      for (let c = 0; c < clauses; c++) counts[c] = counts[c * 2] >= 4 && counts[c * 2 + 1] * 10 < counts[c * 2] ? 1 : 0;
      this.bareEpoch = this.epoch;
    }
    return this.bareClauses[p.tokClause[token]] === 1;
  }

  /** Reuses this cache (and its arrays) for another prepared text. */
  reset(prepared: PreparedText): this {
    this.prepared = prepared;
    this.lenient = false;
    if (++this.epoch === 0x7fffffff) {
      this.epoch = 1;
      this.stamps.fill(0);
    }
    return this;
  }

  get(token: number): { key: string; bare: boolean } {
    if (token >= this.stamps.length) {
      const grown = new Int32Array(Math.max(token + 1, this.prepared.count, this.stamps.length * 2));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    if (this.stamps[token] === this.epoch) return this.keys[token]!;
    const p = this.prepared;
    const k = canonKey(accentKeyOfRange(p.original, toOriginal(p, p.tokStart[token]), toOriginal(p, p.tokEnd[token])));
    while (this.keys.length <= token) this.keys.push(undefined);
    this.keys[token] = k;
    this.stamps[token] = this.epoch;
    return k;
  }
}
