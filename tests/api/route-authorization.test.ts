// Walks every route Express has registered (including the dashboard's pages, mounted as a
// router outside /api) and proves, from a table kept here, that an anonymous request and a request
// with each too-weak role are refused, and that the allowed roles get past the check.
import { Router } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { moduleRoutes } from '../../api/modules.ts';
import { listRoutes } from '../../api/route.ts';
import { parseConfig } from '../../core/config.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { ROLES, SYSTEM_ACTOR, type Role, type Workflow } from '../../features/workflow/index.ts';
import { testWorkflow } from '../workflow/helpers.ts';
import { ApiClient } from './client.ts';

const READ: readonly Role[] = ['admin', 'analyst', 'spokesperson', 'viewer'];
const REVIEW: readonly Role[] = ['admin', 'analyst'];
const ANNOTATE: readonly Role[] = ['admin', 'analyst', 'spokesperson'];
const RESPOND: readonly Role[] = ['admin', 'spokesperson'];
const ADMIN: readonly Role[] = ['admin'];

/** Who may call what. A new route fails the walk below until it is added here. */
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': READ,
  'GET /api/auth/me': READ,
  'POST /api/auth/change-password': READ,
  'GET /api/items': READ,
  'GET /api/items/export': ANNOTATE,
  'GET /api/items/:id': READ,
  'GET /api/stats': READ,
  'GET /api/clusters/:id': READ,
  'GET /api/review/queue': READ,
  'GET /api/items/:id/review': READ,
  'POST /api/items/:id/review/transition': REVIEW,
  'POST /api/items/:id/review/assign': REVIEW,
  'PATCH /api/items/:id/review': REVIEW,
  'POST /api/items/:id/review/notes': ANNOTATE,
  'GET /api/facts': READ,
  'GET /api/responses': READ,
  'POST /api/responses': RESPOND,
  'GET /api/responses/:id': READ,
  'PATCH /api/responses/:id': RESPOND,
  'POST /api/responses/:id/publish': RESPOND,
  'POST /api/responses/:id/withdraw': RESPOND,
  'GET /api/responses/:id/export': RESPOND,
  'POST /api/check': ANNOTATE,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'GET /api/users/:username': ADMIN,
  'PATCH /api/users/:username': ADMIN,
  'POST /api/users/:username/reset-password': ADMIN,
  'GET /api/tokens': READ,
  'POST /api/tokens': READ,
  'DELETE /api/tokens/:id': READ,
  'GET /api/audit': ADMIN,
  'GET /api/audit/verify': ADMIN,
  'GET /api/openapi.json': READ,
  // Routes of the modules beside the core API, passed as serve passes them (api/modules.ts).
  'GET /api/sources': READ,
  'GET /api/sources/:id': READ,
  'GET /api/item-images/:id/:index': READ,
  'GET /api/portal-incidents': READ,
  'GET /api/portal-incidents/portals': READ,
  'GET /api/portal-incidents/:id': READ,
  'POST /api/portal-incidents/:id/acknowledge': ADMIN,
  'POST /api/portal-incidents/portals/:portalId/accept': ADMIN,
  'GET /api/trends': READ,
  'GET /api/dashboard/queue': READ,
  'GET /api/dashboard/facets': READ,
  // The dashboard's static files hold no data; its pages call the API above with the session.
  'GET /vendor/chart.js': 'public',
};

const store = new SqliteStore({ path: ':memory:' });
let workflow: Workflow;
let server: Server;
let baseUrl: string;
let app: ReturnType<typeof createApp>;
const tokens = {} as Record<Role, string>;
let revokedToken: string;
let dataDir: string;

beforeAll(async () => {
  await store.init();
  workflow = await testWorkflow({ store, withUsers: true });
  for (const role of ROLES) tokens[role] = workflow.auth.createToken(role, { name: 'walk' }, SYSTEM_ACTOR).token;
  const revoked = workflow.auth.createToken('admin', { name: 'revoked' }, SYSTEM_ACTOR);
  workflow.auth.revokeToken(revoked.info.id, { username: 'admin', role: 'admin' });
  revokedToken = revoked.token;

  dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-routes-'));
  app = createApp({
    store,
    workflow,
    security: { rateLimits: { loginPerMinute: 1000, apiPerMinute: 10_000 } },
    routes: moduleRoutes({ config: parseConfig({}, '<test>', dataDir), store, workflow }),
    routers: dashboardMounts(),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  workflow.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const concrete = (path: string) =>
  path
    .replace(/:id\b/g, 'no-such-id')
    .replace(/:username\b/g, 'no-such-user')
    .replace(/:portalId\b/g, 'no-such-portal');

function request(method: string, path: string, token?: string) {
  const client = token ? ApiClient.withToken(baseUrl, token) : new ApiClient(baseUrl);
  return client.call(method, concrete(path), method === 'GET' || method === 'DELETE' ? undefined : {});
}

describe('route authorisation', () => {
  it('walks exactly the routes in the table: none unlisted, none stale', () => {
    const walked = listRoutes(app).map((route) => `${route.method} ${route.path}`);
    expect(new Set(walked).size).toBe(walked.length);
    expect([...walked].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('documents the same access rules in the OpenAPI document', async () => {
    const { body } = await request('GET', '/api/openapi.json', tokens.viewer);
    for (const [key, access] of Object.entries(EXPECTED)) {
      const [method, path] = key.split(' ');
      if (!path.startsWith('/api/')) continue; // the document describes the API, not the dashboard's files
      const operation = body.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(operation, key).toBeDefined();
      expect(operation['x-roles'], key).toEqual(access === 'public' ? 'public' : [...access]);
    }
  });

  const table = Object.entries(EXPECTED).map(([key, access]) => {
    const [method, path] = key.split(' ');
    return { key, method, path, access };
  });

  it.each(table.filter((r) => r.access !== 'public'))('$key: refuses anonymous and revoked-token callers with 401', async ({ method, path }) => {
    const anonymous = await request(method, path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const revoked = await request(method, path, revokedToken);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('invalid_token');
  });

  it.each(table.filter((r) => r.access !== 'public' && r.access.length < ROLES.length))(
    '$key: refuses every role too weak for it with 403',
    async ({ method, path, access }) => {
      const weak = ROLES.filter((role) => !(access as readonly Role[]).includes(role));
      expect(weak.length).toBeGreaterThan(0);
      for (const role of weak) {
        const answer = await request(method, path, tokens[role]);
        expect(answer.status, `${role} on ${method} ${path}`).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    },
  );

  it.each(table)('$key: lets the allowed callers past the access check', async ({ method, path, access }) => {
    const allowed = access === 'public' ? [undefined] : (access as readonly Role[]).map((role) => tokens[role]);
    for (const token of allowed) {
      const answer = await request(method, path, token);
      // Dummy ids and empty bodies may get 400/404/409, but never a refusal for who the caller is.
      expect([401, 403], `${method} ${path}: ${answer.text}`).not.toContain(answer.status);
    }
  });

  it('refuses anonymous callers on API paths that do not exist, and says 404 to signed-in ones', async () => {
    expect((await request('GET', '/api/not-a-route')).status).toBe(401);
    expect((await request('POST', '/api/items/x/review/undo')).status).toBe(401);
    const known = await request('GET', '/api/not-a-route', tokens.viewer);
    expect(known.status).toBe(404);
    expect(known.body.error.code).toBe('not_found');
  });

  it('documents every API route Express dispatches to, with its roles, and nothing else', async () => {
    const walked = listRoutes(app)
      .filter((route) => route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const { body } = await request('GET', '/api/openapi.json', tokens.viewer);
    const documented = Object.entries(body.paths as Record<string, Record<string, { 'x-roles': unknown; summary: string }>>).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(documented.map((entry) => entry.key).sort()).toEqual([...walked].sort());
    for (const { key, operation } of documented) {
      expect(operation.summary, key).toBeTruthy();
      if (operation['x-roles'] === 'public') expect(['GET /api/health', 'POST /api/auth/login'], `${key} is public`).toContain(key);
      else expect((operation['x-roles'] as Role[]).length, key).toBeGreaterThan(0);
    }
  });

  it('mounts no router under /api (API routes are route specs), and lets pages outside it be public', () => {
    const router = Router();
    expect(() => createApp({ store, workflow, routers: [{ path: '/api/open', router, read: 'public' }] })).toThrow(/defineRoute/);
    expect(() => createApp({ store, workflow, routers: [{ path: '/api/sources', router, read: 'viewer' }] })).toThrow(/defineRoute/);
    expect(() => createApp({ store, workflow, routers: [{ path: '/dashboard', router, read: 'public' }] })).not.toThrow();
  });

  it('refuses a token whose user was disabled, or whose role now outranks its user', async () => {
    const { token } = workflow.auth.createToken('analyst', { name: 'temp' }, SYSTEM_ACTOR);
    expect((await request('GET', '/api/items', token)).status).toBe(200);
    workflow.users.update('analyst', { role: 'viewer' }, SYSTEM_ACTOR);
    expect((await request('GET', '/api/items', token)).status).toBe(401);
    workflow.users.update('analyst', { role: 'analyst' }, SYSTEM_ACTOR);
    workflow.users.update('analyst', { disabled: true }, SYSTEM_ACTOR);
    expect((await request('GET', '/api/items', token)).status).toBe(401);
    workflow.users.update('analyst', { disabled: false }, SYSTEM_ACTOR);
    expect((await request('GET', '/api/items', token)).status).toBe(200);
  });
});
