import { UserError } from '../shared/errors.ts';
import type { Finding } from './finding.ts';

/** Where in a card file something went wrong: the file, and its line, page, sheet, row or column when known. */
export interface CardPlace {
  file: string;
  line?: number;
  field?: string;
  page?: number;
  sheet?: string;
  row?: number;
  column?: number;
}

/**
 * A card file that cannot be imported, with a stable code ("not-a-card", "unsupported-format", "encrypted-pdf",
 * "no-text-layer", "password-protected", "unreadable-file", …) so a dry run can list it as a finding.
 */
export class CardReadError extends UserError {
  constructor(
    readonly code: string,
    message: string,
    readonly place: CardPlace,
  ) {
    super(`${message}${describePlace(place)}`, { file: place.file, ...(place.line !== undefined ? { line: place.line } : {}), ...(place.field !== undefined ? { field: place.field } : {}) });
    this.name = 'CardReadError';
  }

  /** The error as a finding (severity error), for a dry run that reports instead of stopping. */
  toFinding(): Finding {
    const { file, line, field, page, sheet, row, column } = this.place;
    return {
      code: this.code,
      severity: 'error',
      file,
      line: line ?? null,
      field: field ?? null,
      message: this.message,
      ...(page !== undefined ? { page } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(column !== undefined ? { column } : {}),
    };
  }
}

/** " (page 2, row 4)" for what the file name and line do not say. */
function describePlace(place: CardPlace): string {
  const parts: string[] = [];
  if (place.sheet !== undefined) parts.push(`sheet "${place.sheet}"`);
  if (place.page !== undefined) parts.push(`page ${place.page}`);
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  if (place.column !== undefined) parts.push(`column ${place.column}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
