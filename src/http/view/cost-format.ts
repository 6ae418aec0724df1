import { intlTagOf, type Locale } from '../i18n/locale.ts';

/** Euro cents as an amount in the locale's style: "1.250.000,50 €" in Italian, "€1,250,000.50" in English. */
export function formatEuroCents(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(intlTagOf(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Euro for a chart's axis, without cents: "1.250.000 €". */
export function formatEuroWhole(locale: Locale, euro: number): string {
  return new Intl.NumberFormat(intlTagOf(locale), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(euro);
}

/** A change as a signed percentage with one decimal ("+12,0%"); "—" when there is none to give. */
export function formatChange(locale: Locale, change: number | null): string {
  if (change === null) return '—';
  return new Intl.NumberFormat(intlTagOf(locale), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change);
}
