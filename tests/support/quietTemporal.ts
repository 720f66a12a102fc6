// Keeps test output to what the tests say: the SDK logs each workflow bundle build at INFO, and its core warns about
// the Java time-skipping test server in ways known to be harmless here. Everything else at WARN or above is shown.
import { DefaultLogger, Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';

const KNOWN_HARMLESS = [
  // Every worker on the Java test server: it does not advertise activity_failure_include_heartbeat. Only the heartbeat
  // details of a failed activity could be lost, and no test reads those.
  /the server did not advertise the activity_failure_include_heartbeat capability/,
];

class TestLogger extends DefaultLogger {
  override log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (!KNOWN_HARMLESS.some((pattern) => pattern.test(message))) super.log(level, message, meta);
  }
}

const level: LogLevel = process.env.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN';
// Options for the runtime the SDK creates on first use (and again after it shut down when idle), rather than
// Runtime.install: a runtime that forwards logs keeps the process alive, so a test file that never uses Temporal
// must not create one.
Runtime.defaultOptions = {
  logger: new TestLogger(level),
  // The core's own log lines go to the console directly unless forwarded: forward them through the logger above.
  telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
};
