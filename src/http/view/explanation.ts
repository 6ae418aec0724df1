import type { IndicatorEvaluation } from '../../domain/evaluation/evaluation.ts';
import type { Locale } from '../i18n/locale.ts';
import { messagesOf } from '../i18n/locale.ts';
import { formatDate, formatNumber, formatTarget, formatValue } from './format.ts';

/**
 * An evaluation's explanation in the page's language, worded from its `reason` (data the engine gives) by the locale
 * files; the engine's English sentence only for results made before reasons existed.
 */
export function explainEvaluation(locale: Locale, evaluation: IndicatorEvaluation): string {
  const reason = evaluation.reason;
  if (reason === undefined) return evaluation.explanation;
  const m = messagesOf(locale).explanation;
  switch (reason.code) {
    case 'not-started':
    case 'never-measured':
    case 'no-observations':
    case 'no-measure':
    case 'misfit':
    case 'fault':
      return m[reason.code];
    case 'before-measured-from':
      return m['before-measured-from'](formatDate(locale, reason.measuredFrom));
    case 'judged':
      break;
  }
  const value = formatValue(locale, evaluation.value, evaluation.unit);
  const n = formatNumber(locale, evaluation.numerator ?? 0);
  const d = formatNumber(locale, evaluation.denominator ?? 0);
  let said: string;
  if (reason.names !== undefined) {
    said = `${m.named(n, reason.names.counted[locale], d, reason.names.total[locale])} (${value})`;
  } else {
    switch (reason.noun) {
      case 'longest-item':
      case 'average-item':
        said = m.nouns[reason.noun](value, d);
        break;
      case 'counted-days':
      case 'counted-working-days':
      case 'latest-value':
        said = m.nouns[reason.noun](value);
        break;
      case 'counted-events':
        said = m.nouns[reason.noun](formatNumber(locale, evaluation.value ?? 0));
        break;
      case 'available-days':
      case 'events-counted':
      case 'events-met':
      case 'items-within-limit':
      case 'observations-up-to-date':
      case 'register-entries':
        said = `${m.nouns[reason.noun](n, d)} (${value})`;
    }
  }
  const share = evaluation.shareOfTarget === undefined ? '' : m.share(formatValue(locale, evaluation.shareOfTarget, evaluation.unit));
  const against = `${m.against(formatTarget(locale, evaluation.target))}${share}`;
  let why: string;
  switch (reason.why) {
    case 'over':
      why = evaluation.status === 'met' ? m.why.met : m.why.missed;
      break;
    case 'forecast-fails':
      why = m.why['forecast-fails'](formatValue(locale, evaluation.forecast, evaluation.unit));
      break;
    case 'budget-low':
    case 'can-recover':
    case 'cannot-recover':
    case 'on-track':
      why = m.why[reason.why];
  }
  const sentence = `${said}, ${against}: ${why}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
