export type EmbeddedPostgresErrorCode =
  | 'PORT_IN_USE'
  | 'DATA_DIR_UNWRITABLE'
  | 'DATA_DIR_NOT_A_CLUSTER'
  | 'BINARIES_MISSING'
  | 'WORK_DIR_UNSAFE'
  | 'INIT_FAILED'
  | 'START_FAILED';

/** A failure with a one-line, actionable message (and a `code` for callers). */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
  constructor(
    readonly code: EmbeddedPostgresErrorCode,
    message: string,
    readonly details?: string,
  ) {
    super(message);
  }
}
