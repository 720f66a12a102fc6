import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES, workflowsPath } from '../../src/temporal/worker';

// Every committed history must replay on today's workflow code: a change that would break
// running workflows fails here. Refresh with RECORD_HISTORIES=1 npx jest tests/integration.
jest.setTimeout(120_000);

const historiesDir = path.join(__dirname, 'histories');
const histories = fs
  .readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'))) }));

it('has committed histories to replay', () => {
  expect(histories.map((h) => h.workflowId)).toEqual(
    expect.arrayContaining([
      'deliverNotice.json',
      'dutyAssignment-rolling-year.json',
      'dutyAssignment-pause-resume.json',
      'dutyAssignment-ended.json',
      'dutyAssignment-rescheduled.json',
      'meeting.json',
      'action-escalated-done.json',
      'action-noted-moved-done.json',
      'action-escalation-chain.json',
      'weeklyActionDigest.json',
      'deathReview.json',
      'statutoryProcess-svd.json',
    ]),
  );
});

it('replays every committed history without a determinism error', async () => {
  const results = Worker.runReplayHistories({ workflowsPath, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES }, replayName: 'committed histories' }, histories);
  let replayed = 0;
  for await (const result of results) {
    expect({ workflowId: result.workflowId, error: result.error }).toEqual({ workflowId: result.workflowId, error: undefined });
    replayed++;
  }
  expect(replayed).toBe(histories.length);
});

it('catches a workflow change that would break running histories', async () => {
  const changed = require.resolve('./fixtures/reorderedDeliverNotice');
  const history = histories.find((h) => h.workflowId === 'deliverNotice.json')!.history;
  await expect(Worker.runReplayHistory({ workflowsPath: changed, replayName: 'reordered' }, history)).rejects.toThrow(
    DeterminismViolationError,
  );
});
