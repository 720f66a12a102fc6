export { deliverNotice } from './deliverNotice';
export { dutyAssignment } from './dutyAssignment';
