import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Principal } from '../../src/auth/principal';
import type { PrismaClient } from '../../src/db/client';
import type { ReadModelDependencies } from '../../src/readModels';
import { registerErrorAnswers } from '../../src/server/api/errors';
import { startTestDatabase, type TestDatabase } from './database';
import { NOW, PEOPLE, readModelDeps, seedDashboard } from './dashboardSeed';

const principal = (person: (typeof PEOPLE)[keyof typeof PEOPLE], bodyIds: string[]): Principal => ({
  accountId: person.id.replace(/^0/, 'a'),
  personId: person.id,
  email: person.email,
  name: person.name,
  role: 'officer',
  bodyIds,
  via: 'session',
});

/** Who a request is, by its `x-test-principal` header. */
export const DASHBOARD_PRINCIPALS: Record<string, Principal> = {
  olu: principal(PEOPLE.olu, ['north-csp', 'north-sub']),
  sec: principal(PEOPLE.sec, ['north-csp', 'north-sub']),
  sam: principal(PEOPLE.sam, ['south-csp']),
};

export interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any;
}

export interface DashboardApi {
  db: TestDatabase;
  /** Errors the API answered with a 500: a test expects none. */
  unexpected: Error[];
  /** A real request (fastify's inject needs the ES-module-only `cookie` under jest), as one of DASHBOARD_PRINCIPALS or nobody. */
  as(who: string | undefined, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

/**
 * Some API routes on a real PostgreSQL with the dashboard's seed (seen at NOW), behind the API's
 * error answers; the principal is set from a test header by a stand-in for the auth plugin.
 */
export async function startDashboardApi(register: (app: FastifyInstance, deps: ReadModelDependencies) => void, seed?: (prisma: PrismaClient) => Promise<void>): Promise<DashboardApi> {
  const db = await startTestDatabase();
  await seedDashboard(db.prisma);
  await seed?.(db.prisma);
  const unexpected: Error[] = [];
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorAnswers(app, (error) => unexpected.push(error));
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-test-principal'];
    (request as { principal: Principal | null }).principal = typeof who === 'string' ? (DASHBOARD_PRINCIPALS[who] ?? null) : null;
  });
  register(app, readModelDeps(db.prisma, NOW));
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    db,
    unexpected,
    async as(who, method, url, payload) {
      const response = await fetch(`${baseUrl}${url}`, {
        method,
        headers: { ...(who ? { 'x-test-principal': who } : {}), ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
      // Keep a byte order mark (the CSV exports start with one): text() would drop it.
      const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      return { statusCode: response.status, headers: Object.fromEntries(response.headers), body, json: () => JSON.parse(body) };
    },
    async stop() {
      await app.close();
      await db.stop();
    },
  };
}

/** The stand-in API for a test file: started before its tests, stopped after, and no test may cause a 500. */
export function useDashboardApi(register: Parameters<typeof startDashboardApi>[0], seed?: Parameters<typeof startDashboardApi>[1]) {
  let api: DashboardApi | undefined;
  beforeAll(async () => {
    api = await startDashboardApi(register, seed);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
  });
  afterEach(() => expect(api!.unexpected.splice(0)).toEqual([]));
  return {
    as: ((...args) => api!.as(...args)) as DashboardApi['as'],
    get db(): TestDatabase {
      return api!.db;
    },
  };
}
