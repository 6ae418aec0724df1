import { toInlineText } from './html-text.ts';

// Cards name their fields and columns in many ways ("Denominazione del servizio:", "<b>Dimensioni</b>",
// "Modalita' di erogazione", "Tipologia di utenza che usufruisce del servizio"). Labels are matched by
// meaning on a folded form, never against a whole line of a known card.

/** The service fields a card states above its table. */
export type FieldKey = 'name' | 'characteristics' | 'deliveryMode' | 'userTypes' | 'diffidaBody' | 'webAddress';

/** The table columns the importer reads. */
export type ColumnKey = 'dimension' | 'subdimension' | 'description' | 'formula' | 'target' | 'notes';

/** How each field is called on a card, for messages. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  name: 'Denominazione del servizio',
  characteristics: 'Principali caratteristiche del servizio',
  deliveryMode: 'Modalità di erogazione',
  userTypes: 'Tipologia di utenza del servizio',
  diffidaBody: 'Organo cui notificare la preventiva diffida del ricorrente',
  webAddress: 'Indirizzo della pagina web riguardante il servizio',
};

/** How each column is called on a card, for messages. */
export const COLUMN_LABELS: Record<ColumnKey, string> = {
  dimension: 'Dimensioni',
  subdimension: 'Sottodimensioni',
  description: 'Descrizione indicatore',
  formula: 'Formula indicatore',
  target: 'Valore programmato',
  notes: 'Note',
};

/** A label longer than this is prose, not a field name. */
const MAX_LABEL_LENGTH = 90;

const FIELD_PATTERNS: readonly [FieldKey, RegExp][] = [
  // "Denominazione del servizio", and "Denominazione Servizio" as some cards write it.
  // "Tipo di servizio offerto al cliente": how ARPA FVG's ISO 9001 standards name the service above each table.
  ['name', /^(?:denominazione|nome|titolo)(?: (?:del )?servizio)?$|^servizio(?: erogato)?$|^tipo di servizio(?: offerto)?(?: al cliente)?$/],
  ['characteristics', /^(?:principali |breve )?(?:caratteristiche|descrizione)(?: principali)?(?: (?:del )?servizio)?$/],
  ['deliveryMode', /^modalita (?:di |dell )?erogazione(?: del servizio)?$/],
  // "A chi è rivolto": the heading of a service's users on the Comuni's service pages (the Comune di Genova's Carta dei servizi).
  ['userTypes', /^(?:tipologi[ae]|tipo) (?:di |dell )?utenza(?: .*)?$|^(?:utenti|destinatari|utenza)(?: del servizio)?$|^a chi e rivolto$/],
  ['diffidaBody', /^(?:organo|ufficio|soggetto|autorita)\b.*\bdiffida\b/],
  ['webAddress', /^(?:indirizzo|link|url|sito|pagina)\b.*\b(?:web|internet|sito|url)\b|^(?:sito|pagina) (?:web|internet)\b/],
];

const COLUMN_PATTERNS: readonly [ColumnKey, RegExp][] = [
  ['subdimension', /^sotto ?-?dimensioni?\b/],
  // "Fattore di qualità", "Indicatore di qualità", "Modalità di rilevazione/calcolo": the columns of the carte dei
  // servizi written after the 1994 directive, as Comuni still write them (Comune di Bolzano; "Fattori della qualità",
  // Comune di Venezia).
  // The same columns on the German pages of South Tyrol's bilingual PAs (Gemeinde Bozen): Qualitätsfaktor,
  // Qualitätsindikator, Erfassungs-/Berechnungsmethode, Qualitätsstandard.
  // "Quality parameters" / "Parametri di qualità": the dimension column of the Università di Genova's charter pages.
  ['dimension', /^dimension[ei]\b|^fattor[ei] (?:di|della) qualita$|^qualitats ?faktor(?:en)?$|^(?:quality parameters?|parametr[io] di qualita)$/],
  // ARPA FVG's ISO 9001 standards: the indicator "as the quality system's documents define it" is its formula, the
  // one "of interest to the customer" its description.
  ['formula', /^(?:formula|metodo di calcolo|modalita di calcolo|(?:modalita|metodo) di rilevazione)\b|^(?:erfassungs ?)?berechnungsmethode$|^indicatore cosi definito\b/],
  ['description', /^(?:descrizione(?: (?:dell ?)?indicatore)?|indicator[eis]?(?: di qualita)?|qualitats ?indikator(?:en)?|indicatore di interesse per il cliente(?: (?:esterno|interno)(?: (?:esterno|interno))?)?)$/],
  // "Valore garantito": the standard as the Comune di Genova's carte dei servizi name it.
  ['target', /^(?:valore programmato|valori programmati|valore atteso|valore obiettivo|valore garantito|valori garantiti|target)\b|^standard(?: di qualita)?(?: programmat[oi])?$|^qualitats ?standard$/],
  ['notes', /^(?:note|annotazioni|osservazioni)$/],
];

/**
 * A value column whose header names a year with no other word, or with a word for a value: "2022", "2022 value",
 * "Valore 2019", "Target 2023", "Standard 2024", "Valore anno 2021". Its folded label gives the year; the column
 * of the valore programmato itself ("Valore programmato 2021") is matched by matchColumnLabel, and columnYear reads
 * its year.
 */
const YEAR_VALUE_COLUMN = /^(?:(?:valor[ei]|values?|target|standard|obiettivo|risultato)(?: (?:anno|year))? )?((?:19|20)\d{2})(?: (?:values?|target|standard|valore))?$/;

/** The year a value column's header names ("2022 value", "Valore 2019", "Target 2023"), or null. */
export function matchYearColumn(text: string): number | null {
  const folded = foldLabel(text);
  if (folded.length > MAX_LABEL_LENGTH) return null;
  const match = YEAR_VALUE_COLUMN.exec(folded);
  return match ? Number(match[1]) : null;
}

/** The year written in a column's header ("Valore programmato 2021" → 2021), or null. */
export function columnYear(text: string): number | null {
  const match = /(?:^|\s)((?:19|20)\d{2})(?:\s|$)/.exec(foldLabel(text));
  return match ? Number(match[1]) : null;
}

/** Folds a label for matching: no markup, accents, case, marks "(*)" "(&)", quotes or trailing colon. */
export function foldLabel(text: string): string {
  return toInlineText(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "QUALITA'" and "Modalita'" write the accent as an apostrophe.
    .replace(/([aeiou])['’`´](?=\s|$|[^\p{L}])/gu, '$1')
    .replace(/\(\s*[*&]\s*\)/g, ' ')
    .replace(/['’`´]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The field a label names, or null. */
export function matchFieldLabel(text: string): FieldKey | null {
  const folded = foldLabel(text);
  if (folded === '' || folded.length > MAX_LABEL_LENGTH) return null;
  for (const [key, pattern] of FIELD_PATTERNS) if (pattern.test(folded)) return key;
  return null;
}

/** The column a table header cell names, or null. */
export function matchColumnLabel(text: string): ColumnKey | null {
  const folded = foldLabel(text);
  if (folded === '' || folded.length > MAX_LABEL_LENGTH) return null;
  for (const [key, pattern] of COLUMN_PATTERNS) if (pattern.test(folded)) return key;
  return null;
}

/** True for the title lines of the header block ("STANDARD QUALITA' DEI SERVIZI EROGATI", "RICOGNIZIONE/AGGIORNAMENTO", "ANNO 2021"). */
export function isTitleLine(text: string): boolean {
  const folded = foldLabel(text);
  return /\bstandard\b.*\bqualita\b|\bqualita\b.*\bservizi\b|\bricognizione\b|\baggiornamento\b|^anno\b|\bannualita\b|\bcarta (?:dei|della) (?:servizi|qualita)\b/.test(folded);
}

/** The year a header line states ("ANNO 2021", "ANNUALITÀ 2016", "anno di riferimento: 2020"), or null. */
export function findStatedYear(text: string): number | null {
  const match = /\b(?:anno|annualita|annata)(?: di riferimento)?\s+((?:19|20)\d{2})\b/.exec(foldLabel(text));
  return match ? Number(match[1]) : null;
}

/** True for a line that names an office ("DIREZIONE GENERALE …", "Ufficio …"). */
export function isOfficeLine(text: string): boolean {
  return /^(?:direzione|dipartimento|ufficio|divisione|segretariato|settore|area|struttura|unita organizzativa|servizio)\b/.test(foldLabel(text));
}

/** True for the heading of the notes section under the table ("Note", "<i>Note</i>", "Note:"). */
export function isNotesHeading(text: string): boolean {
  return /^(?:note|annotazioni)(?: e osservazioni)?$/.test(foldLabel(text));
}

/** The most words a card field's label runs to ("Organo cui notificare la preventiva diffida del ricorrente"). */
export const MAX_FIELD_WORDS = 9;

/** Field labels as cards write them in full: in a stream of words only these open a field (a looser match would take "sito web" in a description for one). */
const FIELD_PHRASE = /^(?:denominazione (?:del )?servizio|nome del servizio|principali caratteristiche(?: del servizio)?|(?:caratteristiche|descrizione) (?:del )?servizio|modalita di erogazione|tipologia di utenza|tipologie di utenza|organo cui notificare|indirizzo della pagina web|indirizzo web|pagina web del servizio)\b/;

/** True when the words are a card field's label written in full ("Tipologia di utenza", "Organo cui notificare …"). */
export function isFieldLabel(words: string): boolean {
  const folded = foldLabel(words);
  return FIELD_PHRASE.test(folded) && matchFieldLabel(words.replace(/:$/, '')) !== null;
}

/** True when a line opens with a card field's label ("Tipologia di utenza del servizio …"): a label, whatever follows, names no service. */
export function opensWithFieldLabel(text: string): boolean {
  const words = toInlineText(text).split(' ');
  for (let n = Math.min(MAX_FIELD_WORDS, words.length); n >= 2; n--) if (isFieldLabel(words.slice(0, n).join(' '))) return true;
  return false;
}
