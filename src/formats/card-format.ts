import { CardReadError } from '../domain/cards/card-read-error.ts';
import { FORMATS_READ, type CardFormat } from './card-document.ts';
import { hasPipeTable } from './card-markdown.reader.ts';
import { readTableHeader } from './card-text-table.ts';
import { isZip, listZip, readZip, entryText } from './card-zip.ts';

// The format of a card file is read from its bytes (a zip's parts, "%PDF", markup), the name only breaking ties:
// PAs rename files, and a ".xls" is often HTML and a ".doc" often RTF.

/** A file's format and, for text, its decoded text. */
export type DetectedFormat = { format: Exclude<CardFormat, 'text' | 'csv' | 'markdown' | 'html'> } | { format: 'text' | 'csv' | 'markdown' | 'html'; text: string };

/** Finds the format of a card file from its content; throws CardReadError for what cannot be read, saying why. */
export function detectCardFormat(bytes: Uint8Array, file: string): DetectedFormat {
  if (bytes.length === 0) throw new CardReadError('empty-file', 'the file is empty, not a standard card', { file });
  if (isZip(bytes)) return { format: zipFormat(bytes, file) };
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]) || indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return { format: 'pdf' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw compoundFileError(bytes, file);
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new CardReadError('unsupported-format', `an RTF document is not read: save it as DOCX or ODT (or PDF) and import that. ${FORMATS_READ}`, { file });
  }
  const text = decodeText(bytes, file);
  if (looksLikeHtml(text)) return { format: 'html', text };
  const lower = file.toLowerCase();
  if (/\.(?:md|markdown)$/.test(lower) || hasPipeTable(text)) return { format: 'markdown', text };
  if (/\.csv$/.test(lower) || (!hasTabTable(text) && looksLikeSeparated(text))) return { format: 'csv', text };
  return { format: 'text', text };
}

function zipFormat(bytes: Uint8Array, file: string): 'docx' | 'xlsx' | 'odt' | 'ods' {
  const { names, damaged } = listZip(bytes);
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.includes('mimetype') || names.includes('content.xml')) {
    const mimetype = entryText(readZip(bytes, (name) => name === 'mimetype'), 'mimetype')?.trim() ?? '';
    if (mimetype === 'application/vnd.oasis.opendocument.text' || (mimetype === '' && /\.odt$/i.test(file))) return 'odt';
    if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet' || (mimetype === '' && /\.ods$/i.test(file))) return 'ods';
    if (mimetype.startsWith('application/vnd.oasis.opendocument')) {
      throw new CardReadError('unsupported-format', `an OpenDocument of another kind (${mimetype}) is not read. ${FORMATS_READ}`, { file });
    }
  }
  if (names.includes('ppt/presentation.xml')) throw new CardReadError('unsupported-format', `a PowerPoint presentation is not read. ${FORMATS_READ}`, { file });
  if (names.length === 0 || damaged) throw new CardReadError('unreadable-file', `a damaged zip file (a Word, Excel or OpenDocument file cut short or corrupted?): its text cannot be found. ${FORMATS_READ}`, { file });
  throw new CardReadError('unsupported-format', `a zip archive that is neither a Word, Excel nor OpenDocument file: unpack it and import the card inside. ${FORMATS_READ}`, { file });
}

/** An OLE2 compound file: an encrypted (password-protected) Office file, or an old binary .doc/.xls. */
function compoundFileError(bytes: Uint8Array, file: string): CardReadError {
  if (indexOfUtf16(bytes, 'EncryptedPackage') >= 0 || indexOfUtf16(bytes, 'EncryptionInfo') >= 0) {
    return new CardReadError('password-protected', 'the file is protected by a password (an encrypted Office document): open it, remove the password (File › Info › Protect) and save it again, then import that', { file });
  }
  if (indexOfUtf16(bytes, 'Workbook') >= 0 || indexOfUtf16(bytes, 'Book') >= 0) {
    return new CardReadError('unsupported-format', `an old Excel workbook (.xls) is not read: save it as XLSX or ODS and import that. ${FORMATS_READ}`, { file });
  }
  if (indexOfUtf16(bytes, 'WordDocument') >= 0) {
    return new CardReadError('unsupported-format', `an old Word document (.doc) is not read: save it as DOCX or ODT and import that. ${FORMATS_READ}`, { file });
  }
  return new CardReadError('unsupported-format', `an old binary Office file is not read: save it as DOCX, XLSX, ODT or ODS. ${FORMATS_READ}`, { file });
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as older Italian exports are; binary bytes refused. */
function decodeText(bytes: Uint8Array, file: string): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const byte of sample) if (byte === 0 || (byte < 0x09) || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control += 1;
  if (control > 0 && control / sample.length > 0.01) {
    throw new CardReadError('unsupported-format', `not a card file: the bytes are neither text nor a document misura knows. ${FORMATS_READ}`, { file });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** True when a line with tabs names the card's columns (the tab-separated layout). */
function hasTabTable(text: string): boolean {
  return /^[^\n]*\t[^\n]*$/m.test(text.slice(0, 200_000)) && /dimension[ei][^\n]*\t|\t[^\n]*dimension[ei]/i.test(text.slice(0, 200_000));
}

/** A line that, split at ";" or ",", is the header of a card's indicator table. */
function looksLikeSeparated(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/, 500);
  return lines.some((line, index) => /dimension/i.test(line) && [';', ','].some((separator) => readTableHeader({ number: index + 1, text: line.split(separator).join('\t') }) !== null));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

function indexOfUtf16(bytes: Uint8Array, text: string): number {
  const limit = Math.min(bytes.length, 1 << 20);
  outer: for (let i = 0; i + text.length * 2 <= limit; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + 2 * j] !== text.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) continue outer;
    return i;
  }
  return -1;
}

/** True when text is an HTML page or fragment with a table, a list or a body: markup, not tab-separated text with a few tags. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^<!doctype html|^<html[\s>]|^<\?xml[^>]*>\s*<!doctype html|^<\?xml[^>]*>\s*<html/.test(head)) return true;
  return head.startsWith('<') && /<(?:table|body|ul|ol|dl)[\s>]/i.test(text.slice(0, 200_000));
}
