import { createHash } from 'node:crypto';
import type { Organisation, RichText, StandardCard } from '../domain/cards/card.ts';
import { formatEuroAmount, type ComplaintTerms } from '../domain/services/service-profile.ts';
import { COLUMN_LABELS, FIELD_LABELS, type FieldKey } from './card-text-labels.ts';

// The layout of a card as Italian PAs publish it, shared by every writer (DOCX, XLSX, ODT, PDF) and by the test kit
// that builds the documents the importer reads back: title lines, a two-column table of service fields, the
// indicator table (a dimension and a sub-dimension written once and merged over the rows they head, the header
// repeated on each page), the notes, then the adopting act and the stamp of an official document.

/** A stretch of a line: words, or a link. */
export type Span = { text: string } | { text: string; href: string };

/** A cell: lines of spans. */
export type LayoutCell = Span[][];

/** One cell of the indicator table; `rowSpan` > 1 on the first row of a merged run, 0 on the rows it covers. */
export interface LayoutTableCell {
  text: string;
  rowSpan: number;
}

/** When an official document was made and a SHA-256 of the data it was made from. */
export interface DocumentStamp {
  generatedAt: string;
  sha256: string;
  /** What the hash covers, in words (Italian: the documents are Italian). */
  covers: string;
}

export interface CardLayout {
  /** The PA, the title lines, the year and the office, each a paragraph above the fields. */
  titles: string[];
  fields: { label: string; value: LayoutCell }[];
  columns: string[];
  rows: LayoutTableCell[][];
  notes: string[];
  /** The act that adopted the card (delibera, determina), when known: written under the notes. */
  act?: string;
  /** "Reclami e indennizzi", when the service's terms are known: paragraphs under the notes, before the act. */
  complaints?: string[];
  /** Set on official documents; written last. */
  stamp?: DocumentStamp;
}

/** What a card document is made from: the card, its PA, and the adopting act when one is known. */
export interface CardSource {
  card: StandardCard;
  organisation: Pick<Organisation, 'name'> | null;
  /** The adopting act as it should read ("Delibera n. 12 del 3 febbraio 2026"); cards do not store it yet. */
  act?: string | null;
  /** How to complain and the indemnity, as the back office set them (cards do not state them). */
  complaints?: ComplaintTerms;
}

const FIELD_ORDER: readonly FieldKey[] = ['name', 'characteristics', 'deliveryMode', 'userTypes', 'diffidaBody', 'webAddress'];
const CORE_DIMENSIONS = ['accessibilita', 'tempestivita', 'trasparenza', 'efficacia'];

/** The layout of a card: what a document of it shows (no stamp: see stampCardLayout). */
export function layoutCard(source: CardSource): CardLayout {
  const { card, organisation } = source;
  const { service } = card;
  const titles = [organisation?.name, 'STANDARD QUALITÀ DEI SERVIZI EROGATI', card.year === null ? undefined : `ANNO ${card.year}`, service.office ?? undefined].filter((t): t is string => t !== undefined && t !== '');
  const rich: Record<FieldKey, RichText> = {
    name: { text: service.name, links: [] },
    characteristics: service.characteristics,
    deliveryMode: service.deliveryMode,
    userTypes: service.userTypes,
    diffidaBody: service.diffidaBody,
    webAddress: service.webAddress === null ? { text: '', links: [] } : { text: service.webAddress.text, links: [service.webAddress] },
  };
  const fields = FIELD_ORDER.filter((key) => rich[key].text !== '').map((key) => ({ label: FIELD_LABELS[key], value: richCell(rich[key]) }));
  const withNotes = card.indicators.some((i) => i.notes !== null);
  const columns = [COLUMN_LABELS.dimension, COLUMN_LABELS.subdimension, COLUMN_LABELS.description, COLUMN_LABELS.formula, COLUMN_LABELS.target, ...(withNotes ? [COLUMN_LABELS.notes] : [])];
  const rows = indicatorRows(card, withNotes);
  const act = source.act?.trim();
  return { titles, fields, columns, rows, notes: card.notes, ...(act ? { act } : {}), ...(source.complaints === undefined ? {} : { complaints: complaintLines(source.complaints) }) };
}

export const CARD_HASH_COVERS = 'i dati della carta da cui è generato: PA, servizio, anno, campi del servizio, indicatori, note e atto di adozione (JSON, SHA-256)';

/** The card's layout stamped with the time and a SHA-256 of the data it is made from (the card without file places). */
export function stampCardLayout(source: CardSource, now: Date): CardLayout {
  const { card } = source;
  const data = {
    organisation: source.organisation?.name ?? null,
    card: { ...card, source: undefined, indicators: card.indicators.map(({ source: _source, ...rest }) => rest) },
    act: source.act ?? null,
    // Only when there are terms, so documents made before them keep their hash.
    ...(source.complaints === undefined ? {} : { complaints: source.complaints }),
  };
  return { ...layoutCard(source), stamp: stampOf(data, now, CARD_HASH_COVERS) };
}

/** A stamp for data made into a document at `now`. */
export function stampOf(data: unknown, now: Date, covers: string): DocumentStamp {
  return { generatedAt: now.toISOString(), sha256: createHash('sha256').update(JSON.stringify(data)).digest('hex'), covers };
}

/** The lines a stamp is written as, at the end of a document. */
export function stampLines(stamp: DocumentStamp): string[] {
  return [`Documento generato da misura il ${stamp.generatedAt} (UTC).`, `Impronta SHA-256: ${stamp.sha256} — calcolata su ${stamp.covers}.`];
}

/** The paragraphs under the notes: complaints and indemnity, the adopting act and the stamp. */
export function closingLines(layout: Pick<CardLayout, 'act' | 'stamp' | 'complaints'>): string[] {
  return [...(layout.complaints ?? []), ...(layout.act === undefined ? [] : [`Atto di adozione: ${layout.act}`]), ...(layout.stamp === undefined ? [] : stampLines(layout.stamp))];
}

/** "Reclami e indennizzi" as paragraphs: how to complain and the response time when stated, and the indemnity or "Indennizzo non previsto". */
export function complaintLines(terms: ComplaintTerms): string[] {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  const { indemnity } = terms;
  const indemnityLine =
    indemnity === null
      ? 'Indennizzo non previsto.'
      : `Indennizzo: ${[indemnity.amountCents === null ? null : `€ ${formatEuroAmount(indemnity.amountCents)}`, indemnity.conditions === null ? null : `condizioni: ${oneLine(indemnity.conditions)}`].filter((part) => part !== null).join('; ')}`;
  return [
    'Reclami e indennizzi',
    ...(terms.how === null ? [] : [`Come e dove presentare un reclamo: ${oneLine(terms.how)}`]),
    ...(terms.responseDays === null ? [] : [`Tempo di risposta ai reclami: entro ${terms.responseDays} ${terms.responseDays === 1 ? 'giorno' : 'giorni'}`]),
    indemnityLine,
  ];
}

/** The lines of a rich text, its links made links again where their words are. */
function richCell(rich: RichText): LayoutCell {
  const links = [...rich.links];
  return rich.text.split('\n').map((line) => {
    const spans: Span[] = [];
    let rest = line;
    for (let link = links[0]; link !== undefined; link = links[0]) {
      const at = rest.indexOf(link.text);
      if (at < 0) break;
      if (at > 0) spans.push({ text: rest.slice(0, at) });
      spans.push({ text: link.text, href: link.href });
      rest = rest.slice(at + link.text.length);
      links.shift();
    }
    if (rest !== '') spans.push({ text: rest });
    return spans;
  });
}

function indicatorRows(card: StandardCard, withNotes: boolean): LayoutTableCell[][] {
  const rows: LayoutTableCell[][] = card.indicators.map((i) => [
    // The "(*)" mark of an additional dimension (delibera 3/2012), explained by the card's "(*)" note.
    { text: i.additional && !CORE_DIMENSIONS.includes(i.dimensionKey) ? `${i.dimension} (*)` : i.dimension, rowSpan: 1 },
    { text: i.subdimension ?? '', rowSpan: 1 },
    { text: i.description ?? '', rowSpan: 1 },
    { text: i.formula ?? '', rowSpan: 1 },
    { text: i.target.text, rowSpan: 1 },
    ...(withNotes ? [{ text: i.notes ?? '', rowSpan: 1 }] : []),
  ]);
  // A dimension, and a sub-dimension under it, written once over the rows that share it.
  const merge = (column: number, sameRun: (a: number, b: number) => boolean) => {
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (end < rows.length && sameRun(start, end) && rows[end]?.[column]?.text === rows[start]?.[column]?.text && rows[start]?.[column]?.text !== '') end++;
      const first = rows[start]?.[column];
      if (first) first.rowSpan = end - start;
      for (let r = start + 1; r < end; r++) {
        const cell = rows[r]?.[column];
        if (cell) cell.rowSpan = 0;
      }
      start = end;
    }
  };
  const dimensionOf = (r: number) => card.indicators[r]?.dimension;
  merge(0, (a, b) => dimensionOf(a) === dimensionOf(b));
  // Sub-dimensions merge only inside their dimension's run.
  const runStart = (r: number) => {
    let s = r;
    while (s > 0 && rows[s]?.[0]?.rowSpan === 0) s--;
    return s;
  };
  merge(1, (a, b) => runStart(a) === runStart(b));
  return rows;
}

/** A cell's words, lines joined by line breaks. */
export function plainCell(cell: LayoutCell): string {
  return cell.map((line) => line.map((span) => span.text).join('')).join('\n');
}
