export type Severity = 'error' | 'warning' | 'info';

/** Something the importer or the linter wants a person to look at, with where it is. */
export interface Finding {
  /** Stable, kebab-case: scripts and tests rely on it. */
  code: string;
  severity: Severity;
  file: string;
  /** 1-based line in the file, when the finding has one. */
  line: number | null;
  /** The card field concerned ("target", "formula", "dimension", "year", …). */
  field: string | null;
  message: string;
  /** Where in a PDF, a workbook or a table, when the file has pages, sheets or tables (all 1-based but the sheet's name). */
  page?: number;
  sheet?: string;
  row?: number;
  column?: number;
}
