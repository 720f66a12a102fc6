/** The engine's workflows plus the no-op baseline the start benchmark compares against, bundled into one worker. */
import { sleep } from '@temporalio/workflow';

export * from '../workflows';

/** Does nothing but stay open, as an assignment waiting for its first reminder does. */
export async function benchNoop(): Promise<void> {
  await sleep('3650 days');
}
