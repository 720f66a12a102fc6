import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresBinaries } from '../../src/embedded/postgresBinaries';
import { blockingAncestor, ensureOwnDirectory, postgresRunAs, postgresWorkDir } from '../../src/embedded/postgresUser';

const isRoot = process.getuid?.() === 0;
let scratch: string;
beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-work-dir-'));
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('ensureOwnDirectory', () => {
  test('creates the directory with the mode asked for, whatever the umask', () => {
    const previous = process.umask(0o077);
    try {
      ensureOwnDirectory(path.join(scratch, 'new'), 0o755);
    } finally {
      process.umask(previous);
    }
    expect(mode(path.join(scratch, 'new'))).toBe(0o755);
  });

  test('accepts an existing directory of its own and gives it the mode asked for', () => {
    fs.mkdirSync(path.join(scratch, 'old'), { mode: 0o700 });
    ensureOwnDirectory(path.join(scratch, 'old'), 0o755);
    expect(mode(path.join(scratch, 'old'))).toBe(0o755);
  });

  test('refuses a directory others can write to, and leaves it as it was', () => {
    const dir = path.join(scratch, 'open');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    expect(() => ensureOwnDirectory(dir, 0o755)).toThrow(`refusing to run PostgreSQL from ${dir}: it is writable by others (mode 777)`);
    expect(mode(dir)).toBe(0o777);
  });

  test('refuses a symbolic link, even to a directory of its own', () => {
    fs.mkdirSync(path.join(scratch, 'target'));
    fs.symlinkSync(path.join(scratch, 'target'), path.join(scratch, 'link'));
    expect(() => ensureOwnDirectory(path.join(scratch, 'link'), 0o755)).toThrow(/it is a symbolic link; remove it/);
  });

  (isRoot ? test : test.skip)(`refuses a directory planted by another user${isRoot ? '' : ' (skipped: only root can plant one here)'}`, () => {
    const dir = path.join(scratch, 'planted');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chownSync(dir, 65534, 65534);
    expect(() => ensureOwnDirectory(dir, 0o755)).toThrow(/it is owned by uid 65534, not 0; remove it/);
  });
});

describe('the PostgreSQL work directory', () => {
  test('is enterable by the user PostgreSQL runs as, and writable by nobody else', () => {
    const runAs = postgresRunAs();
    const dir = postgresWorkDir(runAs);
    expect(path.basename(dir)).toBe(`duty-engine-${process.getuid?.()}`);
    expect(blockingAncestor(path.join(dir, 'cluster'), runAs)).toBeUndefined();
    expect(mode(dir)).toBe(isRoot ? 0o755 : 0o700);
  });

  test('holds binaries that the user PostgreSQL runs as can execute', () => {
    const runAs = postgresRunAs();
    const { postgres, initdb } = postgresBinaries(runAs);
    if (isRoot) {
      const copy = path.dirname(path.dirname(postgres));
      expect(path.dirname(copy)).toBe(postgresWorkDir(runAs));
      const modes = new Set<string>();
      const walk = (p: string): void => {
        const st = fs.lstatSync(p);
        if (st.isSymbolicLink()) return;
        modes.add((st.mode & 0o777).toString(8));
        if (st.isDirectory()) for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
      };
      walk(copy);
      expect([...modes].sort()).toEqual(['644', '755']);
    }
    for (const binary of [postgres, initdb]) {
      const run = spawnSync(binary, ['--version'], { ...runAs, encoding: 'utf8' });
      expect(run.error).toBeUndefined();
      expect(run.stdout).toMatch(/\(PostgreSQL\) \d+/);
    }
  });
});
