/**
 * A set-up problem with an embedded tool (Temporal CLI, dev server, test server) that the user can fix.
 * The message is a single line saying what is wrong and how to fix it, fit to print as-is before exiting.
 */
export class EmbeddedToolError extends Error {
  override readonly name: string = 'EmbeddedToolError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, ' ').trim(), options);
  }
}
