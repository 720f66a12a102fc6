import type { ApiIssue } from '../contracts/api/common';

/** A request the engine will not carry out, with the HTTP status that says why and each field at fault. */
export class RequestRefusedError extends Error {
  override name = 'RequestRefusedError';
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

export const notFound = (message: string, path = '') => new RequestRefusedError(404, message, path ? [{ path, message }] : []);

export const conflict = (message: string, path = '') => new RequestRefusedError(409, message, path ? [{ path, message }] : []);

/** Well-formed but impossible: an unknown body, a person who does not exist, a date the duty cannot take. */
export function unprocessable(issues: readonly ApiIssue[]): RequestRefusedError {
  return new RequestRefusedError(422, issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '), issues);
}
