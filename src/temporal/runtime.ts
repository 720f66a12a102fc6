import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel } from '../log';

/**
 * The SDK logs every workflow bundle build at INFO; keep the console to the engine's own lines
 * unless the user asks for debug output.
 */
export function installTemporalRuntime(level: LogLevel): void {
  const sdkLevel = level === 'debug' ? 'DEBUG' : level === 'error' ? 'ERROR' : 'WARN';
  Runtime.install({ logger: new DefaultLogger(sdkLevel) });
}
