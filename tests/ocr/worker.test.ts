// The OCR queue's worker on its own: the round's time budget, the per-image time limit, the queue
// kept for the next round, the cache by URL and by content, a missing Tesseract; and the scoring
// that maps explanations into the OCR text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config.ts';
import type { Classification, Explanation, RawItem } from '../../core/types.ts';
import { classifyWithOcr } from '../../pipeline/ocr/score.ts';
import { OcrState } from '../../pipeline/ocr/state.ts';
import { OcrWorker } from '../../pipeline/ocr/worker.ts';
import { drawText, screenshots } from './render.ts';

const dir = mkdtempSync(join(tmpdir(), 'mediawatch-ocr-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { texts } = screenshots();
const images = new Map(texts.slice(0, 3).map((text, i) => [`http://127.0.0.1/img/${i}.png`, drawText(text)]));

function worker(name: string, ocr: Record<string, unknown> = {}) {
  const state = new OcrState(join(dir, `${name}.db`));
  const applied: Array<{ itemId: string; ocr: Pick<RawItem, 'ocrText' | 'ocrImages'> }> = [];
  const fetched: string[] = [];
  const reasons: string[] = [];
  const make = () =>
    new OcrWorker({
      state,
      config: parseConfig({ ocr }, '<test>', dir).ocr,
      fetchImage: async (url) => {
        fetched.push(url);
        const bytes = images.get(url);
        if (!bytes) throw new Error('HTTP 404');
        return bytes;
      },
      apply: async (itemId, result) => void applied.push({ itemId, ocr: result }),
      report: (_source, url, reason) => void reasons.push(`${url} ${reason}`),
    });
  return { state, applied, fetched, reasons, make };
}

describe('OCR worker', () => {
  it('does nothing past the round budget and leaves the queue for the next round, which finishes it', async () => {
    const w = worker('budget');
    const first = w.make();
    first.enqueueImages('item-1', 'src', [...images.keys()].slice(0, 2));
    first.enqueueImages('item-2', 'src', [...images.keys()].slice(2));
    expect(await first.finish(0)).toMatchObject({ items: 0, read: 0, waiting: 2 });
    expect(w.applied).toEqual([]);

    const next = w.make();
    expect(await next.finish(120)).toMatchObject({ items: 2, read: 3, waiting: 0 });
    const item1 = w.applied.find((a) => a.itemId === 'item-1')!.ocr;
    expect(item1.ocrImages!.map((image) => [image.start, image.end])).toEqual([
      [0, item1.ocrImages![0].end],
      [item1.ocrImages![0].end! + 2, item1.ocrText!.length],
    ]);
    expect(item1.ocrText!.slice(item1.ocrImages![1].start, item1.ocrImages![1].end)).toContain('rò rỉ');
    w.state.close();
  }, 120_000);

  it('reads an image seen before from the cache: by URL without fetching, by content under another URL', async () => {
    const w = worker('cache');
    const url = [...images.keys()][0];
    const first = w.make();
    first.enqueueImages('a', 'src', [url]);
    expect(await first.finish(60)).toMatchObject({ read: 1, cached: 0 });
    images.set('http://127.0.0.1/img/copy.png', images.get(url)!);
    const second = w.make();
    second.enqueueImages('b', 'src', [url]);
    second.enqueueImages('c', 'src', ['http://127.0.0.1/img/copy.png']);
    expect(await second.finish(60)).toMatchObject({ read: 0, cached: 2, items: 2 });
    expect(w.fetched).toEqual([url, 'http://127.0.0.1/img/copy.png']);
    expect(new Set(w.applied.map((a) => a.ocr.ocrText)).size).toBe(1);
    w.state.close();
  }, 60_000);

  it('stops Tesseract at the per-image time limit and says so', async () => {
    const w = worker('timeout', { timeoutSecs: 0.05 });
    const big = 'http://127.0.0.1/img/big.png';
    images.set(big, drawText([...texts.flat(), ...texts.flat()], { fontSize: 40 }));
    const run = w.make();
    run.enqueueImages('slow', 'src', [big]);
    const started = Date.now();
    await run.finish(60);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(w.applied[0].ocr.ocrImages).toEqual([{ url: big, reason: 'OCR failed: tesseract took longer than 0.05 s and was stopped' }]);
    w.state.close();
  }, 30_000);

  it('says Tesseract is missing (and caches nothing) when it is not installed', async () => {
    const w = worker('missing');
    const path = process.env.PATH;
    process.env.PATH = dir;
    try {
      const run = w.make();
      run.enqueueImages('x', 'src', [[...images.keys()][0]]);
      await run.finish(30);
    } finally {
      process.env.PATH = path;
    }
    expect(w.applied[0].ocr.ocrImages![0].reason).toBe('OCR failed: tesseract is not installed; run scripts/install-ocr.sh');
    const again = w.make();
    again.enqueueImages('x', 'src', [[...images.keys()][0]]);
    expect(await again.finish(60)).toMatchObject({ read: 1, cached: 0 });
    w.state.close();
  }, 60_000);

  it('reports an image that could not be fetched without caching it', async () => {
    const w = worker('gone');
    const run = w.make();
    run.enqueueImages('y', 'src', ['http://127.0.0.1/img/gone.png']);
    await run.finish(30);
    expect(w.applied[0].ocr).toEqual({ ocrText: '', ocrImages: [{ url: 'http://127.0.0.1/img/gone.png', reason: 'image not fetched: HTTP 404' }] });
    expect(w.reasons).toEqual(['http://127.0.0.1/img/gone.png OCR: image not fetched: HTTP 404']);
    w.state.close();
  });
});

describe('scoring with OCR text', () => {
  // A classifier that explains every "bịa đặt" in the text it is given: the mapping is under test.
  const finder = {
    classify: ({ text }: { title: string; text: string }): Classification => {
      const explanations: Explanation[] = [...text.matchAll(/bịa đặt/g)].map((m) => ({
        kind: 'distortion',
        term: 'bia-dat',
        matched: m[0],
        weight: 1,
        field: 'text',
        start: m.index,
        end: m.index + m[0].length,
      }));
      return {
        congress: false,
        distortion: explanations.length > 0,
        scores: { congress: 0, distortion: explanations.length ? 0.9 : 0 },
        topics: [],
        explanations,
      };
    },
  };

  it('points passages of the OCR text at field "ocr" with offsets into it, and leaves text passages alone', () => {
    const item = { title: '', text: 'Tin này bịa đặt.', ocrText: 'Ảnh chụp: hoàn toàn bịa đặt' };
    const { explanations } = classifyWithOcr(finder, item);
    expect(explanations.map((e) => [e.field, e.start, e.end])).toEqual([
      ['text', 8, 15],
      ['ocr', 20, 27],
    ]);
    expect(item.ocrText.slice(20, 27)).toBe('bịa đặt');
  });

  it('scores an image-only post (empty text) from its OCR text', () => {
    const result = classifyWithOcr(finder, { title: '', text: '', ocrText: 'bịa đặt' });
    expect(result.distortion).toBe(true);
    expect(result.explanations[0]).toMatchObject({ field: 'ocr', start: 0, end: 7 });
  });
});
