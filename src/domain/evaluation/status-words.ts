import type { EvaluationStatus } from './evaluation.ts';
import type { TargetUnit } from '../cards/target.ts';

// The Italian words of statuses and units, for documents made outside the site (the site has its own locale files,
// src/http/i18n, which formats may not import).

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
