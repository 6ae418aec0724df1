import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { newCard, newService, PUBLISH_NOW } from '../../test/factories.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { ProfileInput } from '../domain/services/service-profile.ts';
import { importCards } from './import-cards.action.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { listServices } from './list-services.action.ts';
import { readDataVersion } from './data-version.action.ts';
import { ProfileValidationError, readServiceProfile, saveServiceProfile } from './service-profile.action.ts';

const OFFICE = { kind: 'user', userId: 2, email: 'qualita@comune.example', role: 'quality-office' } as const;
const NOW = new Date('2026-12-04T10:00:00Z');

const EMPTY: ProfileInput = {
  name: '',
  office: '',
  channelsText: '',
  webAddress: '',
  diffidaBody: '',
  diffidaPec: '',
  diffidaProcedure: '',
  complaintHow: '',
  complaintResponseDays: '',
  indemnityAmount: '',
  indemnityConditions: '',
};

const cardService = newService({
  slug: 'anagrafe',
  name: 'Anagrafe',
  office: 'Servizi demografici',
  diffidaBody: { text: 'Dirigente dei servizi demografici, PEC demografici@pec.comune.example.it', links: [] },
});

describeEachDialect('service profiles', (ctx) => {
  it('reads a service with no profile as its card says it', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: cardService, year: 2026 })], PUBLISH_NOW);
    const view = await readServiceProfile({ database }, 'anagrafe');
    expect(view.effective.service).toEqual(cardService);
    expect(view.effective.diffida.pec).toBe('demografici@pec.comune.example.it');
    expect([view.updatedBy, view.updatedAt, view.effective.overridden]).toEqual([null, null, []]);
  });

  it('saves a profile whose values win over the card, recorded in the audit log with before and after', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: cardService, year: 2026 })], PUBLISH_NOW);
    const versionBefore = await readDataVersion({ database });
    const deps = { database, now: () => NOW };
    await saveServiceProfile(deps, OFFICE, { service: 'anagrafe', profile: { ...EMPTY, office: 'Ufficio anagrafe', complaintResponseDays: '30' } });
    const view = await saveServiceProfile(deps, OFFICE, {
      service: 'anagrafe',
      profile: { ...EMPTY, office: 'Ufficio anagrafe', diffidaPec: 'segreteria@pec.comune.example.it', complaintHow: 'Modulo online', complaintResponseDays: '20', indemnityAmount: '25,50' },
    });
    expect(view.effective.service.office).toBe('Ufficio anagrafe');
    expect(view.effective.service.name).toBe('Anagrafe');
    expect(view.effective.diffida.pec).toBe('segreteria@pec.comune.example.it');
    expect(view.effective.complaints).toEqual({ how: 'Modulo online', responseDays: 20, indemnity: { amountCents: 2550, conditions: null } });
    expect([view.updatedBy, view.updatedAt]).toEqual(['user:qualita@comune.example', NOW.toISOString()]);
    expect(await readDataVersion({ database })).toBeGreaterThan(versionBefore);

    const records = (await listAuditLog({ database })).filter((r) => r.action === 'service-profile.save');
    expect(records.map((r) => [r.actor, r.entityType, r.entityKey])).toEqual([
      ['user:qualita@comune.example', 'service-profile', 'anagrafe'],
      ['user:qualita@comune.example', 'service-profile', 'anagrafe'],
    ]);
    expect(records[0]?.beforeJson).toBeNull();
    expect(JSON.parse(records[1]?.beforeJson ?? '')).toMatchObject({ office: 'Ufficio anagrafe', complaintResponseDays: 30, diffidaPec: null });
    expect(JSON.parse(records[1]?.afterJson ?? '')).toMatchObject({ office: 'Ufficio anagrafe', complaintResponseDays: 20, diffidaPec: 'segreteria@pec.comune.example.it', indemnityAmountCents: 2550 });
  });

  it('keeps what the back office set when the card is imported again, and takes the new card where it set nothing', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: cardService, year: 2026 })], PUBLISH_NOW);
    await saveServiceProfile({ database }, OFFICE, { service: 'anagrafe', profile: { ...EMPTY, name: 'Anagrafe e stato civile', diffidaPec: 'segreteria@pec.comune.example.it', complaintHow: 'Allo sportello' } });
    const reworded = { ...cardService, name: 'Servizi anagrafici', office: 'Direzione servizi al cittadino', diffidaBody: { text: 'Direttore, PEC direzione@pec.comune.example.it', links: [] } };
    await importCards({ database }, [newCard({ service: reworded, year: 2027, source: { file: 'carta-2027.txt' } })], PUBLISH_NOW);

    const view = await readServiceProfile({ database }, 'anagrafe');
    expect(view.card.name).toBe('Servizi anagrafici');
    expect(view.effective.service.name).toBe('Anagrafe e stato civile');
    expect(view.effective.diffida.pec).toBe('segreteria@pec.comune.example.it');
    expect(view.effective.complaints.how).toBe('Allo sportello');
    // Not set in the back office: the new card's value.
    expect(view.effective.service.office).toBe('Direzione servizi al cittadino');
    expect(view.effective.service.diffidaBody.text).toBe('Direttore, PEC direzione@pec.comune.example.it');

    const [listing] = await listServices({ database });
    expect(listing?.service.name).toBe('Anagrafe e stato civile');
    expect(listing?.profile?.complaints.how).toBe('Allo sportello');
  });

  it('refuses a wrong profile whole, naming each field, and writes nothing', async () => {
    const database = await ctx.openFresh();
    await importCards({ database }, [newCard({ service: cardService, year: 2026 })], PUBLISH_NOW);
    const auditBefore = (await listAuditLog({ database })).length;
    const saving = saveServiceProfile({ database }, OFFICE, { service: 'anagrafe', profile: { ...EMPTY, name: 'Nuovo nome', diffidaPec: 'non è una pec', indemnityAmount: '25,505' } });
    await expect(saving).rejects.toBeInstanceOf(ProfileValidationError);
    await expect(saving).rejects.toThrow('field "diffidaPec": "non è una pec" is not an e-mail (PEC) address');
    const error = (await saving.catch((e: unknown) => e)) as ProfileValidationError;
    expect(error.errors.map((e) => e.field)).toEqual(['diffidaPec', 'indemnityAmount']);
    expect((await readServiceProfile({ database }, 'anagrafe')).effective.service.name).toBe('Anagrafe');
    expect(await listAuditLog({ database })).toHaveLength(auditBefore);
  });

  it('says which service it does not know', async () => {
    const database = await ctx.openFresh();
    await expect(readServiceProfile({ database }, 'nessuno')).rejects.toThrow(UserError);
    await expect(saveServiceProfile({ database }, OFFICE, { service: 'nessuno', profile: EMPTY })).rejects.toThrow('no stored service is called "nessuno"');
  });
});
