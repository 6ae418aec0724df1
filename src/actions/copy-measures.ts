import type { WorkCalendar } from '../domain/calendar/index.ts';
import type { Queryable } from '../storage/schema.ts';
import type { StoredCard } from '../storage/repositories/card.repository.ts';
import { findMeasuresOf, saveMeasure } from '../storage/repositories/measure.repository.ts';
import { rebuildIndicatorsById } from './rebuild-rollups.action.ts';

/**
 * Gives each indicator of `to` that has none the measure of the same indicator (by stable id) in `from`: a new
 * edition or a correction is measured as the one before it, without copying measures by hand; their rollups are
 * computed at once. Returns how many measures were copied.
 */
export async function copyMeasuresForward(
  db: Queryable,
  from: StoredCard,
  to: { indicatorIds: readonly number[]; indicatorUids: readonly string[] },
  now: string,
  calendar: WorkCalendar,
): Promise<number> {
  const sourceIdByUid = new Map(from.indicatorUids.map((uid, index) => [uid, from.indicatorIds[index]]));
  const measures = new Map((await findMeasuresOf(db, from.indicatorIds)).map((stored) => [stored.indicatorId, stored.measure]));
  const present = new Set((await findMeasuresOf(db, to.indicatorIds)).map((stored) => stored.indicatorId));
  const copied: number[] = [];
  for (const [index, uid] of to.indicatorUids.entries()) {
    const targetId = to.indicatorIds[index];
    const sourceId = sourceIdByUid.get(uid);
    const measure = sourceId === undefined ? undefined : measures.get(sourceId);
    if (targetId === undefined || measure === undefined || present.has(targetId)) continue;
    await saveMeasure(db, targetId, measure, now);
    copied.push(targetId);
  }
  await rebuildIndicatorsById(db, copied, calendar);
  return copied.length;
}
