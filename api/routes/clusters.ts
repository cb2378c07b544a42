import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { ACCESS } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { HttpError } from '../validation.ts';

/** GET /api/clusters/:id: a near-duplicate cluster's first-seen item, size and growth by day. */
export function clusterRoutes(store: Store): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/clusters/:id',
      tag: 'items',
      summary: 'A near-duplicate cluster: first-seen item, size, growth by day, sources',
      access: ACCESS.read,
      params: z.object({ id: z.string().min(1).max(200) }).strict(),
      handle: async ({ params }) => {
        const clusterId = params.id;
        const first = await store.queryItems({ clusterId, sort: 'oldest', page: 1, pageSize: 1 });
        if (!first.total) throw new HttpError(404, 'not_found', `no cluster with id "${clusterId}"`);
        const stats = await store.stats({ clusterId });
        return { id: clusterId, size: first.total, firstSeen: first.items[0], growth: stats.byDay, sources: stats.bySource };
      },
    }),
  ];
}
