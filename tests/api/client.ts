// A small HTTP client for API tests: keeps the session cookie and CSRF token like a browser
// (dashboard), or sends a bearer token like a script.
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  cookie?: string;
  csrfToken?: string;
  token?: string;
  /** Set to false to leave out the X-CSRF-Token header. */
  sendCsrf = true;
  extraHeaders: Record<string, string> = {};

  constructor(readonly baseUrl: string) {}

  static withToken(baseUrl: string, token: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.token = token;
    return client;
  }

  async login(username: string, password: string): Promise<Answer> {
    const answer = await this.call('POST', '/api/auth/login', { username, password });
    if (answer.status === 200) this.csrfToken = answer.body.csrfToken;
    return answer;
  }

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const sent: Record<string, string> = { ...this.extraHeaders, ...headers };
    if (body !== undefined) sent['content-type'] = 'application/json';
    if (this.token) sent.authorization = `Bearer ${this.token}`;
    if (this.cookie) sent.cookie = this.cookie;
    if (this.csrfToken && this.sendCsrf && method !== 'GET') sent['x-csrf-token'] = this.csrfToken;
    const request = () => fetch(`${this.baseUrl}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    const response = await request().catch((error: unknown) => {
      if (method === 'GET' && isResetOfReusedSocket(error)) return request();
      throw error;
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair.split('=');
      if (name === 'mw_session') this.cookie = value ? `mw_session=${value}` : undefined;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('POST', path, body);
  }
  patch<T = any>(path: string, body: unknown = {}) {
    return this.call<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.call<T>('DELETE', path);
  }
}

/**
 * A test that blocks the event loop (sorting thousands of items) past the server's keep-alive (Node's 5 s for a test
 * app started with app.listen; startServer keeps 65 s) lets the server close an idle socket just as fetch reuses it.
 * Browsers retry an idempotent request on a reset reused connection; so does this client, once, for GET only.
 */
function isResetOfReusedSocket(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return error instanceof TypeError && (cause?.code === 'ECONNRESET' || cause?.code === 'UND_ERR_SOCKET');
}
