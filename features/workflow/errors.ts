/**
 * Errors the workflow raises for callers to act on; the API maps `kind` to an HTTP status
 * and the CLI prints the message.
 */
export type WorkflowErrorKind =
  | 'invalid' // bad input (400); `field` names it
  | 'unauthenticated' // wrong credentials, expired session (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // (404)
  | 'conflict' // stale version, invalid state transition or a publication held by the check (409); `current` carries the present state, `check` the verdict
  | 'locked'; // too many failed logins (429); `retryAfterSeconds`

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  readonly userFacing = true;
  constructor(
    readonly kind: WorkflowErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { field?: string; current?: unknown; retryAfterSeconds?: number; allowed?: string[]; check?: unknown } = {},
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string, code = 'invalid_parameter') => new WorkflowError('invalid', code, `${field}: ${message}`, { field });
export const notFound = (what: string, id: string) => new WorkflowError('not_found', 'not_found', `no ${what} with id "${id}"`);
