import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CostValidationError } from '../../actions/service-costs.action.ts';
import { COST_FIELDS, costInputOf, type CostFieldError, type CostInput } from '../../domain/costs/service-cost.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import { AdminCostsPage, type AdminCostsPageProps } from '../pages/admin-costs.page.tsx';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { csrfCheckOf, fieldOf, routeAdmits } from './admin-forms.ts';

/** The actions the costs page calls (with listServices, which every site has). */
export type CostActions = Required<Pick<SiteDeps['actions'], 'listServiceCosts' | 'recordServiceCost'>>;

const EMPTY_INPUT: CostInput = { service: '', year: '', actual: '', staff: '', volume: '', note: '', source: '' };

/**
 * /admin/costi: the costs recorded per service and year (every role reads them) and the form that records or corrects
 * a year (quality office, administrator). A refused form answers 422 with the typed values and each error beside its field.
 */
export function registerAdminCostRoutes(scope: FastifyInstance, deps: SiteDeps, actions: CostActions, locale: Locale): void {
  const csrf = csrfCheckOf(scope);
  const showPage = async (request: FastifyRequest, reply: FastifyReply, status: number, extra: Pick<AdminCostsPageProps, 'saved' | 'refused'> & { values?: CostInput; errors?: readonly CostFieldError[] }) => {
    const [{ ctx }, services, costs] = await Promise.all([loadPageContext(request, deps), deps.actions.listServices(), actions.listServiceCosts()]);
    const canEdit = routeAdmits('POST', '/admin/costi/salva', request.session?.account.role);
    const { values, errors, ...rest } = extra;
    return sendHtml(
      reply,
      AdminCostsPage({
        ctx,
        csrfToken: reply.generateCsrf(),
        services: services.map(({ service }) => ({ slug: service.slug, name: service.name })),
        costs,
        canEdit,
        values: values ?? EMPTY_INPUT,
        errors: errors ?? [],
        ...rest,
      }),
      status,
    );
  };

  scope.get<{ Querystring: { fatto?: unknown; servizio?: unknown; anno?: unknown } }>('/admin/costi', async (request, reply) => {
    const { fatto, servizio, anno } = request.query;
    if (typeof servizio !== 'string' || typeof anno !== 'string' || !/^\d{4}$/.test(anno)) return showPage(request, reply, 200, {});
    const year = Number(anno);
    const listing = (await actions.listServiceCosts()).find((l) => l.service.slug === servizio);
    if (fatto === 'saved') return showPage(request, reply, 200, listing === undefined ? {} : { saved: { service: listing.service.name, year } });
    // A year to correct: the form comes filled with what is stored.
    const stored = listing?.years.find((y) => y.year === year);
    return showPage(request, reply, 200, { values: stored === undefined ? { ...EMPTY_INPUT, service: servizio, year: anno } : costInputOf(servizio, stored) });
  });

  scope.post('/admin/costi/salva', csrf, async (request, reply) => {
    const values = Object.fromEntries(COST_FIELDS.map((field) => [field, fieldOf(request.body, field)])) as CostInput;
    let recorded;
    try {
      // The route table admits only signed-in accounts here, so there is an actor.
      recorded = await actions.recordServiceCost(request.actor!, values);
    } catch (error) {
      if (error instanceof CostValidationError) return showPage(request, reply, 422, { values, errors: error.errors });
      if (error instanceof UserError) return showPage(request, reply, 422, { values, refused: error.message });
      throw error;
    }
    return reply.redirect(`${localePath(locale, '/admin/costi')}?fatto=saved&servizio=${encodeURIComponent(recorded.service)}&anno=${recorded.year}`, 303);
  });
}
