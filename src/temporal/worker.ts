import { SdkComponent, type Logger as SdkLogger, type LogLevel as SdkLogLevel, type LogMetadata } from '@temporalio/common';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../../activities';

export const workflowsPath = require.resolve('../../workflows');

/**
 * Modules loaded once into the worker's reusable V8 context and shared by all its workflows: the
 * pure calendar, whose national calendar and day-count indexes every duty workflow needs and which
 * otherwise each workflow rebuilt in its first task (issue 9, start cost). The SDK deep-freezes them;
 * they must stay zod-free and hold no per-workflow state (see workflowPreload.ts).
 */
export const WORKFLOW_PRELOAD_MODULES = [require.resolve('../domain/calendar/workflowPreload')];

/** The workflow bundle every worker, test and benchmark runs: the engine's workflows with the shared calendar preloaded. */
export function bundleDutyWorkflows(opts: { workflowsPath?: string; logger?: SdkLogger } = {}) {
  return bundleWorkflowCode({ workflowsPath: opts.workflowsPath ?? workflowsPath, logger: opts.logger ?? bundlerLogger(), preloadModules: WORKFLOW_PRELOAD_MODULES });
}

/** The one worker of the engine: every workflow and activity on one task queue. */
export async function createDutyWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Workflows kept in memory between tasks (the sticky cache); 0 replays every task from history. */
  maxCachedWorkflows?: number;
  /**
   * Workflow tasks taken at once (SDK default 40). They queue for the one workflow thread, so on a
   * busy machine the last of 40 can wait past the 10 s workflow task timeout; fewer keeps each short.
   */
  maxConcurrentWorkflowTaskExecutions?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: opts.activities,
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...(opts.maxConcurrentWorkflowTaskExecutions !== undefined ? { maxConcurrentWorkflowTaskExecutions: opts.maxConcurrentWorkflowTaskExecutions } : {}),
    workflowBundle: opts.workflowBundle ?? (await bundleDutyWorkflows()),
  });
}

/**
 * The SDK's logger with INFO lowered to DEBUG: at INFO the bundler writes webpack's report of every
 * module it packed, thirty lines for whoever debugs the bundle, not for the operator.
 */
function bundlerLogger(): SdkLogger {
  const sdk = Runtime.instance().logger;
  const log = (level: SdkLogLevel, message: string, meta?: LogMetadata) =>
    sdk.log(level === 'INFO' ? 'DEBUG' : level, message, { sdkComponent: SdkComponent.worker, ...meta });
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}
