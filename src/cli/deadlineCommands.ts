import type { Command } from 'commander';
import { loadCatalogue } from '../catalogue/loadCatalogue';
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
  type BodySettings,
  type Catalogue,
} from '../domain';
import { UsageError } from './errors';
import { print, printJson } from './output';

/** `duties deadline|rules|holidays`: the catalogue's rules, offline. */

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

export function addDeadlineCommands(program: Command): void {
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
}
