import { decodeDocument } from './charset.ts';

export interface FetchOptions {
  userAgent: string;
  timeoutSecs: number;
  maxBytes: number;
  /** Extra request headers, e.g. If-None-Match for conditional GET. */
  headers?: Record<string, string>;
}

export interface FetchedResource {
  /** Final URL after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Decoded body (empty for 304). */
  text: string;
}

/** A fetch failure with a reason worded for the crawl report. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/** Socket-level failures, by Node/undici error code or message, in words an analyst reads. */
const NETWORK_FAILURES: Array<[RegExp, string]> = [
  // Checked before ECONNRESET: Node tags a connection closed before any answer with that code too.
  [/socket hang up|other side closed/i, 'connection closed by the server without an answer'],
  [/ECONNRESET/, 'connection reset by peer'],
  [/ECONNREFUSED/, 'connection refused'],
  [/ENOTFOUND|EAI_AGAIN/, 'host name not found'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/, 'connection timed out'],
  [/EPIPE/, 'connection closed while sending (broken pipe)'],
  [/EHOSTUNREACH|ENETUNREACH/, 'host unreachable'],
];

/** Codes and messages of an error and everything it wraps (cause chains, AggregateError). */
function errorTexts(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const own = [code, message].filter((text): text is string => typeof text === 'string');
  const nested = [cause, ...(Array.isArray(errors) ? errors : [])].flatMap((inner) => errorTexts(inner, depth + 1));
  return [...own, ...nested];
}

/** "connection reset by peer", "connection refused"…, or undefined when the error is not a socket failure. */
export function networkFailure(error: unknown): string | undefined {
  const texts = errorTexts(error).join('\n');
  return NETWORK_FAILURES.find(([pattern]) => pattern.test(texts))?.[1];
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError(`${url}: response is ${declared} bytes, over the ${maxBytes}-byte cap`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new FetchError(`${url}: response exceeds the ${maxBytes}-byte cap`);
      }
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

/** Why a request or a body read failed, in words for the crawl report. */
export function failureReason(error: unknown, timeoutSecs: number): string {
  const cause = (error as { cause?: Error }).cause;
  return (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutSecs}s` : (networkFailure(error) ?? cause?.message ?? (error as Error).message);
}

function fetchFailure(url: string, error: unknown, timeoutSecs: number): FetchError {
  return error instanceof FetchError ? error : new FetchError(`${url}: ${failureReason(error, timeoutSecs)}`);
}

/**
 * Sends a GET politely (our User-Agent, one deadline that covers connecting, the headers and the
 * whole body) and returns the response unread; network failures become FetchError. A body read
 * that fails is worded with failureReason.
 */
export async function openResource(url: string, options: FetchOptions): Promise<Response> {
  const signal = AbortSignal.timeout(options.timeoutSecs * 1000);
  try {
    return await fetch(url, { headers: { 'user-agent': options.userAgent, ...options.headers }, redirect: 'follow', signal });
  } catch (error) {
    throw fetchFailure(url, error, options.timeoutSecs);
  }
}

/**
 * GETs a small resource (robots.txt, sitemap) with openResource and a size cap. HTTP error
 * statuses are returned, not thrown.
 */
export async function fetchResource(url: string, options: FetchOptions): Promise<FetchedResource> {
  const response = await openResource(url, options);
  try {
    const body = response.status === 304 ? Buffer.alloc(0) : await readCapped(response, options.maxBytes, url);
    const { text } = decodeDocument(body, response.headers.get('content-type') ?? undefined);
    return { url: response.url || url, status: response.status, headers: response.headers, text };
  } catch (error) {
    throw fetchFailure(url, error, options.timeoutSecs);
  }
}

/**
 * How long a response says it stays fresh (Cache-Control max-age, else Expires minus Date), in
 * ms; 0 for no-cache/no-store/must-revalidate-now, undefined when it says nothing usable.
 */
export function freshnessMs(headers: Headers, now = Date.now()): number | undefined {
  const cacheControl = headers.get('cache-control')?.toLowerCase() ?? '';
  if (/(^|,)\s*(no-cache|no-store)\b/.test(cacheControl)) return 0;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)/.exec(cacheControl);
  if (maxAge) return Number(maxAge[1]) * 1000;
  const expires = headers.get('expires');
  if (!expires) return undefined;
  const expiresAt = Date.parse(expires);
  // An invalid Expires ("0", "-1") means already expired (RFC 9111 §5.3).
  if (Number.isNaN(expiresAt)) return 0;
  const date = Date.parse(headers.get('date') ?? '');
  return Math.max(0, expiresAt - (Number.isNaN(date) ? now : date));
}

/** GETs a binary resource (an image, a PDF) with openResource and a size cap; an HTTP error status is thrown as a FetchError. */
export async function fetchBytes(url: string, options: FetchOptions): Promise<{ url: string; contentType?: string; bytes: Buffer }> {
  const response = await openResource(url, options);
  if (response.status >= 400) {
    await response.body?.cancel();
    throw new FetchError(`${url}: HTTP ${response.status}`);
  }
  try {
    const bytes = await readCapped(response, options.maxBytes, url);
    return { url: response.url || url, contentType: response.headers.get('content-type') ?? undefined, bytes };
  } catch (error) {
    throw fetchFailure(url, error, options.timeoutSecs);
  }
}
