import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_NOW } from '../../../test/factories.ts';
import { KIT_INDICATORS, kitCard } from '../../actions/events.test-kit.ts';
import { csrfOf, get, openAdminApp, post, signIn } from './admin.test-kit.ts';

const HAND = KIT_INDICATORS.filter((kit) => kit.slug === 'interventi' || kit.slug === 'operatori' || kit.slug === 'chiamate-risposte');

describe('registers and values recorded by hand in the back office', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;
  let service: string;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['data-steward', 'oiv', 'quality-office', 'admin']);
    const card = kitCard(2026, HAND);
    service = card.service.slug;
    await opened.context.actions.importCards([{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    await opened.context.actions.applyMeasures({ measures: HAND.map((kit) => ({ service, edition: '2026', indicator: kit.slug, measure: kit.measure })) });
  });
  afterAll(async () => opened.close());

  const interventi = async () => {
    const report = await opened.context.actions.getReport({ year: 2026, granularity: 'month' });
    const found = report.find((r) => r.indicator.slug === 'interventi');
    return [found?.year.numerator, found?.year.denominator];
  };

  it('lets the data steward record an entry once however often it is sent, and correct it from the list', async () => {
    const { jar } = await signIn(opened.app, 'data-steward@test.misura.invalid');
    const page = await get(opened.app, jar, '/admin/registri');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Registro «interventi»');
    expect(page.body).toContain('Valore rilevato a mano (eventi «staff.recorded»)');
    // A call ratio is fed by a feed: no form for it.
    expect(page.body).not.toContain('value="chiamate-risposte"');
    const fields = { _csrf: csrfOf(page.body), service, indicator: 'interventi', date: '2026-11-20', subject: 'INT-9', 'attr.status': 'done', evidence: 'prot. 9/2026' };

    const first = await post(opened.app, jar, '/admin/registri/aggiungi', fields);
    expect([first.statusCode, first.headers.location]).toEqual([303, `/admin/registri?fatto=recorded#registro-${service}--interventi`]);
    const again = await post(opened.app, jar, '/admin/registri/aggiungi', fields);
    expect(again.headers.location).toBe(`/admin/registri?fatto=unchanged#registro-${service}--interventi`);
    expect(await interventi()).toEqual([1, 1]);

    const listed = await get(opened.app, jar, '/admin/registri?fatto=unchanged');
    expect(listed.body).toContain('La voce era già registrata così');
    const correct = /href="([^"]*correggi=[^"]*)"/.exec(listed.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(correct).toContain('correggi=interventi%3AINT-9');
    const form = await get(opened.app, jar, correct);
    expect(form.body).toContain('Stai correggendo INT-9');
    expect(form.body).toContain('value="INT-9"');
    expect(form.body).toContain('value="2026-11-20"');

    const corrected = await post(opened.app, jar, '/admin/registri/aggiungi', { ...fields, _csrf: csrfOf(form.body), 'attr.status': 'planned' });
    expect(corrected.headers.location).toBe(`/admin/registri?fatto=corrected#registro-${service}--interventi`);
    expect(await interventi()).toEqual([0, 1]);
    const audit = await opened.context.actions.listAuditLog({ action: 'event.' });
    expect(audit.map((r) => [r.actor, r.action])).toEqual([
      ['user:data-steward@test.misura.invalid', 'event.record'],
      ['user:data-steward@test.misura.invalid', 'event.correct'],
    ]);
  });

  it('records a value, and says why an entry is refused keeping what was typed', async () => {
    const { jar } = await signIn(opened.app, 'admin@test.misura.invalid', undefined, '/en');
    const page = await get(opened.app, jar, '/en/admin/registri');
    expect(page.body).toContain('Register “interventi”');
    const recorded = await post(opened.app, jar, '/en/admin/registri/aggiungi', { _csrf: csrfOf(page.body), service, indicator: 'operatori', date: '2026-11-02', value: '17,5' });
    expect(recorded.headers.location).toBe(`/en/admin/registri?fatto=recorded#registro-${service}--operatori`);
    const report = await opened.context.actions.getReport({ year: 2026, granularity: 'month' });
    expect(report.find((r) => r.indicator.slug === 'operatori')?.year.value).toBe(17.5);

    const refused = await post(opened.app, jar, '/en/admin/registri/aggiungi', { _csrf: csrfOf(page.body), service, indicator: 'interventi', date: '2026-11-21', 'attr.status': 'done', evidence: 'prot. 10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('a register entry needs its number');
    expect(refused.body).toContain('value="prot. 10"');
  });

  it('shows the OIV and the quality office the entries without a form, and refuses their posts', async () => {
    const steward = await signIn(opened.app, 'data-steward@test.misura.invalid');
    const token = csrfOf((await get(opened.app, steward.jar, '/admin/registri')).body);
    for (const role of ['oiv', 'quality-office']) {
      const { jar } = await signIn(opened.app, `${role}@test.misura.invalid`);
      const page = await get(opened.app, jar, '/admin/registri');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('INT-9');
      expect(page.body).not.toContain('/admin/registri/aggiungi');
      const refused = await post(opened.app, jar, '/admin/registri/aggiungi', { _csrf: csrfOf((await get(opened.app, jar, '/admin')).body), service, indicator: 'interventi', date: '2026-11-22', subject: 'INT-10', 'attr.status': 'done' });
      expect(refused.statusCode).toBe(403);
      // Not even with a steward's token.
      expect((await post(opened.app, jar, '/admin/registri/aggiungi', { _csrf: token, service, indicator: 'interventi', date: '2026-11-22', subject: 'INT-10' })).statusCode).toBe(403);
    }
    expect(await interventi()).toEqual([0, 1]);
  });
});
