import type { LoadedConfig } from '../core/config.ts';
import type { Store } from '../core/types.ts';
import { dashboardMounts } from '../dashboards/router.ts';
import type { SourceScheduler } from '../features/schedules/index.ts';
import type { Workflow } from '../features/workflow/index.ts';
import type { MountedRouter } from './app.ts';
import { portalMounts } from './routes/portal-incidents.ts';
import { itemImagesRouter } from './routes/item-images.ts';
import { sourcesRouter } from './routes/sources.ts';

/**
 * Routers of the modules beside the core API — sources, portal watch, and the web dashboard
 * (its pages at /, so it comes last) — mounted by `serve` and `demo` behind the same sign-in.
 * The route-authorisation test walks exactly these.
 */
export function moduleRouters(options: { config: LoadedConfig; store: Store; workflow: Workflow; schedule?: SourceScheduler }): MountedRouter[] {
  const { config, store, workflow, schedule } = options;
  return [
    { path: '/api/sources', router: sourcesRouter({ config, store, schedule }), read: 'viewer', write: 'admin', summary: 'Sources and their recent runs' },
    ...portalMounts({ config, workflow }),
    { path: '/api/item-images', router: itemImagesRouter({ config, store }), read: 'viewer', write: 'admin', summary: 'Images of items, as read by OCR' },
    ...dashboardMounts({ store, workflow }),
  ];
}
