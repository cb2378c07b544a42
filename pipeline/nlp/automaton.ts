/**
 * Aho-Corasick automaton over syllable ids. Patterns are sequences of vocabulary ids (one id per
 * folded syllable), so a match always starts and ends on syllable boundaries: "hội" never matches
 * inside "xã hội" unless the lexicon says "xã hội". Built once per lexicon (or once for every
 * lexicon of a classifier, see PhraseMatcher in lexicon.ts); matching is one pass.
 */
import { canonFolded, isISpelling, SyllableTrie } from './text.ts';

/** Maps folded syllables to small integer ids, shared by every automaton of a classifier. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private trieCache: SyllableTrie | null = null;

  /** Id of a syllable, adding it when absent. */
  add(syllable: string): number {
    let id = this.ids.get(syllable);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(syllable, id);
      this.trieCache = null;
    }
    return id;
  }

  /** Id of a syllable, or -1 when no lexicon uses it. */
  get(syllable: string): number {
    const id = this.ids.get(syllable);
    return id === undefined ? -1 : id;
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Character trie from a token's folded spelling to the id of its canonical syllable
   * (vocabulary.get(canonSyllable(token))): "ky" is read as "ki". Rebuilt after the vocabulary grows.
   */
  trie(): SyllableTrie {
    if (!this.trieCache) {
      const entries: Array<[string, number]> = [];
      for (const [s, id] of this.ids) {
        if (canonFolded(s) === s) entries.push([s, id]);
        if (s.length && s.charCodeAt(s.length - 1) === 0x69) {
          const y = `${s.slice(0, -1)}y`;
          if (isISpelling(y)) entries.push([y, id]);
        }
      }
      this.trieCache = new SyllableTrie(entries);
    }
    return this.trieCache;
  }

  /** The current trie if it has been built and the vocabulary has not grown since. */
  get currentTrie(): SyllableTrie | null {
    return this.trieCache;
  }
}

/** Symbol that matches nothing and resets the automaton (unknown syllable, phrase break). */
export const NO_SYMBOL = -1;

export interface AutomatonMatch {
  pattern: number;
  /** Inclusive positions in the symbol stream. */
  first: number;
  last: number;
}

/** Matches of one scan: pattern index and last stream position of each, in stream order. */
export class MatchBuffer {
  count = 0;
  pattern = new Int32Array(64);
  last = new Int32Array(64);

  push(pattern: number, last: number): void {
    if (this.count === this.pattern.length) this.grow(this.count + 1);
    this.pattern[this.count] = pattern;
    this.last[this.count] = last;
    this.count++;
  }

  /** Makes room for at least `size` matches. */
  grow(size: number): void {
    if (size <= this.pattern.length) return;
    const cap = Math.max(size, this.pattern.length * 2);
    const p = new Int32Array(cap);
    p.set(this.pattern.subarray(0, this.count));
    this.pattern = p;
    const l = new Int32Array(cap);
    l.set(this.last.subarray(0, this.count));
    this.last = l;
  }
}

/** Above this many table entries (states × symbols) the automaton keeps sparse transitions. */
const DENSE_LIMIT = 4_000_000;

export class SyllableAutomaton {
  /** Trie under construction: key state * stride + symbol → state. */
  private readonly goto = new Map<number, number>();
  private states = 1;
  private readonly own: number[][] = [[]];
  private readonly lengths: number[] = [];
  private readonly stride: number;
  private built = false;

  // Compiled form (typed arrays):
  /** Transitions out of the root, dense (most steps start there). */
  private rootNext = new Int32Array(0);
  /** Transitions out of other states: childSym/childTo[childStart[s] .. childStart[s + 1]), by symbol. */
  private childStart = new Int32Array(0);
  private childSym = new Int32Array(0);
  private childTo = new Int32Array(0);
  private fail = new Int32Array(0);
  /** Patterns reported at a state (its own, then those of its dictionary-suffix states): outPat[outStart[s] .. outStart[s + 1]). */
  private outStart = new Int32Array(0);
  private outPat = new Int32Array(0);
  private patternLength = new Int32Array(0);
  /**
   * Full transition table (failure links folded in): delta[state * stride + symbol], when it is
   * small enough (DENSE_LIMIT); then a step is one table read.
   */
  private delta: Uint16Array | Int32Array | null = null;

  constructor(vocabularySize: number) {
    this.stride = Math.max(1, vocabularySize) + 1;
  }

  get patterns(): number {
    return this.lengths.length;
  }

  /** Length (in syllables) of pattern p. */
  lengthOf(p: number): number {
    return this.lengths[p];
  }

  /** Adds a pattern (sequence of syllable ids); returns its index. */
  add(symbols: number[]): number {
    if (this.built) throw new Error('automaton already built');
    if (!symbols.length) throw new Error('empty pattern');
    let state = 0;
    for (const sym of symbols) {
      if (sym < 0 || sym >= this.stride - 1) throw new Error(`symbol ${sym} outside the vocabulary`);
      const key = state * this.stride + sym;
      let to = this.goto.get(key);
      if (to === undefined) {
        to = this.states++;
        this.own.push([]);
        this.goto.set(key, to);
      }
      state = to;
    }
    const index = this.lengths.length;
    this.lengths.push(symbols.length);
    this.own[state].push(index);
    return index;
  }

  /** Computes failure and dictionary links (breadth first) and compiles the tables. */
  build(): this {
    const n = this.states;
    const stride = this.stride;
    const children: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
    for (const [key, to] of this.goto) children[Math.floor(key / stride)].push([key % stride, to]);
    for (const list of children) list.sort((a, b) => a[0] - b[0]);
    const childStart = new Int32Array(n + 1);
    for (let s = 0; s < n; s++) childStart[s + 1] = childStart[s] + (s === 0 ? 0 : children[s].length);
    const childSym = new Int32Array(childStart[n]);
    const childTo = new Int32Array(childStart[n]);
    for (let s = 1; s < n; s++) {
      children[s].forEach(([sym, to], k) => {
        childSym[childStart[s] + k] = sym;
        childTo[childStart[s] + k] = to;
      });
    }
    const rootNext = new Int32Array(stride);
    for (const [sym, to] of children[0]) rootNext[sym] = to;
    const fail = new Int32Array(n);
    const dictLink = new Int32Array(n).fill(-1);
    const queue: number[] = [];
    for (const [, to] of children[0]) queue.push(to);
    const step = (state: number, sym: number): number | undefined => (state === 0 ? this.goto.get(sym) : this.goto.get(state * stride + sym));
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q];
      for (const [sym, to] of children[state]) {
        let f = fail[state];
        let target = step(f, sym);
        while (target === undefined && f !== 0) {
          f = fail[f];
          target = step(f, sym);
        }
        fail[to] = target !== undefined && target !== to ? target : 0;
        const fs = fail[to];
        dictLink[to] = this.own[fs].length ? fs : dictLink[fs];
        queue.push(to);
      }
    }
    // Output lists: own patterns, then those along the dictionary-suffix chain (longest first).
    const outStart = new Int32Array(n + 1);
    const outList: number[] = [];
    for (let s = 0; s < n; s++) {
      outStart[s] = outList.length;
      if (s === 0) continue;
      let d = this.own[s].length ? s : dictLink[s];
      while (d > 0) {
        for (const p of this.own[d]) outList.push(p);
        d = dictLink[d];
      }
    }
    outStart[n] = outList.length;
    this.rootNext = rootNext;
    this.childStart = childStart;
    this.childSym = childSym;
    this.childTo = childTo;
    this.fail = fail;
    this.outStart = outStart;
    this.outPat = Int32Array.from(outList);
    this.patternLength = Int32Array.from(this.lengths);
    if (n * stride <= DENSE_LIMIT) {
      // breadth-first order: a state's failure state (shallower) has its row filled before it
      const delta = n <= 0xffff ? new Uint16Array(n * stride) : new Int32Array(n * stride);
      delta.set(rootNext, 0);
      for (const state of queue) {
        const row = state * stride;
        delta.copyWithin(row, fail[state] * stride, fail[state] * stride + stride);
        for (const [sym, to] of children[state]) delta[row + sym] = to;
      }
      this.delta = delta;
    }
    this.built = true;
    return this;
  }

  /** Transition from a non-root state, or -1. */
  private child(state: number, sym: number): number {
    const childSym = this.childSym;
    let lo = this.childStart[state];
    let hi = this.childStart[state + 1];
    if (hi - lo <= 8) {
      for (; lo < hi; lo++) if (childSym[lo] === sym) return this.childTo[lo];
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = childSym[mid];
      if (s === sym) return this.childTo[mid];
      if (s < sym) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /**
   * Runs over a symbol stream and appends every match (pattern, last position) to `out`, in stream
   * order; NO_SYMBOL (or any negative id, or an id the automaton does not know) resets to the root.
   */
  scan(symbols: ArrayLike<number>, length: number, out: MatchBuffer): void {
    if (!this.built) this.build();
    if (this.delta) {
      this.scanDense(symbols, length, out, this.delta);
      return;
    }
    const stride = this.stride;
    const rootNext = this.rootNext;
    const fail = this.fail;
    const outStart = this.outStart;
    const outPat = this.outPat;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const sym = symbols[i];
      if (sym < 0 || sym >= stride) {
        state = 0;
        continue;
      }
      let to = state === 0 ? rootNext[sym] : this.child(state, sym);
      while (to < 0) {
        state = fail[state];
        to = state === 0 ? rootNext[sym] : this.child(state, sym);
      }
      state = to;
      if (state === 0) continue;
      for (let k = outStart[state], end = outStart[state + 1]; k < end; k++) out.push(outPat[k], i);
    }
  }

  private scanDense(symbols: ArrayLike<number>, length: number, out: MatchBuffer, delta: Uint16Array | Int32Array): void {
    const stride = this.stride;
    const outStart = this.outStart;
    const outPat = this.outPat;
    let pattern = out.pattern;
    let lastOf = out.last;
    let count = out.count;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const sym = symbols[i];
      if (sym < 0 || sym >= stride) {
        state = 0;
        continue;
      }
      state = delta[state * stride + sym];
      let k = outStart[state];
      const end = outStart[state + 1];
      if (k === end) continue;
      if (count + end - k > pattern.length) {
        out.count = count;
        out.grow(count + end - k);
        pattern = out.pattern;
        lastOf = out.last;
      }
      for (; k < end; k++) {
        pattern[count] = outPat[k];
        lastOf[count] = i;
        count++;
      }
    }
    out.count = count;
  }

  /** Runs over a symbol stream; NO_SYMBOL (or any negative id) resets to the root. */
  match(symbols: ArrayLike<number>, length = symbols.length, onMatch: (m: AutomatonMatch) => void): void {
    const buffer = new MatchBuffer();
    this.scan(symbols, length, buffer);
    for (let k = 0; k < buffer.count; k++) {
      const p = buffer.pattern[k];
      const last = buffer.last[k];
      onMatch({ pattern: p, first: last - this.patternLength[p] + 1, last });
    }
  }
}
