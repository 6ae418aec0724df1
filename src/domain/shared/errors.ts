/** An error the user can fix: says what is wrong and where, with no stack trace needed. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly where?: { file?: string; line?: number; field?: string },
  ) {
    super(where ? `${formatWhere(where)}: ${message}` : message);
    this.name = 'UserError';
  }
}

export function formatWhere(where: { file?: string; line?: number; field?: string }): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.field !== undefined) parts.push(`field "${where.field}"`);
  return parts.join(', ');
}
