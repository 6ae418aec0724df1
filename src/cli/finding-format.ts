import type { Finding } from '../domain/cards/finding.ts';

/** One line per finding: where, how bad, which rule, what to do. */
export function formatFinding(finding: Finding): string {
  const where = finding.line !== null ? `${finding.file}:${finding.line}` : finding.file;
  const field = finding.field !== null ? ` [${finding.field}]` : '';
  return `${where}: ${finding.severity} ${finding.code}${field}: ${finding.message}`;
}
