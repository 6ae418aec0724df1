import { UserError } from '../shared/errors.ts';

/**
 * Where an edition of a card stands:
 * draft → approved → published; published → superseded (a later revision of the same year was published) or
 * withdrawn (taken back, with a reason). Superseded and withdrawn editions stay visible with their dates.
 */
export type EditionStatus = 'draft' | 'approved' | 'published' | 'superseded' | 'withdrawn';

export const EDITION_STATUSES: readonly EditionStatus[] = ['draft', 'approved', 'published', 'superseded', 'withdrawn'];

/** The states the public sees in a service's list of editions. */
export const PUBLIC_STATUSES: readonly EditionStatus[] = ['published', 'superseded', 'withdrawn'];

/** What can be done to an edition. */
export type EditionStep = 'edit' | 'approve' | 'unapprove' | 'publish' | 'supersede' | 'withdraw' | 'delete';

/** The status a step leads to, from each status it is allowed in. */
const STEPS: Record<EditionStep, Partial<Record<EditionStatus, EditionStatus>>> = {
  edit: { draft: 'draft' },
  delete: { draft: 'draft' },
  approve: { draft: 'approved' },
  unapprove: { approved: 'draft' },
  publish: { approved: 'published' },
  supersede: { published: 'superseded' },
  withdraw: { published: 'withdrawn', approved: 'withdrawn' },
};

/** A published, superseded or withdrawn edition never changes again: a correction is a new revision. */
export function isFrozen(status: EditionStatus): boolean {
  return status === 'published' || status === 'superseded' || status === 'withdrawn';
}

/** Whether the public sees the edition (in the list of editions; only a published one can be in force). */
export function isPublic(status: EditionStatus): boolean {
  return PUBLIC_STATUSES.includes(status);
}

/** The status after `step`, or a UserError that says why the step is not allowed now. */
export function nextEditionStatus(status: EditionStatus, step: EditionStep, edition: string): EditionStatus {
  const next = STEPS[step][status];
  if (next !== undefined) return next;
  const from = Object.keys(STEPS[step]).join(' or ');
  const hint = isFrozen(status) && (step === 'edit' || step === 'delete') ? ': a published edition never changes; start a correction (a new revision) instead' : '';
  throw new UserError(`the ${edition} edition is ${status}; "${step}" needs it ${from}${hint}`, { field: 'status' });
}

/** The edition key of a revision: "2027" for the first, "2027-r2" for a correction; "undated" has no revisions. */
export function editionKeyOfRevision(year: number | null, revision: number): string {
  if (year === null) return revision === 1 ? 'undated' : `undated-r${revision}`;
  return revision === 1 ? String(year) : `${year}-r${revision}`;
}

/** Year and revision of an edition key ("2027-r2" → 2027, 2), or null when it is not one. */
export function parseEditionKey(key: string): { year: number | null; revision: number } | null {
  const match = /^(\d{4}|undated)(?:-r([2-9]|[1-9]\d+))?$/.exec(key);
  if (match === null) return null;
  const year = match[1] === 'undated' ? null : Number(match[1]);
  return { year, revision: match[2] === undefined ? 1 : Number(match[2]) };
}
