// The OCR queue's worker: reads the images of queued items (and scanned e-paper pages) one at a
// time, alongside the crawl and then for at most the round's time budget, caches every result by
// image hash and hands the text to the pipeline, which scores the item again.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { OcrConfig } from '../../core/config.ts';
import type { OcrImage, RawItem } from '../../core/types.ts';
import { checkImage } from './image.ts';
import { renderPdfPage } from '../../crawlers/pdf.ts';
import { recognise, type Recognition } from './tesseract.ts';
import type { CachedResult, OcrJob, OcrState } from './state.ts';

export interface OcrWorkerDeps {
  state: OcrState;
  config: OcrConfig;
  /** Fetches an image politely (robots.txt, host rate limit, size cap); throws with a reason. */
  fetchImage(url: string): Promise<Buffer>;
  /** Stores the text with the item and re-scores it; returns a reason when that failed. */
  apply(itemId: string, ocr: Required<Pick<RawItem, 'ocrText' | 'ocrImages'>>): Promise<string | undefined>;
  /** A reason for the crawl report of the item's source. */
  report(sourceId: string, url: string, reason: string): void;
  /** Reads an image; default Tesseract with the configured languages. */
  recognise?(image: Buffer, timeoutSecs: number): Promise<Recognition>;
}

export interface OcrCounts {
  /** Items whose OCR finished (text or reasons stored with the item). */
  items: number;
  /** Images and pages read by Tesseract in this round. */
  read: number;
  /** Images whose result came from the cache (a repost, a re-crawl). */
  cached: number;
  /** Images or pages without text, or that could not be read. */
  unread: number;
  /** Items left in the queue for the next round (budget used up). */
  waiting: number;
}

/** The run stopped because the time budget ran out; the job stays queued. */
class BudgetSpent extends Error {}

/** One image's outcome inside an item. */
type Outcome = { text: string } | { reason: string };

/** Rounds a job may fail in (a store error, a crash) before it is dropped from the queue. */
const MAX_ATTEMPTS = 5;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class OcrWorker {
  readonly counts: OcrCounts = { items: 0, read: 0, cached: 0, unread: 0, waiting: 0 };
  private deadline = Number.POSITIVE_INFINITY;
  private wake: (() => void) | undefined;
  private closing = false;
  private loop: Promise<void> | undefined;
  /** Jobs that failed in this round (not retried until the next one). */
  private readonly failed = new Set<string>();

  constructor(private readonly deps: OcrWorkerDeps) {}

  /** Starts working through the queue in the background; new jobs wake it. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Queues an item's images (the first `maxImagesPerItem`, without repeats). */
  enqueueImages(itemId: string, sourceId: string, urls: string[]): void {
    const images = [...new Set(urls)].slice(0, this.deps.config.maxImagesPerItem);
    if (!images.length) return;
    this.deps.state.enqueue(itemId, sourceId, { images });
    this.wake?.();
  }

  enqueuePdfPage(itemId: string, sourceId: string, pdf: string, page: number, pdfUrl: string): void {
    this.deps.state.enqueue(itemId, sourceId, { pdf, page, pdfUrl });
    this.wake?.();
  }

  /**
   * Lets the worker go on for at most `budgetSecs` more, then stops it; what is left stays queued
   * for the next round. Resolves with this round's counts.
   */
  async finish(budgetSecs: number): Promise<OcrCounts> {
    this.deadline = Date.now() + budgetSecs * 1000;
    this.closing = true;
    this.start();
    this.wake?.();
    await this.loop;
    this.counts.waiting = this.deps.state.pending();
    return this.counts;
  }

  private remainingSecs(): number {
    return (this.deadline - Date.now()) / 1000;
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.remainingSecs() <= 0) return;
      const [job] = this.deps.state.next(1, this.failed);
      if (!job) {
        if (this.closing) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        await this.runJob(job);
      } catch (error) {
        if (error instanceof BudgetSpent) return;
        this.failed.add(job.itemId);
        this.deps.report(job.sourceId, job.itemId, `OCR of this item failed: ${(error as Error).message}`);
      }
    }
  }

  private async runJob(job: OcrJob): Promise<void> {
    if (job.attempts >= MAX_ATTEMPTS) {
      this.deps.state.finish(job.itemId);
      this.deps.report(job.sourceId, job.itemId, `OCR given up after ${MAX_ATTEMPTS} failed attempts`);
      return;
    }
    this.deps.state.attempt(job.itemId);
    const { work } = job;
    const images: OcrImage[] = [];
    const texts: string[] = [];
    let length = 0;
    const add = (url: string, outcome: Outcome) => {
      if ('reason' in outcome) {
        images.push({ url, reason: outcome.reason });
        this.counts.unread++;
        this.deps.report(job.sourceId, url, `OCR: ${outcome.reason}`);
        return;
      }
      const start = texts.length ? length + 2 : 0;
      texts.push(outcome.text);
      length = start + outcome.text.length;
      images.push({ url, start, end: length });
    };
    if ('images' in work) {
      for (const url of work.images) add(url, await this.image(url));
    } else {
      const pageUrl = `${work.pdfUrl}#page=${work.page}`;
      add(pageUrl, await this.pdfPage(work.pdf, work.page));
    }
    const failure = await this.deps.apply(job.itemId, { ocrText: texts.join('\n\n'), ocrImages: images });
    if (failure) {
      this.failed.add(job.itemId);
      this.deps.report(job.sourceId, job.itemId, `OCR text not stored: ${failure}`);
      return;
    }
    this.deps.state.finish(job.itemId);
    this.counts.items++;
    if ('pdf' in work && !this.deps.state.pdfsInUse().has(work.pdf)) await rm(work.pdf, { force: true });
  }

  /** Reads one image URL: its cached result when this URL or these bytes were read before. */
  private async image(url: string): Promise<Outcome> {
    const known = this.deps.state.hashOfUrl(url);
    const cached = known ? this.deps.state.result(known) : undefined;
    if (known && cached) return this.fromCache(cached);
    let bytes: Buffer;
    try {
      bytes = await this.deps.fetchImage(url);
    } catch (error) {
      return { reason: `image not fetched: ${(error as Error).message}` };
    }
    const hash = sha256(bytes);
    this.deps.state.rememberUrl(url, hash);
    const again = this.deps.state.result(hash);
    if (again) return this.fromCache(again);
    const check = checkImage(bytes, this.deps.config);
    if (!check.ok) {
      this.deps.state.saveResult(hash, { reason: check.reason }, 0);
      return { reason: check.reason };
    }
    return this.read(hash, bytes);
  }

  private async pdfPage(pdf: string, page: number): Promise<Outcome> {
    const { config } = this.deps;
    const rendered = await renderPdfPage(pdf, page, config.pdfDpi, this.timeout());
    if (!rendered.ok) return { reason: rendered.reason };
    const hash = sha256(rendered.png);
    const cached = this.deps.state.result(hash);
    return cached ? this.fromCache(cached) : this.read(hash, rendered.png);
  }

  private fromCache(cached: CachedResult): Outcome {
    this.counts.cached++;
    return cached.text !== undefined ? { text: cached.text } : { reason: cached.reason ?? 'no text found in the image' };
  }

  /** The time an OCR call may take: the per-image limit, or what is left of the budget. */
  private timeout(): number {
    const left = this.remainingSecs();
    if (left < 1) throw new BudgetSpent();
    return Math.min(this.deps.config.timeoutSecs, left);
  }

  private async read(hash: string, bytes: Buffer): Promise<Outcome> {
    const timeout = this.timeout();
    const cappedByBudget = timeout < this.deps.config.timeoutSecs;
    const started = performance.now();
    const recognition = await (this.deps.recognise ?? ((image, secs) => recognise(image, { languages: this.deps.config.languages, timeoutSecs: secs })))(
      bytes,
      timeout,
    );
    const ms = performance.now() - started;
    this.counts.read++;
    if (recognition.ok) {
      this.deps.state.saveResult(hash, { text: recognition.result.text, confidence: recognition.result.confidence }, ms);
      return { text: recognition.result.text };
    }
    // Stopped by the end of the round's budget rather than its own limit: tried again next round.
    if (cappedByBudget && /took longer than/.test(recognition.reason)) throw new BudgetSpent();
    if (!/is not installed|could not be started/.test(recognition.reason)) this.deps.state.saveResult(hash, { reason: recognition.reason }, ms);
    return { reason: recognition.reason };
  }
}

/** One line for the crawl's progress output. */
export function formatOcrCounts(counts: OcrCounts): string {
  return (
    `OCR: ${counts.items} item(s) done, ${counts.read} image(s) or page(s) read, ${counts.cached} from the cache, ` +
    `${counts.unread} without text or unreadable, ${counts.waiting} item(s) waiting for the next round`
  );
}
