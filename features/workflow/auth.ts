import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isDiskFull } from '../../core/disk.ts';
import type { Actor } from './audit.ts';
import { KeyedMutex, type WorkflowContext } from './context.ts';
import { invalid, notFound, WorkflowError } from './errors.ts';
import { hashPassword, PASSWORD_POLICY, verifyPassword } from './passwords.ts';
import { canDelegate, isRole, type Role } from './roles.ts';
import { normaliseUsername, type PublicUser, type UserRow, type Users } from './users.ts';

/** An authenticated caller, as the API sees it. */
export interface Principal {
  user: PublicUser;
  /** Effective role: the user's, or the token's when a token is used. */
  role: Role;
  via: 'session' | 'token';
  tokenId?: string;
  /** SHA-256 of the session id (sessions only). */
  sessionHash?: string;
  /** The session's anti-CSRF token (sessions only). */
  csrfToken?: string;
  /** Password reset by an admin or older than 6 months: only changing it is allowed. */
  passwordChangeRequired: boolean;
}

export interface LoginContext {
  ip?: string;
  userAgent?: string;
}

export interface LoginResult {
  /** The raw session id: goes into the cookie, nowhere else. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
  user: PublicUser;
  passwordChangeRequired: boolean;
  /** Why a change is required. */
  reason?: 'expired' | 'reset';
}

export interface TokenInfo {
  id: string;
  name: string;
  username: string;
  role: Role;
  /** First characters of the token, to recognise it in a list. */
  prefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  id: string;
  user_id: number;
  name: string;
  role: Role;
  token_hash: string;
  prefix: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

interface AttemptRow {
  username: string;
  failures: number;
  locked_until: string | null;
  last_failure_at: string;
}

export const TOKEN_PREFIX = 'mw_';
/** Writes of last-seen / last-used times are skipped within this interval. */
const TOUCH_INTERVAL_MS = 30_000;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Logins (with lockout and backoff), sessions for the dashboard and API tokens for scripts.
 * Only hashes of session ids and tokens are stored.
 */
export class Auth {
  private readonly loginMutex = new KeyedMutex();
  private dummyHash?: Promise<string>;

  constructor(
    private readonly ctx: WorkflowContext,
    private readonly users: Users,
  ) {}

  // ---- login and lockout -------------------------------------------------------------

  /**
   * Checks a name and password. Wrong ones count against the name (known or not); at
   * `threshold` consecutive failures the name is locked for `baseSeconds`, and every further
   * failure doubles the lock up to `maxSeconds`. While locked, no password is checked.
   */
  login(usernameInput: string, password: string, context: LoginContext = {}): Promise<LoginResult> {
    const username = normaliseUsername(usernameInput).slice(0, 100);
    return this.loginMutex.run(username, () => this.attemptLogin(username, password, context));
  }

  /** The lock on a name, if any: for the API's answers and for tests. */
  lockState(username: string): { failures: number; lockedUntil: string | null } {
    const attempt = this.attempt(normaliseUsername(username));
    if (!attempt) return { failures: 0, lockedUntil: null };
    return { failures: attempt.failures, lockedUntil: attempt.locked_until };
  }

  private attempt(username: string): AttemptRow | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM login_attempts WHERE username = ?').get(username) as AttemptRow | undefined;
    if (!row) return undefined;
    const forgetMs = this.ctx.security.lockout.forgetAfterHours * 3_600_000;
    const lockedNow = row.locked_until && Date.parse(row.locked_until) > this.ctx.now().getTime();
    if (!lockedNow && this.ctx.now().getTime() - Date.parse(row.last_failure_at) > forgetMs) {
      this.ctx.db.prepare('DELETE FROM login_attempts WHERE username = ?').run(username);
      return undefined;
    }
    return row;
  }

  private async attemptLogin(username: string, password: string, context: LoginContext): Promise<LoginResult> {
    const now = this.ctx.now();
    const actor: Actor = { username: username || '(empty)', via: 'anonymous', ip: context.ip };
    const attempt = this.attempt(username);
    if (attempt?.locked_until && Date.parse(attempt.locked_until) > now.getTime()) {
      this.ctx.audit.record({
        actor,
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: username,
        detail: { reason: 'locked', lockedUntil: attempt.locked_until },
      });
      throw this.lockedError(attempt.locked_until, now);
    }

    const row = username ? this.users.row(username) : undefined;
    const tooLong = [...password].length > PASSWORD_POLICY.maxLength;
    // Unknown names cost the same hashing work as known ones.
    const passwordOk = row && !tooLong ? await verifyPassword(password, row.password_hash) : (await this.fakeVerify(), false);
    if (!row || !passwordOk || row.disabled) {
      const reason = !row ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled';
      const lockedUntil = this.recordFailure(username, now);
      this.ctx.audit.record({
        actor,
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: username,
        detail: { reason, failures: this.lockState(username).failures, ...(lockedUntil ? { lockedUntil } : {}) },
      });
      if (lockedUntil) throw this.lockedError(lockedUntil, now);
      throw new WorkflowError('unauthenticated', 'invalid_credentials', 'invalid username or password');
    }

    this.ctx.db.prepare('DELETE FROM login_attempts WHERE username = ?').run(username);
    if (row.password_hash.startsWith(`scrypt$ln=`) && !row.password_hash.startsWith(`scrypt$ln=${this.ctx.security.scryptCost},`)) {
      // Re-hash at the configured cost now that we hold the plain password.
      const hash = await hashPassword(password, { cost: this.ctx.security.scryptCost });
      this.ctx.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, row.id);
    }
    const user = this.users.toPublic(row);
    const reason = user.mustChangePassword ? 'reset' : user.passwordExpired ? 'expired' : undefined;
    const session = this.createSession(row, context);
    this.ctx.audit.record({
      actor: { ...actor, role: row.role, via: 'session' },
      action: 'auth.login',
      targetType: 'user',
      targetId: row.username,
      detail: reason ? { passwordChangeRequired: reason } : undefined,
    });
    return { ...session, user, passwordChangeRequired: Boolean(reason), reason };
  }

  /**
   * A signed-in user changes their own password. A wrong current password counts against the
   * name exactly like a failed login (and locks it the same way), so the form is no way round
   * the lockout.
   */
  changePassword(username: string, currentPassword: string, newPassword: string, actor: Actor, keepSessionHash?: string): Promise<PublicUser> {
    const name = normaliseUsername(username);
    return this.loginMutex.run(name, async () => {
      const now = this.ctx.now();
      const attempt = this.attempt(name);
      if (attempt?.locked_until && Date.parse(attempt.locked_until) > now.getTime()) throw this.lockedError(attempt.locked_until, now);
      const row = this.users.require(name);
      const tooLong = [...currentPassword].length > PASSWORD_POLICY.maxLength;
      if (tooLong || !(await verifyPassword(currentPassword, row.password_hash))) {
        const lockedUntil = this.recordFailure(name, now);
        this.ctx.audit.record({
          actor,
          action: 'user.password_change_failed',
          targetType: 'user',
          targetId: row.username,
          detail: { reason: 'wrong current password', failures: this.lockState(name).failures, ...(lockedUntil ? { lockedUntil } : {}) },
        });
        if (lockedUntil) throw this.lockedError(lockedUntil, now);
        throw new WorkflowError('forbidden', 'wrong_password', 'currentPassword: is not your current password', { field: 'currentPassword' });
      }
      this.ctx.db.prepare('DELETE FROM login_attempts WHERE username = ?').run(name);
      return this.users.replaceOwnPassword(row, newPassword, actor, keepSessionHash);
    });
  }

  private fakeVerify(): Promise<boolean> {
    this.dummyHash ??= hashPassword(randomBytes(12).toString('base64url'), { cost: this.ctx.security.scryptCost });
    return this.dummyHash.then((hash) => verifyPassword('not the password', hash));
  }

  /** Counts a failure; returns the lock's end when this failure locks the name. */
  private recordFailure(username: string, now: Date): string | null {
    const { threshold, baseSeconds, maxSeconds } = this.ctx.security.lockout;
    const failures = (this.attempt(username)?.failures ?? 0) + 1;
    let lockedUntil: string | null = null;
    if (failures >= threshold) {
      const seconds = Math.min(maxSeconds, baseSeconds * 2 ** Math.min(failures - threshold, 30));
      lockedUntil = new Date(now.getTime() + seconds * 1000).toISOString();
    }
    this.ctx.db
      .prepare(
        `INSERT INTO login_attempts (username, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
      )
      .run(username, failures, lockedUntil, now.toISOString());
    return lockedUntil;
  }

  private lockedError(lockedUntil: string, now: Date): WorkflowError {
    const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000));
    return new WorkflowError('locked', 'account_locked', `too many failed logins for this name; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  // ---- sessions ------------------------------------------------------------------------

  private createSession(row: UserRow, context: LoginContext): { sessionToken: string; csrfToken: string; expiresAt: string } {
    const now = this.ctx.now();
    const sessionToken = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.ctx.security.sessionHours * 3_600_000).toISOString();
    this.ctx.db
      .prepare(
        `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sha256(sessionToken),
        row.id,
        csrfToken,
        now.toISOString(),
        now.toISOString(),
        expiresAt,
        context.ip ?? null,
        context.userAgent?.slice(0, 300) ?? null,
      );
    // Expired sessions of anyone are swept on each login.
    this.ctx.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    return { sessionToken, csrfToken, expiresAt };
  }

  /** The principal behind a session cookie, or null when unknown, expired, idle too long or disabled. */
  session(sessionToken: string): Principal | null {
    const hash = sha256(sessionToken);
    const row = this.ctx.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(hash) as SessionRow | undefined;
    if (!row) return null;
    const now = this.ctx.now().getTime();
    const idleMs = this.ctx.security.idleMinutes * 60_000;
    const user = this.users.rowById(row.user_id);
    if (!user || user.disabled || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + idleMs <= now) {
      this.ctx.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hash);
      return null;
    }
    if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
      this.touch('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?', new Date(now).toISOString(), hash);
    }
    const publicUser = this.users.toPublic(user);
    return {
      user: publicUser,
      role: publicUser.role,
      via: 'session',
      sessionHash: hash,
      csrfToken: row.csrf_token,
      passwordChangeRequired: publicUser.mustChangePassword || publicUser.passwordExpired,
    };
  }

  /** Drops a session without an audit entry (a browser signing in again replaces its old session). */
  endSession(sessionHash: string): void {
    this.ctx.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sessionHash);
  }

  logout(principal: Principal, actor: Actor): void {
    if (!principal.sessionHash) return;
    this.ctx.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(principal.sessionHash);
    this.ctx.audit.record({ actor, action: 'auth.logout', targetType: 'user', targetId: principal.user.username });
  }

  // ---- API tokens ----------------------------------------------------------------------

  /**
   * Issues a token acting as `username` with `role` (default: the user's role; only admins may
   * issue a role other than their own or "viewer"). The raw token is returned once.
   */
  createToken(username: string, input: { name: string; role?: Role; expiresInDays?: number }, actor: Actor): { token: string; info: TokenInfo } {
    const row = this.users.require(username);
    const role = input.role ?? row.role;
    if (!isRole(role)) throw invalid('role', 'must be admin, analyst, spokesperson or viewer');
    if (!canDelegate(row.role, role)) {
      throw new WorkflowError('forbidden', 'role_too_high', `role: a ${row.role} may issue tokens as "${row.role}" or "viewer" only`, { field: 'role' });
    }
    const name = input.name.trim();
    if (!name) throw invalid('name', 'must not be empty');
    const id = randomBytes(6).toString('hex');
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const now = this.ctx.now();
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null;
    return this.ctx.db.transaction(() => {
      this.ctx.db
        .prepare(
          `INSERT INTO api_tokens (id, user_id, name, role, token_hash, prefix, created_at, created_by, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, row.id, name, role, sha256(token), token.slice(0, TOKEN_PREFIX.length + 6), now.toISOString(), actor.username, expiresAt);
      const info = this.tokenInfo(id)!;
      this.ctx.audit.record({
        actor,
        action: 'token.create',
        targetType: 'token',
        targetId: id,
        after: { name, username: row.username, role, expiresAt },
      });
      return { token, info };
    })();
  }

  tokenInfo(id: string): TokenInfo | null {
    const row = this.ctx.db.prepare('SELECT t.*, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?').get(id) as
      (TokenRow & { username: string }) | undefined;
    return row ? toTokenInfo(row) : null;
  }

  /** Tokens of one user, or of everyone. */
  listTokens(username?: string): TokenInfo[] {
    const rows = (
      username
        ? this.ctx.db
            .prepare('SELECT t.*, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = ? ORDER BY t.created_at, t.id')
            .all(normaliseUsername(username))
        : this.ctx.db.prepare('SELECT t.*, u.username FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.id').all()
    ) as Array<TokenRow & { username: string }>;
    return rows.map(toTokenInfo);
  }

  /** Revokes a token; its owner or an admin may. */
  revokeToken(id: string, actor: Actor): TokenInfo {
    return this.ctx.db.transaction(() => {
      const info = this.tokenInfo(id);
      if (!info || (info.username !== actor.username && actor.role !== 'admin')) throw notFound('token', id);
      // A token acts within its own role: a viewer token of an admin cannot revoke the admin's token.
      if (!actor.role || !canDelegate(actor.role, info.role)) {
        throw new WorkflowError('forbidden', 'role_too_high', `a ${actor.role ?? 'caller'} credential cannot revoke a token acting as "${info.role}"`);
      }
      if (info.revokedAt) return info;
      const now = this.ctx.now().toISOString();
      this.ctx.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(now, id);
      this.ctx.audit.record({ actor, action: 'token.revoke', targetType: 'token', targetId: id, before: { revokedAt: null }, after: { revokedAt: now } });
      return this.tokenInfo(id)!;
    })();
  }

  /** Records when a session or token was last used: bookkeeping that a full disk must not turn into a refused read. */
  private touch(sql: string, ...params: unknown[]): void {
    try {
      this.ctx.db.prepare(sql).run(...params);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
    }
  }

  /** The principal behind a bearer token, or null when unknown, revoked, expired or its user disabled. */
  token(token: string): Principal | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = this.ctx.db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?').get(sha256(token)) as TokenRow | undefined;
    if (!row || row.revoked_at) return null;
    const now = this.ctx.now();
    if (row.expires_at && Date.parse(row.expires_at) <= now.getTime()) return null;
    const user = this.users.rowById(row.user_id);
    // A token never outranks its user: a demoted user's stronger tokens stop working.
    if (!user || user.disabled || !canDelegate(user.role, row.role)) return null;
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
      this.touch('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', now.toISOString(), row.id);
    }
    return { user: this.users.toPublic(user), role: row.role, via: 'token', tokenId: row.id, passwordChangeRequired: false };
  }
}

function toTokenInfo(row: TokenRow & { username: string }): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
