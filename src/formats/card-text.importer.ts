import type { Link, Service } from '../domain/cards/card.ts';
import { extractChannels } from '../domain/cards/channels-from-text.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugify } from '../domain/shared/slug.ts';
import { readCardHeader, toFieldRichText } from './card-text-header.ts';
import { FIELD_LABELS } from './card-text-labels.ts';
import { readFootnotes } from './card-text-notes.ts';
import { describeIncompleteHeader, readIndicatorRows, readTableHeader, type SourceLine, type TableHeader, takeTableRows } from './card-text-table.ts';
import { toInlineText } from './html-text.ts';

export interface ReadCardOptions {
  /** The file name, as messages should show it. */
  file: string;
  /** The year of a card that states none. */
  year?: number;
}

/**
 * Reads a standard card exactly as the PA wrote it: tab-separated text with a header block, the
 * service fields, the indicator table and the footnotes. Throws UserError when the file is not a card.
 */
export function readCardText(text: string, options: ReadCardOptions): ImportedCard {
  const { file } = options;
  const lines = splitLines(text);
  if (lines.every((line) => line.text.trim() === '')) throw new UserError('the file is empty, not a standard card', { file });

  const found = findTable(lines, file);
  const head = readCardHeader(lines.slice(0, found.index), file);
  const name = toInlineText(head.fields.name?.parts.join('\n') ?? '');
  if (name === '') throw new UserError(`not a standard card: no service name ("${FIELD_LABELS.name}") above the table`, { file, field: 'name' });

  const { rows, end } = takeTableRows(lines, found.index);
  if (rows.length === 0) throw new UserError('the indicator table has no rows', { file, line: found.header.line });
  const table = readIndicatorRows(rows, found.header, file);
  if (table.indicators.length === 0) throw new UserError('the indicator table has no indicator rows', { file, line: found.header.line });
  const footnotes = readFootnotes(lines.slice(end));

  const doubts: Finding[] = [...head.doubts, ...table.doubts];
  const year = decideYear(head.years, options, doubts);

  const characteristics = toFieldRichText(head.fields.characteristics);
  const deliveryMode = toFieldRichText(head.fields.deliveryMode);
  const webAddress = readWebAddress(head.fields.webAddress, file, doubts);
  const extracted = extractChannels({
    deliveryMode: deliveryMode.text,
    characteristics: characteristics.text,
    webAddress,
    indicatorTexts: table.indicators.flatMap((i) => [i.subdimension, i.description, i.formula].filter((t): t is string => t !== null)),
  });
  const channelLine = head.fields.deliveryMode?.line ?? head.fields.characteristics?.line ?? null;
  for (const message of extracted.doubts) doubts.push({ code: 'doubtful-hours', severity: 'warning', file, line: channelLine, field: 'channels', message });

  const service: Service = {
    slug: slugify(name),
    name,
    office: head.office,
    characteristics,
    deliveryMode,
    userTypes: toFieldRichText(head.fields.userTypes),
    diffidaBody: toFieldRichText(head.fields.diffidaBody),
    webAddress,
    channels: extracted.channels,
    staff: extracted.staff,
  };
  doubts.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    organisation: head.organisation === null ? null : { slug: slugify(head.organisation), name: head.organisation },
    card: { year, service, indicators: table.indicators, notes: footnotes.notes, ruleText: footnotes.ruleText, source: { file } },
    doubts,
  };
}

/** Splits the text into numbered lines; a BOM, CRLF or CR line ends and trailing spaces make no difference. */
function splitLines(text: string): SourceLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ number: index + 1, text: line.replace(/[ \u00a0]+$/, '') }));
}

function findTable(lines: readonly SourceLine[], file: string): { index: number; header: TableHeader } {
  for (const [index, line] of lines.entries()) {
    const header = readTableHeader(line);
    if (header) return { index, header };
  }
  for (const line of lines) {
    const lack = describeIncompleteHeader(line);
    if (lack !== null) throw new UserError(lack, { file, line: line.number });
  }
  throw new UserError('not a standard card: no indicator table (a tab-separated header row "Dimensioni", "Sottodimensioni", "Descrizione indicatore", "Formula indicatore", "Valore programmato")', { file });
}

/** The card's own year wins; the given one serves a card that states none; no year at all is said, not guessed. */
function decideYear(stated: readonly { year: number; line: number }[], options: ReadCardOptions, doubts: Finding[]): number | null {
  const { file } = options;
  const first = stated[0];
  if (first) {
    const other = stated.find((s) => s.year !== first.year);
    if (other) doubts.push({ code: 'doubtful-year', severity: 'warning', file, line: other.line, field: 'year', message: `the card states ${first.year} (line ${first.line}) and ${other.year}; ${first.year} is taken` });
    if (options.year !== undefined && options.year !== first.year) {
      doubts.push({ code: 'doubtful-year', severity: 'warning', file, line: first.line, field: 'year', message: `the card states ${first.year}, not the ${options.year} given; ${first.year} is taken` });
    }
    return first.year;
  }
  if (options.year !== undefined) return options.year;
  doubts.push({ code: 'unknown-year', severity: 'warning', file, line: null, field: 'year', message: 'the card states no year (such as "ANNO 2021"): it is read as undated; give its year to date it' });
  return null;
}

function readWebAddress(field: Parameters<typeof toFieldRichText>[0], file: string, doubts: Finding[]): Link | null {
  const rich = toFieldRichText(field);
  const [link, ...others] = rich.links;
  if (field !== undefined && link === undefined && rich.text !== '') {
    doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: field.line, field: 'webAddress', message: `no web address can be read from "${rich.text}"` });
  }
  if (field !== undefined && link !== undefined && others.length > 0) {
    doubts.push({ code: 'doubtful-cell', severity: 'warning', file, line: field.line, field: 'webAddress', message: `${rich.links.length} links given; the first, ${link.href}, is taken` });
  }
  return link ?? null;
}
