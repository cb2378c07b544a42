// The API as the dashboard calls it: the session cookie goes by itself (same origin, HttpOnly),
// the CSRF token of the session goes in X-CSRF-Token on every state-changing request.
const SAFE = new Set(['GET', 'HEAD']);
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? `http_${status}`;
    this.parameter = error.parameter;
    this.current = error.current;
    /** The check's verdict when a publication is held (held_by_check). */
    this.check = error.check;
    this.retryAfter = null;
  }
}

export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

/** Where to go after signing in: only this site's own paths. */
export function safeNext(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}

export function toLogin() {
  const next = `${location.pathname}${location.search}`;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

export async function request(method, path, body, { redirectOn401 = true } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const error = new ApiError(response.status, typeof payload === 'object' ? payload : null);
    error.retryAfter = response.headers.get('retry-after');
    if (response.status === 401 && redirectOn401) toLogin();
    throw error;
  }
  return payload;
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body = {}, options) => request('POST', path, body, options),
  patch: (path, body = {}, options) => request('PATCH', path, body, options),
};

/** "?a=1&b=2" from an object, leaving out empty values. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
