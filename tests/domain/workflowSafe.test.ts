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

describe('the modules preloaded into the worker (WORKFLOW_PRELOAD_MODULES)', () => {
  // The SDK shares them between all workflows of a worker and deep-freezes them: a module that writes
  // to its own objects (zod sets `lastIndex` on its shared regexes) would fail there, so the graph
  // must import only our own pure modules.
  it('import nothing but relative, zod-free modules', () => {
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const { dirname, resolve } = require('node:path') as typeof import('node:path');
    const { WORKFLOW_PRELOAD_MODULES } = require('../../src/temporal/worker') as typeof import('../../src/temporal/worker');
    const seen = new Set<string>();
    const bare: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*? from '([^']+)';/gm)) {
        if (!specifier!.startsWith('.')) bare.push(`${file}: ${specifier}`);
        else visit(require.resolve(resolve(dirname(file), specifier!)));
      }
    };
    for (const module of WORKFLOW_PRELOAD_MODULES) visit(module);
    expect(bare).toEqual([]);
    expect([...seen].map((file) => file.replace(/.*\/src\//, 'src/')).sort()).toEqual(
      expect.arrayContaining(['src/domain/calendar/bankHolidays.ts', 'src/domain/calendar/calendarCache.ts', 'src/domain/calendar/civilDate.ts', 'src/domain/calendar/dayKinds.ts']),
    );
  });
});
