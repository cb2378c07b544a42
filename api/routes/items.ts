import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { ACCESS, REVIEW_STATUSES, withCurrentDecisions, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError, orderedRange, query } from '../validation.ts';

export const MAX_PAGE_SIZE = 100;

const score = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?|\.\d{1,4})$/, 'a score between 0 and 1')
  .transform(Number);

export const itemFilterShape = {
  flagged: query.boolean.optional(),
  congress: query.boolean.optional(),
  q: query.text(200).optional().describe('full-text search, accent-insensitive'),
  topic: query.text(100).optional(),
  source: query.text(100).optional(),
  kind: z.enum(['news', 'rss', 'social', 'epaper', 'broadcast']).optional(),
  platform: query.text(40).optional().describe('"web" for news sites and feeds, "social" for social posts without a platform, else the social platform'),
  minDistortion: score.optional().describe('lowest distortion score, 0..1'),
  minCongress: score.optional().describe('lowest congress-relevance score, 0..1'),
  clusterId: query.text(100).optional(),
  status: query.list(REVIEW_STATUSES).optional(),
  assignee: query.text(64).optional().describe('user name, or "me"'),
  from: query.date.optional(),
  to: query.date.optional(),
  sort: z.enum(['newest', 'oldest', 'distortion']).optional(),
  page: query.int(1, 100_000).default('1'),
  pageSize: query.int(1, MAX_PAGE_SIZE).default('20'),
};

export const itemQuerySchema = orderedRange(z.object(itemFilterShape).strict());

export const itemIdParams = z.object({ id: z.string().min(1).max(300) }).strict();

/**
 * GET /api/items (filtered, paginated summaries) and GET /api/items/:id (the full item). An item
 * that repeats a known rumour carries `knownRumour` with the office's present decision on it.
 */
export function itemRoutes(store: Store, workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/items',
      tag: 'items',
      summary: 'List items (filtered, paginated summaries)',
      access: ACCESS.read,
      query: itemQuerySchema,
      handle: async ({ query: q, principal }) => {
        const page = await store.queryItems({ ...q, assignee: q.assignee === 'me' ? principal!.user.username : q.assignee });
        return { ...page, items: withCurrentDecisions(workflow, page.items) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/items/:id',
      tag: 'items',
      summary: 'One item with its text and explanations',
      access: ACCESS.read,
      params: itemIdParams,
      handle: async ({ params }) => {
        const item = await store.getItem(params.id);
        if (!item) throw new HttpError(404, 'not_found', `no item with id "${params.id}"`);
        return withCurrentDecisions(workflow, [item])[0];
      },
    }),
  ];
}
