/**
 * Vietnamese-aware text folding. Pure functions, no I/O.
 *
 * NFD + stripping combining marks removes tones and vowel hats, but "đ" is a letter of
 * its own (not a base letter with a mark), so it is mapped to "d" explicitly.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Canonical composed form; input may arrive decomposed (NFD), e.g. from windows-1258 pages. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Lowercase form without diacritics, with đ→d. Keeps the string length equal to the
 * NFC input's length so offsets found in the folded text map 1:1 back to the original.
 */
export function foldVietnamese(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const lower = ch.toLowerCase();
    if (lower === 'đ') {
      out += 'd';
      continue;
    }
    const base = lower.normalize('NFD').replace(COMBINING_MARKS, '');
    // Characters whose folded form changes length (rare ligatures) keep their lowercase form.
    out += base.length === ch.length ? base : lower.length === ch.length ? lower : ch;
  }
  return out;
}
