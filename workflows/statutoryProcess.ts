import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Activities } from '../activities';
import { FailureType } from '../src/contracts/failures';
import { BodyIdAttribute, DueDateAttribute } from '../src/contracts/searchAttributes';
import type {
  CompleteStage,
  PauseProcess,
  ProcessState,
  ReassignStage,
  RecordResponse,
  ResumeProcess,
  SetStageDate,
  StatutoryProcessInput,
  StatutoryProcessResult,
} from '../src/contracts/statutoryProcess';
import { statutoryProcessContract } from './contracts';
import type { ProcessStepKind } from '../src/contracts/statutoryProcessActivities';
import { clockNoticesDue, clocksPlan, nextClockPoint, type ClockNotice } from '../src/domain/duties/clockPlan';
import { deadlinePassesAt, londonToday } from '../src/domain/duties/noticePlan';
import { clockSubject, currentStage, nextCycleStart, processClocks, stageDue, stagesOfCycle, type ProcessCycleFacts } from '../src/domain/processes/processClocks';
import type { ProcessStage } from '../src/domain/processes/processDefinition';
import { failedWith } from './activityFailures';
import { parsePayload, refuse, refuseField } from './updates';

export const completeStageUpdate = wf.defineUpdate<ProcessState, [CompleteStage]>('completeStage');
export const recordResponseUpdate = wf.defineUpdate<ProcessState, [RecordResponse]>('recordResponse');
export const setStageDateUpdate = wf.defineUpdate<ProcessState, [SetStageDate]>('setStageDate');
export const reassignStageUpdate = wf.defineUpdate<ProcessState, [ReassignStage]>('reassignStage');
export const pauseProcessUpdate = wf.defineUpdate<ProcessState, [PauseProcess]>('pauseProcess');
export const resumeProcessUpdate = wf.defineUpdate<ProcessState, [ResumeProcess]>('resumeProcess');
export const processStateQuery = wf.defineQuery<ProcessState>('processState');

/** One workflow per process a body runs; it survives every cycle (continue-as-new keeps the id). */
export function statutoryProcessWorkflowId(bodyId: string, definitionId: string): string {
  return `process:${bodyId}:${definitionId}`;
}

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A database or mail server that is down for a while must not lose a step or a notice: keep retrying, slowly.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Runs a statutory process given as data, one cycle per run: its stages in order, the current
 * stage's clock (reminders to its owner, escalation to the body's role holders), and for a
 * collection one clock per party that has not responded. Each step is a validated Update recorded
 * with its audit event. When the cycle's last stage is completed the next cycle starts as a new run
 * (the id stays; every key carries the cycle), or the process ends if it does not recur.
 */
export async function statutoryProcess(raw: StatutoryProcessInput): Promise<StatutoryProcessResult> {
  // Parsed for its defaults (a definition posted as data omits offsets and dates), so unlike the other
  // workflows this one loads its contract at its start: a body runs a few processes, not thousands.
  const input = statutoryProcessContract().statutoryProcessInputSchema.parse(raw);
  const { definition, processId, cycle } = input;
  const keyPrefix = `process:${processId}/cycle:${cycle}`;
  const stages = stagesOfCycle(definition, cycle);
  const completed: Record<string, { date: string; outcome: string; evidence?: string }> = {};
  const responses: Record<string, Record<string, { date: string; note?: string }>> = {};
  const setDates: Record<string, string> = { ...input.dates };
  const owners: Record<string, string> = { ...input.owners };
  let pause = input.pause;
  const handled = new Set<string>();
  let steps = 0;
  let wake = false;
  let ended = false;

  const facts = (): ProcessCycleFacts => ({
    cycle,
    cycleStart: input.cycleStart,
    completed: Object.fromEntries(Object.entries(completed).map(([stage, done]) => [stage, done.date])),
    setDates,
    responses: Object.fromEntries(Object.entries(responses).map(([stage, byParty]) => [stage, Object.fromEntries(Object.entries(byParty).map(([party, r]) => [party, r.date]))])),
    parties: input.parties,
    paused: pause !== undefined,
  });
  const current = () => currentStage(definition, facts());
  const cycleClosed = () => current() === undefined;
  const plans = () => clocksPlan(processClocks(definition, facts()));

  const state = (): ProcessState => {
    const running = plans().map((plan) => ({ ...plan, points: plan.points.filter((point) => point.kind !== 'due-soon') }));
    const next = nextClockPoint(running, handled);
    const at = current();
    return {
      processId,
      bodyId: input.bodyId,
      definitionId: definition.id,
      title: definition.title,
      cycle,
      cycleStart: input.cycleStart,
      status: ended ? 'ended' : pause ? 'paused' : 'active',
      ...(at ? { currentStage: at.id } : {}),
      ...(pause ? { pause } : {}),
      stages: stages.map((stage) => {
        const due = stageDue(definition, facts(), stage);
        const done = completed[stage.id];
        return {
          id: stage.id,
          title: stage.title,
          kind: stage.kind,
          ownerRole: stage.ownerRole,
          ...(owners[stage.id] ? { owner: owners[stage.id] } : {}),
          confidence: stage.confidence,
          basis: stage.basis.citation,
          ...(due ? { due: due.date, dueSource: due.source } : {}),
          ...(done ? { completedOn: done.date, outcome: done.outcome, ...(done.evidence ? { evidence: done.evidence } : {}) } : {}),
          ...(stage.kind === 'collection'
            ? {
                responses: input.parties.map((party) => {
                  const response = responses[stage.id]?.[party.id];
                  return { party: party.id, name: party.name, ...(response ? { respondedOn: response.date, ...(response.note ? { note: response.note } : {}) } : {}) };
                }),
              }
            : {}),
        };
      }),
      ...(next ? { nextNotice: { clock: next.clock, step: next.point.step, kind: next.point.kind, at: new Date(next.point.at).toISOString() } } : {}),
    };
  };

  /** The current stage's date, for lists: `DueDate = …` in the Temporal UI. */
  const publish = () => {
    const at = current();
    const due = at ? stageDue(definition, facts(), at) : undefined;
    wf.upsertSearchAttributes([{ key: BodyIdAttribute, value: input.bodyId }, ...(due ? [{ key: DueDateAttribute, value: new Date(deadlinePassesAt({ date: due.date })) }] : [])]);
  };

  /** Persists a step under a key derived here (process, cycle, step), so a retry or replay writes it once. */
  const record = async (kind: ProcessStepKind, detail: Record<string, unknown> & { stage?: string; date?: string; by?: string }) => {
    steps += 1;
    const { nextNotice: _next, ...now } = state();
    const { by, date, stage, ...rest } = detail;
    await activities.recordProcessStep({
      idempotencyKey: `${keyPrefix}/step:${steps}:${kind}`,
      processId,
      kind,
      ...(stage ? { stage } : {}),
      ...(date ? { date } : {}),
      ...(by ? { by } : {}),
      detail: rest,
      state: now,
    });
    wake = true;
    publish();
    return state();
  };

  const sendNotice = async ({ clock, notice, fellDueAt }: ClockNotice) => {
    const { stage: stageId } = clockSubject(clock);
    const stage = stages.find((candidate) => candidate.id === stageId);
    const due = stage ? stageDue(definition, facts(), stage) : undefined;
    if (!due) return;
    try {
      await activities.sendProcessNotice({
        idempotencyKey: `${keyPrefix}/${clock}/due:${due.date}/${notice.step}`,
        processId,
        cycle,
        cycleStart: input.cycleStart,
        clock,
        due: due.date,
        notice,
        ...(owners[stageId] ? { owner: owners[stageId] } : {}),
        at: fellDueAt,
      });
    } catch (error) {
      // A refused email must not stop the process: the outbox row keeps the refusal for people to see.
      if (!failedWith(error, FailureType.NoticeRefused)) throw error;
      wf.log.warn('a process notice was refused by the mail server', { processId, clock, step: notice.step });
    }
  };

  const today = () => londonToday(Date.now());
  /** A step's date: not in the future, not before the cycle started. */
  const checkDate = (date: string) => {
    if (date > today()) refuseField('date', `${date} is in the future`);
    if (date < input.cycleStart) refuseField('date', `${date} is before cycle ${cycle} started on ${input.cycleStart}`);
  };
  const stageOf = (id: string): ProcessStage => {
    const stage = stages.find((candidate) => candidate.id === id);
    if (!stage) refuseField('stage', `expected a stage of cycle ${cycle} of ${definition.id}: ${stages.map((s) => s.id).join(', ')}`);
    return stage;
  };
  /** Only the current stage takes a step: stages run in order. */
  const requireCurrent = (id: string): ProcessStage => {
    const stage = stageOf(id);
    if (completed[id]) refuse(`${id} was already completed on ${completed[id].date}`);
    const at = current();
    if (at && at.id !== id) refuse(`${id} comes after ${at.id}, which is not completed yet`);
    return stage;
  };
  const clearHandled = () => handled.clear();

  function step<Payload, Schema extends z.ZodType>(
    update: UpdateDefinition<ProcessState, [Payload]>,
    /** A getter, so the contract loads on the first Update, not at the workflow's start. */
    schema: () => Schema,
    check: (payload: z.output<Schema>) => void,
    apply: (payload: z.output<Schema>) => [ProcessStepKind, Record<string, unknown>],
  ) {
    wf.setHandler(
      update,
      async (payload) => {
        const parsed = schema().parse(payload);
        check(parsed);
        const [kind, detail] = apply(parsed);
        return record(kind, detail);
      },
      { validator: (payload) => check(parsePayload(schema(), payload)) },
    );
  }

  wf.setHandler(processStateQuery, state);

  step(
    completeStageUpdate,
    () => statutoryProcessContract().completeStageSchema,
    (payload) => {
      requireCurrent(payload.stage);
      checkDate(payload.date);
    },
    (payload) => {
      const stage = stageOf(payload.stage);
      const due = stageDue(definition, facts(), stage);
      completed[stage.id] = { date: payload.date, outcome: payload.outcome, ...(payload.evidence ? { evidence: payload.evidence } : {}) };
      const missing = stage.kind === 'collection' ? input.parties.filter((party) => !responses[stage.id]?.[party.id]).map((party) => party.id) : [];
      return ['stage-completed', { ...payload, ...(due ? { due: due.date, late: payload.date > due.date } : {}), ...(missing.length > 0 ? { withoutResponseFrom: missing } : {}) }];
    },
  );

  step(
    recordResponseUpdate,
    () => statutoryProcessContract().recordResponseSchema,
    (payload) => {
      const stage = requireCurrent(payload.stage);
      if (stage.kind !== 'collection') refuseField('stage', `${stage.id} does not collect responses`);
      if (!input.parties.some((party) => party.id === payload.party)) refuseField('party', `${payload.party} is not a party to this process: ${input.parties.map((p) => p.id).join(', ')}`);
      const earlier = responses[stage.id]?.[payload.party];
      if (earlier) refuseField('party', `${payload.party} responded on ${earlier.date}`);
      checkDate(payload.date);
    },
    (payload) => {
      (responses[payload.stage] ??= {})[payload.party] = { date: payload.date, ...(payload.note ? { note: payload.note } : {}) };
      const due = stageDue(definition, facts(), stageOf(payload.stage));
      // The last response completes the collection: nobody is left to chase.
      const complete = input.parties.every((party) => responses[payload.stage]![party.id]);
      if (complete) completed[payload.stage] = { date: payload.date, outcome: 'every party responded' };
      return ['response', { ...payload, ...(due ? { due: due.date, late: payload.date > due.date } : {}), ...(complete ? { completesStage: true } : {}) }];
    },
  );

  step(
    setStageDateUpdate,
    () => statutoryProcessContract().setStageDateSchema,
    (payload) => {
      const stage = stageOf(payload.stage);
      if (stage.deadline.kind !== 'set-per-cycle') refuseField('stage', `${stage.id} is counted by its rule; only a date set for each cycle can be set`);
      if (completed[stage.id]) refuse(`${stage.id} was already completed on ${completed[stage.id]!.date}`);
      if (payload.due < input.cycleStart) refuseField('due', `${payload.due} is before cycle ${cycle} started on ${input.cycleStart}`);
    },
    (payload) => {
      setDates[payload.stage] = payload.due;
      // Reminders follow the new date (and stages counted from it) at once.
      clearHandled();
      return ['date-set', { ...payload }];
    },
  );

  step(
    reassignStageUpdate,
    () => statutoryProcessContract().reassignStageSchema,
    (payload) => {
      stageOf(payload.stage);
      if (completed[payload.stage]) refuse(`${payload.stage} was already completed on ${completed[payload.stage]!.date}`);
    },
    (payload) => {
      owners[payload.stage] = payload.owner;
      return ['reassigned', { ...payload }];
    },
  );

  step(
    pauseProcessUpdate,
    () => statutoryProcessContract().pauseProcessSchema,
    () => {
      if (pause) refuse(`the process is already paused since ${pause.since}`);
    },
    (payload) => {
      pause = { reason: payload.reason, since: today() };
      return ['paused', { ...payload, since: pause.since }];
    },
  );

  step(
    resumeProcessUpdate,
    () => statutoryProcessContract().resumeProcessSchema,
    () => {
      if (!pause) refuse('the process is not paused');
    },
    (payload) => {
      const since = pause!.since;
      pause = undefined;
      return ['resumed', { ...payload, pausedSince: since }];
    },
  );

  publish();
  await record('cycle-opened', { cycleStart: input.cycleStart, definitionId: definition.id, stages: stages.map((stage) => stage.id) });

  while (!cycleClosed()) {
    wake = false;
    const running = plans();
    const due = clockNoticesDue(running, Date.now(), handled);
    for (const key of due.handled) handled.add(key);
    for (const notice of due.notices) await sendNotice(notice);
    if (wake) continue;
    const next = nextClockPoint(running, handled);
    if (next) await wf.condition(() => wake, Math.max(next.point.at - Date.now(), 1));
    else await wf.condition(() => wake);
  }

  await wf.condition(wf.allHandlersFinished);
  const lastCompletedOn = Object.values(completed).map((done) => done.date).sort().at(-1)!;
  const nextStart = nextCycleStart(definition, input.cycleStart, lastCompletedOn);
  ended = nextStart === undefined;
  await record('cycle-closed', { closedOn: lastCompletedOn, ...(nextStart ? { nextCycleStart: nextStart } : {}) });
  if (!nextStart) return { processId, cycles: cycle, endedOn: lastCompletedOn };
  // Dates set for a cycle belong to it; named owners and a pause carry over.
  return wf.continueAsNew<typeof statutoryProcess>({
    processId,
    bodyId: input.bodyId,
    definition,
    coordinator: input.coordinator,
    parties: input.parties,
    cycle: cycle + 1,
    cycleStart: nextStart,
    owners,
    ...(pause ? { pause } : {}),
  });
}
