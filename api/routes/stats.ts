import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { ACCESS } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { query } from '../validation.ts';

const statsQuerySchema = z
  .object({
    from: query.date.optional(),
    to: query.date.optional(),
    source: query.text(100).optional(),
  })
  .strict();

/** GET /api/stats: totals and counts by day, source and topic. */
export function statsRoutes(store: Store): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/stats',
      tag: 'items',
      summary: 'Totals and counts by day, source and topic',
      access: ACCESS.read,
      query: statsQuerySchema,
      handle: ({ query: q }) => store.stats(q),
    }),
  ];
}
