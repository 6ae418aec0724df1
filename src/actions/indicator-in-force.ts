import type { Indicator, Service } from '../domain/cards/card.ts';
import type { Measure } from '../domain/measures/measure.ts';
import { listCards, type StoredCard } from '../storage/repositories/card.repository.ts';
import { findMeasuresOf } from '../storage/repositories/measure.repository.ts';
import type { Queryable } from '../storage/schema.ts';
import { cardsInForce } from './get-report.action.ts';

/** One indicator of a card in force, with its stored id and measure (undefined when it has none). */
export interface IndicatorInForce {
  indicatorId: number;
  card: StoredCard;
  service: Service;
  indicator: Indicator;
  measure: Measure | undefined;
}

/**
 * Every indicator of the cards in force in `year` (the published edition the report evaluates), with its measure,
 * in the report's order: what the back office records entries for and drills down into.
 */
export async function listIndicatorsInForce(db: Queryable, year: number): Promise<IndicatorInForce[]> {
  const cards = cardsInForce(await listCards(db, { statuses: ['published'] }), year);
  const found: IndicatorInForce[] = [];
  for (const card of cards) {
    card.card.indicators.forEach((indicator, index) => {
      const indicatorId = card.indicatorIds[index];
      if (indicatorId !== undefined) found.push({ indicatorId, card, service: card.card.service, indicator, measure: undefined });
    });
  }
  const measures = new Map((await findMeasuresOf(db, found.map((f) => f.indicatorId))).map((stored) => [stored.indicatorId, stored.measure]));
  for (const entry of found) entry.measure = measures.get(entry.indicatorId);
  return found;
}

/** One indicator of the card in force in `year`, by service and indicator slug, or undefined. */
export async function findIndicatorInForce(db: Queryable, year: number, service: string, indicator: string): Promise<IndicatorInForce | undefined> {
  return (await listIndicatorsInForce(db, year)).find((entry) => entry.service.slug === service && entry.indicator.slug === indicator);
}
