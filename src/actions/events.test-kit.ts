import { PUBLISH_NOW } from '../../test/factories.ts';
import type { Indicator, StandardCard } from '../domain/cards/card.ts';
import type { Target } from '../domain/cards/target.ts';
import type { AttributeValue, MeasureEvent } from '../domain/events/event.ts';
import type { Measure } from '../domain/measures/measure.ts';
import type { EventRow } from '../formats/event-record.ts';
import type { Database } from '../storage/database.ts';
import { newCard, newIndicator, newTarget } from '../../test/factories.ts';
import { applyMeasures } from './apply-measures.action.ts';
import { importCards } from './import-cards.action.ts';

/** Test data shared by the measurement actions' tests: one indicator per measure kind, and event rows. */

export const T0 = new Date('2026-03-10T11:00:00Z');

/** One indicator of the kit card: its slug, target and measure. */
export interface KitIndicator {
  slug: string;
  target: Target;
  measure: Measure;
}

export const KIT_INDICATORS: readonly KitIndicator[] = [
  {
    slug: 'chiamate-risposte',
    target: newTarget({ text: '90%', comparator: '>=', value: 90, unit: 'percent' }),
    measure: { kind: 'ratio', total: { kind: 'call.received' }, good: [{ attribute: 'answered', op: '=', value: true }] },
  },
  {
    slug: 'interventi',
    target: newTarget({ text: '80%', comparator: '>=', value: 80, unit: 'percent' }),
    measure: { kind: 'register', register: 'interventi', good: [{ attribute: 'status', op: '=', value: 'done' }] },
  },
  {
    slug: 'portale',
    target: newTarget({ text: '95%', comparator: '>=', value: 95, unit: 'percent' }),
    measure: { kind: 'availability-days', checks: { kind: 'check.http', source: 'probe' }, dayIsAvailableWhen: { successShareAtLeast: 90 }, daysWithoutData: 'excluded' },
  },
  {
    slug: 'tempi-risposta',
    target: newTarget({ text: '5 giorni lavorativi', comparator: '<=', value: 5, unit: 'working-days', period: null }),
    measure: { kind: 'duration', start: { kind: 'request.opened' }, end: { kind: 'request.closed' }, unit: 'working-days', statistic: 'max' },
  },
  {
    slug: 'disservizi',
    target: newTarget({ text: '3 giorni', comparator: '<=', value: 3, unit: 'days' }),
    measure: { kind: 'count', select: { kind: 'disruption' }, count: 'days' },
  },
  {
    slug: 'operatori',
    target: newTarget({ text: '16', comparator: '>=', value: 16, unit: 'count' }),
    measure: { kind: 'snapshot', select: { kind: 'staff.recorded' } },
  },
  {
    slug: 'pagine-aggiornate',
    target: newTarget({ text: '90%', comparator: '>=', value: 90, unit: 'percent' }),
    measure: { kind: 'freshness', observations: { kind: 'page.observed' }, maxAge: { value: 30, unit: 'days' } },
  },
];

/** A card of `year` whose indicators are the kit's (with a slug prefix per card when several are stored). */
export function kitCard(year: number | null = 2026, indicators: readonly KitIndicator[] = KIT_INDICATORS): StandardCard {
  const list: Indicator[] = indicators.map((kit, index) => newIndicator({ position: index + 1, slug: kit.slug, target: kit.target }));
  return newCard({ year, indicators: list }).card;
}

/** Imports the kit card and applies the kit measures; returns the service slug. */
export async function storeKit(database: Database, indicators: readonly KitIndicator[] = KIT_INDICATORS): Promise<string> {
  const card = kitCard(2026, indicators);
  await importCards({ database, now: () => T0 }, [{ organisation: null, card, doubts: [] }], PUBLISH_NOW);
  await applyMeasures(
    { database, now: () => T0 },
    { measures: indicators.map((kit) => ({ service: card.service.slug, edition: '2026', indicator: kit.slug, measure: kit.measure })) },
  );
  return card.service.slug;
}

/** An event row as a reader yields it. */
export function row(
  line: number,
  fields: { id: string; kind: string; at: string; subject?: string | null; source?: string; attributes?: Record<string, AttributeValue> },
  file = 'events.ndjson',
): EventRow {
  const event: MeasureEvent = {
    id: fields.id,
    source: fields.source ?? 'feed',
    kind: fields.kind,
    subject: fields.subject ?? null,
    occurredAt: new Date(fields.at),
    attributes: fields.attributes ?? {},
  };
  return { line, file, event };
}

/** Rows numbered from 1. */
export function rows(...fields: Parameters<typeof row>[1][]): EventRow[] {
  return fields.map((f, index) => row(index + 1, f));
}
