import { z } from 'zod';
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { orderedRange, query } from '../validation.ts';

const auditQuery = orderedRange(
  z
    .object({
      actor: query.text(100).optional(),
      action: query.text(100).optional().describe('exact ("review.transition") or a prefix with * ("review.*")'),
      targetType: z.enum(['item', 'user', 'token', 'response', 'labels', 'portal', 'portal_incident']).optional(),
      targetId: query.text(300).optional(),
      from: query.date.optional(),
      to: query.date.optional(),
      page: query.int(1, 100_000).default('1'),
      pageSize: query.int(1, 500).default('50'),
    })
    .strict(),
);

/** The audit log (admins). */
export function auditRoutes(workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      tag: 'audit',
      summary: 'Audit log, newest first: who, when, what, before → after',
      access: ACCESS.admin,
      query: auditQuery,
      handle: ({ query: q }) => workflow.audit.query(q),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      tag: 'audit',
      summary: "Check the audit log's hash chain (detects edits made around the database triggers)",
      access: ACCESS.admin,
      handle: () => workflow.audit.verify(),
    }),
  ];
}
