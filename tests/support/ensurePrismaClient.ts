/**
 * Imported first by test helpers that use the Prisma client: generates
 * src/generated/prisma (git-ignored) when it is missing or stale, so
 * `npx jest` works on a fresh clone. A no-op costing a few ms when up to date.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePrismaClient } = require('../../scripts/prisma-generate.js') as {
  ensurePrismaClient(opts?: { force?: boolean; quiet?: boolean }): boolean;
};

ensurePrismaClient({ quiet: true });

export {};
