import type { Role } from '../../domain/accounts/role.ts';

/** Who a route admits: anyone, or the signed-in accounts with one of these roles. */
export type Access = 'public' | readonly Role[];

/** One back-office route: method, path (without the /en prefix, as registered), who it admits, and what it is. */
export interface RouteAccess {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  /** A page answers HTML; a form receives a POST (with its CSRF token) and redirects, or answers 422 with the page when refused. */
  kind: 'page' | 'form';
}

const EVERY_ROLE: readonly Role[] = ['admin', 'quality-office', 'data-steward', 'oiv'];
/** Who reads the audit log: the OIV audits, the administrator answers for the system. */
const AUDITORS: readonly Role[] = ['admin', 'oiv'];
/** Who feeds events: sources and their tokens, registers and values recorded by hand. */
const STEWARDS: readonly Role[] = ['admin', 'data-steward'];
/** Who writes cards and their editions. */
const QUALITY: readonly Role[] = ['admin', 'quality-office'];

/**
 * THE table of /admin routes: every back-office route is here with the roles it admits, and one hook enforces it (see
 * admin.routes.ts). A route under /admin that is not listed is refused to everyone; the role × route test is
 * generated from this table.
 */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: 'GET', path: '/admin/login', access: 'public', kind: 'page' },
  { method: 'POST', path: '/admin/login', access: 'public', kind: 'form' },
  { method: 'POST', path: '/admin/logout', access: EVERY_ROLE, kind: 'form' },
  { method: 'GET', path: '/admin', access: EVERY_ROLE, kind: 'page' },
  { method: 'GET', path: '/admin/edizioni', access: EVERY_ROLE, kind: 'page' },
  { method: 'POST', path: '/admin/edizioni/approva', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/edizioni/pubblica', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/edizioni/ritira', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/edizioni/nuova', access: QUALITY, kind: 'form' },
  { method: 'GET', path: '/admin/carte/carica', access: QUALITY, kind: 'page' },
  { method: 'POST', path: '/admin/carte/carica', access: QUALITY, kind: 'form' },
  { method: 'GET', path: '/admin/carte/modifica', access: QUALITY, kind: 'page' },
  { method: 'POST', path: '/admin/carte/salva', access: QUALITY, kind: 'form' },
  { method: 'GET', path: '/admin/flussi', access: ['admin', 'data-steward', 'oiv'], kind: 'page' },
  { method: 'POST', path: '/admin/flussi/token', access: STEWARDS, kind: 'form' },
  { method: 'POST', path: '/admin/flussi/revoca', access: STEWARDS, kind: 'form' },
  { method: 'GET', path: '/admin/registro', access: AUDITORS, kind: 'page' },
  { method: 'GET', path: '/admin/registro.csv', access: AUDITORS, kind: 'page' },
  { method: 'GET', path: '/admin/servizi', access: EVERY_ROLE, kind: 'page' },
  { method: 'GET', path: '/admin/servizi/modifica', access: QUALITY, kind: 'page' },
  { method: 'POST', path: '/admin/servizi/salva', access: QUALITY, kind: 'form' },
  { method: 'GET', path: '/admin/registri', access: EVERY_ROLE, kind: 'page' },
  { method: 'POST', path: '/admin/registri/aggiungi', access: STEWARDS, kind: 'form' },
  { method: 'GET', path: '/admin/valutazione', access: EVERY_ROLE, kind: 'page' },
  { method: 'GET', path: '/admin/valutazione.csv', access: EVERY_ROLE, kind: 'page' },
  // Diffide: the quality office handles them, the OIV reads the queue.
  { method: 'GET', path: '/admin/diffide', access: ['admin', 'quality-office', 'oiv'], kind: 'page' },
  { method: 'GET', path: '/admin/diffide/scheda', access: QUALITY, kind: 'page' },
  { method: 'POST', path: '/admin/diffide/esito', access: QUALITY, kind: 'form' },
  // Costi contabilizzati: every role reads them, the quality office records them.
  { method: 'GET', path: '/admin/costi', access: EVERY_ROLE, kind: 'page' },
  { method: 'POST', path: '/admin/costi/salva', access: QUALITY, kind: 'form' },
  // Class action: every role reads the ricorsi, the quality office records them and what is published.
  { method: 'GET', path: '/admin/class-action', access: EVERY_ROLE, kind: 'page' },
  { method: 'POST', path: '/admin/class-action/caso', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/class-action/pubblicazione', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/class-action/stato', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/class-action/correzione', access: QUALITY, kind: 'form' },
  { method: 'POST', path: '/admin/class-action/ritiro', access: QUALITY, kind: 'form' },
  // Satisfaction votes: the reasons may hold personal data, so the data steward does not read them.
  { method: 'GET', path: '/admin/soddisfazione', access: ['admin', 'quality-office', 'oiv'], kind: 'page' },
];

/** Whether a path (locale prefix removed, no query) is in the back office. */
export function isAdminPath(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/');
}

/** The table's entry for a registered route (method and route pattern without the locale prefix), or undefined: deny. */
export function findRouteAccess(method: string, path: string): RouteAccess | undefined {
  const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return ROUTE_ACCESS.find((route) => route.method === method && route.path === bare);
}

/** Whether an account with `role` (undefined: anonymous) may use a route that admits `access`. */
export function admits(access: Access, role: Role | undefined): boolean {
  return access === 'public' || (role !== undefined && access.includes(role));
}
