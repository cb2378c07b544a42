// The own-portal integrity watch over HTTP (see docs/portals.md): anyone signed in reads,
// admins acknowledge and accept.
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
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError, query } from '../validation.ts';

export interface PortalIncidentRoutesOptions {
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

const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,12}$/, 'must be an incident id (a number)')
    .transform(Number),
});
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

/** The incidents, the watched portals, and accepting a portal's new state into its baseline. */
export function portalIncidentRoutes(options: PortalIncidentRoutesOptions): AnyRoute[] {
  const { config, workflow } = options;
  let opened: PortalStore | undefined = options.store;
  const store = () => (opened ??= openPortalStore(config, options.now));
  const tag = 'portals';

  return [
    defineRoute({
      method: 'get',
      path: '/api/portal-incidents',
      tag,
      summary: 'Own-portal integrity incidents (defacement, injected scripts, missing pages, TLS), open first',
      access: ACCESS.read,
      query: listQuery,
      handle: ({ query: q }) => {
        const result = store().listIncidents({ status: q.status, portalId: q.portal, url: q.url, kind: q.kind, page: q.page, pageSize: q.pageSize });
        return { ...result, items: result.items.map(listEntry) };
      },
    }),
    // Before /:id, which would take "portals" for an id.
    defineRoute({
      method: 'get',
      path: '/api/portal-incidents/portals',
      tag,
      summary: 'The configured portals with their last check, open incidents and certificates',
      access: ACCESS.read,
      handle: () => {
        const open = store().openCounts();
        const now = options.now?.() ?? new Date();
        return {
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
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/portal-incidents/:id',
      tag,
      summary: 'One incident: readable diff, pages, deliveries, audit trail',
      access: ACCESS.read,
      params: idParams,
      handle: ({ params: { id } }) => {
        const incident = store().incident(id);
        if (!incident) throw new HttpError(404, 'not_found', `no portal incident ${id}`, 'id');
        const audit = workflow.audit.query({ targetType: 'portal_incident', targetId: String(id), order: 'oldest', pageSize: 100 }).items;
        return { ...detail(incident), deliveries: store().deliveries(id), audit };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/portal-incidents/:id/acknowledge',
      tag,
      summary: "Acknowledge an incident, accepting its new state into the portal's baseline",
      access: ACCESS.admin,
      params: idParams,
      body: noteBody,
      handle: ({ params: { id }, body: { note }, actor }) => {
        try {
          const done = acknowledgeIncident(store(), workflow.audit, id, actor, note || undefined);
          if (!done) throw new HttpError(404, 'not_found', `no portal incident ${id}`, 'id');
          return {
            incident: detail(done.incident),
            baselineAccepted: done.baselineAccepted,
            pagesAccepted: done.pagesAccepted,
            portalBaselineUpdated: done.portalBaselineUpdated,
          };
        } catch (error) {
          if (error instanceof IncidentStateError) throw new HttpError(409, 'already_acknowledged', error.message);
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/portal-incidents/portals/:portalId/accept',
      tag,
      summary: "Accept a portal's whole last observed state as its baseline",
      access: ACCESS.admin,
      params: portalParams,
      body: noteBody,
      handle: ({ params: { portalId }, body: { note }, actor }) => {
        if (!config.portals.some((portal) => portal.id === portalId))
          throw new HttpError(404, 'not_found', `no portal "${portalId}" in the config`, 'portalId');
        return acceptPortalState(store(), workflow.audit, portalId, actor, note || undefined);
      },
    }),
  ];
}
