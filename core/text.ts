// Text cleaning shared by the crawlers (which tidy what they parse) and the pipeline (which
// normalises every item): pure functions.

/** Canonical composed form; input may arrive decomposed (NFD), e.g. from windows-1258 pages. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

// Whitespace to rewrite as one space: runs, or a single character other than a space. Matching
// every single space as well would give the same text, but a replace per word is ~10x slower.
const BLANKS_TO_COLLAPSE = /[^\S\n]{2,}|[^\S\n ]/g;

/** Collapses runs of spaces/tabs but keeps paragraph breaks, which the UI shows. */
export function cleanWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(BLANKS_TO_COLLAPSE, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * At most `max` characters, cut at a word boundary with "…" when it has to be cut: a title or
 * snippet that stops mid-syllable ("bấm nút ch") reads as garbled Vietnamese.
 */
export function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const lastSpace = head.lastIndexOf(' ');
  // A single very long token (a URL) is cut where it must be.
  const cut = lastSpace > max / 2 ? head.slice(0, lastSpace) : head;
  return `${cut.replace(/[\s.,;:–—-]+$/u, '')}…`;
}

/** The text as a regular expression that matches it literally (lexicon words built into patterns). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
