import { PUBLISH_NOW } from '../../../test/factories.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDialectContext } from '../../../test/dialects.ts';
import { newCard } from '../../../test/factories.ts';
import { applyMeasures } from '../../actions/apply-measures.action.ts';
import { checkDatabase } from '../../actions/check-database.action.ts';
import { getReport } from '../../actions/get-report.action.ts';
import { importCards } from '../../actions/import-cards.action.ts';
import { ingestEvents } from '../../actions/ingest-events.action.ts';
import { listCards } from '../../actions/list-cards.action.ts';
import { listOrganisations } from '../../actions/list-organisations.action.ts';
import { listServices } from '../../actions/list-services.action.ts';
import { SEED_DIR } from '../../cli/demo.command.ts';
import type { TargetUnit } from '../../domain/cards/target.ts';
import { addDays } from '../../domain/calendar/index.ts';
import type { MeasureEvent } from '../../domain/events/event.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import { readCardText } from '../../formats/card-text.importer.ts';
import type { EventRow } from '../../formats/event-record.ts';
import { readMeasuresText } from '../../formats/measures-file.ts';
import { buildApp } from '../app.ts';
import type { SiteActions } from '../site-actions.ts';
import { formatValue } from '../view/format.ts';
import { checkDcatApIt } from './dcatapit.test-kit.ts';

const NOW = new Date('2026-04-10T10:00:00Z');
const SERVIZI_LAVORO = 'servizi-lavoro-portale-per-l-accesso-unico-ai-servizi';
/** Days on which one of the three portal checks fails: 67% of checks passed, below the 95% the measure asks. */
const FAILING_DAYS = new Set(['2026-01-07', '2026-01-21', '2026-02-10', '2026-03-03', '2026-03-04', '2026-04-01']);

/** Portal checks every day from 1 January to yesterday, two disruptions and three register entries. */
function* measuredEvents(): Generator<MeasureEvent> {
  for (let date = '2026-01-01'; date <= '2026-04-09'; date = addDays(date, 1)) {
    for (const [index, hour] of ['06', '12', '18'].entries()) {
      yield {
        id: `probe-${date}-${hour}`,
        source: 'probe',
        kind: 'check.http',
        subject: null,
        occurredAt: new Date(`${date}T${hour}:00:00Z`),
        attributes: { monitor: 'servizi-lavoro-web', ok: !(FAILING_DAYS.has(date) && index === 1), status: 200 },
      };
    }
  }
  for (const date of ['2026-02-05', '2026-03-12']) {
    yield { id: `incident-${date}`, source: 'incident-log', kind: 'disruption', subject: null, occurredAt: new Date(`${date}T09:00:00Z`), attributes: { service: 'servizi-lavoro', cause: 'rete' } };
  }
  for (const [index, status] of ['done', 'done', 'planned'].entries()) {
    yield {
      id: `elasticita-${index + 1}`,
      source: 'office-register',
      kind: 'register.entry',
      subject: `E${index + 1}`,
      occurredAt: new Date(`2026-0${index + 1}-15T10:00:00Z`),
      attributes: { register: 'interventi-elasticita', service: 'servizi-lavoro', status, title: `Intervento ${index + 1}` },
    };
  }
}

/** A CSV cell as a number, or null when empty. */
function number(text: string | undefined): number | null {
  return text === '' || text === undefined ? null : Number(text);
}

/** The seed cards, their measures and a few events, through the real actions into a temporary SQLite database. */
describe('open data over the four seed cards and measured events', () => {
  const ctx = createDialectContext('sqlite');
  let app: FastifyInstance;
  let actions: SiteActions;

  beforeAll(async () => {
    const database = await ctx.openFresh();
    const deps = { database, now: () => NOW };
    const files = readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')).sort();
    await importCards(deps, files.map((file) => readCardText(readFileSync(join(SEED_DIR, file), 'utf8'), { file })), PUBLISH_NOW);
    const measures = readMeasuresText(readFileSync(join(SEED_DIR, 'measures.yaml'), 'utf8'), 'measures.yaml');
    await applyMeasures(deps, measures.data, measures);
    const rows: EventRow[] = [...measuredEvents()].map((event, index) => ({ line: index + 1, file: 'events.ndjson', event }));
    const summary = await ingestEvents(deps, rows, { mode: 'all-or-nothing' });
    expect(summary.accepted).toBe(rows.length);
    actions = {
      listOrganisations: () => listOrganisations(deps),
      listServices: () => listServices(deps),
      listCards: (filter) => listCards(deps, filter),
      getReport: (query) => getReport(deps, query),
      checkDatabase: () => checkDatabase(deps),
    };
    // Behind a trusted proxy, as in production: the catalogue's URLs take the forwarded scheme.
    app = buildApp(actions, { logger: false, now: () => NOW, rateLimitPerMinute: false, contactEmail: 'urp@example.gov.it', trustProxy: true });
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    await ctx.dispose();
  });

  const catalogue = async () => {
    const response = await app.inject({ url: '/opendata/catalogo.jsonld', headers: { host: 'trasparenza.example.gov.it', 'x-forwarded-proto': 'https' } });
    expect(response.statusCode).toBe(200);
    return checkDcatApIt(JSON.parse(response.body));
  };

  it('gives results CSV rows with the same numbers as the JSON API and the indicator page', async () => {
    const csv = await app.inject('/opendata/2026/risultati.csv');
    expect(csv.statusCode).toBe(200);
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    const jsonRows = (await app.inject('/opendata/2026/risultati.json')).json<Record<string, string | number | boolean | null>[]>();
    expect(jsonRows).toHaveLength(rows.length);
    rows.forEach((row, index) => {
      for (const [column, value] of Object.entries(jsonRows[index]!)) expect(row[column], `row ${index + 1} ${column}`).toBe(value === null ? '' : String(value));
    });

    const measured = ['multicanale', 'continuita', 'elasticita'];
    for (const indicator of measured) {
      const api = await app.inject(`/servizi/${SERVIZI_LAVORO}/indicatori/${indicator}/dati.json?anno=2026`);
      const report = api.json<{ report: IndicatorReport }>().report;
      const evaluations = [...report.periods, report.year];
      expect(report.periods.filter((period) => period.value !== null), indicator).not.toHaveLength(0);
      const mine = rows.filter((row) => row.service === SERVIZI_LAVORO && row.indicator === indicator);
      expect(mine.map((row) => row.period)).toEqual(evaluations.map((e) => e.period.key));
      expect(report.year.value, indicator).not.toBeNull();
      evaluations.forEach((evaluation, index) => {
        const row = mine[index]!;
        expect(
          { value: number(row.value), numerator: number(row.numerator), denominator: number(row.denominator), budget: number(row.budget_left), forecast: number(row.forecast) },
          `${indicator} ${evaluation.period.key}`,
        ).toEqual({ value: evaluation.value, numerator: evaluation.numerator, denominator: evaluation.denominator, budget: evaluation.budgetLeft, forecast: evaluation.forecast });
        expect([row.status, row.unit, row.target, row.as_of, row.edition]).toEqual([evaluation.status, evaluation.unit ?? '', evaluation.target.text, evaluation.asOf, '2021']);
      });
      const page = await app.inject(`/servizi/${SERVIZI_LAVORO}/indicatori/${indicator}?anno=2026`);
      expect(page.statusCode).toBe(200);
      for (const row of mine) expect(page.body, `${indicator} ${row.period}`).toContain(formatValue('it', number(row.value), row.unit === '' ? null : (row.unit as TargetUnit)));
    }
    // The six failing days of the portal show in the monthly values: January lost two of its 31 days.
    const january = rows.find((row) => row.service === SERVIZI_LAVORO && row.indicator === 'multicanale' && row.period === '2026-01');
    expect(january).toMatchObject({ numerator: '29', denominator: '31' });
  });

  it('publishes a valid DCAT-AP_IT catalogue naming the seed administration, with absolute URLs from the proxy headers', async () => {
    const { problems, nodes, downloadUrls } = await catalogue();
    expect(problems).toEqual([]);
    const [organisation] = await actions.listOrganisations();
    const agents = [...nodes.values()].filter((node) => JSON.stringify(node['@type']).includes('dcatapit:Agent'));
    expect(agents.map((agent) => agent['foaf:name'])).toEqual([{ '@language': 'it', '@value': organisation?.name }]);
    expect(downloadUrls.length).toBeGreaterThan(0);
    expect(downloadUrls.every((url) => url.startsWith('https://trasparenza.example.gov.it/opendata/'))).toBe(true);
  });

  it('serves every file the catalogue names, and names every file it serves', async () => {
    const { downloadUrls } = await catalogue();
    const years = [2026, 2021, 2018, 2016];
    const expected = years.flatMap((year) => ['carte', 'risultati'].flatMap((kind) => ['csv', 'json'].map((format) => `/opendata/${year}/${kind}.${format}`)));
    expect(downloadUrls.map((url) => new URL(url).pathname).sort()).toEqual([...expected].sort());
    for (const url of downloadUrls) {
      const response = await app.inject(new URL(url).pathname);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers.link, url).toBe('<http://localhost/opendata/catalogo.jsonld>; rel="describedby"; type="application/ld+json"');
    }
    const page = await app.inject('/opendata');
    const linked = [...page.body.matchAll(/href="(\/opendata\/\d{4}\/[^"]+)"/g)].map((m) => m[1]);
    expect(linked.sort()).toEqual([...expected].sort());
    for (const year of [2015, 2017, 2019, 2020, 2022, 2025, 2027]) {
      for (const file of ['carte.csv', 'risultati.json']) expect((await app.inject(`/opendata/${year}/${file}`)).statusCode, `${year} ${file}`).toBe(404);
    }
  });

  it('lists the cards in force each year: in 2016 only the 2016 and undated editions, now the latest edition of every service', async () => {
    const cards2016 = (await app.inject('/opendata/2016/carte.json')).json<{ service: string; edition: string }[]>();
    const cardsNow = (await app.inject('/opendata/2026/carte.json')).json<{ service: string; edition: string }[]>();
    const editions = (rows: { service: string; edition: string }[]) => [...new Set(rows.map((row) => `${row.service} ${row.edition}`))].sort();
    expect(cardsNow).toHaveLength(47);
    expect(editions(cardsNow).map((e) => e.split(' ')[1])).toEqual(expect.arrayContaining(['2021', '2018', '2016', 'undated']));
    expect(editions(cards2016).map((e) => e.split(' ')[1]).sort()).toEqual(['2016', 'undated']);
  });

  it('keeps commas, quotes and line breaks of card text intact through CSV', async () => {
    const cards = parse<Record<string, string>>((await app.inject('/opendata/2026/carte.csv')).body, { columns: true });
    const json = (await app.inject('/opendata/2026/carte.json')).json<Record<string, string | number | boolean | null>[]>();
    const tricky = cards.filter((row) => /[",\n]/.test(`${row.description}${row.formula}${row.target}`));
    expect(tricky.length).toBeGreaterThan(0);
    cards.forEach((row, index) => {
      for (const column of ['description', 'formula', 'target', 'dimension', 'subdimension', 'service_name']) {
        const exact = json[index]![column];
        const text = exact === null ? '' : String(exact);
        expect(row[column], `${row.service} ${row.indicator} ${column}`).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }
    });
  });

  it('writes an added card with commas, quotes, a line break and a leading "=" so that it parses back', async () => {
    const [organisation] = await actions.listOrganisations();
    const card = newCard({ year: 2026 }, { organisation: organisation ?? null }).card;
    const text = 'Pratiche evase, entro "30 giorni",\r\nsul totale';
    card.indicators[0] = { ...card.indicators[0]!, description: text, formula: '=evase/ricevute' };
    const local = createDialectContext('sqlite');
    try {
      const database = await local.openFresh();
      await importCards({ database, now: () => NOW }, [{ organisation: organisation ?? null, card, doubts: [] }], PUBLISH_NOW);
      const deps = { database, now: () => NOW };
      const server = buildApp(
        { listOrganisations: () => listOrganisations(deps), listServices: () => listServices(deps), listCards: (f) => listCards(deps, f), getReport: (q) => getReport(deps, q), checkDatabase: () => checkDatabase(deps) },
        { logger: false, now: () => NOW, rateLimitPerMinute: false },
      );
      const rows = parse<Record<string, string>>((await server.inject('/opendata/2026/carte.csv')).body, { columns: true });
      expect(rows[0]).toMatchObject({ description: text, formula: "'=evase/ricevute", edition: '2026', position: '1' });
      await server.close();
    } finally {
      await local.cleanup();
      await local.dispose();
    }
  });
});
