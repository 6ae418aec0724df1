import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { pickCardInForce } from '../view/card-in-force.ts';
import { ApiError } from './api-errors.ts';
import {
  Card,
  CardsQuery,
  errorResponses,
  IndicatorInForce,
  IndicatorResult,
  IndicatorsQuery,
  ResultsQuery,
  ServiceDetail,
  ServiceParams,
  ServiceSummary,
  SourceFreshness,
} from './api-schemas.ts';
import { toCard, toIndicatorResult, toServiceDetail, toServiceSummary } from './api-views.ts';

/** Cards of one service: same slug and same organisation (slugs are unique per organisation). */
const cardsOfService = (cards: readonly CardListing[], listing: ServiceListing) =>
  cards.filter((card) => card.serviceSlug === listing.service.slug && card.organisation.slug === listing.organisation.slug);

/** The service with this slug (the first, as the site shows it), or a 404. */
async function findService(deps: SiteDeps, slug: string): Promise<ServiceListing> {
  const listing = (await deps.actions.listServices()).find((s) => s.service.slug === slug);
  if (listing === undefined) throw new ApiError(404, `no service has the slug "${slug}" (see /api/v1/services)`);
  return listing;
}

/** The read-only routes of /api/v1: services, cards, indicators, results and sources. */
export function registerReadRoutes(app: FastifyInstance, deps: SiteDeps): void {
  app.get(
    '/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Every service with its organisation and the editions of its card',
        response: { 200: Type.Object({ services: Type.Array(ServiceSummary) }), ...errorResponses(429, 500) },
      },
    },
    async () => {
      const [services, cards] = await Promise.all([deps.actions.listServices(), deps.actions.listCards()]);
      return { services: services.map((listing) => toServiceSummary(listing, cardsOfService(cards, listing))) };
    },
  );

  app.get<{ Params: ServiceParams }>(
    '/services/:service',
    {
      schema: {
        tags: ['services'],
        summary: 'One service: what it is, its channels and hours, where to send a diffida',
        params: ServiceParams,
        response: { 200: ServiceDetail, ...errorResponses(404, 429, 500) },
      },
    },
    async (request) => {
      const listing = await findService(deps, request.params.service);
      return toServiceDetail(listing, cardsOfService(await deps.actions.listCards({ service: listing.service.slug }), listing));
    },
  );

  app.get<{ Params: ServiceParams }>(
    '/services/:service/cards',
    {
      schema: {
        tags: ['cards'],
        summary: "Every edition of a service's card, oldest first (undated last)",
        params: ServiceParams,
        response: { 200: Type.Object({ cards: Type.Array(Card) }), ...errorResponses(404, 429, 500) },
      },
    },
    async (request) => {
      const listing = await findService(deps, request.params.service);
      return { cards: cardsOfService(await deps.actions.listCards({ service: listing.service.slug }), listing).map(toCard) };
    },
  );

  app.get<{ Querystring: CardsQuery }>(
    '/cards',
    {
      schema: {
        tags: ['cards'],
        summary: 'Every stored card edition, or those of one year',
        querystring: CardsQuery,
        response: { 200: Type.Object({ cards: Type.Array(Card) }), ...errorResponses(400, 429, 500) },
      },
    },
    async (request) => {
      const cards = await deps.actions.listCards(request.query.year === undefined ? {} : { year: request.query.year });
      return { cards: cards.map(toCard) };
    },
  );

  app.get<{ Querystring: IndicatorsQuery }>(
    '/indicators',
    {
      schema: {
        tags: ['indicators'],
        summary: 'The indicators of the cards in force in a year, with their valori programmati',
        querystring: IndicatorsQuery,
        response: { 200: Type.Object({ year: Type.Integer(), indicators: Type.Array(IndicatorInForce) }), ...errorResponses(400, 404, 429, 500) },
      },
    },
    async (request) => {
      const year = request.query.year ?? currentYearOf(deps.settings);
      const [services, cards] = await Promise.all([deps.actions.listServices(), deps.actions.listCards()]);
      const wanted = request.query.service === undefined ? services : [await findService(deps, request.query.service)];
      const indicators = wanted.flatMap((listing) => {
        const card = pickCardInForce(cardsOfService(cards, listing), year);
        if (card === undefined) return [];
        const service = { slug: listing.service.slug, name: listing.service.name };
        return card.indicators.map((indicator) => ({ service, organisation: listing.organisation, edition: card.edition, indicator }));
      });
      return { year, indicators };
    },
  );

  app.get<{ Querystring: ResultsQuery }>(
    '/results',
    {
      schema: {
        tags: ['results'],
        summary: 'Measured values of every indicator in force in a year, judged against the valore programmato',
        description:
          'For each indicator: value, numerator, denominator, unit, target, status, budgetLeft and forecast for the year and for each started month, quarter, or (period=year) the year alone. Data is judged up to yesterday.',
        querystring: ResultsQuery,
        response: {
          200: Type.Object({ year: Type.Integer(), period: Type.String(), results: Type.Array(IndicatorResult) }),
          ...errorResponses(400, 404, 429, 500),
        },
      },
    },
    async (request) => {
      const year = request.query.year ?? currentYearOf(deps.settings);
      const period = request.query.period ?? 'month';
      if (request.query.service !== undefined) await findService(deps, request.query.service);
      // 'year' needs no finer cut; quarters are the cheapest one getReport makes.
      const reports = await deps.actions.getReport({ year, granularity: period === 'year' ? 'quarter' : period });
      const results = reports.filter((r) => request.query.service === undefined || r.service.slug === request.query.service).map((r) => toIndicatorResult(r, period));
      return { year, period, results };
    },
  );

  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Every source of events, with the seconds since its last event (a silent feed stands out)',
        response: { 200: Type.Object({ sources: Type.Array(SourceFreshness) }), ...errorResponses(429, 500, 503) },
      },
    },
    async (_request, reply) => {
      if (deps.actions.listSources === undefined) throw new ApiError(503, 'the sources of events are not available on this server');
      reply.header('cache-control', 'no-store');
      return { sources: await deps.actions.listSources() };
    },
  );
}
