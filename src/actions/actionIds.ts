import { randomInt } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `act-` and eight random base32 letters (40 bits), short enough to type. */
export function newActionId(): string {
  return `act-${Array.from({ length: 8 }, () => BASE32[randomInt(BASE32.length)]).join('')}`;
}
