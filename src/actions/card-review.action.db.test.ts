import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import type { Actor } from '../domain/accounts/actor.ts';
import { UserError } from '../domain/shared/errors.ts';
import type { Database } from '../storage/database.ts';
import { listRollups } from '../storage/repositories/rollup.repository.ts';
import { listAuditLog } from './list-audit-log.action.ts';
import { applyMeasures } from './apply-measures.action.ts';
import { DraftMeasuresRefused, reviewDraft, saveDraftEdits, type DraftEdits } from './card-review.action.ts';
import { kitCard, rows, T0 } from './events.test-kit.ts';
import { exportMeasures } from './export-measures.action.ts';
import { importCards } from './import-cards.action.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { listCards } from './list-cards.action.ts';

const ANNA: Actor = { kind: 'user', userId: 1, email: 'anna@comune.example', role: 'quality-office' };

/** The kit card (calls answered, registers, availability…) stored as a 2026 draft, with a day of calls: its service slug. */
async function storeDraft(database: Database, card = kitCard(2026)): Promise<string> {
  await importCards({ database, now: () => T0 }, [{ organisation: null, card, doubts: [] }]);
  await ingestEvents({ database }, rows(
    { id: '1', kind: 'call.received', at: '2026-03-02T09:00:00Z', attributes: { answered: true } },
    { id: '2', kind: 'call.received', at: '2026-03-02T10:00:00Z', attributes: { answered: false } },
  ), { mode: 'all-or-nothing' });
  return card.service.slug;
}

/** The answered share of calls as the editor's box holds it, for the first kit indicator. */
const answered = (service: string, value = 'true') =>
  `- service: ${service}\n  edition: "2026"\n  indicator: chiamate-risposte\n  measure:\n    kind: ratio\n    total:\n      kind: call.received\n    good:\n      - attribute: answered\n        op: "="\n        value: ${value}\n`;

describeEachDialect('saving the card editor of a draft', (ctx) => {
  it('stores the cells, the notes and a measure in one go; the measure is folded from the events already in', async () => {
    const database = await ctx.openFresh();
    const service = await storeDraft(database);
    const edits: DraftEdits = { cells: new Map([[2, { notes: 'Registro tenuto a mano.' }]]), notes: '(&) Mai peggiore.', measures: new Map([[1, answered(service)]]) };
    const saved = await saveDraftEdits({ database, now: () => T0 }, ANNA, { service, edition: '2026' }, edits);
    expect(saved.measures).toEqual({ measures: [{ service, edition: '2026', indicator: 'chiamate-risposte', status: 'created' }], rebuiltDays: 1 });
    expect((await listRollups(database.db)).map((r) => [r.good, r.total])).toEqual([[1, 2]]);
    const [draft] = await listCards({ database }, { statuses: ['draft'] });
    expect([draft?.notes, draft?.ruleText, draft?.indicators[1]?.notes]).toEqual([['(&) Mai peggiore.'], 'Mai peggiore.', 'Registro tenuto a mano.']);
    expect((await listAuditLog({ database })).map((r) => [r.action, r.actor])).toEqual([
      ['edition.import', 'system:import'],
      ['edition.reimport', 'user:anna@comune.example'],
      ['measure.apply', 'user:anna@comune.example'],
    ]);
    // Saving again what the editor now shows changes nothing.
    const shown = await reviewDraft({ database }, { service, edition: '2026' });
    const again = await saveDraftEdits({ database }, ANNA, { service, edition: '2026' }, { cells: new Map(), measures: shown.draft?.measures ?? new Map() });
    expect([again.import.cards[0]?.status, again.measures.measures]).toEqual(['unchanged', []]);
  });

  it('refuses the whole save when any measure is wrong, one refusal per indicator with its field and line, and rolls the cell edits back', async () => {
    const database = await ctx.openFresh();
    const service = await storeDraft(database);
    const before = await listCards({ database }, { statuses: ['draft'] });
    const edits: DraftEdits = {
      cells: new Map([[1, { description: 'Chiamate con risposta' }]]),
      notes: 'Nota nuova.',
      measures: new Map([
        [1, answered(service, '[1, 2')],
        [2, '- service: x\n  edition: "2026"\n  indicator: interventi\n  measure:\n    kind: register\n    register: interventi\n    good:\n      - { attribute: status, op: "=", value: done }\n'],
        [3, answered(service)],
      ]),
    };
    const refused = await saveDraftEdits({ database }, ANNA, { service, edition: '2026' }, edits).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DraftMeasuresRefused);
    const refusals = (refused as DraftMeasuresRefused).refusals;
    expect([...refusals.keys()]).toEqual([1, 2, 3]);
    expect(refusals.get(1)).toMatchObject({ line: 12, message: expect.stringMatching(/^not valid YAML/) });
    expect(refusals.get(2)).toMatchObject({ field: 'service', line: 1, message: expect.stringContaining('no stored card is for a service "x"') });
    expect(refusals.get(3)).toMatchObject({ field: 'indicator', line: 3, message: expect.stringContaining('not of "chiamate-risposte"') });
    expect(await listCards({ database }, { statuses: ['draft'] })).toEqual(before);
    expect((await exportMeasures({ database })).measures).toEqual([]);
    expect((await listAuditLog({ database })).map((r) => r.action)).toEqual(['edition.import']);
  });

  it('changes nothing of an edition that is no longer a draft, and cannot take an indicator\'s measure away', async () => {
    const database = await ctx.openFresh();
    const card = kitCard(2026);
    const service = await storeDraft(database, card);
    await applyMeasures({ database }, { measures: [{ service, edition: '2026', indicator: 'chiamate-risposte', measure: { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] } }] });
    const emptied = await saveDraftEdits({ database }, ANNA, { service, edition: '2026' }, { cells: new Map(), measures: new Map([[1, '']]) }).catch((error: unknown) => error);
    expect((emptied as DraftMeasuresRefused).refusals.get(1)?.message).toMatch(/^empty: a measure is changed here, not removed/);

    // The same card imported with --publish: the draft approved and published.
    await importCards({ database }, [{ organisation: null, card, doubts: [] }], { publish: { act: 'Decreto n. 3' } });
    const cards = await listCards({ database }, { statuses: 'all' });
    expect(cards.map((c) => c.lifecycle.status)).toEqual(['published']);
    const published = await saveDraftEdits({ database }, ANNA, { service, edition: '2026' }, { cells: new Map([[1, { description: 'Riscritta' }]]), notes: 'Altro', measures: new Map([[1, answered(service, 'false')]]) }).catch((error: unknown) => error);
    expect(published).toBeInstanceOf(UserError);
    expect((published as UserError).message).toContain('is published: only a draft can be edited');
    expect(await listCards({ database }, { statuses: 'all' })).toEqual(cards);
    expect((await exportMeasures({ database })).measures.map((m) => m.measure)).toEqual([{ kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] }]);
  });
});
