import { expect, it } from 'vitest';
import type { Measure } from '../../domain/measures/measure.ts';
import { newCard } from '../../../test/factories.ts';
import { describeEachDialect } from '../../../test/dialects.ts';
import { saveCard } from './card.repository.ts';
import { findMeasure, listMeasures, saveMeasure } from './measure.repository.ts';
import { saveOrganisation } from './organisation.repository.ts';
import { saveService } from './service.repository.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const ratio: Measure = { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] };
const count: Measure = { kind: 'count', select: { kind: 'disruption' }, count: 'days' };

describeEachDialect('measure repository', (ctx) => {
  it('creates, leaves alone when equal, updates when different, and lists by indicator', async () => {
    const { db } = await ctx.openFresh();
    const { card } = newCard();
    const org = await saveOrganisation(db, { slug: 'pa', name: 'PA' });
    const { id: cardId, indicatorIds: [a, b] } = await saveCard(db, await saveService(db, org.id, card.service, T1), card, T1);
    expect(await saveMeasure(db, b!, count, T1)).toBe('created');
    expect(await saveMeasure(db, a!, ratio, T1)).toBe('created');
    expect(await saveMeasure(db, a!, { ...ratio }, T2)).toBe('unchanged');
    expect(await findMeasure(db, a!)).toEqual({ indicatorId: a, measure: ratio, updatedAt: T1 });
    expect(await saveMeasure(db, a!, count, T2)).toBe('updated');
    expect(await listMeasures(db)).toEqual([
      { indicatorId: a, measure: count, updatedAt: T2 },
      { indicatorId: b, measure: count, updatedAt: T1 },
    ]);
    await db.deleteFrom('cards').where('id', '=', cardId).execute();
    expect(await listMeasures(db)).toEqual([]);
  });

  it('refuses a measure for an indicator that does not exist', async () => {
    const { db } = await ctx.openFresh();
    await expect(saveMeasure(db, 999, ratio, T1)).rejects.toThrow(/foreign key/i);
  });
});
