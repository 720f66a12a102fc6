import { Prisma } from '../../src/db/client';
import { dateColumn } from '../../src/db/enums';
import { deadlinesFor, deadlinesPage, type Scope } from '../../src/readModels';
import { codeUnitKeySql, collate, collationKey, collationKeySql, isPlainIdSql } from '../../src/readModels/rows';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { NOW, PEOPLE, readModelDeps, seedDashboard } from '../support/dashboardSeed';

// deadlinesPage sorts the page in SQL: its keys must order ids exactly as `collate` does, and the
// ids they cannot order must send the page to the JavaScript merge.
let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
  await seedDashboard(db.prisma);
}, 120_000);
afterAll(() => db?.stop());

let seed = 11;
const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);

describe('ordering ids in SQL', () => {
  it('collationKeySql and codeUnitKeySql order plain ids as collate does; isPlainIdSql accepts exactly the ids collationKey keys', async () => {
    const plain = '-:0123456789abcdefghijklmnopqrstuvwxyz';
    const ids = [...new Set(Array.from({ length: 400 }, () => Array.from({ length: 1 + random(6) }, () => plain[random(random(2) ? 5 : plain.length)]).join('')))];
    const others = ['a_b', 'A', 'é', 'a.b', 'a b', 'act-B1', ''];
    const values = Prisma.join([...ids, ...others].map((id) => Prisma.sql`(${id}::text)`));
    const sorted = await db.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM (VALUES ${values}) v(id) WHERE ${isPlainIdSql(Prisma.raw('id'))} ORDER BY ${collationKeySql(Prisma.raw('id'))}`;
    expect(sorted.map((r) => r.id)).toEqual([...ids, ...others].filter((id) => collationKey(id) !== null).sort(collate));
    const noColon = await db.prisma.$queryRaw<{ id: string }[]>`SELECT id FROM (VALUES ${values}) v(id) WHERE ${isPlainIdSql(Prisma.raw('id'), false)} ORDER BY ${codeUnitKeySql(Prisma.raw('id'))}`;
    expect(noColon.map((r) => r.id)).toEqual([...ids, ...others].filter((id) => collationKey(id) !== null && !id.includes(':')).sort(collate));
  });

  it('pages actions whose ids are off the plain alphabet and tie on a date exactly as the full list (the JavaScript merge)', async () => {
    await db.prisma.body.create({ data: { id: 'odd-ids', name: 'Odd ids', kind: 'committee' } });
    const ids = ['act-Zeta', 'act-alpha', 'act-1:b', 'act-10', 'act-9', 'act-é', 'act-a-b', 'act-ab', 'act_x', 'act-B1', 'act-b1', 'act-b2'];
    await db.prisma.action.createMany({
      data: ids.map((id, i) => ({ id, bodyId: 'odd-ids', source: 'agreement' as const, title: id, ownerId: PEOPLE.olu.id, dueOn: dateColumn(i % 3 === 0 ? '2026-03-20' : '2026-03-10'), workflowId: `action:odd:${i}` })),
    });
    const deps = readModelDeps(db.prisma, NOW);
    const scope: Scope = { bodyIds: ['odd-ids'] };
    const range = { from: '2026-03-02', to: '2026-05-01' };
    const full = await deadlinesFor(deps, scope, range);
    expect(full).toHaveLength(ids.length);
    for (const limit of [1, 2, 5]) {
      const items = [];
      for (let page = 1; page <= Math.ceil(full.length / limit); page++) items.push(...(await deadlinesPage(deps, scope, { ...range, page, limit })).items);
      expect(items).toEqual(full);
    }
  });
});
