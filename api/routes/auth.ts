import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ACCESS, PASSWORD_POLICY, type Workflow } from '../../features/workflow/index.ts';
import { clearSessionCookie, setSessionCookie } from '../auth.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

const loginBody = z
  .object({
    username: z.string().min(1, 'must not be empty').max(100),
    password: z.string().min(1, 'must not be empty').max(1000),
  })
  .strict();

const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'must not be empty').max(1000),
    newPassword: z.string().min(1, 'must not be empty').max(1000).describe('more than 8 characters, with upper case, lower case and digits'),
  })
  .strict();

export const userSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(['admin', 'analyst', 'spokesperson', 'viewer']),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string(),
  passwordExpiresAt: z.string(),
  passwordExpired: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const sessionSchema = z.object({
  user: userSchema,
  role: z.string(),
  via: z.enum(['session', 'token']),
  csrfToken: z.string().optional().describe(`send it back as X-CSRF-Token on POST/PATCH/PUT/DELETE`),
  passwordChangeRequired: z.boolean(),
  reason: z.enum(['expired', 'reset']).optional(),
  expiresAt: z.string().optional(),
});

const policy = {
  minLength: PASSWORD_POLICY.minLength,
  requires: ['upper case', 'lower case', 'digit'],
  maxAgeMonths: PASSWORD_POLICY.maxAgeMonths,
};

/** Sign in and out, who am I, change my password. */
export function authRoutes(workflow: Workflow, loginLimiter: RequestHandler): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Sign in: sets the session cookie, returns the CSRF token',
      description:
        'Failed attempts count against the name; after too many the name is locked (429 account_locked, with Retry-After) ' +
        'and each further failure doubles the lock. If the password was reset by an admin or is older than 6 months, ' +
        'passwordChangeRequired is true and only /api/auth/* answers until it is changed.',
      access: 'public',
      body: loginBody,
      before: [loginLimiter],
      responses: {
        200: { description: 'signed in', schema: sessionSchema },
        401: { description: 'wrong name or password' },
        429: { description: 'locked, or too many attempts from this address' },
      },
      handle: async ({ req, res, body }) => {
        const result = await workflow.auth.login(body.username, body.password, { ip: req.ip, userAgent: req.get('user-agent') });
        // A new session id at every login; the one the browser had before ends.
        if (req.principal?.sessionHash) workflow.auth.endSession(req.principal.sessionHash);
        setSessionCookie(req, res, result.sessionToken, result.expiresAt);
        return {
          user: result.user,
          role: result.user.role,
          via: 'session',
          csrfToken: result.csrfToken,
          expiresAt: result.expiresAt,
          passwordChangeRequired: result.passwordChangeRequired,
          ...(result.reason ? { reason: result.reason } : {}),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      summary: 'Sign out (ends the session)',
      access: ACCESS.read,
      duringPasswordChange: true,
      responses: { 204: { description: 'signed out' } },
      handle: ({ req, res, principal, actor }) => {
        workflow.auth.logout(principal!, actor);
        clearSessionCookie(req, res);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'Who is signed in, their role, and the CSRF token of the session',
      access: ACCESS.read,
      duringPasswordChange: true,
      responses: { 200: { description: 'the caller', schema: sessionSchema } },
      handle: ({ principal }) => ({
        user: principal!.user,
        role: principal!.role,
        via: principal!.via,
        ...(principal!.csrfToken ? { csrfToken: principal!.csrfToken } : {}),
        passwordChangeRequired: principal!.passwordChangeRequired,
        ...(principal!.passwordChangeRequired ? { reason: principal!.user.mustChangePassword ? 'reset' : 'expired' } : {}),
        passwordPolicy: policy,
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/change-password',
      tag: 'auth',
      summary: 'Change my password (ends my other sessions)',
      access: ACCESS.read,
      duringPasswordChange: true,
      body: changePasswordBody,
      description: 'Needs a dashboard session, not an API token; wrong current passwords count toward the lockout like failed logins.',
      responses: {
        200: { description: 'changed', schema: userSchema },
        403: { description: 'wrong current password, or called with an API token' },
        429: { description: 'too many wrong passwords for this name' },
      },
      handle: async ({ principal, body, actor }) => {
        if (principal!.via !== 'session') throw new HttpError(403, 'session_required', 'sign in to change your password; API tokens cannot change it');
        return workflow.auth.changePassword(principal!.user.username, body.currentPassword, body.newPassword, actor, principal!.sessionHash);
      },
    }),
  ];
}
