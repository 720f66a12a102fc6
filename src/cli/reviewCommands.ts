import type { Command } from 'commander';
import type { z } from 'zod';
import { openedReviewSchema, openReviewSchema, reviewParamsSchema } from '../contracts/api/reviews';
import {
  decideReviewSchema,
  extendReviewSchema,
  pauseReviewSchema,
  publishReviewSchema,
  resumeReviewSchema,
  reviewCaseStateSchema,
  reviewStepSchema,
  type ReviewCaseState,
} from '../contracts/deathReview';
import { londonToday } from '../domain';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printFields, printJson } from './output';

/**
 * `duties review open|decide|submit|approve|publish|pause|resume|extend|status`, over the engine's
 * API. The other steps (Home Office, panel, agencies, overview report, QA return, Commissioner copy,
 * actions) are API-only for now.
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
};

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
  step('submit', 'submit', 'submit the overview report to the Home Office Quality Assurance Panel (again after a return)', reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step('approve', 'approve', "record the Quality Assurance Panel's approval", reviewStepSchema, dated, (o) => ({ date: o.date ?? today() }));
  step('publish', 'publish', 'record the publication of the approved report', publishReviewSchema, (c) => dated(c).requiredOption('--url-published <url>', 'where it is published'), (o) => ({ url: o.urlPublished, date: o.date ?? today() }));
  step('pause', 'pause', 'pause the completion clock (criminal proceedings, inquest)', pauseReviewSchema, (c) => c.requiredOption('--reason <kind>', 'criminal-proceedings, inquest or other').option('--detail <text>', 'more, for the record'), (o) => ({ reason: o.reason, ...(o.detail ? { detail: o.detail } : {}) }));
  step('resume', 'resume', 'resume the completion clock: the agreed date moves by the days paused', resumeReviewSchema, (c) => c, () => ({}));
  step('extend', 'extend', 'agree a later completion date, with a reason', extendReviewSchema, (c) => c.requiredOption('--due <YYYY-MM-DD>', 'the agreed date').requiredOption('--reason <text>', 'why, for the record'), (o) => ({ due: o.due, reason: o.reason }));
}
