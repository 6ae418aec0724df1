// The formats official documents are exported in, with their media types.

export type DocumentFormat = 'pdf' | 'docx' | 'xlsx' | 'odt';

export const CARD_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['pdf', 'docx', 'odt', 'xlsx'];
export const REPORT_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['pdf', 'docx', 'xlsx'];

export const DOCUMENT_MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** An exported document: its bytes, the file name to save it under and its media type. */
export interface ExportedDocument {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
}

/** The format named `name` among `allowed`, or undefined. */
export function documentFormatOf(name: string, allowed: readonly DocumentFormat[]): DocumentFormat | undefined {
  return allowed.find((format) => format === name.toLowerCase());
}
