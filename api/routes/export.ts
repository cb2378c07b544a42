import { z } from 'zod';
import type { Store } from '../../core/types.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, writeItemsExport } from '../../features/export.ts';
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { orderedRange } from '../validation.ts';
import { itemFilterShape } from './items.ts';

const { page: _page, pageSize: _pageSize, sort: _sort, ...filters } = itemFilterShape;

export const exportQuerySchema = orderedRange(
  z
    .object({
      ...filters,
      format: z.enum(EXPORT_FORMATS).default('csv'),
      sort: z.enum(['newest', 'oldest']).optional().describe('time order (default newest); sort by score in the spreadsheet'),
    })
    .strict(),
);

/**
 * GET /api/items/export: every item matching the filters of /api/items, streamed as CSV
 * (UTF-8 with a BOM, formula-safe) or NDJSON, and recorded in the audit log.
 */
export function exportRoutes(store: Store, workflow: Workflow): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/items/export',
      tag: 'items',
      summary: 'Export every matching item as CSV or NDJSON (streamed)',
      description: 'Takes the filters of GET /api/items (no paging). CSV is UTF-8 with a BOM; cells starting with = + - @ are prefixed with a quote.',
      access: ACCESS.export,
      query: exportQuerySchema,
      responses: { 200: { description: 'the file, streamed' } },
      handle: async ({ query: q, res, principal, actor }) => {
        const { format, ...itemQuery } = q;
        const filter = { ...itemQuery, assignee: q.assignee === 'me' ? principal!.user.username : q.assignee };
        const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
        res.status(200).type(EXPORT_CONTENT_TYPES[format]).setHeader('Content-Disposition', `attachment; filename="mediawatch-items-${stamp}.${format}"`);
        let count = 0;
        let failure: Error | undefined;
        try {
          count = await writeItemsExport(store.streamItems(filter, 1000), format, res);
        } catch (error) {
          failure = error as Error;
        }
        const complete = !failure && !res.destroyed;
        workflow.audit.record({
          actor,
          action: 'items.export',
          targetType: 'items',
          detail: { format, filters: filter, items: count, complete, ...(failure ? { error: failure.message } : {}) },
        });
        // Once the first bytes are out no error status can be sent: ending the response without
        // its last chunk tells the client the file is incomplete.
        if (failure) res.destroy(failure);
        else res.end();
      },
    }),
  ];
}
