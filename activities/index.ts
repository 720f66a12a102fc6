import { createNotifyActivity, type NotifyDependencies } from './notify';
import { createRecordEventActivity } from './recordEvent';

export type ActivityDependencies = NotifyDependencies;

/** Every activity the worker registers, built over the real (or test) database, mail transport and clock. */
export function createActivities(deps: ActivityDependencies) {
  return {
    notify: createNotifyActivity(deps),
    recordEvent: createRecordEventActivity(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
