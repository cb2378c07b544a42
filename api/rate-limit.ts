import type { Request, RequestHandler } from 'express';
import { HttpError } from './validation.ts';

export interface RateLimitOptions {
  /** Requests allowed per key per window. */
  limit: number;
  windowMs: number;
  key(req: Request): string;
  code?: string;
  message?: string;
  now?: () => number;
}

/**
 * Fixed-window request counting per key (client address, user), in memory: one process serves
 * the API. Over the limit → 429 with Retry-After.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const time = now();
    if (windows.size > 10_000) {
      for (const [key, window] of windows) if (window.resetAt <= time) windows.delete(key);
    }
    const key = options.key(req);
    let window = windows.get(key);
    if (!window || window.resetAt <= time) {
      window = { count: 0, resetAt: time + options.windowMs };
      windows.set(key, window);
    }
    window.count++;
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - time) / 1000));
    res.setHeader('RateLimit-Limit', String(options.limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.limit - window.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count > options.limit) {
      res.setHeader('Retry-After', String(resetSeconds));
      throw new HttpError(429, options.code ?? 'rate_limited', options.message ?? `too many requests; try again in ${resetSeconds} s`);
    }
    next();
  };
}
