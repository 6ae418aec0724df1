import type { Organisation } from '../../domain/cards/card.ts';
import type { DcatCatalogue, DcatDataset, DcatFrequency } from '../../formats/opendata-dcatapit.ts';
import { messagesOf } from '../i18n/locale.ts';
import { COSTI_CONTABILIZZATI, SERVIZI_IN_RETE } from '../pages/transparency-paths.ts';
import { DATASET_FORMATS, datasetPathOf, type OpenDataset } from './opendata-datasets.ts';

export interface CatalogueInput {
  /** Absolute, no trailing slash. */
  baseUrl: string;
  organisations: readonly Organisation[];
  datasets: readonly OpenDataset[];
  currentYear: number;
  /** The site's name (the administration's when there is one). */
  siteName: string;
  /** The administration's IPA code (MISURA_PA_IPA): with it, the administration is the one publisher. */
  ipaCode?: string | null;
  contactEmail: string | null;
  /** The costi contabilizzati dataset (one, over every year recorded), when there are costs to publish. */
  costs?: CostsDatasetSummary | null;
  /** The satisfaction votes dataset (one, over every year with votes), when there are votes; same shape as the costs'. */
  satisfaction?: CostsDatasetSummary | null;
}

/** What the catalogue says of the costs dataset: the years it covers and its last change (ISO date). */
export interface CostsDatasetSummary {
  fromYear: number;
  toYear: number;
  /** The first time costs were recorded, and the last change (YYYY-MM-DD). */
  issued: string;
  modified: string;
}

/** The site path of the satisfaction votes dataset's CSV. */
export const SATISFACTION_DATASET_PATH = '/opendata/soddisfazione.csv';

/** The site path of the costs dataset's CSV. */
export const COSTS_DATASET_PATH = '/opendata/costi.csv';

/** Words a search on dati.gov.it should find the datasets by. */
const KEYWORDS = ['carta dei servizi', 'standard di qualità', 'indicatori', 'servizi pubblici'];

/** Results of the current year change every day; earlier years only on corrections; cards with each new edition. */
function frequencyOf(dataset: OpenDataset, currentYear: number): DcatFrequency {
  if (dataset.kind === 'carte') return 'ANNUAL';
  return dataset.year < currentYear ? 'IRREG' : 'DAILY';
}

/**
 * The DCAT-AP_IT description of the open data: one catalogue, one dataset per kind and year with a CSV and a JSON
 * distribution each, published by the administrations whose cards the site holds (or the site when there is none).
 */
export function buildOpenDataCatalogue(input: CatalogueInput): DcatCatalogue {
  const [it, en] = [messagesOf('it'), messagesOf('en')];
  const page = `${input.baseUrl}/opendata`;
  // DCAT-AP_IT identifies a publisher by its IPA code and prefixes dataset identifiers with it ("m_lps:carte-2026").
  const ipaCode = input.ipaCode ?? null;
  const agents =
    ipaCode !== null
      ? [{ iri: `${page}#organizzazione-${ipaCode}`, identifier: ipaCode, name: input.siteName }]
      : input.organisations.length === 0
      ? [{ iri: `${page}#organizzazione`, identifier: it.defaultSiteName, name: input.siteName }]
      : input.organisations.map((organisation) => ({ iri: `${page}#organizzazione-${organisation.slug}`, identifier: organisation.slug, name: organisation.name }));
  const prefix = agents.length === 1 && agents[0] !== undefined ? agents[0].identifier : it.defaultSiteName;
  const datasets = input.datasets.map((dataset): DcatDataset => {
    const title = dataset.kind === 'carte' ? { it: it.openDataCardsTitle(dataset.year), en: en.openDataCardsTitle(dataset.year) } : { it: it.openDataResultsTitle(dataset.year), en: en.openDataResultsTitle(dataset.year) };
    return {
      iri: `${page}#${dataset.identifier}`,
      identifier: `${prefix}:${dataset.identifier}`,
      title,
      description:
        dataset.kind === 'carte'
          ? { it: it.openDataCardsDescription(dataset.year), en: en.openDataCardsDescription(dataset.year) }
          : { it: it.openDataResultsDescription(dataset.year), en: en.openDataResultsDescription(dataset.year) },
      keywords: KEYWORDS,
      issued: dataset.issued,
      modified: dataset.modified,
      temporal: { iri: `${page}#periodo-${dataset.year}`, start: `${dataset.year}-01-01`, end: `${dataset.year}-12-31` },
      accrualPeriodicity: frequencyOf(dataset, input.currentYear),
      landingPage: page,
      distributions: DATASET_FORMATS.map((format) => ({
        iri: `${page}#${dataset.identifier}-${format}`,
        title: { it: `${title.it} (${format.toUpperCase()})`, en: `${title.en} (${format.toUpperCase()})` },
        format: format === 'csv' ? 'CSV' : 'JSON',
        downloadUrl: `${input.baseUrl}${datasetPathOf(dataset.kind, dataset.year, format)}`,
      })),
    };
  });
  if (input.costs !== undefined && input.costs !== null) datasets.push(costsDatasetOf(input.costs, input.baseUrl, prefix));
  if (input.satisfaction !== undefined && input.satisfaction !== null) datasets.push(satisfactionDatasetOf(input.satisfaction, input.baseUrl, prefix));
  const modified = datasets.reduce((latest, dataset) => (dataset.modified > latest ? dataset.modified : latest), '0000-01-01');
  const issued = datasets.reduce((earliest, dataset) => ((dataset.issued ?? dataset.modified) < earliest ? (dataset.issued ?? dataset.modified) : earliest), modified);
  return {
    iri: `${page}#catalogo`,
    title: { it: it.openDataCatalogueName(input.siteName), en: en.openDataCatalogueName(input.siteName) },
    description: { it: it.openDataCatalogueDescription, en: en.openDataCatalogueDescription },
    homepage: page,
    publishers: agents,
    contactPoint: { iri: `${page}#punto-di-contatto`, name: input.siteName, email: input.contactEmail, url: page },
    issued,
    modified,
    datasets,
  };
}

/** The costi contabilizzati dataset: one over all its years (a trend is read across them), updated once a year. */
function costsDatasetOf(costs: CostsDatasetSummary, baseUrl: string, prefix: string): DcatDataset {
  const [it, en] = [messagesOf('it').costs, messagesOf('en').costs];
  const page = `${baseUrl}/opendata`;
  return {
    iri: `${page}#costi`,
    identifier: `${prefix}:costi`,
    title: { it: it.openDataTitle, en: en.openDataTitle },
    description: { it: it.openDataDescription, en: en.openDataDescription },
    keywords: [...KEYWORDS, 'costi contabilizzati', 'trasparenza'],
    issued: costs.issued,
    modified: costs.modified,
    temporal: { iri: `${page}#periodo-${costs.fromYear}-${costs.toYear}`, start: `${costs.fromYear}-01-01`, end: `${costs.toYear}-12-31` },
    accrualPeriodicity: 'ANNUAL',
    landingPage: `${baseUrl}${COSTI_CONTABILIZZATI}`,
    distributions: [
      {
        iri: `${page}#costi-csv`,
        title: { it: `${it.openDataTitle} (CSV)`, en: `${en.openDataTitle} (CSV)` },
        format: 'CSV',
        downloadUrl: `${baseUrl}${COSTS_DATASET_PATH}`,
      },
    ],
  };
}

/** The satisfaction votes dataset: one over all its years, changing with every vote of the current one. */
function satisfactionDatasetOf(span: CostsDatasetSummary, baseUrl: string, prefix: string): DcatDataset {
  const [it, en] = [messagesOf('it').satisfaction, messagesOf('en').satisfaction];
  const page = `${baseUrl}/opendata`;
  return {
    iri: `${page}#soddisfazione`,
    identifier: `${prefix}:soddisfazione`,
    title: { it: it.openDataTitle, en: en.openDataTitle },
    description: { it: it.openDataDescription, en: en.openDataDescription },
    keywords: [...KEYWORDS, 'soddisfazione degli utenti', 'servizi in rete', 'mettiamoci la faccia'],
    issued: span.issued,
    modified: span.modified,
    temporal: { iri: `${page}#periodo-${span.fromYear}-${span.toYear}`, start: `${span.fromYear}-01-01`, end: `${span.toYear}-12-31` },
    accrualPeriodicity: 'DAILY',
    landingPage: `${baseUrl}${SERVIZI_IN_RETE}`,
    distributions: [
      {
        iri: `${page}#soddisfazione-csv`,
        title: { it: `${it.openDataTitle} (CSV)`, en: `${en.openDataTitle} (CSV)` },
        format: 'CSV',
        downloadUrl: `${baseUrl}${SATISFACTION_DATASET_PATH}`,
      },
    ],
  };
}
