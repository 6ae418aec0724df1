// Header and field labels of cards written in English, as data the readers match a header cell
// against. Italian labels live with the text reader (src/formats/card-text-labels.ts); these follow
// the same rule: a label is matched on its folded form (lower case, no accents, every run of
// punctuation a single space, as foldLabel there gives it), never against a whole known line.

/** The table columns a card may have; "baseline" and "achieved" serve tables that state them. */
export type CardColumn = 'dimension' | 'subdimension' | 'description' | 'formula' | 'target' | 'baseline' | 'achieved' | 'notes';

/** The service fields a card states around its table. */
export type CardField = 'name' | 'characteristics' | 'deliveryMode' | 'userTypes' | 'diffidaBody' | 'webAddress';

/** English column labels, most specific first ("sub-dimensions" before "dimensions", "indicator formula" before "indicator"). */
export const ENGLISH_COLUMN_LABELS: readonly (readonly [CardColumn, RegExp])[] = [
  ['subdimension', /^sub ?dimensions?\b/],
  ['dimension', /^(?:quality )?dimensions?\b/],
  ['formula', /^(?:indicator )?formula\b|^(?:calculation|computation) method\b|^method of (?:calculation|computation)\b|^how it is (?:calculated|measured)\b/],
  ['description', /^(?:indicator|indicators)(?: description)?$|^description(?: of the indicator)?$|^indicator name$/],
  ['target', /^(?:programmed|planned|target|expected|committed|guaranteed) values?\b|^targets?$|^(?:quality )?standards?$|^standard value\b/],
  ['baseline', /^baseline\b|^(?:current|starting|initial|reference) values?\b/],
  ['achieved', /^(?:achieved|actual|measured|observed) values?\b|^results?\b|^value achieved\b/],
  ['notes', /^(?:notes?|remarks?|comments?)$/],
];

/** Italian labels of the columns the text reader does not know yet: a baseline and a value achieved (rendicontazione). */
export const ITALIAN_EXTRA_COLUMN_LABELS: readonly (readonly [CardColumn, RegExp])[] = [
  ['baseline', /^baseline\b|^valore (?:attuale|di partenza|iniziale|di riferimento|storico)\b/],
  ['achieved', /^valore (?:rilevato|raggiunto|conseguito|effettivo|misurato)\b|^risultat[oi](?: raggiunt[oi]| consegui[tv][oi])?$/],
];

/** English labels of the service fields. */
export const ENGLISH_FIELD_LABELS: readonly (readonly [CardField, RegExp])[] = [
  ['name', /^(?:name of the )?service(?: name| provided)?$|^service title$/],
  ['characteristics', /^(?:main )?(?:features|characteristics)(?: of the service)?$|^(?:service )?description(?: of the service)?$/],
  ['deliveryMode', /^(?:delivery|provision) (?:method|methods|mode|modes|channels?)\b|^(?:method|methods|mode|modes) of (?:delivery|provision)\b/],
  ['userTypes', /^(?:type of |types of |target )?users?$|^addressees$|^recipients$|^who (?:can|may) (?:use|request) (?:it|the service)$/],
  ['diffidaBody', /^(?:body|office|authority)\b.*\b(?:notice|diffida)\b/],
  ['webAddress', /^(?:web ?(?:page|site|address)|website|url|useful links?)\b/],
];

/** The column an English header cell names, or null; `folded` is the cell's folded form. */
export function matchEnglishColumnLabel(folded: string): CardColumn | null {
  return ENGLISH_COLUMN_LABELS.find(([, pattern]) => pattern.test(folded))?.[0] ?? null;
}

/** The field an English label names, or null; `folded` is the label's folded form. */
export function matchEnglishFieldLabel(folded: string): CardField | null {
  return ENGLISH_FIELD_LABELS.find(([, pattern]) => pattern.test(folded))?.[0] ?? null;
}
