import type { Store } from '../../core/types.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/**
 * GET /api/health: 200 when the store answers, 503 "degraded" (with the reason) when it does not.
 * Deliberately public (for load balancers and service monitors); it reveals no item content.
 */
export function healthRoutes(store: Store): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      tag: 'system',
      summary: 'Liveness: does the store answer (public)',
      access: 'public',
      responses: { 200: { description: 'the store answers' }, 503: { description: 'the store does not answer' } },
      handle: async ({ res }) => {
        try {
          const { total } = await store.queryItems({ page: 1, pageSize: 1 });
          return { status: 'ok', store: store.engine, items: total };
        } catch (error) {
          // The server itself is up (degraded); what fails is the store, said in words.
          res.status(503).json({ status: 'degraded', store: store.engine, storeStatus: 'unavailable', error: (error as Error).message });
        }
      },
    }),
  ];
}
