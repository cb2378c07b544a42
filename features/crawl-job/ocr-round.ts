// Wires the OCR worker into a crawl round: images are fetched like pages (robots.txt, host rate
// limit, our User-Agent) and the text read is handed back to the pipeline, which re-scores the item.
import { ocrStatePath } from '../../core/config.ts';
import type { IngestOutcome, RawItem, ScoredItem } from '../../core/types.ts';
import type { IngestPipeline } from '../../pipeline/ingest.ts';
import { OcrState } from '../../pipeline/ocr/state.ts';
import { OcrWorker } from '../../pipeline/ocr/worker.ts';
import { fetchBytes } from '../../crawlers/fetch.ts';
import type { CrawlRun } from '../../crawlers/crawl-run.ts';

export interface OcrRound {
  worker: OcrWorker;
  /** After an ingest: queues the item's images when it is new, changed, or never read. */
  afterIngest(raw: RawItem, outcome: IngestOutcome): void;
  close(): void;
}

/**
 * Opens the OCR state and starts its worker for this round. `onReason` receives each image's or
 * item's reason for the crawl report, `onRescored` each item stored again with its OCR text.
 */
export function startOcr(
  run: CrawlRun,
  pipeline: IngestPipeline,
  onReason: (sourceId: string, url: string, reason: string) => void,
  onRescored: (item: ScoredItem) => void,
): OcrRound {
  const { config } = run;
  const state = new OcrState(ocrStatePath(config));
  const worker = new OcrWorker({
    state,
    config: config.ocr,
    fetchImage: async (url) => {
      if (!(await run.robots.isAllowed(url))) throw new Error('disallowed by robots.txt');
      await run.limiter.acquire(url, config.crawler.requestsPerMinute);
      const { bytes } = await fetchBytes(url, { ...run.fetchOptions, maxBytes: config.ocr.maxImageBytes });
      return bytes;
    },
    apply: async (itemId, ocr) => {
      const outcome = await pipeline.applyOcr(itemId, ocr);
      if (outcome.status === 'error') return outcome.reason;
      onRescored(outcome.item);
      return undefined;
    },
    report: onReason,
  });
  worker.start();
  run.ocr = worker;
  return {
    worker,
    afterIngest(raw, outcome) {
      if (!raw.imageUrls?.length) return;
      const unread = outcome.status === 'duplicate' && outcome.item.id === outcome.duplicateOf && !outcome.item.ocrImages;
      if (outcome.status === 'new' || outcome.status === 'updated' || unread) worker.enqueueImages(outcome.item.id, raw.sourceId, raw.imageUrls);
    },
    close: () => {
      if (state.open) state.close();
    },
  };
}
