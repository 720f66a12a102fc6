import { randomInt } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Short enough to type and say: `a-` and eight random base32 letters (40 bits). */
export function newAssignmentId(): string {
  return `a-${Array.from({ length: 8 }, () => BASE32[randomInt(BASE32.length)]).join('')}`;
}
