/**
 * Loads Prisma's WebAssembly schema engine (`@prisma/schema-engine-wasm`) so we
 * can diff and apply migrations without the native engine the Prisma CLI would
 * try to download (see /work/shared/INFRA.md).
 *
 * The package is ESM whose entry imports a `.wasm` module, which Node cannot
 * load, and jest (CommonJS) cannot load its `export` syntax either. So we read
 * the wasm-bindgen glue (`schema_engine_bg.js`, plain functions and one class,
 * no imports), turn its `export` declarations into a returned object, and
 * instantiate `schema_engine_bg.wasm` against it ourselves: the same steps as
 * the package entry (`__wbg_set_wasm(exports)`, `__wbindgen_start()`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { parseIntoClientConfig } from 'pg-connection-string';
import type * as Engine from '@prisma/schema-engine-wasm';

export type SchemaEngine = Engine.SchemaEngine;
export type {
  MigrationList,
  DiffTarget,
  SchemaFilter,
  SchemaContainer,
} from '@prisma/schema-engine-wasm';

// The project compiles with lib ES2022 only (no DOM), which has no WebAssembly types.
interface WasmInstance {
  exports: Record<string, unknown>;
}
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: WasmInstance }>;
};

type GlueModule = typeof Engine & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

let glue: Promise<GlueModule> | undefined;

function packageDir(): string {
  return path.dirname(require.resolve('@prisma/schema-engine-wasm'));
}

/** Evaluates the wasm-bindgen glue as a plain function and returns its exports. */
function evaluateGlue(source: string): Record<string, unknown> {
  const names: string[] = [];
  const body = source.replace(
    /^export\s+(function|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
    (_m, kind: string, name: string) => {
      names.push(name);
      return `${kind} ${name}`;
    },
  );
  if (/^\s*(import|export)\b/m.test(body)) {
    throw new Error('@prisma/schema-engine-wasm: unexpected import/export in schema_engine_bg.js (new package layout?)');
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(`"use strict";\n${body}\nreturn { ${names.join(', ')} };`) as () => Record<string, unknown>;
  return factory();
}

async function loadGlue(): Promise<GlueModule> {
  const dir = packageDir();
  const exportsObj = evaluateGlue(readFileSync(path.join(dir, 'schema_engine_bg.js'), 'utf8'));
  // The engine arms 10 s timers (e.g. the advisory-lock timeout it races its work
  // against) and never clears them, which kept the process (and jest) alive 10 s
  // after the work was done. Unref them; an opened engine holds its own
  // keep-alive handle until close() (see openSchemaEngine).
  for (const name of Object.keys(exportsObj)) {
    const fn = exportsObj[name];
    if (name.startsWith('__wbg_setTimeout_') && typeof fn === 'function') {
      exportsObj[name] = (...args: unknown[]) => {
        const timer = (fn as (...a: unknown[]) => unknown)(...args) as { unref?: () => void } | undefined;
        timer?.unref?.();
        return timer;
      };
    }
  }
  const mod = exportsObj as unknown as GlueModule;
  const bytes = readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': mod as unknown as Record<string, unknown>,
  });
  mod.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return mod;
}

/** The loaded engine module (instantiated once per process / jest module registry). */
export function loadSchemaEngineModule(): Promise<GlueModule> {
  if (!glue) {
    glue = loadGlue();
    glue.catch(() => {
      glue = undefined;
    });
  }
  return glue;
}

export interface OpenSchemaEngineOptions {
  /** Connection string of the database the engine works on. */
  databaseUrl: string;
  /** Prisma schema files as [path, content] (used by the engine for datasource/provider info). */
  datamodels: [string, string][];
  /** Receives the engine's log lines (JSON strings). */
  log?: (line: string) => void;
}

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection pool it opened. */
  close(): Promise<void>;
}

/**
 * Opens a schema engine connected to `databaseUrl` through `@prisma/adapter-pg`
 * (the engine connects at once: it always needs a reachable server).
 * A shadow database, when the engine needs one (e.g. to diff from a migrations
 * directory), is a temporary database created and dropped on the same server.
 */
export async function openSchemaEngine(opts: OpenSchemaEngineOptions): Promise<OpenedSchemaEngine> {
  const mod = await loadSchemaEngineModule();
  // Discrete connection fields, not `connectionString`: adapter-pg builds the
  // shadow database pool as `{ ...config, database: shadow }`, and pg lets a
  // connectionString override `database`, which would point the "shadow"
  // database at the real one.
  const config = { ...parseIntoClientConfig(opts.databaseUrl), allowExitOnIdle: true, idleTimeoutMillis: 1_000 };
  const inner = new PrismaPg(config);
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> => {
    const a = patchQueryable(await adapter);
    // dispose() may be called by the engine and by close(): run it once (a second one would DROP the shadow database again).
    const dispose = a.dispose.bind(a);
    let disposing: Promise<void> | undefined;
    a.dispose = () => (disposing ??= dispose());
    const startTransaction = a.startTransaction.bind(a);
    a.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
    opened.push(a);
    return a;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  const log = opts.log ?? (() => undefined);
  const engine = await mod.SchemaEngine.new(
    { datamodels: opts.datamodels },
    (line: string) => log(String(line)),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  // Keeps the process alive while the engine is open (its own timers are unref'd
  // and idle pool connections do not hold the event loop).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let closed = false;
  return {
    engine,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      engine.free();
      // dispose() ends the pools; a pool the engine already disposed rejects a second end(): ignore.
      await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)));
    },
  };
}

const PG_CHAR_OID = 18; // the internal one-byte "char" type of pg_catalog columns (relkind, contype, ...)
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character

/**
 * adapter-pg (7.10) has no mapping for PostgreSQL's internal `"char"` type and
 * fails with "Column type 'char' could not be deserialized from the database"
 * when the engine describes a schema (needed to diff from a migrations
 * directory). We hand such columns to the adapter as text and report them to
 * the engine as characters, which is what the native engine reads them as.
 */
function patchQueryable<T extends object>(queryable: T): T {
  const q = queryable as unknown as {
    performIO?: (query: unknown) => Promise<{ fields: { dataTypeID: number }[]; rows: unknown[] }>;
    queryRaw?: (query: unknown) => Promise<{ columnTypes: number[]; rows: unknown[] }>;
  };
  if (typeof q.performIO !== 'function' || typeof q.queryRaw !== 'function') return queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = q.performIO.bind(queryable);
  const queryRaw = q.queryRaw.bind(queryable);
  q.performIO = async (query) => {
    const result = await performIO(query);
    const indexes: number[] = [];
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        indexes.push(i);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (indexes.length > 0 && result.rows) charColumns.set(result.rows, indexes);
    return result;
  };
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    return result;
  };
  return queryable;
}

/** Unwraps the engine's error objects (`{ message, ... }` or JSON strings) into an Error with a readable message. */
export function engineError(action: string, err: unknown): Error {
  let message: string;
  // Engine errors arrive as Error, JSON strings or { message } objects.
  if (err instanceof Error) message = err.message;
  else if (typeof err === 'string') message = err;
  else if (err && typeof err === 'object' && 'message' in err) message = String((err as { message: unknown }).message);
  else message = JSON.stringify(err);
  try {
    const parsed = JSON.parse(message) as { message?: string; error?: string };
    message = parsed.message ?? parsed.error ?? message;
  } catch {
    // not JSON
  }
  message = message.replace(/\s+/g, ' ').trim();
  const e = new Error(`${action}: ${message}`);
  (e as Error & { cause?: unknown }).cause = err;
  return e;
}
