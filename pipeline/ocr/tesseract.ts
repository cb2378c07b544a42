import { cleanWhitespace, toNfc } from '../../core/text.ts';
import { firstLine, runTool, ToolError } from '../../core/external-tools.ts';

export interface Recognised {
  /** NFC, whitespace cleaned like item text; lines kept, paragraphs separated by a blank line. */
  text: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
}

export type Recognition = { ok: true; result: Recognised } | { ok: false; reason: string };

export interface TesseractOptions {
  languages: string;
  timeoutSecs: number;
}

/** Below this mean word confidence, what Tesseract "read" is noise from a photo or a drawing. */
const MIN_CONFIDENCE = 45;
/** Fewer letters than this is no text worth scoring (a logo, a watermark letter). */
const MIN_LETTERS = 4;

/**
 * Builds the text from Tesseract's TSV output (one row per word, with its block, paragraph and
 * line): words of a line joined by spaces, lines by newlines, paragraphs by a blank line. Pure.
 */
export function textFromTsv(tsv: string): Recognised {
  const paragraphs: string[][] = [];
  let lastParagraph = '';
  let lastLine = '';
  let line: string[] = [];
  let confidence = 0;
  let words = 0;
  const flush = () => {
    if (line.length) paragraphs[paragraphs.length - 1].push(line.join(' '));
    line = [];
  };
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12 || cells[0] !== '5') continue;
    const word = cells.slice(11).join('\t').trim();
    const conf = Number(cells[10]);
    if (!word || conf < 0) continue;
    const paragraph = `${cells[1]}.${cells[2]}.${cells[3]}`;
    const lineKey = `${paragraph}.${cells[4]}`;
    if (lineKey !== lastLine) flush();
    if (paragraph !== lastParagraph) paragraphs.push([]);
    lastParagraph = paragraph;
    lastLine = lineKey;
    line.push(word);
    confidence += conf;
    words++;
  }
  flush();
  const text = cleanWhitespace(toNfc(paragraphs.map((lines) => lines.join('\n')).join('\n\n')));
  return { text, confidence: words ? Math.round((confidence / words) * 10) / 10 : 0 };
}

/** Why recognised text is not kept, or undefined when it is text. */
export function noTextReason(result: Recognised): string | undefined {
  const letters = result.text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return 'no text found in the image';
  if (result.confidence < MIN_CONFIDENCE) return `no readable text in the image (OCR confidence ${Math.round(result.confidence)}%)`;
  return undefined;
}

/**
 * Reads the text in an image (any format Tesseract reads, given as bytes on stdin). Page
 * segmentation mode 1 detects the orientation first, so a screenshot turned sideways is read too.
 */
export async function recognise(image: Buffer, options: TesseractOptions): Promise<Recognition> {
  let run;
  try {
    run = await runTool('tesseract', ['stdin', 'stdout', '-l', options.languages, '--psm', '1', 'tsv'], {
      input: image,
      timeoutMs: options.timeoutSecs * 1000,
    });
  } catch (error) {
    if (error instanceof ToolError) return { ok: false, reason: `OCR failed: ${error.message}` };
    throw error;
  }
  if (run.code !== 0) return { ok: false, reason: `the image could not be read by OCR (${firstLine(run.stderr)})` };
  const result = textFromTsv(run.stdout.toString('utf8'));
  const reason = noTextReason(result);
  return reason ? { ok: false, reason } : { ok: true, result };
}
