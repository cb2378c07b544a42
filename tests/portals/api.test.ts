// GET /api/portal-incidents (+ /portals, /:id) for anyone signed in; acknowledging and accepting
// a portal's state for admins only, recorded in the audit log.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { portalIncidentRoutes } from '../../api/routes/portal-incidents.ts';
import type { LoadedConfig } from '../../core/config.ts';
import { PortalStore, runPortalChecks } from '../../features/portals/index.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { ROLES, SYSTEM_ACTOR, type Role, type Workflow } from '../../features/workflow/index.ts';
import { ApiClient } from '../api/client.ts';
import { testWorkflow } from '../workflow/helpers.ts';
import { memoryLogger, paths, portalConfig, TestPortal } from './helpers.ts';

let portal: TestPortal;
let config: LoadedConfig;
let portals: PortalStore;
const items = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let server: Server;
let baseUrl: string;
const tokens = {} as Record<Role, string>;
const as = (role: Role) => ApiClient.withToken(baseUrl, tokens[role]);
const check = () => runPortalChecks(config, { logger: memoryLogger().logger, store: portals, retryDelayMs: 5 });

beforeAll(async () => {
  portal = await new TestPortal().start();
  config = portalConfig(portal);
  portals = new PortalStore(config.portalWatch.statePath);
  await check();
  portal.overlay('defaced');
  portal.remove('van-ban/quyet-dinh-12.html');
  portal.redirect('/dich-vu-cong.html', 'https://dichvucong-gialai.spam.example/');
  await check();

  await items.init();
  workflow = await testWorkflow({ store: items, withUsers: true });
  for (const role of ROLES) tokens[role] = workflow.auth.createToken(role, { name: 'portal-api' }, SYSTEM_ACTOR).token;
  const app = createApp({
    store: items,
    workflow,
    security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 10_000 } },
    routes: portalIncidentRoutes({ config, workflow, store: portals }),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  workflow.close();
  await items.close();
  portals.close();
  await portal.stop();
});

describe('GET /api/portal-incidents', () => {
  it('needs a signed-in caller', async () => {
    const answer = await new ApiClient(baseUrl).get('/api/portal-incidents');
    expect(answer.status).toBe(401);
  });

  it('lists open incidents for any role, without the per-page diffs', async () => {
    for (const role of ROLES) {
      const answer = await as(role).get('/api/portal-incidents?status=open');
      expect(answer.status, role).toBe(200);
      expect(answer.body.total).toBe(6);
    }
    const { body } = await as('viewer').get('/api/portal-incidents');
    const footer = body.items.find((incident: { kind: string }) => incident.kind === 'stable_changed');
    expect(footer).toMatchObject({ portalId: 'vpubnd', status: 'open', severity: 'high', aspect: 'stable:footer' });
    expect(paths(footer.pages)).toEqual(['/', '/lien-he.html']);
    expect(footer.diff).toBeUndefined();
  });

  it('filters by status, portal, page URL and kind, and refuses unknown or malformed parameters', async () => {
    const viewer = as('viewer');
    expect((await viewer.get('/api/portal-incidents?status=acknowledged')).body.total).toBe(0);
    expect((await viewer.get('/api/portal-incidents?portal=other')).body.total).toBe(0);
    const contact = await viewer.get(`/api/portal-incidents?url=${encodeURIComponent(portal.page('/lien-he.html'))}`);
    expect(contact.body.items.map((incident: { kind: string }) => incident.kind).sort()).toEqual(['favicon_changed', 'stable_changed']);
    const missing = await viewer.get('/api/portal-incidents?kind=page_missing');
    expect(missing.body.items).toHaveLength(1);
    expect(paths(missing.body.items[0].pages)).toEqual(['/van-ban/quyet-dinh-12.html']);
    const paged = await viewer.get('/api/portal-incidents?page=2&pageSize=4');
    expect(paged.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(paged.body.items).toHaveLength(2);
    const bad = await viewer.get('/api/portal-incidents?status=closed');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_parameter', parameter: 'status' });
    expect((await viewer.get('/api/portal-incidents?colour=red')).body.error.code).toBe('unknown_parameter');
  });

  it('shows one incident with its readable diff', async () => {
    const { body: list } = await as('viewer').get('/api/portal-incidents?kind=new_origin');
    const { status, body } = await as('viewer').get(`/api/portal-incidents/${list.items[0].id}`);
    expect(status).toBe(200);
    expect(body.diff).toContain('+https://cdn.evil-analytics.example (https://cdn.evil-analytics.example/track.js)');
    expect(body.pages).toEqual([{ url: portal.page('/'), diff: expect.stringContaining('--- baseline script origins') }]);
    expect(body.deliveries).toEqual([expect.objectContaining({ channel: 'log', status: 'sent' })]);
    expect(body.audit).toEqual([]);
    expect((await as('viewer').get('/api/portal-incidents/99999')).status).toBe(404);
    expect((await as('viewer').get('/api/portal-incidents/abc')).status).toBe(400);
  });

  it('summarises each configured portal', async () => {
    const { body } = await as('viewer').get('/api/portal-incidents/portals');
    expect(body.portals).toEqual([
      expect.objectContaining({ id: 'vpubnd', name: 'Cổng TTĐT Văn phòng UBND tỉnh', enabled: true, openIncidents: 6, pagesWatched: 8, certificates: [] }),
    ]);
    expect(body.portals[0].lastRun).toMatchObject({ pagesChecked: 8, newIncidents: 6 });
  });
});

describe('POST /api/portal-incidents/:id/acknowledge', () => {
  it('is for admins only', async () => {
    const { body } = await as('viewer').get('/api/portal-incidents?kind=stable_changed');
    for (const role of ['viewer', 'analyst', 'spokesperson'] as const) {
      const answer = await as(role).post(`/api/portal-incidents/${body.items[0].id}/acknowledge`, {});
      expect(answer.status, role).toBe(403);
    }
    expect((await new ApiClient(baseUrl).post(`/api/portal-incidents/${body.items[0].id}/acknowledge`, {})).status).toBe(401);
    expect((await as('viewer').get(`/api/portal-incidents/${body.items[0].id}`)).body.status).toBe('open');
  });

  it('accepts the new state into the baseline and writes the audit log', async () => {
    const { body } = await as('viewer').get('/api/portal-incidents?kind=stable_changed');
    const id = body.items[0].id;
    const answer = await as('admin').post(`/api/portal-incidents/${id}/acknowledge`, { note: 'Footer mới do phòng CNTT cập nhật' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ baselineAccepted: true, pagesAccepted: 2, incident: { status: 'acknowledged', acknowledgedBy: 'admin' } });
    const footer = portals.pageBaseline('vpubnd', portal.page('/lien-he.html'))?.stable?.find((part) => part.selector === 'footer');
    expect(footer?.lines).toContain('Hỗ trợ trực tuyến: Zalo 0988 000 111 <https://zalo-hotro-gialai.example/chat>');
    const [entry] = workflow.audit.query({ action: 'portal.incident.acknowledge' }).items;
    expect(entry).toMatchObject({ actor: 'admin', actorRole: 'admin', targetType: 'portal_incident', targetId: String(id), after: { status: 'acknowledged' } });
    expect(entry.detail).toMatchObject({ portal: 'vpubnd', kind: 'stable_changed', note: 'Footer mới do phòng CNTT cập nhật', pagesAccepted: 2 });
    expect(workflow.audit.verify().ok).toBe(true);
    const detail = await as('viewer').get(`/api/portal-incidents/${id}`);
    expect(detail.body.audit.map((e: { action: string }) => e.action)).toEqual(['portal.incident.acknowledge']);
    const again = await as('admin').post(`/api/portal-incidents/${id}/acknowledge`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_acknowledged');
    expect((await as('admin').post('/api/portal-incidents/99999/acknowledge', {})).status).toBe(404);
    expect((await as('admin').post(`/api/portal-incidents/${id}/acknowledge`, { note: 1 })).status).toBe(400);
  });

  it("accepts a portal's whole state; the next check is quiet", async () => {
    expect((await as('analyst').post('/api/portal-incidents/portals/vpubnd/accept', {})).status).toBe(403);
    expect((await as('admin').post('/api/portal-incidents/portals/nope/accept', {})).status).toBe(404);
    const answer = await as('admin').post('/api/portal-incidents/portals/vpubnd/accept', { note: 'sau khi khôi phục' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dropped: 1 });
    expect(answer.body.acknowledged).toHaveLength(5);
    expect(workflow.audit.query({ action: 'portal.baseline.accept' }).items[0]).toMatchObject({ actor: 'admin', targetType: 'portal', targetId: 'vpubnd' });
    expect((await as('viewer').get('/api/portal-incidents?status=open')).body.total).toBe(0);
    const { results } = await check();
    expect(results[0].findings).toEqual([]);
  });
});
