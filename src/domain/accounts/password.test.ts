import { describe, expect, it } from 'vitest';
import { checkNewPassword, hashPassword, verifyPassword } from './password.ts';

// A low cost keeps the test quick; the parameters travel in the stored text.
const CHEAP = { logN: 10, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with scrypt, a fresh salt each time and the parameters in the stored text', async () => {
    const first = await hashPassword('correct horse battery', CHEAP);
    const second = await hashPassword('correct horse battery', CHEAP);
    expect(first).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
  });

  it('uses N = 2^15 by default', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('scrypt$15$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
  });

  it('answers false, not an error, for an unreadable or unknown hash', async () => {
    for (const stored of ['', 'bcrypt$x', 'scrypt$10$8$1$c2FsdA$', 'scrypt$99$8$1$c2FsdA$a2V5', 'scrypt$x$8$1$c2FsdA$a2V5']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('refuses a new password under 12 characters, naming the field', () => {
    expect(() => checkNewPassword('eleven char')).toThrow('field "password": is 11 characters long; at least 12 are needed');
    expect(checkNewPassword('twelve chars')).toBe('twelve chars');
  });
});
