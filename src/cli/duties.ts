import { Command } from 'commander';
import { CatalogueFileError } from '../catalogue/loadCatalogue';
import { UnknownRuleError } from '../domain';
import { addActionCommands } from './actionCommands';
import { addAssignmentCommands } from './assignmentCommands';
import { addDeadlineCommands } from './deadlineCommands';
import { addMeetingCommands } from './meetingCommands';
import { addProcessCommands } from './processCommands';
import { EngineClient, engineUrl, ENGINE_URL_VARIABLE } from './engineClient';
import { CommandError, EngineError, FAILURE_EXIT_CODE, UsageError, USAGE_EXIT_CODE } from './errors';
import { addRegistryCommands } from './registryCommands';
import { addReviewCommands } from './reviewCommands';

/**
 * `duties`: deadlines from the catalogue (offline), and bodies, people, assignments and review cases
 * through the running engine's API. Every mistake is one line on stderr: exit 2 for a bad call or a refused
 * request, 1 when the engine cannot be reached or fails.
 */
function buildProgram(): Command {
  const program = new Command('duties')
    .description('Statutory deadlines with their legal basis, and the duties assigned to bodies')
    .option('--catalogue <file>', 'council catalogue file (default: $DUTY_CATALOGUE_FILE, else council/catalogue.json if present)')
    .option('--url <url>', `the duty engine's address (default: $${ENGINE_URL_VARIABLE}, else http://127.0.0.1:3000)`);

  const client = () => new EngineClient(engineUrl(program.opts<{ url?: string }>().url));
  addDeadlineCommands(program);
  addRegistryCommands(program, client);
  addAssignmentCommands(program, client);
  addActionCommands(program, client);
  addMeetingCommands(program, client);
  addReviewCommands(program, client);
  addProcessCommands(program, client);

  const quiet = (command: Command, names: string) => {
    const usage = command === program ? 'duties [options] <command>' : `${names} ${command.usage()}`;
    // Errors and the help shown for a missing subcommand become one line; `--help` still prints in full.
    command.configureOutput({ outputError: () => undefined, writeErr: () => undefined });
    command.exitOverride((error) => {
      if (error.code === 'commander.help' && error.exitCode !== 0) {
        error.message = `expected a command: ${command.commands.map((sub) => sub.name()).filter((name) => name !== 'help').join(', ')}`;
      }
      throw new CommandError(error, usage);
    });
    for (const sub of command.commands) quiet(sub, `${names} ${sub.name()}`);
  };
  quiet(program, 'duties');
  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    // Commander would print the whole help to stderr here; one line says what was expected.
    if (argv.length === 0) throw new UsageError('expected a command (see duties --help); usage: duties [options] <command>');
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // --help ends through here too, with exit code 0.
    if (error instanceof CommandError && error.commanderError.exitCode === 0) return 0;
    if (
      error instanceof CommandError ||
      error instanceof UsageError ||
      error instanceof UnknownRuleError ||
      error instanceof RangeError ||
      error instanceof CatalogueFileError
    ) {
      process.stderr.write(`duties: ${error.message}\n`);
      return USAGE_EXIT_CODE;
    }
    if (error instanceof EngineError) {
      process.stderr.write(`duties: ${error.message}\n`);
      return FAILURE_EXIT_CODE;
    }
    process.stderr.write(`duties: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return FAILURE_EXIT_CODE;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
