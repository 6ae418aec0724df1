import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyPluginCallback, FastifyReply } from 'fastify';
import { localDateOf } from '../../domain/calendar/index.ts';
import { writeOpenDataCsv } from '../../formats/opendata-csv.ts';
import { writeDcatApItCatalogue } from '../../formats/opendata-dcatapit.ts';
import { writeOpenDataJson } from '../../formats/opendata-json.ts';
import { LOCALES, localePath } from '../i18n/locale.ts';
import { PageNotFoundError } from '../page-errors.ts';
import { loadPageContext, sendHtml, siteNameOf } from '../render.ts';
import { currentYearOf, type SiteDeps } from '../site-settings.ts';
import { baseUrlOf, checkBaseUrl } from './base-url.ts';
import type { ServiceCostListing } from '../../actions/service-costs.action.ts';
import { costsTableOf } from '../../formats/opendata-costs.ts';
import { buildOpenDataCatalogue, COSTS_DATASET_PATH, SATISFACTION_DATASET_PATH, type ClassActionDatasetSummary, type CostsDatasetSummary } from './opendata-catalogue.ts';
import { satisfactionTableOf } from '../../formats/opendata-satisfaction.ts';
import type { SatisfactionHistory } from '../../actions/satisfaction.action.ts';
import { CATALOGUE_PATH, DATASET_FORMATS, DATASET_KINDS, loadDatasetTable, openDatasetsOf, openDataYearsOf, type OpenDataset } from './opendata-datasets.ts';
import { OpenDataPage } from './opendata.page.tsx';

export interface OpenDataOptions {
  /**
   * The public base URL for the catalogue's absolute links ("https://trasparenza.example.gov.it"); default the site's
   * (MISURA_BASE_URL). Without either they are built from the request's scheme and Host header.
   */
  baseUrl?: string;
}

const DatasetParams = Type.Object({
  year: Type.String({ pattern: '^[0-9]{4}$' }),
  file: Type.Union(DATASET_KINDS.flatMap((kind) => DATASET_FORMATS.map((format) => Type.Literal(`${kind}.${format}`)))),
});
type DatasetParams = Static<typeof DatasetParams>;

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8; header=present', json: 'application/json; charset=utf-8' } as const;

/** The datasets that exist now: the years of the stored card editions and the current year. */
async function loadDatasets(deps: SiteDeps): Promise<{ datasets: OpenDataset[]; cards: Awaited<ReturnType<SiteDeps['actions']['listCards']>> }> {
  const cards = await deps.actions.listCards();
  const today = localDateOf(deps.settings.now(), deps.settings.timeZone);
  return { datasets: openDatasetsOf(openDataYearsOf(cards, currentYearOf(deps.settings)), today, cards, deps.settings.timeZone), cards };
}

/**
 * Open data files are meant to be reused anywhere: any origin may read them (CORS) and embed them (CORP), and they
 * point to the catalogue that describes them.
 */
function sendOpenData(reply: FastifyReply, catalogueUrl: string, contentType: string, body: string): FastifyReply {
  return reply
    .type(contentType)
    .header('link', `<${catalogueUrl}>; rel="describedby"; type="application/ld+json"`)
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .send(body);
}

function registerOpenDataRoutes(app: FastifyInstance, deps: SiteDeps, configuredBaseUrl: string | undefined): void {
  for (const locale of LOCALES) {
    app.get(localePath(locale, '/opendata'), async (request, reply) => {
      const [{ ctx }, { datasets }, costs, classActions, votes] = await Promise.all([loadPageContext(request, deps), loadDatasets(deps), listCosts(deps), loadClassActionSummary(deps), deps.actions.listSatisfactionHistory?.()]);
      return sendHtml(reply, OpenDataPage({ ctx, datasets, costs: costsDatasetSummaryOf(costs), classActions, satisfaction: satisfactionDatasetSummaryOf(votes) }));
    });
  }

  app.get(CATALOGUE_PATH, async (request, reply) => {
    const baseUrl = baseUrlOf(request, configuredBaseUrl);
    const [organisations, { datasets }, costs, classActions, votes] = await Promise.all([deps.actions.listOrganisations(), loadDatasets(deps), listCosts(deps), loadClassActionSummary(deps), deps.actions.listSatisfactionHistory?.()]);
    const catalogue = buildOpenDataCatalogue({
      costs: costsDatasetSummaryOf(costs),
      classActions,
      satisfaction: satisfactionDatasetSummaryOf(votes),
      baseUrl,
      organisations,
      datasets,
      currentYear: currentYearOf(deps.settings),
      siteName: deps.settings.administration?.name ?? siteNameOf(organisations, 'it'),
      ipaCode: deps.settings.administration?.ipaCode ?? null,
      contactEmail: deps.settings.administration?.email ?? deps.settings.contactEmail,
    });
    return sendOpenData(reply, `${baseUrl}${CATALOGUE_PATH}`, 'application/ld+json; charset=utf-8', writeDcatApItCatalogue(catalogue));
  });

  app.get<{ Params: DatasetParams }>('/opendata/:year/:file', { schema: { params: DatasetParams } }, async (request, reply) => {
    const baseUrl = baseUrlOf(request, configuredBaseUrl);
    const year = Number(request.params.year);
    const [kind, format] = request.params.file.split('.') as [OpenDataset['kind'], (typeof DATASET_FORMATS)[number]];
    const { datasets, cards } = await loadDatasets(deps);
    if (!datasets.some((dataset) => dataset.kind === kind && dataset.year === year)) throw new PageNotFoundError(`open data of ${year}`);
    const table = await loadDatasetTable(deps, kind, year, cards);
    const body = format === 'csv' ? writeOpenDataCsv(table) : writeOpenDataJson(table);
    reply.header('content-disposition', `attachment; filename="${kind}-${year}.${format}"`);
    return sendOpenData(reply, `${baseUrl}${CATALOGUE_PATH}`, CONTENT_TYPES[format], body);
  });
}

/** The costs of every service, none when the site does not manage them. */
function listCosts(deps: SiteDeps): Promise<ServiceCostListing[]> {
  return deps.actions.listServiceCosts?.() ?? Promise.resolve([]);
}

/**
 * The years the class-action dataset covers (its ricorsi's filing to its last change) and its first and last change,
 * or null when no ricorso was ever recorded (the public page then says "none as of", and there is no dataset).
 */
async function loadClassActionSummary(deps: SiteDeps): Promise<ClassActionDatasetSummary | null> {
  const listing = await deps.actions.listClassActions?.();
  if (listing === undefined || listing.cases.length === 0 || listing.lastChangeAt === null) return null;
  const modified = listing.lastChangeAt.slice(0, 10);
  const years = listing.cases.map((c) => Number(c.filedOn.slice(0, 4)));
  return {
    fromYear: Math.min(...years),
    toYear: Math.max(...years, Number(modified.slice(0, 4))),
    issued: listing.cases.reduce((earliest, c) => (c.createdAt < earliest ? c.createdAt : earliest), listing.lastChangeAt).slice(0, 10),
    modified,
  };
}

/** The years the costs cover and their last change, or null when there are none to publish. */
function costsDatasetSummaryOf(costs: readonly ServiceCostListing[]): CostsDatasetSummary | null {
  const years = costs.flatMap((listing) => listing.years);
  if (years.length === 0) return null;
  return {
    fromYear: Math.min(...years.map((y) => y.year)),
    toYear: Math.max(...years.map((y) => y.year)),
    issued: years.reduce((earliest, y) => (y.createdAt < earliest ? y.createdAt : earliest), years[0]?.createdAt ?? '').slice(0, 10),
    modified: years.reduce((latest, y) => (y.updatedAt > latest ? y.updatedAt : latest), '').slice(0, 10),
  };
}

/** The years with votes and the days of the first and latest vote, or null when there are none to publish. */
function satisfactionDatasetSummaryOf(history: SatisfactionHistory | undefined): CostsDatasetSummary | null {
  const first = history?.years[0];
  const last = history?.years[history.years.length - 1];
  if (history === undefined || first === undefined || last === undefined || history.firstVoteDay === null || history.lastVoteDay === null) return null;
  return { fromYear: first.year, toYear: last.year, issued: history.firstVoteDay, modified: history.lastVoteDay };
}

/** The satisfaction votes dataset: counts per year, service and channel, never a reason (404 when the site takes no votes). */
function registerSatisfactionDatasetRoute(app: FastifyInstance, deps: SiteDeps, configuredBaseUrl: string | undefined): void {
  app.get(SATISFACTION_DATASET_PATH, async (request, reply) => {
    if (deps.actions.listSatisfactionHistory === undefined) throw new PageNotFoundError('satisfaction votes');
    const table = satisfactionTableOf((await deps.actions.listSatisfactionHistory()).years);
    reply.header('content-disposition', 'attachment; filename="soddisfazione.csv"');
    return sendOpenData(reply, `${baseUrlOf(request, configuredBaseUrl)}${CATALOGUE_PATH}`, CONTENT_TYPES.csv, writeOpenDataCsv(table));
  });
}

/** The costi contabilizzati dataset: every service and year in one CSV (404 when the site does not manage costs). */
function registerCostsDatasetRoute(app: FastifyInstance, deps: SiteDeps, configuredBaseUrl: string | undefined): void {
  app.get(COSTS_DATASET_PATH, async (request, reply) => {
    if (deps.actions.listServiceCosts === undefined) throw new PageNotFoundError('costs');
    const table = costsTableOf(await deps.actions.listServiceCosts());
    reply.header('content-disposition', 'attachment; filename="costi.csv"');
    return sendOpenData(reply, `${baseUrlOf(request, configuredBaseUrl)}${CATALOGUE_PATH}`, CONTENT_TYPES.csv, writeOpenDataCsv(table));
  });
}

/**
 * The open data plugin: the /opendata page (in every language), the DCAT-AP_IT catalogue at
 * /opendata/catalogo.jsonld and each year's datasets at /opendata/<year>/{carte,risultati}.{csv,json}.
 */
export function openDataRoutes(deps: SiteDeps, options: OpenDataOptions = {}): FastifyPluginCallback {
  const configured = options.baseUrl ?? deps.settings.baseUrl ?? undefined;
  const baseUrl = configured === undefined ? undefined : checkBaseUrl(configured);
  return (app, _opts, done) => {
    registerOpenDataRoutes(app, deps, baseUrl);
    registerCostsDatasetRoute(app, deps, baseUrl);
    registerSatisfactionDatasetRoute(app, deps, baseUrl);
    done();
  };
}
