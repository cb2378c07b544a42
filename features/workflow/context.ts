import type { Logger } from 'pino';
import type { AuditLog } from './audit.ts';
import type { Db } from './db.ts';

/** Session, lockout and hashing settings (config: `security`). */
export interface WorkflowSecurity {
  /** A session ends this long after login, however active. */
  sessionHours: number;
  /** ... or after this long without a request. */
  idleMinutes: number;
  lockout: {
    /** Consecutive failed logins (per name) that lock it. */
    threshold: number;
    /** First lock; each further failure doubles it ... */
    baseSeconds: number;
    /** ... up to this. */
    maxSeconds: number;
    /** Failures older than this are forgotten. */
    forgetAfterHours: number;
  };
  /** log2 of scrypt's N for new password hashes. */
  scryptCost: number;
}

export const DEFAULT_SECURITY: WorkflowSecurity = {
  sessionHours: 12,
  idleMinutes: 60,
  lockout: { threshold: 5, baseSeconds: 60, maxSeconds: 3600, forgetAfterHours: 24 },
  scryptCost: 15,
};

/** What every workflow service shares. */
export interface WorkflowContext {
  db: Db;
  audit: AuditLog;
  now: () => Date;
  security: WorkflowSecurity;
  logger?: Logger;
}

/** Runs async work one at a time per key (e.g. login attempts for one user name). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
