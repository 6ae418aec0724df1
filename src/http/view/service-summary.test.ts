import { describe, expect, it } from 'vitest';
import { newOrganisation } from '../../../test/factories.ts';
import { newReport, newSiteCard, newSiteFixture, siteActionsOf } from '../test-kit.ts';
import { summariseServices } from './service-summary.ts';

describe('summariseServices', () => {
  it('counts the statuses of the card in force, an unmeasured indicator as "no-data"', async () => {
    const { fixture, card2026 } = newSiteFixture();
    const actions = siteActionsOf({ ...fixture, reports: [newReport(card2026, card2026.indicators[0]!, { year: 2026, status: 'missed' })] });
    const [summary] = summariseServices(await actions.listServices(), await actions.listCards(), await actions.getReport({ year: 2026, granularity: 'month' }), 2026);
    expect(summary).toMatchObject({ slug: 'servizi-lavoro', edition: '2026', total: 2, counts: { met: 0, missed: 1, 'at-risk': 0, 'no-data': 1 } });
  });

  it('says a service has no card in force before its first edition', async () => {
    const card = newSiteCard({ year: 2027 });
    const actions = siteActionsOf({ cards: [{ organisation: newOrganisation(), card }], reports: [] });
    const [summary] = summariseServices(await actions.listServices(), await actions.listCards(), [], 2026);
    expect(summary).toMatchObject({ edition: null, total: 0 });
  });
});
