import type { CardFilterInput, CardListing } from '../actions/list-cards.action.ts';
import type { ServiceListing } from '../actions/list-services.action.ts';
import type { Organisation } from '../domain/cards/card.ts';
import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';

/** Which year's measurements, cut into months or quarters. */
export interface ReportQuery {
  year: number;
  granularity: 'month' | 'quarter';
}

/**
 * The actions the public site calls, all read-only. AppContext.actions is expected to satisfy it;
 * view tests build one from domain values (see test-kit.ts).
 */
export interface SiteActions {
  /** The administrations publishing cards (list-organisations.action.ts). */
  listOrganisations(): Promise<Organisation[]>;
  /** Every service with channels and diffida body, and its organisation (list-services.action.ts). */
  listServices(): Promise<ServiceListing[]>;
  /** Stored cards, by organisation, service and year, undated last (list-cards.action.ts). */
  listCards(filter?: CardFilterInput): Promise<CardListing[]>;
  /** Every indicator of the cards in force in the year, evaluated (the measurement engine's getReport). */
  getReport(query: ReportQuery): Promise<IndicatorReport[]>;
  /** Resolves when the database answers (check-database.action.ts); used by /readyz. */
  checkDatabase(): Promise<void>;
}
