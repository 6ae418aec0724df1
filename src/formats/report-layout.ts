import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { STATUS_WORDS_IT, UNIT_WORDS_IT } from '../domain/evaluation/status-words.ts';
import type { TargetUnit } from '../domain/cards/target.ts';
import { stampOf, type DocumentStamp } from './card-layout.ts';

// The yearly results report as a document: for each service, each indicator of its card in force, what was promised
// (valore programmato) against what was measured, the status in words, the numerator and denominator, how it is
// measured, and the diffide received that year about it (d.lgs. 198/2009).

export const REPORT_COLUMNS = [
  'Servizio',
  'Edizione della carta',
  'Dimensione',
  'Indicatore',
  'Valore programmato',
  'Valore misurato',
  'Esito',
  'Numeratore',
  'Denominatore',
  'Come si misura',
  'Dati fino al',
  'Diffide ricevute',
] as const;

/** A diffida received in the report's year: which service and which standard it names (none: the service at large). */
export interface ReportDiffida {
  serviceSlug: string;
  indicatorSlug: string | null;
}

export interface ReportLayout {
  titles: string[];
  columns: readonly string[];
  /** One row per indicator, cells as in `columns`; services in the order of the report. */
  rows: string[][];
  notes: string[];
  stamp: DocumentStamp;
}

export const REPORT_HASH_COVERS = "i risultati da cui è generato: per ogni indicatore il servizio, l'edizione, la valutazione dell'anno e come si misura, e le diffide ricevute (JSON, SHA-256)";

/** The report of `year` as a document's layout, stamped at `now`. */
export function layoutReport(reports: readonly IndicatorReport[], year: number, now: Date, organisation: string | null = null, diffide: readonly ReportDiffida[] = []): ReportLayout {
  const asOf = reports[0]?.year.asOf ?? null;
  const titles = [organisation ?? undefined, 'RISULTATI DEGLI STANDARD DI QUALITÀ DEI SERVIZI', `ANNO ${year}`, asOf === null ? undefined : `Dati fino al ${asOf}`].filter(
    (t): t is string => t !== undefined && t !== '',
  );
  const rows = reports.map((report) => {
    const { year: evaluation } = report;
    return [
      report.service.name,
      report.card.edition === 'undated' ? 'senza anno' : report.card.edition,
      report.indicator.additional ? `${report.indicator.dimension} (*)` : report.indicator.dimension,
      report.indicator.description ?? report.indicator.slug,
      evaluation.target.text,
      report.fault === undefined ? valueText(evaluation.value, evaluation.unit) : '—',
      report.fault === undefined ? STATUS_WORDS_IT[evaluation.status] : 'non calcolabile',
      numberText(evaluation.numerator),
      numberText(evaluation.denominator),
      report.measureDescription.it,
      evaluation.asOf,
      String(diffide.filter((d) => d.serviceSlug === report.service.slug && d.indicatorSlug === report.indicator.slug).length),
    ];
  });
  const notes = [
    ...(reports.some((r) => r.indicator.additional) ? ['(*) Dimensione aggiuntiva (delibera CIVIT 3/2012).'] : []),
    'Numeratore e denominatore: per le percentuali, i casi (o i giorni) conformi e il totale; per le altre misure, la statistica e il numero di casi da cui è calcolata.',
    ...(reports.length === 0 ? [`Nessuna carta in vigore nel ${year}.`] : []),
    ...diffidaNotesOf(reports, year, diffide),
  ];
  const data = reports.map((r) => ({ service: r.service, card: r.card, indicator: r.indicator, year: r.year, measure: r.measureDescription, fault: r.fault ?? null }));
  return { titles, columns: REPORT_COLUMNS, rows, notes, stamp: stampOf({ year, data, diffide }, now, REPORT_HASH_COVERS) };
}

/** How many diffide came that year, and those that name no standard of the table (the service at large), by service. */
function diffidaNotesOf(reports: readonly IndicatorReport[], year: number, diffide: readonly ReportDiffida[]): string[] {
  if (diffide.length === 0) return [`Nessuna diffida ricevuta nel ${year} (d.lgs. 198/2009, art. 3).`];
  const inTable = new Set(reports.map((r) => `${r.service.slug}/${r.indicator.slug}`));
  const names = new Map(reports.map((r) => [r.service.slug, r.service.name]));
  const outside = new Map<string, number>();
  for (const d of diffide) {
    if (d.indicatorSlug !== null && inTable.has(`${d.serviceSlug}/${d.indicatorSlug}`)) continue;
    outside.set(d.serviceSlug, (outside.get(d.serviceSlug) ?? 0) + 1);
  }
  const total = `Diffide ricevute nel ${year}: ${diffide.length} (d.lgs. 198/2009, art. 3); la colonna «Diffide ricevute» conta quelle che indicano lo standard della riga.`;
  if (outside.size === 0) return [total];
  const list = [...outside].map(([slug, count]) => `${names.get(slug) ?? slug} ${count}`).join('; ');
  return [total, `Diffide che non indicano uno standard della tabella: ${list}.`];
}

function numberText(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('it-IT', { maximumFractionDigits: 2 });
}

function valueText(value: number | null, unit: TargetUnit | null): string {
  if (value === null) return '—';
  const words = unit === null ? '' : UNIT_WORDS_IT[unit];
  return unit === 'percent' ? `${numberText(value)}%` : `${numberText(value)}${words === '' ? '' : ` ${words}`}`;
}
