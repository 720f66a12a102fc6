export { deliverNotice } from './deliverNotice';
