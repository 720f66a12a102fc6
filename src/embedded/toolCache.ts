import os from 'node:os';
import path from 'node:path';

/**
 * Directory, outside the repository, where the duty engine keeps the tools it builds or downloads
 * (Temporal CLI, Java time-skipping test server): `$DUTY_ENGINE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/duty-engine`, else `~/.cache/duty-engine`.
 */
export function toolCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.DUTY_ENGINE_CACHE_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg) return path.resolve(xdg, 'duty-engine');
  return path.join(os.homedir(), '.cache', 'duty-engine');
}
