/**
 * Who may do what. Roles are not a ladder: an analyst reviews, a spokesperson answers,
 * neither does the other's job. An admin manages users and settings and may step in anywhere.
 */
export const ROLES = ['admin', 'analyst', 'spokesperson', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Role sets used by routes and workflow checks. */
export const ACCESS = {
  /** Any signed-in user: reading items, stats, queues, responses. */
  read: ['admin', 'analyst', 'spokesperson', 'viewer'],
  /** Moving items through review, assigning, priorities and tags. */
  review: ['admin', 'analyst'],
  /** Notes on an item: the analysts who review it and the spokespeople who answer it. */
  annotate: ['admin', 'analyst', 'spokesperson'],
  /** Exporting items in bulk (CSV, NDJSON): the staff who work with them, not read-only viewers. */
  export: ['admin', 'analyst', 'spokesperson'],
  /** Checking any text before it is published (POST /api/check): the staff who write it, not read-only viewers. */
  check: ['admin', 'analyst', 'spokesperson'],
  /** Drafting, publishing and exporting responses. */
  respond: ['admin', 'spokesperson'],
  /** Users, tokens of others, audit log, sources, settings. */
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessName = keyof typeof ACCESS;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * The roles a route requiring `minimum` admits: "viewer" admits everyone, "analyst" admits
 * analysts (and admins), "spokesperson" admits spokespeople (and admins), "admin" only admins.
 */
export function rolesFor(minimum: Role): readonly Role[] {
  switch (minimum) {
    case 'viewer':
      return ACCESS.read;
    case 'analyst':
      return ACCESS.review;
    case 'spokesperson':
      return ACCESS.respond;
    case 'admin':
      return ACCESS.admin;
  }
}

/** Whether a user holding `holder` may issue an API token acting as `tokenRole`. */
export function canDelegate(holder: Role, tokenRole: Role): boolean {
  return holder === 'admin' || tokenRole === 'viewer' || tokenRole === holder;
}
