import type { Indicator } from '../domain/cards/card.ts';
import type { IndicatorMeasure } from '../domain/measures/measure.ts';
import type { MeasuresDocument, UnmeasuredIndicator } from '../formats/measures-file.ts';
import type { Database } from '../storage/database.ts';
import { listCards } from '../storage/repositories/card.repository.ts';
import { listMeasures } from '../storage/repositories/measure.repository.ts';

/** The stored measures, and the indicators of live editions that still have none (for a skeleton to fill in). */
export interface MeasuresExport extends MeasuresDocument {
  unmeasured: UnmeasuredIndicator[];
}

/**
 * Every stored measure as a document apply-measures takes back unchanged: by organisation, service, edition (by
 * year, undated last) and indicator position; and every indicator of a draft, approved or published edition without
 * a measure.
 */
export async function exportMeasures(deps: { database: Database }): Promise<MeasuresExport> {
  const { db } = deps.database;
  const byIndicator = new Map((await listMeasures(db)).map((stored) => [stored.indicatorId, stored.measure]));
  const measures: IndicatorMeasure[] = [];
  const unmeasured: UnmeasuredIndicator[] = [];
  for (const stored of await listCards(db)) {
    const live = stored.edition.status === 'draft' || stored.edition.status === 'approved' || stored.edition.status === 'published';
    stored.card.indicators.forEach((indicator, index) => {
      const id = stored.indicatorIds[index];
      const measure = id === undefined ? undefined : byIndicator.get(id);
      const key = { service: stored.card.service.slug, edition: stored.editionKey, indicator: indicator.slug };
      if (measure !== undefined) measures.push({ ...key, measure });
      else if (live) unmeasured.push(unmeasuredOf(key, indicator));
    });
  }
  return { measures, unmeasured };
}

/** An indicator still to measure, as the skeleton names and describes it. */
export function unmeasuredOf(key: { service: string; edition: string; indicator: string }, indicator: Indicator): UnmeasuredIndicator {
  return { ...key, description: indicator.description ?? indicator.formula ?? indicator.dimension, target: indicator.target.text, unit: indicator.target.unit };
}
