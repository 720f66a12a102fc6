import { DEFAULT_PROCESS_DEFINITIONS, processClocks, processDefinitionOf, processDefinitionSchema, stageDue, stagesOfCycle, type ProcessCycleFacts } from '../../src/domain';

const facts = (overrides: Partial<ProcessCycleFacts> = {}): ProcessCycleFacts => ({
  cycle: 1,
  cycleStart: '2026-04-01',
  completed: {},
  setDates: {},
  responses: {},
  parties: [{ id: 'police' }, { id: 'health' }],
  paused: false,
  ...overrides,
});

test('the three processes are valid data, each stage with its basis and confidence', () => {
  expect(DEFAULT_PROCESS_DEFINITIONS.map((d) => [d.id, d.recurrence, d.stages.length])).toEqual([
    ['serious-violence-strategy', 'on-completion', 4],
    ['channel-assurance', 'yearly', 3],
    ['prevent-assurance', 'yearly', 1],
  ]);
  const svd = processDefinitionOf('serious-violence-strategy')!;
  expect(stagesOfCycle(svd, 1).map((s) => s.id)).toEqual(['needs-assessment', 'consultation', 'strategy-published']);
  expect(stagesOfCycle(svd, 2).map((s) => s.id)).toEqual(['annual-review']);
});

test('a definition that cannot run is refused with the path at fault', () => {
  const svd = processDefinitionOf('serious-violence-strategy')!;
  const broken = {
    ...svd,
    recurrence: 'none',
    stages: [
      { ...svd.stages[0]!, deadline: { kind: 'from-stage-completed', stage: 'consultation' } },
      { ...svd.stages[1]!, deadline: { kind: 'from-stage-due', stage: 'consultation' } },
      { ...svd.stages[3]!, id: 'needs-assessment' },
    ],
  };
  const result = processDefinitionSchema.safeParse(broken);
  expect(result.success).toBe(false);
  expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['recurrence', 'stages.0.deadline.stage', 'stages.1.deadline.stage', 'stages.2.id']);
});

test('due dates from the cycle start, a completed stage, another stage’s date, or a date set per cycle', () => {
  const svd = processDefinitionOf('serious-violence-strategy')!;
  const [assessment, consultation] = svd.stages;
  expect(stageDue(svd, facts(), assessment!)).toEqual({ date: '2026-10-01', source: 'rule' });
  expect(stageDue(svd, facts(), consultation!)).toBeUndefined();
  expect(stageDue(svd, facts({ completed: { 'needs-assessment': '2026-09-20' } }), consultation!)).toEqual({ date: '2026-11-15', source: 'rule' });

  const channel = processDefinitionOf('channel-assurance')!;
  const [draft, , returned] = channel.stages;
  expect(stageDue(channel, facts(), returned!)).toEqual({ date: '2026-05-10', source: 'fallback' });
  expect(stageDue(channel, facts({ cycleStart: '2026-06-01' }), returned!)).toEqual({ date: '2027-05-10', source: 'fallback' });
  expect(stageDue(channel, facts({ setDates: { returned: '2026-05-20' } }), draft!)).toEqual({ date: '2026-04-22', source: 'set' });
});

test('only the current stage runs a clock, with one per party still to respond, and none while paused', () => {
  const prevent = processDefinitionOf('prevent-assurance')!;
  expect(processClocks(prevent, facts({ responses: { statements: { police: '2026-04-02' } } })).map((c) => [c.name, c.due.date, c.reminderLeadDays])).toEqual([
    ['stage:statements', '2026-06-01', [7]],
    ['party:statements:health', '2026-06-01', [14, 3]],
  ]);
  expect(processClocks(prevent, facts({ paused: true }))).toEqual([]);
  const svd = processDefinitionOf('serious-violence-strategy')!;
  expect(processClocks(svd, facts({ completed: { 'needs-assessment': '2026-09-20' } })).map((c) => c.name)).toEqual(['stage:consultation', 'party:consultation:police', 'party:consultation:health']);
});
