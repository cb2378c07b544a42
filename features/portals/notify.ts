// Portal incidents go out where urgent alerts go (features/alerts): the service log always, an
// e-mail to email.alertRecipients through the same mailer, and alerts.webhookUrl. Each incident
// is sent once per channel; a failed delivery is retried at the next check for
// alerts.retryForHours.
import type { Logger } from 'pino';
import type { LoadedConfig } from '../../core/config.ts';
import { createMailer, escapeHtml as esc, formatDateTime, postWebhook, truncate, type Mailer, type WebhookOptions } from '../notify/index.ts';
import type { PortalStore } from './store.ts';
import type { PortalIncident, Severity } from './types.ts';

export interface IncidentDelivery {
  sent: number[];
  failed: Array<{ id: number; error: string }>;
}

export interface IncidentChannel {
  readonly name: string;
  deliver(incidents: PortalIncident[]): Promise<IncidentDelivery>;
}

/** Where the dashboard shows one incident. */
export function incidentLink(dashboardUrl: string, id: number): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/portals.html?incident=${id}`;
}

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Nghiêm trọng', high: 'Cao', warning: 'Cảnh báo' };

export function incidentSubject(incidents: PortalIncident[]): string {
  if (incidents.length === 1) return `[KHẨN] Cổng thông tin ${incidents[0].portalId}: ${truncate(incidents[0].summary, 100)}`;
  const portals = [...new Set(incidents.map((incident) => incident.portalId))];
  return `[KHẨN] ${incidents.length} sự cố mới trên cổng thông tin ${portals.join(', ')}`;
}

const MAX_DIFF_CHARS = 4000;

function diffExcerpt(incident: PortalIncident): string {
  return incident.diff.length > MAX_DIFF_CHARS ? `${incident.diff.slice(0, MAX_DIFF_CHARS)}\n… (xem đầy đủ trên bảng điều khiển)` : incident.diff;
}

export function incidentText(incidents: PortalIncident[], dashboardUrl: string): string {
  const lines = [`Sự cố trên cổng thông tin của cơ quan (${incidents.length}):`, ''];
  incidents.forEach((incident, i) => {
    lines.push(`${i + 1}. [${SEVERITY_LABEL[incident.severity]}] ${incident.summary}`);
    lines.push(`   Cổng: ${incident.portalId}; phát hiện lúc ${formatDateTime(incident.firstSeenAt)}; loại: ${incident.kind}`);
    lines.push(`   ${incident.explanation}`);
    lines.push(`   Xem và xác nhận: ${incidentLink(dashboardUrl, incident.id)}`, '');
    lines.push(
      ...diffExcerpt(incident)
        .split('\n')
        .map((line) => `   ${line}`),
      '',
    );
  });
  lines.push('Thư tự động của mediawatch; mỗi sự cố chỉ được gửi một lần. Quản trị viên xác nhận sự cố để chấp nhận trạng thái mới của trang.');
  return `${lines.join('\n')}\n`;
}

export function incidentHtml(incidents: PortalIncident[], dashboardUrl: string): string {
  const font = 'font-family:Arial,Helvetica,sans-serif;';
  const rows = incidents
    .map(
      (incident) => `<tr><td style="padding:12px 16px;border-bottom:1px solid #e3e7eb;${font}">
<div style="font-size:12px;color:#c0392b;font-weight:bold;text-transform:uppercase;">${esc(SEVERITY_LABEL[incident.severity])} · ${esc(incident.portalId)}</div>
<div style="font-size:16px;line-height:22px;margin:4px 0;"><a href="${esc(incidentLink(dashboardUrl, incident.id))}" style="color:#14406e;">${esc(incident.summary)}</a></div>
<div style="font-size:13px;line-height:19px;color:#27323c;">${esc(incident.explanation)}</div>
<pre style="font-size:12px;line-height:16px;background-color:#f5f7f9;padding:8px;white-space:pre-wrap;word-break:break-all;">${esc(diffExcerpt(incident))}</pre>
</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${esc(incidentSubject(incidents))}</title></head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:640px;max-width:100%;border-collapse:collapse;">
<tr><td style="padding:14px 16px;background-color:#c0392b;color:#ffffff;font-size:18px;font-weight:bold;${font}" bgcolor="#c0392b">Sự cố cổng thông tin (${incidents.length})</td></tr>
${rows}
<tr><td style="padding:12px 16px;font-size:11px;color:#5f6b76;${font}">Thư tự động của mediawatch; mỗi sự cố chỉ được gửi một lần.</td></tr>
</table></body></html>`;
}

export function incidentLogChannel(logger: Logger): IncidentChannel {
  return {
    name: 'log',
    async deliver(incidents) {
      for (const incident of incidents) {
        logger.warn(
          {
            portalIncident: {
              id: incident.id,
              portal: incident.portalId,
              kind: incident.kind,
              severity: incident.severity,
              pages: incident.pages.map((p) => p.url),
            },
          },
          `portal incident: ${incident.summary}`,
        );
      }
      return { sent: incidents.map((incident) => incident.id), failed: [] };
    },
  };
}

export function incidentEmailChannel(mailer: Mailer, recipients: string[], dashboardUrl: string): IncidentChannel {
  return {
    name: 'email',
    async deliver(incidents) {
      if (!incidents.length) return { sent: [], failed: [] };
      const fail = (error: string) => ({ sent: [], failed: incidents.map((incident) => ({ id: incident.id, error })) });
      try {
        const info = await mailer.send({
          to: recipients,
          subject: incidentSubject(incidents),
          text: incidentText(incidents, dashboardUrl),
          html: incidentHtml(incidents, dashboardUrl),
          priority: 'high',
          headers: { 'X-Mediawatch-Portal-Incidents': incidents.map((incident) => String(incident.id)).join(' ') },
        });
        if (!info.accepted.length) return fail(`every recipient was rejected (${info.rejected.join(', ')})`);
        return { sent: incidents.map((incident) => incident.id), failed: [] };
      } catch (error) {
        return fail((error as Error).message);
      }
    },
  };
}

/** POSTs {"event": "mediawatch.portal_incident", "text": "...", "incident": {...}} per incident. */
export function incidentWebhookChannel(url: string, dashboardUrl: string, options: WebhookOptions = {}): IncidentChannel {
  async function post(incident: PortalIncident): Promise<void> {
    const link = incidentLink(dashboardUrl, incident.id);
    const body = {
      event: 'mediawatch.portal_incident',
      text: `[KHẨN] ${incident.portalId}: ${incident.summary} ${link}`,
      incident: {
        id: incident.id,
        portalId: incident.portalId,
        kind: incident.kind,
        severity: incident.severity,
        summary: incident.summary,
        explanation: incident.explanation,
        pages: incident.pages.map((page) => page.url),
        diff: diffExcerpt(incident),
        firstSeenAt: incident.firstSeenAt,
        link,
      },
    };
    await postWebhook(url, body, `portal-incident:${incident.id}`, options);
  }
  return {
    name: 'webhook',
    async deliver(incidents) {
      const outcome: IncidentDelivery = { sent: [], failed: [] };
      for (const incident of incidents) {
        try {
          await post(incident);
          outcome.sent.push(incident.id);
        } catch (error) {
          outcome.failed.push({ id: incident.id, error: (error as Error).message });
        }
      }
      return outcome;
    },
  };
}

export interface NotifyOverrides {
  /** For tests: a mailer instead of one built from email.smtp. */
  mailer?: Mailer;
  webhook?: WebhookOptions;
}

/** The channels urgent alerts use, from the same config keys. */
export function incidentChannels(config: LoadedConfig, logger: Logger, overrides: NotifyOverrides = {}): { channels: IncidentChannel[]; close(): void } {
  const channels: IncidentChannel[] = [incidentLogChannel(logger)];
  let mailer: Mailer | undefined;
  if (config.email && config.email.alertRecipients.length) {
    mailer = overrides.mailer ?? createMailer(config.email, config);
    channels.push(incidentEmailChannel(mailer, config.email.alertRecipients, config.dashboardUrl));
  }
  if (config.alerts.webhookUrl) {
    channels.push(
      incidentWebhookChannel(config.alerts.webhookUrl, config.dashboardUrl, { timeoutMs: config.alerts.webhookTimeoutSecs * 1000, ...overrides.webhook }),
    );
  }
  return { channels, close: () => (mailer && !overrides.mailer ? mailer.close() : undefined) };
}

/**
 * Queues the new incidents on every channel and delivers everything pending (earlier failures
 * included, for `retryForMs`). Never throws: failures are logged and kept for the next check.
 */
export async function deliverIncidents(
  store: PortalStore,
  newIncidents: PortalIncident[],
  channels: IncidentChannel[],
  options: { retryForMs: number; logger: Logger },
): Promise<Record<string, IncidentDelivery>> {
  const result: Record<string, IncidentDelivery> = {};
  store.enqueueDeliveries(
    newIncidents.map((incident) => incident.id),
    channels.map((channel) => channel.name),
  );
  for (const channel of channels) {
    const pending = store
      .pendingDeliveries(channel.name, options.retryForMs)
      .map((id) => store.incident(id))
      .filter((incident): incident is PortalIncident => incident !== undefined);
    if (!pending.length) continue;
    let outcome: IncidentDelivery;
    try {
      outcome = await channel.deliver(pending);
    } catch (error) {
      outcome = { sent: [], failed: pending.map((incident) => ({ id: incident.id, error: (error as Error).message })) };
    }
    store.markDelivered(outcome.sent, channel.name);
    for (const failure of outcome.failed) {
      store.markFailed([failure.id], channel.name, failure.error);
      options.logger.error(
        { channel: channel.name, incident: failure.id, err: failure.error },
        'portal incident delivery failed; will retry at the next check',
      );
    }
    result[channel.name] = outcome;
  }
  return result;
}
