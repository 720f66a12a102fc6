import type { Command } from 'commander';
import type { z } from 'zod';
import { openedReviewSchema, openReviewSchema, reviewParamsSchema } from '../contracts/api/reviews';
import {
  appointPanelSchema,
  decideReviewSchema,
  extendReviewSchema,
  pauseReviewSchema,
  publishReviewSchema,
  receiveAgencyRecordsSchema,
  recordReviewActionsSchema,
  requestAgencyRecordsSchema,
  resumeReviewSchema,
  returnReviewSchema,
  reviewCaseStateSchema,
  reviewStepSchema,
  type ReviewCaseState,
} from '../contracts/deathReview';
import { isoDateSchema, londonToday } from '../domain';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printFields, printJson } from './output';

/**
 * `duties review open|status` and one command per step of the case (decide, home-office, panel,
 * agencies, agency-records, overview-report, submit, return, approve, publish, commissioner-copy,
 * actions, pause, resume, extend), over the engine's API: each step is checked with the schema of
 * the workflow's Update before it is sent.
 */

const NO_NAMES = 'a pseudonymised reference such as DHR-2026-03: never a name';
const FIELDS = {
  partnership: '<partnership>',
  reference: '<reference>',
  notifiedOn: '--notified',
  notifyingBody: '--notifying-body',
  coordinator: '--coordinator',
  rules: '--rules',
  date: '--date',
  reasons: '--reasons',
  review: '--review',
  url: '--url-published',
  reason: '--reason',
  detail: '--detail',
  due: '--due',
  chair: '--chair',
  panel: '--panel',
  agencies: '--agency',
  agencyId: '--agency',
  changes: '--changes',
  actions: '--action',
};

const collect = (value: string, previous: string[]) => [...previous, value];
/** An option declared with `collect`: commander gives its values as an array. */
const repeated = (value: string | undefined) => value as unknown as string[];

/** `<first>:<second>:<rest>`: the last part may itself hold colons (a name, a title). */
function threeParts(option: string, shape: string, text: string): [string, string, string] {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) throw new UsageError(`${option}: expected ${shape}, got "${text}"`);
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/** `--agency <id>:<contact email>:<name>`, every agency with the request's `--due`. */
const agencyOf = (due: string) => (text: string) => {
  const [agencyId, contact, name] = threeParts('--agency', '<id>:<contact email>:<name>, e.g. police:records@police.example:West Police', text);
  return { agencyId, contact, name, due };
};

/** `--action <owner email>:<YYYY-MM-DD>:<title>` */
function actionOf(text: string) {
  const [owner, due, title] = threeParts('--action', '<owner email>:<YYYY-MM-DD>:<title>, e.g. ada@council.example:2026-09-30:Refresh the risk training', text);
  return { owner, due, title };
}

function casePath(partnership: string, reference: string): string {
  const params = validRequest(reviewParamsSchema, { partnership, reference }, FIELDS);
  return `/api/reviews/${params.partnership}/${params.reference}`;
}

function printState(state: ReviewCaseState, json: boolean | undefined): void {
  if (json) return printJson(state);
  const { completion } = state;
  printFields([
    ['case', state.reference],
    ['partnership', state.partnershipId],
    ['rules', state.rulesId],
    ['stage', state.stage],
    ['decision due', state.decision.decidedOn ? `${state.decision.due} (decided ${state.decision.decidedOn}: ${state.decision.review ? 'review' : 'no review'})` : state.decision.due],
    ['statutory date', completion?.statutoryDue],
    ['agreed date', completion?.agreedDue],
    ['days paused', completion ? String(completion.daysPaused) : undefined],
    ['paused', completion?.pausedOn ? `since ${completion.pausedOn}: ${completion.pauseReason ?? ''}` : undefined],
    ['quality assurance', `${state.qualityAssurance.submissions} submitted, ${state.qualityAssurance.returns} returned${state.qualityAssurance.approvedOn ? `, approved ${state.qualityAssurance.approvedOn}` : ''}`],
    ['published', state.publication ? `${state.publication.publishedOn} ${state.publication.url}` : undefined],
    ['next notice', state.nextNotice ? `${state.nextNotice.clock} ${state.nextNotice.step} at ${state.nextNotice.at}` : undefined],
  ]);
}

export function addReviewCommands(program: Command, client: () => EngineClient): void {
  const review = program.command('review').description('Domestic Homicide Review / Domestic Abuse Related Death Review cases (names must never be used: only the pseudonymised reference)');

  review
    .command('open')
    .description('open a case on notification of a death; its workflow runs the decision clock')
    .argument('<partnership>', 'the partnership that owns the case (a body id)')
    .argument('<reference>', NO_NAMES)
    .usage('<partnership> <reference> --notified YYYY-MM-DD --notifying-body <name> --coordinator <email> [--rules dhr-2016|dhr-draft-2024] [--json]')
    .requiredOption('--notified <YYYY-MM-DD>', 'the date the partnership was notified')
    .requiredOption('--notifying-body <name>', 'who notified it, e.g. the police force')
    .requiredOption('--coordinator <email>', 'who coordinates the case and gets the reminders')
    .option('--rules <version>', 'the rule version: dhr-2016 (six months) or dhr-draft-2024 (twelve months)', 'dhr-2016')
    .option('--json', 'print {caseId, workflowId, rulesId, decisionDue}')
    .action(async (partnership: string, reference: string, options: { notified: string; notifyingBody: string; coordinator: string; rules: string; json?: boolean }) => {
      const request = validRequest(openReviewSchema, { partnership, reference, notifiedOn: options.notified, notifyingBody: options.notifyingBody, coordinator: options.coordinator, rules: options.rules }, FIELDS);
      const opened = await client().post('/api/reviews', request, openedReviewSchema, FIELDS);
      if (options.json) printJson(opened);
      else print(`${reference}: opened under ${opened.rulesId}; decision due ${opened.decisionDue}`);
    });

  review
    .command('status')
    .description("show a case's stage, its statutory and agreed dates and the days paused")
    .argument('<partnership>', 'the partnership (a body id)')
    .argument('<reference>', NO_NAMES)
    .option('--json', 'print the case as JSON')
    .action(async (partnership: string, reference: string, options: { json?: boolean }) => {
      printState(await client().get(casePath(partnership, reference), {}, reviewCaseStateSchema, FIELDS), options.json);
    });

  const step = <Schema extends z.ZodType>(name: string, route: string, description: string, schema: Schema, configure: (command: Command) => Command, payload: (options: Record<string, string>) => unknown) => {
    configure(review.command(name).description(description).argument('<partnership>', 'the partnership (a body id)').argument('<reference>', NO_NAMES))
      .option('--json', 'print the case as JSON')
      .action(async (partnership: string, reference: string, options: Record<string, string> & { json?: boolean }) => {
        const path = casePath(partnership, reference);
        const state = await client().post(`${path}/${route}`, validRequest(schema, payload(options), FIELDS), reviewCaseStateSchema, FIELDS);
        printState(state, options.json);
      });
  };
  const dated = (command: Command) => command.option('--date <YYYY-MM-DD>', 'when it happened (default: today)');
  const today = () => londonToday(Date.now());

  step('decide', 'decide', 'record the decision whether to hold a review, with reasons', decideReviewSchema, (c) => dated(c).requiredOption('--review <yes|no>', 'whether a review will be held').requiredOption('--reasons <text>', 'why'), (o) => {
    if (o.review !== 'yes' && o.review !== 'no') throw new UsageError(`--review: expected yes or no, got "${o.review}"`);
    return { review: o.review === 'yes', reasons: o.reasons, date: o.date ?? today() };
  });
  step('home-office', 'home-office', 'record that the Home Office was told of the decision (a decision not to review then closes the case)', reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step(
    'panel',
    'panel',
    'record the independent chair appointed and the agencies on the panel',
    appointPanelSchema,
    (c) => dated(c).requiredOption('--chair <name>', 'the independent chair').option('--panel <agency>', 'an agency on the panel; repeat for each', collect, []),
    (o) => ({ chair: o.chair, panel: repeated(o.panel), date: o.date ?? today() }),
  );
  step(
    'agencies',
    'agencies',
    'ask agencies for their chronology and individual management review; late agencies are reminded',
    requestAgencyRecordsSchema,
    (c) =>
      dated(c)
        .usage('<partnership> <reference> --agency <id>:<contact email>:<name>... --due YYYY-MM-DD [--date YYYY-MM-DD] [--json]')
        .option('--agency <id:contact:name>', 'an agency asked, e.g. police:records@police.example:West Police; repeat for each', collect, [])
        .requiredOption('--due <YYYY-MM-DD>', 'when their records are due'),
    (o) => ({ agencies: repeated(o.agency).map(agencyOf(validRequest(isoDateSchema, o.due, { '': '--due' }))), date: o.date ?? today() }),
  );
  step('agency-records', 'agency-records', "record an agency's records received", receiveAgencyRecordsSchema, (c) => dated(c).requiredOption('--agency <id>', 'the agency, as it was asked'), (o) => ({ agencyId: o.agency, date: o.date ?? today() }));
  step('overview-report', 'overview-report', 'record the overview report completed', reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step('submit', 'submit', 'submit the overview report to the Home Office Quality Assurance Panel (again after a return)', reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step('approve', 'approve', "record the Quality Assurance Panel's approval", reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step('return', 'return', "record the Quality Assurance Panel's letter asking for changes; submit again once they are made", returnReviewSchema, (c) => dated(c).requiredOption('--changes <text>', 'what the Panel asked for'), (o) => ({ changes: o.changes, date: o.date ?? today() }));
  step('publish', 'publish', 'record the publication of the approved report', publishReviewSchema, (c) => dated(c).requiredOption('--url-published <url>', 'where it is published'), (o) => ({ url: o.urlPublished, date: o.date ?? today() }));
  step('commissioner-copy', 'commissioner-copy', 'record the copy of the report sent to the Domestic Abuse Commissioner', reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step(
    'actions',
    'actions',
    "turn the review's recommendations into actions of the partnership's action plan, each chased until done",
    recordReviewActionsSchema,
    (c) =>
      c
        .usage('<partnership> <reference> --action <owner email>:<YYYY-MM-DD>:<title>... [--json]')
        .option('--action <owner:due:title>', 'an action, e.g. ada@council.example:2026-09-30:Refresh the risk training; repeat for each', collect, []),
    (o) => ({ actions: repeated(o.action).map(actionOf) }),
  );
  step('pause', 'pause', 'pause the completion clock (criminal proceedings, inquest)', pauseReviewSchema, (c) => c.requiredOption('--reason <kind>', 'criminal-proceedings, inquest or other').option('--detail <text>', 'more, for the record'), (o) => ({ reason: o.reason, ...(o.detail ? { detail: o.detail } : {}) }));
  step('resume', 'resume', 'resume the completion clock: the agreed date moves by the days paused', resumeReviewSchema, (c) => c, () => ({}));
  step('extend', 'extend', 'agree a later completion date, with a reason', extendReviewSchema, (c) => c.requiredOption('--due <YYYY-MM-DD>', 'the agreed date').requiredOption('--reason <text>', 'why, for the record'), (o) => ({ due: o.due, reason: o.reason }));
}
