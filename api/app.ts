import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { isDiskFull } from '../core/disk.ts';
import { StoreUnavailableError } from '../pipeline/store/reconnecting.ts';
import type { Store } from '../core/types.ts';
import { ACCESS, rolesFor, WorkflowError, type Role, type Workflow } from '../features/workflow/index.ts';
import { authenticate, guard, requireRoles } from './auth.ts';
import { buildOpenApi } from './openapi.ts';
import { rateLimit } from './rate-limit.ts';
import { requestLog } from './request-log.ts';
import { defineRoute, mountRoutes, type AnyRoute } from './route.ts';
import { auditRoutes } from './routes/audit.ts';
import { checkRoutes } from './routes/check.ts';
import { authRoutes } from './routes/auth.ts';
import { clusterRoutes } from './routes/clusters.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { exportRoutes } from './routes/export.ts';
import { healthRoutes } from './routes/health.ts';
import { itemRoutes } from './routes/items.ts';
import { responseRoutes } from './routes/responses.ts';
import { reviewRoutes } from './routes/review.ts';
import { statsRoutes } from './routes/stats.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { trendsRoutes } from './routes/trends.ts';
import { userRoutes } from './routes/users.ts';
import { errorBody, HttpError } from './validation.ts';

export interface SecurityOptions {
  /** Express "trust proxy" (false: use the socket address; set it behind a TLS-terminating proxy). */
  trustProxy: boolean | number | string[];
  rateLimits: {
    /** Login attempts per client address per minute. */
    loginPerMinute: number;
    /** Requests per user (or per address before login) per minute. */
    apiPerMinute: number;
  };
}

export const DEFAULT_APP_SECURITY: SecurityOptions = {
  trustProxy: false,
  rateLimits: { loginPerMinute: 10, apiPerMinute: 600 },
};

/**
 * A router outside /api (the dashboard's pages), mounted behind the same sign-in: GET/HEAD need
 * `read` (default "viewer": any signed-in user; "public" for pages that hold no data and call
 * the API with the session cookie and the X-CSRF-Token header), other methods `write`
 * (default "admin"). API routes are never mounted this way: they are route specs (`routes`).
 */
export interface MountedRouter {
  path: string;
  router: RequestHandler;
  read?: Role | 'public';
  write?: Role;
}

export interface AppOptions {
  store: Store;
  /** Users, sessions, tokens, review state, responses, audit. */
  workflow: Workflow;
  logger?: Logger;
  security?: Partial<SecurityOptions>;
  /** API routes of modules beside the core API (sources, portal watch, item images: see modules.ts). */
  routes?: AnyRoute[];
  routers?: MountedRouter[];
}

const WORKFLOW_STATUS: Record<WorkflowError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 429,
};

/** Every route the API defines, with its access rule: the source of both the router and the OpenAPI document. */
export function apiRoutes(options: Pick<AppOptions, 'store' | 'workflow'>, loginLimiter: RequestHandler = (_req, _res, next) => next()): AnyRoute[] {
  const { store, workflow } = options;
  return [
    ...healthRoutes(store),
    ...authRoutes(workflow, loginLimiter),
    // Before /api/items/:id, which would take "export" for an id.
    ...exportRoutes(store, workflow),
    ...itemRoutes(store, workflow),
    ...statsRoutes(store),
    ...clusterRoutes(store),
    ...trendsRoutes({ store }),
    ...dashboardRoutes({ store, workflow }),
    ...reviewRoutes(workflow, store),
    ...responseRoutes(workflow),
    ...checkRoutes(workflow),
    ...userRoutes(workflow),
    ...tokenRoutes(workflow),
    ...auditRoutes(workflow),
  ];
}

/** The HTTP API: signed-in access everywhere (health and login aside), JSON errors everywhere. */
export function createApp(options: AppOptions): Express {
  const { workflow, logger } = options;
  const security: SecurityOptions = {
    ...DEFAULT_APP_SECURITY,
    ...options.security,
    rateLimits: { ...DEFAULT_APP_SECURITY.rateLimits, ...options.security?.rateLimits },
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', security.trustProxy);

  if (logger) app.use(requestLog(logger));
  // No CORS middleware: browsers on other origins get no Access-Control-Allow-* headers.
  // Nothing of mediawatch is meant to be framed, by another site or by itself (clickjacking).
  app.use(helmet({ contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } }, frameguard: { action: 'deny' } }));
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(authenticate(workflow));
  app.use(
    '/api',
    rateLimit({
      limit: security.rateLimits.apiPerMinute,
      windowMs: 60_000,
      key: (req) => (req.principal ? `user:${req.principal.user.username}` : `ip:${req.ip}`),
    }),
  );
  // Bodies are parsed only for requests within the rate limit.
  app.use(express.json({ limit: '1mb' }));
  const loginLimiter = rateLimit({
    limit: security.rateLimits.loginPerMinute,
    windowMs: 60_000,
    key: (req) => `ip:${req.ip}`,
    code: 'too_many_logins',
    message: 'too many login attempts from this address; wait a minute',
  });

  const routes = [...apiRoutes(options, loginLimiter), ...(options.routes ?? [])];
  routes.push(
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'system',
      summary: 'This OpenAPI document',
      access: ACCESS.read,
      handle: () => buildOpenApi(routes),
    }),
  );
  mountRoutes(app, routes);

  for (const mount of options.routers ?? []) {
    if (mount.path === '/api' || mount.path.startsWith('/api/'))
      throw new Error(`${mount.path}: API routes are declared with defineRoute and passed as routes, not mounted as routers`);
    const read = mount.read ?? 'viewer';
    if (read === 'public') {
      app.use(
        mount.path,
        (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : guard(rolesFor(mount.write ?? 'admin'))(req, res, next)),
        mount.router,
      );
    } else {
      app.use(mount.path, requireRoles(read, mount.write ?? 'admin'), mount.router);
    }
  }

  // Default deny: anything else under /api is refused to anonymous callers, and unknown to the rest.
  app.use('/api', guard(ACCESS.read, { duringPasswordChange: true }), (req) => {
    throw new HttpError(404, 'not_found', `no API route ${req.method} ${req.originalUrl}`);
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json(errorBody(error.code, error.message, error.parameter ? { parameter: error.parameter } : {}));
      return;
    }
    if (error instanceof WorkflowError) {
      const status = WORKFLOW_STATUS[error.kind];
      if (error.extra.retryAfterSeconds) res.setHeader('Retry-After', String(error.extra.retryAfterSeconds));
      res.status(status).json(
        errorBody(error.code, error.message, {
          ...(error.extra.field ? { parameter: error.extra.field } : {}),
          ...(error.extra.current !== undefined ? { current: error.extra.current } : {}),
          ...(error.extra.allowed ? { allowed: error.extra.allowed } : {}),
          ...(error.extra.check !== undefined ? { check: error.extra.check } : {}),
        }),
      );
      return;
    }
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // Body-parser errors (malformed JSON, payload too large) carry their own status.
      const type = (error as { type?: string }).type;
      res.status(status).json(errorBody(type === 'entity.parse.failed' ? 'invalid_json' : 'bad_request', (error as Error).message));
      return;
    }
    if (error instanceof StoreUnavailableError) {
      res.status(503).json(errorBody('store_unavailable', error.message));
      return;
    }
    if (isDiskFull(error)) {
      // Reads go on working on a full disk; only this change is refused, and said so plainly.
      logger?.error({ err: error, method: req.method, url: req.originalUrl.split('?')[0] }, 'request refused: disk full');
      res
        .status(507)
        .json(
          errorBody('disk_full', "the server's disk is full: the change was not saved. Reading still works; try again once space has been freed on the server"),
        );
      return;
    }
    logger?.error({ err: error, method: req.method, url: req.originalUrl.split('?')[0] }, 'request failed');
    res.status(500).json(errorBody('internal_error', 'internal error; the server log has the details'));
  };
  app.use(onError);
  return app;
}

/** The app's security options from the config file (`security`). */
export function appSecurityFromConfig(config: {
  security: { trustProxy: boolean | number | string[]; rateLimits: SecurityOptions['rateLimits'] };
}): SecurityOptions {
  return { trustProxy: config.security.trustProxy, rateLimits: { ...config.security.rateLimits } };
}
