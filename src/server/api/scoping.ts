import type { Principal } from '../../auth/principal';
import { isBodyInScope } from '../../auth/scope';
import type { ApiIssue } from '../../contracts/api/common';
import type { PrismaClient } from '../../db/client';
import { notFound, unprocessable } from '../../duties/refusal';
import { reviewCaseId } from '../../reviews/openReview';

/**
 * The API's body scoping: a thing of a body the principal cannot see is answered exactly as a
 * thing that does not exist (the same status, message and issues as the service's own refusal),
 * so a request learns nothing about other bodies. Lists are filtered to the principal's bodies.
 */

/** Keeps the items of bodies in scope (all of them for an admin). */
export function inScopeOnly<Item>(principal: Principal, items: readonly Item[], bodyOf: (item: Item) => string): Item[] {
  return items.filter((item) => isBodyInScope(principal, bodyOf(item)));
}

export async function assertAssignmentInScope(prisma: PrismaClient, principal: Principal, id: string): Promise<void> {
  const row = await prisma.assignment.findUnique({ where: { id }, select: { bodyId: true } });
  if (row && !isBodyInScope(principal, row.bodyId)) throw notFound(`no assignment ${id}`, 'id');
}

export async function assertActionInScope(prisma: PrismaClient, principal: Principal, id: string): Promise<void> {
  const row = await prisma.action.findUnique({ where: { id }, select: { bodyId: true } });
  if (row && !isBodyInScope(principal, row.bodyId)) throw notFound(`no action ${id}`, 'id');
}

export async function assertMeetingInScope(prisma: PrismaClient, principal: Principal, id: string): Promise<void> {
  const row = await prisma.meeting.findUnique({ where: { id }, select: { bodyId: true } });
  if (row && !isBodyInScope(principal, row.bodyId)) throw notFound(`no meeting ${id}`, 'id');
}

/** A new thing for a body out of scope: the service's own answer for a body that does not exist. */
export function assertNewInScope(principal: Principal, bodyId: string, issue: ApiIssue): void {
  if (!isBodyInScope(principal, bodyId)) throw unprocessable([issue]);
}

/**
 * A review case's detail is for the holders of its named roles (`ReviewCase.accessRoles`) in the
 * partnership, and for admins; to everyone else the case does not exist. Returns the case id, for
 * the audit row every read of its detail writes.
 */
export async function assertReviewReadable(prisma: PrismaClient, principal: Principal, params: { partnership: string; reference: string }): Promise<string | undefined> {
  const id = reviewCaseId(params.partnership, params.reference);
  const row = await prisma.reviewCase.findUnique({ where: { id }, select: { partnershipId: true, accessRoles: true } });
  if (!row) return undefined;
  const hidden = () => notFound(`no review case ${params.reference} of ${params.partnership}`, 'reference');
  if (principal.role === 'admin') return id;
  if (!isBodyInScope(principal, row.partnershipId)) throw hidden();
  const named = await prisma.membership.count({ where: { personId: principal.personId, bodyId: row.partnershipId, role: { in: row.accessRoles } } });
  if (named === 0) throw hidden();
  return id;
}

/** The audit row of one read of a review case's detail: who, how, and through which route. */
export async function auditCaseRead(prisma: PrismaClient, principal: Principal, caseId: string, route: string): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      idempotencyKey: `review-read:${crypto.randomUUID()}`,
      kind: 'review-case-read',
      subject: `review:${caseId}`,
      detail: { accountId: principal.accountId, email: principal.email, role: principal.role, via: principal.via, route },
      occurredAt: new Date(),
    },
  });
}
