import type { Comparator, Target, TargetUnit } from './target.ts';

/** What a target is read against: the indicator's own words decide the comparator. */
export interface IndicatorMeaning {
  dimension: string;
  subdimension: string | null;
  description: string | null;
  formula: string | null;
}

/** Lower case, accents and markup off, apostrophes and spaces unified: the form every wording rule reads. */
export function foldText(text: string): string {
  return cleanText(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Removes what HTML or markdown left in a cell, keeping the words and symbols. */
function cleanText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&ge;/gi, '≥')
    .replace(/&le;/gi, '≤')
    .replace(/&gt;/gi, '>')
    .replace(/&lt;/gi, '<')
    .replace(/&amp;/gi, '&')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/\*\*|__/g, '')
    .replace(/\\([*_%])/g, '$1')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A target written in words only ("tempo reale"): it says what is meant but gives no number to check. */
export function isQualitativeTarget(text: string): boolean {
  const cleaned = cleanText(text);
  return cleaned !== '' && !/\d/.test(cleaned);
}

// A "/" between two counted things; "giorni/anno" is a rate, "e/o" a conjunction, "24/7" a number.
const RATE_DENOMINATOR = /^(anno|mese|giorno|settimana|ora|trimestre|semestre)\b/;

/** The formula is a share: "Numero … / Numero …", "Rapporto tra …", "Percentuale di …". */
export function isRatioFormula(formula: string | null): boolean {
  if (formula === null) return false;
  const folded = foldText(formula);
  if (/\b(rapporto|percentuale|quota)\b/.test(folded)) return true;
  for (let at = folded.indexOf('/'); at !== -1; at = folded.indexOf('/', at + 1)) {
    const left = folded.slice(0, at).trimEnd();
    const right = folded.slice(at + 1).trimStart();
    if (!/[a-z.)]$/.test(left) || !/^[a-z]/.test(right)) continue;
    if (RATE_DENOMINATOR.test(right)) continue;
    if (/\be$/.test(left) && /^o\b/.test(right)) continue;
    return true;
  }
  return false;
}

/** The formula measures a time (a number of days, hours, a "Tempo …"), not a share. */
export function isDurationFormula(formula: string | null): boolean {
  if (formula === null || isRatioFormula(formula)) return false;
  const folded = foldText(formula);
  return (
    /^(numero|n\.|n°|num\.?)\s*(massimo|minimo|medio)?\s*(di|dei|delle)?\s*(giorni|giornate|ore|minuti)\b/.test(folded) ||
    /\b(tempo|tempi|durata)\b/.test(folded) ||
    /\b(giorni|ore|minuti) (necessari|occorrenti|intercorrenti)\b/.test(folded)
  );
}

const COST_WORDS = /\b(disagi\w*|interruzion\w*|disservizi\w*|ritard\w*|indisponibilit\w*|fermo|fermi|inattivit\w*|attesa)\b/;

/** The wording asks for a "minimo" of something that is a cost (days of disruption, delay, waiting). */
export function speaksOfMinimumCost(text: string | null): boolean {
  if (text === null) return false;
  const folded = foldText(text);
  return /\bminim[oaie]\b/.test(folded) && COST_WORDS.test(folded);
}

interface Operator {
  comparator: Comparator;
  phrases: string[];
  gloss: string;
}

const OPERATORS: Operator[] = [
  { comparator: '>=', phrases: ['>=', '=>', '≥', '⩾'], gloss: 'a minimum to reach' },
  { comparator: '<=', phrases: ['<=', '=<', '≤', '⩽'], gloss: 'a maximum not to exceed' },
  {
    comparator: '>=',
    phrases: ['almeno', 'non meno', 'non inferiore', 'pari o superiore', 'superiore o uguale', 'maggiore o uguale', 'come minimo', 'minimo', 'min.', 'oltre', 'piu', 'superiore', 'maggiore'],
    gloss: 'a minimum to reach',
  },
  {
    comparator: '<=',
    phrases: ['non oltre', 'non piu', 'non superiore', 'entro', 'max.', 'max', 'al massimo', 'massimo', 'fino', 'inferiore o uguale', 'minore o uguale', 'pari o inferiore', 'meno', 'inferiore', 'minore', 'sotto'],
    gloss: 'a maximum not to exceed',
  },
  { comparator: '=', phrases: ['=', 'pari', 'uguale', 'esattamente'], gloss: 'an exact value' },
  // Strict signs: misura compares inclusively, so "> 95%" is read as "at least 95%" and the reason says so.
  { comparator: '>=', phrases: ['>'], gloss: 'a minimum to reach (a strict "more than" is read inclusively, as "at least")' },
  { comparator: '<=', phrases: ['<'], gloss: 'a maximum not to exceed (a strict "less than" is read inclusively, as "at most")' },
];

const ARTICLES = String.raw`(?:\s*(?:all'|dell'|l'|(?:al|allo|alla|ai|agli|alle|di|del|dello|della|dei|degli|delle|il|lo|la|i|gli|le|a)(?=[\s\d])))*\s*`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Longest phrase first, so "non oltre" wins over "oltre" and ">=" over ">".
const PREFIXES = OPERATORS.flatMap((operator) => operator.phrases.map((phrase) => ({ operator, phrase })))
  .sort((a, b) => b.phrase.length - a.phrase.length)
  .map(({ operator, phrase }) => ({
    operator,
    phrase,
    pattern: new RegExp(String.raw`^${escapeRegExp(phrase)}${/[a-z.]$/.test(phrase) ? String.raw`(?=[\s\d'])` : ''}${ARTICLES}(?=\d)`),
  }));

const SUFFIXES: { pattern: RegExp; comparator: Comparator; gloss: string }[] = [
  { pattern: /\b(al massimo|massimo|max|o meno|o inferiore)\b/, comparator: '<=', gloss: 'a maximum not to exceed' },
  { pattern: /\b(come minimo|minimo|almeno|o piu|o superiore|e oltre)\b/, comparator: '>=', gloss: 'a minimum to reach' },
];

interface UnitReading {
  unit: TargetUnit;
  /** Turns the written number into the unit's number (weeks to days, seconds to minutes). */
  scale: number;
  length: number;
}

const UNITS: { pattern: RegExp; unit: TargetUnit; scale: number }[] = [
  { pattern: /^(%|per ?cento\b|pct\b)/, unit: 'percent', scale: 1 },
  { pattern: /^(giorni|giorno|giornate|giornata|gg)\b\.?\s*(lavorativ[ie]|feriali|utili|lav\.?)(?![a-z])/, unit: 'working-days', scale: 1 },
  { pattern: /^(giorni|giorno|giornate|giornata|gg)\b\.?(\s*(solari|di calendario|naturali))?/, unit: 'days', scale: 1 },
  { pattern: /^(settimane|settimana)\b/, unit: 'days', scale: 7 },
  { pattern: /^(ore|ora|h)\b/, unit: 'hours', scale: 1 },
  { pattern: /^(minuti|minuto|min)\b\.?/, unit: 'minutes', scale: 1 },
  { pattern: /^(secondi|secondo|sec)\b\.?/, unit: 'minutes', scale: 1 / 60 },
];

// Spans misura cannot hold as a fixed duration, and money: read as such they would mislead.
const UNSUPPORTED_UNITS = /^((mesi|mese|anni|anno|euro|eur)\b|€)/;

function readUnit(rest: string): UnitReading | 'unsupported' | null {
  for (const { pattern, unit, scale } of UNITS) {
    const match = pattern.exec(rest);
    if (match) return { unit, scale, length: match[0].length };
  }
  if (UNSUPPORTED_UNITS.test(rest)) return 'unsupported';
  // A bare number, or one followed by what it counts ("10 interventi").
  if (rest === '' || /^[a-z]/.test(rest)) return { unit: 'count', scale: 1, length: 0 };
  return null;
}

function readNumber(digits: string): number | null {
  if (/^\d{1,3}(\.\d{3})+$/.test(digits)) return Number(digits.replace(/\./g, ''));
  if (/^\d+([.,]\d+)?$/.test(digits)) return Number(digits.replace(',', '.'));
  return null;
}

const PERIODS: { pattern: RegExp; period: NonNullable<Target['period']> }[] = [
  { pattern: /\b(anno|annu[oaie]|annual[ei])\b/, period: 'year' },
  { pattern: /\b(trimestre|trimestri|trimestral[ei])\b/, period: 'quarter' },
  { pattern: /\b(mese|mensil[ei])\b/, period: 'month' },
];

function readPeriod(formula: string | null, text: string): Target['period'] {
  const folded = foldText(`${formula ?? ''} ${text}`);
  return PERIODS.find(({ pattern }) => pattern.test(folded))?.period ?? null;
}

const DURATION_UNITS: ReadonlySet<TargetUnit> = new Set(['days', 'working-days', 'hours', 'minutes']);

const COMPLAINT_WORDS = /\b(segnalazion\w*|reclam\w*|non conformit\w*|lamentel\w*|contestazion\w*|ricors\w*|errori|errore|disservizi\w*|disagi\w*|interruzion\w*|ritard\w*|respint\w*)\b/;
const SERVED_WORDS = /\b(evas\w*|fornit\w*|rispost\w*|soddisfatt\w*|pubblicat\w*|aggiornat\w*|inserit\w*|conclus\w*|rilasciat\w*|erogat\w*|gestit\w*|risolt\w*|accolt\w*)\b/;
const AVAILABILITY_WORDS = /\b(accessibilit\w*|disponibilit\w*|raggiungibilit\w*|apertura|operativit\w*|funzionamento)\b/;
const INTERVENTION_WORDS = /\b(interventi|intervento|azioni)\b/;
const MAXIMUM_WORDS = /\b(massim[oaie]|masim[oaie]|max)\b/;
const TIME_NEEDED_WORDS = /\b(necessari[oa]?|occorrent[ei]|intercorrent[ei]|impiegat[oi])\b/;
// "senza reclami" counts the good cases, not the complaints.
const NEGATED = /\b(senza|privi di|prive di|in assenza di|esenti da)\s+\S+(\s+\S+)?/g;

/** The part of a formula that names what is counted: the numerator of a ratio, else the whole formula. */
function numeratorOf(formula: string | null): string {
  if (formula === null) return '';
  const folded = foldText(formula);
  const ratio = isRatioFormula(formula);
  const at = folded.indexOf('/');
  return (ratio && at !== -1 ? folded.slice(0, at) : folded).replace(NEGATED, ' ');
}

interface Inference {
  comparator: Comparator;
  reason: string;
}

function inferForDuration(meaning: IndicatorMeaning): Inference {
  const formula = foldText(meaning.formula ?? '');
  const words = foldText(`${meaning.description ?? ''} ${meaning.formula ?? ''}`);
  if (speaksOfMinimumCost(meaning.formula) || speaksOfMinimumCost(meaning.description)) {
    return {
      comparator: '<=',
      reason:
        'the wording says "minimo", but days of disruption or delay are a cost for users, so lower is better: the value is read as the most that may be reached (a maximum)',
    };
  }
  if (COST_WORDS.test(formula)) {
    return { comparator: '<=', reason: 'the target counts days of disruption or delay, a cost for users: fewer is better, so the value is a maximum' };
  }
  if (MAXIMUM_WORDS.test(words)) {
    return { comparator: '<=', reason: 'the indicator asks for a maximum time ("massimo"): the value is the most that may pass' };
  }
  if (TIME_NEEDED_WORDS.test(words)) {
    return { comparator: '<=', reason: 'the indicator measures the time needed: the shorter the better, so the value is a maximum' };
  }
  if (AVAILABILITY_WORDS.test(numeratorOf(meaning.formula))) {
    return { comparator: '>=', reason: 'the target counts days the service is available: more is better, so the value is a minimum' };
  }
  return { comparator: '<=', reason: 'a time or duration target: the shorter the better, so the value is a maximum' };
}

function inferForShare(meaning: IndicatorMeaning, unit: TargetUnit): Inference {
  const what = unit === 'percent' ? 'a share' : 'a number';
  const counted = numeratorOf(meaning.formula);
  const countedOrDescribed = counted !== '' ? counted : foldText(meaning.description ?? '').replace(NEGATED, ' ');
  if (COMPLAINT_WORDS.test(countedOrDescribed)) {
    return { comparator: '<=', reason: `${what} of complaints, reports (segnalazioni) or failures: lower is better, so the value is a maximum` };
  }
  if (isDurationFormula(meaning.formula)) {
    return { comparator: '<=', reason: 'the formula measures a time: lower is better, so the value is a maximum' };
  }
  if (!isRatioFormula(meaning.formula) && MAXIMUM_WORDS.test(counted)) {
    return { comparator: '<=', reason: 'the formula asks for a maximum ("massimo"): the value is the most that may be reached' };
  }
  if (INTERVENTION_WORDS.test(countedOrDescribed)) {
    return { comparator: '>=', reason: `${what} of planned measures (interventi) actually taken: higher is better, so the value is a minimum` };
  }
  if (SERVED_WORDS.test(countedOrDescribed)) {
    return { comparator: '>=', reason: `${what} of requests served or answered, or of contents published or updated: higher is better, so the value is a minimum` };
  }
  if (AVAILABILITY_WORDS.test(countedOrDescribed)) {
    return { comparator: '>=', reason: `${what} of days the service is available: higher is better, so the value is a minimum` };
  }
  return { comparator: '>=', reason: `${what} to reach, and nothing in the wording says lower is better: higher is better, so the value is a minimum` };
}

function unreadable(text: string, reason: string): Target {
  return { text, comparator: null, value: null, unit: null, period: null, measurable: false, comparatorReason: reason, comparatorSource: 'inferred' };
}

/** Reads a valore programmato ("95%", "entro 5 giorni lavorativi", "tempo reale") against its indicator's meaning. */
export function parseTarget(text: string, meaning: IndicatorMeaning): Target {
  const cleaned = cleanText(text).normalize('NFC');
  const folded = foldText(cleaned);
  // Quote the operator as the card wrote it when folding kept every character in place.
  const asWritten = (start: number, end: number) => (folded.length === cleaned.length ? cleaned.slice(start, end) : folded.slice(start, end)).trim();
  if (folded === '') return unreadable(text, 'the card states no valore programmato, so there is nothing to compare with');
  if (!/\d/.test(folded)) {
    return unreadable(
      text,
      `"${cleaned}" is a target in words, not a number: it is not measurable until a measure gives it a number, so no comparator applies yet`,
    );
  }
  const notRead = unreadable(text, `"${cleaned}" could not be read as one number with a unit (such as "95%", "5 giorni" or "entro 2 ore"), so no comparator applies`);

  let rest = folded.replace(new RegExp(`^${ARTICLES}`), '');
  let explicit: { comparator: Comparator; phrase: string; gloss: string } | null = null;
  for (const { operator, pattern } of PREFIXES) {
    const match = pattern.exec(rest);
    if (match) {
      const start = folded.length - rest.length;
      explicit = { comparator: operator.comparator, phrase: asWritten(start, start + match[0].length), gloss: operator.gloss };
      rest = rest.slice(match[0].length);
      break;
    }
  }
  const digits = /^\d+(?:[.,]\d+)*/.exec(rest);
  if (!digits) return notRead;
  const number = readNumber(digits[0]);
  if (number === null) return notRead;
  rest = rest.slice(digits[0].length).trimStart();
  const reading = readUnit(rest);
  if (reading === 'unsupported') {
    return unreadable(text, `"${cleaned}" uses a unit misura does not measure (months, years or money): state it in days, hours, minutes or percent`);
  }
  if (reading === null) return notRead;
  const trailing = rest.slice(reading.length);
  if (/\d/.test(trailing)) return notRead;
  if (explicit === null) {
    for (const suffix of SUFFIXES) {
      const said = suffix.pattern.exec(trailing);
      if (said === null) continue;
      const start = folded.length - trailing.length + said.index;
      explicit = { comparator: suffix.comparator, phrase: asWritten(start, start + said[0].length), gloss: suffix.gloss };
      break;
    }
  }

  const inference: Inference = explicit
    ? { comparator: explicit.comparator, reason: `the target text says "${explicit.phrase}": the value is ${explicit.gloss}, whatever the wording of the indicator` }
    : DURATION_UNITS.has(reading.unit)
      ? inferForDuration(meaning)
      : inferForShare(meaning, reading.unit);
  return {
    text,
    comparator: inference.comparator,
    value: Math.round(number * reading.scale * 1e6) / 1e6,
    unit: reading.unit,
    period: readPeriod(meaning.formula, text),
    measurable: true,
    comparatorReason: inference.reason,
    comparatorSource: 'inferred',
  };
}

/** The user's word beats the inference; the reason says so. */
export function overrideComparator(target: Target, comparator: Comparator, reason: string): Target {
  const given = reason.trim();
  // The reason is what an auditor reads later: never store an empty one.
  return { ...target, comparator, comparatorReason: given !== '' ? given : `set by hand to "${comparator}" (no reason given)`, comparatorSource: 'override' };
}
