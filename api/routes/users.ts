import { z } from 'zod';
import { ACCESS, ROLES, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';
import { userSchema } from './auth.ts';

const usernameParams = z.object({ username: z.string().min(1).max(64) }).strict();

const newUserBody = z
  .object({
    username: z.string().min(2).max(64),
    role: z.enum(ROLES),
    password: z.string().min(1).max(1000).describe('temporary: the user must change it at first login unless mustChangePassword is false'),
    displayName: z.string().trim().min(1).max(200).optional(),
    mustChangePassword: z.boolean().default(true),
  })
  .strict();

const userChangesBody = z
  .object({
    role: z.enum(ROLES).optional(),
    displayName: z.string().trim().min(1).max(200).nullable().optional(),
    disabled: z.boolean().optional().describe("disabling ends the user's sessions and stops their tokens"),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'give role, displayName or disabled' });

const resetBody = z
  .object({
    password: z.string().min(1).max(1000),
    mustChangePassword: z.boolean().default(true),
  })
  .strict();

/** User administration (admins). */
export function userRoutes(workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      tag: 'users',
      summary: 'All users',
      access: ACCESS.admin,
      responses: { 200: { description: 'users', schema: z.object({ users: z.array(userSchema) }) } },
      handle: () => ({ users: workflow.users.list() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      tag: 'users',
      summary: 'Create a user',
      access: ACCESS.admin,
      body: newUserBody,
      status: 201,
      responses: { 201: { description: 'created', schema: userSchema }, 409: { description: 'the name is taken' } },
      handle: ({ body, actor }) => workflow.users.create(body, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:username',
      tag: 'users',
      summary: 'One user',
      access: ACCESS.admin,
      params: usernameParams,
      responses: { 200: { description: 'the user', schema: userSchema } },
      handle: ({ params }) => {
        const user = workflow.users.get(params.username);
        if (!user) throw new HttpError(404, 'not_found', `no user "${params.username}"`);
        return user;
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:username',
      tag: 'users',
      summary: 'Change role, display name, or disable/enable a user',
      access: ACCESS.admin,
      params: usernameParams,
      body: userChangesBody,
      responses: { 200: { description: 'updated', schema: userSchema }, 409: { description: 'would leave no active admin' } },
      handle: ({ params, body, actor }) => workflow.users.update(params.username, body, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:username/reset-password',
      tag: 'users',
      summary: "Set a new (temporary) password; ends the user's sessions",
      access: ACCESS.admin,
      params: usernameParams,
      body: resetBody,
      responses: { 200: { description: 'reset', schema: userSchema } },
      handle: ({ params, body, actor }) => workflow.users.resetPassword(params.username, body.password, actor, { mustChange: body.mustChangePassword }),
    }),
  ];
}
