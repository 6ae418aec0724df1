import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CardListing, IndicatorListing } from '../../actions/list-cards.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import type { MaintenanceWindow } from '../../domain/probes/maintenance-window.ts';
import { IndicatorPage } from '../pages/indicator.page.tsx';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { pickCardInForce } from '../view/card-in-force.ts';
import { indicatorReportToCsv } from '../view/indicator-csv.ts';
import { IndicatorParams, YearQuery } from './route-schemas.ts';
import { loadDiffidaOffer, loadReports, loadServiceWithCards, type ServiceWithCards } from './service-data.ts';

interface IndicatorData extends ServiceWithCards {
  year: number;
  indicator: IndicatorListing;
  report: IndicatorReport | undefined;
  /** Years whose card in force holds this indicator, newest first. */
  years: number[];
  /** Planned maintenance of the probes the indicator reads. */
  maintenance: MaintenanceWindow[];
}

/** The indicator as the card in force in `year` defines it, and its evaluation; PageNotFoundError when absent. */
async function loadIndicator(deps: SiteDeps, params: IndicatorParams, query: YearQuery): Promise<IndicatorData> {
  const year = query.anno ?? currentYearOf(deps.settings);
  const service = await loadServiceWithCards(deps, params.slug);
  const card = pickCardInForce(service.cards, year);
  const indicator = card?.indicators.find((i) => i.slug === params.indicator);
  if (card === undefined || indicator === undefined) {
    const renamed = card === undefined ? undefined : findRenamed(service.cards, card, params.indicator);
    if (renamed !== undefined) throw new IndicatorMovedError(renamed);
    throw new PageNotFoundError(`indicator "${params.indicator}" of service "${params.slug}" in ${year}`);
  }
  const reports = await loadReports(deps, params.slug, card.edition, year);
  const current = currentYearOf(deps.settings);
  const candidateYears = new Set([current, ...service.cards.flatMap((c) => (c.year === null || c.year > current ? [] : [c.year]))]);
  const years = [...candidateYears]
    .filter((y) => pickCardInForce(service.cards, y)?.indicators.some((i) => i.slug === params.indicator))
    .sort((a, b) => b - a);
  const maintenance = (await deps.actions.listIndicatorMaintenance?.())?.find((item) => item.indicator === `${params.slug}/${card.edition}/${indicator.slug}`)?.windows ?? [];
  return { ...service, year, indicator, report: reports.get(params.indicator), years, maintenance };
}

/** The indicator asked for by an old slug has a new one: its old URLs redirect (301). */
class IndicatorMovedError extends Error {
  constructor(readonly slug: string) {
    super(`indicator moved to "${slug}"`);
  }
}

/**
 * The slug, in `card`, of the indicator a public edition called `slug`: the same stable id under a new name (a
 * reworded sub-dimension), so that links and bookmarks keep working.
 */
function findRenamed(cards: readonly CardListing[], card: CardListing, slug: string): string | undefined {
  const uid = cards.flatMap((c) => c.indicators).find((i) => i.slug === slug && i.uid !== undefined)?.uid;
  return uid === undefined ? undefined : card.indicators.find((i) => i.uid === uid && i.slug !== slug)?.slug;
}

/** Runs `load`; when the indicator was renamed, answers 301 to the same path under its new slug (query kept). */
async function orRedirect<T>(request: FastifyRequest, reply: FastifyReply, oldSlug: string, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof IndicatorMovedError)) throw error;
    const [path = '', query] = request.url.split('?');
    const segment = `/indicatori/${encodeURIComponent(oldSlug)}`;
    const at = path.lastIndexOf(segment);
    await reply.redirect(`${path.slice(0, at)}/indicatori/${error.slug}${path.slice(at + segment.length)}${query === undefined ? '' : `?${query}`}`, 301);
    return undefined;
  }
}

/** An indicator's page and its data as CSV and JSON downloads. */
export function registerIndicatorRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const schema = { params: IndicatorParams, querystring: YearQuery };
  const basePathOf = (params: IndicatorParams) => `/servizi/${params.slug}/indicatori/${params.indicator}`;

  app.get<{ Params: IndicatorParams; Querystring: YearQuery }>('/servizi/:slug/indicatori/:indicator', { schema }, async (request, reply) => {
    const data = await orRedirect(request, reply, request.params.indicator, () => loadIndicator(deps, request.params, request.query));
    if (data === undefined) return reply;
    const { ctx } = await loadPageContext(request, deps);
    const diffida = await loadDiffidaOffer(deps, data.listing.service.slug, data.cards, currentYearOf(deps.settings));
    return sendHtml(
      reply,
      IndicatorPage({ ctx, listing: data.listing, year: data.year, indicator: data.indicator, report: data.report, years: data.years, maintenance: data.maintenance, basePath: basePathOf(request.params), ...(diffida === undefined ? {} : { diffida }) }),
    );
  });

  app.get<{ Params: IndicatorParams; Querystring: YearQuery }>('/servizi/:slug/indicatori/:indicator/dati.csv', { schema }, async (request, reply) => {
    const data = await orRedirect(request, reply, request.params.indicator, () => loadIndicator(deps, request.params, request.query));
    if (data === undefined) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.slug}-${request.params.indicator}-${data.year}.csv"`)
      .send(indicatorReportToCsv(data.report));
  });

  app.get<{ Params: IndicatorParams; Querystring: YearQuery }>('/servizi/:slug/indicatori/:indicator/dati.json', { schema }, async (request, reply) => {
    const data = await orRedirect(request, reply, request.params.indicator, () => loadIndicator(deps, request.params, request.query));
    if (data === undefined) return reply;
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.slug}-${request.params.indicator}-${data.year}.json"`)
      .send({ year: data.year, indicator: data.indicator, report: data.report ?? null });
  });
}
