// Hostile variants of real documents for fuzz tests and the fuzz-crawl bench: each mutation is
// plain data (kind, place, strength), so fast-check can generate and shrink it and the bench can
// rebuild the same corpus from a seed.
import fc from 'fast-check';
import { rng } from '../../core/random.ts';

export const MUTATION_KINDS = ['flip', 'truncate', 'oddChars', 'hugeAttribute', 'deepNesting', 'entityFlood', 'hugeText', 'manyAttributes'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** Where in the document, as a fraction of its length: nothing before this point changes. */
  at: number;
  /** Strength: characters flipped, or a multiplier of the size of what is inserted. */
  count: number;
}

/** Mutations up to `maxCount` strong: at 1, a 100 KB attribute, 5,000 attributes, 400 KB of text in one node. */
export function mutationArbitrary(maxCount = 8): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom(...MUTATION_KINDS),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    count: fc.integer({ min: 1, max: maxCount }),
  });
}

/** Characters parsers and decoders trip on: markup, NUL, lone surrogates, bidi and zero-width marks, U+FFFD. */
const ODD = ['<', '>', '&', '"', "'", '\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufffd', '\ufeff', ']]>', '<!--', '&#xD800;', '&bogus;'];

/** `depth` nested elements around `inner`: the deep-nesting case for any HTML or XML reader. */
export function wrapDeep(inner: string, depth: number, tag = 'div'): string {
  return `<${tag}>`.repeat(depth) + inner + `</${tag}>`.repeat(depth);
}

/** The document's offset where a mutation applies. */
export function mutationOffset(doc: string, mutation: Mutation): number {
  return Math.min(doc.length, Math.floor(mutation.at * doc.length));
}

/** The document with the mutation applied; the text before mutationOffset is left as it was. */
export function applyMutation(doc: string, mutation: Mutation): string {
  const at = mutationOffset(doc, mutation);
  const head = doc.slice(0, at);
  const tail = doc.slice(at);
  const { count } = mutation;
  const random = rng(at * 31 + count);
  switch (mutation.kind) {
    case 'flip': {
      const chars = [...tail];
      for (let i = 0; i < count * 8 && chars.length; i++) {
        chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0x2000));
      }
      return head + chars.join('');
    }
    case 'truncate':
      return head;
    case 'oddChars':
      return head + Array.from({ length: count * 16 }, () => ODD[Math.floor(random() * ODD.length)]).join('') + tail;
    case 'hugeAttribute':
      return `${head}<span data-x="${'Đại hội '.repeat(count * 12_800)}">${tail}`;
    case 'deepNesting':
      return head + wrapDeep('sâu', 10_000, random() < 0.5 ? 'div' : 'b') + tail;
    case 'entityFlood':
      return head + '&amp;&#7855;&nbsp;&#x1F600;'.repeat(count * 5_000) + tail;
    case 'hugeText':
      return head + 'chữ '.repeat(count * 100_000) + tail;
    case 'manyAttributes':
      return `${head}<p ${Array.from({ length: count * 5_000 }, (_, i) => `a${i}="${i}"`).join(' ')}>${tail}`;
  }
}
