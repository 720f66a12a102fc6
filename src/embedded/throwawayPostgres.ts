/**
 * Throw-away embedded PostgreSQL servers for tests and for `npm run db:migrate`
 * (which needs a server for Prisma's shadow database): a fresh data directory
 * in the PostgreSQL work directory (`<tmp>/duty-engine-<uid>`, which the user
 * PostgreSQL runs as can reach wherever the clone lives) on a free port,
 * non-durable settings, removed again by `stop()`.
 *
 * `initdb` costs about a second, so an initialised template cluster is cached
 * in `<work directory>/postgres-template/<key>` and copied for each server (the
 * key covers the PostgreSQL build and the initdb settings). The cache is
 * written atomically (copy, then rename), so concurrent test workers and
 * interrupted runs never see a partial template.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findFreePort } from './ports';
import { initialisePostgresCluster, startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import { postgresBinaries } from './postgresBinaries';
import { chownRecursive, postgresRunAs, postgresWorkDir } from './postgresUser';

const USER = 'postgres';
const PASSWORD = 'postgres';
/** Bump when the template's initdb settings change. */
const TEMPLATE_FORMAT = 1;

/**
 * Copies a directory tree, keeping modes and (as root) owners. `cp -a` is used
 * where it exists: Node's fs.cp takes ~2 s for a cluster that cp copies in 0.3 s.
 */
async function copyTree(src: string, dst: string): Promise<void> {
  if (os.platform() !== 'win32') {
    try {
      await promisify(execFile)('cp', ['-a', src, dst]);
      return;
    } catch {
      await fsp.rm(dst, { recursive: true, force: true });
    }
  }
  await fsp.cp(src, dst, { recursive: true });
}

function templateKey(): string {
  const bins = postgresBinaries();
  const st = fs.statSync(bins.postgres);
  return crypto
    .createHash('sha256')
    .update([TEMPLATE_FORMAT, bins.postgres, st.size, st.mtimeMs, USER, PASSWORD].join('\0'))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Path of a cached, initialised (never started) template cluster, creating it
 * when missing. Returns undefined (and callers run initdb) when the cache is not usable.
 */
export async function ensureTemplateCluster(log: (line: string) => void = () => undefined): Promise<string | undefined> {
  const dir = path.join(postgresWorkDir(), 'postgres-template', templateKey());
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return dir;
  const work = await fsp.mkdtemp(path.join(postgresWorkDir(), 'pg-template-'));
  const staging = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    await fsp.chmod(work, 0o755); // the postgres user must reach the cluster inside
    const started = Date.now();
    await initialisePostgresCluster(path.join(work, 'data'), { user: USER, password: PASSWORD, durable: false, log });
    await fsp.mkdir(path.dirname(dir), { recursive: true });
    await copyTree(path.join(work, 'data'), staging);
    try {
      await fsp.rename(staging, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err; // else: another process won the race
    }
    log(`cached a PostgreSQL template cluster in ${dir} (${Date.now() - started} ms)`);
    return dir;
  } catch (err) {
    log(`cannot cache a PostgreSQL template cluster in ${dir}: ${(err as Error).message}`);
    return undefined;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await fsp.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

export interface ThrowawayPostgres extends EmbeddedPostgres {
  /** Stops the server and deletes its data. */
  stop(): Promise<void>;
}

export interface ThrowawayPostgresOptions {
  database: string;
  log?: (line: string) => void;
  /** Skip the template cache (always run initdb). */
  noTemplate?: boolean;
}

/** Starts a non-durable PostgreSQL in a fresh temporary directory on a free port. */
export async function startThrowawayPostgres(opts: ThrowawayPostgresOptions): Promise<ThrowawayPostgres> {
  const log = opts.log ?? (() => undefined);
  const root = await fsp.mkdtemp(path.join(postgresWorkDir(), 'pg-'));
  const dataDir = path.join(root, 'data');
  try {
    await fsp.chmod(root, 0o755);
    const template = opts.noTemplate ? undefined : await ensureTemplateCluster(log);
    if (template) {
      await copyTree(template, dataDir);
      await fsp.chmod(dataDir, 0o700);
      const runAs = postgresRunAs();
      if (runAs.uid !== undefined && (await fsp.stat(dataDir)).uid !== runAs.uid) {
        chownRecursive(dataDir, runAs.uid, runAs.gid ?? runAs.uid);
      }
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await findFreePort();
      try {
        const pg = await startEmbeddedPostgres({ dataDir, port, database: opts.database, durable: false, user: USER, password: PASSWORD, log });
        return {
          ...pg,
          async stop() {
            try {
              await pg.stop();
            } finally {
              await fsp.rm(root, { recursive: true, force: true });
            }
          },
        };
      } catch (err) {
        lastError = err;
        if ((err as { code?: string }).code !== 'PORT_IN_USE') throw err; // raced for the port: try another
      }
    }
    throw lastError;
  } catch (err) {
    await fsp.rm(root, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}
