import type { SourceReport } from '../crawlers/report.ts';

/**
 * Live progress on stderr, one line per source being crawled (sources run side by side): redrawn
 * in place on a terminal, printed every few seconds otherwise (CI logs, cron mail), so long crawls
 * never look hung and logs stay short.
 */
export class CrawlProgress {
  private lastWrite = 0;
  private readonly interval: number;
  private readonly started = Date.now();
  /** Sources being crawled, in the order they started. */
  private readonly active = new Map<string, SourceReport>();
  /** Lines of the block last drawn on the terminal (redrawn in place). */
  private drawn = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {
    this.interval = out.isTTY ? 250 : 5000;
  }

  update(report: SourceReport, force = false): void {
    this.active.set(report.sourceId, report);
    this.render(force);
  }

  /** The source's crawl ended: it leaves the block of active sources. */
  finish(report: SourceReport): void {
    this.active.delete(report.sourceId);
    this.render(false);
  }

  private render(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastWrite < this.interval) return;
    this.lastWrite = now;
    const seconds = ((now - this.started) / 1000).toFixed(0);
    const lines = [...this.active.values()].map((report) => `[${seconds}s] ${report.sourceId}: ${progressCounts(report)}`);
    if (!this.out.isTTY) {
      if (lines.length) this.out.write(`${lines.join('\n')}\n`);
      return;
    }
    // Back to the first line of the previous block, clear it and everything below, draw anew.
    const up = this.drawn > 1 ? `\x1b[${this.drawn - 1}F` : '\r';
    this.out.write(`${up}\x1b[J${lines.join('\n')}`);
    this.drawn = lines.length;
  }

  /** A line of its own (e.g. what OCR did after the sources were crawled). */
  note(line: string): void {
    this.done();
    this.out.write(`${line}\n`);
  }

  /** Ends the progress block; calling it again does nothing. */
  done(): void {
    if (this.out.isTTY && this.drawn) this.out.write('\n');
    this.drawn = 0;
    this.lastWrite = 0;
  }
}

/** The counts so far, or what the source waits for when it has none yet (a row of zeros says nothing). */
function progressCounts(report: SourceReport): string {
  if (!report.fetched && !report.errors.length && !report.skipped.length) return 'waiting for its first page';
  return (
    `${report.fetched} fetched, ${report.extracted} extracted, ${report.new} new, ${report.duplicates} duplicates, ` +
    `${report.flagged} flagged, ${report.errors.length} errors`
  );
}

const COLUMNS = ['fetched', 'extracted', 'new', 'updated', 'duplicates', 'flagged', 'skipped', 'errors'] as const;

/** How many pages were skipped for each reason, most frequent first. */
function skipReasons(report: SourceReport): string[] {
  const counts = new Map<string, number>();
  for (const skip of report.skipped) counts.set(skip.reason, (counts.get(skip.reason) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `  ${count} × ${reason}`);
}

/** Source id → the name the config gives it, for the sources that have one. */
export function sourceNamesOf(sources: ReadonlyArray<{ id: string; name?: string }>): Map<string, string> {
  return new Map(sources.flatMap((source) => (source.name ? [[source.id, source.name] as const] : [])));
}

/**
 * The end-of-crawl table, then per source the pages skipped as not articles (counted by reason)
 * and the errors with their reasons (first few per source). A source with a name shows it beside
 * its id, which is what `--source` takes.
 */
export function formatCrawlSummary(reports: SourceReport[], sourceNames = new Map<string, string>(), maxErrorsPerSource = 10): string {
  const label = (sourceId: string): string => {
    const name = sourceNames.get(sourceId);
    return name ? `${name} (${sourceId})` : sourceId;
  };
  const rows = reports.map((report) => [
    label(report.sourceId),
    ...COLUMNS.map((column) => String(column === 'errors' || column === 'skipped' ? report[column].length : report[column])),
  ]);
  const totals = ['TOTAL', ...COLUMNS.map((_, i) => String(rows.reduce((sum, row) => sum + Number(row[i + 1]), 0)))];
  const table = [['source', ...COLUMNS], ...rows, ...(rows.length > 1 ? [totals] : [])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const report of reports) {
    if (report.skipped.length) lines.push('', `${label(report.sourceId)}: ${report.skipped.length} page(s) skipped, not articles:`, ...skipReasons(report));
    if (!report.errors.length) continue;
    lines.push('', `${label(report.sourceId)}: ${report.errors.length} error(s)`);
    for (const error of report.errors.slice(0, maxErrorsPerSource)) lines.push(`  ${error.url}: ${error.reason}`);
    if (report.errors.length > maxErrorsPerSource) lines.push(`  ... and ${report.errors.length - maxErrorsPerSource} more`);
  }
  return lines.join('\n');
}
