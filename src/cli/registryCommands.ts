import type { Command } from 'commander';
import { bodyKindSchema, bodyListSchema, bodySchema, createBodySchema } from '../contracts/api/bodies';
import { createPersonSchema, personListSchema, personSchema } from '../contracts/api/people';
import type { EngineClient } from './engineClient';
import { validRequest } from './engineClient';
import { UsageError } from './errors';
import { print, printJson, printTable } from './output';

/** `duties bodies …` and `duties people …`: who the duties belong to, over the engine's API. */

interface JsonOption {
  json?: boolean;
}

export function addRegistryCommands(program: Command, client: () => EngineClient): void {
  const bodies = program.command('bodies').description('the councils, partnerships, boards, committees and panels duties belong to');

  bodies
    .command('add')
    .description('add a body')
    .argument('<id>', 'a slug of lower-case letters, digits and hyphens, e.g. north-csp')
    .usage('<id> --name <name> [--kind <kind>] [--parent <id>] [--json]')
    .requiredOption('--name <name>', 'its name, e.g. "North Worcestershire CSP"')
    .option('--kind <kind>', `${bodyKindSchema.options.join(', ')}`, 'committee')
    .option('--parent <id>', 'the body it sits under')
    .option('--json', 'print the body as JSON')
    .action(async (id: string, options: { name: string; kind: string; parent?: string } & JsonOption) => {
      const fields = { id: '<id>', name: '--name', kind: '--kind', parent: '--parent' };
      const request = validRequest(createBodySchema, { id, name: options.name, kind: options.kind, ...(options.parent ? { parent: options.parent } : {}) }, fields);
      const body = await client().post('/api/bodies', request, bodySchema, fields);
      if (options.json) printJson(body);
      else print(`added ${body.id}: ${body.name} (${body.kind}${body.parent ? `, under ${body.parent}` : ''})`);
    });

  bodies
    .command('list')
    .description('list every body')
    .option('--json', 'print a JSON array')
    .action(async (options: JsonOption) => {
      const list = await client().get('/api/bodies', {}, bodyListSchema);
      if (options.json) printJson(list);
      else printTable(list, [['id', (b) => b.id], ['name', (b) => b.name], ['kind', (b) => b.kind], ['parent', (b) => b.parent]]);
    });

  const people = program.command('people').description('the people who own, manage and chair duties, and their roles in bodies');

  people
    .command('add')
    .description('add a person, optionally with a role in a body')
    .argument('<email>', 'their email address (stored lower-case)')
    .usage('<email> --name <name> [--body <id> --role <role>] [--manager <email>] [--json]')
    .requiredOption('--name <name>', 'their name')
    .option('--body <id>', 'a body they hold a role in')
    .option('--role <role>', 'their role there, as the catalogue names it, e.g. "Monitoring officer"')
    .option('--manager <email>', 'their line manager (added first), who gets the weekly digest of their overdue and at-risk actions')
    .option('--json', 'print the person as JSON')
    .action(async (email: string, options: { name: string; body?: string; role?: string; manager?: string } & JsonOption) => {
      if ((options.body === undefined) !== (options.role === undefined)) throw new UsageError('--body and --role go together: give both or neither');
      const fields = { email: '<email>', name: '--name', 'memberships.0.body': '--body', 'memberships.0.role': '--role', manager: '--manager' };
      const memberships = options.body !== undefined && options.role !== undefined ? [{ body: options.body, role: options.role }] : undefined;
      const request = validRequest(createPersonSchema, { email, name: options.name, ...(memberships ? { memberships } : {}), ...(options.manager ? { manager: options.manager } : {}) }, fields);
      const person = await client().post('/api/people', request, personSchema, fields);
      if (options.json) {
        printJson(person);
        return;
      }
      print(`added ${person.name} <${person.email}>${person.memberships.map((m) => `, ${m.role} in ${m.body}`).join('')}`);
      if (person.roleHint) print(`hint: ${person.roleHint}`);
    });

  people
    .command('list')
    .description('list everyone with their roles')
    .option('--json', 'print a JSON array')
    .action(async (options: JsonOption) => {
      const list = await client().get('/api/people', {}, personListSchema);
      if (options.json) printJson(list);
      else printTable(list, [['email', (p) => p.email], ['name', (p) => p.name], ['roles', (p) => p.memberships.map((m) => `${m.role} (${m.body})`).join('; ')]]);
    });
}
