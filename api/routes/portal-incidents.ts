// The own-portal integrity watch over HTTP (see docs/portals.md), mounted through portalMounts
// below: anyone signed in reads, only admins acknowledge.
import { Router } from 'express';
import { z } from 'zod';
import type { LoadedConfig } from '../../core/config.ts';
import {
  acceptPortalState,
  acknowledgeIncident,
  daysLeft,
  IncidentStateError,
  INCIDENT_KINDS,
  openPortalStore,
  type PortalIncident,
  type PortalStore,
  type TlsCheckResult,
} from '../../features/portals/index.ts';
import type { Workflow } from '../../features/workflow/index.ts';
import type { MountedRouter } from '../app.ts';
import { actorOf } from '../auth.ts';
import { HttpError, parseInput, query } from '../validation.ts';

export interface PortalIncidentsRouterOptions {
  config: LoadedConfig;
  workflow: Workflow;
  /** Default: the file at portalWatch.statePath (opened on first use, kept open). */
  store?: PortalStore;
  now?: () => Date;
}

const listQuery = z
  .object({
    status: z.enum(['open', 'acknowledged']).optional(),
    portal: query.text(100).optional(),
    /** Incidents that concern this page (its full URL). */
    url: query.text(2000).optional(),
    kind: z.enum(INCIDENT_KINDS as [PortalIncident['kind'], ...PortalIncident['kind'][]]).optional(),
    page: query.int(1, 100_000).default('1'),
    pageSize: query.int(1, 200).default('50'),
  })
  .strict();

const idParams = z.object({ id: z.string().regex(/^\d{1,12}$/, 'must be an incident id (a number)').transform(Number) });
const portalParams = z.object({ portalId: z.string().min(1).max(100) });
const noteBody = z.object({ note: z.string().trim().max(1000).optional() }).strict();

/** A list entry: everything but the per-page diffs and observed values (see the detail). */
function listEntry(incident: PortalIncident) {
  const { pages, diff: _diff, ...rest } = incident;
  return { ...rest, pages: pages.map((page) => page.url) };
}

function detail(incident: PortalIncident) {
  return { ...incident, pages: incident.pages.map((page) => ({ url: page.url, diff: page.diff })) };
}

/**
 * GET    /                      incidents, open first (filters: status, portal, url, kind; page, pageSize)
 * GET    /portals               the configured portals with their last check, open incidents and certificate
 * GET    /:id                   one incident: readable diff, pages, deliveries, audit trail
 * POST   /:id/acknowledge       accept the incident's new state into the baseline (admin; {note?})
 * POST   /portals/:portalId/accept   accept the portal's whole last observed state (admin; {note?})
 */
export function portalIncidentsRouter(options: PortalIncidentsRouterOptions): Router {
  const { config, workflow } = options;
  let opened: PortalStore | undefined = options.store;
  const store = () => (opened ??= openPortalStore(config, options.now));
  const router = Router();

  router.get('/', (req, res) => {
    const q = parseInput(listQuery, req.query);
    const result = store().listIncidents({ status: q.status, portalId: q.portal, url: q.url, kind: q.kind, page: q.page, pageSize: q.pageSize });
    res.json({ ...result, items: result.items.map(listEntry) });
  });

  router.get('/portals', (_req, res) => {
    const open = store().openCounts();
    const now = options.now?.() ?? new Date();
    res.json({
      portals: config.portals.map((portal) => {
        const lastRun = store().latestRun(portal.id);
        const tls = (lastRun?.tls as TlsCheckResult[] | undefined) ?? [];
        return {
          id: portal.id,
          name: portal.name ?? null,
          enabled: portal.enabled,
          startUrls: portal.startUrls,
          schedule: portal.schedule ?? null,
          pagesWatched: store().baselineUrls(portal.id).length,
          openIncidents: open.get(portal.id) ?? 0,
          lastRun: lastRun ?? null,
          certificates: tls.map((result) => ({
            host: result.host,
            port: result.port,
            validTo: result.validTo ?? null,
            daysLeft: daysLeft(result, now) ?? null,
            hostnameMatches: result.hostnameMatches ?? null,
            trusted: result.trusted ?? null,
            error: result.error ?? result.trustError ?? null,
          })),
        };
      }),
    });
  });

  router.get('/:id', (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const incident = store().incident(id);
    if (!incident) throw new HttpError(404, 'not_found', `no portal incident ${id}`, 'id');
    const audit = workflow.audit.query({ targetType: 'portal_incident', targetId: String(id), order: 'oldest', pageSize: 100 }).items;
    res.json({ ...detail(incident), deliveries: store().deliveries(id), audit });
  });

  router.post('/:id/acknowledge', (req, res) => {
    const { id } = parseInput(idParams, req.params);
    const { note } = parseInput(noteBody, req.body);
    try {
      const done = acknowledgeIncident(store(), workflow.audit, id, actorOf(req), note || undefined);
      if (!done) throw new HttpError(404, 'not_found', `no portal incident ${id}`, 'id');
      res.json({
        incident: detail(done.incident),
        baselineAccepted: done.baselineAccepted,
        pagesAccepted: done.pagesAccepted,
        portalBaselineUpdated: done.portalBaselineUpdated,
      });
    } catch (error) {
      if (error instanceof IncidentStateError) throw new HttpError(409, 'already_acknowledged', error.message);
      throw error;
    }
  });

  router.post('/portals/:portalId/accept', (req, res) => {
    const { portalId } = parseInput(portalParams, req.params);
    const { note } = parseInput(noteBody, req.body);
    if (!config.portals.some((portal) => portal.id === portalId)) throw new HttpError(404, 'not_found', `no portal "${portalId}" in the config`, 'portalId');
    const done = acceptPortalState(store(), workflow.audit, portalId, actorOf(req), note || undefined);
    res.json(done);
  });

  return router;
}

/** The mount `serve` adds: anyone signed in reads, admins acknowledge and accept. */
export function portalMounts(options: PortalIncidentsRouterOptions): MountedRouter[] {
  return [
    {
      path: '/api/portal-incidents',
      router: portalIncidentsRouter(options),
      read: 'viewer',
      write: 'admin',
      summary: 'Own-portal integrity incidents (defacement, injected scripts, missing pages, TLS)',
    },
  ];
}
