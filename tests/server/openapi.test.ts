import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { createPrismaClient, type PrismaClient } from '../../src/db/client';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { buildHttpServer } from '../../src/server/http';

// The OpenAPI document is generated from the routes' zod schemas: it must be valid and name every route.
/**
 * @apidevtools/swagger-parser is an ES module, which jest's CommonJS runtime cannot load: Node runs it
 * in a child process instead, on the document written to a file. Answers `valid` or the reason.
 */
async function validateOpenApi(document: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const script = `import SwaggerParser from '@apidevtools/swagger-parser';
      SwaggerParser.validate(process.argv[1]).then(() => console.log('valid'), (error) => console.log(error.message));`;
    return await new Promise((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script, file], { cwd: join(__dirname, '../..') }, (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout.trim()),
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let app: FastifyInstance;
let prisma: PrismaClient;
let baseUrl: string;
const routes: { method: string; url: string }[] = [];

beforeAll(async () => {
  // Nothing here touches the database or Temporal: the client connects lazily, and never does.
  prisma = createPrismaClient('postgresql://nobody@127.0.0.1:1/none');
  app = buildHttpServer({ prisma, temporal: {} as Client, taskQueue: 'docs', catalogue: () => DEFAULT_CATALOGUE, checks: {}, inboxDir: '/nonexistent' });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await prisma?.$disconnect();
});

it('serves a valid OpenAPI 3.1 document with every API route, its parameters and error answers', async () => {
  const response = await fetch(`${baseUrl}/api/openapi.json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> };
  expect(document.openapi).toBe('3.1.0');
  expect(await validateOpenApi(document)).toBe('valid');
  // The validator can fail: a path parameter the path does not name is refused.
  const broken = structuredClone(document);
  broken.paths['/api/bodies/{id}']!.get!.parameters = [{ name: 'nope', in: 'path' }];
  expect(await validateOpenApi(broken)).not.toBe('valid');

  const documented = new Set(Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
  const served = routes
    .filter((route) => route.method !== 'HEAD' && (route.url.startsWith('/api/') || route.url.startsWith('/feeds/')) && !route.url.startsWith('/api/docs') && route.url !== '/api/openapi.json')
    .map((route) => `${route.method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
  expect(served.length).toBeGreaterThan(40);
  expect(served.filter((route) => !documented.has(route))).toEqual([]);

  expect(document.paths['/api/assignments/{id}/outcome']!.post!.parameters).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path' }), expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
  );
  expect(Object.keys(document.paths['/api/exports/compliance.csv']!.get!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
  expect(document.paths['/api/actions']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['body', 'owner', 'status', 'rag', 'overdue']));
});

it('serves a browsable page of the API', async () => {
  const page = await fetch(`${baseUrl}/api/docs`, { redirect: 'follow' });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('swagger-ui-bundle.js');
  const bundle = await fetch(`${baseUrl}/api/docs/swagger-ui-bundle.js`);
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await fetch(`${baseUrl}/api/docs/init.js`)).status).toBe(200);
});
