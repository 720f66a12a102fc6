import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are stored only as Argon2id PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`), the
 * parameters OWASP's Password Storage Cheat Sheet gives for Argon2id (19 MiB, 2 passes, 1 lane).
 * `@node-rs/argon2` ships its native binary inside the npm package and defaults to Argon2id.
 */
const ARGON2ID_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** At least this long; no other composition rules (NIST SP 800-63B §3.1.1.2). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer input is refused rather than hashed, so a huge body cannot tie up the hasher. */
export const MAX_PASSWORD_LENGTH = 1024;

export class WeakPasswordError extends Error {
  override name = 'WeakPasswordError';
}

/** Why a password may not be used, or undefined when it may. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new WeakPasswordError(problem);
  return hash(password, ARGON2ID_OPTIONS);
}

/** True when `password` matches the stored Argon2id hash; false for anything else, including a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH || !storedHash.startsWith('$argon2id$')) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist, so a miss costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash(crypto.randomUUID() + crypto.randomUUID(), ARGON2ID_OPTIONS);
  return decoyHash;
}
