import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../core/config.ts';
import type { Classification, ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';

/** Crawler behaviour is under test, not scoring: every item scores as unrelated. */
export const unrelated = {
  classify: (): Classification => ({ congress: false, distortion: false, scores: { congress: 0, distortion: 0 }, topics: [], explanations: [] }),
};

export interface CrawledOnce {
  reports: SourceReport[];
  /** Every item stored. */
  items: ScoredItem[];
  /** Removes the temporary store. */
  cleanup(): Promise<void>;
}

/** Crawls the sources once through crawlSources into a fresh temporary SQLite store. */
export async function crawlOnce(sources: unknown[], crawler: Record<string, unknown> = {}): Promise<CrawledOnce> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-crawl-'));
  const config = parseConfig(
    { store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') }, statePath: join(dataDir, 'state.json'), crawler, sources },
    '<test>',
    dataDir,
  );
  const store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
  await store.init();
  const cleanup = async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const reports = await crawlSources(new CrawlRun(config, new IngestPipeline(store, unrelated)), config.sources);
    const items: ScoredItem[] = [];
    for await (const batch of store.scanItems()) items.push(...batch);
    return { reports, items, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
