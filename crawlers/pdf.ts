// PDF pages through poppler-utils: page count (pdfinfo), text of one page with its layout
// (pdftotext -layout -f N -l N) and one page as an image for OCR (pdftoppm).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, runTool, ToolError } from '../core/external-tools.ts';

export type PdfInfo = { ok: true; pages: number } | { ok: false; reason: string };

/** Why poppler refused a file, in words: its messages are for programmers. */
export function pdfFailure(stderr: string): string {
  if (/Incorrect password|encrypted/i.test(stderr)) return 'the PDF is password-protected; its text cannot be read';
  if (/May not be a PDF|trailer dictionary|xref|Couldn't open|PDF file is damaged|Syntax Error/i.test(stderr)) {
    return `not a readable PDF (damaged or not a PDF: ${firstLine(stderr)})`;
  }
  return `the PDF could not be read (${firstLine(stderr)})`;
}

async function tool(command: string, args: string[], timeoutSecs: number) {
  try {
    return await runTool(command, args, { timeoutMs: timeoutSecs * 1000 });
  } catch (error) {
    if (error instanceof ToolError) return { ok: false as const, reason: error.message };
    throw error;
  }
}

export async function pdfInfo(file: string, timeoutSecs: number): Promise<PdfInfo> {
  const run = await tool('pdfinfo', [file], timeoutSecs);
  if ('ok' in run) return run;
  if (run.code !== 0) return { ok: false, reason: pdfFailure(run.stderr) };
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run.stdout.toString('utf8'))?.[1] ?? 0);
  return pages > 0 ? { ok: true, pages } : { ok: false, reason: 'the PDF has no pages' };
}

export type PageText = { ok: true; text: string } | { ok: false; reason: string };

/** Share of a page's text lines that must be blank at a position for it to be a gutter between columns. */
const GUTTER_BLANK_SHARE = 0.95;
/** Share of lines that must have text on both sides of it (else it is a ragged margin, not a gutter). */
const GUTTER_TWO_SIDED_SHARE = 0.3;
const MAX_COLUMN_SPLITS = 3;

/**
 * Puts the columns of a page laid out by `pdftotext -layout` one after the other: newspapers set
 * text in columns, and -layout keeps them side by side, so each line would mix two stories.
 * A gutter is a position that is blank (three spaces wide) on nearly every line and has text on
 * both sides on many; the page is cut there, left column first, and each side is cut again. Pure.
 */
export function untangleColumns(text: string, depth = 0): string {
  const lines = text.split('\n');
  const filled = lines.filter((line) => line.trim());
  const width = Math.max(0, ...lines.map((line) => line.length));
  if (depth >= MAX_COLUMN_SPLITS || filled.length < 4 || width < 20) return text;
  let best = -1;
  let bestTwoSided = 0;
  for (let x = 8; x < width - 8; x++) {
    let blank = 0;
    let twoSided = 0;
    for (const line of filled) {
      const gap = line.slice(x - 1, x + 2);
      if (gap.trim()) continue;
      blank++;
      if (line.slice(0, x).trim() && line.slice(x).trim()) twoSided++;
    }
    if (blank >= GUTTER_BLANK_SHARE * filled.length && twoSided >= GUTTER_TWO_SIDED_SHARE * filled.length && twoSided > bestTwoSided) {
      best = x;
      bestTwoSided = twoSided;
    }
  }
  if (best < 0) return text;
  const left = lines.map((line) => line.slice(0, best).trimEnd()).join('\n');
  const right = lines.map((line) => line.slice(best).trimEnd()).join('\n');
  return `${untangleColumns(left, depth + 1)}\n\n${untangleColumns(right, depth + 1)}`;
}

/** Text of page `page` (1-based) as laid out on the page, its columns one after the other. */
export async function pdfPageText(file: string, page: number, timeoutSecs: number): Promise<PageText> {
  const run = await tool('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], timeoutSecs);
  if ('ok' in run) return run;
  if (run.code !== 0) return { ok: false, reason: pdfFailure(run.stderr) };
  return { ok: true, text: untangleColumns(run.stdout.toString('utf8').replace(/\f/g, '')) };
}

export type PageImage = { ok: true; png: Buffer } | { ok: false; reason: string };

/** Page `page` rendered as a PNG at `dpi`, for OCR of a scanned page. */
export async function renderPdfPage(file: string, page: number, dpi: number, timeoutSecs: number): Promise<PageImage> {
  const dir = await mkdtemp(join(tmpdir(), 'mediawatch-page-'));
  try {
    const root = join(dir, 'page');
    const run = await tool('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', file, root], timeoutSecs);
    if ('ok' in run) return run;
    if (run.code !== 0) return { ok: false, reason: pdfFailure(run.stderr) };
    return { ok: true, png: await readFile(`${root}.png`) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
