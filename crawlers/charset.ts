import iconv from 'iconv-lite';

/** Only the start of a document is searched for a declared charset, as browsers do. */
const SNIFF_BYTES = 2048;

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function charsetFromContentType(contentType: string | undefined): string | undefined {
  return contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i)?.[1];
}

/** Charset declared inside the document: <meta charset>, <meta http-equiv=Content-Type> or <?xml encoding?>. */
function declaredCharset(head: string): string | undefined {
  return (
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1] ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i)?.[1]
  );
}

/**
 * Decodes a fetched HTML or XML document the way a browser would: BOM first, then the
 * Content-Type header, then the charset the document declares, else UTF-8. Vietnamese sites
 * still serve windows-1258, which Node's TextDecoder cannot decode, hence iconv-lite.
 */
export function decodeDocument(bytes: Buffer, contentType?: string): { text: string; charset: string } {
  for (const [bom, charset] of BOMS) {
    if (bom.every((byte, i) => bytes[i] === byte)) {
      return { text: iconv.decode(bytes.subarray(bom.length), charset), charset };
    }
  }
  const candidates = [charsetFromContentType(contentType), declaredCharset(bytes.subarray(0, SNIFF_BYTES).toString('latin1'))];
  const charset = candidates.find((name) => name && iconv.encodingExists(name))?.toLowerCase() ?? 'utf-8';
  return { text: iconv.decode(bytes, charset).normalize('NFC'), charset };
}
