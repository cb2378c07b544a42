/**
 * Vietnamese-aware text folding. Pure functions, no I/O.
 *
 * NFD + stripping combining marks removes tones and vowel hats, but "đ" is a letter of
 * its own (not a base letter with a mark), so it is mapped to "d" explicitly.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Characters folded so far: text repeats a few hundred distinct letters, each folded once. */
const foldedChars = new Map<string, string>();
// Bounds the memo against hostile input that runs through every code point.
const MAX_MEMOISED_CHARS = 8192;

function foldedChar(ch: string): string {
  let folded = foldedChars.get(ch);
  if (folded !== undefined) return folded;
  const lower = ch.toLowerCase();
  if (lower === 'đ') folded = 'd';
  else {
    const base = lower.normalize('NFD').replace(COMBINING_MARKS, '');
    // Characters whose folded form changes length (rare ligatures) keep their lowercase form.
    folded = base.length === ch.length ? base : lower.length === ch.length ? lower : ch;
  }
  if (foldedChars.size < MAX_MEMOISED_CHARS) foldedChars.set(ch, folded);
  return folded;
}

// Everything except ASCII that is already folded (digits, lowercase letters, punctuation).
const NEEDS_FOLDING = /[^\0-@[-\x7f]/gu;

/**
 * Lowercase form without diacritics, with đ→d. Keeps the string length equal to the
 * NFC input's length so offsets found in the folded text map 1:1 back to the original.
 * Built by one replace, so the result is a flat string (appending char by char leaves a deep
 * rope that every later reader — the store, a worker message — pays to flatten).
 */
export function foldVietnamese(text: string): string {
  return text.normalize('NFC').replace(NEEDS_FOLDING, foldedChar);
}

const CAPITAL_D_STROKE = /Đ/g;
const SMALL_D_STROKE = /đ/g;

/**
 * The text as typed without diacritics (case kept, đ→d, Đ→D): the no-diacritics variant of a
 * corpus item, so the same items can be scored with and without their marks.
 */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(SMALL_D_STROKE, 'd').replace(CAPITAL_D_STROKE, 'D').normalize('NFC');
}
