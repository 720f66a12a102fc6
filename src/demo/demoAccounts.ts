import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createAccount } from '../auth/accounts';
import { issueApiToken } from '../auth/apiTokens';
import type { AccountRole } from '../auth/principal';
import type { PrismaClient } from '../db/client';

/**
 * Sign-ins for the demo county: one demo person per role, all with one password generated when the
 * demo loads (never a fixed one), and an API token for the CLI. Shown in the start output and kept
 * in `<data dir>/demo-sign-in.txt` (readable by its owner only), so a later start can show them again.
 * Only the demo does this: a real installation's first account comes from `duties admin create`.
 */
export const DEMO_ACCOUNTS: readonly { email: string; role: AccountRole }[] = [
  { email: 'simon.reid@example.org', role: 'admin' },
  { email: 'helen.marsh@example.org', role: 'manager' },
  { email: 'laura.bennett@example.org', role: 'secretary' },
  { email: 'owen.price@example.org', role: 'officer' },
  // Holds a named role of the demo review case (Public health DHR coordinator): the one officer who may read it.
  { email: 'joanna.webb@example.org', role: 'officer' },
  { email: 'margaret.lewis@example.org', role: 'viewer' },
];

export const DEMO_SIGN_IN_FILE = 'demo-sign-in.txt';

export interface DemoSignIn {
  password: string;
  accounts: { email: string; role: AccountRole }[];
  /** The admin's API token for `npx duties`. */
  token: string;
}

export async function createDemoAccounts(prisma: PrismaClient): Promise<DemoSignIn> {
  // 18 random bytes: 24 characters of base64url, easy to paste, far beyond guessing.
  const password = randomBytes(18).toString('base64url');
  for (const account of DEMO_ACCOUNTS) await createAccount({ ...account, password }, prisma);
  const admin = await prisma.person.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0]!.email }, include: { account: true } });
  const { token } = await issueApiToken({ accountId: admin.account!.id, name: 'demo-cli' }, { prisma });
  return { password, accounts: [...DEMO_ACCOUNTS], token };
}

/** The lines the start output shows for the demo's sign-ins. */
export function demoSignInLines(signIn: DemoSignIn, httpUrl: string | undefined): string[] {
  return [
    `  Demo sign-in:     ${httpUrl ?? 'the dashboard'} with password ${signIn.password} as any of`,
    ...signIn.accounts.map((account) => `                      ${account.email.padEnd(28)} (${account.role})`),
    `  Demo CLI token:   export DUTY_ENGINE_TOKEN=${signIn.token}`,
  ];
}

export async function saveDemoSignIn(dataDir: string, signIn: DemoSignIn): Promise<void> {
  await fs.writeFile(path.join(dataDir, DEMO_SIGN_IN_FILE), `${JSON.stringify(signIn, null, 2)}\n`, { mode: 0o600 });
}

export async function readDemoSignIn(dataDir: string): Promise<DemoSignIn | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, DEMO_SIGN_IN_FILE), 'utf8')) as DemoSignIn;
  } catch {
    return undefined;
  }
}
