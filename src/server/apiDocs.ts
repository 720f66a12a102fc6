import { readFile } from 'node:fs/promises';
import path from 'node:path';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** Where the OpenAPI document and its browsable page are served. */
export const OPENAPI_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

// Swagger UI's own distribution; served from the package, nothing is fetched from elsewhere. (Not
// @fastify/swagger-ui: it needs @fastify/static, whose ES-module-only dependencies jest cannot load.)
const UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
} as const;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Statutory duty engine API</title>
<link rel="stylesheet" href="${API_DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${API_DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${API_DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
<script src="${API_DOCS_PATH}/init.js"></script>
</body>
</html>
`;

// A file, not an inline script, so a Content-Security-Policy of script-src 'self' lets it run.
const INIT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'list',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas (so it cannot drift from what
 * the API validates), at /api/openapi.json, and Swagger UI over it at /api/docs. Register before any
 * route: the document is built from the routes as they are added.
 */
export function registerApiDocs(app: FastifyInstance, version: string): void {
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Statutory duty engine API',
        description:
          "English councils' statutory duties, review cases, meetings and action plans. Every error answer is `{error, issues}`. " +
          'Writes accept an `Idempotency-Key` header. Calendar feeds under /feeds need no sign-in: the secret token in the URL is the key.',
        version,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.after(() => {
    app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
    app.get(API_DOCS_PATH, { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
    app.get(`${API_DOCS_PATH}/init.js`, { schema: { hide: true } }, async (_request, reply) => reply.type(UI_FILES['swagger-ui-bundle.js']).send(INIT));
    const distDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
    const cache = new Map<string, Promise<Buffer>>();
    for (const [file, type] of Object.entries(UI_FILES)) {
      app.get(`${API_DOCS_PATH}/${file}`, { schema: { hide: true } }, async (_request, reply) => {
        if (!cache.has(file)) cache.set(file, readFile(path.join(distDir, file)));
        return reply.type(type).header('cache-control', 'public, max-age=86400').send(await cache.get(file)!);
      });
    }
  });
}
