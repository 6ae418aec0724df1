import type { Role } from './role.ts';

/**
 * Who makes a change: every mutating action takes one, and the audit log records it in the same transaction.
 * - user: a person signed in to the back office;
 * - cli: the operating-system account that ran `misura`;
 * - api-token: a source sending events with its bearer token;
 * - system: misura itself (the demo, a job), named.
 */
export type Actor =
  | { kind: 'user'; userId: number; email: string; role: Role }
  | { kind: 'cli'; name: string }
  | { kind: 'api-token'; source: string }
  | { kind: 'system'; name: string };

export type ActorKind = Actor['kind'];

/** The actor as the audit log and the OIV read it: "user:anna@comune.example", "cli:root", "api-token:portal", "system:demo". */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'cli':
      return `cli:${actor.name}`;
    case 'api-token':
      return `api-token:${actor.source}`;
    case 'system':
      return `system:${actor.name}`;
  }
}
