// A small job scheduler over node-cron: named jobs, an overlap guard (a job never runs twice at
// once; a tick that finds it still running is skipped and logged), optional mutual exclusion
// between jobs (crawls share state files, so they queue behind each other), failures logged
// and simply retried at the next tick. The trigger is injectable so tests fire ticks by hand.
import cron from 'node-cron';
import type { Logger } from 'pino';

export interface JobDefinition {
  name: string;
  /** Cron expression (5 fields, or 6 with seconds), read in the scheduler's time zone. */
  cron: string;
  run: () => Promise<unknown>;
  /** Jobs with the same group never run at the same time: a later one waits for the earlier. */
  exclusiveGroup?: string;
}

export interface TriggerHandle {
  stop(): void;
  /** Next planned tick, when the trigger knows it. */
  nextRun?(): Date | null;
}

/** Calls `fire` on every tick of `job.cron` in `timezone` until stopped; reports through `logger`. */
export type TriggerFactory = (job: { name: string; cron: string; timezone: string }, fire: () => void, logger?: Logger) => TriggerHandle;

/** The real trigger: a node-cron task in the configured time zone. */
export const cronTrigger: TriggerFactory = (job, fire, logger) => {
  // node-cron's own warnings (a tick missed while the process was busy) go to the job log, not
  // to the console beside it.
  const log = logger?.child({ job: job.name });
  const cronLogger = log && {
    info: (message: string) => log.info(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, String(message)),
    debug: (message: string | Error, err?: Error) => log.debug({ err }, String(message)),
  };
  const task = cron.schedule(job.cron, () => fire(), { name: job.name, timezone: job.timezone, logger: cronLogger });
  return {
    stop: () => void task.destroy(),
    nextRun: () => task.getNextRun(),
  };
};

export type TickOutcome = 'succeeded' | 'failed' | 'skipped';

export interface JobState {
  name: string;
  running: boolean;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastError?: string;
  nextRun?: string | null;
}

export interface SchedulerOptions {
  timezone: string;
  logger: Logger;
  trigger?: TriggerFactory;
  now?: () => Date;
}

export class Scheduler {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly state = new Map<string, JobState>();
  private readonly inFlight = new Map<string, Promise<TickOutcome>>();
  private readonly groupTail = new Map<string, Promise<unknown>>();
  private readonly handles = new Map<string, TriggerHandle>();
  private stopped = false;

  constructor(
    jobs: JobDefinition[],
    private readonly options: SchedulerOptions,
  ) {
    for (const job of jobs) {
      if (this.jobs.has(job.name)) throw new Error(`two scheduled jobs are named "${job.name}"`);
      this.jobs.set(job.name, job);
      this.state.set(job.name, { name: job.name, running: false, runs: 0, failures: 0, consecutiveFailures: 0 });
    }
  }

  private get now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Arms every job's trigger. */
  start(): this {
    const trigger = this.options.trigger ?? cronTrigger;
    for (const job of this.jobs.values()) {
      const handle = trigger({ name: job.name, cron: job.cron, timezone: this.options.timezone }, () => void this.tick(job.name), this.options.logger);
      this.handles.set(job.name, handle);
      this.options.logger.info(
        { job: job.name, cron: job.cron, timezone: this.options.timezone, nextRun: handle.nextRun?.()?.toISOString() },
        'scheduled job armed',
      );
    }
    return this;
  }

  /**
   * One tick of a job (what the trigger calls). Skipped if the job is still running; otherwise
   * waits for its exclusive group, runs it, and logs a failure without rethrowing.
   */
  tick(name: string): Promise<TickOutcome> {
    const job = this.jobs.get(name);
    if (!job) return Promise.reject(new Error(`no scheduled job "${name}"`));
    const state = this.state.get(name)!;
    if (this.stopped) return Promise.resolve('skipped');
    const running = this.inFlight.get(name);
    if (running) {
      this.options.logger.warn({ job: name, since: state.lastStartedAt }, 'previous run still in progress; this tick is skipped');
      return Promise.resolve('skipped');
    }
    const outcome = this.execute(job, state);
    this.inFlight.set(name, outcome);
    void outcome.finally(() => this.inFlight.delete(name));
    return outcome;
  }

  private async execute(job: JobDefinition, state: JobState): Promise<TickOutcome> {
    state.running = true;
    try {
      if (job.exclusiveGroup) {
        const before = this.groupTail.get(job.exclusiveGroup) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => (release = resolve));
        this.groupTail.set(
          job.exclusiveGroup,
          before.then(() => mine),
        );
        await before;
        try {
          return await this.runOnce(job, state);
        } finally {
          release();
        }
      }
      return await this.runOnce(job, state);
    } finally {
      state.running = false;
    }
  }

  private async runOnce(job: JobDefinition, state: JobState): Promise<TickOutcome> {
    if (this.stopped) return 'skipped';
    const started = this.now;
    state.lastStartedAt = started.toISOString();
    state.runs++;
    this.options.logger.info({ job: job.name }, 'scheduled job started');
    try {
      await job.run();
      state.consecutiveFailures = 0;
      state.lastError = undefined;
      this.options.logger.info({ job: job.name, ms: this.now.getTime() - started.getTime() }, 'scheduled job finished');
      return 'succeeded';
    } catch (error) {
      state.failures++;
      state.consecutiveFailures++;
      state.lastError = (error as Error)?.message ?? String(error);
      this.options.logger.error(
        { job: job.name, err: error, consecutiveFailures: state.consecutiveFailures, nextRun: this.handles.get(job.name)?.nextRun?.()?.toISOString() },
        'scheduled job failed; it runs again at the next tick',
      );
      return 'failed';
    } finally {
      state.lastFinishedAt = this.now.toISOString();
    }
  }

  status(): JobState[] {
    return [...this.state.values()].map((s) => ({ ...s, nextRun: this.handles.get(s.name)?.nextRun?.()?.toISOString() ?? null }));
  }

  get jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  /** Disarms the triggers and waits (up to `graceMs`) for running jobs to finish. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    for (const handle of this.handles.values()) handle.stop();
    this.handles.clear();
    const running = [...this.inFlight.values()];
    if (!running.length) return;
    this.options.logger.info({ jobs: [...this.inFlight.keys()] }, 'waiting for running jobs to finish');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running),
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.options.logger.warn({ jobs: [...this.inFlight.keys()] }, 'jobs still running at shutdown; not waiting any longer');
          resolve();
        }, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
