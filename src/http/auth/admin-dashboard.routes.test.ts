import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_NOW } from '../../../test/factories.ts';
import { KIT_INDICATORS, kitCard, rows } from '../../actions/events.test-kit.ts';
import { get, openAdminApp, signIn } from './admin.test-kit.ts';

describe('the back office dashboard', () => {
  let opened: Awaited<ReturnType<typeof openAdminApp>>;

  beforeAll(async () => {
    opened = await openAdminApp({}, ['quality-office']);
    const card = kitCard(2026, KIT_INDICATORS.slice(0, 1));
    await opened.context.actions.importCards([{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
    await opened.context.actions.applyMeasures({ measures: [{ service: card.service.slug, edition: '2026', indicator: KIT_INDICATORS[0]!.slug, measure: KIT_INDICATORS[0]!.measure }] });
    // Calls answered one in two in March (target: 90 %), then the feed stopped: missed for the year, and silent.
    await opened.context.actions.ingestEvents(
      rows(
        { id: '1', kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true } },
        { id: '2', kind: 'call.received', at: '2026-03-02T10:00:00Z', attributes: { answered: false } },
      ),
      { mode: 'all-or-nothing' },
    );
  });
  afterAll(async () => opened.close());

  it('shows the year by result, the indicators to follow with their status, and the feeds gone silent', async () => {
    const { jar } = await signIn(opened.app, 'quality-office@test.misura.invalid');
    const page = await get(opened.app, jar, '/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Standard di qualità 2026: com’è l’anno');
    const attention = /<ul id="dashboard-attention">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
    expect(attention).toContain(`/indicatori/${KIT_INDICATORS[0]!.slug}`);
    expect(attention).toMatch(/status-(missed|below-target)/);
    const silent = /<ul id="dashboard-silent">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '';
    expect(silent).toMatch(/<code>feed<\/code>: nessun dato da 2\d\d giorni/);
    const english = await get(opened.app, jar, '/en/admin');
    expect(english.body).toContain('Data feeds silent for more than a day');
  });
});
