import type { Logger as SdkLogger, LogLevel as SdkLogLevel, LogMetadata } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import { createLogger, type LogLevel, type Logger } from '../log';

const engineLevel = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<SdkLogLevel, LogLevel>;
const sdkLevel = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const satisfies Record<LogLevel, SdkLogLevel>;

/**
 * The Temporal SDK's Logger, writing into the engine's log: the worker's own lines, workflow and
 * activity context loggers, and (forwarded) the Rust core's, each with the SDK's `sdkComponent`
 * (worker, workflow, activity, core) among its fields.
 */
export function temporalSdkLogger(log: Logger): SdkLogger {
  const write = (level: SdkLogLevel, message: string, meta?: LogMetadata) => log[engineLevel[level]](message, meta);
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/**
 * Sets the options of the SDK runtime, before any connection or worker, so that every line the SDK
 * and its core write goes through the engine's logger at the engine's level.
 *
 * The options are given as the runtime's defaults rather than through `Runtime.install`, which
 * starts the native runtime at once: with core logs forwarded, that runtime holds the Node process
 * open until a worker or native connection has come and gone, so a process (or test file) that never
 * uses one would not exit. The SDK starts the runtime with these options when it is first needed,
 * and again if it shut down when idle.
 */
export function installTemporalRuntime(level: LogLevel, log: Logger = createLogger(level, 'temporal-sdk')): void {
  Runtime.defaultOptions = {
    logger: temporalSdkLogger(log),
    telemetryOptions: { logging: { filter: { core: sdkLevel[level] }, forward: {} } },
  };
}
