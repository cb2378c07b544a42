import type { Express, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Actor, Principal } from '../features/workflow/index.ts';
import { actorOf, guard, type Access } from './auth.ts';
import { parseInput } from './validation.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodTypeAny;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  /** The caller as the audit log records it. */
  actor: Actor;
}

/**
 * One API operation: who may call it, what it accepts (zod: validated before the handler runs,
 * and the source of the OpenAPI document) and what it does. A returned value is sent as JSON;
 * a handler that writes the response itself returns nothing.
 */
export interface RouteSpec<P extends z.ZodTypeAny = z.ZodTypeAny, Q extends z.ZodTypeAny = z.ZodTypeAny, B extends z.ZodTypeAny = z.ZodTypeAny> {
  method: Method;
  /** Express-style, from the root: "/api/items/:id". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Still callable while the caller must change their password (me, logout, change-password). */
  duringPasswordChange?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Status for a returned value; default 200. */
  status?: number;
  responses?: Record<number, ResponseDoc>;
  /** Extra middleware after the access check (e.g. the login rate limit). */
  before?: RequestHandler[];
  handle(context: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>): unknown;
}

export type AnyRoute = RouteSpec<any, any, any>;

export function defineRoute<P extends z.ZodTypeAny = z.ZodTypeAny, Q extends z.ZodTypeAny = z.ZodTypeAny, B extends z.ZodTypeAny = z.ZodTypeAny>(
  spec: RouteSpec<P, Q, B>,
): AnyRoute {
  return spec as AnyRoute;
}

/** Registers routes on the app: access check → validation → handler. */
export function mountRoutes(app: Express, routes: AnyRoute[]): void {
  for (const route of routes) {
    const handler: RequestHandler = async (req, res) => {
      const params = route.params ? parseInput(route.params, req.params) : req.params;
      const query = route.query ? parseInput(route.query, req.query) : req.query;
      const body = route.body ? parseInput(route.body, req.body) : undefined;
      const result = await route.handle({ req, res, params, query, body, principal: req.principal, actor: actorOf(req) });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(route.status ?? 200).json(result);
    };
    app[route.method](route.path, guard(route.access, { duringPasswordChange: route.duringPasswordChange }), ...(route.before ?? []), handler);
  }
}

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route Express will dispatch to, walked from the app's own router stack (so the routers
 * mounted outside /api are included): method and full path. The route-authorisation test walks
 * it to prove that every API route is a route spec, documented with its roles.
 */
export function listRoutes(app: Express): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = joinPath(prefix, layer.route.path);
        for (const [method, enabled] of Object.entries(layer.route.methods)) {
          if (enabled && method !== '_all') found.push({ method: method.toUpperCase(), path });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, joinPath(prefix, layer.rawPath ?? ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

function joinPath(prefix: string, path: string): string {
  if (!path || path === '/') return prefix || '/';
  return `${prefix.replace(/\/$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}
