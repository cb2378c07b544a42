import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { parseInput, query } from '../validation.ts';

const statsQuerySchema = z
  .object({
    from: query.date.optional(),
    to: query.date.optional(),
    source: query.text(100).optional(),
  })
  .strict();

/** GET /api/stats: totals and counts by day, source and topic. */
export function statsRouter(store: Store): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await store.stats(parseInput(statsQuerySchema, req.query)));
  });
  return router;
}
