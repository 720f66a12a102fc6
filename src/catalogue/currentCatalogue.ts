import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue } from '../domain';
import { CATALOGUE_FILE_VARIABLE, DEFAULT_CATALOGUE_FILE, loadCatalogue, type CatalogueSource } from './loadCatalogue';

/**
 * The catalogue as it is now, read again only when the council's file changes (modification time
 * and size), so a worker picks up a council's edit for the next occurrence without a restart. A
 * file that has become invalid leaves the last good catalogue in use and is reported.
 */
export function currentCatalogueReader(source: CatalogueSource = {}, onInvalid: (message: string) => void = () => undefined): () => Catalogue {
  const file = resolve(source.cwd ?? process.cwd(), source.file ?? (source.env ?? process.env)[CATALOGUE_FILE_VARIABLE] ?? DEFAULT_CATALOGUE_FILE);
  let stamp = stampOf(file);
  let catalogue = loadCatalogue(source).catalogue;
  return () => {
    const now = stampOf(file);
    if (now !== stamp) {
      stamp = now;
      try {
        catalogue = loadCatalogue(source).catalogue;
      } catch (error) {
        onInvalid((error as Error).message);
      }
    }
    return catalogue;
  };
}

function stampOf(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}
