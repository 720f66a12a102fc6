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
  opts: { log?: (line: string) => void; cli?: boolean; testServer?: boolean; measure?: boolean; quiet?: boolean } = {},
): Promise<ProvisionedTemporalTools> {
  const log = opts.log ?? (() => undefined);
  /** Lines that only say all is well: left out when quiet. */
  const report = opts.quiet ? () => undefined : log;
  const result: ProvisionedTemporalTools = {};
  if (opts.cli ?? true) {
    result.cliPath = await ensureTemporalCli({ log });
    report(`Temporal CLI: ${result.cliPath}`);
  }
  if (opts.testServer ?? true) {
    result.testServerPath = await ensureTimeSkippingTestServer({ log });
    if (result.testServerPath && (opts.measure ?? true)) {
      result.testServerStartupMs = Math.round(await measureTestServerStartup(result.testServerPath));
      const tooSlow = result.testServerStartupMs >= 4_000;
      (tooSlow ? log : report)(
        `Temporal test server: ${result.testServerPath} listens ${result.testServerStartupMs} ms after start (${tooSlow ? 'TOO CLOSE to' : 'within'} the SDK's 5 s limit)`,
      );
    }
  }
  return result;
}
