/**
 * The dashboard's read models: plain Prisma queries, each scoped by the bodies a principal may see,
 * each returning rows typed by the zod schemas in ./schemas. Pages, feeds and exports read only these.
 */
export * from './scope';
export * from './schemas';
export { type ReadModelDependencies, links } from './views';
export { deadlinesFor, deadlinesPage, deadlinesOptionsSchema, deadlinesPageOptionsSchema, compareDeadlines, type DeadlinesOptions, type DeadlinesPageOptions } from './deadlines';
export { overdueAndAtRisk, overdueItems, overdueOptionsSchema, overduePageOptionsSchema, type OverdueOptions, type OverduePageOptions } from './overdue';
export * from './paging';
export { bodyOverview, meetingView } from './bodyOverview';
export { complianceRecord } from './complianceRecord';
export { calendarMonth } from './calendarMonth';
