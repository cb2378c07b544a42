// Images and PDFs the OCR tests make themselves: Vietnamese text drawn with DejaVu Sans (installed
// by scripts/install-ocr.sh) through resvg, and PDFs written with pdfkit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import PDFDocument from 'pdfkit';

export const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
export const FIXTURES = join(import.meta.dirname, '../fixtures/ocr');

export interface Screenshots {
  texts: string[][];
  rumour: string[];
}

export function screenshots(): Screenshots {
  return JSON.parse(readFileSync(join(FIXTURES, 'screenshots.json'), 'utf8')) as Screenshots;
}

export interface DrawOptions {
  /** Degrees, clockwise. */
  rotate?: number;
  ink?: string;
  paper?: string;
  fontSize?: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A PNG of the lines drawn on a plain background, rotated about its centre on a canvas large enough to hold it. */
export function drawText(lines: string[], options: DrawOptions = {}): Buffer {
  const size = options.fontSize ?? 30;
  const width = Math.max(...lines.map((line) => line.length)) * size * 0.62 + 60;
  const height = lines.length * size * 1.6 + 50;
  const side = Math.ceil(Math.hypot(width, height));
  const rotate = options.rotate ?? 0;
  const canvas = rotate ? { w: side, h: side } : { w: Math.ceil(width), h: Math.ceil(height) };
  const dx = (canvas.w - width) / 2;
  const dy = (canvas.h - height) / 2;
  const text = lines
    .map(
      (line, i) =>
        `<text x="${30 + dx}" y="${dy + 25 + size + i * size * 1.6}" font-family="DejaVu Sans" font-size="${size}" fill="${options.ink ?? '#111'}">${escape(line)}</text>`,
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${canvas.w}" height="${canvas.h}">` +
    `<rect width="100%" height="100%" fill="${options.paper ?? '#fff'}"/>` +
    `<g transform="rotate(${rotate} ${canvas.w / 2} ${canvas.h / 2})">${text}</g></svg>`;
  return Buffer.from(new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [FONT], defaultFontFamily: 'DejaVu Sans' } }).render().asPng());
}

/** A photo-like image without text: soft colour bands and circles. */
export function drawPicture(): Buffer {
  const shapes = Array.from(
    { length: 12 },
    (_, i) => `<circle cx="${40 + i * 55}" cy="${120 + (i % 3) * 60}" r="${30 + (i % 4) * 12}" fill="hsl(${i * 30},60%,60%)" opacity="0.6"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="360"><rect width="100%" height="100%" fill="#8fb8de"/><rect y="220" width="100%" height="140" fill="#4f7d3a"/>${shapes}</svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

export type PdfPage = { text: string[] } | { image: Buffer };

/** A PDF with one page per entry: text drawn with a text layer, or an image only (a scanned page). */
export function makePdf(pages: PdfPage[], options: { userPassword?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, userPassword: options.userPassword });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(FONT).fontSize(13);
  for (const page of pages) {
    doc.addPage();
    if ('text' in page) for (const paragraph of page.text) doc.text(paragraph).moveDown();
    else doc.image(page.image, 40, 60, { width: 520 });
  }
  doc.end();
  return done;
}

/** Levenshtein distance over characters (code points). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length];
}

/** 1 − character error rate, whitespace runs counted as one space. */
export function characterAccuracy(expected: string, got: string): number {
  const norm = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const truth = norm(expected);
  return Math.max(0, 1 - editDistance(truth, norm(got)) / truth.length);
}
