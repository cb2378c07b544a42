import type { Logger } from 'pino';
import { configRelative, type LoadedConfig } from '../../core/config.ts';
import { lazyChecker, type TextChecker } from '../../pipeline/nlp/check.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import type { Store } from '../../core/types.ts';
import { AuditLog } from './audit.ts';
import { Auth } from './auth.ts';
import { DEFAULT_SECURITY, type WorkflowContext, type WorkflowSecurity } from './context.ts';
import { openWorkflowDb, type Db } from './db.ts';
import { factsFromFile, staticFacts, type FactSource } from './facts.ts';
import { Responses } from './responses.ts';
import { Reviews } from './reviews.ts';
import { Users } from './users.ts';

export type { Actor, AuditEntry, AuditFilter } from './audit.ts';
export { AuditLog, SYSTEM_ACTOR } from './audit.ts';
export { safeEqual, type LoginResult, type Principal, type TokenInfo } from './auth.ts';
export { DEFAULT_SECURITY, type WorkflowSecurity } from './context.ts';
export { WorkflowError, type WorkflowErrorKind } from './errors.ts';
export { factsFromFile, staticFacts, type FactSource, type OfficialFact } from './facts.ts';
export { exportLabels, labelsFor, toJsonLines, type CorpusRecord } from './labels.ts';
export { KnownRumours, withCurrentDecisions } from './known-rumours.ts';
export { generatePassword, PASSWORD_POLICY, passwordProblems } from './passwords.ts';
export type { ResponseDraft, ResponseStatus } from './responses.ts';
export { PRIORITIES, REVIEW_STATUSES, TRANSITIONS, type Priority, type ReviewNote, type ReviewRecord } from './reviews.ts';
export { ACCESS, ROLES, rolesFor, type Role } from './roles.ts';
export type { PublicUser } from './users.ts';

export interface WorkflowOptions {
  /** SQLite file (created with its folder), or ":memory:". */
  path: string;
  /** The item store: needed for reviews and responses, not for user administration. */
  store?: Store;
  facts?: FactSource;
  /** Checks a draft before it is published (see pipeline/nlp/check.ts); absent: drafts are published unchecked. */
  checker?: TextChecker;
  security?: Partial<Omit<WorkflowSecurity, 'lockout'>> & { lockout?: Partial<WorkflowSecurity['lockout']> };
  /** Clock, for tests. */
  now?: () => Date;
  logger?: Logger;
}

/**
 * Users, sessions, tokens, the review state of items, response drafts and the audit log, in
 * one local SQLite file: it stays authoritative even when items live in Elasticsearch.
 */
export class Workflow {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly users: Users;
  readonly auth: Auth;
  readonly reviews: Reviews;
  readonly responses: Responses;
  readonly security: WorkflowSecurity;

  constructor(options: WorkflowOptions) {
    this.db = openWorkflowDb(options.path);
    const now = options.now ?? (() => new Date());
    this.security = {
      ...DEFAULT_SECURITY,
      ...options.security,
      lockout: { ...DEFAULT_SECURITY.lockout, ...options.security?.lockout },
    };
    this.audit = new AuditLog(this.db, now);
    const ctx: WorkflowContext = { db: this.db, audit: this.audit, now, security: this.security, logger: options.logger };
    this.users = new Users(ctx);
    this.auth = new Auth(ctx, this.users);
    this.reviews = new Reviews(ctx, this.users, options.store);
    this.responses = new Responses(ctx, this.reviews, options.facts ?? staticFacts([]), options.checker);
  }

  get facts(): FactSource {
    return this.responses.facts;
  }

  /** The check before publishing, when configured (POST /api/check, held publications). */
  get checker(): TextChecker | undefined {
    return this.responses.checker;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export function openWorkflow(options: WorkflowOptions): Workflow {
  return new Workflow(options);
}

/** Workflow options from the config file: `workflow.path`, `security`, and the facts sheet. */
export function workflowOptionsFromConfig(config: LoadedConfig, extra: { store?: Store; logger?: Logger } = {}): WorkflowOptions {
  const factsPath = configRelative(config, config.officialFacts);
  return {
    path: configRelative(config, config.workflow.path),
    store: extra.store,
    logger: extra.logger,
    facts: factsFromFile(factsPath, (error) => extra.logger?.warn({ err: error.message, path: factsPath }, 'official facts unavailable')),
    checker: lazyChecker(() => loadClassifier(classifierOptionsFromConfig(config))),
    security: {
      sessionHours: config.security.sessionHours,
      idleMinutes: config.security.idleMinutes,
      lockout: config.security.lockout,
      scryptCost: config.security.scryptCost,
    },
  };
}
