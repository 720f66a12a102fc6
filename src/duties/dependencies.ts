import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/client';
import type { Catalogue } from '../domain';

/** What the duty services need: the database, Temporal, the worker's task queue and the catalogue as it is now. */
export interface DutyDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  catalogue: () => Catalogue;
}
