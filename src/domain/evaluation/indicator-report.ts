import { editionKeyOf, type Indicator, type StandardCard } from '../cards/card.ts';
import type { Comparator, TargetUnit } from '../cards/target.ts';
import type { IndicatorEvaluation } from './evaluation.ts';

/** One indicator of the card in force for a year, with its measure explained and its evaluations. */
export interface IndicatorReport {
  service: { slug: string; name: string };
  /** The card edition in force for the year: the latest edition of that year or before, or the undated one. */
  card: { edition: string; year: number | null };
  indicator: {
    slug: string;
    position: number;
    dimension: string;
    subdimension: string | null;
    description: string | null;
    formula: string | null;
    additional: boolean;
  };
  /** "How we measure it", in plain words, per locale. */
  measureDescription: { it: string; en: string };
  measureKind: string;
  /** The whole year (in progress or complete). */
  year: IndicatorEvaluation;
  /** The year's months (or quarters), in order, up to the last one with data. */
  periods: IndicatorEvaluation[];
  /**
   * Set when this indicator could not be computed (its days failed to fold, or its evaluation failed): it is shown
   * without a result and says why, while the rest of the report stands. Absent when all is well.
   */
  fault?: { reason: string; since: string | null };
  /**
   * How the measure reads a valore programmato that is not a number ("tempo reale" read as ≥ 99%), with its words:
   * published beside the card's own text in every language and in open data. Absent when the target is a number.
   */
  targetReading?: { comparator: Comparator; value: number; unit: TargetUnit; text: string };
}

/** Which service, edition and indicator a report is about: the part every report of a card shares. */
export function reportHeadOf(card: StandardCard, indicator: Indicator): Pick<IndicatorReport, 'service' | 'card' | 'indicator'> {
  return {
    service: { slug: card.service.slug, name: card.service.name },
    card: { edition: editionKeyOf(card.year), year: card.year },
    indicator: {
      slug: indicator.slug,
      position: indicator.position,
      dimension: indicator.dimension,
      subdimension: indicator.subdimension,
      description: indicator.description,
      formula: indicator.formula,
      additional: indicator.additional,
    },
  };
}
