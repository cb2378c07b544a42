/** An error caused by the user's input or environment; the CLI prints its message without a stack. */
export class UserError extends Error {
  readonly userFacing = true;
  override name = 'UserError';
}
