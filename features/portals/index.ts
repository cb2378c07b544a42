// The own-portal integrity watch, wired from the config: `mediawatch portals check|accept`, the
// scheduled checks of `serve`, and what the API's acknowledge does (see docs/portals.md).
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { ConfigError, configRelative, type LoadedConfig, type PortalConfig } from '../../core/config.ts';
import { HostRateLimiter } from '../../crawlers/politeness.ts';
import type { Mailer, WebhookOptions } from '../notify/index.ts';
import { Scheduler, type JobDefinition, type TriggerFactory } from '../schedules/index.ts';
import type { AuditLog } from '../workflow/index.ts';
import type { Actor } from '../workflow/index.ts';
import { checkPortal, type PortalCheckResult } from './check.ts';
import { checkSelectors } from './fingerprint.ts';
import { loadDefacementLexicon, type DefacementLexicon } from './defacement-lexicon.ts';
import { deliverIncidents, incidentChannels, incidentLogChannel, type IncidentDelivery } from './notify.ts';
import { PortalRobots } from './robots.ts';
import { PortalStore, type Acknowledgement } from './store.ts';
import type { TlsCheckOptions, TlsCheckResult } from './tls.ts';

export { checkPortal, selectorsFor, type PortalCheckResult } from './check.ts';
export { PortalStore, IncidentStateError, incidentDiff, type Acknowledgement, type IncidentFilter, type RunRecord } from './store.ts';
export { incidentLink } from './notify.ts';
export { checkTls, daysLeft, type TlsCheckResult } from './tls.ts';
export { loadDefacementLexicon, parseDefacementLexicon, findTerms } from './defacement-lexicon.ts';
export { fingerprintPage } from './fingerprint.ts';
export { unifiedDiff } from './diff.ts';
export * from './types.ts';

export function portalStorePath(config: LoadedConfig): string {
  return configRelative(config, config.portalWatch.statePath);
}

export function openPortalStore(config: LoadedConfig, now?: () => Date): PortalStore {
  return new PortalStore(portalStorePath(config), now);
}

/** Checks what the schema cannot: CSS selectors, the lexicon file, a portal's caFile. Throws ConfigError. */
export function validatePortalConfig(config: LoadedConfig): { lexicon: DefacementLexicon; ca: Map<string, string> } {
  const where = config.configPath;
  const problems: string[] = [];
  config.portals.forEach((portal, index) => {
    const lists: Array<[string, string[] | undefined]> = [
      [`portals[${index}].stableSelectors`, portal.stableSelectors],
      [`portals[${index}].changingSelectors`, portal.changingSelectors],
      ...portal.pages.flatMap((page, j): Array<[string, string[] | undefined]> => [
        [`portals[${index}].pages[${j}].stableSelectors`, page.stableSelectors],
        [`portals[${index}].pages[${j}].changingSelectors`, page.changingSelectors],
      ]),
    ];
    for (const [key, selectors] of lists) {
      const bad = selectors ? checkSelectors(selectors) : undefined;
      if (bad !== undefined) problems.push(`${key}: "${bad}" is not a valid CSS selector`);
    }
  });
  const ca = new Map<string, string>();
  config.portals.forEach((portal, index) => {
    if (!portal.caFile) return;
    const path = configRelative(config, portal.caFile);
    try {
      ca.set(portal.id, readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push(`portals[${index}].caFile: cannot read ${path}: ${(error as Error).message}`);
    }
  });
  let lexicon: DefacementLexicon | undefined;
  if (config.portals.length) {
    try {
      lexicon = loadDefacementLexicon(configRelative(config, config.portalWatch.lexicon));
    } catch (error) {
      problems.push(`portalWatch.lexicon: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(`Invalid config ${where}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { lexicon: lexicon ?? { terms: [] }, ca };
}

/** The portals a command names (all must exist), or every enabled one. */
export function selectPortals(config: LoadedConfig, ids?: string[]): PortalConfig[] {
  if (!ids?.length) return config.portals.filter((portal) => portal.enabled);
  return ids.map((id) => {
    const portal = config.portals.find((candidate) => candidate.id === id);
    if (!portal) {
      const known = config.portals.map((candidate) => candidate.id).join(', ') || 'none configured';
      throw Object.assign(new Error(`no portal "${id}" in ${config.configPath} (portals: ${known})`), { userFacing: true });
    }
    return portal;
  });
}

export interface RunPortalChecksOptions {
  logger: Logger;
  portalIds?: string[];
  /** Send new incidents on the alert channels (default true). */
  notify?: boolean;
  now?: () => Date;
  /** For tests. */
  store?: PortalStore;
  mailer?: Mailer;
  webhook?: WebhookOptions;
  tls?: (url: string, options: TlsCheckOptions) => Promise<TlsCheckResult>;
  retryDelayMs?: number;
}

export interface PortalChecksOutcome {
  results: PortalCheckResult[];
  /** Portals whose check failed as a whole (a bug, a full disk): logged, the others still ran. */
  failures: Array<{ portalId: string; error: string }>;
  deliveries: Record<string, IncidentDelivery>;
}

/**
 * Checks the portals one after the other with one rate limiter and robots cache, then sends the
 * new incidents (and retries earlier failed deliveries) on the alert channels.
 */
export async function runPortalChecks(config: LoadedConfig, options: RunPortalChecksOptions): Promise<PortalChecksOutcome> {
  const { lexicon, ca } = validatePortalConfig(config);
  const portals = selectPortals(config, options.portalIds);
  const store = options.store ?? openPortalStore(config, options.now);
  const { crawler } = config;
  const fetchOptions = { userAgent: crawler.userAgent, timeoutSecs: crawler.timeoutSecs, maxBytes: crawler.maxPageBytes };
  const limiter = new HostRateLimiter();
  const outcome: PortalChecksOutcome = { results: [], failures: [], deliveries: {} };
  try {
    for (const portal of portals) {
      try {
        const rpm = portal.requestsPerMinute ?? crawler.requestsPerMinute;
        const robots = new PortalRobots({ ...fetchOptions, ca: ca.get(portal.id), throttle: (url) => limiter.acquire(url, rpm) });
        const result = await checkPortal(portal, {
          store,
          lexicon,
          limiter,
          robots,
          fetchOptions,
          defaultRequestsPerMinute: crawler.requestsPerMinute,
          certWarningDays: config.portalWatch.certWarningDays,
          watchInlineScripts: config.portalWatch.watchInlineScripts,
          ca: ca.get(portal.id),
          now: options.now,
          tls: options.tls,
          retryDelayMs: options.retryDelayMs,
        });
        outcome.results.push(result);
        options.logger.info(
          {
            portal: portal.id,
            pages: result.pagesChecked,
            newIncidents: result.created.length,
            openSeenAgain: result.updated.length,
            errors: result.errors.length,
          },
          `checked portal ${portal.id}`,
        );
      } catch (error) {
        outcome.failures.push({ portalId: portal.id, error: (error as Error).message });
        options.logger.error({ portal: portal.id, err: error }, 'portal check failed');
      }
    }
    if (options.notify !== false) {
      // alerts.enabled: false silences the e-mail and webhook; incidents are still logged and stored.
      const wiring = config.alerts.enabled
        ? incidentChannels(config, options.logger, { mailer: options.mailer, webhook: options.webhook })
        : { channels: [incidentLogChannel(options.logger)], close: () => undefined };
      try {
        outcome.deliveries = await deliverIncidents(
          store,
          outcome.results.flatMap((result) => result.created),
          wiring.channels,
          { retryForMs: config.alerts.retryForHours * 3_600_000, logger: options.logger },
        );
      } catch (error) {
        options.logger.error({ err: error }, 'portal incident delivery failed');
      } finally {
        wiring.close();
      }
    }
  } finally {
    if (!options.store) store.close();
  }
  return outcome;
}

/** Acknowledges an incident (accepting its new state into the baseline) and writes the audit log. */
export function acknowledgeIncident(store: PortalStore, audit: AuditLog, id: number, actor: Actor, note?: string): Acknowledgement | undefined {
  const done = store.acknowledge(id, actor.username, note);
  if (!done) return undefined;
  const { incident } = done;
  audit.record({
    actor,
    action: 'portal.incident.acknowledge',
    targetType: 'portal_incident',
    targetId: String(id),
    before: { status: 'open' },
    after: { status: 'acknowledged', baselineAccepted: done.baselineAccepted },
    detail: {
      portal: incident.portalId,
      kind: incident.kind,
      aspect: incident.aspect,
      summary: incident.summary,
      pages: incident.pages.map((page) => page.url),
      pagesAccepted: done.pagesAccepted,
      portalBaselineUpdated: done.portalBaselineUpdated,
      ...(note ? { note } : {}),
    },
  });
  return done;
}

/** Accepts a portal's last observed state as its baseline, acknowledging its open incidents; audit-logged. */
export function acceptPortalState(store: PortalStore, audit: AuditLog, portalId: string, actor: Actor, note?: string): ReturnType<PortalStore['acceptPortal']> {
  const done = store.acceptPortal(portalId, actor.username, note);
  audit.record({
    actor,
    action: 'portal.baseline.accept',
    targetType: 'portal',
    targetId: portalId,
    after: { pages: done.pages, dropped: done.dropped },
    detail: { acknowledgedIncidents: done.acknowledged, ...(note ? { note } : {}) },
  });
  return done;
}

export interface PortalScheduleOptions {
  trigger?: TriggerFactory;
  now?: () => Date;
  /** For tests: what a tick runs (default: runPortalChecks for that portal). */
  run?: (portalId: string) => Promise<unknown>;
}

/** One job per enabled portal with a `schedule`; checks never overlap (one group). */
export function portalJobs(config: LoadedConfig, logger: Logger, run?: (portalId: string) => Promise<unknown>): JobDefinition[] {
  return config.portals
    .filter((portal) => portal.enabled && portal.schedule)
    .map((portal) => ({
      name: `portal:${portal.id}`,
      cron: portal.schedule!,
      exclusiveGroup: 'portals',
      run: run ? () => run(portal.id) : () => runPortalChecks(config, { logger, portalIds: [portal.id] }),
    }));
}

/**
 * What `serve` calls: validates the portal config (throws ConfigError) and arms the portal
 * checks on their schedules, in schedules.timezone. `stop()` the scheduler on shutdown.
 */
export function startPortalSchedules(config: LoadedConfig, logger: Logger, options: PortalScheduleOptions = {}): Scheduler {
  validatePortalConfig(config);
  const scheduler = new Scheduler(portalJobs(config, logger, options.run), {
    timezone: config.schedules.timezone,
    logger,
    trigger: options.trigger,
    now: options.now,
  });
  return scheduler.start();
}
