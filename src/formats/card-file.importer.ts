import { CardReadError } from '../domain/cards/card-read-error.ts';
import type { Finding } from '../domain/cards/finding.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { UserError } from '../domain/shared/errors.ts';
import { buildCards, type ReadCardOptions } from './card-builder.ts';
import { FORMAT_NAMES, FORMATS_READ, type CardDocument } from './card-document.ts';
import { detectCardFormat, type DetectedFormat } from './card-format.ts';

/** The cards a file holds (one, or one per sheet of a workbook) and what the reader noticed beyond the cells. */
export interface ReadCardFileResult {
  cards: ImportedCard[];
  /** Problems of the file itself (cut short, sheets skipped), apart from each card's doubts. */
  findings: Finding[];
}

/**
 * Reads a card file of any supported format: the format is found from the bytes, its reader gives rows of cells,
 * and the card builder makes the cards. Every failure is a UserError naming the file (a CardReadError with a code
 * when the reader knows why); nothing a library throws on damaged bytes escapes as anything else.
 */
export async function readCardFile(bytes: Uint8Array, options: ReadCardOptions): Promise<ReadCardFileResult> {
  const detected = detectCardFormat(bytes, options.file);
  let document: CardDocument;
  try {
    document = await readDocument(detected, bytes, options.file);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new CardReadError('unreadable-file', `cannot read the ${FORMAT_NAMES[detected.format]} file (${error instanceof Error ? error.message : String(error)}). ${FORMATS_READ}`, { file: options.file });
  }
  try {
    return buildCards(document, options);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new CardReadError('unreadable-file', `cannot read the card in the ${FORMAT_NAMES[detected.format]} file (${error instanceof Error ? error.message : String(error)})`, { file: options.file });
  }
}

/** The reader of each format; the heavy ones (office documents, PDF) are loaded only when a file needs them. */
async function readDocument(detected: DetectedFormat, bytes: Uint8Array, file: string): Promise<CardDocument> {
  switch (detected.format) {
    case 'text':
      return (await import('./card-text.importer.ts')).readTextDocument(detected.text, file);
    case 'csv':
      return (await import('./card-csv.reader.ts')).readCsv(detected.text, file);
    case 'markdown':
      return (await import('./card-markdown.reader.ts')).readMarkdown(detected.text, file);
    case 'html':
      return (await import('./card-html.reader.ts')).readHtml(detected.text, file);
    case 'docx':
      return (await import('./card-docx.reader.ts')).readDocx(bytes, file);
    case 'odt':
    case 'ods':
      return (await import('./card-odf.reader.ts')).readOdf(bytes, file, detected.format);
    case 'xlsx':
      return (await import('./card-xlsx.reader.ts')).readXlsx(bytes, file);
    case 'pdf':
      return (await import('./card-pdf.reader.ts')).readPdf(bytes, file);
  }
}
