import type { Finding } from '../domain/cards/finding.ts';

/** One line per finding: where, how bad, which rule, what to do. */
export function formatFinding(finding: Finding): string {
  const where = (finding.line !== null ? `${finding.file}:${finding.line}` : finding.file) + formatPlace(finding);
  const field = finding.field !== null ? ` [${finding.field}]` : '';
  return `${where}: ${finding.severity} ${finding.code}${field}: ${finding.message}`;
}

/** " (page 2, row 5, column 3)" for a finding in a PDF, a sheet or a table; "" otherwise. */
export function formatPlace(finding: Pick<Finding, 'page' | 'sheet' | 'row' | 'column'>): string {
  const parts: string[] = [];
  if (finding.sheet !== undefined) parts.push(`sheet "${finding.sheet}"`);
  if (finding.page !== undefined) parts.push(`page ${finding.page}`);
  if (finding.row !== undefined) parts.push(`row ${finding.row}`);
  if (finding.column !== undefined) parts.push(`column ${finding.column}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
