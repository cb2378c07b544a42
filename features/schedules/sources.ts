// Each source on its own interval under `serve`: a source is due `every` after its last run began
// (or when its feed says, within bounds); due sources start, the latest relative to their interval
// first, as soon as fewer than `crawler.maxConcurrentSources` runs are going; a source never runs
// twice at once.
import cron from 'node-cron';
import type { Logger } from 'pino';
import { ConfigError, type LoadedConfig, type SourceConfig } from '../../core/config.ts';

export interface SourcePlan {
  id: string;
  /** Interval between the starts of two runs. */
  everyMs: number;
}

/** How far a source's own polling hint (feed Cache-Control, change history) may move its interval. */
const HINT_FLOOR_MS = 15_000;
const HINT_MAX_FACTOR = 4;
const HINT_MIN_FACTOR = 0.25;

/** The shortest gap between the next ticks of a cron expression: what an old `schedules.crawl` entry maps onto. */
export function cronPeriodMs(expression: string, timezone: string): number {
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    const runs = task.getNextRuns(12).map((date) => date.getTime());
    return Math.min(...runs.slice(1).map((time, i) => time - runs[i]));
  } finally {
    void task.destroy();
  }
}

const kindGroup = (source: SourceConfig): 'news' | 'rss' | 'social' => (source.kind === 'news' || source.kind === 'rss' ? source.kind : 'social');

/**
 * Which sources `serve` crawls and how often. A source named by a `schedules.crawl` entry is
 * crawled even when disabled (naming it is explicit, as before), every enabled source when an
 * interval applies to it. The interval: the source's own `every`; else the period of the crawl
 * entry naming it; else `schedules.every` for its kind; else the period of the crawl entry without
 * sources (the old crawl-everything job).
 */
export function planSources(config: Pick<LoadedConfig, 'sources' | 'schedules' | 'configPath'>): SourcePlan[] {
  const { schedules } = config;
  const named = new Map<string, number>();
  let others: number | undefined;
  for (const entry of schedules.crawl) {
    const period = cronPeriodMs(entry.cron, schedules.timezone);
    if (!entry.sources) others = Math.min(others ?? Infinity, period);
    for (const id of entry.sources ?? []) named.set(id, Math.min(named.get(id) ?? Infinity, period));
  }
  if (others !== undefined && !config.sources.some((source) => source.enabled && !named.has(source.id))) {
    throw new ConfigError(
      `Invalid config ${config.configPath}:\n  - schedules.crawl: the entry without sources has no sources to crawl (every enabled source is named by another entry)`,
    );
  }
  const plans: SourcePlan[] = [];
  for (const source of config.sources) {
    const fallback = named.get(source.id) ?? (source.enabled ? (schedules.every?.[kindGroup(source)] ?? others) : undefined);
    if (fallback === undefined && !(source.enabled && source.every)) continue;
    plans.push({ id: source.id, everyMs: source.every ?? fallback! });
  }
  return plans;
}

/** The next interval of a source: its polling hint when it gave one, kept within bounds of its configured interval. */
export function nextIntervalMs(everyMs: number, pollAfterMs?: number): number {
  if (pollAfterMs === undefined || !Number.isFinite(pollAfterMs)) return everyMs;
  const floor = Math.max(HINT_FLOOR_MS, everyMs * HINT_MIN_FACTOR);
  return Math.min(Math.max(pollAfterMs, Math.min(floor, everyMs)), everyMs * HINT_MAX_FACTOR);
}

export interface SourceScheduleState {
  id: string;
  everyMs: number;
  running: boolean;
  /** When the source is due next (while running: null). */
  nextRun: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
}

export interface SourceSchedulerOptions {
  capacity: number;
  /** Crawls one source; may return its polling hint. A throw is logged and the source stays on its interval. */
  run: (sourceId: string) => Promise<{ pollAfterMs?: number } | void>;
  logger: Logger;
  now?: () => number;
}

interface Entry {
  plan: SourcePlan;
  nextRun: number;
  running?: Promise<void>;
  lastStartedAt?: number;
  lastFinishedAt?: number;
}

export class SourceScheduler {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private active = 0;
  private stopped = true;

  constructor(
    plans: SourcePlan[],
    private readonly options: SourceSchedulerOptions,
  ) {
    for (const plan of plans) this.entries.set(plan.id, { plan, nextRun: 0 });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Every source is due at once; capacity spreads their first runs out. */
  start(): this {
    this.stopped = false;
    const now = this.now();
    for (const entry of this.entries.values()) entry.nextRun = now;
    if (this.entries.size) {
      this.options.logger.info({ sources: this.entries.size, capacity: this.options.capacity }, 'source schedule armed');
    }
    // The same instant as nextRun, so the first runs tie and go in the configured order rather
    // than by whichever millisecond ticked in between.
    this.dispatch(now);
    return this;
  }

  /** Starts due sources while capacity allows, then sleeps until the next one is due. */
  private dispatch(now = this.now()): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const idle = [...this.entries.values()].filter((entry) => !entry.running);
    // Lateness relative to the interval: a 1-minute feed 30 s late goes before a 10-minute site
    // crawl 2 minutes late, so long site rounds never crowd out the frequent polls.
    const lateness = (entry: Entry) => (now - entry.nextRun) / entry.plan.everyMs;
    const due = idle.filter((entry) => entry.nextRun <= now).sort((a, b) => lateness(b) - lateness(a));
    for (const entry of due) {
      if (this.active >= this.options.capacity) break;
      this.launch(entry);
    }
    const next = idle.filter((entry) => !entry.running).sort((a, b) => a.nextRun - b.nextRun)[0];
    if (next && this.active < this.options.capacity) {
      this.timer = setTimeout(() => this.dispatch(), Math.min(Math.max(0, next.nextRun - now), 2 ** 31 - 1));
      this.timer.unref?.();
    }
  }

  private launch(entry: Entry): void {
    // the interval counts from the run's own start, read now: on a loaded machine a dispatch that
    // launches several sources can be milliseconds past the instant it was woken for
    const startedAt = this.now();
    this.active++;
    entry.lastStartedAt = startedAt;
    const { id, everyMs } = entry.plan;
    entry.running = (async () => {
      let hint: number | undefined;
      try {
        hint = (await this.options.run(id))?.pollAfterMs;
      } catch (error) {
        this.options.logger.error({ source: id, err: error }, 'source crawl failed; it runs again at its next turn');
      }
      const finished = this.now();
      entry.lastFinishedAt = finished;
      entry.nextRun = Math.max(finished, startedAt + nextIntervalMs(everyMs, hint));
      entry.running = undefined;
      this.active--;
      this.dispatch();
    })();
  }

  status(): Map<string, SourceScheduleState> {
    const iso = (time?: number) => (time === undefined ? null : new Date(time).toISOString());
    return new Map(
      [...this.entries.values()].map((entry) => [
        entry.plan.id,
        {
          id: entry.plan.id,
          everyMs: entry.plan.everyMs,
          running: Boolean(entry.running),
          nextRun: entry.running || this.stopped ? null : iso(entry.nextRun),
          lastStartedAt: iso(entry.lastStartedAt),
          lastFinishedAt: iso(entry.lastFinishedAt),
        },
      ]),
    );
  }

  get sourceIds(): string[] {
    return [...this.entries.keys()];
  }

  /** No new runs; waits (up to `graceMs`) for running ones. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const running = [...this.entries.values()].flatMap((entry) => (entry.running ? [entry.running] : []));
    if (!running.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(running), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
}

/** How often the urgent-alert cycle runs (for its retries) when scheduled runs store nothing new. */
const ALERT_RETRY_MS = 60_000;

interface CrawlContext {
  run: import('../../crawlers/crawl-run.ts').CrawlRun;
  store: import('../../core/types.ts').Store;
  close: () => Promise<void>;
  /** Items each source's current run stored (new or changed), for its alert cycle. */
  stored: Map<string, import('../../core/types.ts').ScoredItem[]>;
  users: number;
}

/**
 * The crawls `serve` runs per source, all through one crawl context: one store connection and
 * ingest pipeline, one host limiter (so sources at one host share its rate) and robots cache. After
 * each run, urgent alerts go out for what it stored. A full disk retires the context once its runs
 * end; the next run opens a fresh one, which stores again once space is back.
 */
export class ScheduledCrawls {
  private context: Promise<CrawlContext> | undefined;
  private lastAlertCycle = 0;

  constructor(
    private readonly config: LoadedConfig,
    private readonly logger: Logger,
  ) {}

  private async open(): Promise<CrawlContext> {
    // Loaded on first use: the crawler stack is heavy and serve may crawl nothing.
    const [{ CrawlRun }, { openPipeline }] = await Promise.all([import('../../crawlers/crawl-run.ts'), import('../crawl-job/open-pipeline.ts')]);
    const { store, pipeline, close } = await openPipeline(this.config, this.logger);
    const context: CrawlContext = { run: new CrawlRun(this.config, pipeline), store, close, stored: new Map(), users: 0 };
    const ingest = pipeline.ingest.bind(pipeline);
    pipeline.ingest = async (raw) => {
      const outcome = await ingest(raw);
      if (pipeline.diskFull) context.run.state.freeze();
      if (outcome.status === 'new' || outcome.status === 'updated') context.stored.get(raw.sourceId)?.push(outcome.item);
      return outcome;
    };
    return context;
  }

  async crawl(sourceId: string): Promise<import('../../crawlers/report.ts').SourceReport> {
    const source = this.config.sources.find((candidate) => candidate.id === sourceId);
    if (!source) throw new Error(`no source "${sourceId}" in the config`);
    const [{ crawlSources }, { alertAfterCrawl }] = await Promise.all([import('../../crawlers/run.ts'), import('../alerts/index.ts')]);
    const current = (this.context ??= this.open());
    const context = await current;
    context.users++;
    context.stored.set(sourceId, []);
    try {
      const [report] = await crawlSources(context.run, [source]);
      const stored = context.stored.get(sourceId) ?? [];
      const summary = report.toJSON();
      this.logger.info({ ...summary, errors: summary.errors.length, skipped: summary.skipped.length }, `crawled ${sourceId}`);
      if (stored.length || Date.now() - this.lastAlertCycle >= ALERT_RETRY_MS) {
        this.lastAlertCycle = Date.now();
        await alertAfterCrawl(this.config, { store: context.store, stored }, this.logger);
      }
      return report;
    } finally {
      context.stored.delete(sourceId);
      context.users--;
      const full = context.run.pipeline.diskFull ?? context.run.state.diskFull;
      if (full && this.context === current) {
        this.logger.error({ file: full }, 'disk full: scheduled crawls store nothing until space is freed');
        this.context = undefined;
      }
      if (full && context.users === 0 && this.context !== current) await context.close();
    }
  }

  /** Closes the store connection (after the scheduler stopped its runs). */
  async close(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    if (context) await (await context).close();
  }
}

/** What `serve` starts: the per-source schedule of the config, over scheduled crawls (or the given runner, in tests). */
export function sourceSchedule(
  config: LoadedConfig,
  logger: Logger,
  run?: SourceSchedulerOptions['run'],
): { scheduler: SourceScheduler; close: () => Promise<void> } {
  const crawls = run ? undefined : new ScheduledCrawls(config, logger);
  const scheduler = new SourceScheduler(planSources(config), {
    capacity: config.crawler.maxConcurrentSources,
    logger,
    run: run ?? ((id) => crawls!.crawl(id)),
  });
  return {
    scheduler,
    close: async () => {
      await scheduler.stop();
      await crawls?.close();
    },
  };
}
