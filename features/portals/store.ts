// Baselines, latest observations, check runs, incidents and their deliveries, in a small SQLite
// file (portalWatch.statePath). `serve` (API, schedules) and a `portals check` run from the
// shell may use it at the same time: WAL and a busy timeout.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { acceptIntoPage, acceptIntoPortal, adoptIntoPortal, emptyPortalBaseline, isHealthy } from './compare.ts';
import type { Finding, IncidentKind, IncidentPage, IncidentStatus, PageFingerprint, PortalBaseline, PortalIncident, Severity } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS page_baselines (
  portal_id TEXT NOT NULL,
  url TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  accepted_by TEXT NOT NULL,
  PRIMARY KEY (portal_id, url)
);
CREATE TABLE IF NOT EXISTS page_observations (
  portal_id TEXT NOT NULL,
  url TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  PRIMARY KEY (portal_id, url)
);
CREATE TABLE IF NOT EXISTS portal_baselines (
  portal_id TEXT PRIMARY KEY,
  baseline TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  portal_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pages_checked INTEGER NOT NULL DEFAULT 0,
  new_incidents INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  tls TEXT
);
CREATE INDEX IF NOT EXISTS runs_portal ON runs (portal_id, id);
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY,
  portal_id TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  severity TEXT NOT NULL,
  aspect TEXT NOT NULL,
  summary TEXT NOT NULL,
  explanation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
  still_present INTEGER NOT NULL DEFAULT 1,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  seen_count INTEGER NOT NULL DEFAULT 1,
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  acknowledge_note TEXT
);
CREATE INDEX IF NOT EXISTS incidents_key ON incidents (portal_id, key, status);
CREATE INDEX IF NOT EXISTS incidents_status ON incidents (status, last_seen_at);
CREATE TABLE IF NOT EXISTS incident_pages (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  url TEXT NOT NULL,
  diff TEXT NOT NULL,
  observed TEXT,
  PRIMARY KEY (incident_id, url)
);
CREATE INDEX IF NOT EXISTS incident_pages_url ON incident_pages (url);
CREATE TABLE IF NOT EXISTS incident_deliveries (
  incident_id INTEGER NOT NULL REFERENCES incidents (id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (incident_id, channel)
);`;

/**
 * Incidents about a condition rather than a baseline (a certificate, a site that is down): once
 * acknowledged, the same condition is not raised again while it lasts; if it goes away and comes
 * back, it is raised anew.
 */
const ACK_STICKY: ReadonlySet<IncidentKind> = new Set(['tls_expiring', 'tls_expired', 'tls_hostname_mismatch', 'tls_untrusted', 'site_unreachable']);

/** Kinds about the whole host, evaluated at every check. */
const HOST_LEVEL: ReadonlySet<IncidentKind> = new Set(['tls_expiring', 'tls_expired', 'tls_hostname_mismatch', 'tls_untrusted', 'site_unreachable']);

interface IncidentRow {
  id: number;
  portal_id: string;
  key: string;
  kind: IncidentKind;
  severity: Severity;
  aspect: string;
  summary: string;
  explanation: string;
  status: IncidentStatus;
  still_present: number;
  first_seen_at: string;
  last_seen_at: string;
  seen_count: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledge_note: string | null;
}

interface PageRow {
  incident_id: number;
  url: string;
  diff: string;
  observed: string | null;
}

export interface IncidentFilter {
  status?: IncidentStatus;
  portalId?: string;
  /** Incidents that concern this page URL. */
  url?: string;
  kind?: IncidentKind;
  page?: number;
  pageSize?: number;
}

export interface RunRecord {
  id: number;
  portalId: string;
  startedAt: string;
  finishedAt?: string;
  pagesChecked: number;
  newIncidents: number;
  errors: Array<{ url: string; reason: string }>;
  tls?: unknown;
}

export interface Acknowledgement {
  incident: PortalIncident;
  /** Page baselines updated (or dropped, for a missing page). */
  pagesAccepted: number;
  portalBaselineUpdated: boolean;
  /** False when the change was no longer present: the incident is closed but nothing is accepted. */
  baselineAccepted: boolean;
}

const MAX_PAGES_IN_DIFF = 10;

/** One readable diff for an incident: shared by every page, or page by page when they differ. */
export function incidentDiff(pages: Array<Pick<IncidentPage, 'url' | 'diff'>>): string {
  if (!pages.length) return '';
  const distinct = new Set(pages.map((page) => page.diff));
  const names = pages.map((page) => page.url);
  if (distinct.size === 1) {
    const list =
      names.length > MAX_PAGES_IN_DIFF ? `${names.slice(0, MAX_PAGES_IN_DIFF).join(', ')} and ${names.length - MAX_PAGES_IN_DIFF} more` : names.join(', ');
    return `${pages.length === 1 ? 'Page' : `Pages (${pages.length})`}: ${list}\n${pages[0].diff}`;
  }
  const shown = pages.slice(0, MAX_PAGES_IN_DIFF).map((page) => `=== ${page.url}\n${page.diff}`);
  if (pages.length > MAX_PAGES_IN_DIFF) shown.push(`… ${pages.length - MAX_PAGES_IN_DIFF} more pages`);
  return shown.join('\n\n');
}

function summaryOf(findings: Finding[]): string {
  const first = findings[0];
  if (!first.url) return first.title;
  const urls = [...new Set(findings.map((finding) => finding.url!))];
  if (urls.length > 1) return `${first.title} (${urls.length} trang)`;
  let path = urls[0];
  try {
    const parsed = new URL(urls[0]);
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    // keep the URL as given
  }
  return first.kind.startsWith('tls_') || first.kind === 'site_unreachable' ? first.title : `${first.title} — ${path}`;
}

/** Check runs kept per portal (the newest). */
export const KEPT_RUNS = 200;

export class PortalStore {
  readonly db: Database.Database;

  /** `path` is created with its folder if missing; ":memory:" for tests. */
  constructor(
    path: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // --- Baselines and observations -------------------------------------------------------------

  pageBaseline(portalId: string, url: string): PageFingerprint | undefined {
    const row = this.db.prepare('SELECT fingerprint FROM page_baselines WHERE portal_id = ? AND url = ?').get(portalId, url) as
      { fingerprint: string } | undefined;
    return row ? (JSON.parse(row.fingerprint) as PageFingerprint) : undefined;
  }

  /** URLs with a baseline, most recently accepted first. */
  baselineUrls(portalId: string): string[] {
    return (this.db.prepare('SELECT url FROM page_baselines WHERE portal_id = ? ORDER BY accepted_at DESC, url').all(portalId) as Array<{ url: string }>).map(
      (row) => row.url,
    );
  }

  setPageBaseline(portalId: string, url: string, fingerprint: PageFingerprint | null, acceptedBy: string): void {
    if (fingerprint === null) {
      this.db.prepare('DELETE FROM page_baselines WHERE portal_id = ? AND url = ?').run(portalId, url);
      return;
    }
    const previous = this.db.prepare('SELECT fingerprint FROM page_baselines WHERE portal_id = ? AND url = ?').get(portalId, url) as
      { fingerprint: string } | undefined;
    const json = JSON.stringify(fingerprint);
    if (previous?.fingerprint === json) return;
    this.db
      .prepare(
        `INSERT INTO page_baselines (portal_id, url, fingerprint, accepted_at, accepted_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (portal_id, url) DO UPDATE SET fingerprint = excluded.fingerprint, accepted_at = excluded.accepted_at, accepted_by = excluded.accepted_by`,
      )
      .run(portalId, url, json, this.clock().toISOString(), acceptedBy);
  }

  observation(portalId: string, url: string): PageFingerprint | undefined {
    const row = this.db.prepare('SELECT fingerprint FROM page_observations WHERE portal_id = ? AND url = ?').get(portalId, url) as
      { fingerprint: string } | undefined;
    return row ? (JSON.parse(row.fingerprint) as PageFingerprint) : undefined;
  }

  observations(portalId: string): PageFingerprint[] {
    return (this.db.prepare('SELECT fingerprint FROM page_observations WHERE portal_id = ? ORDER BY url').all(portalId) as Array<{ fingerprint: string }>).map(
      (row) => JSON.parse(row.fingerprint) as PageFingerprint,
    );
  }

  setObservation(portalId: string, fingerprint: PageFingerprint): void {
    this.db
      .prepare(
        `INSERT INTO page_observations (portal_id, url, fingerprint, observed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (portal_id, url) DO UPDATE SET fingerprint = excluded.fingerprint, observed_at = excluded.observed_at`,
      )
      .run(portalId, fingerprint.url, JSON.stringify(fingerprint), fingerprint.fetchedAt);
  }

  portalBaseline(portalId: string): PortalBaseline | undefined {
    const row = this.db.prepare('SELECT baseline FROM portal_baselines WHERE portal_id = ?').get(portalId) as { baseline: string } | undefined;
    return row ? (JSON.parse(row.baseline) as PortalBaseline) : undefined;
  }

  setPortalBaseline(portalId: string, baseline: PortalBaseline): void {
    this.db
      .prepare(
        `INSERT INTO portal_baselines (portal_id, baseline, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (portal_id) DO UPDATE SET baseline = excluded.baseline, updated_at = excluded.updated_at`,
      )
      .run(portalId, JSON.stringify(baseline), this.clock().toISOString());
  }

  // --- Runs --------------------------------------------------------------------------------------

  startRun(portalId: string): number {
    return Number(this.db.prepare('INSERT INTO runs (portal_id, started_at) VALUES (?, ?)').run(portalId, this.clock().toISOString()).lastInsertRowid);
  }

  /** Records a run's outcome, and forgets the portal's runs older than its last KEPT_RUNS. */
  finishRun(id: number, result: { pagesChecked: number; newIncidents: number; errors: RunRecord['errors']; tls?: unknown }): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE runs SET finished_at = ?, pages_checked = ?, new_incidents = ?, errors = ?, tls = ? WHERE id = ?')
        .run(
          this.clock().toISOString(),
          result.pagesChecked,
          result.newIncidents,
          JSON.stringify(result.errors),
          result.tls === undefined ? null : JSON.stringify(result.tls),
          id,
        );
      // A check every few minutes would otherwise grow the file without end; incidents keep
      // their own history, so old run rows serve nothing.
      this.db
        .prepare(
          `DELETE FROM runs WHERE portal_id = (SELECT portal_id FROM runs WHERE id = @id)
             AND id < (SELECT min(id) FROM (SELECT id FROM runs WHERE portal_id = (SELECT portal_id FROM runs WHERE id = @id)
                                             ORDER BY id DESC LIMIT @keep))`,
        )
        .run({ id, keep: KEPT_RUNS });
    })();
  }

  latestRun(portalId: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE portal_id = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(portalId) as
      | {
          id: number;
          portal_id: string;
          started_at: string;
          finished_at: string | null;
          pages_checked: number;
          new_incidents: number;
          errors: string;
          tls: string | null;
        }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      portalId: row.portal_id,
      startedAt: row.started_at,
      finishedAt: row.finished_at ?? undefined,
      pagesChecked: row.pages_checked,
      newIncidents: row.new_incidents,
      errors: JSON.parse(row.errors),
      tls: row.tls ? JSON.parse(row.tls) : undefined,
    };
  }

  // --- Incidents ---------------------------------------------------------------------------------

  private pagesOf(id: number): IncidentPage[] {
    return (this.db.prepare('SELECT * FROM incident_pages WHERE incident_id = ? ORDER BY url').all(id) as PageRow[]).map((row) => ({
      url: row.url,
      diff: row.diff,
      ...(row.observed !== null ? { observed: JSON.parse(row.observed) } : {}),
    }));
  }

  private toIncident(row: IncidentRow): PortalIncident {
    const pages = this.pagesOf(row.id);
    return {
      id: row.id,
      portalId: row.portal_id,
      kind: row.kind,
      severity: row.severity,
      aspect: row.aspect,
      summary: row.summary,
      explanation: row.explanation,
      diff: incidentDiff(pages),
      status: row.status,
      stillPresent: row.still_present === 1,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      seenCount: row.seen_count,
      pages,
      ...(row.acknowledged_at ? { acknowledgedAt: row.acknowledged_at } : {}),
      ...(row.acknowledged_by ? { acknowledgedBy: row.acknowledged_by } : {}),
      ...(row.acknowledge_note ? { acknowledgeNote: row.acknowledge_note } : {}),
    };
  }

  incident(id: number): PortalIncident | undefined {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as IncidentRow | undefined;
    return row ? this.toIncident(row) : undefined;
  }

  listIncidents(filter: IncidentFilter = {}): { items: PortalIncident[]; total: number; page: number; pageSize: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.status) {
      where.push('status = @status');
      params.status = filter.status;
    }
    if (filter.portalId) {
      where.push('portal_id = @portalId');
      params.portalId = filter.portalId;
    }
    if (filter.kind) {
      where.push('kind = @kind');
      params.kind = filter.kind;
    }
    if (filter.url) {
      where.push('id IN (SELECT incident_id FROM incident_pages WHERE url = @url)');
      params.url = filter.url;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM incidents ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM incidents ${clause} ORDER BY (status = 'open') DESC, last_seen_at DESC, id DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as IncidentRow[];
    return { items: rows.map((row) => this.toIncident(row)), total, page, pageSize };
  }

  /** Open incidents per portal. */
  openCounts(): Map<string, number> {
    const rows = this.db.prepare(`SELECT portal_id, count(*) AS n FROM incidents WHERE status = 'open' GROUP BY portal_id`).all() as Array<{
      portal_id: string;
      n: number;
    }>;
    return new Map(rows.map((row) => [row.portal_id, row.n]));
  }

  /**
   * Records one check's findings: findings with the same kind and signature form one incident;
   * an open incident with the same key is updated (not repeated), as is an acknowledged TLS one.
   * Open incidents of the portal not seen this time are marked as no longer present.
   */
  recordFindings(portalId: string, findings: Finding[], checkedUrls?: ReadonlySet<string>): { created: PortalIncident[]; updated: PortalIncident[] } {
    const now = this.clock().toISOString();
    const groups = new Map<string, Finding[]>();
    for (const finding of findings) {
      const key = createHash('sha256').update(`${finding.kind}\n${finding.signature}`).digest('hex').slice(0, 32);
      groups.set(key, [...(groups.get(key) ?? []), finding]);
    }
    const upsertPage = this.db.prepare(
      `INSERT INTO incident_pages (incident_id, url, diff, observed) VALUES (?, ?, ?, ?)
       ON CONFLICT (incident_id, url) DO UPDATE SET diff = excluded.diff, observed = excluded.observed`,
    );
    return this.db
      .transaction(() => {
        const createdIds: number[] = [];
        const updatedIds: number[] = [];
        const seen = new Set<number>();
        for (const [key, group] of groups) {
          const first = group[0];
          const existing = this.db
            .prepare(
              `SELECT id, status FROM incidents WHERE portal_id = ? AND key = ? AND (status = 'open' OR (status = 'acknowledged' AND still_present = 1 AND ? = 1))
             ORDER BY status = 'open' DESC, id DESC LIMIT 1`,
            )
            .get(portalId, key, ACK_STICKY.has(first.kind) ? 1 : 0) as { id: number; status: IncidentStatus } | undefined;
          let id: number;
          if (existing) {
            id = existing.id;
            this.db
              .prepare('UPDATE incidents SET last_seen_at = ?, seen_count = seen_count + 1, still_present = 1, summary = ? WHERE id = ?')
              .run(now, summaryOf(group), id);
            if (existing.status === 'open') updatedIds.push(id);
          } else {
            id = Number(
              this.db
                .prepare(
                  `INSERT INTO incidents (portal_id, key, kind, severity, aspect, summary, explanation, status, first_seen_at, last_seen_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
                )
                .run(portalId, key, first.kind, first.severity, first.aspect, summaryOf(group), first.explanation, now, now).lastInsertRowid,
            );
            createdIds.push(id);
          }
          seen.add(id);
          const urls = new Set<string>();
          for (const finding of group) {
            const url = finding.url ?? '';
            if (urls.has(url)) continue;
            urls.add(url);
            upsertPage.run(id, url, finding.diff, finding.observed === undefined ? null : JSON.stringify(finding.observed));
          }
        }
        // Not seen this time: gone, if this check looked (its pages were fetched; host-level ones are always looked at).
        const pagesOf = this.db.prepare('SELECT url FROM incident_pages WHERE incident_id = ?');
        for (const row of this.db.prepare(`SELECT id, kind FROM incidents WHERE portal_id = ? AND still_present = 1`).all(portalId) as Array<{
          id: number;
          kind: IncidentKind;
        }>) {
          if (seen.has(row.id)) continue;
          const looked = !checkedUrls || HOST_LEVEL.has(row.kind) || (pagesOf.all(row.id) as Array<{ url: string }>).some((page) => checkedUrls.has(page.url));
          if (looked) this.db.prepare('UPDATE incidents SET still_present = 0 WHERE id = ?').run(row.id);
        }
        return { created: createdIds.map((id) => this.incident(id)!), updated: updatedIds.map((id) => this.incident(id)!) };
      })
      .immediate();
  }

  /**
   * Acknowledges an incident and accepts what it found into the baseline (the page baselines of
   * its pages, or the portal's origins/inline scripts), so the same state raises nothing again.
   * An incident whose change is no longer present is closed without touching the baseline.
   */
  acknowledge(id: number, by: string, note?: string): Acknowledgement | undefined {
    return this.db
      .transaction((): Acknowledgement | undefined => {
        const incident = this.incident(id);
        if (!incident) return undefined;
        if (incident.status !== 'open')
          throw new IncidentStateError(`incident ${id} is already acknowledged (by ${incident.acknowledgedBy} at ${incident.acknowledgedAt})`);
        let pagesAccepted = 0;
        let portalBaselineUpdated = false;
        if (incident.stillPresent) {
          if (incident.aspect.startsWith('origin:') || incident.aspect.startsWith('inline-script:')) {
            const portal = this.portalBaseline(incident.portalId) ?? emptyPortalBaseline();
            this.setPortalBaseline(incident.portalId, acceptIntoPortal(portal, incident.aspect));
            portalBaselineUpdated = true;
          } else if (incident.aspect !== 'tls' && incident.aspect !== 'site') {
            for (const page of incident.pages) {
              const baseline = this.pageBaseline(incident.portalId, page.url);
              const next = acceptIntoPage(baseline, incident.aspect, incident.kind, page.observed);
              if (next === undefined) continue;
              this.setPageBaseline(incident.portalId, page.url, next, by);
              pagesAccepted++;
            }
          }
        }
        this.db
          .prepare(`UPDATE incidents SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, acknowledge_note = ? WHERE id = ?`)
          .run(this.clock().toISOString(), by, note ?? null, id);
        return { incident: this.incident(id)!, pagesAccepted, portalBaselineUpdated, baselineAccepted: incident.stillPresent };
      })
      .immediate();
  }

  /**
   * Accepts the latest observed state of every page of a portal as its baseline (missing pages
   * are dropped, other errors accepted as they are), adopts every origin and inline script, and
   * acknowledges the portal's open incidents. Returns what changed.
   */
  acceptPortal(portalId: string, by: string, note?: string): { pages: number; dropped: number; acknowledged: number[] } {
    return this.db
      .transaction(() => {
        let portal = this.portalBaseline(portalId) ?? emptyPortalBaseline();
        let pages = 0;
        let dropped = 0;
        for (const observed of this.observations(portalId)) {
          if (observed.status === 404 || observed.status === 410) {
            this.setPageBaseline(portalId, observed.url, null, by);
            this.db.prepare('DELETE FROM page_observations WHERE portal_id = ? AND url = ?').run(portalId, observed.url);
            dropped++;
            continue;
          }
          const baseline = this.pageBaseline(portalId, observed.url);
          this.setPageBaseline(
            portalId,
            observed.url,
            isHealthy(observed) || !baseline ? observed : { ...baseline, status: observed.status, offsiteRedirect: observed.offsiteRedirect },
            by,
          );
          if (isHealthy(observed)) portal = adoptIntoPortal(portal, observed);
          pages++;
        }
        this.setPortalBaseline(portalId, portal);
        const open = (
          this.db.prepare(`SELECT id FROM incidents WHERE portal_id = ? AND status = 'open' ORDER BY id`).all(portalId) as Array<{ id: number }>
        ).map((row) => row.id);
        const at = this.clock().toISOString();
        for (const id of open) {
          this.db
            .prepare(`UPDATE incidents SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, acknowledge_note = ? WHERE id = ?`)
            .run(at, by, note ?? 'accepted with the whole portal state', id);
        }
        return { pages, dropped, acknowledged: open };
      })
      .immediate();
  }

  // --- Deliveries (send each incident once per channel; retry failures) --------------------------

  enqueueDeliveries(incidentIds: number[], channels: string[]): void {
    const at = this.clock().toISOString();
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO incident_deliveries (incident_id, channel, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)`,
    );
    this.db.transaction(() => incidentIds.forEach((id) => channels.forEach((channel) => insert.run(id, channel, at, at))))();
  }

  /** Pending deliveries of a channel; those older than `retryForMs` are given up first. */
  pendingDeliveries(channel: string, retryForMs: number): number[] {
    const now = this.clock();
    this.db
      .prepare(`UPDATE incident_deliveries SET status = 'expired', updated_at = ? WHERE channel = ? AND status = 'pending' AND created_at < ?`)
      .run(now.toISOString(), channel, new Date(now.getTime() - retryForMs).toISOString());
    return (
      this.db.prepare(`SELECT incident_id FROM incident_deliveries WHERE channel = ? AND status = 'pending' ORDER BY incident_id`).all(channel) as Array<{
        incident_id: number;
      }>
    ).map((row) => row.incident_id);
  }

  markDelivered(incidentIds: number[], channel: string): void {
    const at = this.clock().toISOString();
    const update = this.db.prepare(
      `UPDATE incident_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, updated_at = ?, last_error = NULL WHERE incident_id = ? AND channel = ?`,
    );
    this.db.transaction(() => incidentIds.forEach((id) => update.run(at, at, id, channel)))();
  }

  markFailed(incidentIds: number[], channel: string, error: string): void {
    const at = this.clock().toISOString();
    const update = this.db.prepare(
      `UPDATE incident_deliveries SET attempts = attempts + 1, updated_at = ?, last_error = ? WHERE incident_id = ? AND channel = ?`,
    );
    this.db.transaction(() => incidentIds.forEach((id) => update.run(at, error.slice(0, 1000), id, channel)))();
  }

  deliveries(incidentId: number): Array<{ channel: string; status: string; attempts: number; lastError?: string; sentAt?: string }> {
    const rows = this.db
      .prepare('SELECT channel, status, attempts, last_error, sent_at FROM incident_deliveries WHERE incident_id = ? ORDER BY channel')
      .all(incidentId) as Array<{
      channel: string;
      status: string;
      attempts: number;
      last_error: string | null;
      sent_at: string | null;
    }>;
    return rows.map((row) => ({
      channel: row.channel,
      status: row.status,
      attempts: row.attempts,
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.sent_at ? { sentAt: row.sent_at } : {}),
    }));
  }
}

/** Acknowledging an incident that is not open. */
export class IncidentStateError extends Error {
  override name = 'IncidentStateError';
}
