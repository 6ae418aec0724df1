import type { Comparator, Target, TargetUnit } from './target.ts';

/** A number with its unit as a cell states it, without a comparator: a value achieved, a baseline. */
export interface StatedValue {
  /** The part of the cell it was read from, as written. */
  text: string;
  value: number;
  unit: TargetUnit;
}

/** A reading the parser offers but does not adopt: a person confirms it (the importer makes it a doubt). */
export interface TargetSuggestion {
  comparator: Comparator;
  value: number;
  unit: TargetUnit;
  /** The words of the cell the suggestion was read from ("almeno il 90%"). */
  text: string;
  reason: string;
}

/**
 * What parseTarget returns: a Target, plus what the cell said besides it. Both extra fields are set
 * only when present, so a plain cell gives a plain Target.
 */
export interface ParsedTarget extends Target {
  /**
   * A rendicontazione cell ("90% 100%") states the value programmed and, after it, the value achieved;
   * the achieved one is given here so the importer can keep it as that year's result.
   */
  achieved?: StatedValue & { reason: string };
  /** A target written as a sentence keeps its text, unmeasurable; the number it holds is offered here. */
  suggestion?: TargetSuggestion;
}

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
  // A ≥ or ≤ set in the Symbol font comes out of a PDF's text layer as "³" or "£" (its code points
  // 0xB3 and 0xA3 read as Latin-1), or as the private-use U+F0B3 and U+F0A3.
  { comparator: '>=', phrases: ['³', '\uf0b3'], gloss: 'a minimum to reach (it is a "≥" set in the Symbol font, as a PDF\'s text layer renders it)' },
  { comparator: '<=', phrases: ['£', '\uf0a3'], gloss: 'a maximum not to exceed (it is a "≤" set in the Symbol font, as a PDF\'s text layer renders it)' },
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
  { pattern: /^(giorni|giorno|giornate|giornata|gg)\b\.?\s*\(?\s*(lavorativ[ie]|feriali|utili|lav\.?)(?![a-z])\s*\)?/, unit: 'working-days', scale: 1 },
  { pattern: /^(giorni|giorno|giornate|giornata|gg)\b\.?(\s*(solari|di calendario|naturali))?/, unit: 'days', scale: 1 },
  { pattern: /^(settimane|settimana)\b/, unit: 'days', scale: 7 },
  { pattern: /^(ore|ora|h)\b/, unit: 'hours', scale: 1 },
  { pattern: /^(minuti|minuto|min)\b\.?/, unit: 'minutes', scale: 1 },
  { pattern: /^(secondi|secondo|sec)\b\.?/, unit: 'minutes', scale: 1 / 60 },
  // The same units in English, as universities write their charters in English ("4 hours", "2 working days").
  { pattern: /^(working|business) days?\b/, unit: 'working-days', scale: 1 },
  { pattern: /^days?\b/, unit: 'days', scale: 1 },
  { pattern: /^weeks?\b/, unit: 'days', scale: 7 },
  { pattern: /^(hours?|hrs?)\b\.?/, unit: 'hours', scale: 1 },
  { pattern: /^(minutes?|mins)\b\.?/, unit: 'minutes', scale: 1 },
  { pattern: /^seconds?\b/, unit: 'minutes', scale: 1 / 60 },
];

// Spans misura cannot hold as a fixed duration, and money: read as such they would mislead.
const UNSUPPORTED_UNITS = /^((mesi|mese|anni|anno|euro|eur)\b|€)/;

function readUnit(rest: string): UnitReading | 'unsupported' | null {
  for (const { pattern, unit, scale } of UNITS) {
    const match = pattern.exec(rest);
    if (match) return { unit, scale, length: match[0].length };
  }
  if (UNSUPPORTED_UNITS.test(rest)) return 'unsupported';
  // A bare number, or one followed by what it counts ("10 interventi") or the span it counts in ("30/anno").
  if (rest === '' || /^[a-z]/.test(rest) || /^\/\s*[a-z]/.test(rest)) return { unit: 'count', scale: 1, length: 0 };
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

const COMPLAINT_WORDS = /\b(segnalazion\w*|reclam\w*|complaint\w*|non conformit\w*|lamentel\w*|contestazion\w*|ricors\w*|errori|errore|disservizi\w*|disagi\w*|interruzion\w*|ritard\w*|respint\w*)\b/;
// A file sent back for more documents ("richieste di integrazione") is one the office could not close as it came: fewer is better.
const INCOMPLETE_WORDS = /\b(richiest\w*|domand\w*) di integrazion\w*/;
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
  if (INCOMPLETE_WORDS.test(countedOrDescribed)) {
    return { comparator: '<=', reason: `${what} of files sent back for more documents (richieste di integrazione): lower is better, so the value is a maximum` };
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

/** An operator the cell states in words or signs, quoted as written. */
interface StatedOperator {
  comparator: Comparator;
  phrase: string;
  gloss: string;
}

/** One "operator? number unit" read from a point of the folded text. */
interface ValueReading {
  explicit: StatedOperator | null;
  /** In the unit's own scale (weeks already turned into days). */
  value: number;
  unit: TargetUnit;
  /** Where the reading starts and ends in the folded text. */
  start: number;
  end: number;
}

/** The folded text and a way to quote any span of it as the card wrote it. */
interface CellText {
  cleaned: string;
  folded: string;
  asWritten: (start: number, end: number) => string;
}

function toCellText(text: string): CellText {
  const cleaned = cleanText(text).normalize('NFC');
  const folded = foldText(cleaned);
  // Quote the card's own characters when folding kept every character in place.
  const asWritten = (start: number, end: number) => (folded.length === cleaned.length ? cleaned.slice(start, end) : folded.slice(start, end)).trim();
  return { cleaned, folded, asWritten };
}

/** Reads an optional operator, a number and its unit starting at `from`; words may follow, digits are the caller's business. */
function readValueAt(cell: CellText, from: number): ValueReading | 'unsupported' | null {
  const { folded } = cell;
  const afterArticles = folded.slice(from).replace(new RegExp(`^${ARTICLES}`), '');
  const start = folded.length - afterArticles.length;
  let rest = afterArticles;
  let explicit: StatedOperator | null = null;
  for (const { operator, pattern } of PREFIXES) {
    const match = pattern.exec(rest);
    if (match) {
      explicit = { comparator: operator.comparator, phrase: cell.asWritten(start, start + match[0].length), gloss: operator.gloss };
      rest = rest.slice(match[0].length);
      break;
    }
  }
  const digits = /^\d+(?:[.,]\d+)*/.exec(rest);
  if (!digits) return null;
  const number = readNumber(digits[0]);
  if (number === null) return null;
  rest = rest.slice(digits[0].length).trimStart();
  // A bare number followed by another value ("100 100") counts, like a bare number at the end.
  const unit = /^[\d|;]/.test(rest) ? { unit: 'count' as const, scale: 1, length: 0 } : readUnit(rest);
  if (unit === null || unit === 'unsupported') return unit;
  const end = folded.length - rest.length + unit.length;
  return { explicit, value: Math.round(number * unit.scale * 1e6) / 1e6, unit: unit.unit, start, end };
}

/** A "massimo", "o più"… written after the value, when nothing before it said the comparator. */
function readSuffix(cell: CellText, from: number, to: number): StatedOperator | null {
  const trailing = cell.folded.slice(from, to);
  for (const suffix of SUFFIXES) {
    const said = suffix.pattern.exec(trailing);
    if (said === null) continue;
    const start = from + said.index;
    return { comparator: suffix.comparator, phrase: cell.asWritten(start, start + said[0].length), gloss: suffix.gloss };
  }
  return null;
}

function inferComparator(explicit: StatedOperator | null, unit: TargetUnit, meaning: IndicatorMeaning, value: number): Inference {
  if (explicit) return { comparator: explicit.comparator, reason: `the target text says "${explicit.phrase}": the value is ${explicit.gloss}, whatever the wording of the indicator` };
  const inferred = DURATION_UNITS.has(unit) ? inferForDuration(meaning) : inferForShare(meaning, unit);
  // Every share is at most 100% and at least 0%: such a bound promises nothing, so the wording was read the wrong way
  // (ARPA FVG: "100%" of requests handled in a time "minore o uguale a 20 giorni" is the share within that time).
  if (unit === 'percent' && inferred.comparator === '<=' && value >= 100) {
    return { comparator: '>=', reason: `${value}% as a maximum would promise nothing (no share is above 100%), so it is the share to reach: a minimum` };
  }
  if (unit === 'percent' && inferred.comparator === '>=' && value <= 0) {
    return { comparator: '<=', reason: `${value}% as a minimum would promise nothing (no share is below 0%), so it is the share not to exceed: a maximum` };
  }
  return inferred;
}

const UNIT_TEXT: Record<TargetUnit, string> = { percent: '%', days: ' giorni', 'working-days': ' giorni lavorativi', hours: ' ore', minutes: ' minuti', count: '' };

function describeValue(comparator: Comparator, value: number, unit: TargetUnit): string {
  return `${comparator === '>=' ? '≥' : comparator === '<=' ? '≤' : '='} ${value}${UNIT_TEXT[unit]}`;
}

// Between a value programmed and the value achieved of a rendicontazione cell: spaces, a bar or a semicolon.
const RESULT_SEPARATOR = /^[\s|;]*$/;

/**
 * Reads a valore programmato ("95%", "entro 5 giorni lavorativi", "£30 min", "tempo reale") against its
 * indicator's meaning. A rendicontazione cell ("90% 100%") also gives the value achieved; a sentence
 * holding one value ("erogazione immediata per almeno il 90% delle richieste") stays words, with that
 * value offered as a suggestion.
 */
export function parseTarget(text: string, meaning: IndicatorMeaning): ParsedTarget {
  const cell = toCellText(text);
  const { cleaned, folded } = cell;
  if (folded === '') return unreadable(text, 'the card states no valore programmato, so there is nothing to compare with');
  if (!/\d/.test(folded)) {
    return unreadable(
      text,
      `"${cleaned}" is a target in words, not a number: it is not measurable until a measure gives it a number, so no comparator applies yet`,
    );
  }
  const bracketed = readClosingBracket(cleaned, text, meaning) ?? readTolerance(cleaned, text, meaning);
  if (bracketed !== null) return bracketed;
  const notRead = unreadable(text, `"${cleaned}" could not be read as one number with a unit (such as "95%", "5 giorni" or "entro 2 ore"), so no comparator applies`);

  const reading = readValueAt(cell, 0);
  if (reading === 'unsupported') {
    return unreadable(text, `"${cleaned}" uses a unit misura does not measure (months, years or money): state it in days, hours, minutes or percent`);
  }
  if (reading === null) return readSentence(cell, text, meaning) ?? notRead;

  let achieved: ParsedTarget['achieved'];
  let valueEnd = folded.length;
  const digitAt = folded.slice(reading.end).search(/\d/);
  if (digitAt !== -1) {
    const separator = /^[\s|;]*/.exec(folded.slice(reading.end))?.[0] ?? '';
    const second = readValueAt(cell, reading.end + separator.length);
    const between = second !== null && second !== 'unsupported' ? folded.slice(reading.end, second.start) : '';
    if (
      second === null ||
      second === 'unsupported' ||
      second.explicit !== null ||
      second.unit !== reading.unit ||
      !RESULT_SEPARATOR.test(between) ||
      /\d/.test(folded.slice(second.end))
    ) {
      return notRead;
    }
    valueEnd = second.start;
    const achievedText = cell.asWritten(second.start, second.end);
    achieved = {
      text: achievedText,
      value: second.value,
      unit: second.unit,
      reason: `the cell holds two values of the same unit, as a rendicontazione does: the first, "${cell.asWritten(reading.start, reading.end)}", is read as the valore programmato and the second, "${achievedText}", as the value achieved`,
    };
  }
  const explicit = reading.explicit ?? readSuffix(cell, reading.end, achieved ? valueEnd : folded.length);
  const inference = inferComparator(explicit, reading.unit, meaning, reading.value);
  const target: ParsedTarget = {
    text,
    comparator: inference.comparator,
    value: reading.value,
    unit: reading.unit,
    period: readPeriod(meaning.formula, text),
    measurable: true,
    comparatorReason: inference.reason,
    comparatorSource: 'inferred',
  };
  if (achieved) target.achieved = achieved;
  return target;
}

// A comparison in brackets that closes the cell: "n. campioni effettuati / n. campioni programmati (> 90 %)".
const CLOSING_BRACKET = /\(\s*([^()]*\d[^()]*?)\s*\)\s*$/;

/**
 * A cell whose words say what is counted and whose closing bracket states the comparison ("Rilascio entro 48 ore
 * … ( ≥ 90 % )", ATS Milano): the bracket is the standard. Only a bracket that says its comparator itself counts, so
 * "5 giorni (10 nel 2023)" or "95% (100%)" stay as they read without it.
 */
function readClosingBracket(cleaned: string, text: string, meaning: IndicatorMeaning): ParsedTarget | null {
  const match = CLOSING_BRACKET.exec(cleaned);
  const inner = match?.[1];
  if (match === null || inner === undefined || match.index === 0 || !statesOperator(inner)) return null;
  const standard = parseTarget(inner, meaning);
  if (!standard.measurable || standard.achieved !== undefined) return null;
  return {
    ...standard,
    text,
    period: readPeriod(meaning.formula, text),
    comparatorReason: `the bracket that closes the cell, "(${inner})", states the standard; the words before it say what is counted. ${standard.comparatorReason}`,
  };
}

// A value, perhaps a footnote mark, then a signed amount in brackets: "100%* (-15%)" (ARPA FVG), "5 giorni (± 1)".
const TOLERANCE = /^(.*?\d[^()]*?)\s*(\*{1,3})?\s*\(\s*((?:[-–+±]|\+\/-)\s*\d[^()]*?)\s*\)\s*$/;

/**
 * A standard with a tolerance in brackets ("100%* (-15%)": 100%, with 15 points allowed below it; the asterisk
 * sends to a footnote): the value before the bracket is the standard, the tolerance stays in the text and the reason.
 */
function readTolerance(cleaned: string, text: string, meaning: IndicatorMeaning): ParsedTarget | null {
  const match = TOLERANCE.exec(cleaned);
  const head = match?.[1];
  const tolerance = match?.[3];
  if (match === null || head === undefined || tolerance === undefined) return null;
  const standard = parseTarget(head, meaning);
  if (!standard.measurable || standard.achieved !== undefined) return null;
  const mark = match[2] === undefined ? '' : ` (the "${match[2]}" after it sends to a footnote)`;
  return {
    ...standard,
    text,
    period: readPeriod(meaning.formula, text),
    comparatorReason: `"${head.trim()}" is the standard${mark}; the bracket "(${tolerance})" is a tolerance around it, kept in the text. ${standard.comparatorReason}`,
  };
}

/** A target that is a sentence holding exactly one value: kept as words, the value offered as a suggestion. */
function readSentence(cell: CellText, text: string, meaning: IndicatorMeaning): ParsedTarget | null {
  const { folded, cleaned } = cell;
  if ((folded.match(/\d+(?:[.,]\d+)*/g) ?? []).length !== 1) return null;
  for (const word of folded.matchAll(/(?<=\s)\S/g)) {
    const reading = readValueAt(cell, word.index);
    if (reading === null || reading === 'unsupported') continue;
    const explicit = reading.explicit ?? readSuffix(cell, reading.end, folded.length);
    const inference = inferComparator(explicit, reading.unit, meaning, reading.value);
    const quoted = cell.asWritten(reading.start, reading.end);
    const suggested = describeValue(inference.comparator, reading.value, reading.unit);
    return {
      ...unreadable(
        text,
        `"${cleaned}" is a sentence, not one number with a unit, so it is kept as written and is not measurable; it contains "${quoted}", which would read as ${suggested}: that reading is offered to be confirmed, not taken`,
      ),
      suggestion: { comparator: inference.comparator, value: reading.value, unit: reading.unit, text: quoted, reason: inference.reason },
    };
  }
  return null;
}

/** A value written on its own, with no comparator: a baseline column, a value achieved. Null when it is not one number with a unit. */
export function readStatedValue(text: string): StatedValue | null {
  const cell = toCellText(text);
  const reading = readValueAt(cell, 0);
  if (reading === null || reading === 'unsupported' || reading.explicit !== null || /\d/.test(cell.folded.slice(reading.end))) return null;
  return { text: cell.asWritten(reading.start, reading.end), value: reading.value, unit: reading.unit };
}

/** What a table with a baseline column and a target column says of one indicator. */
export interface BaselineAndTarget {
  target: ParsedTarget;
  /** Null when the baseline cell is empty or not one number with a unit. */
  baseline: StatedValue | null;
}

/**
 * For readers of tables with "baseline" and "target" columns: reads both cells. When the target states
 * no comparator, the way it moves from the baseline tells it (a target below the baseline is a maximum),
 * which beats the wording of the indicator.
 */
export function parseBaselineAndTarget(baselineText: string, targetText: string, meaning: IndicatorMeaning): BaselineAndTarget {
  const target = parseTarget(targetText, meaning);
  const baseline = readStatedValue(baselineText);
  if (baseline === null || target.value === null || target.unit !== baseline.unit || target.value === baseline.value) return { target, baseline };
  if (statesOperator(targetText)) return { target, baseline };
  const lower = target.value < baseline.value;
  return {
    baseline,
    target: {
      ...target,
      comparator: lower ? '<=' : '>=',
      comparatorReason: lower
        ? `the target (${target.value}) is below the baseline (${baseline.value}): the card aims to bring the value down, so the target is a maximum not to exceed`
        : `the target (${target.value}) is above the baseline (${baseline.value}): the card aims to raise the value, so the target is a minimum to reach`,
    },
  };
}

/** True when the cell says its comparator itself, before or after the value. */
function statesOperator(text: string): boolean {
  const cell = toCellText(text);
  const reading = readValueAt(cell, 0);
  if (reading === null || reading === 'unsupported') return false;
  return reading.explicit !== null || readSuffix(cell, reading.end, cell.folded.length) !== null;
}

/** The user's word beats the inference; the reason says so. */
export function overrideComparator(target: Target, comparator: Comparator, reason: string): Target {
  const given = reason.trim();
  // The reason is what an auditor reads later: never store an empty one.
  return { ...target, comparator, comparatorReason: given !== '' ? given : `set by hand to "${comparator}" (no reason given)`, comparatorSource: 'override' };
}
