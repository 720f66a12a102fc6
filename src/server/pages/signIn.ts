import type { FastifyInstance } from 'fastify';
import type { DutyDependencies } from '../../duties/dependencies';

export function registerSignIn(_app: FastifyInstance, _deps: DutyDependencies): void {}
