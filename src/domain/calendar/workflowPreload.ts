import { warmNationalCalendar } from './calendarCache';

/**
 * Preloaded into the worker's reusable V8 context (bundlerOptions.preloadModules, see
 * src/temporal/worker.ts): the calendar modules then load once per worker, not once per workflow,
 * and the national calendar and its day-count indexes are built here, before the first workflow.
 *
 * Everything this imports is shared by every workflow of the worker and deep-frozen by the SDK:
 * it must be pure, hold no per-workflow state and import nothing that writes to its own module
 * objects (zod does; tests/domain/workflowSafe.test.ts checks the graph).
 */
warmNationalCalendar();
