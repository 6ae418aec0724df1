import type { FastifyInstance } from 'fastify';
import type { AuditFilter } from '../../actions/list-audit-log.action.ts';
import { parseDay } from '../../domain/editions/edition.ts';
import { AdminAuditPage, type AuditQuery } from '../pages/admin-audit.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';

/** The actions the audit pages call. */
export type AuditActions = Required<Pick<SiteDeps['actions'], 'listAuditLog' | 'exportAuditLogCsv' | 'verifyAuditLog'>>;

/** Rows the page shows; the CSV has every row the filter passes. */
const ROWS_SHOWN = 500;

/** The filter as the audit log reads it: prefixes as typed, days as whole UTC days; a malformed day is ignored. */
export function auditFilterOf(query: AuditQuery): AuditFilter {
  const filter: AuditFilter = {};
  if (query.actor?.trim()) filter.actor = query.actor.trim();
  if (query.action?.trim()) filter.action = query.action.trim();
  const from = query.from === undefined ? null : parseDay(query.from);
  const to = query.to === undefined ? null : parseDay(query.to);
  if (from !== null) filter.from = `${from}T00:00:00.000Z`;
  if (to !== null) filter.to = `${to}T23:59:59.999Z`;
  return filter;
}

function queryOf(raw: Record<string, unknown>): AuditQuery {
  const query: AuditQuery = {};
  for (const name of ['actor', 'action', 'from', 'to'] as const) {
    const value = raw[name];
    if (typeof value === 'string') query[name] = value;
  }
  return query;
}

/** /admin/registro: the audit log for the OIV (and the administrator), filterable, with whether the chain holds; and its CSV. */
export function registerAdminAuditRoutes(scope: FastifyInstance, deps: SiteDeps, actions: AuditActions): void {
  scope.get<{ Querystring: Record<string, unknown> }>('/admin/registro', async (request, reply) => {
    const query = queryOf(request.query);
    const [{ ctx }, records, verification] = await Promise.all([loadPageContext(request, deps), actions.listAuditLog(auditFilterOf(query)), actions.verifyAuditLog()]);
    const shown = records.slice(-ROWS_SHOWN).reverse();
    return sendHtml(reply, AdminAuditPage({ ctx, query, records: shown, total: records.length, verification }));
  });

  scope.get<{ Querystring: Record<string, unknown> }>('/admin/registro.csv', async (request, reply) => {
    const csv = await actions.exportAuditLogCsv(auditFilterOf(queryOf(request.query)));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="registro-modifiche.csv"').send(csv);
  });
}
