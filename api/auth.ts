import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { rolesFor, safeEqual, type Actor, type Principal, type Role, type Workflow } from '../features/workflow/index.ts';
import { HttpError } from './validation.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Who is calling, once `authenticate` has run; undefined for anonymous requests. */
      principal?: Principal;
      /** Why credentials that were sent did not authenticate (refused on protected routes). */
      authProblem?: { code: string; message: string };
    }
  }
}

/** HTTP-only, SameSite=Strict cookie holding the session id; Secure when the request came over HTTPS. */
export const SESSION_COOKIE = 'mw_session';
/** State-changing requests made with the session cookie must echo the session's CSRF token here. */
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may call a route: nobody needs to sign in ("public"), or one of these roles. */
export type Access = 'public' | readonly Role[];

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function sessionCookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function setSessionCookie(req: Request, res: Response, sessionToken: string, expiresAt: string): void {
  res.cookie(SESSION_COOKIE, sessionToken, sessionCookieOptions(req, Math.max(0, Date.parse(expiresAt) - Date.now())));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
}

/**
 * Works out who is calling: `Authorization: Bearer <token>` (scripts), else the session cookie
 * (dashboard). Never refuses by itself; the route guards do.
 */
export function authenticate(workflow: Workflow): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const principal = match ? workflow.auth.token(match[1]) : null;
      if (principal) req.principal = principal;
      else req.authProblem = { code: 'invalid_token', message: 'the API token is unknown, revoked or expired, or its user is disabled' };
    } else {
      const sessionToken = readCookie(req, SESSION_COOKIE);
      if (sessionToken) {
        const principal = workflow.auth.session(sessionToken);
        if (principal) req.principal = principal;
        else {
          req.authProblem = { code: 'session_expired', message: 'the session has ended; sign in again' };
          clearSessionCookie(req, res);
        }
      }
    }
    next();
  };
}

/** The audit log's view of the caller. */
export function actorOf(req: Request): Actor {
  const principal = req.principal;
  if (!principal) return { username: 'anonymous', via: 'anonymous', ip: req.ip };
  return { username: principal.user.username, role: principal.role, via: principal.via, tokenId: principal.tokenId, ip: req.ip };
}

/**
 * Refuses a request unless its caller may use the route: 401 without valid credentials, 403 for
 * a missing or wrong CSRF token on a session's state-changing request, for a pending password
 * change, or for a role outside `access`.
 */
export function guard(access: Access, options: { duringPasswordChange?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (access === 'public') return next();
    const principal = req.principal;
    if (!principal) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mediawatch"');
      const problem = req.authProblem ?? { code: 'unauthenticated', message: 'sign in (POST /api/auth/login) or send "Authorization: Bearer <token>"' };
      throw new HttpError(401, problem.code, problem.message);
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.get(CSRF_HEADER);
      if (!sent || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw new HttpError(403, 'csrf_failed', `missing or wrong ${CSRF_HEADER} header (the csrfToken from POST /api/auth/login or GET /api/auth/me)`);
      }
    }
    if (principal.passwordChangeRequired && !options.duringPasswordChange) {
      throw new HttpError(403, 'password_change_required', 'your password must be changed first (POST /api/auth/change-password)');
    }
    if (!access.includes(principal.role)) {
      throw new HttpError(403, 'forbidden', `this needs the role ${access.join(' or ')}; you are signed in as ${principal.role}`);
    }
    next();
  };
}

/**
 * For routers mounted outside /api (see MountedRouter): "viewer" admits every signed-in user;
 * "analyst" and "spokesperson" admit that role and admins.
 */
export function requireRole(minimum: Role): RequestHandler {
  return guard(rolesFor(minimum));
}

/** Reads with one role, writes with another (a mounted resource router). */
export function requireRoles(read: Role, write: Role): RequestHandler {
  const readGuard = requireRole(read);
  const writeGuard = requireRole(write);
  return (req, res, next) => (SAFE_METHODS.has(req.method) ? readGuard : writeGuard)(req, res, next);
}
