// Where urgent alerts go: e-mail to the incident-response recipients, an HTTP webhook, and the
// log (always). A channel reports per alert what went out; it never throws.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { httpUrl } from '../../core/urls.ts';
import { escapeHtml as esc, formatDateTime, postWebhook, truncate, type Mailer, type WebhookOptions } from '../notify/index.ts';
import type { UrgentAlert } from './rules.ts';

export interface DeliveryOutcome {
  sent: string[];
  failed: Array<{ key: string; error: string }>;
}

export interface AlertChannel {
  readonly name: string;
  deliver(alerts: UrgentAlert[]): Promise<DeliveryOutcome>;
}

function failAll(alerts: UrgentAlert[], error: unknown): DeliveryOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { sent: [], failed: alerts.map((alert) => ({ key: alert.key, error: message })) };
}

/** Every alert as a warning in the service log: an audit trail, and a floor when no recipient is configured. */
export function logChannel(logger: Logger): AlertChannel {
  return {
    name: 'log',
    async deliver(alerts) {
      for (const alert of alerts) {
        logger.warn({ alert: { key: alert.key, kind: alert.kind, item: alert.item.id, link: alert.link } }, `urgent alert: ${alert.reason}`);
      }
      return { sent: alerts.map((alert) => alert.key), failed: [] };
    },
  };
}

const KIND_LABEL: Record<UrgentAlert['kind'], string> = {
  distortion: 'Tin nghi sai lệch',
  cluster_growth: 'Nội dung lan nhanh',
};

export function alertSubject(alerts: UrgentAlert[]): string {
  if (alerts.length === 1) return `[KHẨN] ${KIND_LABEL[alerts[0].kind]}: ${truncate(alerts[0].item.title, 90)}`;
  return `[KHẨN] ${alerts.length} cảnh báo mới từ mediawatch`;
}

export function alertText(alerts: UrgentAlert[]): string {
  const lines = [`Cảnh báo khẩn từ mediawatch (${alerts.length}):`, ''];
  alerts.forEach((alert, i) => {
    lines.push(`${i + 1}. [${KIND_LABEL[alert.kind]}] ${alert.item.title}`);
    lines.push(`   ${alert.reason}`);
    lines.push(`   Nguồn: ${alert.item.sourceId}, ${formatDateTime(alert.item.publishedAt ?? alert.item.fetchedAt)}`);
    lines.push(`   Xem trên bảng điều khiển: ${alert.link}`);
    if (alert.itemLink !== alert.link) lines.push(`   Tin đầu tiên: ${alert.itemLink}`);
    lines.push(`   Bài gốc: ${httpUrl(alert.item.url) ?? '(liên kết không hợp lệ, đã bỏ)'}`, '');
  });
  lines.push('Thư tự động của mediawatch; mỗi cảnh báo chỉ được gửi một lần.');
  return `${lines.join('\n')}\n`;
}

/** The link to the crawled page, left out when it is not http(s) (see core/urls.ts). */
function originalLink(href: string): string {
  const url = httpUrl(href);
  return url ? ` · <a href="${esc(url)}" style="color:#5f6b76;">bài gốc</a>` : '';
}

export function alertHtml(alerts: UrgentAlert[]): string {
  const font = 'font-family:Arial,Helvetica,sans-serif;';
  const rows = alerts
    .map(
      (alert) => `<tr><td style="padding:12px 16px;border-bottom:1px solid #e3e7eb;${font}">
<div style="font-size:12px;color:#c0392b;font-weight:bold;text-transform:uppercase;">${esc(KIND_LABEL[alert.kind])}</div>
<div style="font-size:16px;line-height:22px;margin:4px 0;"><a href="${esc(alert.link)}" style="color:#14406e;">${esc(alert.item.title)}</a></div>
<div style="font-size:13px;line-height:19px;color:#27323c;">${esc(alert.reason)}</div>
<div style="font-size:12px;line-height:18px;color:#5f6b76;">${esc(alert.item.sourceId)} · ${esc(formatDateTime(alert.item.publishedAt ?? alert.item.fetchedAt))} ${originalLink(alert.item.url)}${
        alert.itemLink !== alert.link ? ` · <a href="${esc(alert.itemLink)}" style="color:#5f6b76;">tin đầu tiên</a>` : ''
      }</div>
<div style="margin-top:8px;"><a href="${esc(alert.link)}" style="display:inline-block;padding:7px 14px;background-color:#c0392b;color:#ffffff;text-decoration:none;font-size:13px;font-weight:bold;border-radius:3px;">Xem và xử lý</a></div>
</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${esc(alertSubject(alerts))}</title></head>
<body style="margin:0;padding:0;background-color:#ffffff;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;border-collapse:collapse;">
<tr><td style="padding:14px 16px;background-color:#c0392b;color:#ffffff;font-size:18px;font-weight:bold;${font}" bgcolor="#c0392b">Cảnh báo khẩn (${alerts.length})</td></tr>
${rows}
<tr><td style="padding:12px 16px;font-size:11px;color:#5f6b76;${font}">Thư tự động của mediawatch; mỗi cảnh báo chỉ được gửi một lần.</td></tr>
</table></body></html>`;
}

/**
 * The same alerts always go out under the same Message-ID: a message resent after the server
 * stopped answering mid-send can be recognised as the same one by mail servers and clients.
 */
export function alertMessageId(alerts: UrgentAlert[]): string {
  const keys = alerts
    .map((alert) => alert.key)
    .sort()
    .join('\n');
  return `<alerts.${createHash('sha256').update(keys).digest('hex').slice(0, 32)}@mediawatch>`;
}

/** All the cycle's new alerts in one message to the incident-response recipients. */
export function emailChannel(mailer: Mailer, recipients: string[]): AlertChannel {
  return {
    name: 'email',
    async deliver(alerts) {
      if (!alerts.length) return { sent: [], failed: [] };
      try {
        const info = await mailer.send({
          to: recipients,
          subject: alertSubject(alerts),
          text: alertText(alerts),
          html: alertHtml(alerts),
          priority: 'high',
          messageId: alertMessageId(alerts),
          headers: { 'X-Mediawatch-Alerts': alerts.map((a) => a.key).join(' ') },
        });
        if (!info.accepted.length) return failAll(alerts, `every recipient was rejected (${info.rejected.join(', ')})`);
        return { sent: alerts.map((alert) => alert.key), failed: [] };
      } catch (error) {
        return failAll(alerts, error);
      }
    },
  };
}

/** POSTs each alert as JSON: {"event": "mediawatch.alert", "text": "...", "alert": {...}}. */
export function webhookChannel(url: string, options: WebhookOptions = {}): AlertChannel {
  // "text" lets chat bridges (Mattermost, Slack-style, Google Chat) show it as is.
  const post = (alert: UrgentAlert) =>
    postWebhook(url, { event: 'mediawatch.alert', text: `[KHẨN] ${alert.reason}: ${alert.item.title} ${alert.link}`, alert }, alert.key, options);
  return {
    name: 'webhook',
    async deliver(alerts) {
      const outcome: DeliveryOutcome = { sent: [], failed: [] };
      for (const alert of alerts) {
        try {
          await post(alert);
          outcome.sent.push(alert.key);
        } catch (error) {
          outcome.failed.push({ key: alert.key, error: (error as Error).message });
        }
      }
      return outcome;
    },
  };
}
