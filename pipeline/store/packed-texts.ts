// Many strings as one UTF-8 buffer plus end offsets. Posting an array of thousands of
// strings to a worker structured-clones each one (~50 ms per 5,000 items); one transferred
// buffer costs a few milliseconds.

export interface PackedTexts {
  bytes: Uint8Array<ArrayBuffer>;
  /** `ends[i]` is the byte offset just past text i; text i starts at `ends[i - 1]` (or 0). */
  ends: Uint32Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// UTF-8 needs at most 3 bytes per UTF-16 code unit.
const MAX_BYTES_PER_UNIT = 3;

export function packTexts(texts: readonly string[]): PackedTexts {
  // Folded text is almost all ASCII: start at one byte per unit and grow when needed.
  let bytes = new Uint8Array(texts.reduce((sum, text) => sum + text.length, 0) + 64);
  const ends = new Uint32Array(texts.length);
  let used = 0;
  texts.forEach((text, i) => {
    const worstCase = used + text.length * MAX_BYTES_PER_UNIT;
    if (worstCase > bytes.length) {
      const grown = new Uint8Array(Math.max(worstCase, bytes.length * 2));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    used += encoder.encodeInto(text, bytes.subarray(used)).written;
    ends[i] = used;
  });
  return { bytes: bytes.subarray(0, used), ends };
}

export function unpackText(packed: PackedTexts, index: number): string {
  const start = index === 0 ? 0 : packed.ends[index - 1];
  return decoder.decode(packed.bytes.subarray(start, packed.ends[index]));
}
