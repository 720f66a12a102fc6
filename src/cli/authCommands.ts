import type { Command } from 'commander';
import { z } from 'zod';
import { AccountError, createAccount } from '../auth/accounts';
import { passwordProblem } from '../auth/passwords';
import { accountRoleSchema } from '../auth/principal';
import { apiTokenListSchema, apiTokenViewSchema, issuedApiTokenSchema } from '../contracts/api/auth';
import { ENGINE_TOKEN_VARIABLE, type EngineClient } from './engineClient';
import { EngineError, UsageError } from './errors';
import { readPassword } from './password';
import { withEngineDatabase } from './engineDatabase';

/**
 * `duties admin create <email>`: the first account, straight into the engine's database (no one
 * can sign in to the API yet); never with a default password.
 * `duties token create|list|revoke`: API tokens through the API.
 */
export function addAuthCommands(program: Command, client: () => EngineClient): void {
  const admin = program.command('admin').description('Accounts, straight in the database (for the first admin)');
  admin
    .command('create <email>')
    .description('Create an account (admin unless --role), asking for its password on the terminal or reading it from stdin')
    .option('--name <name>', 'their name, when no person has this email yet')
    .option('--role <role>', 'admin, manager, secretary, officer or viewer', 'admin')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (email: string, options: { name?: string; role: string; passwordStdin?: boolean }) => {
      const role = accountRoleSchema.safeParse(options.role);
      if (!role.success) throw new UsageError(`--role: expected one of ${accountRoleSchema.options.join(', ')}, got "${options.role}"`);
      if (!z.email().safeParse(email.trim()).success) throw new UsageError(`<email>: expected an email address, got "${email}"`);
      const password = await readPassword({ passwordStdin: options.passwordStdin, confirm: true });
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const created = await withEngineDatabase(async (prisma) => {
        try {
          return await createAccount({ email, role: role.data, password, ...(options.name ? { name: options.name } : {}) }, prisma);
        } catch (error) {
          if (error instanceof AccountError) throw new UsageError(error.message);
          throw error;
        }
      });
      process.stdout.write(
        `created the ${role.data} account ${created.email}\n` +
          `Sign in with it, or get an API token for this CLI:\n  duties token create cli --email ${created.email}\n  export ${ENGINE_TOKEN_VARIABLE}=<the token it prints>\n`,
      );
    });

  const token = program.command('token').description(`API tokens for the CLI and integrations (the CLI sends $${ENGINE_TOKEN_VARIABLE})`);
  token
    .command('create <name>')
    .description(`Issue a token for yourself: with $${ENGINE_TOKEN_VARIABLE}, or with --email and your password`)
    .option('--email <email>', 'your account, when you have no token yet (asks for the password)')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (name: string, options: { email?: string; passwordStdin?: boolean }) => {
      const engine = client();
      if (!engine.token && !options.email) throw new UsageError(`give --email <your account> (you have no ${ENGINE_TOKEN_VARIABLE} yet)`);
      const credentials = options.email ? { email: options.email, password: await readPassword({ passwordStdin: options.passwordStdin }) } : {};
      const issued = await engine.post('/api/tokens', { name, ...credentials }, issuedApiTokenSchema, { name: '<name>', email: '--email' });
      process.stdout.write(`${issued.token}\n`);
      process.stderr.write(`token "${issued.name}" (${issued.id}) for ${issued.email}: shown once; use it with\n  export ${ENGINE_TOKEN_VARIABLE}=${issued.token}\n`);
    });
  token
    .command('list')
    .description('Your tokens, revoked ones too')
    .action(async () => {
      const tokens = await client().get('/api/tokens', {}, apiTokenListSchema);
      const lines = tokens.map(
        (t) => `${t.id}  ${t.prefix}…  ${t.name}  created ${t.createdAt.slice(0, 16)}  ${t.revokedAt ? `revoked ${t.revokedAt.slice(0, 16)}` : `last used ${t.lastUsedAt?.slice(0, 16) ?? 'never'}`}`,
      );
      process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'no tokens\n');
    });
  token
    .command('revoke <id>')
    .description('Revoke a token by its id (see duties token list)')
    .action(async (id: string) => {
      const revoked = await client().post(`/api/tokens/${encodeURIComponent(id)}/revoke`, {}, apiTokenViewSchema, { id: '<id>' });
      process.stdout.write(`revoked token "${revoked.name}" (${revoked.id})\n`);
    });
}

