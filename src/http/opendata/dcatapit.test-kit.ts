/**
 * A small DCAT-AP_IT checker for tests, with no network: the JSON-LD shape (@context prefixes, a flat @graph of
 * nodes with absolute @id and compact @type, value objects), references between nodes, and the mandatory fields of
 * Catalog, Agent, Dataset, Distribution, contact point, period of time and licence. It returns every problem found.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const REQUIRED_PREFIXES: Record<string, string> = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatapit: 'http://dati.gov.it/onto/dcatapit#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
};

const EU = 'http://publications.europa.eu/resource/authority/';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isObject = (value: Json | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: Json | undefined): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isAbsoluteIri = (value: string) => /^(https?|mailto):\S+$/.test(value);
/** A node's @id for messages. */
const idOf = (node: JsonObject): string => (typeof node['@id'] === 'string' ? node['@id'] : JSON.stringify(node['@id'] ?? null));

export interface CheckedCatalogue {
  problems: string[];
  /** Nodes by @id. */
  nodes: Map<string, JsonObject>;
  /** Every dcat:downloadURL of every distribution. */
  downloadUrls: string[];
}

/**
 * What a catalogue published by a configured administration must also hold: its IPA code as every publisher's
 * dct:identifier and as the prefix of every dataset identifier ("m_lps:carte-2026"), a contact e-mail, and dct:issued
 * on the catalogue and each dataset.
 */
export interface PublisherProfile {
  ipaCode: string;
}

/**
 * The mandatory properties of DCAT-AP_IT that the checker requires, by class (the national profile's "obbligatorio";
 * a test removes each in turn and expects it reported). With a PublisherProfile, also PUBLISHER_PROPERTIES.
 */
export const MANDATORY_PROPERTIES: Record<string, readonly string[]> = {
  'dcatapit:Catalog': ['dct:title', 'dct:description', 'dct:publisher', 'dct:modified', 'foaf:homepage', 'dct:language', 'dcat:dataset'],
  'dcatapit:Agent': ['dct:identifier', 'foaf:name'],
  'dcatapit:Dataset': ['dct:identifier', 'dct:title', 'dct:description', 'dct:publisher', 'dct:rightsHolder', 'dcat:theme', 'dct:accrualPeriodicity', 'dcat:contactPoint', 'dct:modified', 'dct:temporal', 'dcat:distribution'],
  'vcard:Kind': ['vcard:fn'],
  'dct:PeriodOfTime': ['dcatapit:startDate'],
  'dcatapit:Distribution': ['dcat:accessURL', 'dct:format', 'dct:license'],
  'dcatapit:LicenseDocument': ['foaf:name'],
};

/** What a configured administration's catalogue must also hold, by class. */
export const PUBLISHER_PROPERTIES: Record<string, readonly string[]> = {
  'dcatapit:Catalog': ['dct:issued'],
  'dcatapit:Dataset': ['dct:issued'],
  'vcard:Kind': ['vcard:hasEmail'],
};

/** Checks a parsed JSON-LD document; `problems` is empty when it is a valid DCAT-AP_IT catalogue. */
export function checkDcatApIt(document: unknown, profile?: PublisherProfile): CheckedCatalogue {
  const problems: string[] = [];
  const nodes = new Map<string, JsonObject>();
  const downloadUrls: string[] = [];
  const doc = document as Json;
  if (!isObject(doc)) return { problems: ['the document is not a JSON object'], nodes, downloadUrls };

  const context = doc['@context'];
  const prefixes = new Map<string, string>();
  if (!isObject(context)) problems.push('@context must be an object of prefixes');
  else {
    for (const [prefix, iri] of Object.entries(context)) {
      if (typeof iri !== 'string' || !/^https?:\/\/\S+[#/]$/.test(iri)) problems.push(`@context: prefix "${prefix}" must map to an IRI ending in # or /`);
      else prefixes.set(prefix, iri);
    }
    for (const [prefix, iri] of Object.entries(REQUIRED_PREFIXES)) {
      if (prefixes.get(prefix) !== iri) problems.push(`@context: "${prefix}" must be ${iri}`);
    }
  }
  const isCompact = (term: string) => {
    const match = /^([a-z][a-z0-9]*):([A-Za-z][\w.-]*)$/.exec(term);
    return match !== null && prefixes.has(match[1] ?? '');
  };

  const graph = doc['@graph'];
  if (!Array.isArray(graph) || graph.length === 0) return { problems: [...problems, '@graph must be a non-empty list of nodes'], nodes, downloadUrls };

  const checkValue = (where: string, value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => checkValue(`${where}[${index}]`, item));
      return;
    }
    if (!isObject(value)) return;
    const keys = Object.keys(value);
    if ('@id' in value) {
      if (keys.length !== 1 || typeof value['@id'] !== 'string' || !isAbsoluteIri(value['@id'])) problems.push(`${where}: a reference is { "@id": absolute IRI }`);
      return;
    }
    if (!('@value' in value) || keys.some((key) => !['@value', '@language', '@type'].includes(key))) {
      problems.push(`${where}: an object value must be a reference or a value object`);
      return;
    }
    if ('@language' in value && ('@type' in value || typeof value['@value'] !== 'string' || typeof value['@language'] !== 'string' || !/^[a-z]{2}$/.test(value['@language']))) {
      problems.push(`${where}: a language-tagged value is a string with a two-letter @language and no @type`);
    }
    if ('@type' in value) {
      const type = value['@type'];
      if (typeof type !== 'string' || !isCompact(type)) problems.push(`${where}: @type ${JSON.stringify(type)} must be a known compact IRI`);
      if (type === 'xsd:date' && !(typeof value['@value'] === 'string' && ISO_DATE.test(value['@value']))) problems.push(`${where}: xsd:date must be YYYY-MM-DD`);
    }
  };

  graph.forEach((node, index) => {
    if (!isObject(node)) {
      problems.push(`@graph[${index}] is not an object`);
      return;
    }
    const id = idOf(node);
    if (typeof node['@id'] !== 'string' || !isAbsoluteIri(id)) problems.push(`@graph[${index}]: @id must be an absolute IRI`);
    else if (nodes.has(id)) problems.push(`@graph[${index}]: @id ${id} appears twice`);
    else nodes.set(id, node);
    const types = listOf(node['@type']);
    if (types.length === 0 || types.some((type) => typeof type !== 'string' || !isCompact(type))) problems.push(`${id}: @type must be known compact IRIs`);
    for (const [key, value] of Object.entries(node)) {
      if (key === '@id' || key === '@type') continue;
      if (!isCompact(key)) problems.push(`${id}: property "${key}" is not a known compact IRI`);
      checkValue(`${id} ${key}`, value);
    }
  });

  const typesOf = (node: JsonObject) => listOf(node['@type']).map(String);
  const nodesOfType = (type: string) => [...nodes.values()].filter((node) => typesOf(node).includes(type));
  const refsOf = (node: JsonObject, property: string): string[] => listOf(node[property]).flatMap((value) => (isObject(value) && typeof value['@id'] === 'string' ? [value['@id']] : []));
  const texts = (node: JsonObject, property: string) => listOf(node[property]).flatMap((value) => (typeof value === 'string' ? [value] : isObject(value) && typeof value['@value'] === 'string' ? [value['@value']] : []));

  const need = (node: JsonObject, property: string, check: 'text' | 'date' | 'ref' | 'it-text', count: 'one' | 'some' = 'one') => {
    const id = idOf(node);
    const values = listOf(node[property]);
    if (values.length === 0) {
      problems.push(`${id}: ${property} is mandatory`);
      return;
    }
    if (count === 'one' && values.length > 1) problems.push(`${id}: ${property} must appear once`);
    for (const value of values) {
      const ok =
        check === 'text'
          ? (typeof value === 'string' && value.trim() !== '') || (isObject(value) && typeof value['@value'] === 'string' && value['@value'].trim() !== '')
          : check === 'it-text'
            ? isObject(value) && typeof value['@value'] === 'string' && value['@value'].trim() !== '' && typeof value['@language'] === 'string'
            : check === 'date'
              ? isObject(value) && value['@type'] === 'xsd:date'
              : isObject(value) && typeof value['@id'] === 'string';
      if (!ok) problems.push(`${id}: ${property} must be ${check === 'ref' ? 'a reference' : check === 'date' ? 'an xsd:date' : 'a non-empty text'}`);
    }
    if (check === 'it-text' && !values.some((value) => isObject(value) && value['@language'] === 'it')) problems.push(`${id}: ${property} needs an Italian text`);
  };
  const needRefTo = (node: JsonObject, property: string, type: string, count: 'one' | 'some' = 'one') => {
    need(node, property, 'ref', count);
    for (const iri of refsOf(node, property)) {
      const target = nodes.get(iri);
      if (target === undefined) problems.push(`${idOf(node)}: ${property} refers to ${iri}, which the graph does not describe`);
      else if (!typesOf(target).includes(type)) problems.push(`${idOf(node)}: ${property} refers to ${iri}, which is not a ${type}`);
    }
  };
  const needVocabulary = (node: JsonObject, property: string, vocabulary: string) => {
    need(node, property, 'ref', 'some');
    for (const iri of refsOf(node, property)) {
      if (!new RegExp(`^${EU}${vocabulary}/[A-Z_0-9]+$`).test(iri)) problems.push(`${idOf(node)}: ${property} ${iri} is not in the EU ${vocabulary} vocabulary`);
    }
  };

  /** dct:issued, mandatory for a configured administration, is a date no later than dct:modified. */
  const checkDates = (node: JsonObject) => {
    if (profile !== undefined || node['dct:issued'] !== undefined) need(node, 'dct:issued', 'date');
    const [issued, modified] = [texts(node, 'dct:issued')[0], texts(node, 'dct:modified')[0]];
    if (issued !== undefined && modified !== undefined && modified < issued) problems.push(`${idOf(node)}: dct:modified ${modified} is before dct:issued ${issued}`);
  };

  const catalogs = nodesOfType('dcatapit:Catalog');
  if (catalogs.length !== 1) problems.push(`the graph must describe one dcatapit:Catalog, found ${catalogs.length}`);
  for (const catalog of catalogs) {
    if (!typesOf(catalog).includes('dcat:Catalog')) problems.push('the catalogue must also be a dcat:Catalog');
    need(catalog, 'dct:title', 'it-text', 'some');
    need(catalog, 'dct:description', 'it-text', 'some');
    needRefTo(catalog, 'dct:publisher', 'dcatapit:Agent', 'some');
    need(catalog, 'dct:modified', 'date');
    need(catalog, 'foaf:homepage', 'ref');
    need(catalog, 'dct:language', 'ref', 'some');
    checkDates(catalog);
    needRefTo(catalog, 'dcat:dataset', 'dcatapit:Dataset', 'some');
    const listed = new Set(refsOf(catalog, 'dcat:dataset'));
    for (const dataset of nodesOfType('dcatapit:Dataset')) {
      if (!listed.has(idOf(dataset))) problems.push(`${idOf(dataset)}: a dataset the catalogue does not list`);
    }
  }
  for (const agent of nodesOfType('dcatapit:Agent')) {
    need(agent, 'dct:identifier', 'text');
    need(agent, 'foaf:name', 'text', 'some');
    if (profile !== undefined && !texts(agent, 'dct:identifier').includes(profile.ipaCode)) problems.push(`${idOf(agent)}: dct:identifier must be the IPA code ${profile.ipaCode}`);
  }
  const identifiers = new Set<string>();
  for (const dataset of nodesOfType('dcatapit:Dataset')) {
    if (!typesOf(dataset).includes('dcat:Dataset')) problems.push(`${idOf(dataset)}: must also be a dcat:Dataset`);
    need(dataset, 'dct:identifier', 'text');
    for (const identifier of texts(dataset, 'dct:identifier')) {
      if (identifiers.has(identifier)) problems.push(`dataset identifier ${identifier} appears twice`);
      identifiers.add(identifier);
      if (profile !== undefined && !identifier.startsWith(`${profile.ipaCode}:`)) problems.push(`${idOf(dataset)}: dct:identifier ${identifier} must start with the IPA code, ${profile.ipaCode}:`);
    }
    checkDates(dataset);
    need(dataset, 'dct:title', 'it-text', 'some');
    need(dataset, 'dct:description', 'it-text', 'some');
    needRefTo(dataset, 'dct:publisher', 'dcatapit:Agent', 'some');
    needRefTo(dataset, 'dct:rightsHolder', 'dcatapit:Agent', 'some');
    needVocabulary(dataset, 'dcat:theme', 'data-theme');
    needVocabulary(dataset, 'dct:accrualPeriodicity', 'frequency');
    needRefTo(dataset, 'dcat:contactPoint', 'vcard:Kind');
    need(dataset, 'dct:modified', 'date');
    needRefTo(dataset, 'dct:temporal', 'dct:PeriodOfTime');
    needRefTo(dataset, 'dcat:distribution', 'dcatapit:Distribution', 'some');
  }
  for (const contact of nodesOfType('vcard:Kind')) {
    need(contact, 'vcard:fn', 'text');
    if (profile !== undefined) need(contact, 'vcard:hasEmail', 'ref');
    const ways = [...refsOf(contact, 'vcard:hasEmail'), ...refsOf(contact, 'vcard:hasURL')];
    if (ways.length === 0) problems.push(`${idOf(contact)}: a contact point needs vcard:hasEmail or vcard:hasURL`);
    for (const email of refsOf(contact, 'vcard:hasEmail')) if (!/^mailto:[^@\s]+@[^@\s]+$/.test(email)) problems.push(`${email} is not a mailto: IRI`);
  }
  for (const period of nodesOfType('dct:PeriodOfTime')) {
    need(period, 'dcatapit:startDate', 'date');
    const [start, end] = ['dcatapit:startDate', 'dcatapit:endDate'].map((p) => texts(period, p)[0]);
    if (start !== undefined && end !== undefined && end < start) problems.push(`${idOf(period)}: ends before it starts`);
  }
  for (const distribution of nodesOfType('dcatapit:Distribution')) {
    const id = idOf(distribution);
    if (!typesOf(distribution).includes('dcat:Distribution')) problems.push(`${id}: must also be a dcat:Distribution`);
    need(distribution, 'dcat:accessURL', 'ref');
    needVocabulary(distribution, 'dct:format', 'file-type');
    needRefTo(distribution, 'dct:license', 'dcatapit:LicenseDocument');
    for (const url of [...refsOf(distribution, 'dcat:accessURL'), ...refsOf(distribution, 'dcat:downloadURL')]) {
      if (!/^https?:\/\//.test(url)) problems.push(`${id}: ${url} is not an absolute http(s) URL`);
    }
    downloadUrls.push(...refsOf(distribution, 'dcat:downloadURL'));
  }
  for (const licence of nodesOfType('dcatapit:LicenseDocument')) need(licence, 'foaf:name', 'text');
  return { problems, nodes, downloadUrls };
}
