// Many strings as one buffer plus end offsets. Posting an array of thousands of strings to a
// worker structured-clones each one (~50 ms per 5,000 items); one transferred buffer costs a few
// milliseconds.
//
// The texts travel as UTF-16 code units, not UTF-8. A folded text is a rope of two-byte strings
// (normalise.ts foldedTextOf) until something reads it: UTF-8 encoding first flattens it into a new
// string, while copying code units walks the rope as it is. Measured on the writer's thread, batches
// of 5,000 synthetic folded texts, alternated: ropes (as bulk writes and reindexing pass them)
// 4.7–13.2 against 10.3–19.2 µs a text; texts already flat (the crawler's clustering reads them
// first) 1.0–5.7 against 2.5–3.5 µs, no difference. The index thread, which has CPU to spare,
// decodes them in 0.9–2.0 against 0.9–1.2 µs a text. Lone surrogates come back unchanged.

export interface PackedTexts {
  bytes: Uint8Array<ArrayBuffer>;
  /** `ends[i]` is the code-unit offset just past text i; text i starts at `ends[i - 1]` (or 0). */
  ends: Uint32Array<ArrayBuffer>;
}

const BYTES_PER_UNIT = 2;

export function packTexts(texts: readonly string[]): PackedTexts {
  const ends = new Uint32Array(texts.length);
  let units = 0;
  texts.forEach((text, i) => (ends[i] = units += text.length));
  // Its own ArrayBuffer (not a slice of Node's shared pool), so it can be transferred.
  const bytes = Buffer.allocUnsafeSlow(units * BYTES_PER_UNIT);
  texts.forEach((text, i) => bytes.write(text, (i === 0 ? 0 : ends[i - 1]) * BYTES_PER_UNIT, 'utf16le'));
  return { bytes: new Uint8Array(bytes.buffer, 0, bytes.byteLength), ends };
}

export function unpackText(packed: PackedTexts, index: number): string {
  const start = index === 0 ? 0 : packed.ends[index - 1];
  const { buffer, byteOffset } = packed.bytes;
  return Buffer.from(buffer, byteOffset + start * BYTES_PER_UNIT, (packed.ends[index] - start) * BYTES_PER_UNIT).toString('utf16le');
}
