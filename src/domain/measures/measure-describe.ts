import type { Comparator, TargetUnit } from '../cards/target.ts';
import type { AttributeValue } from '../events/event.ts';
import type { Condition, DurationLimit, DurationMeasure, EventSelector, Measure } from './measure.ts';

export type DescribeLocale = 'it' | 'en';

/**
 * "How we measure it" in plain words, generated from the measure. In Italian the author's own `description` wins
 * when set (it is written for the Italian public page); English is always generated, so it never shows Italian text.
 */
export function describeMeasure(measure: Measure, locale: DescribeLocale): string {
  if (locale === 'it' && measure.description !== undefined) return measure.description;
  const body = locale === 'it' ? italianBody(measure) : englishBody(measure);
  return `${body}${interpretationOf(measure, locale)}`;
}

function italianBody(measure: Measure): string {
  const it: DescribeLocale = 'it';
  switch (measure.kind) {
    case 'ratio': {
      const events = `gli eventi ${selectorText(measure.total, it)}`;
      const clauses = conditionsText(measure.good, it);
      if (measure.waitAttribute !== undefined && measure.waitLimit !== undefined) {
        clauses.push(`l'attesa (${quote(measure.waitAttribute, it)}, in secondi) è entro ${limitText(measure.waitLimit, it)}`);
      }
      const good = clauses.length === 0 ? '' : ` in cui ${clauses.join(' e ')}`;
      const hours = measure.withinServiceHoursOf === undefined ? '' : `, contando solo quelli nell'orario di servizio del canale ${quote(measure.withinServiceHoursOf, it)}`;
      return `Eventi ${selectorText(measure.total, it)}${good}, diviso tutti ${events}${hours}.`;
    }
    case 'register': {
      const good = joinOr(conditionsText(measure.good, it), ' e ', 'qualsiasi');
      const total = measure.total === undefined || measure.total.length === 0 ? '' : ` in cui ${conditionsText(measure.total, it).join(' e ')}`;
      return `Voci del registro ${quote(measure.register, it)} in cui ${good}, diviso tutte le voci del registro${total}; di ogni voce conta l'ultima versione.`;
    }
    case 'availability-days': {
      const checks = `i controlli ${selectorText(measure.checks, it)}`;
      const rule = measure.dayIsAvailableWhen;
      const day =
        'successShareAtLeast' in rule
          ? `Giorni in cui è riuscito almeno il ${formatNumber(rule.successShareAtLeast, it)}% dei controlli ${selectorText(measure.checks, it)}`
          : `Giorni in cui nessuna interruzione rilevata dai controlli ${selectorText(measure.checks, it)} è durata più di ${limitText(rule.longestOutageAtMost, it)}`;
      const hours =
        measure.withinServiceHoursOf === undefined
          ? ''
          : `, contando solo ${checks} nell'orario di servizio del canale ${quote(measure.withinServiceHoursOf, it)} e solo i giorni in cui il servizio è aperto`;
      const missing = measure.daysWithoutData === 'unavailable' ? 'Un giorno senza controlli conta come non disponibile.' : 'Un giorno senza controlli non viene contato.';
      return `${day}, diviso i giorni dell'anno solare${hours}. ${missing}`;
    }
    case 'duration': {
      const span = `dall'evento ${selectorText(measure.start, it)} all'evento ${selectorText(measure.end, it)} dello stesso caso, contato ${durationUnitText(measure, it)}`;
      if (measure.statistic === 'share-within') {
        return `Casi conclusi entro ${limitText(measure.within ?? { value: 0, unit: measure.unit }, it)}, diviso tutti i casi conclusi; il tempo va ${span}.`;
      }
      const what = measure.statistic === 'max' ? 'Tempo più lungo impiegato da un caso concluso' : 'Tempo medio impiegato dai casi conclusi';
      return `${what}; il tempo va ${span}.`;
    }
    case 'count': {
      if (measure.count === 'events') return `Numero di eventi ${selectorText(measure.select, it)} nel periodo.`;
      const days = measure.count === 'days' ? 'giorni' : 'giorni lavorativi';
      return `Numero di ${days} con almeno un evento ${selectorText(measure.select, it)} nel periodo.`;
    }
    case 'snapshot':
      return `Ultimo valore (${quote(measure.valueAttribute ?? 'value', it)}) registrato con gli eventi ${selectorText(measure.select, it)} nel periodo, con chi lo ha registrato e la prova.`;
    case 'freshness':
      return `Elementi osservati aggiornati da non più di ${limitText(measure.maxAge, it)}, diviso tutti gli elementi osservati; ogni giorno conta l'ultima osservazione ${selectorText(measure.observations, it)} di ciascun elemento.`;
  }
}

function englishBody(measure: Measure): string {
  const en: DescribeLocale = 'en';
  switch (measure.kind) {
    case 'ratio': {
      const clauses = conditionsText(measure.good, en);
      if (measure.waitAttribute !== undefined && measure.waitLimit !== undefined) {
        clauses.push(`the wait (${quote(measure.waitAttribute, en)}, in seconds) is within ${limitText(measure.waitLimit, en)}`);
      }
      const good = clauses.length === 0 ? '' : ` where ${clauses.join(' and ')}`;
      const hours = measure.withinServiceHoursOf === undefined ? '' : `, counting only those within the service hours of channel ${quote(measure.withinServiceHoursOf, en)}`;
      return `Events ${selectorText(measure.total, en)}${good}, divided by all events ${selectorText(measure.total, en)}${hours}.`;
    }
    case 'register': {
      const good = joinOr(conditionsText(measure.good, en), ' and ', 'any');
      const total = measure.total === undefined || measure.total.length === 0 ? '' : ` where ${conditionsText(measure.total, en).join(' and ')}`;
      return `Entries of the register ${quote(measure.register, en)} where ${good}, divided by all its entries${total}; each entry counts in its latest version.`;
    }
    case 'availability-days': {
      const rule = measure.dayIsAvailableWhen;
      const day =
        'successShareAtLeast' in rule
          ? `Days on which at least ${formatNumber(rule.successShareAtLeast, en)}% of the ${selectorText(measure.checks, en)} checks succeeded`
          : `Days on which no outage seen by the ${selectorText(measure.checks, en)} checks lasted more than ${limitText(rule.longestOutageAtMost, en)}`;
      const hours =
        measure.withinServiceHoursOf === undefined
          ? ''
          : `, counting only checks within the service hours of channel ${quote(measure.withinServiceHoursOf, en)} and only the days the service is open`;
      const missing = measure.daysWithoutData === 'unavailable' ? 'A day without checks counts as unavailable.' : 'A day without checks is left out.';
      return `${day}, divided by the days of the calendar year${hours}. ${missing}`;
    }
    case 'duration': {
      const span = `from the ${selectorText(measure.start, en)} event to the ${selectorText(measure.end, en)} event of the same case, counted ${durationUnitText(measure, en)}`;
      if (measure.statistic === 'share-within') {
        return `Cases completed within ${limitText(measure.within ?? { value: 0, unit: measure.unit }, en)}, divided by all cases completed; the time runs ${span}.`;
      }
      const what = measure.statistic === 'max' ? 'The longest time taken by a completed case' : 'The average time taken by completed cases';
      return `${what}; the time runs ${span}.`;
    }
    case 'count': {
      if (measure.count === 'events') return `Number of ${selectorText(measure.select, en)} events in the period.`;
      const days = measure.count === 'days' ? 'days' : 'working days';
      return `Number of ${days} with at least one ${selectorText(measure.select, en)} event in the period.`;
    }
    case 'snapshot':
      return `The latest value (${quote(measure.valueAttribute ?? 'value', en)}) recorded with ${selectorText(measure.select, en)} events in the period, with who recorded it and the evidence.`;
    case 'freshness':
      return `Observed items updated no more than ${limitText(measure.maxAge, en)} before, divided by all observed items; each day the latest ${selectorText(measure.observations, en)} observation of each item counts.`;
  }
}

function interpretationOf(measure: Measure, locale: DescribeLocale): string {
  const interpretation = measure.interpretation;
  if (interpretation === undefined) return '';
  const amount = `${comparatorSymbol(interpretation.comparator)} ${targetAmount(interpretation.value, interpretation.unit, locale)}`;
  return locale === 'it'
    ? ` Il valore programmato qualitativo è letto come ${amount}: ${interpretation.text}.`
    : ` The qualitative target is read as ${amount} (${quote(interpretation.text, locale)}).`;
}

function selectorText(selector: EventSelector, locale: DescribeLocale): string {
  const kinds = (typeof selector.kind === 'string' ? [selector.kind] : selector.kind).map((kind) => quote(kind, locale));
  let text = kinds.join(locale === 'it' ? ' o ' : ' or ');
  if (selector.source !== undefined) text += locale === 'it' ? ` inviati da ${quote(selector.source, locale)}` : ` from ${quote(selector.source, locale)}`;
  const where = conditionsText(selector.where ?? [], locale);
  if (where.length > 0) text += locale === 'it' ? ` (con ${where.join(' e ')})` : ` (with ${where.join(' and ')})`;
  return text;
}

function conditionsText(conditions: readonly Condition[], locale: DescribeLocale): string[] {
  return conditions.map((condition) => conditionText(condition, locale));
}

function conditionText(condition: Condition, locale: DescribeLocale): string {
  const name = quote(condition.attribute, locale);
  const it = locale === 'it';
  const value = (v: Condition['value']): string => (Array.isArray(v) ? v.map((item) => valueText(item, locale)).join(', ') : valueText(v ?? null, locale));
  switch (condition.op) {
    case 'exists':
      if (condition.value === false) return it ? `${name} è assente` : `${name} is absent`;
      return it ? `${name} è presente` : `${name} is present`;
    case '=':
      return it ? `${name} è ${value(condition.value)}` : `${name} is ${value(condition.value)}`;
    case '!=':
      return it ? `${name} non è ${value(condition.value)}` : `${name} is not ${value(condition.value)}`;
    case '<':
      return it ? `${name} è minore di ${value(condition.value)}` : `${name} is less than ${value(condition.value)}`;
    case '<=':
      return it ? `${name} è al massimo ${value(condition.value)}` : `${name} is at most ${value(condition.value)}`;
    case '>':
      return it ? `${name} è maggiore di ${value(condition.value)}` : `${name} is more than ${value(condition.value)}`;
    case '>=':
      return it ? `${name} è almeno ${value(condition.value)}` : `${name} is at least ${value(condition.value)}`;
    case 'in':
      return it ? `${name} è uno tra ${value(condition.value)}` : `${name} is one of ${value(condition.value)}`;
  }
}

function valueText(value: AttributeValue, locale: DescribeLocale): string {
  if (typeof value === 'boolean') return locale === 'it' ? (value ? 'sì' : 'no') : value ? 'yes' : 'no';
  if (typeof value === 'number') return formatNumber(value, locale);
  if (value === null) return locale === 'it' ? 'vuoto' : 'empty';
  return `"${value}"`;
}

const LIMIT_UNITS: Record<DescribeLocale, Record<DurationLimit['unit'], [string, string]>> = {
  it: {
    seconds: ['secondo', 'secondi'],
    minutes: ['minuto', 'minuti'],
    hours: ['ora', 'ore'],
    days: ['giorno', 'giorni'],
    'working-days': ['giorno lavorativo', 'giorni lavorativi'],
    'service-minutes': ['minuto di servizio', 'minuti di servizio'],
    'service-hours': ['ora di servizio', 'ore di servizio'],
  },
  en: {
    seconds: ['second', 'seconds'],
    minutes: ['minute', 'minutes'],
    hours: ['hour', 'hours'],
    days: ['day', 'days'],
    'working-days': ['working day', 'working days'],
    'service-minutes': ['service minute', 'service minutes'],
    'service-hours': ['service hour', 'service hours'],
  },
};

function limitText(limit: DurationLimit, locale: DescribeLocale): string {
  const [one, many] = LIMIT_UNITS[locale][limit.unit];
  return `${formatNumber(limit.value, locale)} ${limit.value === 1 ? one : many}`;
}

function durationUnitText(measure: DurationMeasure, locale: DescribeLocale): string {
  const it = locale === 'it';
  const channel = quote(measure.serviceHoursOf ?? '', locale);
  switch (measure.unit) {
    case 'days':
      return it ? 'in giorni di calendario (il giorno di partenza non si conta)' : 'in calendar days (the starting day is not counted)';
    case 'working-days':
      return it ? 'in giorni lavorativi (esclusi i giorni non lavorativi e le festività; il giorno di partenza non si conta)' : 'in working days (days off and public holidays excluded; the starting day is not counted)';
    case 'hours':
      return it ? 'in ore' : 'in hours';
    case 'minutes':
      return it ? 'in minuti' : 'in minutes';
    case 'service-hours':
      return it ? `in ore dell'orario di servizio del canale ${channel}` : `in hours within the service hours of channel ${channel}`;
    case 'service-minutes':
      return it ? `in minuti dell'orario di servizio del canale ${channel}` : `in minutes within the service hours of channel ${channel}`;
  }
}

function targetAmount(value: number, unit: TargetUnit, locale: DescribeLocale): string {
  if (unit === 'percent') return `${formatNumber(value, locale)}%`;
  if (unit === 'count') return formatNumber(value, locale);
  return limitText({ value, unit }, locale);
}

function comparatorSymbol(comparator: Comparator): string {
  return comparator === '>=' ? '≥' : comparator === '<=' ? '≤' : '=';
}

function quote(text: string, locale: DescribeLocale): string {
  return locale === 'it' ? `«${text}»` : `"${text}"`;
}

function joinOr(parts: string[], separator: string, empty: string): string {
  return parts.length === 0 ? empty : parts.join(separator);
}

/** At most two decimals; Italian writes the decimal comma (99,5). */
function formatNumber(value: number, locale: DescribeLocale): string {
  const text = String(Math.round(value * 100) / 100);
  return locale === 'it' ? text.replace('.', ',') : text;
}
