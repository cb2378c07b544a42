// Transport-level protections of the API: cookies, CSRF, security headers, CORS, rate limits,
// lockout answers, tokens, request logs without secrets, and the OpenAPI document.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SecurityOptions } from '../../api/app.ts';
import { redactUrl } from '../../api/request-log.ts';
import { startServer, type RunningServer } from '../../api/server.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import type { Workflow, WorkflowOptions } from '../../features/workflow/index.ts';
import { makeItem } from '../helpers/items.ts';
import { PASSWORDS, testWorkflow } from '../workflow/helpers.ts';
import { ApiClient } from './client.ts';

const item = makeItem({ title: 'Tin đồn', text: 'Đại hội bị hoãn?' }, { congress: true, distortion: true });
const store = new SqliteStore({ path: ':memory:' });

let workflow: Workflow;
let api: RunningServer;
let logLines: string[];

async function serve(options: { security?: Partial<SecurityOptions>; workflow?: Partial<WorkflowOptions> } = {}) {
  workflow = await testWorkflow({ store, withUsers: true, ...options.workflow });
  logLines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  api = await startServer({ store, workflow, host: '127.0.0.1', port: 0, logger: pino({ level: 'info' }, sink), security: options.security });
}

beforeAll(async () => {
  await store.init();
  await store.upsertItems([item]);
});
afterEach(async () => {
  await api?.close();
  workflow?.close();
});
afterAll(() => store.close());

describe('session cookie and CSRF', () => {
  it('sets an HttpOnly, SameSite=Strict cookie; Secure when the request came over HTTPS', async () => {
    await serve();
    const plain = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: PASSWORDS.viewer }),
    });
    const cookie = plain.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^mw_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const body = (await plain.json()) as Record<string, unknown>;
    expect(JSON.stringify(body)).not.toContain(cookie.split(';')[0].split('=')[1]);
  });

  it('marks the cookie Secure behind a trusted TLS-terminating proxy', async () => {
    await serve({ security: { trustProxy: true } });
    const client = new ApiClient(api.url);
    client.extraHeaders = { 'x-forwarded-proto': 'https' };
    const login = await client.login('viewer', PASSWORDS.viewer);
    expect(login.headers.getSetCookie()[0]).toContain('Secure');
  });

  it('checks the CSRF token on every state-changing session request, not on token requests', async () => {
    await serve();
    const client = new ApiClient(api.url);
    await client.login('analyst', PASSWORDS.analyst);
    const me = await client.get('/api/auth/me');
    expect(me.body.csrfToken).toBe(client.csrfToken);
    const good = client.csrfToken!;
    client.csrfToken = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await client.post(`/api/items/${item.id}/review/notes`, { text: 'x' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('csrf_failed');
    client.csrfToken = good;
    expect((await client.post(`/api/items/${item.id}/review/notes`, { text: 'x' })).status).toBe(201);
    // A logout is state-changing too.
    client.sendCsrf = false;
    expect((await client.post('/api/auth/logout')).status).toBe(403);

    const { token } = workflow.auth.createToken('analyst', { name: 'script' }, { username: 'analyst', role: 'analyst' });
    expect((await ApiClient.withToken(api.url, token).post(`/api/items/${item.id}/review/notes`, { text: 'từ script' })).status).toBe(201);
  });

  it('issues a new session id at each login and ends the one the browser had', async () => {
    await serve();
    const client = new ApiClient(api.url);
    await client.login('viewer', PASSWORDS.viewer);
    const first = client.cookie!;
    await client.login('viewer', PASSWORDS.viewer);
    expect(client.cookie).not.toBe(first);
    expect((await client.get('/api/items')).status).toBe(200);
    const old = new ApiClient(api.url);
    old.cookie = first;
    expect((await old.get('/api/items')).status).toBe(401);
  });

  it('ends idle sessions', async () => {
    let now = Date.parse('2020-10-15T08:00:00Z');
    await serve({ workflow: { now: () => new Date(now), security: { idleMinutes: 30 } } });
    const client = new ApiClient(api.url);
    await client.login('viewer', PASSWORDS.viewer);
    now += 29 * 60_000;
    expect((await client.get('/api/items')).status).toBe(200);
    now += 31 * 60_000;
    const expired = await client.get('/api/items');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
  });
});

describe('headers', () => {
  it('sends helmet security headers, no-store, and no X-Powered-By', async () => {
    await serve();
    const response = await fetch(`${api.url}/api/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    // Nothing of the API is to be framed, not even by the dashboard's own origin.
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain("frame-ancestors 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it("keeps idle connections open longer than a reverse proxy does (65 s, not Node's 5 s)", async () => {
    await serve();
    const response = await fetch(`${api.url}/api/health`);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('has CORS off: no Access-Control headers for other origins, preflights included', async () => {
    await serve();
    const { token } = workflow.auth.createToken('viewer', { name: 'cors' }, { username: 'viewer', role: 'viewer' });
    const simple = await fetch(`${api.url}/api/items`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.url}/api/items/x/review/transition`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('rate limits and lockout', () => {
  it('limits login attempts per address, with Retry-After', async () => {
    await serve({ security: { rateLimits: { loginPerMinute: 3, apiPerMinute: 1000 } } });
    const client = new ApiClient(api.url);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.login(`user${i}`, 'Wrong-pass-1')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await client.login('viewer', PASSWORDS.viewer);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_logins');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits API requests per user', async () => {
    await serve({ security: { rateLimits: { loginPerMinute: 10, apiPerMinute: 5 } } });
    const client = new ApiClient(api.url);
    await client.login('viewer', PASSWORDS.viewer);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.get('/api/stats')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const other = new ApiClient(api.url);
    await other.login('analyst', PASSWORDS.analyst);
    expect((await other.get('/api/stats')).status).toBe(200);
  });

  it('answers a locked name with 429 account_locked and Retry-After', async () => {
    await serve({ workflow: { security: { lockout: { threshold: 2, baseSeconds: 90 } } } });
    const client = new ApiClient(api.url);
    expect((await client.login('analyst', 'Wrong-pass-1')).status).toBe(401);
    const locked = await client.login('analyst', 'Wrong-pass-2');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(locked.headers.get('retry-after')).toBe('90');
    expect((await client.login('analyst', PASSWORDS.analyst)).status).toBe(429);
    const admin = new ApiClient(api.url);
    await admin.login('admin', PASSWORDS.admin);
    const failures = await admin.get('/api/audit?action=auth.login_failed&targetId=analyst');
    expect(failures.body.items.map((e: { detail: { reason: string } }) => e.detail.reason)).toEqual(['locked', 'bad_password', 'bad_password']);
    expect(failures.body.items[0].ip).toBe('127.0.0.1');
  });
});

describe('API tokens', () => {
  it('issues a token once, lists it without the secret, and revokes it', async () => {
    await serve();
    const session = new ApiClient(api.url);
    await session.login('spokesperson', PASSWORDS.spokesperson);
    const issued = await session.post('/api/tokens', { name: 'báo cáo hằng ngày', role: 'viewer', expiresInDays: 30 });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ role: 'viewer', username: 'spokesperson', token: expect.stringMatching(/^mw_[\w-]{43}$/) });
    const script = ApiClient.withToken(api.url, issued.body.token);
    const me = await script.get('/api/auth/me');
    expect(me.body).toMatchObject({ role: 'viewer', via: 'token', user: { username: 'spokesperson' } });
    expect(me.body.csrfToken).toBeUndefined();
    // The viewer token cannot do what its user could.
    expect((await script.post('/api/responses', { itemId: item.id, title: 'x', body: 'y' })).status).toBe(403);
    const listed = await session.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
    expect(listed.body.tokens[0]).toMatchObject({ id: issued.body.id, prefix: issued.body.token.slice(0, 9), lastUsedAt: expect.any(String) });
    expect((await session.delete(`/api/tokens/${issued.body.id}`)).body.revokedAt).toEqual(expect.any(String));
    expect((await script.get('/api/items')).status).toBe(401);
  });

  it('does not let a user issue a token stronger than their role, or for someone else', async () => {
    await serve();
    const analyst = new ApiClient(api.url);
    await analyst.login('analyst', PASSWORDS.analyst);
    const tooHigh = await analyst.post('/api/tokens', { name: 'x', role: 'admin' });
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.body.error.parameter).toBe('role');
    expect((await analyst.post('/api/tokens', { name: 'x', role: 'spokesperson' })).status).toBe(403);
    expect((await analyst.post('/api/tokens', { name: 'x', username: 'admin' })).status).toBe(403);
    expect((await analyst.get('/api/tokens?all=true')).status).toBe(403);
    const own = await analyst.post('/api/tokens', { name: 'x' });
    expect(own.body.role).toBe('analyst');
    // Someone else's token is not found for a non-admin.
    const admin = new ApiClient(api.url);
    await admin.login('admin', PASSWORDS.admin);
    const adminToken = await admin.post('/api/tokens', { name: 'ops', username: 'viewer' });
    expect(adminToken.body).toMatchObject({ username: 'viewer', role: 'viewer' });
    expect((await analyst.delete(`/api/tokens/${adminToken.body.id}`)).status).toBe(404);
    expect((await admin.get('/api/tokens?all=true')).body.tokens).toHaveLength(2);
  });
});

describe('findings of the security probe', () => {
  it("does not let a weaker token of a user revoke that user's stronger token", async () => {
    await serve();
    const admin = new ApiClient(api.url);
    await admin.login('admin', PASSWORDS.admin);
    const strong = await admin.post('/api/tokens', { name: 'ops', role: 'admin' });
    const weak = await admin.post('/api/tokens', { name: 'read-only', role: 'viewer' });
    const viewerToken = ApiClient.withToken(api.url, weak.body.token);
    const refused = await viewerToken.delete(`/api/tokens/${strong.body.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('role_too_high');
    expect((await ApiClient.withToken(api.url, strong.body.token).get('/api/auth/me')).body.role).toBe('admin');
    // Within its own role it may act: the viewer token revokes itself.
    expect((await viewerToken.delete(`/api/tokens/${weak.body.id}`)).status).toBe(200);
  });

  it('changes passwords only in a session, and counts wrong current passwords toward the lockout', async () => {
    await serve({ workflow: { security: { lockout: { threshold: 3, baseSeconds: 60 } } } });
    const session = new ApiClient(api.url);
    await session.login('analyst', PASSWORDS.analyst);
    const issued = await session.post('/api/tokens', { name: 'script' });
    const script = ApiClient.withToken(api.url, issued.body.token);
    const byToken = await script.post('/api/auth/change-password', { currentPassword: PASSWORDS.analyst, newPassword: 'Hoa-Sen-Ialy-9' });
    expect(byToken.status).toBe(403);
    expect(byToken.body.error.code).toBe('session_required');
    const answers: number[] = [];
    for (let i = 0; i < 3; i++)
      answers.push((await session.post('/api/auth/change-password', { currentPassword: `Guess-${i}-x2020`, newPassword: 'Hoa-Sen-Ialy-9' })).status);
    expect(answers).toEqual([403, 403, 429]);
    // The name is locked for logins too.
    expect((await new ApiClient(api.url).login('analyst', PASSWORDS.analyst)).status).toBe(429);
  });

  it("shows an item's review history to viewers without colleagues' network addresses", async () => {
    await serve();
    const analyst = new ApiClient(api.url);
    await analyst.login('analyst', PASSWORDS.analyst);
    expect((await analyst.post(`/api/items/${item.id}/review/notes`, { text: 'xem lại nguồn' })).status).toBe(201);
    await analyst.post(`/api/items/${item.id}/review/transition`, { to: 'in_review', version: 0 });
    const viewer = new ApiClient(api.url);
    await viewer.login('viewer', PASSWORDS.viewer);
    const detail = await viewer.get(`/api/items/${item.id}/review`);
    expect(detail.status).toBe(200);
    expect(detail.body.history.length).toBeGreaterThan(0);
    for (const entry of detail.body.history) expect(entry).not.toHaveProperty('ip');
    expect(JSON.stringify(detail.body)).not.toContain('127.0.0.1');
    // The admin-only audit log keeps them.
    const admin = new ApiClient(api.url);
    await admin.login('admin', PASSWORDS.admin);
    const audit = await admin.get(`/api/audit?targetType=item&targetId=${item.id}`);
    expect(audit.body.items.some((entry: { ip: string | null }) => entry.ip?.includes('127.0.0.1'))).toBe(true);
  });
});

describe('request logs', () => {
  it('log each request without passwords, session ids, CSRF tokens or API tokens', async () => {
    await serve();
    const client = new ApiClient(api.url);
    await client.login('analyst', PASSWORDS.analyst);
    await client.post(`/api/items/${item.id}/review/notes`, { text: 'ghi chú' });
    await client.post('/api/auth/change-password', { currentPassword: PASSWORDS.analyst, newPassword: 'Brand-new-pass-1' });
    const issued = await client.post('/api/tokens', { name: 'log test' });
    await ApiClient.withToken(api.url, issued.body.token).get('/api/items?q=hoãn&token=oops-secret-in-url');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log = logLines.join('');
    for (const secret of [PASSWORDS.analyst, 'Brand-new-pass-1', client.cookie!.split('=')[1], client.csrfToken!, issued.body.token, 'oops-secret-in-url']) {
      expect(log).not.toContain(secret);
    }
    const entries = logLines.map((line) => JSON.parse(line) as { msg: string; method: string; url: string; status: number; user?: string });
    expect(entries.filter((e) => e.msg === 'request').map((e) => [e.method, e.url.split('?')[0], e.status])).toEqual([
      ['POST', '/api/auth/login', 200],
      ['POST', `/api/items/${item.id}/review/notes`, 201],
      ['POST', '/api/auth/change-password', 200],
      ['POST', '/api/tokens', 201],
      // "token" is not a parameter of /api/items (400), but its value must not reach the log either.
      ['GET', '/api/items', 400],
    ]);
    expect(entries[entries.length - 1]).toMatchObject({ user: 'analyst', url: expect.stringContaining('token=%5Bredacted%5D') });
    expect(redactUrl('/api/x?password=a&q=b')).toBe('/api/x?password=%5Bredacted%5D&q=b');
  });
});

describe('OpenAPI document', () => {
  it('is generated from the request schemas', async () => {
    await serve();
    const client = new ApiClient(api.url);
    expect((await client.get('/api/openapi.json')).status).toBe(401);
    await client.login('viewer', PASSWORDS.viewer);
    const { body: doc } = await client.get('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const transition = doc.paths['/api/items/{id}/review/transition'].post;
    expect(transition.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    const schema = transition.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['to', 'version']);
    expect(schema.properties.to.enum).toEqual(['new', 'in_review', 'dismissed', 'confirmed', 'response_drafted', 'responded']);
    expect(schema.additionalProperties).toBe(false);
    expect(transition.responses['409']).toBeDefined();
    const items = doc.paths['/api/items'].get.parameters as Array<{ name: string; required: boolean; schema: Record<string, unknown> }>;
    expect(items.map((p) => p.name)).toContain('status');
    expect(items.find((p) => p.name === 'pageSize')).toMatchObject({ required: false, schema: { default: '20' } });
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.components.securitySchemes.sessionCookie).toEqual({ type: 'apiKey', in: 'cookie', name: 'mw_session' });
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login).toMatchObject({ type: 'object', required: ['username', 'password'] });
  });
});
