import type { EditionStatus } from './edition-status.ts';

/** Why an edition keeps a valore programmato worse than the one before, or drops an indicator: published with the card. */
export interface Justification {
  /** The indicator's stable id. */
  uid: string;
  /** Its slug in this edition, or in the one before for a removed indicator. */
  slug: string;
  kind: 'worsened' | 'removed';
  text: string;
  /** Who recorded it, as the audit log names actors. */
  recordedBy: string;
  recordedAt: string;
}

/** Where an edition of a card stands and what adopted it. */
export interface EditionRecord {
  /** "2027", "2027-r2" (a correction), "undated". */
  key: string;
  status: EditionStatus;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The act that adopted the card, as written ("Decreto direttoriale n. 12 del 15/01/2027"). */
  act: string | null;
  /** 'YYYY-MM-DD': the day from which the card binds the administration. */
  inForceFrom: string | null;
  publishedAt: string | null;
  /** When it was superseded or withdrawn. */
  closedAt: string | null;
  /** Why it was withdrawn, or which edition superseded it. */
  closeReason: string | null;
  justifications: Justification[];
}

/**
 * The day an approved card comes into force when the approval names none: the 1 January of its year when approved
 * before it (a 2027 card adopted in December 2026), else the day of approval.
 */
export function defaultInForceFrom(year: number | null, approvedOn: string): string {
  const start = year === null ? null : `${String(year).padStart(4, '0')}-01-01`;
  return start !== null && start > approvedOn ? start : approvedOn;
}

/**
 * Whether the card in force is older than a year on `today` ('YYYY-MM-DD'): a dated card of an earlier year, or one
 * in force for more than a year. CIVIT asks for the standards to be updated every year ("carta non aggiornata").
 */
export function isOutdated(card: { year: number | null; inForceFrom: string | null }, today: string): boolean {
  const year = Number(today.slice(0, 4));
  if (card.year !== null) return card.year < year;
  if (card.inForceFrom === null) return false;
  const aYearAgo = `${String(year - 1).padStart(4, '0')}${today.slice(4)}`;
  return card.inForceFrom < aYearAgo;
}

/** A day as 'YYYY-MM-DD', or null when `text` is not a real calendar day. */
export function parseDay(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === `${y}-${m}-${d}` ? `${y}-${m}-${d}` : null;
}

/** The record of an edition nobody has approved yet. */
export function draftRecord(key: string): EditionRecord {
  return { key, status: 'draft', approvedBy: null, approvedAt: null, act: null, inForceFrom: null, publishedAt: null, closedAt: null, closeReason: null, justifications: [] };
}

/** The record without its key, as listings carry it beside the edition key. */
export function withoutKey(record: EditionRecord): Omit<EditionRecord, 'key'> {
  const { key: _key, ...rest } = record;
  return rest;
}
