import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../domain/accounts/role.ts';
import { admits, findRouteAccess } from './route-access.ts';

/** One text field of a form body ('' when absent or not text). */
export function fieldOf(body: unknown, name: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Every text field of a form body. */
export function fieldsOf(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** The CSRF check of a back-office form, as a preHandler (the plugin's hook needs the scope it was registered in). */
export function csrfCheckOf(scope: FastifyInstance) {
  return { preHandler: (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => scope.csrfProtection(request, reply, done) };
}

/** Whether the route table admits this role (undefined: anonymous) to a route: pages hide the links and forms it would refuse. */
export function routeAdmits(method: 'GET' | 'POST', path: string, role: Role | undefined): boolean {
  const route = findRouteAccess(method, path);
  return route !== undefined && admits(route.access, role);
}
