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

/**
 * Sends a GET politely (our User-Agent, a timeout that also covers reading the body) and returns
 * the response unread; network failures become FetchError.
 */
export async function openResource(url: string, options: FetchOptions): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { 'user-agent': options.userAgent, ...options.headers },
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutSecs * 1000),
    });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `timed out after ${options.timeoutSecs}s`
        : (cause?.message ?? (error as Error).message);
    throw new FetchError(`${url}: ${reason}`);
  }
}

/**
 * GETs a small resource (robots.txt, sitemap) with openResource and a size cap. HTTP error
 * statuses are returned, not thrown.
 */
export async function fetchResource(url: string, options: FetchOptions): Promise<FetchedResource> {
  const response = await openResource(url, options);
  const body = response.status === 304 ? Buffer.alloc(0) : await readCapped(response, options.maxBytes, url);
  const { text } = decodeDocument(body, response.headers.get('content-type') ?? undefined);
  return { url: response.url || url, status: response.status, headers: response.headers, text };
}
