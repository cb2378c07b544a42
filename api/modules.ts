import type { LoadedConfig } from '../core/config.ts';
import type { Store } from '../core/types.ts';
import type { SourceScheduler } from '../features/schedules/index.ts';
import type { Workflow } from '../features/workflow/index.ts';
import type { AnyRoute } from './route.ts';
import { itemImageRoutes } from './routes/item-images.ts';
import { portalIncidentRoutes } from './routes/portal-incidents.ts';
import { sourceRoutes } from './routes/sources.ts';

/**
 * API routes of the modules beside the core API, which need the config (sources and their runs,
 * the portal watch, item images): `serve` and `demo` pass them to the app as `routes`.
 */
export function moduleRoutes(options: { config: LoadedConfig; store: Store; workflow: Workflow; schedule?: SourceScheduler }): AnyRoute[] {
  const { config, store, workflow, schedule } = options;
  return [...sourceRoutes({ config, store, schedule }), ...portalIncidentRoutes({ config, workflow }), ...itemImageRoutes({ config, store })];
}
