import { z } from 'zod';
import { ACCESS, ROLES, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError, query } from '../validation.ts';

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const newTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100).describe('what the token is for ("nightly export")'),
    role: z.enum(ROLES).optional().describe('default: your role; only admins may choose a role other than their own or viewer'),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
    username: z.string().min(1).max(64).optional().describe('admins only: issue the token for another user'),
  })
  .strict();

/** API tokens for scripts: hashed at rest, shown once, revocable. */
export function tokenRoutes(workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/tokens',
      tag: 'tokens',
      summary: 'My API tokens (all tokens with all=true, admins)',
      access: ACCESS.read,
      query: z.object({ all: query.boolean.optional() }).strict(),
      responses: { 200: { description: 'tokens (never the secret)', schema: z.object({ tokens: z.array(tokenSchema) }) } },
      handle: ({ query: q, principal }) => {
        if (q.all && principal!.role !== 'admin') throw new HttpError(403, 'forbidden', 'all=true is for admins', 'all');
        return { tokens: workflow.auth.listTokens(q.all ? undefined : principal!.user.username) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tokens',
      tag: 'tokens',
      summary: 'Issue an API token (the secret is shown only in this answer)',
      access: ACCESS.read,
      body: newTokenBody,
      status: 201,
      responses: { 201: { description: 'issued', schema: tokenSchema.extend({ token: z.string() }) } },
      handle: ({ body, principal, actor }) => {
        const owner = body.username ?? principal!.user.username;
        if (body.username && principal!.role !== 'admin' && owner !== principal!.user.username) {
          throw new HttpError(403, 'forbidden', 'only admins issue tokens for other users', 'username');
        }
        // A token may not outrank the credentials that issue it.
        if (principal!.via === 'token' && body.role && body.role !== principal!.role && principal!.role !== 'admin' && body.role !== 'viewer') {
          throw new HttpError(403, 'role_too_high', `role: a ${principal!.role} token may issue ${principal!.role} or viewer tokens only`, 'role');
        }
        const { token, info } = workflow.auth.createToken(
          owner,
          { name: body.name, role: body.role ?? (principal!.via === 'token' ? principal!.role : undefined), expiresInDays: body.expiresInDays },
          actor,
        );
        return { ...info, token };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/tokens/:id',
      tag: 'tokens',
      summary: 'Revoke a token (yours, or any as admin)',
      access: ACCESS.read,
      params: z.object({ id: z.string().min(1).max(64) }).strict(),
      responses: { 200: { description: 'revoked', schema: tokenSchema } },
      handle: ({ params, actor }) => workflow.auth.revokeToken(params.id, actor),
    }),
  ];
}
