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

describe('what a workflow evaluates when it starts', () => {
  // The SDK evaluates a workflow's modules afresh for every workflow, so zod and the contracts'
  // schemas load on a workflow's first Update (workflows/contracts.ts), not at its start.
  it('is zod-free: every module the workflows import at run time, and theirs, leaves zod out', () => {
    const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const { dirname, join, resolve } = require('node:path') as typeof import('node:path');
    const workflowsDir = resolve(__dirname, '../../workflows');
    const valueImports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?!type )([^;]*?) from '([^']+)';/gms)]
        // `import { type A, type B }` is erased like `import type`.
        .filter(([, names]) => !/^\{[^}]*\}$/s.test(names!.trim()) || names!.replace(/[{}\s]/g, '').split(',').some((name) => name && !name.startsWith('type')))
        .map(([, , specifier]) => specifier!);
    const chains: string[] = [];
    const seen = new Set<string>();
    const visit = (file: string, path: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of valueImports(file)) {
        if (specifier === 'zod' || specifier.startsWith('zod/')) chains.push([...path, file].map((f) => f.replace(/.*\/(src|workflows)\//, '$1/')).join(' > '));
        else if (specifier.startsWith('.')) visit(require.resolve(resolve(dirname(file), specifier)), [...path, file]);
      }
    };
    const workflowModules = readdirSync(workflowsDir).filter((name) => name.endsWith('.ts'));
    expect(workflowModules).toEqual(expect.arrayContaining(['dutyAssignment.ts', 'deathReview.ts', 'meeting.ts', 'statutoryProcess.ts', 'action.ts', 'contracts.ts']));
    for (const name of workflowModules) visit(join(workflowsDir, name), []);
    expect(chains).toEqual([]);
    // The check follows the contracts' own imports, so it would see zod there: the contracts are only required lazily.
    expect([...seen].some((file) => file.endsWith('/src/contracts/dutyAssignment.ts'))).toBe(false);
    expect(valueImports(require.resolve('../../src/contracts/dutyAssignment'))).toContain('zod');
  });
});
