import { draftRecord, withoutKey } from '../domain/editions/edition.ts';
import type { CardFilterInput, CardListing } from '../actions/list-cards.action.ts';
import type { ServiceListing } from '../actions/list-services.action.ts';
import { editionKeyOf, type Indicator, type Organisation, type StandardCard } from '../domain/cards/card.ts';
import type { EvaluationStatus, IndicatorEvaluation, Period } from '../domain/evaluation/evaluation.ts';
import { reportHeadOf, type IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { newIndicator, newOrganisation, newService, newTarget } from '../../test/factories.ts';
import type { ReportQuery, SiteActions } from './site-actions.ts';

/**
 * View-test data for the public site: real domain values (cards, services, reports) and a SiteActions
 * that serves them as the real actions would. Not a storage mock: storage has its own tests.
 */

/** What the site shows: organisations, their cards (each with its service) and the engine's reports. */
export interface SiteFixture {
  cards: { organisation: Organisation; card: StandardCard }[];
  reports: IndicatorReport[];
}

/** A calendar month period of `year`. */
export function monthPeriod(year: number, month: number): Period {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { key: `${year}-${mm}`, granularity: 'month', from: `${year}-${mm}-01`, to: `${year}-${mm}-${last}` };
}

/** The whole-year period. */
export function yearPeriod(year: number): Period {
  return { key: String(year), granularity: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

/** An evaluation of a percentage indicator: 'met' at 97.5% of 400 against "95%" unless told otherwise. */
export function newEvaluation(period: Period, overrides: Partial<IndicatorEvaluation> = {}): IndicatorEvaluation {
  return {
    period,
    value: 97.5,
    numerator: 390,
    denominator: 400,
    unit: 'percent',
    target: newTarget(),
    status: 'met',
    budgetLeft: 10,
    forecast: 97,
    asOf: period.to,
    explanation: 'The engine explains in English.',
    reason: { code: 'judged', noun: 'events-met', complete: false, why: 'on-track' },
    ...overrides,
  };
}

export interface NewReportOptions {
  year: number;
  /** Monthly values from January; null for a month with no data. */
  monthly?: (number | null)[];
  status?: EvaluationStatus;
  overrides?: Partial<IndicatorReport>;
  yearOverrides?: Partial<IndicatorEvaluation>;
}

/** The engine's report for one indicator of a card, with monthly periods. */
export function newReport(card: StandardCard, indicator: Indicator, options: NewReportOptions): IndicatorReport {
  const monthly = options.monthly ?? [96, 97.5, 98];
  const status = options.status ?? 'met';
  return {
    ...reportHeadOf(card, indicator),
    measureDescription: {
      it: 'Contiamo i giorni in cui il portale risponde ai controlli automatici ogni 5 minuti.',
      en: 'We count the days on which the portal answers automatic checks every 5 minutes.',
    },
    measureKind: 'availability-days',
    year: newEvaluation(yearPeriod(options.year), { status, target: indicator.target, unit: indicator.target.unit, ...options.yearOverrides }),
    periods: monthly.map((value, index) =>
      newEvaluation(monthPeriod(options.year, index + 1), {
        value,
        status: value === null ? 'no-data' : status,
        numerator: value === null ? null : Math.round(value * 4),
        denominator: value === null ? null : 400,
        target: indicator.target,
        unit: indicator.target.unit,
      }),
    ),
    ...options.overrides,
  };
}

/** A card of `year` for a new service, with two indicators (a percentage and a working-days one). */
export function newSiteCard(overrides: Partial<StandardCard> = {}): StandardCard {
  return {
    year: 2026,
    service: newService(),
    indicators: [
      newIndicator({ position: 1, slug: 'accessibilita-multicanale' }),
      newIndicator({
        position: 2,
        slug: 'tempestivita',
        dimension: 'Tempestività',
        dimensionKey: 'tempestivita',
        subdimension: null,
        description: 'Tempo di risposta alle richieste',
        formula: 'Giorni lavorativi tra richiesta e risposta',
        target: newTarget({ text: '30 giorni lavorativi', comparator: '<=', value: 30, unit: 'working-days', period: null, comparatorReason: 'a time: lower is better' }),
      }),
    ],
    notes: [],
    ruleText: null,
    source: { file: 'card.txt' },
    ...overrides,
  };
}

/** A view test's card is published, adopted by an act, in force from the start of its year. */
function publishedLifecycle(year: number | null): CardListing['lifecycle'] {
  const day = `${year ?? 2020}-01-01`;
  return { ...withoutKey(draftRecord(editionKeyOf(year))), status: 'published', act: 'Decreto n. 1', approvedBy: 'cli:test', approvedAt: `${day}T00:00:00.000Z`, inForceFrom: day, publishedAt: `${day}T00:00:00.000Z` };
}

function toListing(organisation: Organisation, card: StandardCard): CardListing {
  return {
    organisation,
    service: card.service.name,
    serviceSlug: card.service.slug,
    year: card.year,
    edition: editionKeyOf(card.year),
    lifecycle: publishedLifecycle(card.year),
    notes: card.notes,
    ruleText: card.ruleText,
    indicators: card.indicators.map((i) => ({
      position: i.position,
      slug: i.slug,
      dimension: i.dimension,
      dimensionKey: i.dimensionKey,
      subdimension: i.subdimension,
      description: i.description,
      formula: i.formula,
      target: i.target,
      additional: i.additional,
      notes: i.notes,
    })),
  };
}

/** SiteActions over a fixture, behaving as the real actions do (ordering, filters, unknown service errors). */
export function siteActionsOf(fixture: SiteFixture, overrides: Partial<SiteActions> = {}): SiteActions {
  const organisations = [...new Map(fixture.cards.map(({ organisation }) => [organisation.slug, organisation])).values()].sort((a, b) =>
    a.slug.localeCompare(b.slug),
  );
  const services = new Map<string, ServiceListing>();
  for (const { organisation, card } of fixture.cards) services.set(`${organisation.slug}/${card.service.slug}`, { organisation, service: card.service });
  const listings = fixture.cards
    .map(({ organisation, card }) => toListing(organisation, card))
    .sort(
      (a, b) =>
        a.organisation.slug.localeCompare(b.organisation.slug) ||
        a.serviceSlug.localeCompare(b.serviceSlug) ||
        (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER),
    );
  return {
    listOrganisations: () => Promise.resolve(organisations),
    listServices: () => Promise.resolve([...services.values()].sort((a, b) => a.service.slug.localeCompare(b.service.slug))),
    listCards: (filter: CardFilterInput = {}) => {
      let result = listings;
      if (filter.service !== undefined) {
        const slugs = new Set([filter.service, slugify(filter.service)]);
        if (!listings.some((l) => slugs.has(l.serviceSlug))) {
          return Promise.reject(new UserError(`no stored service is called "${filter.service}"`, { field: 'service' }));
        }
        result = result.filter((l) => slugs.has(l.serviceSlug));
      }
      if (filter.year !== undefined) result = result.filter((l) => l.year === filter.year);
      return Promise.resolve(result);
    },
    getReport: (query: ReportQuery) => Promise.resolve(fixture.reports.filter((r) => r.year.period.key === String(query.year))),
    checkDatabase: () => Promise.resolve(),
    ...overrides,
  };
}

/** The standard fixture: one ministry, a service with a 2025 and a 2026 card, reports for 2026 (one indicator at risk). */
export function newSiteFixture(serviceName = 'Servizi Lavoro'): { fixture: SiteFixture; card2025: StandardCard; card2026: StandardCard } {
  const service = newService({ slug: slugify(serviceName), name: serviceName });
  const card2025 = newSiteCard({ year: 2025, service });
  const card2026 = newSiteCard({ year: 2026, service });
  const [first, second] = card2026.indicators as [Indicator, Indicator];
  const organisation = newOrganisation();
  return {
    card2025,
    card2026,
    fixture: {
      cards: [
        { organisation, card: card2025 },
        { organisation, card: card2026 },
      ],
      reports: [
        newReport(card2026, first, { year: 2026, monthly: [96, 97.5, 98] }),
        newReport(card2026, second, {
          year: 2026,
          monthly: [20, 28, null],
          status: 'at-risk',
          yearOverrides: { value: 24, unit: 'working-days', numerator: 24, denominator: 60, budgetLeft: 2, forecast: 29 },
        }),
        newReport(card2025, card2025.indicators[0] as Indicator, { year: 2025, monthly: [90, 92], status: 'missed', yearOverrides: { value: 91, status: 'missed' } }),
      ],
    },
  };
}
