/**
 * The workflows' contracts (their Updates' payload schemas), loaded when a workflow first needs one
 * rather than when it starts.
 *
 * The SDK evaluates a workflow's modules afresh for every workflow it runs; only modules preloaded
 * into the worker are shared, and those it deep-freezes, which zod cannot survive (it installs
 * members on its own prototypes as schemas are first built, and resets its regexes' `lastIndex`).
 * Building zod and the contracts' few hundred schemas was most of the CPU a new workflow cost and
 * most of its memory while cached (issue 9, start cost). A workflow now builds them on its first
 * Update, which most workflows get rarely, and everything it imports at its start is zod-free
 * (tests/domain/workflowSafe.test.ts checks it).
 *
 * webpack bundles each `require` below and evaluates it on the first call (then from its cache).
 */
export const actionContract = () => require('../src/contracts/action') as typeof import('../src/contracts/action');
export const deathReviewContract = () => require('../src/contracts/deathReview') as typeof import('../src/contracts/deathReview');
export const dutyAssignmentContract = () => require('../src/contracts/dutyAssignment') as typeof import('../src/contracts/dutyAssignment');
export const meetingContract = () => require('../src/contracts/meeting') as typeof import('../src/contracts/meeting');
export const statutoryProcessContract = () => require('../src/contracts/statutoryProcess') as typeof import('../src/contracts/statutoryProcess');
