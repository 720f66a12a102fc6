/**
 * Builds or fetches the Temporal tools into the cache outside the repository, with progress:
 * the Temporal CLI (dev server, built once with Go) and the Java time-skipping test server (fetched once with Maven).
 *
 *   npx tsx scripts/provision-temporal.ts [--cli-only | --test-server-only] [--quiet]
 *
 * --quiet (used by `npm test`'s set-up) prints only the work it does and what is wrong, nothing when all is in place.
 *
 * Exits non-zero with a one-line message on a fixable problem (missing Go, TEMPORAL_CLI_PATH wrong, ...).
 */
import { EmbeddedToolError } from '../src/embedded/errors';
import { provisionTemporalTools } from '../src/embedded/provisionTemporal';

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !['--cli-only', '--test-server-only', '--quiet'].includes(a));
  if (unknown.length > 0) {
    throw new EmbeddedToolError(`unknown argument ${unknown.join(' ')}: use --cli-only or --test-server-only, and --quiet (or nothing)`);
  }
  const log = (line: string): void => console.log(`[provision] ${line}`);
  await provisionTemporalTools({
    log,
    cli: !args.has('--test-server-only'),
    testServer: !args.has('--cli-only'),
    quiet: args.has('--quiet'),
  });
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`error: ${err instanceof EmbeddedToolError ? message : message.split('\n')[0]}`);
  process.exit(1);
});
