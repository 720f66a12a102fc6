import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ensureTemporalCli } from '../../src/embedded/temporalCli';
import { ensureTimeSkippingTestServer } from '../../src/embedded/temporalTestServer';

/** Provisioning progress goes to stderr directly: jest's console.log adds a stack trace to every line. */
export function testLog(line: string): void {
  process.stderr.write(`[temporal] ${line}\n`);
}

/**
 * Keeps the SDK's own logging (worker state changes at INFO) out of test output: warnings and errors only. Set
 * TEMPORAL_TEST_LOG_LEVEL (e.g. INFO, DEBUG) to see more. A no-op when a test file already installed a Runtime.
 */
export function quietTemporalRuntime(): void {
  if (Runtime._instance !== undefined) return;
  const level = (process.env.TEMPORAL_TEST_LOG_LEVEL ?? 'WARN') as 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  Runtime.install({ logger: new DefaultLogger(level) });
}

/**
 * A time-skipping environment on the Java test server provisioned from Maven Central (see
 * ensureTimeSkippingTestServer); without Java/Maven and with nothing cached, the SDK's own download is the fallback.
 */
export async function createTimeSkippingTestEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const path = await ensureTimeSkippingTestServer({ log: testLog });
  return path
    ? TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } })
    : TestWorkflowEnvironment.createTimeSkipping();
}

/**
 * A local environment on the real Temporal dev server (the CLI built by ensureTemporalCli), in memory and headless.
 * No time skipping.
 */
export async function createDevServerTestEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const path = await ensureTemporalCli({ log: testLog });
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path } } });
}
