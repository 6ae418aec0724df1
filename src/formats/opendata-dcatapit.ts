/**
 * The DCAT-AP_IT catalogue (the Italian profile of DCAT-AP, http://dati.gov.it/onto/dcatapit) as JSON-LD: one flat
 * @graph of nodes that refer to each other by @id, as the national catalogue dati.gov.it harvests it.
 */

/** A text in the site's two languages. */
export interface DcatText {
  it: string;
  en: string;
}

/** An organisation (dcatapit:Agent); `identifier` is its IPA code when known. */
export interface DcatAgent {
  iri: string;
  identifier: string;
  name: string;
}

/** Where people write about the datasets (dcatapit:Organization, a vCard). */
export interface DcatContactPoint {
  iri: string;
  name: string;
  email: string | null;
  url: string;
}

export type DcatFormat = 'CSV' | 'JSON';

/** EU frequency vocabulary codes (http://publications.europa.eu/resource/authority/frequency). */
export type DcatFrequency = 'DAILY' | 'ANNUAL' | 'IRREG' | 'UNKNOWN';

export interface DcatDistribution {
  iri: string;
  title: DcatText;
  format: DcatFormat;
  /** The file's absolute URL. */
  downloadUrl: string;
}

export interface DcatDataset {
  iri: string;
  identifier: string;
  title: DcatText;
  description: DcatText;
  keywords: string[];
  /** ISO date (YYYY-MM-DD) of its first publication. */
  issued?: string;
  /** ISO date (YYYY-MM-DD). */
  modified: string;
  /** The time span the data covers, ISO dates; `iri` names the dct:PeriodOfTime node (datasets may share one). */
  temporal: { iri: string; start: string; end: string };
  accrualPeriodicity: DcatFrequency;
  landingPage: string;
  distributions: DcatDistribution[];
}

export interface DcatCatalogue {
  iri: string;
  title: DcatText;
  description: DcatText;
  homepage: string;
  /** Usually one; the site may publish the cards of several administrations. */
  publishers: DcatAgent[];
  contactPoint: DcatContactPoint;
  /** ISO date (YYYY-MM-DD) of its first publication. */
  issued?: string;
  /** ISO date (YYYY-MM-DD). */
  modified: string;
  datasets: DcatDataset[];
}

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

/** CC BY 4.0: the licence of every distribution. */
export const LICENSE_IRI = 'https://creativecommons.org/licenses/by/4.0/';
const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority';
/** "Government and public sector" in the EU data-theme vocabulary. */
export const THEME_IRI = `${EU_AUTHORITY}/data-theme/GOVE`;
const MEDIA_TYPES: Record<DcatFormat, string> = { CSV: 'text/csv', JSON: 'application/json' };

type JsonLd = Record<string, unknown>;

const ref = (iri: string): JsonLd => ({ '@id': iri });
const date = (value: string): JsonLd => ({ '@type': 'xsd:date', '@value': value });
const texts = (text: DcatText): JsonLd[] => [
  { '@language': 'it', '@value': text.it },
  { '@language': 'en', '@value': text.en },
];
/** One reference, or a list when there are several (JSON-LD reads both as the same set of values). */
const refs = (iris: string[]): JsonLd | JsonLd[] => (iris.length === 1 && iris[0] !== undefined ? ref(iris[0]) : iris.map(ref));

function agentNode(agent: DcatAgent): JsonLd {
  return {
    '@id': agent.iri,
    '@type': ['dcatapit:Agent', 'foaf:Agent'],
    'dct:identifier': agent.identifier,
    'foaf:name': { '@language': 'it', '@value': agent.name },
  };
}

function contactNode(contact: DcatContactPoint): JsonLd {
  return {
    '@id': contact.iri,
    '@type': ['dcatapit:Organization', 'vcard:Organization', 'vcard:Kind'],
    'vcard:fn': contact.name,
    ...(contact.email === null ? {} : { 'vcard:hasEmail': ref(`mailto:${contact.email}`) }),
    'vcard:hasURL': ref(contact.url),
  };
}

function licenseNode(): JsonLd {
  return {
    '@id': LICENSE_IRI,
    '@type': ['dcatapit:LicenseDocument', 'dct:LicenseDocument'],
    'dct:type': ref('http://purl.org/adms/licencetype/Attribution'),
    'foaf:name': 'CC BY 4.0',
    'owl:versionInfo': '4.0',
  };
}

function datasetNode(dataset: DcatDataset, publishers: string[], contact: string): JsonLd {
  return {
    '@id': dataset.iri,
    '@type': ['dcatapit:Dataset', 'dcat:Dataset'],
    'dct:identifier': dataset.identifier,
    'dct:title': texts(dataset.title),
    'dct:description': texts(dataset.description),
    'dct:publisher': refs(publishers),
    'dct:rightsHolder': refs(publishers),
    'dcat:theme': ref(THEME_IRI),
    'dct:accrualPeriodicity': ref(`${EU_AUTHORITY}/frequency/${dataset.accrualPeriodicity}`),
    'dcat:contactPoint': ref(contact),
    ...(dataset.issued === undefined ? {} : { 'dct:issued': date(dataset.issued) }),
    'dct:modified': date(dataset.modified),
    'dct:temporal': ref(dataset.temporal.iri),
    'dct:language': ref(`${EU_AUTHORITY}/language/ITA`),
    'dcat:keyword': dataset.keywords.map((keyword) => ({ '@language': 'it', '@value': keyword })),
    'dcat:landingPage': ref(dataset.landingPage),
    'dcat:distribution': dataset.distributions.map((distribution) => ref(distribution.iri)),
  };
}

function distributionNode(distribution: DcatDistribution): JsonLd {
  return {
    '@id': distribution.iri,
    '@type': ['dcatapit:Distribution', 'dcat:Distribution'],
    'dct:title': texts(distribution.title),
    'dcat:accessURL': ref(distribution.downloadUrl),
    'dcat:downloadURL': ref(distribution.downloadUrl),
    'dct:format': ref(`${EU_AUTHORITY}/file-type/${distribution.format}`),
    'dcat:mediaType': ref(`https://www.iana.org/assignments/media-types/${MEDIA_TYPES[distribution.format]}`),
    'dct:license': ref(LICENSE_IRI),
  };
}

/** The catalogue as a JSON-LD document: @context with the DCAT-AP_IT prefixes and a flat @graph. */
export function buildDcatApItDocument(catalogue: DcatCatalogue): JsonLd {
  const publishers = catalogue.publishers.map((agent) => agent.iri);
  const periods = new Map(catalogue.datasets.map((dataset) => [dataset.temporal.iri, dataset.temporal]));
  const graph: JsonLd[] = [
    {
      '@id': catalogue.iri,
      '@type': ['dcatapit:Catalog', 'dcat:Catalog'],
      'dct:title': texts(catalogue.title),
      'dct:description': texts(catalogue.description),
      'dct:publisher': refs(publishers),
      ...(catalogue.issued === undefined ? {} : { 'dct:issued': date(catalogue.issued) }),
      'dct:modified': date(catalogue.modified),
      'dct:language': [ref(`${EU_AUTHORITY}/language/ITA`), ref(`${EU_AUTHORITY}/language/ENG`)],
      'foaf:homepage': ref(catalogue.homepage),
      'dcat:themeTaxonomy': ref(`${EU_AUTHORITY}/data-theme`),
      'dcat:dataset': catalogue.datasets.map((dataset) => ref(dataset.iri)),
    },
    ...catalogue.publishers.map(agentNode),
    contactNode(catalogue.contactPoint),
    licenseNode(),
    ...[...periods.values()].map((period) => ({
      '@id': period.iri,
      '@type': 'dct:PeriodOfTime',
      'dcatapit:startDate': date(period.start),
      'dcatapit:endDate': date(period.end),
    })),
    ...catalogue.datasets.flatMap((dataset) => [
      datasetNode(dataset, publishers, catalogue.contactPoint.iri),
      ...dataset.distributions.map(distributionNode),
    ]),
  ];
  return { '@context': DCAT_CONTEXT, '@graph': graph };
}

/** The catalogue as JSON-LD text. */
export function writeDcatApItCatalogue(catalogue: DcatCatalogue): string {
  return `${JSON.stringify(buildDcatApItDocument(catalogue), null, 2)}\n`;
}
