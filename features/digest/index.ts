// The weekly digest end to end: gather figures from the store, draw the charts, fill the
// templates, then send over SMTP or write a preview file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Logger } from 'pino';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { AlertLedger } from '../alerts/index.ts';
import { createMailer, dashboardLinks, MailConfigError, type Mailer } from '../notify/index.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { dailyVolumeSvg, renderPng, topSourcesSvg, type RenderOptions } from './charts.ts';
import { gatherDigest, type DigestData, type GatherOptions } from './data.ts';
import { formatWeek } from './format.ts';
import { digestSubject, renderDigestHtml, renderDigestText, type ChartImage } from './template.ts';
import { lastCompleteIsoWeek, parseIsoWeek, type IsoWeek } from './week.ts';

export { parseIsoWeek } from './week.ts';

export interface DigestAttachment {
  filename: string;
  cid: string;
  contentType: 'image/png';
  content: Buffer;
}

export interface DigestMessage {
  data: DigestData;
  subject: string;
  /** HTML referencing the charts as cid: attachments (what is sent). */
  html: string;
  text: string;
  attachments: DigestAttachment[];
  /** The same HTML with the charts inlined as data: URIs, viewable as a standalone file. */
  previewHtml: string;
}

export interface BuildOptions extends GatherOptions {
  dashboardUrl: string;
  topicNames?: Record<string, string>;
  chartRendering?: RenderOptions;
}

interface Chart {
  name: string;
  svg: string;
  alt: string;
}

/** Builds the whole message (no I/O besides the store). */
export async function buildDigest(store: Store, week: IsoWeek, options: BuildOptions): Promise<DigestMessage> {
  const data = await gatherDigest(store, week, options);
  const links = dashboardLinks(options.dashboardUrl);
  const charts: Record<'daily' | 'sources', Chart | undefined> = {
    daily: {
      name: 'so-tin-theo-ngay',
      svg: dailyVolumeSvg(data.days.map((d) => ({ day: d.day, count: d.count, flagged: d.flagged, previous: d.previous }))),
      alt: `Biểu đồ số tin theo ngày, ${formatWeek(week)}`,
    },
    sources: data.topSources.length
      ? {
          name: 'nguon-nhieu-tin-nhat',
          svg: topSourcesSvg(data.topSources.map((s) => ({ label: s.name, count: s.count, flagged: s.flagged, previous: s.previous }))),
          alt: 'Biểu đồ các nguồn đăng nhiều tin nhất',
        }
      : undefined,
  };
  const attachments: DigestAttachment[] = [];
  const cidImages: Partial<Record<'daily' | 'sources', ChartImage>> = {};
  const dataImages: Partial<Record<'daily' | 'sources', ChartImage>> = {};
  for (const key of ['daily', 'sources'] as const) {
    const chart = charts[key];
    if (!chart) continue;
    const scale = options.chartRendering?.scale ?? 2;
    const rendered = renderPng(chart.svg, { ...options.chartRendering, scale });
    const size = { width: Math.round(rendered.width / scale), height: Math.round(rendered.height / scale), alt: chart.alt };
    const cid = `${chart.name}.${week.label}@mediawatch`;
    attachments.push({ filename: `${chart.name}.png`, cid, contentType: 'image/png', content: rendered.png });
    cidImages[key] = { src: `cid:${cid}`, ...size };
    dataImages[key] = { src: `data:image/png;base64,${rendered.png.toString('base64')}`, ...size };
  }
  const context = { links, topicNames: options.topicNames };
  return {
    data,
    subject: digestSubject(data),
    html: renderDigestHtml(data, { ...context, charts: cidImages }),
    text: renderDigestText(data, context),
    attachments,
    previewHtml: renderDigestHtml(data, { ...context, charts: dataImages }),
  };
}

/** Topic id → display name, read from the configured topic lexicons (ids shown when unreadable). */
export function loadTopicNames(config: Pick<LoadedConfig, 'topics' | 'baseDir'>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const file of config.topics) {
    try {
      const doc = parseYaml(readFileSync(configRelative(config, file), 'utf8')) as { id?: unknown; name?: unknown };
      if (typeof doc?.id === 'string' && typeof doc.name === 'string') names[doc.id] = doc.name;
    } catch {
      // A missing or broken lexicon is the classifier's error to report; the digest shows the id.
    }
  }
  return names;
}

export function buildOptionsFromConfig(config: LoadedConfig): BuildOptions {
  return {
    dashboardUrl: config.dashboardUrl,
    sourceNames: Object.fromEntries(config.sources.filter((s) => s.name).map((s) => [s.id, s.name!])),
    topicNames: loadTopicNames(config),
  };
}

export interface DigestRunOptions {
  /** "2020-W42"; default the last complete ISO week (Vietnam time). */
  week?: string;
  /** Recipients; default config email.digestRecipients. */
  to?: string[];
  /** Write the HTML here (plus a .txt beside it) instead of sending. */
  dryRun?: string;
  now?: Date;
  logger?: Logger;
  /** For tests: an already open store (default: opened from the config and closed after). */
  store?: Store;
  /** For tests: the mailer (default: from config email.smtp). */
  mailer?: Mailer;
  /** Message-ID header (default: a new one); a resend under the same id is recognisably the same message. */
  messageId?: string;
}

export interface DigestRunResult {
  week: string;
  subject: string;
  sentTo?: string[];
  rejected?: string[];
  messageId?: string;
  files?: string[];
}

/** `mediawatch digest` and the scheduled digest job. */
export async function runDigest(config: LoadedConfig, options: DigestRunOptions = {}): Promise<DigestRunResult> {
  const week = options.week ? parseIsoWeek(options.week) : lastCompleteIsoWeek(options.now ?? new Date());
  const recipients = options.to?.length ? options.to : (config.email?.digestRecipients ?? []);
  if (!options.dryRun) {
    if (!config.email) throw new MailConfigError('the "email" section (smtp, from, digestRecipients) is not configured; use --dry-run FILE to preview');
    if (!recipients.length) throw new MailConfigError('no recipients: set email.digestRecipients or pass --to ADDR');
  }
  const store = options.store ?? (await openStore(config));
  let message: DigestMessage;
  try {
    message = await buildDigest(store, week, { ...buildOptionsFromConfig(config), now: options.now });
  } finally {
    if (!options.store) await store.close();
  }
  if (options.dryRun) {
    mkdirSync(dirname(options.dryRun), { recursive: true });
    const textPath = `${options.dryRun.replace(/\.html?$/i, '')}.txt`;
    writeFileSync(options.dryRun, message.previewHtml);
    writeFileSync(textPath, message.text);
    options.logger?.info({ week: week.label, files: [options.dryRun, textPath] }, 'digest written (dry run)');
    return { week: week.label, subject: message.subject, files: [options.dryRun, textPath] };
  }
  const mailer = options.mailer ?? createMailer(config.email!, config);
  try {
    const info = await mailer.send({
      to: recipients,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: message.attachments.map((a) => ({ ...a, contentDisposition: 'inline' as const })),
      headers: { 'X-Mediawatch-Digest': week.label },
      ...(options.messageId ? { messageId: options.messageId } : {}),
    });
    options.logger?.info({ week: week.label, accepted: info.accepted, rejected: info.rejected, messageId: info.messageId }, 'digest sent');
    return { week: week.label, subject: message.subject, sentTo: info.accepted, rejected: info.rejected, messageId: info.messageId };
  } finally {
    if (!options.mailer) mailer.close();
  }
}

export type ScheduledDigestResult = DigestRunResult | { week: string; skipped: 'already sent or being sent' };

type ScheduledOptions = Pick<DigestRunOptions, 'now' | 'logger' | 'store' | 'mailer'>;

function openLedger(config: LoadedConfig): AlertLedger {
  return new AlertLedger(configRelative(config, config.alerts.statePath));
}

/** Sends a week the ledger let this process claim; a failure leaves it pending for a retry. */
async function sendClaimedWeek(config: LoadedConfig, ledger: AlertLedger, week: string, options: ScheduledOptions): Promise<DigestRunResult> {
  try {
    // One Message-ID per week: a resend after a send that timed out is the same message.
    const result = await runDigest(config, { ...options, week, messageId: `<digest.${week}@mediawatch>` });
    ledger.digestSent(week, result.messageId, new Date());
    return result;
  } catch (error) {
    ledger.digestFailed(week, (error as Error).message, new Date());
    throw error;
  }
}

/**
 * The scheduled digest: the last complete week, sent once even when two `serve` processes (or a
 * restart) fire the same schedule; the ledger in `alerts.statePath` records it. A failed send
 * leaves the week pending, and `retryPendingDigests` sends it later. `mediawatch digest` by hand
 * is not guarded: it sends when asked.
 */
export async function runScheduledDigest(config: LoadedConfig, options: ScheduledOptions = {}): Promise<ScheduledDigestResult> {
  const now = options.now ?? new Date();
  const week = lastCompleteIsoWeek(now).label;
  const ledger = openLedger(config);
  try {
    if (!ledger.claimDigest(week, now)) {
      options.logger?.info({ week }, 'digest skipped: already sent, or being sent by another process');
      return { week, skipped: 'already sent or being sent' };
    }
    return await sendClaimedWeek(config, ledger, week, { ...options, now });
  } finally {
    ledger.close();
  }
}

export interface DigestRetryResult {
  sent: string[];
  failed: Array<{ week: string; error: string }>;
  expired: string[];
}

/**
 * Sends again every scheduled digest whose send failed, until `alerts.retryForHours` after its
 * first try; then gives it up with an error in the log. Never throws for a failed send.
 */
export async function retryPendingDigests(config: LoadedConfig, options: ScheduledOptions = {}): Promise<DigestRetryResult> {
  const now = options.now ?? new Date();
  const result: DigestRetryResult = { sent: [], failed: [], expired: [] };
  const ledger = openLedger(config);
  try {
    for (const gone of ledger.expireDigests(now, config.alerts.retryForHours * 3_600_000)) {
      options.logger?.error(
        { week: gone.week, attempts: gone.attempts, lastError: gone.lastError },
        'weekly digest could not be sent within the retry window; giving up',
      );
      result.expired.push(gone.week);
    }
    for (const { week } of ledger.pendingDigests()) {
      if (!ledger.claimDigest(week, now)) continue;
      try {
        await sendClaimedWeek(config, ledger, week, { ...options, now });
        result.sent.push(week);
      } catch (error) {
        options.logger?.error({ week, err: (error as Error).message }, 'weekly digest still not sent; will retry');
        result.failed.push({ week, error: (error as Error).message });
      }
    }
    return result;
  } finally {
    ledger.close();
  }
}
