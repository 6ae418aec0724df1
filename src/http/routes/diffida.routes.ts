import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { DiffidaReceipt } from '../../actions/diffida.action.ts';
import type { CardListing } from '../../actions/list-cards.action.ts';
import { UserError } from '../../domain/shared/errors.ts';
import { csrfCheckOf, fieldOf } from '../auth/admin-forms.ts';
import { intlTagOf, localePath, type Locale } from '../i18n/locale.ts';
import { DiffidaFormPage } from '../pages/diffida-form.page.tsx';
import { DiffidaReceiptPage } from '../pages/diffida-receipt.page.tsx';
import { indicatorTitle } from '../pages/parts/card-table.tsx';
import { EMPTY_DIFFIDA, type DiffidaFormValues } from '../pages/parts/diffida-form.tsx';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { pickCardInForce } from '../view/card-in-force.ts';
import { AddressLimit } from './address-limit.ts';
import { ServiceParams, Slug } from './route-schemas.ts';
import { loadServiceWithCards } from './service-data.ts';

export interface DiffidaRouteOptions {
  /** Diffide one client address may send per hour; false: no limit. Default 5. */
  perHour?: number | false;
  /** Secure cookies (the CSRF secret's): as the back office's. */
  cookieSecure?: 'auto' | boolean;
}

type DiffidaActions = Required<Pick<SiteDeps['actions'], 'sendDiffida' | 'findDiffidaReceipt'>>;

const FormQuery = Type.Object({ indicatore: Type.Optional(Slug) });
const ReceiptQuery = Type.Object({ numero: Type.String({ pattern: '^D-[0-9]{4}-[0-9]{4,9}$' }) });

function valuesOf(body: unknown): DiffidaFormValues {
  return {
    indicator: fieldOf(body, 'indicator'),
    facts: fieldOf(body, 'facts'),
    claimantName: fieldOf(body, 'claimantName'),
    claimantEmail: fieldOf(body, 'claimantEmail'),
    consent: fieldOf(body, 'consent') === 'yes',
  };
}

/** The standards a diffida may name: the indicators of the card in force this year. */
export function diffidaStandardsOf(cards: readonly CardListing[], year: number): { slug: string; title: string }[] {
  const card = pickCardInForce(cards, year);
  return (card?.indicators ?? []).map((indicator) => ({ slug: indicator.slug, title: indicatorTitle(indicator) }));
}

/**
 * The public diffida: GET /servizi/:slug/diffida (the form with its CSRF token, a standard preselected with
 * ?indicatore=), POST …/verifica (the form filled in on a service or indicator page, to confirm here), POST
 * /servizi/:slug/diffida (registers it: CSRF, the trap field, a per-address limit) → 303 to …/ricevuta?numero=.
 */
export function diffidaRoutes(deps: SiteDeps, actions: DiffidaActions, locale: Locale, options: DiffidaRouteOptions = {}): FastifyPluginAsync {
  return async (scope: FastifyInstance) => {
    // The back office registers the cookie parser on the root; a site without one needs its own.
    if (!scope.hasRequestDecorator('cookies')) await scope.register(cookie);
    await scope.register(formbody);
    await scope.register(csrfProtection, { cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: options.cookieSecure ?? 'auto' } });
    const limit = options.perHour === false ? undefined : new AddressLimit(options.perHour ?? 5, () => deps.settings.now().getTime());

    const showForm = async (request: FastifyRequest, reply: FastifyReply, slug: string, values: DiffidaFormValues, status: number, extra: { checking?: boolean; error?: { field: string; message: string } } = {}) => {
      const [{ ctx }, { listing, cards }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, slug)]);
      const standards = diffidaStandardsOf(cards, currentYearOf(deps.settings));
      const known = standards.some((standard) => standard.slug === values.indicator);
      return sendHtml(
        reply,
        DiffidaFormPage({ ctx, listing, standards, values: known ? values : { ...values, indicator: '' }, csrfToken: reply.generateCsrf(), checking: extra.checking === true, ...(extra.error === undefined ? {} : { error: extra.error }) }),
        status,
      );
    };

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof FormQuery> }>('/servizi/:slug/diffida', { schema: { params: ServiceParams, querystring: FormQuery } }, async (request, reply) =>
      showForm(request, reply, request.params.slug, { ...EMPTY_DIFFIDA, indicator: request.query.indicatore ?? '' }, 200),
    );

    scope.post<{ Params: ServiceParams }>('/servizi/:slug/diffida/verifica', { schema: { params: ServiceParams } }, async (request, reply) =>
      showForm(request, reply, request.params.slug, valuesOf(request.body), 200, { checking: true }),
    );

    scope.post<{ Params: ServiceParams }>('/servizi/:slug/diffida', { schema: { params: ServiceParams }, ...csrfCheckOf(scope) }, async (request, reply) => {
      const values = valuesOf(request.body);
      const m = (await loadPageContext(request, deps)).ctx.messages.diffida;
      // A person never sees the trap field; whatever filled it is not one.
      if (fieldOf(request.body, 'sito') !== '') throw new UserError('the form was not sent by a person');
      if (limit !== undefined && !limit.take(request.ip)) return showForm(request, reply, request.params.slug, values, 429, { error: { field: 'rate', message: m.tooMany } });
      let receipt: DiffidaReceipt;
      try {
        receipt = await actions.sendDiffida({ service: request.params.slug, ...values });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        const field = error.where?.field ?? '';
        return showForm(request, reply, request.params.slug, values, 422, { error: { field, message: m.fieldErrors[field] ?? error.message } });
      }
      return reply.redirect(`${localePath(locale, `/servizi/${receipt.serviceSlug}/diffida/ricevuta`)}?numero=${receipt.number}`, 303);
    });

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof ReceiptQuery> }>('/servizi/:slug/diffida/ricevuta', { schema: { params: ServiceParams, querystring: ReceiptQuery } }, async (request, reply) => {
      const receipt = await actions.findDiffidaReceipt(request.query.numero);
      if (receipt === undefined || receipt.serviceSlug !== request.params.slug) throw new PageNotFoundError(`diffida ${request.query.numero}`);
      const { ctx } = await loadPageContext(request, deps);
      const receivedLocal = new Intl.DateTimeFormat(intlTagOf(ctx.locale), { dateStyle: 'long', timeStyle: 'short', timeZone: deps.settings.timeZone }).format(new Date(receipt.receivedAt));
      return sendHtml(reply, DiffidaReceiptPage({ ctx, receipt, receivedLocal }));
    });
  };
}
