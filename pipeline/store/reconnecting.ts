// `serve` over a store engine that is not reachable (Elasticsearch down at start, or later): the
// server still starts and answers, store calls fail with a StoreUnavailableError that the API
// turns into a 503 with the reason, and opening is retried in the background until it works.
import type { CountKey, ItemFilter, ItemQuery, ItemStreamQuery, ScoredItem, StatsQuery, Store } from '../../core/types.ts';

/** The store cannot be reached now; the API answers 503 with this message. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export interface ReconnectingOptions {
  /** Failures that may pass (the node is down or overloaded); anything else is thrown as is. */
  transient(error: unknown): boolean;
  /** Wait between attempts to open the store. Default 5 s. */
  retryMs?: number;
  /** Reports going down and coming back (one line each), for the service log. */
  log(message: string): void;
  /** Runs when the store could be opened after all, after failing at start. */
  onReconnect?(): void;
}

export class ReconnectingStore implements Store {
  readonly engine: string;
  private ready = false;
  private reason = '';
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** `inner` is not initialised yet: init() opens it, now or later. */
  constructor(
    private readonly inner: Store,
    private readonly options: ReconnectingOptions,
  ) {
    this.engine = inner.engine;
  }

  /** Opens the store; when it cannot be reached, resolves anyway and keeps trying. Throws for other failures (configuration, versions). */
  async init(): Promise<void> {
    await this.attempt(true);
  }

  private async attempt(first: boolean): Promise<void> {
    try {
      await this.inner.init();
    } catch (error) {
      if (!this.options.transient(error)) throw error;
      const reason = (error as Error).message;
      if (first || reason !== this.reason) {
        this.options.log(
          `the ${this.engine} store is unreachable (${reason}); item reads and writes answer 503 until it is back (retrying every ${this.retrySecs} s)`,
        );
      }
      this.reason = reason;
      if (!this.closed)
        this.timer = setTimeout(
          () => void this.attempt(false).catch((e: Error) => this.options.log(`the ${this.engine} store cannot be opened: ${e.message}`)),
          this.retryMs,
        );
      this.timer?.unref();
      return;
    }
    this.ready = true;
    if (first) return;
    this.options.log(`the ${this.engine} store is reachable again`);
    this.options.onReconnect?.();
  }

  private get retryMs(): number {
    return this.options.retryMs ?? 5000;
  }

  private get retrySecs(): number {
    return this.retryMs / 1000;
  }

  /** Runs a store call, or explains why it cannot run. */
  private async call<T>(action: (store: Store) => Promise<T>): Promise<T> {
    if (!this.ready) throw new StoreUnavailableError(`the ${this.engine} store cannot be reached (${this.reason}); try again shortly`);
    try {
      return await action(this.inner);
    } catch (error) {
      if (this.options.transient(error)) {
        throw new StoreUnavailableError(`the ${this.engine} store cannot be reached (${(error as Error).message}); try again shortly`, { cause: error });
      }
      throw error;
    }
  }

  upsertItems(items: ScoredItem[]) {
    return this.call((store) => store.upsertItems(items));
  }

  getItem(id: string) {
    return this.call((store) => store.getItem(id));
  }

  findByContentHash(contentHash: string) {
    return this.call((store) => store.findByContentHash(contentHash));
  }

  queryItems(query: ItemQuery) {
    return this.call((store) => store.queryItems(query));
  }

  stats(query: StatsQuery) {
    return this.call((store) => store.stats(query));
  }

  counts(filter: ItemFilter, by: CountKey[]) {
    return this.call((store) => store.counts(filter, by));
  }

  topClusters(filter: Pick<ItemFilter, 'from' | 'to' | 'congress'>, limit: number) {
    return this.call((store) => store.topClusters(filter, limit));
  }

  termCounts(filter: Pick<ItemFilter, 'from' | 'to'>) {
    return this.call((store) => store.termCounts(filter));
  }

  async *scanItems(batchSize?: number): AsyncIterable<ScoredItem[]> {
    const batches = await this.call(async (store) => store.scanItems(batchSize));
    yield* batches;
  }

  async *streamItems(query: ItemStreamQuery, batchSize?: number): AsyncIterable<ScoredItem[]> {
    const batches = await this.call(async (store) => store.streamItems(query, batchSize));
    yield* batches;
  }

  refresh() {
    return this.call(async (store) => store.refresh?.());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inner.close();
  }
}
