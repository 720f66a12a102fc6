import type { z } from 'zod';
import { apiErrorSchema, type ApiIssue } from '../contracts/api/common';
import { EngineError, UsageError } from './errors';

export const DEFAULT_ENGINE_URL = 'http://127.0.0.1:3000';
export const ENGINE_URL_VARIABLE = 'DUTY_ENGINE_URL';
const TIMEOUT_MS = 60_000;

/** How the command line names a request's fields in error lines, e.g. `{ owner: '--owner', id: '<assignment>' }`. */
export type FieldNames = Readonly<Record<string, string>>;

/**
 * How the command line names a field: its own name, else the nearest enclosing field's (so
 * `agencies.0.contact` is named by `--agency` when one option gives each agency), else the path.
 */
function fieldName(path: string, fields: FieldNames): string {
  for (let prefix = path; prefix !== ''; prefix = prefix.includes('.') ? prefix.slice(0, prefix.lastIndexOf('.')) : '') {
    const name = fields[prefix];
    if (name !== undefined) return prefix === path ? name : `${name} (${path})`;
  }
  return fields[path] ?? (path || 'request');
}

/** One line naming each bad field as the user typed it. */
export function describeIssues(issues: readonly ApiIssue[], fields: FieldNames): string {
  return issues.map((issue) => `${fieldName(issue.path, fields)}: ${issue.message}`).join('; ');
}

/** Checks a request with the API's own schema before sending it, so a bad one exits 2 without reaching the engine. */
export function validRequest<Schema extends z.ZodType>(schema: Schema, value: unknown, fields: FieldNames): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UsageError(describeIssues(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })), fields));
}

/** The engine's address: `--url`, else $DUTY_ENGINE_URL, else the default of `npm start`. */
export function engineUrl(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const [url, source] = option ? [option, '--url'] : env[ENGINE_URL_VARIABLE] ? [env[ENGINE_URL_VARIABLE], ENGINE_URL_VARIABLE] : [DEFAULT_ENGINE_URL, 'default'];
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new UsageError(`${source}: expected the engine's address such as ${DEFAULT_ENGINE_URL}, got "${url}"`);
  }
  return parsed.origin;
}

/** The JSON API over fetch: a refusal (4xx) is a UsageError in one line, an unreachable or failing engine an EngineError. */
export class EngineClient {
  constructor(readonly baseUrl: string) {}

  get<Answer extends z.ZodType>(path: string, query: Record<string, string | undefined>, answer: Answer, fields: FieldNames = {}): Promise<z.output<Answer>> {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return this.request('GET', `${path}${search.size > 0 ? `?${search}` : ''}`, undefined, answer, fields);
  }

  post<Answer extends z.ZodType>(path: string, body: unknown, answer: Answer, fields: FieldNames = {}): Promise<z.output<Answer>> {
    return this.request('POST', path, body, answer, fields);
  }

  private async request<Answer extends z.ZodType>(method: string, path: string, body: unknown, answer: Answer, fields: FieldNames): Promise<z.output<Answer>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new EngineError(`the duty engine at ${this.baseUrl} gave no answer within ${TIMEOUT_MS / 1000} s (is its worker running?)`);
      }
      throw new EngineError(`cannot reach the duty engine at ${this.baseUrl} (${reasonOf(error)}): start it with \`npm start\`, or give its address with --url or ${ENGINE_URL_VARIABLE}`);
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = apiErrorSchema.safeParse(payload);
      const message = refusal.success ? (refusal.data.issues.length > 0 ? describeIssues(refusal.data.issues, fields) : refusal.data.error) : `HTTP ${response.status}`;
      if (response.status >= 400 && response.status < 500) throw new UsageError(message);
      throw new EngineError(`the duty engine failed: ${message}`);
    }
    const parsed = answer.safeParse(payload);
    if (!parsed.success) throw new EngineError(`the duty engine at ${this.baseUrl} gave an answer this CLI does not understand (a different version?)`);
    return parsed.data;
  }
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
