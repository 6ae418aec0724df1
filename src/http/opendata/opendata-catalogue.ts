import type { Organisation } from '../../domain/cards/card.ts';
import type { DcatCatalogue, DcatDataset, DcatFrequency } from '../../formats/opendata-dcatapit.ts';
import { messagesOf } from '../i18n/locale.ts';
import { CLASS_ACTION, CLASS_ACTION_CSV, COSTI_CONTABILIZZATI, SERVIZI_IN_RETE } from '../pages/transparency-paths.ts';
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
  /** The class-action dataset, when a ricorso was ever recorded. */
  classActions?: ClassActionDatasetSummary | null;
}

/** What the catalogue says of the class-action dataset: the years its ricorsi were filed in, its first and last change (ISO dates). */
export interface ClassActionDatasetSummary {
  fromYear: number;
  toYear: number;
  issued: string;
  modified: string;
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
  if (input.classActions !== undefined && input.classActions !== null) datasets.push(classActionDatasetOf(input.classActions, input.baseUrl, prefix));
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

/** A dataset of one CSV file that covers every year at once (costs, class actions), described in both languages. */
interface CsvDataset {
  /** The fragment of its IRI and the end of its identifier: "costi". */
  key: string;
  title: { it: string; en: string };
  description: { it: string; en: string };
  keywords: string[];
  issued: string;
  modified: string;
  temporal: { start: string; end: string };
  accrualPeriodicity: DcatFrequency;
  /** Site paths of the page that presents it and of its CSV. */
  landingPath: string;
  csvPath: string;
}

function csvDatasetOf(dataset: CsvDataset, baseUrl: string, prefix: string): DcatDataset {
  const page = `${baseUrl}/opendata`;
  return {
    iri: `${page}#${dataset.key}`,
    identifier: `${prefix}:${dataset.key}`,
    title: dataset.title,
    description: dataset.description,
    keywords: dataset.keywords,
    issued: dataset.issued,
    modified: dataset.modified,
    temporal: { iri: `${page}#periodo-${dataset.temporal.start.slice(0, 4)}-${dataset.temporal.end.slice(0, 4)}`, ...dataset.temporal },
    accrualPeriodicity: dataset.accrualPeriodicity,
    landingPage: `${baseUrl}${dataset.landingPath}`,
    distributions: [
      {
        iri: `${page}#${dataset.key}-csv`,
        title: { it: `${dataset.title.it} (CSV)`, en: `${dataset.title.en} (CSV)` },
        format: 'CSV',
        downloadUrl: `${baseUrl}${dataset.csvPath}`,
      },
    ],
  };
}

/** The costi contabilizzati dataset: one over all its years (a trend is read across them), updated once a year. */
function costsDatasetOf(costs: CostsDatasetSummary, baseUrl: string, prefix: string): DcatDataset {
  const [it, en] = [messagesOf('it').costs, messagesOf('en').costs];
  return csvDatasetOf(
    {
      key: 'costi',
      title: { it: it.openDataTitle, en: en.openDataTitle },
      description: { it: it.openDataDescription, en: en.openDataDescription },
      keywords: [...KEYWORDS, 'costi contabilizzati', 'trasparenza'],
      issued: costs.issued,
      modified: costs.modified,
      temporal: { start: `${costs.fromYear}-01-01`, end: `${costs.toYear}-12-31` },
      accrualPeriodicity: 'ANNUAL',
      landingPath: COSTI_CONTABILIZZATI,
      csvPath: COSTS_DATASET_PATH,
    },
    baseUrl,
    prefix,
  );
}

/** The class-action dataset (d.lgs. 198/2009): every ricorso and its publications, changed whenever one is recorded. */
function classActionDatasetOf(summary: ClassActionDatasetSummary, baseUrl: string, prefix: string): DcatDataset {
  const [it, en] = [messagesOf('it').classActions, messagesOf('en').classActions];
  return csvDatasetOf(
    {
      key: 'class-action',
      title: { it: it.openDataTitle, en: en.openDataTitle },
      description: { it: it.openDataDescription, en: en.openDataDescription },
      keywords: [...KEYWORDS, 'class action', 'ricorso per l’efficienza', 'trasparenza'],
      issued: summary.issued,
      modified: summary.modified,
      temporal: { start: `${summary.fromYear}-01-01`, end: `${summary.toYear}-12-31` },
      accrualPeriodicity: 'IRREG',
      landingPath: CLASS_ACTION,
      csvPath: CLASS_ACTION_CSV,
    },
    baseUrl,
    prefix,
  );
}

/** The satisfaction votes dataset: one over all its years, changing with every vote of the current one. */
function satisfactionDatasetOf(span: CostsDatasetSummary, baseUrl: string, prefix: string): DcatDataset {
  const [it, en] = [messagesOf('it').satisfaction, messagesOf('en').satisfaction];
  return csvDatasetOf(
    {
      key: 'soddisfazione',
      title: { it: it.openDataTitle, en: en.openDataTitle },
      description: { it: it.openDataDescription, en: en.openDataDescription },
      keywords: [...KEYWORDS, 'soddisfazione degli utenti', 'servizi in rete', 'mettiamoci la faccia'],
      issued: span.issued,
      modified: span.modified,
      temporal: { start: `${span.fromYear}-01-01`, end: `${span.toYear}-12-31` },
      accrualPeriodicity: 'DAILY',
      landingPath: SERVIZI_IN_RETE,
      csvPath: SATISFACTION_DATASET_PATH,
    },
    baseUrl,
    prefix,
  );
}
