import { Router } from 'express';
import type { Store } from '../../core/types.ts';
import { HttpError } from '../validation.ts';

/** GET /api/clusters/:id: a near-duplicate cluster's first-seen item, size and growth by day. */
export function clustersRouter(store: Store): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const clusterId = req.params.id;
    const first = await store.queryItems({ clusterId, sort: 'oldest', page: 1, pageSize: 1 });
    if (!first.total) throw new HttpError(404, 'not_found', `no cluster with id "${clusterId}"`);
    const stats = await store.stats({ clusterId });
    res.json({
      id: clusterId,
      size: first.total,
      firstSeen: first.items[0],
      growth: stats.byDay,
      sources: stats.bySource,
    });
  });
  return router;
}
