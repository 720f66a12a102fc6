/**
 * The dashboard's read models: plain Prisma queries, each scoped by the bodies a principal may see,
 * each returning rows typed by the zod schemas in ./schemas. Pages, feeds and exports read only these.
 */
export * from './scope';
export * from './schemas';
export { type ReadModelDependencies, links } from './views';
export { deadlinesFor, deadlinesOptionsSchema, compareDeadlines, type DeadlinesOptions } from './deadlines';
export { overdueAndAtRisk, overdueOptionsSchema, type OverdueOptions } from './overdue';
export { bodyOverview, meetingView } from './bodyOverview';
export { complianceRecord } from './complianceRecord';
export { calendarMonth } from './calendarMonth';
