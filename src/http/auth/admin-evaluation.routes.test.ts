import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_NOW } from '../../../test/factories.ts';
import { KIT_INDICATORS, kitCard, rows } from '../../actions/events.test-kit.ts';
import { get, openAdminApp, signIn } from './admin.test-kit.ts';

describe('the evaluation drill-down in the back office', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let service: string;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['oiv']);
    const card = kitCard(2026, KIT_INDICATORS.slice(0, 1));
    service = card.service.slug;
    await opened.context.actions.importCards([{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    await opened.context.actions.applyMeasures({ measures: [{ service, edition: '2026', indicator: 'chiamate-risposte', measure: KIT_INDICATORS[0]!.measure }] });
    // 230 calls on 6 January (a holiday), four in five answered; 10 on 2 March, all answered.
    const calls = [
      ...Array.from({ length: 230 }, (_, i) => ({ id: `j${i}`, kind: 'call.received', at: '2026-01-06T10:00:00+01:00', attributes: { answered: i % 5 !== 0 } })),
      ...Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, kind: 'call.received', at: '2026-03-02T10:00:00+01:00', attributes: { answered: true } })),
    ];
    await opened.context.actions.ingestEvents(rows(...calls), { mode: 'all-or-nothing' });
  });
  afterAll(async () => opened.close());

  it('goes from the dashboard\'s number to the year, its months, days and a day\'s events, with the report\'s numbers', async () => {
    const { jar } = await signIn(opened.app, 'oiv@test.misura.invalid');
    const dashboard = await get(opened.app, jar, '/admin');
    const link = `/admin/valutazione?servizio=${service}&indicatore=chiamate-risposte&anno=2026`;
    expect(dashboard.body).toContain(`<a href="${link}">`);
    const [report] = await opened.context.actions.getReport({ year: 2026, granularity: 'month' });
    expect([report?.year.numerator, report?.year.denominator]).toEqual([194, 240]);

    const page = await get(opened.app, jar, link);
    expect(page.statusCode).toBe(200);
    const year = /<dl class="row" id="drill-year">([\s\S]*?)<\/dl>/.exec(page.body)?.[1] ?? '';
    expect(year).toContain('80,83%');
    expect(year).toContain('<dd class="col-sm-9">194</dd>');
    expect(year).toContain('<dd class="col-sm-9">240</dd>');
    expect(page.body).toContain('I numeratori e i denominatori dei giorni si sommano');
    // The holiday is marked, its numbers are the day's.
    const holiday = /<tr[^>]*><th scope="row"><a href="[^"]*giorno=2026-01-06#giorno">6 gennaio 2026<\/a><\/th>([\s\S]*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect(holiday).toContain('<td>184</td><td>230</td>');
    expect(holiday).toContain('festivo (Epifania)');

    const day = await get(opened.app, jar, `/admin/valutazione?servizio=${service}&indicatore=chiamate-risposte&anno=2026&giorno=2026-01-06`);
    expect(day.body).toContain('Eventi del 6 gennaio 2026');
    expect((/<table class="table table-sm" id="day-events">([\s\S]*?)<\/table>/.exec(day.body)?.[1] ?? '').match(/<tr>/g)).toHaveLength(201);
    expect(day.body).toContain('… e altri 30 eventi, tutti nel CSV.');

    const csv = await get(opened.app, jar, `/admin/valutazione.csv?servizio=${service}&indicatore=chiamate-risposte&anno=2026&giorno=2026-01-06`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,source,kind,subject,occurredAt,attributes');
    expect(lines).toHaveLength(231);
    expect(lines[1]).toBe('j0,feed,call.received,,2026-01-06T09:00:00.000Z,"{""answered"":false}"');

    const english = await get(opened.app, jar, `/en/admin/valutazione?servizio=${service}&indicatore=chiamate-risposte&anno=2026&giorno=2026-01-06`);
    expect(english.body).toContain('Events of 6 January 2026');
  });

  it('answers 404 for an indicator the card in force does not have, and lists those it has', async () => {
    const { jar } = await signIn(opened.app, 'oiv@test.misura.invalid');
    const missing = await get(opened.app, jar, `/admin/valutazione?servizio=${service}&indicatore=nessuno&anno=2026`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Nessun indicatore con questo codice');
    expect(missing.body).toContain('indicatore=chiamate-risposte');
    expect((await get(opened.app, jar, `/admin/valutazione.csv?servizio=${service}&indicatore=nessuno&anno=2026&giorno=2026-01-06`)).statusCode).toBe(404);
  });
});
