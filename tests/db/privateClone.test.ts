// A clone inside a private directory (a home of mode 700, a `mktemp -d` folder), run as root: PostgreSQL runs as the
// postgres user, who cannot enter the clone, so it must not be asked to run the binaries installed there, and the
// clone's own data directory (npm start's .data/postgres) is served from inside.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blockingAncestor, postgresRunAs } from '../../src/embedded/postgresUser';

const ROOT = path.resolve(__dirname, '../..');
const isRoot = process.getuid?.() === 0;
const describeAsRoot = isRoot ? describe : describe.skip;

/**
 * A clone without a fresh install: the sources copied, node_modules a folder of symlinks into this checkout's.
 * A path through a symlink inside the private directory is still a path the postgres user cannot follow.
 */
function privateClone(): { privateDir: string; clone: string } {
  const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-private-'));
  fs.chmodSync(privateDir, 0o700);
  const clone = path.join(privateDir, 'clone');
  for (const entry of ['src', 'tests/db/fixtures', 'package.json', 'tsconfig.json']) {
    fs.cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true });
  }
  fs.mkdirSync(path.join(clone, 'node_modules'));
  for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(clone, 'node_modules', entry));
  }
  return { privateDir, clone };
}

describeAsRoot(`a clone in a private directory, run as root${isRoot ? '' : ' (skipped: only as root does PostgreSQL run as another user)'}`, () => {
  let privateDir: string;
  let clone: string;
  beforeAll(() => {
    ({ privateDir, clone } = privateClone());
  });
  afterAll(() => {
    if (privateDir) fs.rmSync(privateDir, { recursive: true, force: true });
  });

  test('a throw-away PostgreSQL initialises, starts and answers from binaries the postgres user can reach; the clone keeps its own data', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('tests', 'db', 'fixtures', 'throwawayAnswer.ts')], {
      cwd: clone,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as { installed: string; ran: string; dataDir: string; dataDirOwner: number; kept: unknown };
    const runAs = postgresRunAs();

    // The clone's own binaries are out of the postgres user's reach: running them is what failed with EACCES.
    expect(answer.installed.startsWith(`${clone}${path.sep}`)).toBe(true);
    expect(blockingAncestor(answer.installed, runAs)).toEqual({ dir: privateDir, mode: 0o700 });
    const direct = spawnSync(path.join(answer.installed, 'bin', 'initdb'), ['--version'], { uid: runAs.uid, gid: runAs.gid });
    expect((direct.error as NodeJS.ErrnoException | undefined)?.code).toBe('EACCES');

    expect(blockingAncestor(answer.ran, runAs)).toBeUndefined();
    expect(answer.dataDirOwner).toBe(runAs.uid);
    expect(fs.existsSync(answer.dataDir)).toBe(false); // stop() removed it

    expect(answer.kept).toEqual([{ v: 'in the clone' }]);
    expect(fs.existsSync(path.join(clone, '.data', 'postgres', 'PG_VERSION'))).toBe(true);
  }, 180_000);
});
