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
}
