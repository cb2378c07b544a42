/**
 * Aho-Corasick automaton over syllable ids. Patterns are sequences of vocabulary ids (one id per
 * folded syllable), so a match always starts and ends on syllable boundaries: "hội" never matches
 * inside "xã hội" unless the lexicon says "xã hội". Built once per lexicon; matching is one pass.
 */

/** Maps folded syllables to small integer ids, shared by every automaton of a classifier. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  /** Id of a syllable, adding it when absent. */
  add(syllable: string): number {
    let id = this.ids.get(syllable);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(syllable, id);
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
}

/** Symbol that matches nothing and resets the automaton (unknown syllable, phrase break). */
export const NO_SYMBOL = -1;

export interface AutomatonMatch {
  pattern: number;
  /** Inclusive positions in the symbol stream. */
  first: number;
  last: number;
}

export class SyllableAutomaton {
  private readonly next = new Map<number, number>();
  private readonly fail: number[] = [0];
  private readonly depth: number[] = [0];
  /** Patterns ending at a state (own), and the next state on the fail chain that has output. */
  private readonly out: number[][] = [[]];
  private readonly dictLink: number[] = [-1];
  private readonly patternLength: number[] = [];
  private readonly stride: number;
  /** Transitions out of the root, dense (most steps start there). */
  private rootNext: Int32Array = new Int32Array(0);
  private built = false;

  constructor(vocabularySize: number) {
    this.stride = Math.max(1, vocabularySize) + 1;
  }

  get patterns(): number {
    return this.patternLength.length;
  }

  /** Adds a pattern (sequence of syllable ids); returns its index. */
  add(symbols: number[]): number {
    if (this.built) throw new Error('automaton already built');
    if (!symbols.length) throw new Error('empty pattern');
    let state = 0;
    for (const sym of symbols) {
      if (sym < 0 || sym >= this.stride - 1) throw new Error(`symbol ${sym} outside the vocabulary`);
      const key = state * this.stride + sym;
      let to = this.next.get(key);
      if (to === undefined) {
        to = this.fail.length;
        this.fail.push(0);
        this.depth.push(this.depth[state] + 1);
        this.out.push([]);
        this.dictLink.push(-1);
        this.next.set(key, to);
      }
      state = to;
    }
    const index = this.patternLength.length;
    this.patternLength.push(symbols.length);
    this.out[state].push(index);
    return index;
  }

  /** Computes failure and dictionary links (breadth first). */
  build(): this {
    const children = new Map<number, Array<[number, number]>>();
    for (const [key, to] of this.next) {
      const from = Math.floor(key / this.stride);
      const sym = key % this.stride;
      let list = children.get(from);
      if (!list) children.set(from, (list = []));
      list.push([sym, to]);
    }
    const queue: number[] = [];
    for (const [, to] of children.get(0) ?? []) {
      this.fail[to] = 0;
      queue.push(to);
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q];
      for (const [sym, to] of children.get(state) ?? []) {
        let f = this.fail[state];
        let target = this.next.get(f * this.stride + sym);
        while (target === undefined && f !== 0) {
          f = this.fail[f];
          target = this.next.get(f * this.stride + sym);
        }
        this.fail[to] = target !== undefined && target !== to ? target : 0;
        const fs = this.fail[to];
        this.dictLink[to] = this.out[fs].length ? fs : this.dictLink[fs];
        queue.push(to);
      }
    }
    this.rootNext = new Int32Array(this.stride).fill(0);
    for (let sym = 0; sym < this.stride; sym++) this.rootNext[sym] = this.next.get(sym) ?? 0;
    this.built = true;
    return this;
  }

  /** Runs over a symbol stream; NO_SYMBOL (or any negative id) resets to the root. */
  match(symbols: ArrayLike<number>, length = symbols.length, onMatch: (m: AutomatonMatch) => void): void {
    if (!this.built) this.build();
    const stride = this.stride;
    const rootNext = this.rootNext;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const sym = symbols[i];
      if (sym < 0) {
        state = 0;
        continue;
      }
      if (sym >= stride) {
        state = 0;
        continue;
      }
      let to: number | undefined = state === 0 ? rootNext[sym] : this.next.get(state * stride + sym);
      while (to === undefined && state !== 0) {
        state = this.fail[state];
        to = state === 0 ? rootNext[sym] : this.next.get(state * stride + sym);
      }
      state = to ?? 0;
      if (state === 0) continue;
      let s = this.out[state].length ? state : this.dictLink[state];
      while (s > 0) {
        for (const p of this.out[s]) onMatch({ pattern: p, first: i - this.patternLength[p] + 1, last: i });
        s = this.dictLink[s];
      }
    }
  }
}
