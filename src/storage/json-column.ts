/** Serialises a structured value for a *_json text column. */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

/** Reads a *_json column written by toJsonColumn; the database is ours, so the shape is trusted. */
export function fromJsonColumn<T>(text: string): T {
  return JSON.parse(text) as T;
}
