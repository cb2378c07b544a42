import type { LoadedConfig } from '../core/config.ts';
import type { Store } from '../core/types.ts';
import type { MountedRouter } from './app.ts';
import { sourcesRouter } from './routes/sources.ts';

/**
 * Routers of the modules beside the core API (sources, dashboard, portal watch), mounted by
 * `serve` and `demo` behind the same sign-in; the route-authorisation test walks them too.
 */
export function moduleRouters(config: LoadedConfig, store: Store): MountedRouter[] {
  return [
    { path: '/api/sources', router: sourcesRouter({ config, store }), read: 'viewer', write: 'admin', summary: 'Sources and their recent runs' },
  ];
}
