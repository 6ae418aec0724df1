import { slugify } from '../shared/slug.ts';

/** What the importer knows of a dimension label. */
export interface DimensionInfo {
  /** The label as written, cleaned of markup and of the "(*)" mark. */
  label: string;
  /** The CIVIT dimension it maps to ("accessibilita", "continuita", …) or a slug of the free label. */
  key: string;
  /** An additional dimension (delibera 3/2012): marked "(*)" or not one of the four core ones. */
  additional: boolean;
  /** The card marked it "(*)". */
  marked: boolean;
}

/** 'core': the four dimensions of delibera 88/2010; 'additional': those delibera 3/2012 lets a PA add. */
export type DimensionKind = 'core' | 'additional';

export interface SubdimensionEntry {
  key: string;
  label: string;
}

/** One dimension of the CIVIT model, as the UI and the linter show it. */
export interface DimensionEntry {
  key: string;
  label: string;
  kind: DimensionKind;
  /** Where the delibera names the dimension. */
  source: 'delibera 88/2010' | 'delibera 3/2012';
  subdimensions: SubdimensionEntry[];
}

function sub(label: string): SubdimensionEntry {
  return { key: slugify(label), label };
}

/** The CIVIT dimensions: the four of delibera 88/2010 with their sub-dimensions, then the additional ones of delibera 3/2012. */
export const CIVIT_DIMENSIONS: readonly DimensionEntry[] = [
  { key: 'accessibilita', label: 'Accessibilità', kind: 'core', source: 'delibera 88/2010', subdimensions: [sub('Accessibilità fisica'), sub('Accessibilità multicanale')] },
  { key: 'tempestivita', label: 'Tempestività', kind: 'core', source: 'delibera 88/2010', subdimensions: [] },
  {
    key: 'trasparenza',
    label: 'Trasparenza',
    kind: 'core',
    source: 'delibera 88/2010',
    subdimensions: [sub('Responsabili'), sub('Procedure di contatto'), sub('Tempistiche di risposta'), sub("Eventuali spese a carico dell'utente")],
  },
  { key: 'efficacia', label: 'Efficacia', kind: 'core', source: 'delibera 88/2010', subdimensions: [sub('Conformità'), sub('Affidabilità'), sub('Compiutezza')] },
  { key: 'continuita', label: 'Continuità', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
  { key: 'elasticita', label: 'Elasticità', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
  { key: 'flessibilita', label: 'Flessibilità', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
  { key: 'equita', label: 'Equità', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
  { key: 'efficienza', label: 'Efficienza', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
  { key: 'empatia', label: 'Empatia', kind: 'additional', source: 'delibera 3/2012', subdimensions: [] },
];

/**
 * The dimension of a row whose document states none: some PAs publish a table of indicators and standards with no
 * dimension column (ARPA FVG's ISO 9001 standards, the Comune di Genova's Direzione Statistica). The importer keeps
 * such rows under this key rather than inventing one, each with a doubt, and the linter flags it as an error until the
 * quality office chooses the dimension (review screen or card editor): a CIVIT card names one for every indicator.
 */
export const UNSTATED_DIMENSION: Readonly<DimensionInfo> = { label: 'Dimensione non indicata', key: 'non-indicata', additional: false, marked: false };

/** Whether a row's dimension is the one its document did not state. */
export function isDimensionUnstated(dimensionKey: string): boolean {
  return dimensionKey === UNSTATED_DIMENSION.key;
}

/** The catalogue entry of a key, or undefined for a free dimension. */
export function findDimension(key: string): DimensionEntry | undefined {
  return CIVIT_DIMENSIONS.find((entry) => entry.key === key);
}

/**
 * How cards written in English (universities publish them) name the CIVIT dimensions, core and
 * additional. A label not listed here ("Accessibility for people with disabilities") is a dimension
 * of the card's own, kept as the card names it.
 */
export const ENGLISH_DIMENSION_NAMES: Readonly<Record<string, readonly string[]>> = {
  accessibilita: ['Accessibility', 'Physical accessibility', 'Multichannel accessibility', 'Multi-channel accessibility', 'Accessibility of the service'],
  tempestivita: ['Timeliness', 'Promptness'],
  // "Trasparency" is how an Italian hand often spells it (the Università di Genova's charter pages do).
  trasparenza: ['Transparency', 'Trasparency'],
  efficacia: ['Effectiveness', 'Efficacy'],
  continuita: ['Continuity'],
  elasticita: ['Elasticity'],
  flessibilita: ['Flexibility'],
  equita: ['Equity', 'Fairness'],
  efficienza: ['Efficiency'],
  empatia: ['Empathy'],
};

/**
 * How the German pages of South Tyrol's bilingual PAs name them (the Comune di Bolzano / Gemeinde Bozen writes
 * "Zugänglichkeit des Dienstes" for "Accessibilità al servizio"). Only the names seen on such a page.
 */
export const GERMAN_DIMENSION_NAMES: Readonly<Record<string, readonly string[]>> = {
  accessibilita: ['Zugänglichkeit', 'Zugänglichkeit des Dienstes'],
};

// "Accessibilità multicanale" (or "al servizio", "del servizio") written in the dimension column is still Accessibilità; other
// longer labels ("Accessibilità per persone con disabilità") are free dimensions of their own.
const ALIASES: ReadonlyMap<string, string> = new Map([
  ...CIVIT_DIMENSIONS.flatMap((entry) => [
    [entry.key, entry.key] as const,
    [`${entry.key}-del-servizio`, entry.key] as const,
    [`${entry.key}-al-servizio`, entry.key] as const,
    ...entry.subdimensions.map((s) => [s.key.startsWith(`${entry.key}-`) ? s.key : `${entry.key}-${s.key}`, entry.key] as const),
  ]),
  ...[ENGLISH_DIMENSION_NAMES, GERMAN_DIMENSION_NAMES].flatMap((names) =>
    Object.entries(names).flatMap(([key, labels]) => labels.map((label) => [slugify(label), key] as const)),
  ),
  // A reader that finds no dimension column writes the unstated one's label in the row: it reads back as that key.
  [slugify(UNSTATED_DIMENSION.label), UNSTATED_DIMENSION.key],
]);

// Not global: a global regex keeps lastIndex between calls.
const MARK = /\(\s*\\?\*\s*\)/;

/** Removes what the card's HTML or markdown left around a cell: tags, entities, emphasis, escapes. */
function stripMarkup(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&#39;|&apos;|&rsquo;/gi, "'")
    .replace(/\*\*|__/g, '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads a dimension label as written on a card: cleans it, finds its CIVIT key and whether it is additional. */
export function classifyDimension(raw: string): DimensionInfo {
  let text = stripMarkup(raw);
  let marked = false;
  if (MARK.test(text)) {
    marked = true;
    text = text.replace(new RegExp(MARK.source, 'g'), ' ');
  }
  // A bare trailing asterisk ("Continuità*") is the same mark without its brackets.
  const bare = /\s*\\?\*+$/.exec(text);
  if (bare) {
    marked = true;
    text = text.slice(0, bare.index);
  }
  const label = text
    .replace(/\\([*_])/g, '$1')
    .replace(/^[*_\s]+|[*_\s]+$/g, '')
    .replace(/[\s:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (label === '') return { label, key: '', additional: marked, marked };
  const slug = slugify(label);
  const key = ALIASES.get(slug) ?? slug;
  const entry = findDimension(key);
  if (isDimensionUnstated(key)) return { ...UNSTATED_DIMENSION, marked };
  // Any dimension beyond the four of delibera 88 is additional by definition, even unmarked.
  return { label, key, additional: marked || entry?.kind !== 'core', marked };
}
