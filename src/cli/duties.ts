import { Command, CommanderError } from 'commander';
import { CatalogueFileError, loadCatalogue } from '../catalogue/loadCatalogue';
import {
  dayKindSchema,
  deadlineFor,
  FIRST_CALENDAR_YEAR,
  formatLongDate,
  holidayCalendarOf,
  holidaysInYear,
  LAST_CALENDAR_YEAR,
  parseIsoDate,
  tryParseIsoDate,
  UnknownRuleError,
  type BodySettings,
  type Catalogue,
} from '../domain';

/** A mistake in how the command was called: exit code 2 and one line saying what was expected. */
class UsageError extends Error {}

const USAGE_EXIT_CODE = 2;

/** Commander's own error, with the usage of the command that was being parsed. */
class CommandError extends Error {
  constructor(
    readonly commanderError: CommanderError,
    usage: string,
  ) {
    super(`${commanderError.message.replace(/^error: /, '')}; usage: ${usage}`);
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

function catalogueFrom(program: Command): Catalogue {
  const { catalogue } = program.opts<{ catalogue?: string }>();
  return loadCatalogue({ file: catalogue }).catalogue;
}

interface DeadlineOptions {
  readonly from: string;
  readonly dayKind?: string;
  readonly json?: boolean;
}

function bodySettings(dayKind: string | undefined): BodySettings {
  if (dayKind === undefined) return {};
  const parsed = dayKindSchema.safeParse(dayKind);
  if (!parsed.success) throw new UsageError(`--day-kind: expected one of ${dayKindSchema.options.join(', ')}, got "${dayKind}"`);
  return { dayKind: parsed.data };
}

function deadlineCommand(program: Command, ruleId: string, options: DeadlineOptions): void {
  if (tryParseIsoDate(options.from) === undefined) {
    throw new UsageError(`--from: expected a real date written YYYY-MM-DD, got "${options.from}"`);
  }
  const deadline = deadlineFor(catalogueFrom(program), ruleId, options.from, bodySettings(options.dayKind));
  if (options.json) printJson(deadline);
  else print(deadline.summary);
}

function rulesCommand(program: Command, options: { json?: boolean }): void {
  const { rules } = catalogueFrom(program);
  if (options.json) {
    printJson(rules);
    return;
  }
  for (const rule of rules) {
    print(`${rule.id} (${rule.confidence}): ${rule.title}. --from is ${rule.anchor.meaning}. Basis: ${rule.basis.citation}`);
  }
}

function holidaysCommand(program: Command, yearText: string, options: { json?: boolean }): void {
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw new UsageError(`<year>: expected a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, got "${yearText}"`);
  }
  const holidays = holidaysInYear(holidayCalendarOf(catalogueFrom(program)), year);
  if (options.json) {
    printJson(holidays);
    return;
  }
  for (const holiday of holidays) {
    print(`${formatLongDate(parseIsoDate(holiday.date))}: ${holiday.name} [${holiday.source}: ${holiday.authority}]`);
  }
}

function buildProgram(): Command {
  const program = new Command('duties')
    .description('Statutory deadlines with their legal basis')
    .option('--catalogue <file>', 'council catalogue file (default: $DUTY_CATALOGUE_FILE, else council/catalogue.json if present)');

  program
    .command('deadline')
    .description("compute a rule's deadline from its anchor date")
    .argument('<rule-id>', 'a deadline rule id (see `duties rules`)')
    .usage('<rule-id> --from <YYYY-MM-DD> [--day-kind <kind>] [--json]')
    .requiredOption('--from <YYYY-MM-DD>', "the rule's anchor date, e.g. the meeting date")
    .option(
      '--day-kind <kind>',
      'how the body reads clear days for meeting papers: working (Monday to Friday, not bank holidays), calendar, ' +
        'not-sunday-or-holiday-break (not Sundays or days of the Christmas, Easter and bank holiday breaks: ' +
        'Local Government Act 1972 s243, for parish councils) or not-sunday-or-holiday (not Sundays or bank holidays only)',
    )
    .option('--json', 'print one JSON object')
    .action((ruleId: string, options: DeadlineOptions) => deadlineCommand(program, ruleId, options));

  program
    .command('rules')
    .description('list every deadline rule with its basis and confidence')
    .option('--json', 'print a JSON array')
    .action((options: { json?: boolean }) => rulesCommand(program, options));

  program
    .command('holidays')
    .description("list a year's bank holidays in England and Wales and where each comes from")
    .argument('<year>', 'e.g. 2025')
    .usage('<year> [--json]')
    .option('--json', 'print a JSON array')
    .action((year: string, options: { json?: boolean }) => holidaysCommand(program, year, options));

  for (const command of [program, ...program.commands]) {
    command.configureOutput({ outputError: () => undefined });
    command.exitOverride((error) => {
      throw new CommandError(error, command === program ? 'duties [options] <command>' : `duties ${command.name()} ${command.usage()}`);
    });
  }
  return program;
}

function main(argv: readonly string[]): number {
  try {
    // Commander would print the whole help to stderr here; one line says what was expected.
    if (argv.length === 0) throw new UsageError('expected a command (deadline, rules or holidays); usage: duties [options] <command>');
    buildProgram().parse([...argv], { from: 'user' });
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
    process.stderr.write(`duties: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
