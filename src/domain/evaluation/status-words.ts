import type { EvaluationStatus } from './evaluation.ts';
import type { TargetUnit } from '../cards/target.ts';

// The Italian words of statuses and units: the site's Italian locale (src/http/i18n/it.ts) and the official
// documents (src/formats, which may not import the site) both take them from here.

export const STATUS_WORDS_IT: Record<EvaluationStatus, string> = {
  met: 'rispettato',
  missed: 'non rispettato',
  'at-risk': 'a rischio',
  'below-target': 'sotto il valore programmato (ancora recuperabile)',
  'no-data': 'dati assenti',
};

export const UNIT_WORDS_IT: Record<TargetUnit, string> = {
  percent: '%',
  days: 'giorni',
  'working-days': 'giorni lavorativi',
  hours: 'ore',
  minutes: 'minuti',
  count: '',
};
