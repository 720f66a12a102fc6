// Prisma 7 configuration, read by the Prisma CLI (`prisma generate`,
// `prisma migrate deploy`, ...). The app itself does not read this file: it
// applies migrations with src/db/migrations.ts.
//
// With the normal Prisma CLI:  DATABASE_URL=postgresql://... npx prisma migrate deploy
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Optional for `prisma generate`; required by migrate/introspection commands.
  datasource: { url: process.env.DATABASE_URL },
});
