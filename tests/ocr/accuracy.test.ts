// Character accuracy (1 − CER) of the OCR on Vietnamese text the test draws itself, clean and
// harder (skewed, turned sideways, low contrast). Prints the figures the README quotes.
import { describe, expect, it } from 'vitest';
import { recognise } from '../../pipeline/ocr/tesseract.ts';
import { characterAccuracy, drawPicture, drawText, screenshots, type DrawOptions } from './render.ts';

const VARIANTS: Array<[string, DrawOptions, number]> = [
  // name, drawing, lowest mean accuracy accepted
  ['clean', {}, 0.97],
  ['skewed 4°', { rotate: 4 }, 0.95],
  ['sideways 90°', { rotate: 90 }, 0.95],
  ['low contrast', { ink: '#8a8a8a', paper: '#c8c8c8' }, 0.95],
  ['small 16 px', { fontSize: 16 }, 0.93],
];

describe('OCR character accuracy on rendered Vietnamese text', () => {
  it('reads every variant above its floor and prints 1 − CER per variant', async () => {
    const { texts } = screenshots();
    const lines: string[] = [];
    for (const [name, options, floor] of VARIANTS) {
      const scores: number[] = [];
      for (const text of texts) {
        const result = await recognise(drawText(text, options), { languages: 'vie+eng', timeoutSecs: 60 });
        scores.push(characterAccuracy(text.join('\n'), result.ok ? result.result.text : ''));
      }
      const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
      lines.push(`${name.padEnd(14)} mean ${mean.toFixed(3)}  min ${Math.min(...scores).toFixed(3)}  (${scores.length} images)`);
      expect(mean, name).toBeGreaterThanOrEqual(floor);
    }
    process.stderr.write(`\nOCR character accuracy (1 − CER), tesseract -l vie+eng --psm 1:\n${lines.join('\n')}\n`);
  }, 300_000);

  it('finds no text in a picture without any', async () => {
    const result = await recognise(drawPicture(), { languages: 'vie+eng', timeoutSecs: 60 });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/no (readable )?text/) });
  }, 60_000);
});
