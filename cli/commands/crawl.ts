import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../../core/config.ts';
import { SourceReport } from '../../crawlers/report.ts';
import type { ScoredItem, Store } from '../../core/types.ts';
import { alertAfterCrawl } from '../../features/alerts/index.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { startOcr, type OcrRound } from '../../features/crawl-job/ocr-round.ts';
import { formatOcrCounts } from '../../pipeline/ocr/worker.ts';
import { createLogger } from '../../core/logger.ts';
import { openPipeline } from '../../features/crawl-job/open-pipeline.ts';
import { UserError } from '../errors.ts';
import { CrawlProgress, formatCrawlSummary, sourceNamesOf } from '../progress.ts';

/** Picks the sources to crawl: the named ones (even if disabled), else every enabled source. */
export function selectSources(config: LoadedConfig, ids: string[]) {
  if (!ids.length) return config.sources.filter((source) => source.enabled);
  const unknown = ids.filter((id) => !config.sources.some((source) => source.id === id));
  if (unknown.length) {
    const known = config.sources.map((source) => source.id).join(', ') || '(none)';
    throw new UserError(`unknown source(s): ${unknown.join(', ')}; configured sources: ${known}`);
  }
  return config.sources.filter((source) => ids.includes(source.id));
}

/** Optional steps around a crawl cycle (urgent alerts use `afterCycle`). */
export interface CrawlHooks {
  /** Runs once the sources are crawled, before the store closes, with every item stored (new or changed). */
  afterCycle?: (cycle: { store: Store; stored: ScoredItem[]; reports: SourceReport[] }) => Promise<void>;
}

/** A crawl stopped because the disk filled up (its summary, printed before, says what was not stored). */
export class CrawlDiskFullError extends UserError {
  constructor(
    readonly path: string,
    reports: SourceReport[],
  ) {
    const unstored = reports.reduce((sum, report) => sum + report.errors.filter((error) => error.reason.startsWith('disk full')).length, 0);
    super(
      `disk full: ${path}: the crawl stopped storing (${unstored} item(s) or source(s) not stored or not crawled). ` +
        'Free space and run the crawl again: it fetches and stores what was missed.',
    );
  }
}

/**
 * Crawls the sources once through the whole pipeline; used by `crawl` and `demo`. Throws a
 * CrawlDiskFullError (after the alert hook) when the disk filled up: what was stored stays, the
 * remaining sources are not crawled, and no feed validator or cursor is saved from then on.
 */
export async function runCrawl(config: LoadedConfig, sourceIds: string[], progress = new CrawlProgress(), hooks: CrawlHooks = {}): Promise<SourceReport[]> {
  const sources = selectSources(config, sourceIds);
  if (!sources.length) throw new UserError(`no enabled sources in ${config.configPath}; enable one or name it with --source`);
  const { store, pipeline, close } = await openPipeline(config);
  const run = new CrawlRun(config, pipeline, (report) => progress.update(report), { sourceDone: (report) => progress.finish(report) });
  let ocr: OcrRound | undefined;
  try {
    const stored: ScoredItem[] = [];
    // OCR works alongside the crawl, then for at most its budget; its reasons join the sources' reports at the end.
    const ocrReasons: Array<{ sourceId: string; url: string; reason: string }> = [];
    ocr = config.ocr.enabled
      ? startOcr(
          run,
          pipeline,
          (sourceId, url, reason) => ocrReasons.push({ sourceId, url, reason }),
          (item) => hooks.afterCycle && stored.push(item),
        )
      : undefined;
    const ingest = pipeline.ingest.bind(pipeline);
    pipeline.ingest = async (raw) => {
      const outcome = await ingest(raw);
      ocr?.afterIngest(raw, outcome);
      if (pipeline.diskFull) run.state.freeze();
      if (hooks.afterCycle && (outcome.status === 'new' || outcome.status === 'updated')) stored.push(outcome.item);
      return outcome;
    };
    const diskFull = () => pipeline.diskFull ?? run.state.diskFull;
    const reports = await crawlSources(run, sources);
    if (ocr) {
      const counts = await ocr.worker.finish(config.ocr.budgetSecs);
      if (counts.items || counts.waiting) progress.note(formatOcrCounts(counts));
      for (const { sourceId, url, reason } of ocrReasons) {
        const report = reports.find((candidate) => candidate.sourceId === sourceId) ?? reports[reports.push(new SourceReport(sourceId)) - 1];
        report.recordError(url, reason);
      }
    }
    progress.done();
    await hooks.afterCycle?.({ store, stored, reports });
    const full = diskFull();
    if (full) throw new CrawlDiskFullError(full, reports);
    return reports;
  } finally {
    // A crawl that stopped early leaves the queued OCR for the next round.
    await ocr?.worker.finish(0);
    ocr?.close();
    progress.done();
    run.close();
    await close();
  }
}

export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description('crawl the configured sources once: extract, score, deduplicate and store new items')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('-s, --source <id...>', 'crawl only these sources (repeatable)', [])
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (options: { config?: string; source: string[]; json?: boolean }) => {
      const config = loadConfig(options.config);
      const logger = createLogger();
      await runCrawl(config, options.source, undefined, {
        // Printed as soon as the sources are crawled, so a failure in alerting or closing the store cannot swallow it.
        afterCycle: async (cycle) => {
          if (options.json) process.stdout.write(`${JSON.stringify(cycle.reports, null, 2)}\n`);
          else process.stdout.write(`${formatCrawlSummary(cycle.reports, sourceNamesOf(config.sources))}\n`);
          await alertAfterCrawl(config, cycle, logger);
        },
      });
    });
}
