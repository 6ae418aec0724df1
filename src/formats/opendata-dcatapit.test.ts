import { describe, expect, it } from 'vitest';
import { buildDcatApItDocument, LICENSE_IRI, type DcatCatalogue, type DcatDataset } from './opendata-dcatapit.ts';

const BASE = 'https://trasparenza.example.gov.it/opendata';

function dataset(identifier: string, year: number): DcatDataset {
  return {
    iri: `${BASE}#${identifier}`,
    identifier: `agid:${identifier}`,
    title: { it: `Titolo ${year}`, en: `Title ${year}` },
    description: { it: 'Descrizione', en: 'Description' },
    keywords: ['standard di qualità'],
    modified: `${year}-12-31`,
    temporal: { iri: `${BASE}#periodo-${year}`, start: `${year}-01-01`, end: `${year}-12-31` },
    accrualPeriodicity: 'ANNUAL',
    landingPage: BASE,
    distributions: [{ iri: `${BASE}#${identifier}-csv`, title: { it: 'CSV', en: 'CSV' }, format: 'CSV', downloadUrl: `${BASE}/${year}/${identifier}.csv` }],
  };
}

function catalogue(overrides: Partial<DcatCatalogue> = {}): DcatCatalogue {
  return {
    iri: `${BASE}#catalogo`,
    title: { it: 'Catalogo', en: 'Catalogue' },
    description: { it: 'Dati aperti', en: 'Open data' },
    homepage: BASE,
    publishers: [{ iri: `${BASE}#agid`, identifier: 'agid', name: 'Agenzia per l’Italia Digitale' }],
    contactPoint: { iri: `${BASE}#contatto`, name: 'Ufficio open data', email: null, url: BASE },
    modified: '2026-04-10',
    datasets: [dataset('carte-2026', 2026), dataset('risultati-2026', 2026), dataset('carte-2025', 2025)],
    ...overrides,
  };
}

type Node = Record<string, unknown>;
const graphOf = (c: DcatCatalogue) => buildDcatApItDocument(c)['@graph'] as Node[];
const nodeOf = (c: DcatCatalogue, iri: string) => graphOf(c).find((node) => node['@id'] === iri);

describe('the DCAT-AP_IT writer', () => {
  it('refers to a single publisher directly and to several as a list', () => {
    expect(nodeOf(catalogue(), `${BASE}#carte-2026`)?.['dct:publisher']).toEqual({ '@id': `${BASE}#agid` });
    const two = catalogue({ publishers: [...catalogue().publishers, { iri: `${BASE}#inps`, identifier: 'inps', name: 'INPS' }] });
    expect(nodeOf(two, `${BASE}#carte-2026`)?.['dct:rightsHolder']).toEqual([{ '@id': `${BASE}#agid` }, { '@id': `${BASE}#inps` }]);
  });

  it('describes a period shared by two datasets once', () => {
    const periods = graphOf(catalogue()).filter((node) => node['@type'] === 'dct:PeriodOfTime');
    expect(periods.map((node) => node['@id'])).toEqual([`${BASE}#periodo-2026`, `${BASE}#periodo-2025`]);
    expect(periods[0]?.['dcatapit:startDate']).toEqual({ '@type': 'xsd:date', '@value': '2026-01-01' });
  });

  it('gives the contact point an e-mail only when there is one', () => {
    expect(nodeOf(catalogue(), `${BASE}#contatto`)).not.toHaveProperty('vcard:hasEmail');
    const withEmail = catalogue({ contactPoint: { ...catalogue().contactPoint, email: 'opendata@agid.gov.it' } });
    expect(nodeOf(withEmail, `${BASE}#contatto`)?.['vcard:hasEmail']).toEqual({ '@id': 'mailto:opendata@agid.gov.it' });
  });

  it('licenses every distribution under CC BY 4.0, described as a licence document', () => {
    const distribution = nodeOf(catalogue(), `${BASE}#carte-2026-csv`);
    expect(distribution).toMatchObject({
      'dct:license': { '@id': LICENSE_IRI },
      'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' },
      'dcat:accessURL': { '@id': `${BASE}/2026/carte-2026.csv` },
      'dcat:downloadURL': { '@id': `${BASE}/2026/carte-2026.csv` },
    });
    expect(nodeOf(catalogue(), LICENSE_IRI)?.['@type']).toEqual(['dcatapit:LicenseDocument', 'dct:LicenseDocument']);
  });

  it('tags every title with its language', () => {
    expect(nodeOf(catalogue(), `${BASE}#carte-2025`)?.['dct:title']).toEqual([
      { '@language': 'it', '@value': 'Titolo 2025' },
      { '@language': 'en', '@value': 'Title 2025' },
    ]);
  });
});
