import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DUTY_SEARCH_ATTRIBUTES } from '../../src/contracts/searchAttributes';
import { ensureTemporalCli } from '../../src/embedded/temporalCli';
import { ensureTimeSkippingTestServer } from '../../src/embedded/temporalTestServer';

/** Provisioning progress goes to stderr directly: jest's console.log adds a stack trace to every line. */
export function testLog(line: string): void {
  process.stderr.write(`[temporal] ${line}\n`);
}

/**
 * A time-skipping environment on the Java test server provisioned from Maven Central (see
 * ensureTimeSkippingTestServer); without Java/Maven and with nothing cached, the SDK's own download is the fallback.
 */
export async function createTimeSkippingTestEnv(): Promise<TestWorkflowEnvironment> {
  const path = await ensureTimeSkippingTestServer({ log: testLog });
  return path
    ? TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } })
    : TestWorkflowEnvironment.createTimeSkipping();
}

/**
 * A local environment on the real Temporal dev server (the CLI built by ensureTemporalCli), in memory and headless,
 * with the duty search attributes registered. No time skipping.
 */
export async function createDevServerTestEnv(): Promise<TestWorkflowEnvironment> {
  const path = await ensureTemporalCli({ log: testLog });
  return TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path }, searchAttributes: [...DUTY_SEARCH_ATTRIBUTES] },
  });
}
