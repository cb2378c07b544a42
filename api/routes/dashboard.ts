// What the dashboard's review queue needs beside the item API: the same filters without the
// known-rumour decisions (platform may also be "web" or "social", scores have minimums), and the
// values its filter lists offer.
import type { Store } from '../../core/types.ts';
import { ACCESS, type Workflow } from '../../features/workflow/index.ts';
import { defineRoute, type AnyRoute } from '../route.ts';
import { itemQuerySchema } from './items.ts';

export interface Facets {
  topics: string[];
  sources: string[];
  platforms: string[];
  kinds: string[];
  /** Active users an item can be assigned to (reviewers, spokespeople, admins). */
  assignees: Array<{ username: string; displayName: string | null; role: string }>;
}

async function computeFacets(store: Store, workflow?: Workflow): Promise<Facets> {
  const [topics, sources, platforms, kinds] = await Promise.all((['topic', 'source', 'platform', 'kind'] as const).map((key) => store.counts({}, [key])));
  const keys = (rows: typeof topics) => rows.map((row) => row.keys[0]).filter((key) => key !== '');
  const assignable = new Set<string>([...ACCESS.review, ...ACCESS.respond]);
  return {
    topics: keys(topics).sort(),
    sources: keys(sources).sort(),
    platforms: keys(platforms).sort(),
    kinds: (['news', 'rss', 'social'] as const).filter((kind) => keys(kinds).includes(kind)),
    assignees: (workflow?.users.list() ?? [])
      .filter((user) => !user.disabled && assignable.has(user.role))
      .map((user) => ({ username: user.username, displayName: user.displayName, role: user.role })),
  };
}

/**
 * GET /api/dashboard/queue (the item filters, "me" as assignee included) and GET
 * /api/dashboard/facets (values for the filter lists; cached for `facetsTtlMs`).
 */
export function dashboardRoutes(options: { store: Store; workflow?: Workflow; facetsTtlMs?: number }): AnyRoute[] {
  let cached: { at: number; facets: Facets } | null = null;
  return [
    defineRoute({
      method: 'get',
      path: '/api/dashboard/queue',
      tag: 'dashboard',
      summary: "The dashboard's review queue: one page of items matching the item filters",
      access: ACCESS.read,
      query: itemQuerySchema,
      handle: ({ query: q, principal }) => options.store.queryItems({ ...q, assignee: q.assignee === 'me' ? principal?.user.username : q.assignee }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/dashboard/facets',
      tag: 'dashboard',
      summary: "Values for the queue's filter lists: topics, sources, platforms, kinds, assignees",
      access: ACCESS.read,
      handle: async () => {
        const ttl = options.facetsTtlMs ?? 30_000;
        if (!cached || Date.now() - cached.at > ttl) cached = { at: Date.now(), facets: await computeFacets(options.store, options.workflow) };
        return cached.facets;
      },
    }),
  ];
}
