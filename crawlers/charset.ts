import { isUtf8 } from 'node:buffer';
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

/** Labels browsers read as windows-1252 (WHATWG Encoding): its curly quotes and dashes (0x80–0x9F) are not control characters. */
const WINDOWS_1252_LABELS = /^(iso[-_]?8859[-_]1|latin-?1|l1|us-?ascii|ascii|iso[-_]?ir[-_]?100|cp819|ibm819|cp1252|x-cp1252)$/i;

function webCharset(name: string): string {
  return WINDOWS_1252_LABELS.test(name) ? 'windows-1252' : name.toLowerCase();
}

/**
 * The charset of a document from its first bytes: BOM first, then the Content-Type header, then
 * the charset the document declares, else UTF-8. `bomLength` bytes are to be skipped.
 */
export function detectCharset(head: Buffer, contentType?: string): { charset: string; bomLength: number } {
  for (const [bom, charset] of BOMS) {
    if (bom.every((byte, i) => head[i] === byte)) return { charset, bomLength: bom.length };
  }
  return { charset: webCharset(statedCharsets(head, contentType).find((name) => name && iconv.encodingExists(name)) ?? 'utf-8'), bomLength: 0 };
}

/**
 * Decodes a fetched HTML or XML document the way a browser would (see detectCharset). Vietnamese
 * sites still serve windows-1258, which Node's TextDecoder cannot decode, hence iconv-lite.
 */
export function decodeDocument(bytes: Buffer, contentType?: string): { text: string; charset: string } {
  const detected = detectCharset(bytes, contentType);
  const { bomLength } = detected;
  let charset = detected.charset;
  if (charset === 'utf-8' && !bomLength && !declaresUtf8(bytes, contentType) && !isUtf8(bytes)) charset = legacyCharset(bytes);
  else if (isLegacy(charset) && isMultiByteUtf8(bytes)) charset = 'utf-8';
  return { text: iconv.decode(bytes.subarray(bomLength), charset).normalize('NFC'), charset };
}

/** A charset of one or two bytes a character, before Unicode (not UTF-8, not UTF-16). */
function isLegacy(charset: string): boolean {
  return !/^utf-?(8|16)/i.test(charset);
}

/**
 * Bytes that hold multi-byte UTF-8 sequences and are valid UTF-8 throughout are UTF-8, whatever
 * the page declares: a site moved to UTF-8 keeps its old `<meta charset=gb2312>` or
 * `windows-1252`, and text in a legacy charset is practically never valid UTF-8 (an accented
 * letter or a double-byte character followed by ASCII breaks it), so windows-1258 pages stay
 * windows-1258. trafilatura decodes such pages as UTF-8 too.
 */
function isMultiByteUtf8(bytes: Buffer): boolean {
  return bytes.some((byte) => byte > 0x7f) && isUtf8(bytes);
}

/** The charsets the header and the document's first bytes state, header first. */
function statedCharsets(bytes: Buffer, contentType?: string): Array<string | undefined> {
  return [charsetFromContentType(contentType), declaredCharset(bytes.subarray(0, SNIFF_BYTES).toString('latin1'))];
}

function declaresUtf8(bytes: Buffer, contentType?: string): boolean {
  return statedCharsets(bytes, contentType).some((name) => name && /^utf-?8$/i.test(name));
}

/**
 * The charset of a document that fell to the UTF-8 default but is not UTF-8: the one it declares
 * past the sniffed bytes (as Firefox re-parses a page on a late `<meta charset>`), else the web's
 * legacy default, windows-1252. Decoded as UTF-8, every accented letter would be lost.
 */
function legacyCharset(bytes: Buffer): string {
  const late = declaredCharset(bytes.toString('latin1'));
  return late && iconv.encodingExists(late) && !/^utf-?8$/i.test(late) ? webCharset(late) : 'windows-1252';
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
