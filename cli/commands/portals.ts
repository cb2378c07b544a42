import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../../core/config.ts';
import {
  acceptPortalState,
  acknowledgeIncident,
  IncidentStateError,
  INCIDENT_KINDS,
  openPortalStore,
  runPortalChecks,
  selectPortals,
  type IncidentKind,
  type PortalCheckResult,
  type PortalIncident,
} from '../../features/portals/index.ts';
import { openWorkflow, workflowOptionsFromConfig, type Actor } from '../../features/workflow/index.ts';
import { createLogger } from '../../core/logger.ts';
import { UserError } from '../errors.ts';
import { cliActor } from './users.ts';

/** Whoever runs `portals accept|ack` acts as an admin: they hold the config and the state file. */
function adminActor(): Actor {
  return { ...cliActor(), role: 'admin' };
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function describeIncident(incident: PortalIncident, withDiff: boolean): string {
  const head = `#${incident.id} [${incident.severity}] ${incident.kind}: ${incident.summary}`;
  if (!withDiff) return head;
  return `${head}\n${indent(incident.explanation)}\n${indent(incident.diff)}`;
}

function portalReport(result: PortalCheckResult): string {
  const lines = [
    `Portal ${result.portalId}: ${result.pagesChecked} page(s) checked, ${result.newPages.length} new, ` +
      `${result.created.length} new incident(s), ${result.updated.length} open incident(s) seen again`,
  ];
  for (const tls of result.tls) {
    lines.push(tls.error ? `  TLS ${tls.host}:${tls.port}: ${tls.error}` : `  TLS ${tls.host}:${tls.port}: certificate valid until ${tls.validTo}`);
  }
  for (const error of result.errors) lines.push(`  error: ${error.url}: ${error.reason}`);
  if (result.skipped.length) lines.push(`  not checked (robots.txt): ${result.skipped.join(', ')}`);
  if (result.contentChanged.length) lines.push(`  content changed outside the watched parts (no incident): ${result.contentChanged.join(', ')}`);
  for (const incident of result.created) lines.push('', describeIncident(incident, true));
  if (result.updated.length) {
    lines.push('', '  Still open:');
    for (const incident of result.updated) lines.push(`  ${describeIncident(incident, false)}`);
  }
  return lines.join('\n');
}

function listEntry(incident: PortalIncident) {
  return { ...incident, pages: incident.pages.map((page) => ({ url: page.url, diff: page.diff })) };
}

function withWorkflow<T>(config: LoadedConfig, work: (workflow: ReturnType<typeof openWorkflow>) => T): T {
  const workflow = openWorkflow(workflowOptionsFromConfig(config));
  try {
    return work(workflow);
  } finally {
    workflow.close();
  }
}

export function registerPortals(program: Command): void {
  const portals = program
    .command('portals')
    .description("watch the office's own portals for defacement and unexpected changes (docs/portals.md)")
    .option('-c, --config <file>', 'config file (default: $MEDIAWATCH_CONFIG or config/mediawatch.yaml)');
  const configOf = (command: Command) => loadConfig((command.optsWithGlobals() as { config?: string }).config);

  portals
    .command('check')
    .description('check the portals now; prints new incidents with their diffs; exit code 1 when there are new incidents')
    .option('--portal <id...>', 'only these portals (default: every enabled one)')
    .option('--json', 'print JSON')
    .option('--no-notify', 'do not send the new incidents on the alert channels')
    .action(async (options: { portal?: string[]; json?: boolean; notify: boolean }, command: Command) => {
      const config = configOf(command);
      if (!config.portals.length) throw new UserError(`no portals configured in ${config.configPath} (see docs/portals.md)`);
      const outcome = await runPortalChecks(config, {
        logger: createLogger(process.env.LOG_LEVEL ?? 'warn'),
        portalIds: options.portal,
        notify: options.notify,
      });
      const created = outcome.results.reduce((sum, result) => sum + result.created.length, 0);
      if (options.json) {
        const json = {
          portals: outcome.results.map((result) => ({
            portalId: result.portalId,
            pagesChecked: result.pagesChecked,
            newPages: result.newPages,
            contentChanged: result.contentChanged,
            errors: result.errors,
            skipped: result.skipped,
            tls: result.tls,
            newIncidents: result.created.map(listEntry),
            openSeenAgain: result.updated.map((incident) => ({ id: incident.id, kind: incident.kind, summary: incident.summary })),
          })),
          failures: outcome.failures,
        };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        process.stdout.write(`${outcome.results.map(portalReport).join('\n\n')}\n`);
        for (const failure of outcome.failures) process.stderr.write(`portal ${failure.portalId}: check failed: ${failure.error}\n`);
        process.stderr.write(
          created ? `${created} new incident(s); acknowledge them in the dashboard or with \`mediawatch portals ack <id>\`.\n` : 'No new incidents.\n',
        );
      }
      // 2: a check failed as a whole; 1: new incidents; 0: nothing new.
      if (outcome.failures.length) process.exitCode = 2;
      else if (created) process.exitCode = 1;
    });

  portals
    .command('accept')
    .description("accept a portal's last checked state as its baseline and acknowledge its open incidents (audit-logged)")
    .requiredOption('--portal <id>', 'the portal')
    .option('--note <text>', 'why (kept in the audit log)')
    .action((options: { portal: string; note?: string }, command: Command) => {
      const config = configOf(command);
      const [portal] = selectPortals(config, [options.portal]);
      const store = openPortalStore(config);
      try {
        if (!store.observations(portal.id).length)
          throw new UserError(`portal "${portal.id}" has not been checked yet: run \`mediawatch portals check --portal ${portal.id}\` first`);
        const done = withWorkflow(config, (workflow) => acceptPortalState(store, workflow.audit, portal.id, adminActor(), options.note));
        process.stderr.write(
          `Accepted the state of ${done.pages} page(s) of "${portal.id}" as its baseline` +
            `${done.dropped ? `, stopped watching ${done.dropped} missing page(s)` : ''}` +
            `${done.acknowledged.length ? `, acknowledged incident(s) ${done.acknowledged.map((id) => `#${id}`).join(', ')}` : ''}.\n`,
        );
      } finally {
        store.close();
      }
    });

  portals
    .command('ack <id>')
    .description("acknowledge one incident, accepting the page's new state into the baseline (audit-logged)")
    .option('--note <text>', 'why (kept in the audit log)')
    .action((rawId: string, options: { note?: string }, command: Command) => {
      if (!/^\d+$/.test(rawId)) throw new UserError(`incident id must be a number, got "${rawId}"`);
      const config = configOf(command);
      const store = openPortalStore(config);
      try {
        const done = withWorkflow(config, (workflow) => {
          try {
            return acknowledgeIncident(store, workflow.audit, Number(rawId), adminActor(), options.note);
          } catch (error) {
            if (error instanceof IncidentStateError) throw new UserError(error.message);
            throw error;
          }
        });
        if (!done) throw new UserError(`no portal incident #${rawId}`);
        process.stderr.write(
          done.baselineAccepted
            ? `Acknowledged #${rawId}; its new state is now the baseline.\n`
            : `Acknowledged #${rawId}; the change was no longer present, so the baseline is unchanged.\n`,
        );
      } finally {
        store.close();
      }
    });

  portals
    .command('list')
    .description('list incidents, open first')
    .option('--status <status>', 'open or acknowledged')
    .option('--portal <id>', 'only this portal')
    .option('--kind <kind>', `one of ${INCIDENT_KINDS.join(', ')}`)
    .option('--json', 'print JSON (with diffs)')
    .action((options: { status?: string; portal?: string; kind?: string; json?: boolean }, command: Command) => {
      if (options.status && options.status !== 'open' && options.status !== 'acknowledged')
        throw new UserError(`--status must be open or acknowledged, got "${options.status}"`);
      if (options.kind && !(INCIDENT_KINDS as readonly string[]).includes(options.kind))
        throw new UserError(`--kind must be one of ${INCIDENT_KINDS.join(', ')}`);
      const config = configOf(command);
      const store = openPortalStore(config);
      try {
        const { items, total } = store.listIncidents({
          status: options.status as 'open' | 'acknowledged' | undefined,
          portalId: options.portal,
          kind: options.kind as IncidentKind | undefined,
          pageSize: 500,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ total, items: items.map(listEntry) }, null, 2)}\n`);
          return;
        }
        for (const incident of items) {
          const state = incident.status === 'open' ? (incident.stillPresent ? 'open' : 'open, no longer seen') : `acknowledged by ${incident.acknowledgedBy}`;
          process.stdout.write(`${describeIncident(incident, false)} (${state}; last seen ${incident.lastSeenAt})\n`);
        }
        if (!items.length) process.stderr.write('No incidents.\n');
      } finally {
        store.close();
      }
    });
}
