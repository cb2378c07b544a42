import { Router } from 'express';
import type { LoadedConfig, SourceConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { sourceLocation, sourcePlatform } from '../../crawlers/social/index.ts';
import { SourceRunLog, sourceRunsPath, type SourceRunRecord, type SourceTotals } from '../../crawlers/source-runs.ts';
import { HttpError } from '../validation.ts';

export interface SourcesRouterOptions {
  config: LoadedConfig;
  /** Defaults to the log next to the config's crawl state file. */
  runLog?: SourceRunLog;
  /** When given, each source also shows how many of its items are stored. */
  store?: Store;
}

export interface SourceView {
  id: string;
  name: string | null;
  kind: SourceConfig['kind'];
  /** Social platform of the items (null for news and RSS). */
  platform: string | null;
  enabled: boolean;
  /** Site, feed, API base or import path. */
  location: string;
  lastRun: SourceRunRecord | null;
  /** Items fetched in the last run (requests or files read). */
  itemsFetched: number;
  /** Errors of the last run: count and the first ones. */
  errorCount: number;
  errors: SourceRunRecord['errors'];
  /** Sums over the runs kept in the log. */
  totals: SourceTotals;
  storedItems?: number;
}

const NO_TOTALS: SourceTotals = { runs: 0, fetched: 0, new: 0, errors: 0 };

/**
 * GET /api/sources: every configured source with its kind, platform, last run, items fetched
 * and errors. GET /api/sources/:id adds that source's recent runs. Read-only; nothing here
 * reveals more than the config and the crawl reports do (no keys: the config's privacy section
 * is not exposed).
 */
export function sourcesRouter({ config, runLog, store }: SourcesRouterOptions): Router {
  const router = Router();
  const log = runLog ?? new SourceRunLog(sourceRunsPath(config), { readonly: true });

  const view = (source: SourceConfig, latest: Map<string, SourceRunRecord>, totals: Map<string, SourceTotals>, stored?: Map<string, number>): SourceView => {
    const lastRun = latest.get(source.id) ?? null;
    return {
      id: source.id,
      name: source.name ?? null,
      kind: source.kind,
      platform: sourcePlatform(source) ?? null,
      enabled: source.enabled,
      location: sourceLocation(source),
      lastRun,
      itemsFetched: lastRun?.fetched ?? 0,
      errorCount: lastRun?.errorCount ?? 0,
      errors: lastRun?.errors ?? [],
      totals: totals.get(source.id) ?? NO_TOTALS,
      ...(stored ? { storedItems: stored.get(source.id) ?? 0 } : {}),
    };
  };

  const storedCounts = async (): Promise<Map<string, number> | undefined> => {
    if (!store) return undefined;
    const stats = await store.stats({});
    return new Map(stats.bySource.map((bucket) => [bucket.key, bucket.count]));
  };

  router.get('/', async (_req, res) => {
    const [latest, totals, stored] = [log.latest(), log.totals(), await storedCounts()];
    res.json({ sources: config.sources.map((source) => view(source, latest, totals, stored)) });
  });

  router.get('/:id', async (req, res) => {
    const source = config.sources.find((candidate) => candidate.id === req.params.id);
    if (!source) throw new HttpError(404, 'not_found', `no source "${req.params.id}"`, 'id');
    const [latest, totals, stored] = [log.latest(), log.totals(), await storedCounts()];
    res.json({ ...view(source, latest, totals, stored), runs: log.history(source.id) });
  });

  return router;
}
