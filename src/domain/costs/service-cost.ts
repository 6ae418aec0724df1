// Art. 32 c.2 lett. a d.lgs. 33/2013: for each service delivered to end users, the administration publishes the costs
// accounted for, the costs actually incurred and those imputed to staff, and their trend over time. Amounts are kept in
// euro cents (integers), so sums and the open dataset stay exact in both databases.

import { parseEuroAmount, type ParsedAmount } from '../shared/euro-amount.ts';

/** One service's accounted costs for one year. The total is `actualCents + staffCents`. */
export interface ServiceCost {
  year: number;
  /** Costs actually incurred for the service, other than staff (goods, services, depreciation…), in euro cents. */
  actualCents: number;
  /** Staff costs imputed to the service, in euro cents. */
  staffCents: number;
  /** How many units were delivered (practices, calls…), when the office gives it: then a cost per unit is shown. */
  volume: number | null;
  note: string | null;
  /** Where the figures come from ("controllo di gestione", "rendiconto 2025"). */
  source: string | null;
}

/** The fields a year's costs are typed in, in form order; the CLI and the CSV use the same names. */
export const COST_FIELDS = ['service', 'year', 'actual', 'staff', 'volume', 'note', 'source'] as const;
export type CostField = (typeof COST_FIELDS)[number];

/** A year's costs as typed (form, CSV row, CLI options), every field as text ('' when absent). */
export type CostInput = Record<CostField, string>;

/** 'unknown-service' is found by the action, which knows the stored services; the others by parseServiceCost. */
export type CostProblem = 'required' | 'unknown-service' | 'year' | 'amount' | 'negative' | 'too-large' | 'volume' | 'too-long' | 'control-characters';

/** What is wrong with one field: the problem (pages word it in their language) and an English message for the CLI. */
export interface CostFieldError {
  field: CostField;
  problem: CostProblem;
  message: string;
}

/** A year's costs checked, with the service slug they belong to. */
export interface ParsedServiceCost extends ServiceCost {
  service: string;
}

/** The first year misura's calendar knows; accounted costs before it are not worth publishing now. */
export const FIRST_COST_YEAR = 2001;
/** Ten billion euro: above any service's yearly cost, and exact in a double and in a 64-bit column. */
export const MAX_COST_CENTS = 1_000_000_000_000;
const MAX_VOLUME = 1_000_000_000;
const MAX_LENGTH: Partial<Record<CostField, number>> = { service: 200, note: 2000, source: 300 };

/**
 * Checks a year's costs as typed; every field's problem at once, so a form can show each beside its field. The year
 * must be from FIRST_COST_YEAR to `currentYear` (costs are accounted after they are incurred); actual and staff costs
 * are required and never negative (write 0 for none); volume, note and source are optional.
 */
export function parseServiceCost(input: CostInput, currentYear: number): { cost: ParsedServiceCost; errors: [] } | { cost: null; errors: CostFieldError[] } {
  const errors: CostFieldError[] = [];
  const fail = (field: CostField, problem: CostProblem, message: string): null => {
    errors.push({ field, problem, message: `field "${field}": ${message}` });
    return null;
  };
  const text = (field: CostField, oneLine: boolean): string | null => {
    const value = input[field].trim().replace(/\r\n?/g, '\n');
    if (value === '') return null;
    const max = MAX_LENGTH[field] ?? 100;
    if (value.length > max) return fail(field, 'too-long', `is ${value.length} characters long; at most ${max} are allowed`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return fail(field, 'control-characters', 'contains control characters');
    return oneLine ? value.replace(/\s+/g, ' ') : value;
  };

  const service = text('service', true);
  if (service === null && !errors.some((e) => e.field === 'service')) fail('service', 'required', 'name the service (its code, e.g. "anagrafe")');

  const yearText = text('year', true);
  let year: number | null = null;
  if (yearText === null) fail('year', 'required', 'give the year the costs were accounted for, e.g. 2025');
  else if (!/^\d{4}$/.test(yearText) || Number(yearText) < FIRST_COST_YEAR || Number(yearText) > currentYear) {
    fail('year', 'year', `"${yearText}" is not a year from ${FIRST_COST_YEAR} to ${currentYear}`);
  } else year = Number(yearText);

  const amount = (field: 'actual' | 'staff'): number | null => {
    const value = text(field, true);
    if (value === null) return errors.some((e) => e.field === field) ? null : fail(field, 'required', 'give an amount in euro (0 when there is none)');
    const parsed = parseCostAmount(value);
    if (parsed.kind === 'cents') return parsed.cents;
    if (parsed.kind === 'negative') return fail(field, 'negative', `"${value}" is negative; costs are never below 0`);
    if (parsed.kind === 'too-large') return fail(field, 'too-large', `"${value}" is above ${MAX_COST_CENTS / 100} euro`);
    return fail(field, 'amount', `"${value}" is not an amount in euro such as 1.250.000,50 or € 12.345`);
  };
  const actualCents = amount('actual');
  const staffCents = amount('staff');

  const volumeText = text('volume', true);
  let volume: number | null = null;
  if (volumeText !== null) {
    const digits = volumeText.replace(/[.\s\u00a0\u202f]/g, '');
    if (!/^\d+$/.test(digits) || Number(digits) < 1 || Number(digits) > MAX_VOLUME) fail('volume', 'volume', `"${volumeText}" is not a whole number of units from 1 to ${MAX_VOLUME}`);
    else volume = Number(digits);
  }
  const note = text('note', false);
  const source = text('source', true);

  if (errors.length > 0 || service === null || year === null || actualCents === null || staffCents === null) return { cost: null, errors };
  return { cost: { service, year, actualCents, staffCents, volume, note, source }, errors: [] };
}

export type { ParsedAmount };

/** An amount of costs as written, in cents (see parseEuroAmount), up to MAX_COST_CENTS. */
export function parseCostAmount(text: string): ParsedAmount {
  return parseEuroAmount(text, MAX_COST_CENTS);
}

/** The form's text of stored costs: what the back office fills its fields with when correcting a year. */
export function costInputOf(service: string, cost: ServiceCost): CostInput {
  return {
    service,
    year: String(cost.year),
    actual: formatCentsPlain(cost.actualCents),
    staff: formatCentsPlain(cost.staffCents),
    volume: cost.volume === null ? '' : String(cost.volume),
    note: cost.note ?? '',
    source: cost.source ?? '',
  };
}

/** Cents as an amount the parser reads back, Italian style without grouping: "1250000,50", "0". */
export function formatCentsPlain(cents: number): string {
  const euros = Math.trunc(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

/** One year of a service's series: the stored costs, their total and what follows from them. */
export interface CostYear extends ServiceCost {
  totalCents: number;
  /** Total / volume, rounded to the cent; null without a volume. */
  costPerUnitCents: number | null;
  /** The total's change from the previous year of the series, as a fraction (0.05: +5%); null for the first year or after a zero. */
  changeFromPrevious: number | null;
}

/** A service's costs over the years, oldest first (the order a trend is read in). */
export interface CostSeries {
  service: string;
  years: CostYear[];
}

/** Each service's costs as a multi-year series: services in the order given, years ascending. */
export function buildCostSeries(costs: readonly { service: string; cost: ServiceCost }[]): CostSeries[] {
  const byService = new Map<string, ServiceCost[]>();
  for (const { service, cost } of costs) byService.set(service, [...(byService.get(service) ?? []), cost]);
  return [...byService].map(([service, list]) => {
    const sorted = [...list].sort((a, b) => a.year - b.year);
    const years: CostYear[] = [];
    for (const cost of sorted) {
      const totalCents = cost.actualCents + cost.staffCents;
      const previous = years[years.length - 1];
      years.push({
        ...cost,
        totalCents,
        costPerUnitCents: cost.volume === null ? null : Math.round(totalCents / cost.volume),
        changeFromPrevious: previous === undefined || previous.totalCents === 0 ? null : (totalCents - previous.totalCents) / previous.totalCents,
      });
    }
    return { service, years };
  });
}
