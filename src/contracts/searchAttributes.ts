import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The custom search attributes the duty workflows set, so the Temporal UI and visibility queries
 * can list e.g. "overdue duties of the north CSP": `BodyId = 'north-csp' AND DutyStatus = 'overdue'`.
 * Registered on the embedded dev server at start and by `npm run temporal:search-attributes`.
 */
export const DutyIdAttribute = defineSearchAttributeKey('DutyId', SearchAttributeType.KEYWORD);
export const BodyIdAttribute = defineSearchAttributeKey('BodyId', SearchAttributeType.KEYWORD);
export const DueDateAttribute = defineSearchAttributeKey('DueDate', SearchAttributeType.DATETIME);
export const DutyStatusAttribute = defineSearchAttributeKey('DutyStatus', SearchAttributeType.KEYWORD);

export const DUTY_SEARCH_ATTRIBUTES = [DutyIdAttribute, BodyIdAttribute, DueDateAttribute, DutyStatusAttribute] as const;
