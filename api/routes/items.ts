import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { HttpError, parseInput, query } from '../validation.ts';

export const MAX_PAGE_SIZE = 100;

const itemQuerySchema = z
  .object({
    flagged: query.boolean.optional(),
    congress: query.boolean.optional(),
    q: query.text(200).optional(),
    topic: query.text(100).optional(),
    source: query.text(100).optional(),
    kind: z.enum(['news', 'rss', 'social']).optional(),
    clusterId: query.text(100).optional(),
    from: query.date.optional(),
    to: query.date.optional(),
    sort: z.enum(['newest', 'oldest', 'distortion']).optional(),
    page: query.int(1, 100_000).default('1'),
    pageSize: query.int(1, MAX_PAGE_SIZE).default('20'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'must not be before "from"',
    path: ['to'],
  });

/** GET /api/items (filtered, paginated summaries) and GET /api/items/:id (the full item). */
export function itemsRouter(store: Store): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await store.queryItems(parseInput(itemQuerySchema, req.query)));
  });
  router.get('/:id', async (req, res) => {
    const item = await store.getItem(req.params.id);
    if (!item) throw new HttpError(404, 'not_found', `no item with id "${req.params.id}"`);
    res.json(item);
  });
  return router;
}
