import { setTimeout as sleep } from 'node:timers/promises';
import { fetchResource, FetchError, type FetchedResource, type FetchOptions } from '../fetch.ts';
import type { HostRateLimiter } from '../politeness.ts';

/** An HTTP answer that is not a success and not worth retrying (4xx other than 429, or retries spent). */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${url}: HTTP ${status}${detail ? ` (${detail})` : ''}`);
  }
}

/** The network asked us to wait longer than this crawl is willing to. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
}

/** A body that is not what the endpoint documents (truncated JSON, an HTML error page, a wrong shape). */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

export interface SocialHttpOptions {
  fetchOptions: FetchOptions;
  limiter: HostRateLimiter;
  /** Requests per minute to the network's host (its documented limit or a polite share of it). */
  requestsPerMinute: number;
  /** Retries after a 429, a 5xx or a network failure. */
  maxRetries: number;
  /** Longest wait (Retry-After, rate-limit reset) accepted before giving up. */
  maxWaitSecs: number;
  /** First backoff step after a 5xx or network failure; doubles each retry. */
  backoffBaseMs?: number;
  /** Called for every HTTP answer received (the report counts fetches). */
  onResponse?: (url: string, status: number) => void;
}

/** Earliest next request per host, learned from 429s and rate-limit headers; shared by all sources of a process. */
const hostGates = new Map<string, number>();

/** Seconds to wait from a Retry-After value (delta-seconds or an HTTP date); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/**
 * When a response says the quota is spent (X-RateLimit-* on Mastodon and Reddit, RateLimit-* on
 * Bluesky), the instant it resets. Reset values come as seconds from now (Reddit), epoch seconds
 * (Bluesky) or an ISO date (Mastodon).
 */
export function quotaResetAt(headers: Headers, now = Date.now()): number | undefined {
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset');
  if (remaining === null || reset === null) return undefined;
  if (Number(remaining) >= 1) return undefined;
  const trimmed = reset.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const number = Number(trimmed);
    return number > 1e9 ? number * 1000 : now + number * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : date;
}

/** A short reason from an error body: Mastodon {"error"}, XRPC {"error","message"}, Reddit {"message"}. */
function errorDetail(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const parts = [body.error, body.message].filter((part) => typeof part === 'string' && part);
    if (parts.length) return parts.join(': ');
  } catch {
    // not JSON
  }
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

/**
 * GETs for the social connectors: spaced per host, retried with exponential backoff on 5xx and
 * network failures, and waiting out 429s for as long as Retry-After says (up to `maxWaitSecs`).
 */
export class SocialHttp {
  constructor(private readonly options: SocialHttpOptions) {}

  private async waitForGate(url: string): Promise<void> {
    const host = new URL(url).host;
    const gate = hostGates.get(host);
    if (!gate) return;
    const wait = gate - Date.now();
    if (wait <= 0) {
      hostGates.delete(host);
      return;
    }
    if (wait > this.options.maxWaitSecs * 1000) {
      throw new RateLimitedError(
        `${url}: ${host} asked us to wait until ${new Date(gate).toISOString()}, longer than maxWaitSecs (${this.options.maxWaitSecs}s); left for the next run`,
      );
    }
    await sleep(wait);
  }

  private backoff(attempt: number): number {
    const base = this.options.backoffBaseMs ?? 1000;
    return base * 2 ** attempt + Math.floor(Math.random() * (base / 4));
  }

  /** Returns a 2xx or 304 answer; throws HttpStatusError, RateLimitedError or FetchError otherwise. */
  async get(url: string, headers: Record<string, string> = {}): Promise<FetchedResource> {
    const { maxRetries, maxWaitSecs } = this.options;
    const host = new URL(url).host;
    for (let attempt = 0; ; attempt++) {
      await this.waitForGate(url);
      await this.options.limiter.acquire(url, this.options.requestsPerMinute);
      let response: FetchedResource;
      try {
        response = await fetchResource(url, { ...this.options.fetchOptions, headers: { ...this.options.fetchOptions.headers, ...headers } });
      } catch (error) {
        if (error instanceof FetchError && attempt < maxRetries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw error;
      }
      this.options.onResponse?.(url, response.status);
      const resetAt = quotaResetAt(response.headers);
      if (resetAt !== undefined) hostGates.set(host, Math.max(resetAt, hostGates.get(host) ?? 0));

      if ((response.status >= 200 && response.status < 300) || response.status === 304) return response;

      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status === 429 || (response.status >= 500 && response.status < 600)) {
        if (retryAfter !== undefined && retryAfter > maxWaitSecs) {
          hostGates.set(host, Date.now() + retryAfter * 1000);
          throw new RateLimitedError(
            `${url}: HTTP ${response.status}, Retry-After ${Math.round(retryAfter)}s is longer than maxWaitSecs (${maxWaitSecs}s); left for the next run`,
          );
        }
        if (attempt < maxRetries) {
          const wait = retryAfter !== undefined ? retryAfter * 1000 : resetAt !== undefined ? Math.max(0, resetAt - Date.now()) : this.backoff(attempt);
          if (wait > maxWaitSecs * 1000)
            throw new RateLimitedError(
              `${url}: HTTP ${response.status}, rate limit resets in ${Math.round(wait / 1000)}s, longer than maxWaitSecs; left for the next run`,
            );
          await sleep(wait);
          continue;
        }
        const tries = attempt + 1;
        throw new HttpStatusError(
          url,
          response.status,
          `${errorDetail(response.text)}${errorDetail(response.text) ? '; ' : ''}gave up after ${tries} attempt${tries > 1 ? 's' : ''}`,
        );
      }
      throw new HttpStatusError(url, response.status, errorDetail(response.text));
    }
  }

  /** GET + JSON.parse; a body that is not JSON is a MalformedResponseError. */
  async getJson(url: string): Promise<{ data: unknown; response: FetchedResource }> {
    const response = await this.get(url, { accept: 'application/json' });
    try {
      return { data: JSON.parse(response.text), response };
    } catch (error) {
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new MalformedResponseError(`${url}: malformed JSON (${type}): ${(error as Error).message}`);
    }
  }
}
