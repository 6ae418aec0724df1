import type { FastifyInstance } from 'fastify';
import { HomePage } from '../pages/home.page.tsx';
import { ServicesPage } from '../pages/services.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { summariseServices, type ServiceSummary } from '../view/service-summary.ts';

/** Home ("/") and the list of services ("/servizi"). */
export function registerHomeRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const loadSummaries = async (year: number): Promise<ServiceSummary[]> => {
    const [services, cards, reports] = await Promise.all([
      deps.actions.listServices(),
      deps.actions.listCards(),
      deps.actions.getReport({ year, granularity: 'month' }),
    ]);
    return summariseServices(services, cards, reports, year);
  };

  app.get('/', async (request, reply) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx, organisations }, summaries] = await Promise.all([loadPageContext(request, deps), loadSummaries(year)]);
    return sendHtml(reply, HomePage({ ctx, year, organisations, summaries }));
  });

  app.get('/servizi', async (request, reply) => {
    const year = currentYearOf(deps.settings);
    const [{ ctx }, summaries] = await Promise.all([loadPageContext(request, deps), loadSummaries(year)]);
    return sendHtml(reply, ServicesPage({ ctx, year, summaries }));
  });
}
