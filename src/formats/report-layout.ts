import type { IndicatorReport } from '../domain/evaluation/indicator-report.ts';
import { STATUS_WORDS_IT, UNIT_WORDS_IT } from '../domain/evaluation/status-words.ts';
import type { TargetUnit } from '../domain/cards/target.ts';
import { stampOf, type DocumentStamp } from './card-layout.ts';

// The yearly results report as a document: for each service, each indicator of its card in force, what was promised
// (valore programmato) against what was measured, the status in words, the numerator and denominator and how it is
// measured. Diffide received are not modelled yet, so the report has no column for them.

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
] as const;

export interface ReportLayout {
  titles: string[];
  columns: readonly string[];
  /** One row per indicator, cells as in `columns`; services in the order of the report. */
  rows: string[][];
  notes: string[];
  stamp: DocumentStamp;
}

export const REPORT_HASH_COVERS = "i risultati da cui è generato: per ogni indicatore il servizio, l'edizione, la valutazione dell'anno e come si misura (JSON, SHA-256)";

/** The report of `year` as a document's layout, stamped at `now`. */
export function layoutReport(reports: readonly IndicatorReport[], year: number, now: Date, organisation: string | null = null): ReportLayout {
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
    ];
  });
  const notes = [
    ...(reports.some((r) => r.indicator.additional) ? ['(*) Dimensione aggiuntiva (delibera CIVIT 3/2012).'] : []),
    'Numeratore e denominatore: per le percentuali, i casi (o i giorni) conformi e il totale; per le altre misure, la statistica e il numero di casi da cui è calcolata.',
    ...(reports.length === 0 ? [`Nessuna carta in vigore nel ${year}.`] : []),
  ];
  const data = reports.map((r) => ({ service: r.service, card: r.card, indicator: r.indicator, year: r.year, measure: r.measureDescription, fault: r.fault ?? null }));
  return { titles, columns: REPORT_COLUMNS, rows, notes, stamp: stampOf({ year, data }, now, REPORT_HASH_COVERS) };
}

function numberText(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('it-IT', { maximumFractionDigits: 2 });
}

function valueText(value: number | null, unit: TargetUnit | null): string {
  if (value === null) return '—';
  const words = unit === null ? '' : UNIT_WORDS_IT[unit];
  return unit === 'percent' ? `${numberText(value)}%` : `${numberText(value)}${words === '' ? '' : ` ${words}`}`;
}
