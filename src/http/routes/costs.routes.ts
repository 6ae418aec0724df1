import type { FastifyInstance } from 'fastify';
import { localDateOf } from '../../domain/calendar/index.ts';
import { COSTS_DATASET_PATH } from '../opendata/opendata-catalogue.ts';
import { AccountedCostsPage } from '../pages/accounted-costs.page.tsx';
import { COSTI_CONTABILIZZATI } from '../pages/transparency-paths.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';

/** Amministrazione trasparente › Servizi erogati › Costi contabilizzati. */
export function registerCostRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get(COSTI_CONTABILIZZATI, async (request, reply) => {
    const [{ ctx }, services] = await Promise.all([loadPageContext(request, deps), deps.actions.listServiceCosts?.() ?? Promise.resolve(null)]);
    const { timeZone } = deps.settings;
    const localDate = (iso: string) => localDateOf(new Date(iso), timeZone);
    // The dates come from the data: when the first figures were recorded and when any last changed.
    const published =
      services === null || services.length === 0
        ? null
        : {
            on: localDate(services.map((s) => s.publishedAt).reduce((a, b) => (b < a ? b : a))),
            updated: localDate(services.map((s) => s.updatedAt).reduce((a, b) => (b > a ? b : a))),
          };
    return sendHtml(reply, AccountedCostsPage({ ctx, services, published, today: localDateOf(deps.settings.now(), timeZone), csvHref: COSTS_DATASET_PATH }));
  });
}
