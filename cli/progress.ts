import type { SourceReport } from '../crawlers/report.ts';

/**
 * Live progress on stderr: rewrites one line on a terminal, prints a line every few seconds
 * otherwise (CI logs, cron mail), so long crawls never look hung and logs stay short.
 */
export class CrawlProgress {
  private lastWrite = 0;
  private readonly interval: number;
  private readonly started = Date.now();

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    this.interval = out.isTTY ? 250 : 5000;
  }

  update(report: SourceReport, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastWrite < this.interval) return;
    this.lastWrite = now;
    const seconds = ((now - this.started) / 1000).toFixed(0);
    const line =
      `[${seconds}s] ${report.sourceId}: ${report.fetched} fetched, ${report.extracted} extracted, ` +
      `${report.new} new, ${report.duplicates} duplicates, ${report.flagged} flagged, ${report.errors.length} errors`;
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${line}`);
    else this.out.write(`${line}\n`);
  }

  /** A line of its own (e.g. what OCR did after the sources were crawled). */
  note(line: string): void {
    this.done();
    this.out.write(`${line}\n`);
  }

  /** Ends the progress line; calling it again does nothing. */
  done(): void {
    if (this.out.isTTY && this.lastWrite) this.out.write('\n');
    this.lastWrite = 0;
  }
}

const COLUMNS = ['fetched', 'extracted', 'new', 'updated', 'duplicates', 'flagged', 'errors'] as const;

/** The end-of-crawl table, then each source's errors with their reasons (first few per source). */
export function formatCrawlSummary(reports: SourceReport[], maxErrorsPerSource = 10): string {
  const rows = reports.map((report) => [
    report.sourceId,
    ...COLUMNS.map((column) => String(column === 'errors' ? report.errors.length : report[column])),
  ]);
  const totals = ['TOTAL', ...COLUMNS.map((_, i) => String(rows.reduce((sum, row) => sum + Number(row[i + 1]), 0)))];
  const table = [['source', ...COLUMNS], ...rows, ...(rows.length > 1 ? [totals] : [])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const report of reports) {
    if (!report.errors.length) continue;
    lines.push('', `${report.sourceId}: ${report.errors.length} error(s)`);
    for (const error of report.errors.slice(0, maxErrorsPerSource)) lines.push(`  ${error.url}: ${error.reason}`);
    if (report.errors.length > maxErrorsPerSource) lines.push(`  ... and ${report.errors.length - maxErrorsPerSource} more`);
  }
  return lines.join('\n');
}
