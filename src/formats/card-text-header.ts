import type { RichText } from '../domain/cards/card.ts';
import type { Finding } from '../domain/cards/finding.ts';
import { FIELD_LABELS, type FieldKey, findStatedYear, foldLabel, isOfficeLine, isTitleLine, matchFieldLabel, opensWithFieldLabel } from './card-text-labels.ts';
import type { SourceLine } from './card-text-table.ts';
import { parseRichText, toInlineText } from './html-text.ts';

/** A field's raw words: one entry per cell or paragraph, and the line where the field starts. */
export interface FieldText {
  line: number;
  parts: string[];
}

/** What the card says above its table. */
export interface CardHeader {
  organisation: string | null;
  office: string | null;
  /** Years stated in the title lines, with their lines. */
  years: { year: number; line: number }[];
  fields: Partial<Record<FieldKey, FieldText>>;
  doubts: Finding[];
}

/** Names that open a public body's name: a header line starting so names the PA. */
const INSTITUTION = /^(?:ministero|agenzia|istituto|inps|inail|comune|citta|regione|provincia|universita|camera|autorita|presidenza|consiglio|corte|ente|azienda|avvocatura|archivio|soprintendenza|prefettura|questura|ispettorato|consorzio|unione|ordine|biblioteca|museo|polo)\b/;

/** "Ubicazione: …", "Struttura Erogante: …": a capitalised label of a few words, then a colon and a value. */
const OTHER_KEY_COLON = /^(\p{Lu}[\p{L}'’]*(?: [\p{L}'’]+){0,3}):\s+\S/u;

/**
 * "Puoi accedere a Partecipazione di scuole … tramite il servizio online.": the sentence by which a Comune's service
 * page on the Designers Italia model (the Comune di Genova's) names its service, above the standards table.
 */
const ONLINE_ACCESS = /^puoi accedere a (.+?) tramite (?:il )?servizio online\.?$/i;

/** "Salta al contenuto principale", "Vai al contenuto": the link a web page opens with to skip its menus. */
const SKIP_LINK = /^(?:salta|vai) al (?:contenuto|menu)(?: principale)?$/i;

/**
 * A sentence of more than eight words closed by a full stop: prose, never an office's name, even when it starts with
 * an office's word ("Servizio onlinePer conoscere i dettagli …, leggi i termini e le condizioni di servizio.").
 */
const LONG_SENTENCE = /^(?:\S+\s+){8,}\S*[.!?]$/;

/** A field heading written in emphasis right after the service name: "CENTRO DI CONTATTO*Caratteristiche del servizio*". */
const NAME_THEN_HEADING = /^(.*?\S)\s*(?:\*\*|\*|__|<(b|i|em|strong|u)\b[^>]*>)\s*([^*<>]+?)\s*(?:\*\*|\*|__|<\/\2\s*>)\s*:?\s*$/;

/**
 * Reads the lines above the table. Fields come as key/value rows ("Denominazione del servizio\t…"),
 * as "key: value" lines, or as headings on their own lines followed by paragraphs; the header block
 * before the first field gives the PA, the office and the year.
 */
export function readCardHeader(lines: readonly SourceLine[], file: string): CardHeader {
  const header: CardHeader = { organisation: null, office: null, years: [], fields: {}, doubts: [] };
  const doubt = (line: number, field: string | null, message: string, severity: Finding['severity'] = 'info') =>
    header.doubts.push({ code: field === null ? 'doubtful-line' : 'doubtful-cell', severity, file, line, field, message });
  const candidates: SourceLine[] = [];
  let firstTitle: number | null = null;
  let heading: { key: FieldKey; fromRow: boolean } | null = null;
  let fieldsStarted = false;
  let headingLayout = false;
  /** Numbers of the lines with words read so far, and of the last one before the first field. */
  const seen: number[] = [];
  let lastBeforeFields: number | null = null;
  let officeLine: SourceLine | null = null;

  const startField = (key: FieldKey, line: number, parts: string[]): boolean => {
    if (!fieldsStarted) lastBeforeFields = seen[seen.length - 2] ?? null;
    fieldsStarted = true;
    const existing = header.fields[key];
    if (existing) {
      doubt(line, key, `"${FIELD_LABELS[key]}" is given again; the one at line ${existing.line} is kept`, 'warning');
      heading = null;
      return false;
    }
    header.fields[key] = { line, parts };
    return true;
  };

  for (const line of lines) {
    const cells = line.text.split('\t');
    if (cells.every((cell) => toInlineText(cell) === '')) continue;
    seen.push(line.number);
    const [first = '', ...others] = cells;
    const rest = others.filter((cell) => toInlineText(cell) !== '');

    if (cells.length > 1) {
      const key = matchFieldLabel(first);
      if (key !== null) {
        const started = startField(key, line.number, rest);
        // A key with its value on the lines below works like a heading.
        heading = started ? { key, fromRow: rest.length > 0 } : null;
        continue;
      }
    } else {
      const key = matchFieldLabel(line.text);
      if (key !== null) {
        headingLayout = true;
        heading = startField(key, line.number, []) ? { key, fromRow: false } : null;
        continue;
      }
      const keyed = splitKeyColon(line.text);
      if (keyed) {
        heading = startField(keyed.key, line.number, [keyed.value]) ? { key: keyed.key, fromRow: true } : null;
        continue;
      }
      // Only the first such line, before any name: later emphasis is a paragraph's own.
      const named = header.fields.name === undefined && line.text.length <= 300 ? NAME_THEN_HEADING.exec(line.text) : null;
      const headingKey = named ? matchFieldLabel(named[3] ?? '') : null;
      if (named && headingKey !== null && headingKey !== 'name') {
        headingLayout = true;
        startField('name', line.number, [named[1] ?? '']);
        heading = startField(headingKey, line.number, []) ? { key: headingKey, fromRow: false } : null;
        continue;
      }
    }

    if (cells.length > 1 && fieldsStarted && toInlineText(first) !== '') {
      // Another key/value row, with a key that is no card field.
      doubt(line.number, null, `"${toInlineText(first)}" is not a card field: the row is not imported`, 'warning');
      heading = null;
      continue;
    }
    // After "Label: value" fields, another "Label: value" line with a label that is no card field is a field of its own.
    const otherKey = cells.length === 1 && fieldsStarted && (heading === null || heading.fromRow) ? OTHER_KEY_COLON.exec(toInlineText(line.text)) : null;
    if (otherKey) {
      doubt(line.number, null, `"${otherKey[1] ?? ''}" is not a card field: the line is not imported`, 'warning');
      heading = null;
      continue;
    }
    if (heading !== null) {
      const field = header.fields[heading.key];
      if (field) {
        if (heading.fromRow) doubt(line.number, heading.key, `line read as the continuation of "${FIELD_LABELS[heading.key]}" (line ${field.line})`);
        field.parts.push(...(cells.length > 1 ? cells.filter((cell) => toInlineText(cell) !== '') : [line.text]));
      }
      continue;
    }
    if (fieldsStarted) {
      doubt(line.number, null, `line not understood, not imported: "${toInlineText(line.text)}"`, 'warning');
      continue;
    }

    // The header block above the fields.
    const text = toInlineText(cells.length > 1 && rest.length === 0 ? first : line.text);
    // A web page's skip link ("Salta al contenuto principale") is the page's chrome, not the card's.
    if (SKIP_LINK.test(text)) continue;
    const access = header.fields.name === undefined ? ONLINE_ACCESS.exec(text) : null;
    if (access) {
      header.fields.name = { line: line.number, parts: [access[1] ?? ''] };
      doubt(line.number, 'name', `service name read from the sentence "Puoi accedere a … tramite il servizio online": "${access[1] ?? ''}"`);
      continue;
    }
    if (isTitleLine(text)) {
      firstTitle ??= line.number;
      const year = findStatedYear(text);
      if (year !== null) header.years.push({ year, line: line.number });
    } else if ((cells.length > 1 && rest.length === 0) || (isOfficeLine(text) && !LONG_SENTENCE.test(text))) {
      // The office line ends with a tab ("DIREZIONE GENERALE …\t") or names an office outright.
      if (header.office === null) {
        header.office = text;
        officeLine = { number: line.number, text };
      }
      else doubt(line.number, null, `a second office line, not imported: "${text}"`, 'warning');
    } else {
      candidates.push({ number: line.number, text });
    }
  }

  // The PA is named first: the line before the title lines, or one that reads as a public body's name.
  const organisation = candidates.find((c) => INSTITUTION.test(foldLabel(c.text)) || (firstTitle !== null && c.number < firstTitle));
  if (organisation) header.organisation = organisation.text;
  const leftovers = candidates.filter((c) => c !== organisation);
  // "Label: value" fields under a line of its own ("# SERVIZIO INFORMATIVO …") and no name among them: that line names
  // the service (one starting "Servizio" too, which above a card's fields would otherwise be read as its office).
  const leftover = leftovers[leftovers.length - 1];
  const titleAbove = leftover?.number === lastBeforeFields && !opensWithFieldLabel(leftover.text) ? leftover : officeLine?.number === lastBeforeFields && /^servizio\b/.test(foldLabel(officeLine.text)) ? officeLine : undefined;
  if (header.fields.name === undefined && titleAbove !== undefined) {
    if (titleAbove === leftover) leftovers.pop();
    else header.office = null;
    header.fields.name = { line: titleAbove.number, parts: [titleAbove.text] };
    doubt(titleAbove.number, 'name', `service name read from the line above the first field: "${titleAbove.text}"`);
  }
  if (header.fields.name === undefined && headingLayout) {
    // Headings on their own lines may follow the service name written alone: it is the last line before them.
    const last = leftovers.length > 0 && !opensWithFieldLabel(leftovers[leftovers.length - 1]?.text ?? '') ? leftovers.pop() : undefined;
    if (last) {
      header.fields.name = { line: last.number, parts: [last.text] };
      doubt(last.number, 'name', `service name read from the line above the first heading: "${last.text}"`);
    }
  }
  for (const line of leftovers) doubt(line.number, null, `line not understood, not imported: "${line.text}"`, 'warning');
  return header;
}

/** Joins a field's parts into RichText: each part on its own line, links in order. */
export function toFieldRichText(field: FieldText | undefined): RichText {
  if (field === undefined) return { text: '', links: [] };
  const parts = field.parts.map(parseRichText);
  return { text: parts.map((p) => p.text).filter((t) => t !== '').join('\n'), links: parts.flatMap((p) => p.links) };
}

/** "Denominazione del servizio: Foo" → the field and "Foo"; the colon must close a field label. */
function splitKeyColon(text: string): { key: FieldKey; value: string } | null {
  for (const match of text.matchAll(/:/g)) {
    const key = matchFieldLabel(text.slice(0, match.index));
    if (key !== null) {
      const value = text.slice(match.index + 1).trim();
      return value === '' ? null : { key, value };
    }
    if (match.index > 120) break;
  }
  return null;
}
