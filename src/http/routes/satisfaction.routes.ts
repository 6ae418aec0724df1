import formbody from '@fastify/formbody';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { VoteRefusedError, type VoteOutcome } from '../../actions/satisfaction.action.ts';
import { isSatisfactionChannel, offeredChannelsOf, SATISFACTION_CHANNELS, type SatisfactionChannel } from '../../domain/satisfaction/satisfaction-vote.ts';
import { UserError } from '../../domain/shared/errors.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { fieldOf } from '../auth/admin-forms.ts';
import { localePath, type Locale } from '../i18n/locale.ts';
import type { PageContext } from '../pages/page-context.ts';
import { EMPTY_VOTE, type SatisfactionFormValues } from '../pages/parts/satisfaction-form.tsx';
import { SatisfactionFormPage, SatisfactionThanksPage } from '../pages/satisfaction.page.tsx';
import { SatisfactionWidgetPage } from '../pages/satisfaction-widget.page.tsx';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import type { SiteDeps } from '../site-settings.ts';
import { AddressLimit } from './address-limit.ts';
import { ServiceParams } from './route-schemas.ts';
import { loadServiceWithCards } from './service-data.ts';

export interface SatisfactionRouteOptions {
  /** Votes one client address may send per hour (each a form post, counted or not); false: no limit. Default 30. */
  perHour?: number | false;
  /**
   * MISURA_WIDGET_ORIGINS: the sites that may frame the widget ("https://www.comune.example"). Empty or absent: any
   * site may (the widget is meant to be pasted anywhere, and holds nothing to protect from clickjacking but a vote).
   */
  widgetOrigins?: readonly string[];
}

type SatisfactionActions = Required<Pick<SiteDeps['actions'], 'issueSatisfactionToken' | 'recordSatisfactionVote'>>;

const Channel = Type.String({ pattern: '^[a-z]{1,20}$' });
const ChannelQuery = Type.Object({ canale: Type.Optional(Channel) });
const ThanksQuery = Type.Object({ esito: Type.Optional(Type.Union([Type.Literal('counted'), Type.Literal('repeat')])), canale: Type.Optional(Channel) });

/** One count of votes per address for every vote route and language (undefined: no limit). */
export function voteLimitOf(deps: SiteDeps, options: SatisfactionRouteOptions = {}): AddressLimit | undefined {
  return options.perHour === false ? undefined : new AddressLimit(options.perHour ?? 30, () => deps.settings.now().getTime());
}

/** The paths, without the locale prefix. */
export const satisfactionPathOf = (slug: string) => `/servizi/${slug}/soddisfazione`;
export const widgetPathOf = (slug: string) => `/widget/soddisfazione/${slug}`;

/** The widget's CSP: the site's own, except that the configured sites (or any) may frame it. */
export function widgetContentSecurityPolicy(origins: readonly string[] | undefined): string {
  const directives: Record<string, readonly string[]> = { ...CONTENT_SECURITY_POLICY.directives, frameAncestors: origins === undefined || origins.length === 0 ? ['*'] : ["'self'", ...origins] };
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';');
}

function valuesOf(body: unknown): SatisfactionFormValues {
  return { face: fieldOf(body, 'face'), channel: fieldOf(body, 'channel'), reason: fieldOf(body, 'reason') };
}

/** The service's channels, and the one asked for (?canale= of an embed, a channel typed before) when it is a known one. */
function channelsOf(listing: ServiceListing, asked: string): SatisfactionChannel[] {
  const offered = offeredChannelsOf(listing.service.channels.map((channel) => channel.kind));
  return isSatisfactionChannel(asked) && !offered.includes(asked) ? SATISFACTION_CHANNELS.filter((channel) => channel === asked || offered.includes(channel)) : offered;
}

/** Why a vote was refused, in the page's words, with the status to answer. */
function refusalOf(error: unknown, ctx: PageContext): { status: number; error: { field: string; message: string } } | undefined {
  const m = ctx.messages.satisfaction;
  if (error instanceof VoteRefusedError) return { status: error.reason === 'trap' ? 400 : 403, error: { field: error.where?.field ?? 'token', message: m.tokenErrors[error.reason] ?? error.message } };
  if (error instanceof UserError) {
    const field = error.where?.field ?? '';
    if (field === 'service') throw new PageNotFoundError(error.message);
    return { status: 422, error: { field, message: m.fieldErrors[field] ?? error.message } };
  }
  return undefined;
}

/** Shows a vote form again, refused, with what was typed and why. */
type ShowRefusedVote = (request: FastifyRequest, reply: FastifyReply, slug: string, values: SatisfactionFormValues, status: number, extra: { error: { field: string; message: string } }) => Promise<unknown>;

/**
 * A vote posted from a form (the service's vote page or the widget): counted against the address's hourly limit,
 * recorded, then 303 to the thanks page `thanksPath` names; a refusal shows the form again with its reason.
 */
async function postVote(
  deps: SiteDeps,
  actions: SatisfactionActions,
  limit: AddressLimit | undefined,
  request: FastifyRequest<{ Params: ServiceParams }>,
  reply: FastifyReply,
  show: ShowRefusedVote,
  thanksPath: (slug: string, outcome: VoteOutcome) => string,
): Promise<unknown> {
  const { slug } = request.params;
  const values = valuesOf(request.body);
  const { ctx } = await loadPageContext(request, deps);
  if (limit !== undefined && !limit.take(request.ip)) return show(request, reply, slug, values, 429, { error: { field: 'rate', message: ctx.messages.satisfaction.tooMany } });
  let outcome: VoteOutcome;
  try {
    outcome = await actions.recordSatisfactionVote({ service: slug, ...values, token: fieldOf(request.body, 'token'), trap: fieldOf(request.body, 'sito'), clientAddress: request.ip });
  } catch (error) {
    const refused = refusalOf(error, ctx);
    if (refused === undefined) throw error;
    return show(request, reply, slug, values, refused.status, { error: refused.error });
  }
  return reply.redirect(thanksPath(slug, outcome), 303);
}

/**
 * "Mettiamoci la faccia" on the site: GET /servizi/:slug/soddisfazione (the form with its token), POST …/verifica (the
 * box of the service page, whose cached answer cannot carry a token, confirmed here), POST /servizi/:slug/soddisfazione
 * (records the vote) → 303 to …/grazie. The form carries no CSRF cookie's token: its own signed single-use token does
 * that work, as in the widget.
 */
export function satisfactionRoutes(deps: SiteDeps, actions: SatisfactionActions, locale: Locale, voteLimit: AddressLimit | undefined): FastifyPluginAsync {
  return async (scope: FastifyInstance) => {
    await scope.register(formbody);
    const limit = voteLimit;

    const showForm = async (request: FastifyRequest, reply: FastifyReply, slug: string, values: SatisfactionFormValues, status: number, extra: { checking?: boolean; error?: { field: string; message: string } } = {}) => {
      const [{ ctx }, { listing }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, slug)]);
      const token = await actions.issueSatisfactionToken(slug);
      reply.header('cache-control', 'no-store');
      return sendHtml(reply, SatisfactionFormPage({ ctx, listing, channels: channelsOf(listing, values.channel), values, token, checking: extra.checking === true, ...(extra.error === undefined ? {} : { error: extra.error }) }), status);
    };

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof ChannelQuery> }>(satisfactionPathOf(':slug'), { schema: { params: ServiceParams, querystring: ChannelQuery } }, async (request, reply) =>
      showForm(request, reply, request.params.slug, { ...EMPTY_VOTE, channel: request.query.canale ?? '' }, 200),
    );

    scope.post<{ Params: ServiceParams }>(`${satisfactionPathOf(':slug')}/verifica`, { schema: { params: ServiceParams } }, async (request, reply) =>
      showForm(request, reply, request.params.slug, valuesOf(request.body), 200, { checking: true }),
    );

    scope.post<{ Params: ServiceParams }>(satisfactionPathOf(':slug'), { schema: { params: ServiceParams } }, async (request, reply) =>
      postVote(deps, actions, limit, request, reply, showForm, (slug, outcome) => `${localePath(locale, `${satisfactionPathOf(slug)}/grazie`)}?esito=${outcome.status}`),
    );

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof ThanksQuery> }>(`${satisfactionPathOf(':slug')}/grazie`, { schema: { params: ServiceParams, querystring: ThanksQuery } }, async (request, reply) => {
      const [{ ctx }, { listing }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, request.params.slug)]);
      return sendHtml(reply, SatisfactionThanksPage({ ctx, listing, outcome: request.query.esito ?? 'counted' }));
    });
  };
}

/**
 * The embeddable widget: GET /widget/soddisfazione/:slug?canale=web, POST the same path → 303 to …/grazie. Its answers
 * may be framed by other sites (frame-ancestors from MISURA_WIDGET_ORIGINS, else any), which every other page forbids.
 * Inside a third-party iframe the browser may withhold our cookies (SameSite, third-party cookie blocking), so the
 * form must not rely on a CSRF cookie: the signed, single-use, time-limited token in the form is what proves that the
 * post follows a form we served.
 */
export function satisfactionWidgetRoutes(deps: SiteDeps, actions: SatisfactionActions, locale: Locale, voteLimit: AddressLimit | undefined, options: SatisfactionRouteOptions = {}): FastifyPluginAsync {
  const csp = widgetContentSecurityPolicy(options.widgetOrigins);
  return async (scope: FastifyInstance) => {
    await scope.register(formbody);
    const limit = voteLimit;
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', csp);
      // Helmet's X-Frame-Options would forbid what frame-ancestors allows (browsers obey the CSP, but not all of them).
      reply.removeHeader('x-frame-options');
      // Other sites frame the page: its resource policy must let them.
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('cache-control', 'no-store');
      return payload;
    });

    const show = async (request: FastifyRequest, reply: FastifyReply, slug: string, values: SatisfactionFormValues, status: number, extra: { error?: { field: string; message: string }; outcome?: VoteOutcome['status'] } = {}) => {
      const [{ ctx }, { listing }] = await Promise.all([loadPageContext(request, deps), loadServiceWithCards(deps, slug)]);
      const channels = channelsOf(listing, values.channel);
      const token = extra.outcome === undefined ? await actions.issueSatisfactionToken(slug) : undefined;
      const service = { slug, name: listing.service.name };
      return sendHtml(
        reply,
        SatisfactionWidgetPage({ ctx, service, channels, values, ...(token === undefined ? {} : { token }), ...(extra.error === undefined ? {} : { error: extra.error }), ...(extra.outcome === undefined ? {} : { outcome: extra.outcome }) }),
        status,
      );
    };

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof ChannelQuery> }>(widgetPathOf(':slug'), { schema: { params: ServiceParams, querystring: ChannelQuery } }, async (request, reply) =>
      show(request, reply, request.params.slug, { ...EMPTY_VOTE, channel: request.query.canale ?? '' }, 200),
    );

    scope.post<{ Params: ServiceParams }>(widgetPathOf(':slug'), { schema: { params: ServiceParams } }, async (request, reply) =>
      postVote(deps, actions, limit, request, reply, show, (slug, outcome) => `${localePath(locale, `${widgetPathOf(slug)}/grazie`)}?esito=${outcome.status}&canale=${outcome.channel}`),
    );

    scope.get<{ Params: ServiceParams; Querystring: Static<typeof ThanksQuery> }>(`${widgetPathOf(':slug')}/grazie`, { schema: { params: ServiceParams, querystring: ThanksQuery } }, async (request, reply) =>
      show(request, reply, request.params.slug, { ...EMPTY_VOTE, channel: request.query.canale ?? '' }, 200, { outcome: request.query.esito ?? 'counted' }),
    );
  };
}
