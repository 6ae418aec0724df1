import { UserError } from '../shared/errors.ts';

/** An account's email as stored and looked up: trimmed and lower-cased, so "Anna@Comune.it" and "anna@comune.it" are one account. */
export function normaliseEmail(text: string, field = 'email'): string {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserError(`"${text}" is not an email address`, { field });
  return email;
}
