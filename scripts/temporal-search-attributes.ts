/**
 * `npm run temporal:search-attributes`: registers the duty search attributes (DutyId, BodyId,
 * DueDate, DutyStatus) on the Temporal cluster the configuration names, once, before the first
 * worker starts there. The embedded dev server registers them itself at start.
 */
import { Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../src/config/config';
import { DUTY_SEARCH_ATTRIBUTES } from '../src/contracts/searchAttributes';
import { temporalConnectionOptions } from '../src/temporal/connectionOptions';
import { registerDutySearchAttributes } from '../src/temporal/searchAttributes';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.temporal.server.kind === 'embedded') {
    process.stdout.write('The embedded Temporal dev server registers the duty search attributes when `npm start` starts it; set TEMPORAL_ADDRESS to register them on another cluster.\n');
    return;
  }
  const options = temporalConnectionOptions(config.temporal.server);
  const connection = await Connection.connect({ ...options, connectTimeout: '10 seconds' });
  try {
    const added = await registerDutySearchAttributes(connection, config.temporal.namespace);
    const names = DUTY_SEARCH_ATTRIBUTES.map((key) => `${key.name} (${key.type})`).join(', ');
    process.stdout.write(
      added.length > 0
        ? `registered ${added.join(', ')} on ${options.address}, namespace ${config.temporal.namespace}; all of ${names} are now there\n`
        : `${names} were already registered on ${options.address}, namespace ${config.temporal.namespace}\n`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`temporal:search-attributes: ${error instanceof ConfigError ? `configuration error: ${error.message}` : error.message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
