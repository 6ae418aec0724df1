import type { CardListing } from '../../actions/list-cards.action.ts';
import type { ServiceListing } from '../../actions/list-services.action.ts';
import type { IndicatorReport } from '../../domain/evaluation/indicator-report.ts';
import type { Static } from '@sinclair/typebox';
import type { Card, IndicatorResult, ServiceDetail, ServiceSummary } from './api-schemas.ts';

/** Domain values as the API shows them (see api-schemas.ts). */

const editionsOf = (cards: readonly CardListing[]) => cards.map((card) => ({ edition: card.edition, year: card.year }));

/** A service in the list: who runs it and which editions its card has. */
export function toServiceSummary(listing: ServiceListing, cards: readonly CardListing[]): Static<typeof ServiceSummary> {
  const { service, organisation } = listing;
  return { slug: service.slug, name: service.name, organisation, office: service.office, webAddress: service.webAddress, editions: editionsOf(cards) };
}

/** A service with everything its card says about it. */
export function toServiceDetail(listing: ServiceListing, cards: readonly CardListing[]): Static<typeof ServiceDetail> {
  const { service, organisation } = listing;
  return {
    slug: service.slug,
    name: service.name,
    organisation,
    office: service.office,
    characteristics: service.characteristics,
    deliveryMode: service.deliveryMode,
    userTypes: service.userTypes,
    diffidaBody: service.diffidaBody,
    webAddress: service.webAddress,
    channels: service.channels,
    staff: service.staff,
    editions: editionsOf(cards),
  };
}

/** One edition of a card with its indicators. */
export function toCard(card: CardListing): Static<typeof Card> {
  return {
    organisation: card.organisation,
    service: { slug: card.serviceSlug, name: card.service },
    edition: card.edition,
    year: card.year,
    notes: card.notes,
    ruleText: card.ruleText,
    indicators: card.indicators,
  };
}

/** An indicator's evaluation; `periods` at the requested granularity ('year': the year alone). */
export function toIndicatorResult(report: IndicatorReport, period: 'month' | 'quarter' | 'year'): Static<typeof IndicatorResult> {
  return {
    service: report.service,
    card: report.card,
    indicator: report.indicator,
    measureKind: report.measureKind,
    measureDescription: report.measureDescription,
    year: report.year,
    periods: period === 'year' ? [report.year] : report.periods,
    ...(report.fault === undefined ? {} : { fault: report.fault }),
  };
}
