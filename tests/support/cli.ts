import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const LAUNCHER = join(ROOT, 'bin/duties.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `duties …` as a user types it, from the clone's root. Asynchronously: the engine answering it
 * may run in this process. The test's own catalogue file, engine address and token are cleared
 * first, so only `env` decides which engine it asks and as whom.
 */
export function runDuties(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: ROOT,
      env: { ...process.env, DUTY_CATALOGUE_FILE: undefined, DUTY_ENGINE_URL: undefined, DUTY_ENGINE_TOKEN: undefined, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `duties … --json` that must succeed quietly, parsed. */
export async function runDutiesJson(run: (args: string[]) => Promise<CliResult>, args: string[]): Promise<any> {
  const result = await run([...args, '--json']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout);
}
