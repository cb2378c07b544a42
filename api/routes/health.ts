import { Router } from 'express';
import type { Store } from '../../core/types.ts';

/** GET /api/health: 200 when the store answers, 503 (with the reason) when it does not. */
export function healthRouter(store: Store): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    try {
      const { total } = await store.queryItems({ page: 1, pageSize: 1 });
      res.json({ status: 'ok', store: store.engine, items: total });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', store: store.engine, error: (error as Error).message });
    }
  });
  return router;
}
