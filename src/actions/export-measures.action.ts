import type { IndicatorMeasure } from '../domain/measures/measure.ts';
import type { MeasuresDocument } from '../formats/measures-file.ts';
import type { Database } from '../storage/database.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';

/**
 * Every stored measure as a document apply-measures takes back unchanged: by organisation, service, edition (by
 * year, undated last) and indicator position.
 */
export async function exportMeasures(deps: { database: Database }): Promise<MeasuresDocument> {
  const { db } = deps.database;
  const byIndicator = new Map((await listMeasures(db)).map((stored) => [stored.indicatorId, stored.measure]));
  const measures: IndicatorMeasure[] = [];
  if (byIndicator.size === 0) return { measures };
  for (const stored of await listCards(db)) {
    stored.card.indicators.forEach((indicator, index) => {
      const id = stored.indicatorIds[index];
      const measure = id === undefined ? undefined : byIndicator.get(id);
      if (measure !== undefined) measures.push({ service: stored.card.service.slug, edition: stored.editionKey, indicator: indicator.slug, measure });
    });
  }
  return { measures };
}
