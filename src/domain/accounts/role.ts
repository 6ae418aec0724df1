import { UserError } from '../shared/errors.ts';

/**
 * What a back-office account may do. The public has no account.
 * - admin: everything, accounts included;
 * - quality-office: services, cards, measures and editions;
 * - data-steward: sources, tokens, events, registers and snapshots;
 * - oiv: the Organismo Indipendente di Valutazione reads everything, the audit log included, and changes nothing.
 */
export type Role = 'admin' | 'quality-office' | 'data-steward' | 'oiv';

export const ROLES: readonly Role[] = ['admin', 'quality-office', 'data-steward', 'oiv'];

/** Reads a role as the CLI and forms give it; anything else is a UserError that lists the roles. */
export function parseRole(text: string, field = 'role'): Role {
  const role = ROLES.find((candidate) => candidate === text.trim().toLowerCase());
  if (role === undefined) throw new UserError(`"${text}" is not a role: use one of ${ROLES.join(', ')}`, { field });
  return role;
}
