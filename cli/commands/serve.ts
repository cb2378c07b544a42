import type { Command } from 'commander';
import { appSecurityFromConfig } from '../../api/app.ts';
import { moduleRoutes } from '../../api/modules.ts';
import { startServer } from '../../api/server.ts';
import { loadConfig } from '../../core/config.ts';
import { openServingStore } from '../../pipeline/store/index.ts';
import { openWorkflow, workflowOptionsFromConfig } from '../../features/workflow/index.ts';
import { sourceSchedule, startSchedules } from '../../features/schedules/index.ts';
import { startPortalSchedules } from '../../features/portals/index.ts';
import { dashboardMounts } from '../../dashboards/router.ts';
import { createLogger } from '../../core/logger.ts';
import { UserError } from '../errors.ts';

/** Resolves when the process is asked to stop (Ctrl-C, service manager). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be 0..65535, got "${value}"`);
  return port;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard and API over the configured store, and run the schedules')
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)')
    .option('-p, --port <n>', 'port (default: server.port from the config)', parsePort)
    .option('--host <host>', 'interface to listen on (default: server.host from the config)')
    .action(async (options: { config?: string; port?: number; host?: string }) => {
      const config = loadConfig(options.config);
      const logger = createLogger();
      const resync = () =>
        void workflow.reviews.resyncMirror().catch((error: Error) => logger.warn({ err: error }, 'could not resync review state into the store'));
      // An unreachable Elasticsearch does not stop the server: it says so and reconnects on its own.
      const store = await openServingStore(config, {
        log: (message) => {
          logger.warn(message);
          process.stderr.write(`mediawatch: ${message}\n`);
        },
        onReconnect: resync,
      });
      // Users, sessions, review state and the audit log (see docs/review-workflow.md).
      const workflow = openWorkflow(workflowOptionsFromConfig(config, { store, logger }));
      if (!workflow.users.count()) process.stderr.write('No users yet: create the first admin with `mediawatch users add <name> --role admin`.\n');
      resync();
      // Crawls: each source on its own interval (README "Freshness"); GET /api/sources shows when it runs next.
      const crawls = sourceSchedule(config, logger);
      const server = await startServer({
        store,
        workflow,
        security: appSecurityFromConfig(config),
        routes: moduleRoutes({ config, store, workflow, schedule: crawls.scheduler }),
        routers: dashboardMounts(),
        logger,
        host: options.host ?? config.server.host,
        port: options.port ?? config.server.port,
      });
      process.stderr.write(`mediawatch dashboard on ${server.url}/ and API on ${server.url}/api (store: ${store.engine}); Ctrl-C to stop\n`);
      // Scheduled jobs (weekly digest, retention, backups): see docs/digest-and-alerts.md.
      const scheduler = startSchedules(config, logger);
      crawls.scheduler.start();
      // Own-portal integrity checks on each portal's `schedule` (docs/portals.md).
      const portalScheduler = startPortalSchedules(config, logger);
      await untilStopped();
      await crawls.close();
      await scheduler.stop();
      await portalScheduler.stop();
      await server.close();
      workflow.close();
      await store.close();
    });
}
