import { createHash } from 'node:crypto';
import { DAY_PATTERN } from '../../core/date-params.ts';
import type { Db } from './db.ts';
import type { Role } from './roles.ts';

/** Who did something: a signed-in user, a script's token, the command line or the system itself. */
export interface Actor {
  username: string;
  role?: Role;
  via?: 'session' | 'token' | 'cli' | 'system' | 'anonymous';
  tokenId?: string;
  ip?: string;
}

export const SYSTEM_ACTOR: Actor = { username: 'system', via: 'system' };

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorRole: string | null;
  via: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown> | null;
}

export interface AuditRecord {
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  /** Exact action, or a prefix ending in "*" ("review.*"). */
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive ISO bounds on the time of the entry. */
  from?: string;
  to?: string;
  /** Oldest first (history views); default newest first. */
  order?: 'newest' | 'oldest';
  page?: number;
  pageSize?: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  actor_role: string | null;
  via: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function rowHash(prevHash: string, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const fields = [row.at, row.actor, row.actor_role, row.via, row.ip, row.action, row.target_type, row.target_id, row.before, row.after, row.detail];
  return createHash('sha256')
    .update(`${prevHash}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    actorRole: row.actor_role,
    via: row.via,
    ip: row.ip,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    detail: row.detail === null ? null : JSON.parse(row.detail),
  };
}

/**
 * The append-only record of every state change, assignment, note, login, failed login,
 * user change and export: who, when, what, before → after. The database refuses updates and
 * deletions (triggers), and each row carries a hash over the previous one, so an edit made
 * around the triggers shows up in `verify()`.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  record(entry: AuditRecord): AuditEntry {
    const write = this.db.transaction(() => {
      const last = this.db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
      const prevHash = last?.hash ?? GENESIS;
      const row = {
        at: this.now().toISOString(),
        actor: entry.actor.username,
        actor_role: entry.actor.role ?? null,
        via: entry.actor.tokenId ? `token:${entry.actor.tokenId}` : (entry.actor.via ?? null),
        ip: entry.actor.ip ?? null,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        before: json(entry.before),
        after: json(entry.after),
        detail: json(entry.detail),
      };
      const hash = rowHash(prevHash, row);
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO audit_log (at, actor, actor_role, via, ip, action, target_type, target_id, before, after, detail, prev_hash, hash)
           VALUES (@at, @actor, @actor_role, @via, @ip, @action, @target_type, @target_id, @before, @after, @detail, @prev_hash, @hash)`,
        )
        .run({ ...row, prev_hash: prevHash, hash });
      return toEntry({ ...row, id: Number(lastInsertRowid), prev_hash: prevHash, hash });
    });
    return write.immediate();
  }

  /** Id of the newest entry with one of these actions (0 when none): a cheap "has anything changed" marker. */
  lastIdOf(actions: readonly string[]): number {
    const latest = this.db.prepare('SELECT max(id) AS id FROM audit_log WHERE action = ?');
    return Math.max(0, ...actions.map((action) => (latest.get(action) as { id: number | null }).id ?? 0));
  }

  query(filter: AuditFilter = {}): { items: AuditEntry[]; total: number; page: number; pageSize: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.actor) {
      where.push('actor = @actor');
      params.actor = filter.actor;
    }
    if (filter.action) {
      if (filter.action.endsWith('*')) {
        where.push("action LIKE @action ESCAPE '\\'");
        params.action = `${filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      } else {
        where.push('action = @action');
        params.action = filter.action;
      }
    }
    if (filter.targetType) {
      where.push('target_type = @targetType');
      params.targetType = filter.targetType;
    }
    if (filter.targetId) {
      where.push('target_id = @targetId');
      params.targetId = filter.targetId;
    }
    if (filter.from) {
      where.push('at >= @from');
      params.from = new Date(filter.from).toISOString();
    }
    if (filter.to) {
      where.push('at <= @to');
      // A bare date means "through the end of that day".
      params.to = DAY_PATTERN.test(filter.to) ? `${filter.to}T23:59:59.999Z` : new Date(filter.to).toISOString();
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 50;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${clause} ORDER BY id ${filter.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as AuditRow[];
    return { items: rows.map(toEntry), total, page, pageSize };
  }

  /** Recomputes the hash chain; `brokenAt` is the first entry whose content or link does not match. */
  verify(): { ok: boolean; entries: number; brokenAt?: number } {
    let prevHash = GENESIS;
    let entries = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<AuditRow>) {
      entries++;
      if (row.prev_hash !== prevHash || rowHash(prevHash, row) !== row.hash) return { ok: false, entries, brokenAt: row.id };
      prevHash = row.hash;
    }
    return { ok: true, entries };
  }
}
