// The alert ledger: which alert went out on which channel, in a small SQLite file, so that
// re-crawls, restarts and a second process (a manual `crawl` beside `serve`) never resend, and
// an alert whose delivery failed is retried on later cycles. It also records which weekly
// digests the schedule sent, so two `serve` processes send each week once.
import type Database from 'better-sqlite3';
import { openSqlite } from '../../core/sqlite.ts';
import type { UrgentAlert } from './rules.ts';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'expired';

export interface Delivery {
  key: string;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  alert: UrgentAlert;
  createdAt: string;
  sentAt?: string;
  lastError?: string;
}

interface Row {
  key: string;
  channel: string;
  status: DeliveryStatus;
  attempts: number;
  payload: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS deliveries (
  key TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT,
  last_error TEXT,
  PRIMARY KEY (key, channel)
);
CREATE INDEX IF NOT EXISTS deliveries_status ON deliveries (channel, status);`;

const DIGEST_SCHEMA = `CREATE TABLE digest_sends (
  week TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent')),
  claimed_at TEXT NOT NULL,
  sent_at TEXT,
  message_id TEXT
);`;

// A failed send leaves the week pending (retried by the schedule) instead of forgetting it.
const DIGEST_RETRY_SCHEMA = `CREATE TABLE digest_sends_v2 (
  week TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'expired')),
  first_claimed_at TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  sent_at TEXT,
  message_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
INSERT INTO digest_sends_v2 (week, status, first_claimed_at, claimed_at, sent_at, message_id)
  SELECT week, status, claimed_at, claimed_at, sent_at, message_id FROM digest_sends;
DROP TABLE digest_sends;
ALTER TABLE digest_sends_v2 RENAME TO digest_sends;`;

export interface PendingDigest {
  week: string;
  attempts: number;
  firstTriedAt: string;
  lastError?: string;
}

function toDelivery(row: Row): Delivery {
  return {
    key: row.key,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    alert: JSON.parse(row.payload) as UrgentAlert,
    createdAt: row.created_at,
    sentAt: row.sent_at ?? undefined,
    lastError: row.last_error ?? undefined,
  };
}

export class AlertLedger {
  private readonly db: Database.Database;

  /** `path` is created with its folder if missing; ":memory:" for tests. */
  constructor(path: string) {
    this.db = openSqlite(path, { migrations: [SCHEMA, DIGEST_SCHEMA, DIGEST_RETRY_SCHEMA] });
  }

  /** Records alerts to deliver on each channel; an alert already known on a channel is left alone. Returns how many were new. */
  enqueue(alerts: UrgentAlert[], channels: string[], now: Date): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO deliveries (key, channel, status, payload, created_at, updated_at)
       VALUES (?, ?, 'pending', ?, ?, ?)`,
    );
    const at = now.toISOString();
    return this.db.transaction(() => {
      let added = 0;
      for (const alert of alerts) {
        for (const channel of channels) added += insert.run(alert.key, channel, JSON.stringify(alert), at, at).changes;
      }
      return added;
    })();
  }

  /** Deliveries left "sending" by a process that died mid-send go back to pending. */
  recoverStale(now: Date, staleMs = 15 * 60_000): number {
    const cutoff = new Date(now.getTime() - staleMs).toISOString();
    return this.db
      .prepare(`UPDATE deliveries SET status = 'pending', updated_at = ? WHERE status = 'sending' AND updated_at < ?`)
      .run(now.toISOString(), cutoff).changes;
  }

  /** Pending deliveries older than the retry window are given up; returns them. */
  expire(now: Date, retryForMs: number): Delivery[] {
    const cutoff = new Date(now.getTime() - retryForMs).toISOString();
    const rows = this.db
      .prepare(
        `UPDATE deliveries SET status = 'expired', updated_at = ? WHERE status = 'pending' AND created_at < ?
         RETURNING key, channel, status, attempts, payload, created_at, sent_at, last_error`,
      )
      .all(now.toISOString(), cutoff) as Row[];
    return rows.map(toDelivery);
  }

  /** Takes every pending delivery of a channel for sending (atomically: another process gets none of them). */
  claim(channel: string, now: Date): Delivery[] {
    const rows = this.db
      .prepare(
        `UPDATE deliveries SET status = 'sending', updated_at = ? WHERE channel = ? AND status = 'pending'
         RETURNING key, channel, status, attempts, payload, created_at, sent_at, last_error`,
      )
      .all(now.toISOString(), channel) as Row[];
    return rows.map(toDelivery).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
  }

  markSent(keys: string[], channel: string, now: Date): void {
    const update = this.db.prepare(
      `UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, updated_at = ?, last_error = NULL
       WHERE key = ? AND channel = ?`,
    );
    const at = now.toISOString();
    this.db.transaction(() => keys.forEach((key) => update.run(at, at, key, channel)))();
  }

  markFailed(keys: string[], channel: string, error: string, now: Date): void {
    const update = this.db.prepare(
      `UPDATE deliveries SET status = 'pending', attempts = attempts + 1, updated_at = ?, last_error = ? WHERE key = ? AND channel = ?`,
    );
    const at = now.toISOString();
    this.db.transaction(() => keys.forEach((key) => update.run(at, error.slice(0, 1000), key, channel)))();
  }

  /** Forgets finished deliveries created before the cutoff (retention). */
  prune(beforeIso: string): number {
    return this.db.prepare(`DELETE FROM deliveries WHERE created_at < ? AND status IN ('sent', 'expired')`).run(new Date(beforeIso).toISOString()).changes;
  }

  list(filter: { key?: string; channel?: string } = {}): Delivery[] {
    const rows = this.db
      .prepare(
        `SELECT key, channel, status, attempts, payload, created_at, sent_at, last_error FROM deliveries
         WHERE (@key IS NULL OR key = @key) AND (@channel IS NULL OR channel = @channel) ORDER BY created_at, key, channel`,
      )
      .all({ key: filter.key ?? null, channel: filter.channel ?? null }) as Row[];
    return rows.map(toDelivery);
  }

  /**
   * Takes the scheduled digest of `week` ("2020-W42") for sending. False when it was sent or
   * given up, or when another process is sending it now; a week left pending by a failed send is
   * taken, and so is a claim older than `staleMs` (its process died mid-send).
   */
  claimDigest(week: string, now: Date, staleMs = 30 * 60_000): boolean {
    const cutoff = new Date(now.getTime() - staleMs).toISOString();
    return (
      this.db
        .prepare(
          `INSERT INTO digest_sends (week, status, first_claimed_at, claimed_at) VALUES (@week, 'sending', @now, @now)
           ON CONFLICT (week) DO UPDATE SET status = 'sending', claimed_at = excluded.claimed_at
           WHERE digest_sends.status = 'pending' OR (digest_sends.status = 'sending' AND digest_sends.claimed_at < @cutoff)`,
        )
        .run({ week, now: now.toISOString(), cutoff }).changes === 1
    );
  }

  digestSent(week: string, messageId: string | undefined, now: Date): void {
    this.db
      .prepare(`UPDATE digest_sends SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL WHERE week = ?`)
      .run(now.toISOString(), messageId ?? null, week);
  }

  /** Records a failed send: the week stays pending for the next retry. */
  digestFailed(week: string, error: string, now: Date): void {
    this.db
      .prepare(`UPDATE digest_sends SET status = 'pending', attempts = attempts + 1, last_error = ?, claimed_at = ? WHERE week = ? AND status = 'sending'`)
      .run(error.slice(0, 1000), now.toISOString(), week);
  }

  /** Weeks whose send failed and that are still to be retried, oldest first. */
  pendingDigests(): PendingDigest[] {
    const rows = this.db
      .prepare(`SELECT week, attempts, first_claimed_at, last_error FROM digest_sends WHERE status = 'pending' ORDER BY week`)
      .all() as Array<{ week: string; attempts: number; first_claimed_at: string; last_error: string | null }>;
    return rows.map((row) => ({ week: row.week, attempts: row.attempts, firstTriedAt: row.first_claimed_at, lastError: row.last_error ?? undefined }));
  }

  /** Pending weeks first tried longer ago than the retry window are given up; returns them. */
  expireDigests(now: Date, retryForMs: number): PendingDigest[] {
    const cutoff = new Date(now.getTime() - retryForMs).toISOString();
    const expired = this.pendingDigests().filter((pending) => pending.firstTriedAt < cutoff);
    const update = this.db.prepare(`UPDATE digest_sends SET status = 'expired' WHERE week = ? AND status = 'pending'`);
    this.db.transaction(() => expired.forEach((pending) => update.run(pending.week)))();
    return expired;
  }

  close(): void {
    this.db.close();
  }
}
