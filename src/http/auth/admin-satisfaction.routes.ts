import type { FastifyInstance } from 'fastify';
import { AdminSatisfactionPage } from '../pages/admin-satisfaction.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';

/** The actions the satisfaction page calls (with listServices, which every site has). */
export type SatisfactionAdminActions = Required<Pick<SiteDeps['actions'], 'summariseSatisfaction' | 'listSatisfactionReasons'>>;

/**
 * /admin/soddisfazione (administrator, quality office, OIV): the year's votes per service, the reasons given (which
 * may hold personal data, so they are never published) and each service's embed code on MISURA_BASE_URL.
 */
export function registerAdminSatisfactionRoutes(scope: FastifyInstance, deps: SiteDeps, actions: SatisfactionAdminActions): void {
  scope.get('/admin/soddisfazione', async (request, reply) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx }, summary, reasons, listings] = await Promise.all([loadPageContext(request, deps), actions.summariseSatisfaction({ year }), actions.listSatisfactionReasons({ year }), deps.actions.listServices()]);
    const services = [...new Map(listings.map(({ service }) => [service.slug, { slug: service.slug, name: service.name }])).values()];
    return sendHtml(reply, AdminSatisfactionPage({ ctx, summary, reasons, services, baseUrl: deps.settings.baseUrl ?? null, timeZone: deps.settings.timeZone }));
  });
}
