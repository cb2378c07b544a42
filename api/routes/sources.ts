import { z } from 'zod';
import type { LoadedConfig, SourceConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { sourceLocation, sourcePlatform } from '../../crawlers/social/index.ts';
import { SourceRunLog, sourceRunsPath, type SourceFreshness, type SourceRunRecord, type SourceTotals } from '../../crawlers/source-runs.ts';
import type { SourceScheduler } from '../../features/schedules/index.ts';
import { ACCESS } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

export interface SourceRoutesOptions {
  config: LoadedConfig;
  /** Defaults to the log next to the config's crawl state file. */
  runLog?: SourceRunLog;
  /** When given, each source also shows how many of its items are stored. */
  store?: Store;
  /** The per-source schedule of this process (serve), for each source's next run. */
  schedule?: Pick<SourceScheduler, 'status'>;
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
  /** When this process crawls the source next (null: not scheduled here, or running now). */
  nextRun: string | null;
  /** A run of the source is going on now in this process. */
  running: boolean;
  /** Its interval under the schedule, in seconds (null: not scheduled here). */
  everySeconds: number | null;
  /** End of the last run that stored a new item. */
  lastChangeSeen: string | null;
  /** Mean time from publication to storage, over the new items published since the source was first crawled whose publication time is known. */
  avgPublicationDelaySeconds: number | null;
  /** How many items that mean covers. */
  publicationDelaySamples: number;
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

/** What the run log and the schedule say, read once per request. */
interface Snapshot {
  latest: Map<string, SourceRunRecord>;
  totals: Map<string, SourceTotals>;
  freshness: Map<string, SourceFreshness>;
  planned?: ReturnType<SourceScheduler['status']>;
}

/**
 * GET /api/sources: every configured source with its kind, platform, last run, items fetched
 * and errors. GET /api/sources/:id adds that source's recent runs. Read-only; nothing here
 * reveals more than the config and the crawl reports do (no keys: the config's privacy section
 * is not exposed).
 */
export function sourceRoutes({ config, runLog, store, schedule }: SourceRoutesOptions): AnyRoute[] {
  const log = runLog ?? new SourceRunLog(sourceRunsPath(config), { readonly: true });

  const view = (source: SourceConfig, { latest, totals, freshness, planned }: Snapshot, stored?: Map<string, number>): SourceView => {
    const lastRun = latest.get(source.id) ?? null;
    const fresh = freshness.get(source.id);
    const plan = planned?.get(source.id);
    const delay = fresh?.avgPublicationDelayMs;
    return {
      id: source.id,
      name: source.name ?? null,
      kind: source.kind,
      platform: sourcePlatform(source) ?? null,
      enabled: source.enabled,
      location: sourceLocation(source),
      lastRun,
      nextRun: plan?.nextRun ?? null,
      running: plan?.running ?? false,
      everySeconds: plan ? plan.everyMs / 1000 : null,
      lastChangeSeen: fresh?.lastChangeAt ?? null,
      avgPublicationDelaySeconds: delay === null || delay === undefined ? null : Math.round(delay / 100) / 10,
      publicationDelaySamples: fresh?.delaySamples ?? 0,
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

  const snapshot = (): Snapshot => ({ latest: log.latest(), totals: log.totals(), freshness: log.freshness(), planned: schedule?.status() });

  return [
    defineRoute({
      method: 'get',
      path: '/api/sources',
      tag: 'sources',
      summary: 'Every configured source with its last run, schedule, items fetched and errors',
      access: ACCESS.read,
      handle: async () => {
        const [now, stored] = [snapshot(), await storedCounts()];
        return { sources: config.sources.map((source) => view(source, now, stored)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/sources/:id',
      tag: 'sources',
      summary: 'One source as in the list, with its recent runs',
      access: ACCESS.read,
      params: z.object({ id: z.string() }),
      handle: async ({ params }) => {
        const source = config.sources.find((candidate) => candidate.id === params.id);
        if (!source) throw new HttpError(404, 'not_found', `no source "${params.id}"`, 'id');
        const [now, stored] = [snapshot(), await storedCounts()];
        return { ...view(source, now, stored), runs: log.history(source.id) };
      },
    }),
  ];
}
