import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { ACCESS, PRIORITIES, REVIEW_STATUSES, withCurrentDecisions, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { query } from '../validation.ts';
import { itemIdParams, MAX_PAGE_SIZE } from './items.ts';

const reviewSchema = z.object({
  itemId: z.string(),
  status: z.enum(REVIEW_STATUSES),
  version: z.number().int().describe('send it back with your next change; a stale one gets 409'),
  assignee: z.string().nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  tags: z.array(z.string()),
  reason: z.string().nullable(),
  congressLabel: z.boolean().nullable(),
  clusterId: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

const version = z.number().int().min(0).describe('the review version you last saw');

const transitionBody = z
  .object({
    to: z.enum(REVIEW_STATUSES),
    version,
    reason: z.string().trim().min(1).max(2000).optional().describe('required when dismissing (why it is a false positive) and when reopening'),
    congress: z.boolean().optional().describe('when dismissing: is the item about the congresses at all (for the labels export); default: as classified'),
  })
  .strict();

const assignBody = z
  .object({
    assignee: z.string().min(1).max(64).nullable().describe('a user name, or null to unassign'),
    version,
  })
  .strict();

const updateBody = z
  .object({
    priority: z.enum(PRIORITIES).nullable().optional(),
    tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
    version,
  })
  .strict()
  .refine((body) => body.priority !== undefined || body.tags !== undefined, { message: 'give priority or tags', path: ['priority'] });

const noteBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(5000) }).strict();

const queueQuery = z
  .object({
    status: query.list(REVIEW_STATUSES).default('new,in_review'),
    assignee: query.text(64).optional().describe('user name, or "me"'),
    flagged: query.boolean.default('true'),
    source: query.text(100).optional(),
    clusterId: query.text(100).optional(),
    sort: z.enum(['newest', 'oldest', 'distortion']).default('distortion'),
    page: query.int(1, 100_000).default('1'),
    pageSize: query.int(1, MAX_PAGE_SIZE).default('20'),
  })
  .strict();

const conflictDoc = {
  description: 'stale version (version_conflict) or a transition the state machine refuses (invalid_transition); error.current is the present state',
};

/** The review workflow on items: queue, transitions, assignment, priority, tags, notes. */
export function reviewRoutes(workflow: Workflow, store: Store): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/review/queue',
      tag: 'review',
      summary: 'Items waiting for review (default: flagged, new or in review, most distorted first)',
      description: 'An item repeating a rumour the office already decided on carries knownRumour (earlier item, decision, date, published response).',
      access: ACCESS.read,
      query: queueQuery,
      handle: async ({ query: q, principal }) => {
        const page = await store.queryItems({
          ...q,
          flagged: q.flagged ? true : undefined,
          assignee: q.assignee === 'me' ? principal!.user.username : q.assignee,
        });
        return { ...page, items: withCurrentDecisions(workflow, page.items) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:id/review',
      tag: 'review',
      summary: "An item's review state (with version), notes and history",
      access: ACCESS.read,
      params: itemIdParams,
      handle: ({ params }) => workflow.reviews.detail(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:id/review/transition',
      tag: 'review',
      summary: 'Move an item: new → in_review → dismissed | confirmed (dismissed → in_review reopens)',
      description: 'confirmed → response_drafted → responded happen through /api/responses.',
      access: ACCESS.review,
      params: itemIdParams,
      body: transitionBody,
      responses: { 200: { description: 'the new review state', schema: reviewSchema }, 409: conflictDoc },
      handle: ({ params, body, actor }) => workflow.reviews.transition(params.id, body, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:id/review/assign',
      tag: 'review',
      summary: 'Assign the item to a user (or unassign with null)',
      access: ACCESS.review,
      params: itemIdParams,
      body: assignBody,
      responses: { 200: { description: 'the new review state', schema: reviewSchema }, 409: conflictDoc },
      handle: ({ params, body, actor }) => workflow.reviews.assign(params.id, body, actor),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/items/:id/review',
      tag: 'review',
      summary: 'Set priority and/or tags',
      access: ACCESS.review,
      params: itemIdParams,
      body: updateBody,
      responses: { 200: { description: 'the new review state', schema: reviewSchema }, 409: conflictDoc },
      handle: ({ params, body, actor }) => workflow.reviews.update(params.id, body, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/items/:id/review/notes',
      tag: 'review',
      summary: 'Add a note to an item (notes are never edited)',
      access: ACCESS.annotate,
      params: itemIdParams,
      body: noteBody,
      status: 201,
      responses: {
        201: { description: 'the note', schema: z.object({ id: z.number(), itemId: z.string(), author: z.string(), text: z.string(), createdAt: z.string() }) },
      },
      handle: ({ params, body, actor }) => workflow.reviews.addNote(params.id, body.text, actor),
    }),
  ];
}
