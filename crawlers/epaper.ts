// E-paper editions (báo in): the day's PDFs, from a URL pattern or an index page, read page by
// page — the text layer with pdftotext -layout, and scanned pages (no text layer) queued for OCR.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as cheerio from 'cheerio';
import { ocrStatePath, type EpaperSourceConfig } from '../core/config.ts';
import type { RawItem } from '../core/types.ts';
import { pdfInfo, pdfPageText } from './pdf.ts';
import { fetchBytes, fetchResource, FetchError } from './fetch.ts';
import type { SourceReport } from './report.ts';
import type { CrawlRun } from './crawl-run.ts';
import { normalizeCrawlUrl } from './urls.ts';

/** A page with fewer letters than this in its text layer is a scanned page: its text comes from OCR. */
const MIN_TEXT_LETTERS = 40;

/** YYYY-MM-DD of today and the `daysBack` days before, in the edition's time zone. */
export function editionDates(now: Date, timeZone: string, daysBack: number): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return Array.from({ length: daysBack + 1 }, (_, i) => format.format(new Date(now.getTime() - i * 86_400_000)));
}

/** Fills {yyyy} {yy} {mm} {dd} {m} {d} with the date and {n} with the PDF number. */
export function expandPattern(pattern: string, date: string, n?: number): string {
  const [yyyy, mm, dd] = date.split('-');
  const values: Record<string, string> = { yyyy, yy: yyyy.slice(2), mm, dd, m: String(Number(mm)), d: String(Number(dd)), n: String(n ?? '') };
  return pattern.replace(/\{(yyyy|yy|mm|dd|m|d|n)\}/g, (_, key: string) => values[key]);
}

/** Links on an index page that match the pattern, absolute, in page order, without repeats. */
export function pdfLinks(html: string, pageUrl: string, linkPattern: string): string[] {
  const $ = cheerio.load(html);
  const pattern = new RegExp(linkPattern, 'i');
  const links: string[] = [];
  $('a[href]').each((_, element) => {
    const checked = normalizeCrawlUrl($(element).attr('href') ?? '', pageUrl);
    if (checked.ok && pattern.test(checked.url) && !links.includes(checked.url)) links.push(checked.url);
  });
  return links;
}

/** Midnight of the edition's date in its time zone, as ISO 8601 with the zone's offset. */
function editionTime(date: string, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${date}T12:00:00Z`))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${date}T00:00:00${offset}`;
}

const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

export async function crawlEpaper(source: EpaperSourceConfig, run: CrawlRun, report: SourceReport): Promise<void> {
  const { config } = run;
  const requestsPerMinute = source.requestsPerMinute ?? config.crawler.requestsPerMinute;
  const pageBudget = source.maxPages ?? config.crawler.maxPages;
  const folder = join(dirname(ocrStatePath(config)), 'epaper-pdfs');
  let pagesLeft = pageBudget;

  const get = async (url: string, maxBytes: number) => {
    if (!(await run.robots.isAllowed(url))) throw new FetchError(`${url}: disallowed by robots.txt; not fetched`);
    await run.limiter.acquire(url, requestsPerMinute);
    report.fetched++;
    run.progress(report);
    return fetchBytes(url, { ...run.fetchOptions, maxBytes });
  };

  /** The day's PDF URLs; a missing index page is an error of this edition. */
  const pdfsOf = async (date: string): Promise<string[]> => {
    if (source.indexUrl) {
      const indexUrl = expandPattern(source.indexUrl, date);
      if (!(await run.robots.isAllowed(indexUrl))) throw new FetchError(`${indexUrl}: disallowed by robots.txt; not fetched`);
      await run.limiter.acquire(indexUrl, requestsPerMinute);
      const page = await fetchResource(indexUrl, run.fetchOptions);
      report.fetched++;
      if (page.status >= 400) throw new FetchError(`${indexUrl}: HTTP ${page.status}`);
      const links = pdfLinks(page.text, page.url, source.linkPattern);
      if (!links.length) report.recordError(indexUrl, `no PDF links on the index page for ${date} (linkPattern ${source.linkPattern})`);
      return links.slice(0, source.maxPdfs);
    }
    const pattern = source.urlPattern!;
    if (!pattern.includes('{n}')) return [expandPattern(pattern, date)];
    return Array.from({ length: source.maxPdfs }, (_, i) => expandPattern(pattern, date, i + 1));
  };

  for (const date of editionDates(new Date(), source.timezone, source.daysBack)) {
    let pdfs: string[];
    try {
      pdfs = await pdfsOf(date);
    } catch (error) {
      report.recordError(source.indexUrl ?? source.urlPattern ?? source.id, (error as Error).message);
      continue;
    }
    for (const [index, pdfUrl] of pdfs.entries()) {
      if (pagesLeft <= 0) return;
      let bytes: Buffer;
      try {
        ({ bytes } = await get(pdfUrl, source.maxPdfBytes));
      } catch (error) {
        const message = (error as Error).message;
        // Numbered PDFs ({n}) end where the next number is missing.
        if (index > 0 && source.urlPattern?.includes('{n}') && /HTTP 404$/.test(message)) break;
        report.recordError(pdfUrl, message.startsWith(pdfUrl) ? message.slice(pdfUrl.length + 2) : message);
        continue;
      }
      pagesLeft -= await readPdf(source, run, report, { pdfUrl, date, bytes, folder, pagesLeft });
    }
  }
}

/** Stores each page of one fetched PDF; returns how many pages it used of the run's budget. */
async function readPdf(
  source: EpaperSourceConfig,
  run: CrawlRun,
  report: SourceReport,
  pdf: { pdfUrl: string; date: string; bytes: Buffer; folder: string; pagesLeft: number },
): Promise<number> {
  const timeout = run.config.ocr.timeoutSecs;
  await mkdir(pdf.folder, { recursive: true });
  const file = join(pdf.folder, `${createHash('sha256').update(pdf.bytes).digest('hex')}.pdf`);
  await writeFile(file, pdf.bytes);
  let keep = false;
  try {
    const info = await pdfInfo(file, timeout);
    if (!info.ok) {
      report.recordError(pdf.pdfUrl, info.reason);
      return 0;
    }
    const pages = Math.min(info.pages, pdf.pagesLeft);
    if (pages < info.pages) report.recordError(pdf.pdfUrl, `only ${pages} of ${info.pages} pages read (maxPages reached)`);
    for (let page = 1; page <= pages; page++) {
      const pageUrl = `${pdf.pdfUrl}#page=${page}`;
      const read = await pdfPageText(file, page, timeout);
      if (!read.ok) {
        report.recordError(pageUrl, read.reason);
        continue;
      }
      const scanned = letters(read.text) < MIN_TEXT_LETTERS;
      if (scanned && !run.ocr) {
        report.recordError(pageUrl, 'a scanned page without a text layer, and OCR is disabled (ocr.enabled); not stored');
        continue;
      }
      report.extracted++;
      const raw: RawItem = {
        sourceId: source.id,
        kind: 'epaper',
        url: pageUrl,
        canonicalUrl: pdf.pdfUrl,
        title: `${source.edition} ${pdf.date} – p. ${page}/${info.pages}`,
        text: scanned ? '' : read.text,
        publishedAt: editionTime(pdf.date, source.timezone),
        fetchedAt: new Date().toISOString(),
        epaper: { edition: source.edition, date: pdf.date, page, pages: info.pages, pdfUrl: pdf.pdfUrl, textFrom: scanned ? 'ocr' : 'text-layer' },
      };
      const outcome = await run.pipeline.ingest(raw);
      report.recordOutcome(pageUrl, outcome);
      run.progress(report);
      const waiting = outcome.status === 'new' || outcome.status === 'updated' || (outcome.status === 'duplicate' && !outcome.item.ocrImages);
      if (scanned && waiting && run.ocr) {
        run.ocr.enqueuePdfPage(outcome.item.id, source.id, file, page, pdf.pdfUrl);
        keep = true;
      }
    }
    return pages;
  } finally {
    if (!keep) await rm(file, { force: true });
  }
}
