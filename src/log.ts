import pino from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured context for a log line, e.g. `{ workflowId, err }`; `err` and `error` may be Error objects. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(component: string): Logger;
}

export interface LogDestination {
  write(line: string): unknown;
  isTTY?: boolean;
}

export interface LoggerOptions {
  /** Where lines go: stderr unless given (stdout carries the start-up summary for people). JSON lines unless it is a terminal. */
  destination?: LogDestination;
}

/**
 * The engine's one log stream, on pino: each line is a JSON object
 * `{"level":"info","time":"<ISO 8601>","pid":…,"hostname":"…","component":"worker","msg":"…", …fields}`.
 * On a terminal the same lines are written as `<time> INFO  [worker] message key=value`, by a small
 * formatter in this process rather than pino-pretty's worker thread, so nothing is lost when the
 * process exits straight after a line.
 */
export function createLogger(level: LogLevel = 'info', component = 'engine', options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const root = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // The Temporal SDK reports failures under `error`; without a serializer an Error prints as {}.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination.isTTY ? { write: (line: string) => destination.write(formatForPeople(line)) } : destination,
  );
  const wrap = (logger: pino.Logger): Logger => ({
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    // From the root, so a child's component replaces its parent's instead of repeating the key.
    child: (name) => wrap(root.child({ component: name })),
  });
  return wrap(root.child({ component }));
}

const shownElsewhere = new Set(['level', 'time', 'pid', 'hostname', 'component', 'msg']);

/**
 * One JSON line from pino as `2026-03-01T09:00:00.000Z INFO  [worker] message key=value`, with the
 * stack of any Error field on the lines below.
 */
function formatForPeople(jsonLine: string): string {
  const entry = JSON.parse(jsonLine) as Record<string, unknown>;
  const stacks: string[] = [];
  const fields = Object.entries(entry)
    .filter(([key]) => !shownElsewhere.has(key))
    .map(([key, value]) => {
      const error = value as { message?: unknown; stack?: unknown } | null;
      if (error && typeof error.message === 'string' && typeof error.stack === 'string') {
        stacks.push(error.stack.replace(/^/gm, '    '));
        return ` ${key}=${JSON.stringify(error.message)}`;
      }
      return ` ${key}=${typeof value === 'string' && !/[\s"]/.test(value) ? value : JSON.stringify(value)}`;
    })
    .join('');
  const level = String(entry.level).toUpperCase().padEnd(5);
  return [`${String(entry.time)} ${level} [${String(entry.component)}] ${String(entry.msg ?? '')}${fields}`, ...stacks].join('\n') + '\n';
}
