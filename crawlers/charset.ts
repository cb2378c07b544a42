import iconv from 'iconv-lite';

/** Only the start of a document is searched for a declared charset, as browsers do. */
export const SNIFF_BYTES = 2048;

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
  return head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1] ?? head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i)?.[1];
}

/**
 * The charset of a document from its first bytes: BOM first, then the Content-Type header, then
 * the charset the document declares, else UTF-8. `bomLength` bytes are to be skipped.
 */
export function detectCharset(head: Buffer, contentType?: string): { charset: string; bomLength: number } {
  for (const [bom, charset] of BOMS) {
    if (bom.every((byte, i) => head[i] === byte)) return { charset, bomLength: bom.length };
  }
  const candidates = [charsetFromContentType(contentType), declaredCharset(head.subarray(0, SNIFF_BYTES).toString('latin1'))];
  return { charset: candidates.find((name) => name && iconv.encodingExists(name))?.toLowerCase() ?? 'utf-8', bomLength: 0 };
}

/**
 * Decodes a fetched HTML or XML document the way a browser would (see detectCharset). Vietnamese
 * sites still serve windows-1258, which Node's TextDecoder cannot decode, hence iconv-lite.
 */
export function decodeDocument(bytes: Buffer, contentType?: string): { text: string; charset: string } {
  const { charset, bomLength } = detectCharset(bytes, contentType);
  return { text: iconv.decode(bytes.subarray(bomLength), charset).normalize('NFC'), charset };
}

/**
 * Decodes a document arriving in pieces: the charset is told from its first SNIFF_BYTES bytes (as
 * decodeDocument does), then each piece is decoded as it comes. Text is not NFC-normalised here:
 * the reader normalises the fields it keeps.
 */
export class StreamDecoder {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decoder: ReturnType<typeof iconv.getDecoder> | undefined;

  constructor(private readonly contentType?: string) {}

  write(chunk: Buffer): string {
    if (this.decoder) return this.decoder.write(chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    return this.headBytes >= SNIFF_BYTES ? this.start() : '';
  }

  end(): string {
    const rest = this.decoder ? '' : this.start();
    return rest + (this.decoder!.end() ?? '');
  }

  private start(): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    const { charset, bomLength } = detectCharset(head, this.contentType);
    this.decoder = iconv.getDecoder(charset);
    return this.decoder.write(head.subarray(bomLength));
  }
}
