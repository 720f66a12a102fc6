export { action } from './action';
export { weeklyActionDigest } from './actionDigest';
export { deliverNotice } from './deliverNotice';
export { dutyAssignment } from './dutyAssignment';
export { meeting } from './meeting';
export { deathReview } from './deathReview';
export { statutoryProcess } from './statutoryProcess';
