import { ensureTemporalCli } from './temporalCli';
import { ensureTimeSkippingTestServer, measureTestServerStartup } from './temporalTestServer';

export interface ProvisionedTemporalTools {
  /** The `temporal` CLI (dev server). */
  cliPath?: string;
  /** Wrapper of the Java time-skipping test server; undefined when Java/Maven are missing (SDK download fallback). */
  testServerPath?: string;
  /** Milliseconds from spawning the test server to its port accepting connections (the SDK allows 5000). */
  testServerStartupMs?: number;
}

/**
 * Makes sure the Temporal tools are in the cache (building/fetching them with progress lines on first use) so that
 * later starts and test runs take seconds. Throws EmbeddedToolError (one-line message) on a fixable problem.
 */
export async function provisionTemporalTools(
  opts: { log?: (line: string) => void; cli?: boolean; testServer?: boolean; measure?: boolean } = {},
): Promise<ProvisionedTemporalTools> {
  const log = opts.log ?? (() => undefined);
  const result: ProvisionedTemporalTools = {};
  if (opts.cli ?? true) {
    result.cliPath = await ensureTemporalCli({ log });
    log(`Temporal CLI: ${result.cliPath}`);
  }
  if (opts.testServer ?? true) {
    result.testServerPath = await ensureTimeSkippingTestServer({ log });
    if (result.testServerPath && (opts.measure ?? true)) {
      result.testServerStartupMs = Math.round(await measureTestServerStartup(result.testServerPath));
      const verdict = result.testServerStartupMs < 4_000 ? 'within' : 'TOO CLOSE to';
      log(`Temporal test server: ${result.testServerPath} listens ${result.testServerStartupMs} ms after start (${verdict} the SDK's 5 s limit)`);
    }
  }
  return result;
}
