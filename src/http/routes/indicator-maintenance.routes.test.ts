import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newTarget } from '../../../test/factories.ts';
import { KIT_INDICATORS, type KitIndicator } from '../../actions/events.test-kit.ts';
import { seedKit } from '../../cli/events-commands.test-kit.ts';
import { openContext } from '../../context.ts';
import { buildApp } from '../app.ts';

const PORTAL: KitIndicator = {
  slug: 'portale',
  target: newTarget({ text: '95%', comparator: '>=', value: 95, unit: 'percent' }),
  measure: { kind: 'availability-days', checks: { kind: 'check.http', where: [{ attribute: 'monitor', op: '=', value: 'portale' }] }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
};

it("publishes the planned maintenance of an indicator's probes on its page, in both languages, and only there", async () => {
  const url = join(mkdtempSync(join(tmpdir(), 'misura-maintenance-')), 'misura.db');
  const service = await seedKit(url, [PORTAL, KIT_INDICATORS[0]!]);
  const context = await openContext({ MISURA_DB_URL: url });
  const app = buildApp(context.actions, { logger: false, rateLimitPerMinute: false });
  try {
    await context.actions.addProbe({ name: 'portale', target: 'https://www.example.gov.it/' });
    await context.actions.addMaintenanceWindow({ probe: 'portale', reason: 'copia di sicurezza', weekly: 'dom', at: '23:00', minutes: '120' });
    await context.actions.addMaintenanceWindow({ probe: 'portale', reason: 'nuovo portale', from: '2026-03-08T02:00+01:00', to: '2026-03-08T06:00+01:00' });
    const page = await app.inject({ url: `/servizi/${service}/indicatori/portale?anno=2026` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Manutenzioni programmate');
    expect(page.body).toContain('ogni domenica dalle 23:00, per 120 minuti: copia di sicurezza');
    expect(page.body).toMatch(/dal 8 marzo 2026 (alle ore )?02:00 al 8 marzo 2026 (alle ore )?06:00: nuovo portale/);
    const english = await app.inject({ url: `/en/servizi/${service}/indicatori/portale?anno=2026` });
    expect(english.body).toContain('Planned maintenance');
    expect(english.body).toMatch(/every \w+ from 23:00, for 120 minutes: copia di sicurezza/);
    // The calls indicator reads no probe: no section.
    const other = await app.inject({ url: `/servizi/${service}/indicatori/${KIT_INDICATORS[0]!.slug}?anno=2026` });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('Manutenzioni programmate');
  } finally {
    await app.close();
    await context.close();
  }
});
