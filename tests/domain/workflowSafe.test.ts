import { bundleWorkflowCode } from '@temporalio/worker';

describe('src/domain inside a Temporal workflow', () => {
  it('bundles with the workflow sandbox rules (no Node built-ins, no disallowed modules)', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/deadlineWorkflow'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    expect(code).toContain('agendaDeadline');
    expect(code).toContain('clearDaysBefore');
  });
});
