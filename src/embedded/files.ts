import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** True when `file` is a regular file this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable called `command` on `$PATH`, like `command -v`. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Writes `content` to a temporary sibling of `file` and renames it into place, so `file` is never half-written. */
export function writeFileAtomic(file: string, content: string, mode = 0o644): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(tmp, content, { mode });
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Removes leftovers of interrupted builds: entries of `dir` whose name starts with `prefix` and that were last
 * modified more than `maxAgeMs` ago (a build still under way in another process is younger than that).
 */
export function removeStaleTempEntries(dir: string, prefix: string, maxAgeMs = 6 * 60 * 60 * 1000): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const entry = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(entry).mtimeMs > maxAgeMs) fs.rmSync(entry, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: ignore.
    }
  }
}
