import type { Organisation } from '../../domain/cards/card.ts';
import type { DcatCatalogue, DcatDataset, DcatFrequency } from '../../formats/opendata-dcatapit.ts';
import { messagesOf } from '../i18n/locale.ts';
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
}

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
  const modified = input.datasets.reduce((latest, dataset) => (dataset.modified > latest ? dataset.modified : latest), '0000-01-01');
  const issued = input.datasets.reduce((earliest, dataset) => (dataset.issued < earliest ? dataset.issued : earliest), modified);
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
