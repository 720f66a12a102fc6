/**
 * The engine's failure types: the `type` of every ApplicationFailure an activity or workflow raises.
 * Workflows, clients and tests match on these constants, never on string literals.
 */
export const FailureType = {
  /** An activity was called with input that does not match its schema: retrying cannot help. */
  InvalidActivityInput: 'InvalidActivityInput',
  /** An idempotency key was reused for different content. */
  IdempotencyKeyReused: 'IdempotencyKeyReused',
  /** The mail server refused a notice permanently (SMTP 5xx). */
  NoticeRefused: 'NoticeRefused',
  /** A workflow Update was refused: its payload is valid in shape but not in the workflow's state. */
  UpdateRefused: 'UpdateRefused',
  /** A record the activity needs does not exist (e.g. an assignment deleted under a running workflow). */
  RecordMissing: 'RecordMissing',
} as const;
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
