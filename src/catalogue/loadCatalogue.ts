import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CATALOGUE, resolveCatalogue, type Catalogue, type CatalogueIssue } from '../domain';

export const DEFAULT_CATALOGUE_FILE = 'council/catalogue.json';
export const CATALOGUE_FILE_VARIABLE = 'DUTY_CATALOGUE_FILE';

export class CatalogueFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly CatalogueIssue[],
  ) {
    super(`${file} is not a valid catalogue file; nothing in it was used:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
    this.name = 'CatalogueFileError';
  }
}

export interface CatalogueSource {
  /** An explicit file (e.g. a CLI flag); wins over the environment. */
  readonly file?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export interface LoadedCatalogue {
  readonly catalogue: Catalogue;
  /** The file the council's changes came from, or undefined when only the defaults apply. */
  readonly file?: string;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogueFileError(file, [{ path: '(file)', message: `cannot read it: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogueFileError(file, [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/**
 * The default catalogue with the council's file applied. The file is the explicit one, else
 * $DUTY_CATALOGUE_FILE, else council/catalogue.json if it exists (a file someone named must exist).
 */
export function loadCatalogue(source: CatalogueSource = {}): LoadedCatalogue {
  const cwd = source.cwd ?? process.cwd();
  const named = source.file ?? (source.env ?? process.env)[CATALOGUE_FILE_VARIABLE];
  const file = resolve(cwd, named ?? DEFAULT_CATALOGUE_FILE);
  if (named === undefined && !existsSync(file)) return { catalogue: DEFAULT_CATALOGUE };
  const resolution = resolveCatalogue(readJson(file));
  if (!resolution.ok) throw new CatalogueFileError(file, resolution.issues);
  return { catalogue: resolution.catalogue, file };
}
