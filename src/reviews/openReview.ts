import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { deathReview, deathReviewWorkflowId } from '../../workflows/deathReview';
import { bodyIdSchema, emailSchema } from '../contracts/api/common';
import { reviewReferenceSchema } from '../contracts/deathReview';
import { BodyIdAttribute, DueDateAttribute } from '../contracts/searchAttributes';
import { dateColumn } from '../db/enums';
import { deadlinePassesAt, decisionDue, isoDateSchema, reviewRulesOf, reviewRulesSchema, type ReviewRules } from '../domain';
import type { PrismaClient } from '../generated/prisma/client';
import { unprocessable } from '../duties/refusal';

/** The partnership's roles whose holders may see a case, unless the request names others. */
export const DEFAULT_ACCESS_ROLES = ['Public health DHR coordinator', 'Partnership chair'];

/** A request to open a case on notification, as the API and CLI pass it on. Names must never be given: only the pseudonymised reference. */
export const openReviewSchema = z.strictObject({
  partnership: bodyIdSchema,
  reference: reviewReferenceSchema,
  notifiedOn: isoDateSchema,
  notifyingBody: z.string().trim().min(1).max(200),
  coordinator: emailSchema,
  /** A rule version by id (`dhr-2016`, `dhr-draft-2024`), or the partnership's own version as data. */
  rules: z.union([z.string().min(1), reviewRulesSchema]).default('dhr-2016'),
  accessRoles: z.array(z.string().trim().min(1).max(100)).min(1).default(DEFAULT_ACCESS_ROLES),
});
export type OpenReview = z.input<typeof openReviewSchema>;

export const openedReviewSchema = z.strictObject({ caseId: z.string(), workflowId: z.string(), rulesId: z.string(), decisionDue: isoDateSchema });
export type OpenedReview = z.infer<typeof openedReviewSchema>;

export interface ReviewDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

export const reviewCaseId = (partnership: string, reference: string) => `${partnership}:${reference}`;

/**
 * Opens a case: checks the partnership and the rule version, writes the case row, then starts its
 * `deathReview` workflow. Calling again for the same case after a failure part-way starts the
 * workflow if it is not running yet; a case already open is refused.
 */
export async function openReview(deps: ReviewDependencies, raw: OpenReview): Promise<OpenedReview & { handle: WorkflowHandle<typeof deathReview> }> {
  const request = openReviewSchema.parse(raw);
  const rules: ReviewRules | undefined = typeof request.rules === 'string' ? reviewRulesOf(request.rules) : request.rules;
  const partnership = await deps.prisma.body.findUnique({ where: { id: request.partnership } });
  const issues = [
    ...(rules ? [] : [{ path: 'rules', message: `unknown rule version "${String(request.rules)}"; expected dhr-2016, dhr-draft-2024 or a version given as data` }]),
    ...(partnership ? [] : [{ path: 'partnership', message: `no body ${request.partnership}` }]),
  ];
  if (issues.length > 0 || !rules) throw unprocessable(issues);
  const caseId = reviewCaseId(request.partnership, request.reference);
  const workflowId = deathReviewWorkflowId(request.partnership, request.reference);
  const due = decisionDue(rules, request.notifiedOn);
  const existing = await deps.prisma.reviewCase.findUnique({ where: { id: caseId } });
  if (!existing) {
    await deps.prisma.reviewCase.create({
      data: {
        id: caseId,
        partnershipId: request.partnership,
        reference: request.reference,
        notifyingBody: request.notifyingBody,
        notifiedOn: dateColumn(request.notifiedOn),
        coordinatorEmail: request.coordinator,
        rulesId: rules.id,
        rules,
        accessRoles: request.accessRoles,
        stage: 'awaiting-decision',
        decisionDue: dateColumn(due),
        workflowId,
      },
    });
  }
  try {
    await deps.temporal.workflow.start(deathReview, {
      taskQueue: deps.taskQueue,
      workflowId,
      // A closed case's id is never run again.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ caseId, partnershipId: request.partnership, reference: request.reference, notifiedOn: request.notifiedOn, notifyingBody: request.notifyingBody, coordinator: request.coordinator, rules, accessRoles: request.accessRoles }],
      typedSearchAttributes: [
        { key: BodyIdAttribute, value: request.partnership },
        { key: DueDateAttribute, value: new Date(deadlinePassesAt({ date: due })) },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    if (existing) throw unprocessable([{ path: 'reference', message: `case ${request.reference} of ${request.partnership} is already open` }]);
  }
  return { caseId, workflowId, rulesId: rules.id, decisionDue: due, handle: deps.temporal.workflow.getHandle<typeof deathReview>(workflowId) };
}
