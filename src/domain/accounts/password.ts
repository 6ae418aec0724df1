import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { UserError } from '../shared/errors.ts';

/** Shorter passwords are refused. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

/** scrypt's cost: N = 2^15, r = 8, p = 1 (about 32 MiB and tens of milliseconds), 16-byte salt, 32-byte key. */
const DEFAULT_PARAMS = { logN: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function optionsFor(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  // Node refuses scrypt above maxmem (32 MiB by default); 128·N·r is what it needs, plus headroom.
  return { N, r, p, maxmem: 256 * N * r };
}

/** Refuses a password that is too short (or absurdly long), naming the field. */
export function checkNewPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError(`is ${password.length} characters long; at least ${MIN_PASSWORD_LENGTH} are needed`, { field: 'password' });
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserError(`is longer than ${MAX_PASSWORD_LENGTH} characters`, { field: 'password' });
  return password;
}

/**
 * Hashes a password with scrypt and a fresh random salt. The stored text carries its own parameters,
 * `scrypt$<logN>$<r>$<p>$<salt base64url>$<key base64url>`, so the cost can be raised later without breaking old hashes.
 */
export async function hashPassword(password: string, params: { logN: number; r: number; p: number } = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, optionsFor(params.logN, params.r, params.p));
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a stored hash; constant-time on the key; false (not an error) for an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (expected.length === 0) return false;
  const key = await scryptAsync(password.slice(0, MAX_PASSWORD_LENGTH + 1), salt, expected.length, optionsFor(logN, r, p));
  return timingSafeEqual(key, expected);
}
