// The API as the dashboard calls it: the session cookie goes by itself (same origin, HttpOnly),
// the CSRF token of the session goes in X-CSRF-Token on every state-changing request.
const SAFE = new Set(['GET', 'HEAD']);
/** @type {string | null} */
let csrfToken = null;

/** An API error answer ({ error: { code, message, ... } }) or an HTTP failure without one. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ error?: { code?: string, message?: string, parameter?: string, current?: unknown, check?: unknown } } | null} body
   */
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? `http_${status}`;
    this.parameter = error.parameter;
    this.current = error.current;
    /** The check's verdict when a publication is held (held_by_check). */
    this.check = error.check;
    /** @type {string | null} seconds to wait, from Retry-After */
    this.retryAfter = null;
  }
}

/** @param {string | null | undefined} token */
export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

/**
 * Where to go after signing in: only this site's own paths.
 * @param {unknown} value
 * @returns {string}
 */
export function safeNext(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}

export function toLogin() {
  const next = `${location.pathname}${location.search}`;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

/** @typedef {{ redirectOn401?: boolean }} RequestOptions */

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body] sent as JSON
 * @param {RequestOptions} [options]
 * @returns {Promise<any>} the parsed JSON answer (text when not JSON, null for 204)
 */
export async function request(method, path, body, { redirectOn401 = true } = {}) {
  /** @type {Record<string, string>} */
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
  /** @type {(path: string, options?: RequestOptions) => Promise<any>} */
  get: (path, options) => request('GET', path, undefined, options),
  /** @type {(path: string, body?: unknown, options?: RequestOptions) => Promise<any>} */
  post: (path, body = {}, options) => request('POST', path, body, options),
  /** @type {(path: string, body?: unknown, options?: RequestOptions) => Promise<any>} */
  patch: (path, body = {}, options) => request('PATCH', path, body, options),
};

/**
 * "?a=1&b=2" from an object, leaving out empty values.
 * @param {Record<string, unknown>} params
 */
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
