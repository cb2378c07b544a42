// PDF text per page: a generated e-paper edition (text pages, a two-column page, scanned pages)
// read the way the epaper source reads it — pdftotext -layout per page, OCR of the rendered page
// when there is no text layer — with 1 − CER and time per page. Usage: npm run eval:epaper
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { pdfInfo, pdfPageText, renderPdfPage } from '../crawlers/pdf.ts';
import { recognise } from '../pipeline/ocr/tesseract.ts';
import { characterAccuracy, drawText, FONT, screenshots } from '../tests/ocr/render.ts';

const { texts } = screenshots();
const paragraphs = texts.map((lines) => lines.join(' '));
type Page = { kind: 'text' | 'two-column' | 'scanned'; truth: string };
const pages: Page[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ kind: 'text' as const, truth: [paragraphs[i], paragraphs[(i + 1) % 8], paragraphs[(i + 2) % 8]].join('\n') })),
  // Long enough to fill both columns of the page, so their lines sit side by side.
  {
    kind: 'two-column',
    truth: Array.from({ length: 5 }, () => paragraphs)
      .flat()
      .join('\n'),
  },
  ...[0, 3, 6].map((i) => ({ kind: 'scanned' as const, truth: [...texts[i], ...texts[i + 1]].join('\n') })),
];

const doc = new PDFDocument({ autoFirstPage: false });
const chunks: Buffer[] = [];
doc.on('data', (chunk: Buffer) => chunks.push(chunk));
const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
doc.font(FONT).fontSize(12);
for (const page of pages) {
  doc.addPage();
  if (page.kind === 'text') for (const paragraph of page.truth.split('\n')) doc.text(paragraph).moveDown();
  else if (page.kind === 'two-column') doc.text(page.truth.split('\n').join(' '), { columns: 2, columnGap: 24 });
  else doc.image(drawText(page.truth.split('\n'), { fontSize: 30 }), 40, 60, { width: 520 });
}
doc.end();
await ended;
const dir = mkdtempSync(join(tmpdir(), 'mediawatch-eval-epaper-'));
const file = join(dir, 'edition.pdf');
writeFileSync(file, Buffer.concat(chunks));
try {
  const info = await pdfInfo(file, 30);
  if (!info.ok) throw new Error(info.reason);
  console.log(`edition of ${info.pages} pages; text per page (1 − CER against the text drawn), read as the epaper source does:`);
  const byKind = new Map<string, number[]>();
  for (const [index, page] of pages.entries()) {
    const started = performance.now();
    const layer = await pdfPageText(file, index + 1, 30);
    let text = layer.ok ? layer.text : '';
    let via = 'pdftotext -layout';
    if ((text.match(/\p{L}/gu)?.length ?? 0) < 40) {
      const png = await renderPdfPage(file, index + 1, 200, 60);
      const read = png.ok ? await recognise(png.png, { languages: 'vie+eng', timeoutSecs: 60 }) : undefined;
      text = read?.ok ? read.result.text : '';
      via = 'OCR (pdftoppm 200 dpi → tesseract)';
    }
    const ms = performance.now() - started;
    const score = characterAccuracy(page.truth, text);
    byKind.set(page.kind, [...(byKind.get(page.kind) ?? []), score]);
    console.log(
      `  p. ${String(index + 1).padStart(2)}  ${page.kind.padEnd(10)}  ${String(text.replace(/\s+/g, ' ').trim().length).padStart(5)} chars  1−CER ${score.toFixed(3)}  ${ms.toFixed(0).padStart(5)} ms  ${via}`,
    );
  }
  for (const [kind, scores] of byKind)
    console.log(`${kind}: mean 1−CER ${(scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(3)} over ${scores.length} page(s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
