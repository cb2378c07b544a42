/**
 * Turns a prepared text into a stream of syllable ids for the automata, expanding social-media
 * abbreviations and teencode on the way (ĐH → đại hội, BCH TW → Ban Chấp hành Trung ương, ko →
 * không ...). Each stream entry remembers the original token(s) it came from, so offsets of a match
 * that went through an expansion still point at the abbreviation in the original text.
 */
import { NO_SYMBOL, type Vocabulary } from './automaton.ts';
import { accentKey, type PreparedText, tokenSpan } from './text.ts';

const I_SPELLING = /^(b|c|d|g|h|k|l|m|n|p|r|s|t|v|x|ch|gh|kh|nh|ph|th|tr)y$/;

/**
 * Canonical form of a folded syllable for lookups: "ky" and "ki" (kỳ/kì, lý/lí, mỹ/mĩ) are spelling
 * variants of the same syllable after a consonant, so both become "...i".
 */
export function canonSyllable(folded: string): string {
  return folded.length <= 3 && folded.charCodeAt(folded.length - 1) === 0x79 && I_SPELLING.test(folded) ? `${folded.slice(0, -1)}i` : folded;
}

/** Accent key with the same i/y canonicalisation. */
export function canonAccentKey(syllable: string): { key: string; bare: boolean } {
  const k = accentKey(syllable);
  const hat = k.key.slice(0, -1);
  const tone = k.key.slice(-1);
  const canon = hat.length <= 3 && I_SPELLING.test(hat) ? `${hat.slice(0, -1)}i` : hat;
  return { key: canon + tone, bare: k.bare };
}

export interface AbbreviationEntry {
  /** Forms as written in the config (one or more syllables each). */
  forms: string[];
  expansion: string;
  /** "folded": any case, with or without diacritics; "exact": only the forms exactly as written. */
  match: 'folded' | 'exact';
  note?: string;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  entry?: { expansion: string[]; exact: Set<string> | null; abbr: string };
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
}

export class AbbreviationTable {
  private readonly root: TrieNode = { children: new Map() };
  private readonly firsts = new Set<string>();
  readonly size: number;

  constructor(entries: AbbreviationEntry[], foldedSyllables: (s: string) => string[]) {
    let size = 0;
    for (const entry of entries) {
      const expansion = foldedSyllables(entry.expansion).map(canonSyllable);
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
        node.entry = { expansion, exact, abbr: entry.forms[0] };
        this.firsts.add(syllables[0]);
        size++;
      }
    }
    this.size = size;
  }

  /** Longest abbreviation starting at token i: [tokens consumed, expansion syllables] or null. */
  private lookup(prepared: PreparedText, canon: string[], i: number): [number, string[]] | null {
    if (!this.firsts.has(canon[i])) return null;
    let node: TrieNode | undefined = this.root;
    let best: [number, string[]] | null = null;
    for (let j = i; j < prepared.count && node; j++) {
      if (j > i && prepared.tokClause[j] !== prepared.tokClause[i]) break;
      node = node.children.get(canon[j]);
      if (!node) break;
      if (node.entry) {
        if (node.entry.exact) {
          const [s, e] = tokenSpan(prepared, i, j);
          const written = prepared.original.slice(s, e).normalize('NFC').replace(/\s+/g, ' ');
          if (!node.entry.exact.has(written)) continue;
        }
        best = [j - i + 1, node.entry.expansion];
      }
    }
    return best;
  }

  /** Builds the symbol stream of a prepared text. */
  stream(prepared: PreparedText, vocabulary: Vocabulary): SymbolStream {
    const n = prepared.count;
    const canon = new Array<string>(n);
    for (let i = 0; i < n; i++) canon[i] = canonSyllable(prepared.tokText[i]);
    let cap = n + (n >> 2) + 8;
    let sym = new Int32Array(cap);
    let tokFirst = new Int32Array(cap);
    let tokLast = new Int32Array(cap);
    let expanded = new Uint8Array(cap);
    const text: string[] = [];
    const posOfToken = new Int32Array(n + 1);
    let len = 0;
    const push = (id: number, first: number, last: number, exp: number, t: string) => {
      if (len === cap) {
        cap *= 2;
        const s2 = new Int32Array(cap);
        s2.set(sym);
        sym = s2;
        const f2 = new Int32Array(cap);
        f2.set(tokFirst);
        tokFirst = f2;
        const l2 = new Int32Array(cap);
        l2.set(tokLast);
        tokLast = l2;
        const e2 = new Uint8Array(cap);
        e2.set(expanded);
        expanded = e2;
      }
      sym[len] = id;
      tokFirst[len] = first;
      tokLast[len] = last;
      expanded[len] = exp;
      text.push(t);
      len++;
    };
    let i = 0;
    while (i < n) {
      if (i > 0 && prepared.tokClause[i] !== prepared.tokClause[i - 1]) push(NO_SYMBOL, -1, -1, 0, '');
      posOfToken[i] = len;
      const hit = this.size ? this.lookup(prepared, canon, i) : null;
      if (hit) {
        const [consumed, expansion] = hit;
        const last = i + consumed - 1;
        for (const s of expansion) push(vocabulary.get(s), i, last, 1, s);
        for (let j = i + 1; j <= last; j++) posOfToken[j] = posOfToken[i];
        i = last + 1;
        continue;
      }
      push(vocabulary.get(canon[i]), i, i, 0, canon[i]);
      i++;
    }
    posOfToken[n] = len;
    return { length: len, sym, tokFirst, tokLast, expanded, text, posOfToken };
  }
}

/** Caches accent keys of the tokens of one prepared text (computed only for tokens in a match). */
export class AccentCache {
  private readonly keys: Array<{ key: string; bare: boolean } | undefined>;
  /**
   * Lenient: the text is typed without diacritics, so a bare syllable ("dang") may stand for any
   * accented one ("đảng"). Otherwise a bare syllable is a word of its own ("Ban" is not "bán").
   */
  lenient = false;
  constructor(private readonly prepared: PreparedText) {
    this.keys = new Array(prepared.count);
  }
  get(token: number): { key: string; bare: boolean } {
    let k = this.keys[token];
    if (!k) {
      const [s, e] = tokenSpan(this.prepared, token, token);
      k = canonAccentKey(this.prepared.original.slice(s, e));
      this.keys[token] = k;
    }
    return k;
  }
}
