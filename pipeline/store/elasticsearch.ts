// The Elasticsearch engine: the same Store contract as SQLite, for offices that outgrow one
// machine. Reads and writes go through an alias over a versioned index (see es-mapping.ts);
// writes use the client's bulk helper and fall back to a durable local outbox during outages.
import { readFileSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, Transport, errors, type estypes } from '@elastic/elasticsearch';

type ClientOptions = ConstructorParameters<typeof Client>[0];
import type {
  ClusterCount,
  CountKey,
  CountRow,
  ItemFilter,
  ItemKind,
  ItemReview,
  ItemQuery,
  ItemSort,
  ItemSummary,
  Page,
  ScoredItem,
  Stats,
  StatsQuery,
  Store,
  TermCount,
  UpsertResult,
  ItemStreamQuery,
} from '../../core/types.ts';
import { foldVietnamese } from '../nlp/fold.ts';
import { foldedTextOf } from '../normalise.ts';
import { compareClusters, dateBound, dayOfTimestamp, itemTimestamp, mergeRows, platformOf, termCountsOf, termEntries, toSummary } from './common.ts';
import { EsOutbox, type OutboxEntry } from './es-outbox.ts';
import {
  DEFAULT_LAYOUT,
  INDEX_MAPPINGS,
  INDEX_REFRESH_INTERVAL,
  MAPPING_VERSION,
  READABLE_FROM_VERSION,
  indexNames,
  indexSettings,
  replicaSettings,
  versionOf,
  type IndexNames,
  type ShardLayout,
} from './es-mapping.ts';

export interface ElasticsearchStoreOptions {
  /** One URL or several nodes of the same cluster. */
  node: string | string[];
  auth?: { apiKey: string } | { username: string; password: string };
  /** PEM file of the CA that signed the cluster's certificate (absolute path). */
  caFile?: string;
  /** Name prefix of the alias, indices and template. Default "mediawatch". */
  index?: string;
  /** Shards of new indices and replicas of every index; each defaults to DEFAULT_LAYOUT's. */
  layout?: Partial<ShardLayout>;
  /**
   * SQLite file that buffers writes while the cluster is unreachable; `null` disables the
   * outbox (outages then fail the write, as `reindex` wants).
   */
  outboxPath?: string | null;
  requestTimeoutMs?: number;
  /** How often buffered items are retried while the cluster is down. Default 2000 ms. */
  replayIntervalMs?: number;
  /** Attempts for a bulk request that fails with 429/5xx or a connection error. Default 3. */
  writeAttempts?: number;
  /** Bulk helper tuning. */
  flushBytes?: number;
  concurrency?: number;
  /**
   * `serve`: when the index needs migrating but its version can still be read
   * (READABLE_FROM_VERSION), init() returns at once and the copy runs in the background while
   * reads and writes go to the old index (see migrated()). Otherwise init() waits for the copy.
   */
  migrateInBackground?: boolean;
  /**
   * Old-generation heap, in MB, of the process that copies the index when the mapping changes
   * (default MIGRATION_HEAP_MB; see copyInChild).
   */
  migrationHeapMb?: number;
  /** Only for tests of index migrations: pretend the mapping has this version. */
  mappingVersion?: number;
  /** Only for tests of the fallback: values a keyed count returns at most (default KEYED_SIZE). */
  keyedCountSize?: number;
  /** Where outage and migration notices go. Default: stderr. */
  warn?: (message: string) => void;
}

type Outcome = { ok: true; existed: boolean } | { ok: false; transient: boolean; reason: string };

/** The store's bookkeeping kept with each item under "mw" (see es-mapping.ts). */
interface Bookkeeping {
  ts: string;
  seq: number;
  status: string;
  writtenAt: number;
  terms: string[];
  day: string;
  platform: string;
  daySource: string;
  dayTopic: string[];
  dayPlatform: string;
}

/**
 * What Elasticsearch stores: the item without its folded text (derived again on read, see
 * stripBookkeeping; indices before v3 hold it) plus the store's bookkeeping under "mw".
 */
type StoredItem = Omit<ScoredItem, 'foldedText'>;
interface EsDoc extends StoredItem {
  foldedText?: string;
  mw: Bookkeeping;
}

/** Joins a day and a value in the combined count keys; the day has a fixed length, so any value splits back. */
const KEY_SEPARATOR = '\u001f';
const DAY_LENGTH = 'yyyy-mm-dd'.length;

/** Everything under "mw" that follows from the item itself (written on every copy, derived again by a migration). */
function derivedKeys(item: StoredItem): Omit<Bookkeeping, 'seq' | 'status' | 'writtenAt'> {
  const ts = itemTimestamp(item);
  const day = dayOfTimestamp(ts);
  const platform = platformOf(item);
  const topics = item.topics?.length ? [...new Set(item.topics)] : [''];
  return {
    ts,
    terms: termEntries(item.explanations),
    day,
    platform,
    daySource: day + KEY_SEPARATOR + item.sourceId,
    dayTopic: topics.map((topic) => day + KEY_SEPARATOR + topic),
    dayPlatform: day + KEY_SEPARATOR + platform,
  };
}

/**
 * Counts that one keyword field written with each item answers (derivedKeys): one terms
 * aggregation over its ordinals instead of a date_histogram with terms under every day.
 */
const KEYED_COUNTS: Record<string, string> = {
  day: 'mw.day',
  platform: 'mw.platform',
  'day,source': 'mw.daySource',
  'day,topic': 'mw.dayTopic',
  'day,platform': 'mw.dayPlatform',
};

/**
 * Values a keyed count returns at most (twice: all items and the flagged ones, within the
 * cluster's default search.max_buckets of 65,536); beyond, e.g. two years by 200 sources, the
 * nested aggregations answer instead.
 */
const KEYED_SIZE = 30_000;

/**
 * Connection errors and 502/503/504 are retried by the client itself; this keeps its back-off
 * short (0.1, 0.2, 0.4 s), so during an outage a crawl falls back to the outbox within a
 * second instead of waiting the default several seconds on every request.
 */
class QuickRetryTransport extends Transport {
  constructor(options: ConstructorParameters<typeof Transport>[0]) {
    super({ ...options, retryBackoff: (_min, _max, attempt) => Math.min(0.05 * 2 ** attempt, 1) });
  }
}

/** ES refuses search results past this offset; deeper pages walk there with search_after. */
const MAX_WINDOW = 10_000;
/** Ever finer time buckets a deep page in time order is found by (see skipByTime). */
const DEEP_INTERVALS = ['1d', '1h', '1m'] as const;
const INTERVAL_MS: Record<(typeof DEEP_INTERVALS)[number], number> = { '1d': 86_400_000, '1h': 3_600_000, '1m': 60_000 };
const MGET_CHUNK = 10_000;
/**
 * A migration's pages are sized by bytes, not documents: at 5,000 documents a page (~10 MB of
 * _source with v2's folded text) the parsed page being written, the one read ahead and their
 * bulk bodies took `serve` from ~275 to 790 MB RSS at 2M items. About 1.5 MB of bulk body a page
 * keeps what is in flight to a few MB (the heap holds several times that until collected): ~490 MB
 * peak with 1 or 1.5 MB, 546 MB with 2 MB; 1 MB copied a quarter slower. The first page is small,
 * the next ones follow the bytes per document measured so far.
 */
const COPY_PAGE_BYTES = 1_500_000;
const COPY_PAGE_FIRST = 200;
const COPY_PAGE_MAX = 5_000;
/**
 * The copy process's old generation: a page in flight is a few MB and the modules ~20 MB, so 64 MB
 * holds the largest item a crawl stores (pages are capped at 5 MB) while V8 has to collect the
 * pages' garbage early.
 */
export const MIGRATION_HEAP_MB = 64;

/** What the copy process (es-copy-worker.ts) is sent: the store's options it needs and the indices. */
export interface CopyJob {
  options: Pick<ElasticsearchStoreOptions, 'node' | 'auth' | 'caFile' | 'index' | 'requestTimeoutMs' | 'writeAttempts' | 'concurrency'>;
  source: string;
  target: string;
}

export type CopyMessage =
  { type: 'started'; heapLimitMb: number } | { type: 'progress'; copied: number } | { type: 'done'; copied: number } | { type: 'failed'; error: string };
const SUMMARY_EXCLUDES = ['explanations', 'revisions', 'mw', 'ocrText'];

const SORTS: Record<ItemSort, estypes.SortCombinations[]> = {
  newest: [{ 'mw.ts': 'desc' }, { id: 'asc' }],
  oldest: [{ 'mw.ts': 'asc' }, { id: 'asc' }],
  distortion: [{ 'scores.distortion': 'desc' }, { 'mw.ts': 'desc' }, { id: 'asc' }],
};

const SCAN_SORT: estypes.SortCombinations[] = [{ 'mw.seq': 'asc' }, { id: 'asc' }];

/** Insertion order across processes: microseconds since the epoch, strictly increasing here. */
let lastSeq = 0;
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Part of the index cannot be read right now (its shard is recovering or unassigned). */
class ShardUnavailableError extends Error {
  override name = 'ShardUnavailableError';
}

/** Failures worth retrying or buffering: the cluster is down, overloaded or briefly unavailable. */
export function isTransientError(error: unknown): boolean {
  if (
    error instanceof ShardUnavailableError ||
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    return true;
  }
  if (error instanceof errors.ResponseError) return [429, 502, 503, 504].includes(error.statusCode ?? 0);
  return false;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof errors.ResponseError ? error.statusCode : undefined;
}

/** One line for logs and errors: the ES error type and reason rather than the raw body. */
export function describeError(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    const cause = (error.body as { error?: estypes.ErrorCause } | undefined)?.error;
    const root = cause?.root_cause?.[0] ?? cause;
    return root?.reason ? `${error.statusCode} ${root.type}: ${root.reason}` : `${error.statusCode} ${error.message}`;
  }
  return (error as Error)?.message ?? String(error);
}

function reasonOf(cause: estypes.ErrorCause | null | undefined, status: number): string {
  if (!cause) return `HTTP ${status}`;
  const caused = cause.caused_by?.reason ? ` (${cause.caused_by.reason})` : '';
  return `${cause.type}: ${cause.reason ?? ''}${caused}`;
}

/** The derived platforms "web" and "social" (see ItemQuery.platform), or a social platform. */
function platformQuery(platform: string): estypes.QueryDslQueryContainer {
  if (platform !== 'web' && platform !== 'social') return { term: { platform } };
  const kinds = platform === 'web' ? ['news', 'rss'] : ['social'];
  return { bool: { must_not: [{ exists: { field: 'platform' } }], filter: [{ terms: { kind: kinds } }] } };
}

/** Composite-aggregation sources of each count key ("platform" is derived from two). */
const COUNT_SOURCES: Record<CountKey, Array<Record<string, estypes.AggregationsCompositeAggregationSource>>> = {
  day: [{ day: { date_histogram: { field: 'mw.ts', calendar_interval: '1d', time_zone: '+07:00', format: 'yyyy-MM-dd' } } }],
  topic: [{ topic: { terms: { field: 'topics', missing_bucket: true } } }],
  source: [{ source: { terms: { field: 'sourceId' } } }],
  platform: [{ platform: { terms: { field: 'mw.platform' } } }],
  kind: [{ kind: { terms: { field: 'kind' } } }],
  status: [{ status: { terms: { field: 'mw.status' } } }],
  cluster: [{ cluster: { terms: { field: 'clusterId', missing_bucket: true } } }],
};

/** A count key's value in a composite bucket. */
function countKeyOf(key: CountKey, bucket: Record<string, string | number | null>): string {
  const value = bucket[key];
  return value === null || value === undefined ? '' : String(value);
}

const COMPOSITE_PAGE = 5_000;

/**
 * Pages topClusters walks, newest first, to break size ties: a small first one (usually enough;
 * at 2M items 100 hits took ~0.1 s against ~0.4 s for 1,000), then larger ones, then it stops.
 */
const CLUSTER_WALK_PAGES = [100, 1_000, 1_000, 1_000, 1_000];

/** Stands for "no value" (missing_bucket) in a terms aggregation; no topic, platform or cluster is named so. */
const MISSING = '\u0000';

/**
 * A count's sources as nested bucket aggregations (date_histogram, terms), the leaf counting
 * the flagged items. One pass over the matches and no composite keys: several times faster
 * than the composite aggregation (measured: the trends page's counts by day × source at 2M
 * items), but each terms level returns at most COMPOSITE_PAGE values per parent bucket, so the
 * caller checks the answer is complete (nestedRows).
 */
function nestedAggs(sources: Array<[string, estypes.AggregationsCompositeAggregationSource]>): Record<string, estypes.AggregationsAggregationContainer> {
  if (!sources.length) return { flagged: { filter: { term: { flagged: true } } } };
  const [[name, source], ...rest] = sources;
  const { date_histogram: dates, terms } = source as {
    date_histogram?: estypes.AggregationsCompositeDateHistogramAggregation;
    terms?: estypes.AggregationsCompositeTermsAggregation;
  };
  const level: estypes.AggregationsAggregationContainer = dates
    ? { date_histogram: { ...(dates as estypes.AggregationsDateHistogramAggregation), min_doc_count: 1 } }
    : { terms: { field: terms!.field, size: COMPOSITE_PAGE, ...(terms!.missing_bucket ? { missing: MISSING } : {}) } };
  return { [name]: { ...level, aggs: nestedAggs(rest) } };
}

type NestedBucket = { key: string | number; key_as_string?: string; doc_count: number; flagged?: { doc_count: number } } & Record<string, unknown>;

/**
 * The rows of nestedAggs' answer, or undefined when a terms level left values out (more than
 * COMPOSITE_PAGE in some bucket): the composite aggregation then pages through them instead.
 */
function nestedRows(
  by: CountKey[],
  names: string[],
  aggregations: Record<string, unknown>,
  prefix: Record<string, string | number | null> = {},
): CountRow[] | undefined {
  const [name, ...rest] = names;
  const level = aggregations[name] as { buckets: NestedBucket[]; sum_other_doc_count?: number };
  if (level.sum_other_doc_count) return undefined;
  const rows: CountRow[] = [];
  for (const bucket of level.buckets) {
    const key = { ...prefix, [name]: bucket.key_as_string ?? (bucket.key === MISSING ? null : bucket.key) };
    if (!rest.length) {
      rows.push({ keys: by.map((k) => countKeyOf(k, key)), count: bucket.doc_count, flagged: bucket.flagged!.doc_count });
      continue;
    }
    const inner = nestedRows(by, rest, bucket, key);
    if (!inner) return undefined;
    rows.push(...inner);
  }
  return rows;
}

/** The error type Elasticsearch gave, looking into root causes (e.g. "too_many_buckets_exception"). */
function errorTypes(error: unknown): string[] {
  const cause = ((error as errors.ResponseError)?.body as { error?: estypes.ErrorCause } | undefined)?.error;
  if (!cause) return [];
  return [cause.type, cause.caused_by?.type, ...(cause.root_cause ?? []).map((root) => root.type)].filter((type): type is string => !!type);
}

/** Same filters as the SQLite engine's buildFilter, as an Elasticsearch query. */
export function buildQuery(query: Partial<ItemQuery> & StatsQuery): estypes.QueryDslQueryContainer {
  const filter: estypes.QueryDslQueryContainer[] = [];
  const must: estypes.QueryDslQueryContainer[] = [];
  const should: estypes.QueryDslQueryContainer[] = [];
  if (query.flagged !== undefined) filter.push({ term: { flagged: query.flagged } });
  if (query.congress !== undefined) filter.push({ term: { congress: query.congress } });
  if (query.source) filter.push({ term: { sourceId: query.source } });
  if (query.kind) filter.push({ term: { kind: query.kind } });
  if (query.platform) filter.push(platformQuery(query.platform));
  if (query.minDistortion !== undefined) filter.push({ range: { 'scores.distortion': { gte: query.minDistortion } } });
  if (query.minCongress !== undefined) filter.push({ range: { 'scores.congress': { gte: query.minCongress } } });
  if (query.clusterId) filter.push({ term: { clusterId: query.clusterId } });
  if (query.status?.length) filter.push({ terms: { 'mw.status': query.status } });
  if (query.assignee) filter.push({ term: { 'review.assignee': query.assignee } });
  if (query.topic) filter.push({ term: { topics: query.topic } });
  if (query.from || query.to) {
    filter.push({
      range: {
        'mw.ts': {
          ...(query.from ? { gte: dateBound(query.from, 'from') } : {}),
          ...(query.to ? { lte: dateBound(query.to, 'to') } : {}),
        },
      },
    });
  }
  if (query.q !== undefined) {
    const text = query.q.normalize('NFC');
    // A query with no letters or digits matches nothing rather than everything.
    if (!/[\p{L}\p{N}]/u.test(foldVietnamese(text))) return { match_none: {} };
    // Every word must appear, in the title, the text or the text read from images, diacritics or not...
    must.push({ multi_match: { query: text, type: 'cross_fields', fields: ['title^2', 'text', 'ocrText'], operator: 'and' } });
    // ...and words spelled with the same diacritics as typed score higher.
    should.push({ multi_match: { query: text, type: 'cross_fields', fields: ['title^4', 'text^2', 'ocrText'], analyzer: 'mw_exact' } });
  }
  if (!filter.length && !must.length) return { match_all: {} };
  return { bool: { filter, must, should } };
}

/**
 * The item as stored. Its folded text is not kept (like SQLite): it follows from the title,
 * text and OCR text, and left out it makes the _source a bulk load sends and stores smaller.
 */
function stripBookkeeping(source: EsDoc | undefined): ScoredItem {
  const { mw: _mw, foldedText: _folded, ...item } = source!;
  return { ...item, foldedText: foldedTextOf(item.title, item.text, item.ocrText) };
}

export class ElasticsearchStore implements Store {
  readonly engine = 'elasticsearch';
  readonly names: IndexNames;
  private readonly prefix: string;
  private readonly version: number;
  private readonly layout: ShardLayout;
  private readonly outbox: EsOutbox | undefined;
  private readonly warn: (message: string) => void;
  private clientInstance: Client | undefined;
  /** When the last request failed for lack of a cluster; reads skip Elasticsearch until a replay succeeds. */
  private outageSince: number | undefined;
  private lastAttempt = 0;
  private replayTimer: NodeJS.Timeout | undefined;
  private replayChain: Promise<unknown> = Promise.resolve();
  private replayRunning = false;
  private closed = false;
  /** A migration running in the background (migrateInBackground). */
  private migration: Promise<void> | undefined;
  /** The process copying the index during a migration (copyInChild). */
  private copyProcess: ChildProcess | undefined;

  constructor(private readonly options: ElasticsearchStoreOptions) {
    this.prefix = options.index ?? 'mediawatch';
    this.names = indexNames(this.prefix);
    this.version = options.mappingVersion ?? MAPPING_VERSION;
    this.layout = {
      shards: options.layout?.shards ?? DEFAULT_LAYOUT.shards,
      replicas: options.layout?.replicas ?? DEFAULT_LAYOUT.replicas,
    };
    this.outbox = options.outboxPath ? new EsOutbox(options.outboxPath) : undefined;
    this.warn = options.warn ?? ((message) => process.stderr.write(`mediawatch elasticsearch: ${message}\n`));
  }

  /** The underlying client, for tests, the bench and admin commands. */
  get client(): Client {
    if (!this.clientInstance || this.closed) throw new Error('ElasticsearchStore used before init() or after close()');
    return this.clientInstance;
  }

  private get nodes(): string {
    return [this.options.node].flat().join(', ');
  }

  async init(): Promise<void> {
    this.connect();
    try {
      await this.ensureIndex();
    } catch (error) {
      await this.clientInstance!.close();
      this.clientInstance = undefined;
      throw new Error(`Elasticsearch at ${this.nodes}: ${describeError(error)}`, { cause: error });
    }
    const pending = this.outbox?.pending() ?? 0;
    if (pending) {
      this.warn(`${pending} item(s) buffered in ${this.outbox!.path} by an earlier run; replaying them`);
      await this.replay(true);
    }
  }

  private connect(): void {
    const clientOptions: ClientOptions = {
      node: this.options.node,
      requestTimeout: this.options.requestTimeoutMs ?? 30_000,
      maxRetries: 3,
      Transport: QuickRetryTransport,
      name: 'mediawatch',
    };
    if (this.options.auth) clientOptions.auth = this.options.auth;
    if (this.options.caFile) {
      let ca: Buffer;
      try {
        ca = readFileSync(this.options.caFile);
      } catch (error) {
        throw new Error(`cannot read store.tls.caFile ${this.options.caFile}: ${(error as Error).message}`, { cause: error });
      }
      clientOptions.tls = { ca };
    }
    this.clientInstance = new Client(clientOptions);
  }

  // --- index lifecycle ------------------------------------------------------------------

  private async ensureIndex(): Promise<void> {
    const client = this.client;
    const target = this.names.versioned(this.version);
    const current = await this.aliasedIndices();
    const newer = current.find((index) => (versionOf(this.prefix, index) ?? 0) > this.version);
    if (newer) {
      // Checked before touching the template, which the newer version owns.
      throw new Error(`alias ${this.names.alias} points to ${newer}, made by a newer mediawatch (mapping v${this.version} here); upgrade mediawatch`);
    }
    await client.indices.putIndexTemplate({
      name: this.names.template,
      index_patterns: [this.names.pattern],
      priority: 500,
      template: { settings: indexSettings(this.layout), mappings: INDEX_MAPPINGS },
      _meta: { managedBy: 'mediawatch', mappingVersion: this.version },
    });
    if (!current.length) {
      if (await client.indices.exists({ index: this.names.alias })) {
        throw new Error(`"${this.names.alias}" is an index, not the alias mediawatch expects; rename or delete it`);
      }
      await this.createIndex(target, true);
      return;
    }
    if (current.includes(target)) {
      // Fields added to the mapping since the index was made (they are new, so no document holds
      // them yet) are added in place; changing an existing field needs a new mapping version.
      await client.indices.putMapping({ index: target, properties: INDEX_MAPPINGS.properties });
      return this.applyLayout(target);
    }
    const oldest = Math.min(...current.map((index) => versionOf(this.prefix, index) ?? 0));
    if (this.options.migrateInBackground && oldest >= READABLE_FROM_VERSION) {
      this.migration = this.migrate(current, target).catch((error: unknown) => {
        if (!this.closed) this.warn(`migration to ${target} failed (${describeError(error)}); still serving ${current.join(',')}, the next start tries again`);
      });
      return;
    }
    await this.migrate(current, target);
  }

  /** Resolves when a background migration has ended (at once when none runs); it never rejects. */
  async migrated(): Promise<void> {
    await this.migration;
  }

  /**
   * The template only shapes new indices: replicas are changed on the existing index too (a
   * live setting), while a different shard count needs a new index and is only reported.
   */
  private async applyLayout(index: string): Promise<void> {
    const response = await this.client.indices.getSettings({ index, flat_settings: true });
    const settings = (response[index]?.settings ?? {}) as Record<string, string | undefined>;
    const shards = Number(settings['index.number_of_shards']);
    if (shards !== this.layout.shards) {
      this.warn(
        `${index} has ${shards} primary shard(s) but store.shards is ${this.layout.shards}; shards are fixed when an index ` +
          'is created, so this index keeps its count (docs/elasticsearch.md, "Shards and replicas", says how to change it)',
      );
    }
    const wanted = replicaSettings(this.layout.replicas);
    const current = settings['index.auto_expand_replicas'] ?? 'false';
    const same =
      current === wanted['index.auto_expand_replicas'] &&
      (wanted['index.number_of_replicas'] === undefined || Number(settings['index.number_of_replicas']) === wanted['index.number_of_replicas']);
    if (same) return;
    await this.client.indices.putSettings({ index, settings: wanted });
    this.warn(
      `replicas of ${index} set to ${this.layout.replicas} (store.replicas; was ${current === 'false' ? settings['index.number_of_replicas'] : current})`,
    );
  }

  private async aliasedIndices(): Promise<string[]> {
    try {
      return Object.keys(await this.client.indices.getAlias({ name: this.names.alias }));
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw error;
    }
  }

  private async createIndex(index: string, withAlias: boolean): Promise<void> {
    try {
      await this.client.indices.create({
        index,
        aliases: withAlias ? { [this.names.alias]: { is_write_index: true } } : undefined,
        wait_for_active_shards: 1,
      });
    } catch (error) {
      const type = ((error as errors.ResponseError).body as { error?: { type?: string } } | undefined)?.error?.type;
      if (type !== 'resource_already_exists_exception') throw error;
      // Another process created it first (the alias came with it), or the alias was removed
      // by hand: (re)attach it, which is idempotent.
      if (withAlias) await this.client.indices.putAlias({ index, name: this.names.alias, is_write_index: true });
    }
  }

  /**
   * Builds the current-version index from the old one with no downtime: copy everything, swap
   * the alias atomically, then copy what was written to the old index during the copy (unless
   * the new index already holds a newer write of that id). The old index is kept.
   */
  private async migrate(oldIndices: string[], target: string): Promise<void> {
    const source = oldIndices.join(',');
    this.warn(`migrating ${source} to ${target} (mapping v${this.version}); reads continue on the old index meanwhile`);
    await this.createIndex(target, false);
    const started = Date.now();
    // Nobody reads the new index before the alias moves: no refreshes during the bulk copy, and
    // no fsync per bulk request (a crash loses nothing: the next start copies again from the old
    // index); ~0.88x the node's CPU per item with both, measured on mapping v4.
    await this.client.indices.putSettings({ index: target, settings: { refresh_interval: '-1', 'translog.durability': 'async' } });
    let copied = await this.copyInChild(source, target);
    await this.client.indices.putSettings({ index: target, settings: { refresh_interval: INDEX_REFRESH_INTERVAL, 'translog.durability': 'request' } });
    await this.client.indices.refresh({ index: target });
    await this.client.indices.updateAliases({
      actions: [
        ...oldIndices.map((index) => ({ remove: { index, alias: this.names.alias } })),
        { add: { index: target, alias: this.names.alias, is_write_index: true } },
      ],
    });
    copied += await this.copyIndex(source, target, { range: { 'mw.writtenAt': { gte: started - 60_000 } } }, true);
    await this.client.indices.refresh({ index: target });
    this.warn(`migrated ${copied} document(s) to ${target}; ${source} is no longer used and can be deleted`);
  }

  /**
   * The bulk copy of a migration, in a child process whose old generation is capped
   * (migrationHeapMb). Each page is garbage within seconds; in serve's own heap V8 let the process
   * grow far past the live set while copying (538 MB copying 2M items, 287 MB with the whole
   * process capped at 256 MB), and a cap on serve itself would stop serve at the cap. A process
   * rather than a worker thread: a thread that outgrows its resourceLimits by one large
   * allocation (a 12 MB item) aborted the whole process, serve included. If the copy runs out of
   * heap it fails with that reason; the alias stays on the old index and the next start copies again.
   */
  private copyInChild(source: string, target: string): Promise<number> {
    const heapMb = this.options.migrationHeapMb ?? MIGRATION_HEAP_MB;
    const { node, auth, caFile, index, requestTimeoutMs, writeAttempts, concurrency } = this.options;
    const job: CopyJob = { options: { node, auth, caFile, index, requestTimeoutMs, writeAttempts, concurrency }, source, target };
    const child = fork(fileURLToPath(new URL('./es-copy-worker.mjs', import.meta.url)), [], {
      // A small young generation too: 2 MB semi-spaces cut the copy process's peak from 168 to
      // 145 MB at 2M items (V8's default lets them grow to 16 MB each); the copy was no slower.
      execArgv: [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=2'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.copyProcess = child;
    child.send(job);
    let copied = 0;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    return new Promise<number>((resolve, reject) => {
      child.on('message', (message: CopyMessage) => {
        if (message.type === 'started')
          this.warn(`copying in process ${child.pid}, heap limit ${Math.round(message.heapLimitMb)} MB (store.migrationHeapMb ${heapMb})`);
        else if (message.type === 'progress') copied = message.copied;
        else if (message.type === 'done') resolve(message.copied);
        else reject(new Error(message.error));
      });
      child.on('error', reject);
      // Settles nothing when a message came first.
      child.on('exit', (code, signal) => {
        const ending = `after ${copied} document(s)`;
        if (this.closed) reject(new Error(`migration to ${target} stopped: the store was closed`));
        else if (/heap out of memory|Reached heap limit/.test(stderr))
          reject(new Error(`the copy ran out of its ${heapMb} MB heap ${ending} (raise store.migrationHeapMb)`));
        else reject(new Error(`the copy process ended (${signal ?? `code ${code}`}) ${ending}: ${stderr.trim().split('\n').pop() ?? ''}`));
      });
    }).finally(() => {
      this.copyProcess = undefined;
    });
  }

  /** Run by the copy process (es-copy-worker.ts): the whole of one index into another, reporting progress per page. */
  async copyAll(source: string, target: string, onProgress: (copied: number) => void): Promise<number> {
    if (!this.clientInstance) this.connect();
    return this.copyIndex(source, target, { match_all: {} }, false, onProgress);
  }

  /**
   * Copies the matches page by page (COPY_PAGE_BYTES), reading the next page while the last one
   * is written: at most one page in flight besides the one being written.
   */
  private async copyIndex(
    source: string,
    target: string,
    query: estypes.QueryDslQueryContainer,
    onlyIfNewer: boolean,
    onProgress?: (copied: number) => void,
  ): Promise<number> {
    const sent = { docs: 0, bytes: 0 };
    const pageSize = () => (sent.docs ? Math.max(1, Math.min(COPY_PAGE_MAX, Math.floor(COPY_PAGE_BYTES / (sent.bytes / sent.docs)))) : COPY_PAGE_FIRST);
    let copied = 0;
    let writing: Promise<number> = Promise.resolve(0);
    try {
      // Indices before v3 kept the folded text in _source; it is derived again on read, so not read here.
      for await (const hits of this.scanHits(source, query, [{ _shard_doc: 'asc' }], pageSize, { excludes: ['foldedText'] })) {
        if (this.closed) throw new Error(`migration to ${target} stopped: the store was closed`);
        copied += await writing;
        onProgress?.(copied);
        writing = this.copyHits(hits, target, onlyIfNewer, sent);
      }
    } finally {
      // A failed read still waits for the write in flight (and reports the write's failure first).
      copied += await writing;
    }
    return copied;
  }

  private async copyHits(hits: Array<estypes.SearchHit<EsDoc>>, target: string, onlyIfNewer: boolean, sent: { docs: number; bytes: number }): Promise<number> {
    // Bookkeeping added by a later mapping version is derived again from the item itself.
    let docs = hits.map((hit) => {
      const { mw, foldedText: _folded, ...item } = hit._source!;
      return { id: hit._id!, body: { ...item, mw: { ...mw, ...derivedKeys(item) } } };
    });
    if (onlyIfNewer) {
      const found = await this.client.mget<EsDoc>({ index: target, ids: docs.map((doc) => doc.id), _source_includes: ['mw.writtenAt'] });
      const writtenAt = new Map<string, number>();
      for (const doc of found.docs) {
        if ('found' in doc && doc.found) writtenAt.set(doc._id, doc._source?.mw?.writtenAt ?? 0);
      }
      docs = docs.filter((doc) => (writtenAt.get(doc.id) ?? -1) < doc.body.mw.writtenAt);
    }
    // Two bulk requests a page, sent together: the node indexes on two threads.
    const outcomes = await this.bulkIndex(docs, target, COPY_PAGE_BYTES / 2, (bytes) => {
      sent.docs += docs.length;
      sent.bytes += bytes;
    });
    const failed = [...outcomes.values()].filter((outcome) => !outcome.ok);
    if (failed.length) throw new Error(`migration to ${target} failed for ${failed.length} document(s): ${(failed[0] as { reason: string }).reason}`);
    return docs.length;
  }

  /** Deletes this prefix's indices and template (tests and benchmarks clean up with it). */
  async destroy(): Promise<void> {
    const client = this.client;
    const indices = Object.keys(await client.indices.get({ index: this.names.pattern, allow_no_indices: true, expand_wildcards: 'all' }));
    if (indices.length) await client.indices.delete({ index: indices.join(',') });
    await client.indices.deleteIndexTemplate({ name: this.names.template }).catch((error: unknown) => {
      if (statusOf(error) !== 404) throw error;
    });
  }

  // --- writes ---------------------------------------------------------------------------

  async upsertItems(items: ScoredItem[]): Promise<UpsertResult> {
    const result: UpsertResult = { inserted: 0, updated: 0, errors: [] };
    if (!items.length) return result;
    if (this.closed || !this.clientInstance) throw new Error('ElasticsearchStore used before init() or after close()');
    if (this.outbox && this.outbox.pending() > 0) {
      // Buffered items go first, so an older buffered copy never overwrites this one. During
      // an outage the background replay retries; the caller does not wait for it.
      this.outbox.enqueue(items);
      const outcomes = this.replayRunning || this.replayDue() === false ? new Map<string, Outcome>() : await this.replay(false);
      return this.tally(items, outcomes, result);
    }
    let outcomes: Map<string, Outcome>;
    try {
      outcomes = await this.writeItems(items);
    } catch (error) {
      if (!this.outbox || !isTransientError(error)) throw error;
      this.enterOutage(error);
      this.outbox.enqueue(items);
      return { ...result, buffered: items.length };
    }
    const transient = items.filter((item) => {
      const outcome = outcomes.get(item.id);
      return outcome && !outcome.ok && outcome.transient;
    });
    if (transient.length && this.outbox) {
      // Overloaded or unavailable shards even after retries: keep them for the replay.
      const reason = (outcomes.get(transient[0].id) as { reason: string }).reason;
      this.outbox.enqueue(transient);
      for (const item of transient) outcomes.delete(item.id);
      this.enterOutage(new Error(reason));
    }
    return this.tally(items, outcomes, result);
  }

  /** Counts like SQLite: first copy of an id is an insert or an update, repeats are updates. */
  private tally(items: ScoredItem[], outcomes: Map<string, Outcome>, result: UpsertResult): UpsertResult {
    const seen = new Set<string>();
    let buffered = 0;
    for (const item of items) {
      const outcome = outcomes.get(item.id);
      const repeat = seen.has(item.id);
      seen.add(item.id);
      if (!outcome) buffered++;
      else if (!outcome.ok) {
        if (!repeat) result.errors.push({ id: item.id, reason: outcome.reason });
      } else if (repeat || outcome.existed) result.updated++;
      else result.inserted++;
    }
    if (buffered) result.buffered = buffered;
    return result;
  }

  /**
   * Writes items (last copy of an id wins) and makes them visible to search. Throws when the
   * cluster cannot be reached after retries; per-document failures come back as outcomes.
   */
  private async writeItems(items: ScoredItem[]): Promise<Map<string, Outcome>> {
    const latest = new Map<string, ScoredItem>();
    for (const item of items) latest.set(item.id, item);
    const unique = [...latest.values()];
    const outcomes = new Map<string, Outcome>();
    for (let start = 0; start < unique.length; start += MGET_CHUNK) {
      const chunk = unique.slice(start, start + MGET_CHUNK);
      const existing = await this.withRetry(() => this.existingDocs(chunk.map((item) => item.id)));
      const writtenAt = Date.now();
      const docs = chunk.map((item) => {
        // Never drop analysts' decisions: an item crawled again during an outage was buffered
        // without them (the crawl could not look it up), and is replayed over the stored one.
        const review = item.review ?? existing.get(item.id)?.review;
        const { foldedText: _folded, ...stored } = item;
        const doc: EsDoc = {
          ...stored,
          review,
          mw: { ...derivedKeys(item), seq: existing.get(item.id)?.seq ?? nextSeq(), status: review?.status ?? 'new', writtenAt },
        };
        return { id: item.id, body: doc };
      });
      const written = await this.bulkIndex(docs, this.names.alias);
      for (const [id, outcome] of written) {
        outcomes.set(id, outcome.ok ? { ok: true, existed: existing.has(id) } : outcome);
      }
    }
    await this.withRetry(() => this.client.indices.refresh({ index: this.names.alias }));
    return outcomes;
  }

  /** Insertion sequence and review of the ids that already exist (real-time, no refresh needed). */
  private async existingDocs(ids: string[]): Promise<Map<string, { seq: number; review?: ItemReview }>> {
    const response = await this.client.mget<EsDoc>({ index: this.names.alias, ids, _source_includes: ['mw.seq', 'review'] });
    const found = new Map<string, { seq: number; review?: ItemReview }>();
    for (const doc of response.docs) {
      // A shard still recovering (a node just restarted) answers per document: not knowing
      // whether the item exists must not pass for "new", or its stored review and place in
      // insertion order would be overwritten. Retried like an outage instead.
      if ('error' in doc) throw new ShardUnavailableError(`cannot read item ${doc._id}: ${reasonOf(doc.error, 503)}`);
      if (doc.found) found.set(doc._id, { seq: doc._source?.mw?.seq ?? nextSeq(), review: doc._source?.review });
    }
    return found;
  }

  /** Retries a request the cluster answered with 429 (the client retries the other transient failures). */
  private async withRetry<T>(action: () => Promise<T>): Promise<T> {
    const attempts = this.options.writeAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        if (attempt >= attempts || statusOf(error) !== 429 || this.closed) throw error;
        await sleep(250 * 2 ** attempt);
      }
    }
  }

  /**
   * Bulk-indexes documents by id through the client's helper (which retries 429s per
   * document); 503s and leftover 429s are retried here, and so is a 429 for the whole request
   * (re-sending is safe: ids are stable). Connection errors and 502/503/504 for the whole
   * request were already retried by the client and are thrown.
   */
  private async bulkIndex(
    docs: Array<{ id: string; body: EsDoc }>,
    index: string,
    flushBytes = this.options.flushBytes ?? 5_000_000,
    onSent?: (bytes: number) => void,
  ): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const attempts = this.options.writeAttempts ?? 3;
    let pending = docs;
    for (let attempt = 1; pending.length; attempt++) {
      const dropped = new Map<string, { status: number; reason: string }>();
      try {
        const stats = await this.client.helpers.bulk({
          datasource: pending,
          onDocument: (doc) => [{ index: { _index: index, _id: doc.id } }, doc.body],
          flushBytes,
          concurrency: this.options.concurrency ?? 2,
          retries: 2,
          wait: 500,
          refreshOnCompletion: false,
          onDrop: (drop) => {
            const operation = drop.operation as { index?: { _id?: string } };
            dropped.set(String(operation.index?._id), { status: drop.status, reason: reasonOf(drop.error, drop.status) });
          },
        });
        onSent?.(stats.bytes);
      } catch (error) {
        if (attempt >= attempts || statusOf(error) !== 429 || this.closed) throw error;
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const retry: typeof docs = [];
      for (const doc of pending) {
        const drop = dropped.get(doc.id);
        if (!drop) outcomes.set(doc.id, { ok: true, existed: false });
        else if ((drop.status === 429 || drop.status === 503) && attempt < attempts) retry.push(doc);
        else outcomes.set(doc.id, { ok: false, transient: drop.status === 429 || drop.status >= 500, reason: drop.reason });
      }
      if (retry.length) await sleep(250 * 2 ** attempt);
      pending = retry;
    }
    return outcomes;
  }

  // --- outage handling ------------------------------------------------------------------

  private enterOutage(error: unknown): void {
    this.lastAttempt = Date.now();
    if (this.outageSince === undefined) {
      this.outageSince = Date.now();
      this.warn(
        `cannot write to ${this.nodes} (${describeError(error)}); buffering items in ${this.outbox?.path} ` +
          'and replaying them when the cluster answers again',
      );
    }
    this.scheduleReplay();
  }

  private scheduleReplay(): void {
    if (this.replayTimer || this.closed || !this.outbox) return;
    const interval = this.options.replayIntervalMs ?? 2000;
    this.replayTimer = setInterval(() => {
      void this.replay(true).catch((error: unknown) => this.warn(`replay failed: ${describeError(error)}`));
    }, interval);
    // Buffered items live on disk: a process may exit while the timer waits.
    this.replayTimer.unref();
  }

  /** Items waiting in the outbox (0 without one). */
  pendingWrites(): number {
    return this.outbox?.pending() ?? 0;
  }

  /**
   * Sends buffered items in the order they were queued. Runs one at a time; without `force`
   * it does nothing while the last failed attempt is recent (callers then just buffer).
   */
  replay(force: boolean): Promise<Map<string, Outcome>> {
    const run = this.replayChain.then(async () => {
      this.replayRunning = true;
      try {
        return await this.replayOnce(force);
      } finally {
        this.replayRunning = false;
      }
    });
    this.replayChain = run.catch(() => undefined);
    return run;
  }

  /** False while the last failed attempt is too recent to try the cluster again. */
  private replayDue(): boolean {
    return this.outageSince === undefined || Date.now() - this.lastAttempt >= (this.options.replayIntervalMs ?? 2000);
  }

  private async replayOnce(force: boolean): Promise<Map<string, Outcome>> {
    const outbox = this.outbox;
    const outcomes = new Map<string, Outcome>();
    if (!outbox || this.closed) return outcomes;
    if (!force && !this.replayDue()) return outcomes;
    this.lastAttempt = Date.now();
    let replayed = 0;
    for (;;) {
      const batch = outbox.peek(1000);
      if (!batch.length) break;
      let written: Map<string, Outcome>;
      try {
        written = await this.writeItems(batch.map((entry) => entry.item));
      } catch (error) {
        if (!isTransientError(error)) throw error;
        this.enterOutage(error);
        return outcomes;
      }
      const done: OutboxEntry[] = [];
      let stalled = false;
      for (const entry of batch) {
        const outcome = written.get(entry.id);
        if (!outcome) continue;
        if (!outcome.ok && outcome.transient) {
          // Still buffered: retried with the rest on the next replay.
          stalled = true;
          continue;
        }
        if (outcome.ok) done.push(entry);
        else {
          outbox.reject(entry, outcome.reason);
          this.warn(`Elasticsearch refused buffered item ${entry.id}: ${outcome.reason} (kept in ${outbox.path}, table dead_letters)`);
        }
        outcomes.set(entry.id, outcome);
      }
      outbox.ack(done);
      replayed += done.length;
      if (stalled) {
        this.enterOutage(new Error('some buffered items were rejected as overloaded'));
        return outcomes;
      }
    }
    if (this.outageSince !== undefined) {
      const seconds = Math.round((Date.now() - this.outageSince) / 1000);
      this.warn(`${this.nodes} answers again after ${seconds}s; replayed ${replayed} buffered item(s)`);
    }
    this.outageSince = undefined;
    if (this.replayTimer) clearInterval(this.replayTimer);
    this.replayTimer = undefined;
    return outcomes;
  }

  /** Reads that the crawl needs keep going during an outage, answered from the outbox. */
  private get inOutage(): boolean {
    return this.outbox !== undefined && this.outageSince !== undefined;
  }

  // --- reads ----------------------------------------------------------------------------

  async getItem(id: string): Promise<ScoredItem | null> {
    const buffered = this.outbox?.get(id);
    if (buffered) return buffered;
    if (this.inOutage) return null;
    try {
      const response = await this.client.get<EsDoc>({ index: this.names.alias, id, _source_excludes: ['mw'] });
      return response.found && response._source ? stripBookkeeping(response._source) : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      if (this.outbox && isTransientError(error)) {
        this.enterOutage(error);
        return null;
      }
      throw error;
    }
  }

  async findByContentHash(contentHash: string): Promise<string | null> {
    if (!this.inOutage) {
      try {
        const response = await this.client.search({
          index: this.names.alias,
          size: 1,
          query: { term: { contentHash } },
          sort: SCAN_SORT,
          _source: false,
          track_total_hits: false,
        });
        const hit = response.hits.hits[0];
        if (hit) return hit._id ?? null;
      } catch (error) {
        if (!this.outbox || !isTransientError(error)) throw error;
        this.enterOutage(error);
      }
    }
    return this.outbox?.findByContentHash(contentHash) ?? null;
  }

  async queryItems(query: ItemQuery): Promise<Page<ItemSummary>> {
    const esQuery = buildQuery(query);
    const sort = SORTS[query.sort ?? 'newest'];
    const offset = (query.page - 1) * query.pageSize;
    let response: estypes.SearchResponse<ScoredItem>;
    let counted: number | undefined;
    if (offset + query.pageSize <= MAX_WINDOW) {
      response = await this.client.search<ScoredItem>({
        index: this.names.alias,
        query: esQuery,
        sort,
        from: offset,
        size: query.pageSize,
        track_total_hits: true,
        _source: { excludes: SUMMARY_EXCLUDES },
      });
    } else {
      // In time order, skip most of the way by counting items per time bucket.
      const skip = query.sort === 'distortion' ? undefined : await this.skipByTime(esQuery, query.sort === 'oldest' ? 'asc' : 'desc', offset, query.pageSize);
      counted = skip?.total;
      if (skip && offset >= skip.total) response = { hits: { hits: [] } } as unknown as estypes.SearchResponse<ScoredItem>;
      else if (skip && skip.offset + query.pageSize <= MAX_WINDOW) {
        response = await this.client.search<ScoredItem>({
          index: this.names.alias,
          query: skip.query,
          sort,
          from: skip.offset,
          size: query.pageSize,
          track_total_hits: false,
          _source: { excludes: SUMMARY_EXCLUDES },
        });
      } else response = await this.deepPage(skip?.query ?? esQuery, sort, skip?.offset ?? offset, query.pageSize);
    }
    const total = response.hits.total;
    return {
      items: response.hits.hits.map((hit) => toSummary(hit._source as ScoredItem)),
      total: counted ?? (typeof total === 'number' ? total : (total?.value ?? 0)),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * A deep page in time order without walking every result before it: count the matches per day
   * (then per hour, per minute of the bucket holding the offset), and skip the buckets wholly
   * before the offset. What is left is the query limited to the rest of the order (items older
   * than the bucket's end, newest first) and the offset within it, within one search window
   * unless a single minute holds more than 10,000 items (then deepPage walks the rest).
   * Measured at 200k items: page 2,000 of 50 took 880 ms walking, against a few aggregations here.
   */
  private async skipByTime(
    query: estypes.QueryDslQueryContainer,
    order: 'asc' | 'desc',
    offset: number,
    size: number,
  ): Promise<{ query: estypes.QueryDslQueryContainer; offset: number; total: number }> {
    let total = 0;
    let bound: estypes.QueryDslQueryContainer | undefined;
    let within = query;
    for (const [i, interval] of DEEP_INTERVALS.entries()) {
      const response = await this.client.search({
        index: this.names.alias,
        size: 0,
        track_total_hits: i === 0,
        query: within,
        aggs: { buckets: { date_histogram: { field: 'mw.ts', fixed_interval: interval, min_doc_count: 1, order: { _key: order } } } },
      });
      if (i === 0) {
        const hits = response.hits.total;
        total = typeof hits === 'number' ? hits : (hits?.value ?? 0);
        if (offset >= total) return { query, offset, total };
      }
      const buckets = (response.aggregations?.buckets as { buckets: Array<{ key: number; doc_count: number }> }).buckets;
      let found: { key: number } | undefined;
      for (const bucket of buckets) {
        if (offset < bucket.doc_count) {
          found = bucket;
          break;
        }
        offset -= bucket.doc_count;
      }
      // Counted past the end: items were deleted since the first count; the page is then empty.
      if (!found) break;
      const [from, to] = [found.key, found.key + INTERVAL_MS[interval]];
      // The rest of the order from this bucket on, and the bucket alone for the next, finer count.
      bound = { range: { 'mw.ts': order === 'desc' ? { lt: to, format: 'epoch_millis' } : { gte: from, format: 'epoch_millis' } } };
      within = { bool: { filter: [query, { range: { 'mw.ts': { gte: from, lt: to, format: 'epoch_millis' } } }] } };
      if (offset + size <= MAX_WINDOW) break;
    }
    return { query: bound ? { bool: { filter: [query, bound] } } : query, offset, total };
  }

  /**
   * A page past the 10,000-result window: walk to the offset with search_after over a point
   * in time (sort values only, 10,000 at a time), then fetch the page after the last one.
   */
  private async deepPage(
    query: estypes.QueryDslQueryContainer,
    sort: estypes.SortCombinations[],
    offset: number,
    size: number,
  ): Promise<estypes.SearchResponse<ScoredItem>> {
    const client = this.client;
    let pitId = (await client.openPointInTime({ index: this.names.alias, keep_alive: '1m' })).id;
    try {
      let searchAfter: estypes.SortResults | undefined;
      let remaining = offset;
      while (remaining > 0) {
        const step = Math.min(remaining, MAX_WINDOW);
        const skip = await client.search({
          pit: { id: pitId, keep_alive: '1m' },
          query,
          sort,
          size: step,
          search_after: searchAfter,
          // Only the sort values are needed: no _source, not even _id.
          _source: false,
          stored_fields: ['_none_'],
          track_total_hits: false,
          filter_path: ['pit_id', 'hits.hits.sort'],
        });
        pitId = skip.pit_id ?? pitId;
        const hits = skip.hits?.hits ?? [];
        remaining -= hits.length;
        if (hits.length < step) {
          // Fewer results than the offset: an empty page, with the real total.
          const count = await client.count({ index: this.names.alias, query });
          return { hits: { hits: [], total: { value: count.count, relation: 'eq' } } } as unknown as estypes.SearchResponse<ScoredItem>;
        }
        searchAfter = hits[hits.length - 1].sort;
      }
      const page = await client.search<ScoredItem>({
        pit: { id: pitId, keep_alive: '1m' },
        query,
        sort,
        size,
        search_after: searchAfter,
        track_total_hits: true,
        _source: { excludes: SUMMARY_EXCLUDES },
      });
      pitId = page.pit_id ?? pitId;
      return page;
    } finally {
      await client.closePointInTime({ id: pitId }).catch(() => undefined);
    }
  }

  async stats(query: StatsQuery): Promise<Stats> {
    const flaggedOnly: estypes.AggregationsAggregationContainer = { filter: { term: { flagged: true } } };
    const response = await this.client.search({
      index: this.names.alias,
      size: 0,
      track_total_hits: true,
      query: buildQuery(query),
      aggs: {
        flagged: flaggedOnly,
        congress: { filter: { term: { congress: true } } },
        byDay: {
          date_histogram: { field: 'mw.ts', calendar_interval: 'day', time_zone: '+07:00', format: 'yyyy-MM-dd', min_doc_count: 1 },
          aggs: { flagged: flaggedOnly },
        },
        bySource: {
          terms: { field: 'sourceId', size: 10_000, order: [{ _count: 'desc' }, { _key: 'asc' }] },
          aggs: { flagged: flaggedOnly },
        },
        byTopic: { terms: { field: 'topics', size: 10_000, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
      },
    });
    type Bucket = { key: string | number; key_as_string?: string; doc_count: number; flagged?: { doc_count: number } };
    const aggs = response.aggregations as Record<string, { doc_count?: number; buckets?: Bucket[] }>;
    const total = response.hits.total;
    return {
      total: typeof total === 'number' ? total : (total?.value ?? 0),
      flagged: aggs.flagged.doc_count ?? 0,
      congress: aggs.congress.doc_count ?? 0,
      byDay: (aggs.byDay.buckets ?? []).map((b) => ({ key: String(b.key_as_string), count: b.doc_count, flagged: b.flagged?.doc_count ?? 0 })),
      bySource: (aggs.bySource.buckets ?? []).map((b) => ({ key: String(b.key), count: b.doc_count, flagged: b.flagged?.doc_count ?? 0 })),
      byTopic: (aggs.byTopic.buckets ?? []).map((b) => ({ key: String(b.key), count: b.doc_count })),
    };
  }

  async counts(filter: ItemFilter, by: CountKey[]): Promise<CountRow[]> {
    const query = buildQuery(filter);
    const flaggedOnly: estypes.AggregationsAggregationContainer = { filter: { term: { flagged: true } } };
    if (!by.length) {
      const response = await this.client.search({ index: this.names.alias, size: 0, track_total_hits: true, query, aggs: { flagged: flaggedOnly } });
      const total = response.hits.total;
      const flagged = (response.aggregations?.flagged as estypes.AggregationsFilterAggregate | undefined)?.doc_count ?? 0;
      return [{ keys: [], count: typeof total === 'number' ? total : (total?.value ?? 0), flagged }];
    }
    const keyed = KEYED_COUNTS[by.join(',')];
    if (keyed) {
      const rows = await this.keyedCounts(query, keyed, by.length);
      if (rows) return rows;
    }
    const sources = by.flatMap((key) => COUNT_SOURCES[key]).map((source) => Object.entries(source)[0]);
    // Clusters are nearly as many as the items: straight to the composite aggregation.
    if (!by.includes('cluster')) {
      try {
        const response = await this.client.search({ index: this.names.alias, size: 0, query, aggs: nestedAggs(sources) });
        const rows = nestedRows(
          by,
          sources.map(([name]) => name),
          response.aggregations ?? {},
        );
        if (rows) return mergeRows(rows);
      } catch (error) {
        // More buckets than the cluster's search.max_buckets: paged below instead.
        if (!errorTypes(error).includes('too_many_buckets_exception')) throw error;
      }
    }
    // A composite aggregation pages through every group, however many there are.
    const rows: CountRow[] = [];
    let after: Record<string, string | number | null> | undefined;
    do {
      const response = await this.client.search({
        index: this.names.alias,
        size: 0,
        query,
        aggs: {
          groups: {
            composite: { size: COMPOSITE_PAGE, sources: by.flatMap((key) => COUNT_SOURCES[key]), ...(after ? { after } : {}) },
            aggs: { flagged: flaggedOnly },
          },
        },
      });
      const groups = response.aggregations?.groups as estypes.AggregationsCompositeAggregate;
      const buckets = groups.buckets as Array<{ key: Record<string, string | number | null>; doc_count: number; flagged: { doc_count: number } }>;
      for (const bucket of buckets)
        rows.push({ keys: by.map((key) => countKeyOf(key, bucket.key)), count: bucket.doc_count, flagged: bucket.flagged.doc_count });
      after = buckets.length === COMPOSITE_PAGE ? (groups.after_key as Record<string, string | number | null>) : undefined;
    } while (after);
    return mergeRows(rows);
  }

  /**
   * A count from one keyword field (KEYED_COUNTS): its values among all matches and among the
   * flagged ones, the second over the few flagged items only rather than a filter under every
   * value. Undefined when more values than KEYED_SIZE match (the caller counts another way).
   */
  private async keyedCounts(query: estypes.QueryDslQueryContainer, field: string, keys: number): Promise<CountRow[] | undefined> {
    const size = this.options.keyedCountSize ?? KEYED_SIZE;
    const values: estypes.AggregationsAggregationContainer = { terms: { field, size, shard_size: size } };
    let response: estypes.SearchResponse;
    try {
      response = await this.client.search({
        index: this.names.alias,
        size: 0,
        query,
        aggs: { values, flagged: { filter: { term: { flagged: true } }, aggs: { values } } },
      });
    } catch (error) {
      if (errorTypes(error).includes('too_many_buckets_exception')) return undefined;
      throw error;
    }
    type Terms = { buckets: Array<{ key: string; doc_count: number }>; sum_other_doc_count?: number };
    const all = response.aggregations?.values as Terms;
    const flagged = (response.aggregations?.flagged as { values: Terms }).values;
    if (all.sum_other_doc_count || flagged.sum_other_doc_count) return undefined;
    const flaggedOf = new Map(flagged.buckets.map((bucket) => [bucket.key, bucket.doc_count]));
    return all.buckets.map((bucket) => ({
      keys: keys === 1 ? [bucket.key] : [bucket.key.slice(0, DAY_LENGTH), bucket.key.slice(DAY_LENGTH + KEY_SEPARATOR.length)],
      count: bucket.doc_count,
      flagged: flaggedOf.get(bucket.key) ?? 0,
    }));
  }

  /**
   * Ordering every cluster by size and then by its latest member makes Elasticsearch compute
   * both for each of them (hundreds of thousands at 2M items). Instead: the sizes alone give the
   * size of the last cluster listed; larger ones are all in; among those of exactly that size the
   * latest members win, found by walking the matches newest first (in practice a few dozen items)
   * and measuring only the clusters met. The walk is bounded; past it, the single aggregation.
   */
  async topClusters(filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, limit: number): Promise<ClusterCount[]> {
    const query: estypes.QueryDslQueryContainer = { bool: { filter: [buildQuery(filter), { exists: { field: 'clusterId' } }] } };
    const sized = await this.client.search({
      index: this.names.alias,
      size: 0,
      query,
      aggs: { clusters: { terms: { field: 'clusterId', size: limit, min_doc_count: 2 } } },
    });
    const sizes = (sized.aggregations?.clusters as { buckets: Array<{ key: string; doc_count: number }> }).buckets;
    if (sizes.length < limit)
      return (
        await this.clusterCounts(
          query,
          sizes.map((bucket) => bucket.key),
        )
      ).sort(compareClusters);
    const cut = sizes[sizes.length - 1].doc_count;
    const larger = await this.clusterCounts(
      query,
      sizes.filter((bucket) => bucket.doc_count > cut).map((bucket) => bucket.key),
    );
    const needed = limit - larger.length;
    const seen = new Set(larger.map((cluster) => cluster.clusterId));
    const tied: ClusterCount[] = [];
    let searchAfter: estypes.SortResults | undefined;
    for (const pageSize of CLUSTER_WALK_PAGES) {
      const response = await this.client.search({
        index: this.names.alias,
        query,
        sort: SORTS.newest,
        size: pageSize,
        search_after: searchAfter,
        _source: false,
        docvalue_fields: ['clusterId'],
        track_total_hits: false,
      });
      const hits = response.hits.hits;
      const met: string[] = [];
      for (const hit of hits) {
        const id = String((hit.fields?.clusterId as string[])[0]);
        if (!seen.has(id)) met.push(id);
        seen.add(id);
      }
      tied.push(...(await this.clusterCounts(query, met)).filter((cluster) => cluster.size === cut));
      tied.sort(compareClusters);
      // Clusters not met yet have no member newer than the last item walked.
      const walkedTo = hits.length ? Number(hits[hits.length - 1].sort![0]) : -Infinity;
      const done = hits.length < pageSize || (tied.length >= needed && walkedTo < Date.parse(tied[needed - 1].lastSeen));
      if (done) return [...larger, ...tied.slice(0, needed)].sort(compareClusters);
      searchAfter = hits[hits.length - 1].sort;
    }
    return this.clusterCounts(query, undefined, limit);
  }

  /**
   * Size, flagged members and first/last member of the clusters named (only their members are
   * read), or of the `limit` top clusters of the whole query in one aggregation.
   */
  private async clusterCounts(query: estypes.QueryDslQueryContainer, ids: string[] | undefined, limit = 0): Promise<ClusterCount[]> {
    if (ids && !ids.length) return [];
    const response = await this.client.search({
      index: this.names.alias,
      size: 0,
      query: ids ? { bool: { filter: [query, { terms: { clusterId: ids } }] } } : query,
      aggs: {
        clusters: {
          terms: {
            field: 'clusterId',
            size: ids ? ids.length : limit,
            min_doc_count: 2,
            order: [{ _count: 'desc' }, { last: 'desc' }, { _key: 'asc' }],
          },
          aggs: { first: { min: { field: 'mw.ts' } }, last: { max: { field: 'mw.ts' } }, flagged: { filter: { term: { flagged: true } } } },
        },
      },
    });
    type Bucket = { key: string; doc_count: number; first: { value: number }; last: { value: number }; flagged: { doc_count: number } };
    const buckets = (response.aggregations?.clusters as { buckets: Bucket[] }).buckets;
    return buckets.map((bucket) => ({
      clusterId: bucket.key,
      size: bucket.doc_count,
      flagged: bucket.flagged.doc_count,
      firstSeen: new Date(bucket.first.value).toISOString(),
      lastSeen: new Date(bucket.last.value).toISOString(),
    }));
  }

  async termCounts(filter: Pick<ItemFilter, 'from' | 'to'>): Promise<TermCount[]> {
    const response = await this.client.search({
      index: this.names.alias,
      size: 0,
      query: buildQuery(filter),
      // The entries come from the lexicons' terms: thousands at most.
      aggs: { terms: { terms: { field: 'mw.terms', size: 50_000 } } },
    });
    const buckets = (response.aggregations?.terms as { buckets: Array<{ key: string; doc_count: number }> }).buckets;
    return termCountsOf(buckets.map((bucket) => ({ entry: bucket.key, items: bucket.doc_count })));
  }

  async *streamItems(query: ItemStreamQuery, batchSize = 1000): AsyncIterable<ScoredItem[]> {
    const sort = SORTS[query.sort ?? 'newest'];
    for await (const hits of this.scanHits(this.names.alias, buildQuery(query), sort, batchSize, { excludes: ['mw'] })) {
      yield hits.map((hit) => stripBookkeeping(hit._source));
    }
  }

  async *scanItems(batchSize = 1000): AsyncIterable<ScoredItem[]> {
    if (this.pendingWrites()) await this.replay(true);
    const pending = this.pendingWrites();
    if (pending) this.warn(`${pending} buffered item(s) could not be replayed yet and are not part of this scan`);
    for await (const hits of this.scanHits(this.names.alias, { match_all: {} }, SCAN_SORT, batchSize, { excludes: ['mw'] })) {
      yield hits.map((hit) => stripBookkeeping(hit._source));
    }
  }

  /** Every hit of a query in batches, over a point in time with search_after. */
  private async *scanHits(
    index: string,
    query: estypes.QueryDslQueryContainer,
    sort: estypes.SortCombinations[],
    batchSize: number | (() => number),
    source: false | { excludes: string[] } | undefined,
  ): AsyncIterable<Array<estypes.SearchHit<EsDoc>>> {
    const client = this.client;
    let pitId = (await client.openPointInTime({ index, keep_alive: '2m' })).id;
    try {
      let searchAfter: estypes.SortResults | undefined;
      for (;;) {
        const size = Math.max(1, Math.min(typeof batchSize === 'number' ? batchSize : batchSize(), MAX_WINDOW));
        const response = await client.search<EsDoc>({
          pit: { id: pitId, keep_alive: '2m' },
          query,
          sort,
          size,
          search_after: searchAfter,
          track_total_hits: false,
          ...(source !== undefined ? { _source: source } : {}),
        });
        pitId = response.pit_id ?? pitId;
        const hits = response.hits.hits;
        if (!hits.length) return;
        yield hits;
        if (hits.length < size) return;
        searchAfter = hits[hits.length - 1].sort;
      }
    } finally {
      await client.closePointInTime({ id: pitId }).catch(() => undefined);
    }
  }

  /** Retention: deletes items whose timestamp (published, else fetched) is before the cutoff. */
  async deleteOlderThan(cutoffIso: string): Promise<number> {
    return this.deleteMatching({ range: { 'mw.ts': { lt: new Date(cutoffIso).toISOString() } } });
  }

  async deleteKindsOlderThan(kinds: ItemKind[], cutoffIso: string): Promise<number> {
    return this.deleteMatching({
      bool: { filter: [{ terms: { kind: kinds } }, { range: { 'mw.ts': { lt: new Date(cutoffIso).toISOString() } } }] },
    });
  }

  private async deleteMatching(query: estypes.QueryDslQueryContainer): Promise<number> {
    let deleted = 0;
    for await (const hits of this.scanHits(this.names.alias, query, [{ _shard_doc: 'asc' }], 5000, false)) {
      const failures: string[] = [];
      await this.client.helpers.bulk({
        datasource: hits.map((hit) => ({ index: hit._index, id: hit._id! })),
        onDocument: (doc) => ({ delete: { _index: doc.index, _id: doc.id } }),
        concurrency: 2,
        retries: 2,
        wait: 500,
        refreshOnCompletion: false,
        onDrop: (drop) => {
          // Already gone (another process deleted it) is fine.
          if (drop.status !== 404) failures.push(reasonOf(drop.error, drop.status));
        },
      });
      if (failures.length) throw new Error(`could not delete ${failures.length} old item(s): ${failures[0]}`);
      deleted += hits.length;
    }
    await this.client.indices.refresh({ index: this.names.alias });
    return deleted;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.replayTimer) clearInterval(this.replayTimer);
    this.replayTimer = undefined;
    if (this.clientInstance && this.pendingWrites()) {
      await this.replay(true).catch(() => undefined);
      const left = this.pendingWrites();
      if (left) this.warn(`${left} item(s) stay buffered in ${this.outbox!.path}; they are sent the next time mediawatch opens this store`);
    }
    this.closed = true;
    // A background migration stops (its copy process at once); the next start copies again.
    this.copyProcess?.kill();
    await this.migration;
    await this.replayChain.catch(() => undefined);
    this.outbox?.close();
    await this.clientInstance?.close();
    this.clientInstance = undefined;
  }
}
