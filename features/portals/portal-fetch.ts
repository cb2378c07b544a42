// Fetching a portal page for its fingerprint: redirects are followed by hand (only within the
// site; an off-site hop is reported, not followed), bodies are decoded like the crawler does,
// and an https portal with a private CA can be given its CA.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { decodeDocument } from '../../crawlers/charset.ts';
import { sameHost } from '../../crawlers/urls.ts';

export interface PageFetchOptions {
  userAgent: string;
  timeoutSecs: number;
  maxBytes: number;
  /** Extra trusted CA certificates (PEM) for https. */
  ca?: string;
  /** Same-site redirects followed (default 5). */
  maxRedirects?: number;
  /** Called before every request, redirects included (rate limit, robots). Returns false to stop: the page is then reported as disallowed. */
  beforeRequest?: (url: string) => Promise<boolean>;
}

export interface PageResponse {
  /** The URL asked for. */
  url: string;
  /** Where the last same-site hop landed. */
  finalUrl: string;
  status: number;
  contentType?: string;
  /** Decoded text (HTML pages); bytes for everything (favicon hashing). */
  text: string;
  body: Buffer;
  /** Set when a redirect pointed at another host (then `status` is that redirect's status). */
  offsiteRedirect?: string;
  /** Set when `beforeRequest` refused a hop (robots.txt). */
  disallowed?: string;
}

export class PageFetchError extends Error {
  override name = 'PageFetchError';
}

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function decompress(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').toLowerCase().trim()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function getOnce(url: string, options: PageFetchOptions): Promise<RawResponse> {
  const parsed = new URL(url);
  const request = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error instanceof PageFetchError ? error : new PageFetchError(error.message));
    };
    const req = request(
      parsed,
      {
        method: 'GET',
        headers: { 'user-agent': options.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' },
        timeout: options.timeoutSecs * 1000,
        // Certificates are judged by the TLS check (expiry, hostname, trust), which reports them;
        // the pages of a portal with a broken certificate are still worth fingerprinting.
        rejectUnauthorized: false,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const stream = decompress(response);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            stream.destroy();
            fail(new PageFetchError(`response exceeds the ${options.maxBytes}-byte cap`));
            return;
          }
          chunks.push(chunk);
        });
        stream.once('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
        });
        stream.once('error', fail);
        response.once('error', fail);
      },
    );
    req.once('timeout', () => fail(new PageFetchError(`timed out after ${options.timeoutSecs}s`)));
    req.once('error', (error: NodeJS.ErrnoException) =>
      fail(new PageFetchError(error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message)),
    );
    req.end();
  });
}

/** GETs a page, following same-site redirects; network failures throw PageFetchError. */
export async function fetchPage(url: string, options: PageFetchOptions): Promise<PageResponse> {
  const maxRedirects = options.maxRedirects ?? 5;
  let current = url;
  for (let hop = 0; ; hop++) {
    if (options.beforeRequest && !(await options.beforeRequest(current))) {
      return { url, finalUrl: current, status: 0, text: '', body: Buffer.alloc(0), disallowed: current };
    }
    const raw = await getOnce(current, options);
    const location = raw.headers.location;
    if (raw.status >= 300 && raw.status < 400 && location) {
      let target: string;
      try {
        target = new URL(location, current).href;
      } catch {
        throw new PageFetchError(`redirect to an invalid URL "${location}"`);
      }
      if (!sameHost(target, url) || !/^https?:$/.test(new URL(target).protocol)) {
        return { url, finalUrl: current, status: raw.status, text: '', body: raw.body, offsiteRedirect: target };
      }
      if (hop >= maxRedirects) throw new PageFetchError(`more than ${maxRedirects} redirects`);
      current = target;
      continue;
    }
    const contentType = raw.headers['content-type'];
    const html = /html|xml/i.test(contentType ?? '') || (!contentType && /^\s*</.test(raw.body.subarray(0, 200).toString('latin1')));
    const text = html ? decodeDocument(raw.body, contentType).text : '';
    return { url, finalUrl: current, status: raw.status, contentType, text, body: raw.body };
  }
}
