import fs from 'node:fs/promises';
import path from 'node:path';

export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** Creates the data directory if needed and proves it is writable, before any server puts files in it. */
export async function ensureWritableDataDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DataDirError(
      `the data directory ${dir} is not writable (${code}): fix its permissions or set DUTY_ENGINE_DATA_DIR to a writable directory`,
    );
  }
}
