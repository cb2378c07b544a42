import { z } from 'zod';
import { httpUrl } from '../../core/urls.ts';
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

const responseSchema = z.object({
  id: z.string(),
  status: z.enum(['draft', 'published', 'withdrawn']),
  version: z.number().int(),
  title: z.string(),
  body: z.string().describe('Markdown'),
  itemId: z.string().nullable(),
  clusterId: z.string().nullable(),
  factIds: z.array(z.string()),
  itemIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedUrl: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});

const factIds = z.array(z.string().trim().min(1).max(100)).max(50).describe('ids from the official-facts sheet (GET /api/facts)');

const newResponseBody = z
  .object({
    itemId: z.string().min(1).max(300).optional().describe('answer one confirmed item ...'),
    clusterId: z.string().min(1).max(200).optional().describe('... or a near-duplicate cluster: one answer for the same rumour everywhere'),
    itemIds: z.array(z.string().min(1).max(300)).max(200).optional().describe('more confirmed items answered by the same text'),
    title: z.string().trim().min(1).max(300),
    body: z.string().max(50_000),
    factIds: factIds.optional(),
  })
  .strict()
  .refine((body) => Boolean(body.itemId) !== Boolean(body.clusterId), { message: 'give either itemId or clusterId', path: ['itemId'] });

const changesBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    body: z.string().max(50_000).optional(),
    factIds: factIds.optional(),
    version: z.number().int().min(1).describe('the response version you last saw'),
  })
  .strict();

const publishBody = z
  .object({
    version: z.number().int().min(1),
    url: z
      .string()
      .max(2000)
      .refine((value) => httpUrl(value) !== null, 'must be an http(s) URL')
      .optional()
      .describe('where it was published (http or https)'),
    override: z
      .object({ reason: z.string().trim().min(1).max(1000).describe('why the draft is published although the check holds it') })
      .strict()
      .optional()
      .describe('publish a draft the check before publishing holds; recorded in the audit log'),
  })
  .strict();

const withdrawBody = z
  .object({
    version: z.number().int().min(1),
    reason: z.string().trim().min(1).max(1000).describe('why it will not be published'),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(100) }).strict();

/** Response drafts: write, cite official facts, publish, export for publication. */
export function responseRoutes(workflow: Workflow): AnyRoute[] {
  const conflict = { description: 'stale version, already published or withdrawn, or an item not confirmed; error.current is the present state' };
  return [
    defineRoute({
      method: 'get',
      path: '/api/facts',
      tag: 'responses',
      summary: 'The official facts a response can cite',
      access: ACCESS.read,
      handle: () => ({ facts: workflow.facts.list() }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/responses',
      tag: 'responses',
      summary: 'Responses, newest first',
      access: ACCESS.read,
      query: z
        .object({
          status: z.enum(['draft', 'published', 'withdrawn']).optional(),
          itemId: z.string().min(1).max(300).optional(),
          clusterId: z.string().min(1).max(200).optional(),
        })
        .strict(),
      responses: { 200: { description: 'responses', schema: z.object({ responses: z.array(responseSchema) }) } },
      handle: ({ query }) => ({ responses: workflow.responses.list(query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/responses',
      tag: 'responses',
      summary: 'Draft a response to a confirmed item or a cluster (moves confirmed items to response_drafted)',
      access: ACCESS.respond,
      body: newResponseBody,
      status: 201,
      responses: { 201: { description: 'the draft', schema: responseSchema }, 409: conflict },
      handle: ({ body, actor }) => workflow.responses.create(body, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/responses/:id',
      tag: 'responses',
      summary: 'One response',
      access: ACCESS.read,
      params: idParams,
      responses: { 200: { description: 'the response', schema: responseSchema } },
      handle: ({ params }) => {
        const draft = workflow.responses.get(params.id);
        if (!draft) throw new HttpError(404, 'not_found', `no response with id "${params.id}"`);
        return draft;
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/responses/:id',
      tag: 'responses',
      summary: 'Edit a draft',
      access: ACCESS.respond,
      params: idParams,
      body: changesBody,
      responses: { 200: { description: 'the draft', schema: responseSchema }, 409: conflict },
      handle: ({ params, body, actor }) => workflow.responses.update(params.id, body, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/responses/:id/publish',
      tag: 'responses',
      summary:
        'Mark a draft published (needs at least one cited fact; held with 409 held_by_check when the check finds reasons, unless overridden); its items become responded',
      access: ACCESS.respond,
      params: idParams,
      body: publishBody,
      responses: { 200: { description: 'the published response', schema: responseSchema }, 409: conflict },
      handle: ({ params, body, actor }) => workflow.responses.publish(params.id, body, actor),
    }),
    defineRoute({
      method: 'post',
      path: '/api/responses/:id/withdraw',
      tag: 'responses',
      summary: 'Withdraw a draft (kept, read-only); items it alone answered go back to confirmed',
      access: ACCESS.respond,
      params: idParams,
      body: withdrawBody,
      responses: { 200: { description: 'the withdrawn response', schema: responseSchema }, 409: conflict },
      handle: ({ params, body, actor }) => workflow.responses.withdraw(params.id, body, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/api/responses/:id/export',
      tag: 'responses',
      summary: 'The response as Markdown or plain text, with cited facts and answered items',
      access: ACCESS.respond,
      params: idParams,
      query: z.object({ format: z.enum(['markdown', 'text']).default('markdown') }).strict(),
      responses: {
        200: { description: 'text for publication', contentType: 'text/markdown' },
      },
      handle: async ({ res, params, query, actor }) => {
        const file = await workflow.responses.render(params.id, query.format, actor);
        res.type(file.contentType).setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
        res.send(file.content);
      },
    }),
  ];
}
