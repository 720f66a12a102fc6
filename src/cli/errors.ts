import type { CommanderError } from 'commander';

/** A mistake in how the command was called, or a request the engine refused: exit code 2 and one line. */
export class UsageError extends Error {}

/** The engine could not be reached or failed: exit code 1 and one line saying what to do. */
export class EngineError extends Error {}

export const USAGE_EXIT_CODE = 2;
export const FAILURE_EXIT_CODE = 1;

/** Commander's own error, with the usage of the command that was being parsed. */
export class CommandError extends Error {
  constructor(
    readonly commanderError: CommanderError,
    usage: string,
  ) {
    super(`${commanderError.message.replace(/^error: /, '')}; usage: ${usage}`);
  }
}
