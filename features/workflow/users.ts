import type { Actor } from './audit.ts';
import type { WorkflowContext } from './context.ts';
import { invalid, notFound, WorkflowError } from './errors.ts';
import { hashPassword, PASSWORD_POLICY, passwordExpired, passwordExpiresAt, passwordProblems, verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';

export interface PublicUser {
  username: string;
  displayName: string | null;
  role: Role;
  disabled: boolean;
  /** Set by an admin (new user, reset password): the user must choose their own at next login. */
  mustChangePassword: boolean;
  passwordChangedAt: string;
  passwordExpiresAt: string;
  passwordExpired: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string | null;
  role: Role;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface NewUser {
  username: string;
  role: Role;
  password: string;
  displayName?: string;
  /** Default true: a password someone else chose is temporary. */
  mustChangePassword?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** User names are case-insensitive: stored and compared in lower case. */
export function normaliseUsername(value: string): string {
  return value.trim().toLowerCase();
}

export function assertUsername(value: string, field = 'username'): string {
  const username = normaliseUsername(value);
  if (!USERNAME.test(username)) throw invalid(field, 'use 2-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  return username;
}

export function assertPasswordPolicy(password: string, field = 'password', username?: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new WorkflowError('invalid', 'weak_password', `${field}: ${problems.join('; ')}`, { field });
}

export class Users {
  constructor(private readonly ctx: WorkflowContext) {}

  toPublic(row: UserRow): PublicUser {
    const changedAt = new Date(row.password_changed_at);
    return {
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: Boolean(row.disabled),
      mustChangePassword: Boolean(row.must_change_password),
      passwordChangedAt: row.password_changed_at,
      passwordExpiresAt: passwordExpiresAt(changedAt).toISOString(),
      passwordExpired: passwordExpired(changedAt, this.ctx.now()),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  row(username: string): UserRow | undefined {
    return this.ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(normaliseUsername(username)) as UserRow | undefined;
  }

  rowById(id: number): UserRow | undefined {
    return this.ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  }

  get(username: string): PublicUser | null {
    const row = this.row(username);
    return row ? this.toPublic(row) : null;
  }

  require(username: string): UserRow {
    const row = this.row(username);
    if (!row) throw notFound('user', username);
    return row;
  }

  list(): PublicUser[] {
    return (this.ctx.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map((row) => this.toPublic(row));
  }

  count(): number {
    return (this.ctx.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async create(input: NewUser, actor: Actor): Promise<PublicUser> {
    const username = assertUsername(input.username);
    if (!isRole(input.role)) throw invalid('role', 'must be admin, analyst, spokesperson or viewer');
    assertPasswordPolicy(input.password, 'password', username);
    if (this.row(username)) throw new WorkflowError('conflict', 'user_exists', `user "${username}" already exists`, { field: 'username' });
    const hash = await hashPassword(input.password, { cost: this.ctx.security.scryptCost });
    const now = this.ctx.now().toISOString();
    return this.ctx.db.transaction(() => {
      if (this.row(username)) throw new WorkflowError('conflict', 'user_exists', `user "${username}" already exists`, { field: 'username' });
      this.ctx.db
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, password_changed_at, must_change_password, disabled, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        )
        .run(username, input.displayName ?? null, input.role, hash, now, input.mustChangePassword === false ? 0 : 1, now, now);
      const user = this.toPublic(this.require(username));
      this.ctx.audit.record({
        actor,
        action: 'user.create',
        targetType: 'user',
        targetId: username,
        after: { role: user.role, displayName: user.displayName, mustChangePassword: user.mustChangePassword },
      });
      return user;
    })();
  }

  /** Role, display name, disabled flag. Disabling ends the user's sessions; the last active admin stays. */
  update(username: string, changes: { role?: Role; displayName?: string | null; disabled?: boolean }, actor: Actor): PublicUser {
    return this.ctx.db.transaction(() => {
      const row = this.require(username);
      const before = { role: row.role, displayName: row.display_name, disabled: Boolean(row.disabled) };
      const after = {
        role: changes.role ?? row.role,
        displayName: changes.displayName === undefined ? row.display_name : changes.displayName,
        disabled: changes.disabled ?? Boolean(row.disabled),
      };
      if (!isRole(after.role)) throw invalid('role', 'must be admin, analyst, spokesperson or viewer');
      const stillAdmin = after.role === 'admin' && !after.disabled;
      if (row.role === 'admin' && !row.disabled && !stillAdmin && this.activeAdmins() <= 1) {
        throw new WorkflowError('conflict', 'last_admin', `"${row.username}" is the last active admin; make another admin first`);
      }
      this.ctx.db
        .prepare('UPDATE users SET role = ?, display_name = ?, disabled = ?, updated_at = ? WHERE id = ?')
        .run(after.role, after.displayName, after.disabled ? 1 : 0, this.ctx.now().toISOString(), row.id);
      if (after.disabled && !before.disabled) this.revokeSessions(row.id);
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((key) => after[key] !== before[key]);
      if (changed.length) {
        const pick = (o: typeof after) => Object.fromEntries(changed.map((key) => [key, o[key]]));
        this.ctx.audit.record({ actor, action: 'user.update', targetType: 'user', targetId: row.username, before: pick(before), after: pick(after) });
      }
      return this.toPublic(this.require(row.username));
    })();
  }

  /** An admin sets a new (temporary) password; the user's sessions end and any lockout is lifted. */
  async resetPassword(username: string, password: string, actor: Actor, options: { mustChange?: boolean } = {}): Promise<PublicUser> {
    assertPasswordPolicy(password, 'password', this.require(username).username);
    const hash = await hashPassword(password, { cost: this.ctx.security.scryptCost });
    return this.ctx.db.transaction(() => {
      const row = this.require(username);
      const mustChange = options.mustChange !== false;
      this.writePassword(row.id, hash, mustChange);
      this.revokeSessions(row.id);
      // A reset also lifts a lockout on the name.
      this.ctx.db.prepare('DELETE FROM login_attempts WHERE username = ?').run(row.username);
      this.ctx.audit.record({
        actor,
        action: 'user.password_reset',
        targetType: 'user',
        targetId: row.username,
        before: { mustChangePassword: Boolean(row.must_change_password), passwordChangedAt: row.password_changed_at },
        after: { mustChangePassword: mustChange, passwordChangedAt: this.ctx.now().toISOString() },
      });
      return this.toPublic(this.require(row.username));
    })();
  }

  /**
   * The user's own new password, once Auth has checked the current one: the policy, no return
   * to the current or the last `historySize` passwords; other sessions end, the current one (if
   * given) stays.
   */
  async replaceOwnPassword(row: UserRow, newPassword: string, actor: Actor, keepSessionHash?: string): Promise<PublicUser> {
    assertPasswordPolicy(newPassword, 'newPassword', row.username);
    for (const earlier of [row.password_hash, ...this.earlierHashes(row.id)]) {
      if (await verifyPassword(newPassword, earlier)) {
        throw invalid('newPassword', `must differ from your current and last ${PASSWORD_POLICY.historySize} passwords`, 'password_reused');
      }
    }
    const hash = await hashPassword(newPassword, { cost: this.ctx.security.scryptCost });
    return this.ctx.db.transaction(() => {
      this.writePassword(row.id, hash, false);
      this.revokeSessions(row.id, keepSessionHash);
      this.ctx.audit.record({
        actor,
        action: 'user.password_change',
        targetType: 'user',
        targetId: row.username,
        before: { passwordChangedAt: row.password_changed_at, mustChangePassword: Boolean(row.must_change_password) },
        after: { passwordChangedAt: this.ctx.now().toISOString(), mustChangePassword: false },
      });
      return this.toPublic(this.require(row.username));
    })();
  }

  private earlierHashes(userId: number): string[] {
    const rows = this.ctx.db
      .prepare('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY replaced_at DESC, rowid DESC LIMIT ?')
      .all(userId, PASSWORD_POLICY.historySize) as Array<{ password_hash: string }>;
    return rows.map((r) => r.password_hash);
  }

  revokeSessions(userId: number, exceptHash?: string): number {
    return this.ctx.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash IS NOT ?').run(userId, exceptHash ?? null).changes;
  }

  /** Sets a password hash; the replaced one joins the history (only the newest few are kept). */
  private writePassword(userId: number, hash: string, mustChange: boolean): void {
    const now = this.ctx.now().toISOString();
    this.ctx.db
      .prepare('INSERT INTO password_history (user_id, password_hash, replaced_at) SELECT id, password_hash, ? FROM users WHERE id = ?')
      .run(now, userId);
    this.ctx.db
      .prepare(
        `DELETE FROM password_history WHERE user_id = ? AND rowid NOT IN
           (SELECT rowid FROM password_history WHERE user_id = ? ORDER BY replaced_at DESC, rowid DESC LIMIT ?)`,
      )
      .run(userId, userId, PASSWORD_POLICY.historySize);
    this.ctx.db
      .prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, must_change_password = ?, updated_at = ? WHERE id = ?')
      .run(hash, now, mustChange ? 1 : 0, now, userId);
  }

  private activeAdmins(): number {
    return (this.ctx.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
  }
}
