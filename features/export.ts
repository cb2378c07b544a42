/**
 * Items as a file an analyst opens elsewhere: CSV for spreadsheets, NDJSON for programs.
 * Written batch by batch to a stream, honouring its back-pressure, so an export of a million
 * items never holds more than one batch in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { ScoredItem } from '../core/types.ts';
import { httpUrl } from '../core/urls.ts';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/** Spreadsheet programs cap a cell at 32,767 characters; longer texts are cut (NDJSON keeps them whole). */
const MAX_CSV_CELL = 32_000;

const CSV_COLUMNS: Array<[header: string, value: (item: ScoredItem) => string | number]> = [
  ['id', (item) => item.id],
  ['published_at', (item) => item.publishedAt ?? ''],
  ['fetched_at', (item) => item.fetchedAt],
  ['source', (item) => item.sourceId],
  ['kind', (item) => item.kind],
  ['platform', (item) => item.platform ?? ''],
  ['url', (item) => httpUrl(item.url) ?? ''],
  ['title', (item) => item.title],
  ['congress', (item) => (item.congress ? 1 : 0)],
  ['congress_score', (item) => item.scores.congress],
  ['distortion', (item) => (item.distortion ? 1 : 0)],
  ['distortion_score', (item) => item.scores.distortion],
  ['flagged', (item) => (item.flagged ? 1 : 0)],
  ['topics', (item) => item.topics.join(' ')],
  ['review_status', (item) => item.review?.status ?? 'new'],
  ['cluster_id', (item) => item.clusterId ?? ''],
  ['author', (item) => item.author ?? ''],
  ['text', (item) => (item.text.length > MAX_CSV_CELL ? `${item.text.slice(0, MAX_CSV_CELL)}…` : item.text)],
];

/**
 * One CSV chunk. `escape_formulas` prefixes a cell starting with = + - @ (tab, CR) with a
 * quote, so a crawled title such as `=HYPERLINK(...)` is shown as text, never run as a formula.
 */
function csvChunk(rows: Array<Array<string | number>>): string {
  return stringify(rows, { escape_formulas: true, record_delimiter: 'windows' });
}

function ndjsonLine(item: ScoredItem): string {
  const { foldedText: _folded, ...rest } = item;
  return `${JSON.stringify(rest)}\n`;
}

async function write(out: Writable, chunk: string): Promise<void> {
  // A client that goes away mid-export closes the stream instead of draining it.
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}

/**
 * Writes every batch to `out` (a BOM and a header first for CSV, so Excel reads the Vietnamese
 * as UTF-8). Stops early, without error, when `out` is destroyed (the client went away).
 * Returns the number of items written.
 */
export async function writeItemsExport(batches: AsyncIterable<ScoredItem[]>, format: ExportFormat, out: Writable): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(out, `\uFEFF${csvChunk([CSV_COLUMNS.map(([header]) => header)])}`);
  for await (const batch of batches) {
    if (out.destroyed) break;
    const chunk = format === 'csv' ? csvChunk(batch.map((item) => CSV_COLUMNS.map(([, value]) => value(item)))) : batch.map(ndjsonLine).join('');
    await write(out, chunk);
    count += batch.length;
  }
  return count;
}
