import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const SECRET_PARAM = /token|password|passwd|secret|key|csrf|session|auth/i;

/** The request URL with the values of secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  const index = url.indexOf('?');
  if (index < 0) return url;
  const params = new URLSearchParams(url.slice(index + 1));
  for (const key of new Set(params.keys())) if (SECRET_PARAM.test(key)) params.set(key, '[redacted]');
  return `${url.slice(0, index)}?${params.toString()}`;
}

/**
 * One log line per request: method, URL (secret-looking parameters redacted), status, time, who.
 * Headers and bodies are never logged, so passwords, cookies and tokens stay out of the logs.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const principal = req.principal;
      logger.info(
        {
          method: req.method,
          url: redactUrl(req.originalUrl),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          ip: req.ip,
          ...(principal ? { user: principal.user.username, via: principal.tokenId ? `token:${principal.tokenId}` : principal.via } : {}),
        },
        'request',
      );
    });
    next();
  };
}
