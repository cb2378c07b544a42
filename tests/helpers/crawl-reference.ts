// What one uninterrupted crawl of a config's sources stores: the yardstick for crawls that were
// killed or ran out of disk on the way.
import { runCrawl } from '../../cli/commands/crawl.ts';
import { CrawlProgress } from '../../cli/progress.ts';
import type { LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { openStore } from '../../pipeline/store/index.ts';

export const quietProgress = () => new CrawlProgress({ isTTY: false, write: () => true } as unknown as NodeJS.WriteStream);

/** id → content hash of every stored item. */
export async function storedContents(store: Store): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for await (const batch of store.scanItems()) for (const item of batch) found.set(item.id, item.contentHash);
  return found;
}

/** Crawls `config` in this process and returns what it stored, with the hit counts of `searches`. */
export async function referenceCrawl(config: LoadedConfig, searches: string[] = []): Promise<{ items: Map<string, string>; hits: number[] }> {
  await runCrawl(config, [], quietProgress());
  const store = await openStore(config);
  try {
    const hits = await Promise.all(searches.map(async (q) => (await store.queryItems({ q, page: 1, pageSize: 1 })).total));
    return { items: await storedContents(store), hits };
  } finally {
    await store.close();
  }
}
