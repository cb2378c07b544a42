// Messages to people: the SMTP mailer, JSON webhooks, the text pieces messages share, and links
// back to the dashboard. Alerts, the weekly digest, the portal watch and backups send through here.
export { createMailer, mailFailure, MailConfigError, MailSendError, type Mailer, type MailFailure } from './mailer.ts';
export { postWebhook, type WebhookOptions } from './webhook.ts';
export { escapeHtml, formatDateTime, truncate } from './message-text.ts';
export { dashboardLinks, type DashboardLinks } from './links.ts';
