import type { Selectable } from 'kysely';
import type { ClassActionCase, ClassActionPublication, ClassActionStatus, PublicationKind } from '../../domain/class-actions/class-action.ts';
import type { ClassActionCasesTable, ClassActionPublicationsTable, Queryable } from '../schema.ts';

export interface StoredClassActionPublication extends ClassActionPublication {
  id: number;
  caseId: number;
  createdAt: string;
}

/** A case as stored, with its publications newest first. */
export interface StoredClassActionCase extends ClassActionCase {
  id: number;
  createdAt: string;
  updatedAt: string;
  publications: StoredClassActionPublication[];
}

function caseFromRow(row: Selectable<ClassActionCasesTable>, publications: StoredClassActionPublication[]): StoredClassActionCase {
  return {
    // PostgreSQL's driver may hand integers back as text.
    id: Number(row.id),
    serviceSlug: row.service_slug,
    court: row.court,
    caseNumber: row.case_number,
    filedOn: row.filed_on,
    subject: row.subject,
    // Written only from the domain's list.
    status: row.status as ClassActionStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publications,
  };
}

function publicationFromRow(row: Selectable<ClassActionPublicationsTable>): StoredClassActionPublication {
  return {
    id: Number(row.id),
    caseId: Number(row.case_id),
    kind: row.kind as PublicationKind,
    publishedOn: row.published_on,
    text: row.text,
    documentUrl: row.document_url,
    createdAt: row.created_at,
  };
}

/** Stores a new case; returns its id. */
export async function insertClassActionCase(db: Queryable, value: ClassActionCase, createdBy: string, at: string): Promise<number> {
  const row = await db
    .insertInto('class_action_cases')
    .values({
      service_slug: value.serviceSlug,
      court: value.court,
      case_number: value.caseNumber,
      filed_on: value.filedOn,
      subject: value.subject,
      status: value.status,
      created_by: createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Stores a publication of a case, and moves the case's status and last change. */
export async function insertClassActionPublication(
  db: Queryable,
  caseId: number,
  value: ClassActionPublication,
  status: ClassActionStatus,
  createdBy: string,
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('class_action_publications')
    .values({ case_id: caseId, kind: value.kind, published_on: value.publishedOn, text: value.text, document_url: value.documentUrl, created_by: createdBy, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('class_action_cases').set({ status, updated_at: at }).where('id', '=', caseId).execute();
  return Number(row.id);
}

/**
 * Deletes a publication and moves its case's last change; returns what it was (without its text), or undefined when no
 * publication has that id.
 */
export async function deleteClassActionPublication(db: Queryable, publicationId: number, at: string): Promise<Omit<StoredClassActionPublication, 'text' | 'documentUrl'> | undefined> {
  const row = await db.selectFrom('class_action_publications').selectAll().where('id', '=', publicationId).executeTakeFirst();
  if (row === undefined) return undefined;
  await db.deleteFrom('class_action_publications').where('id', '=', publicationId).execute();
  const { text: _text, documentUrl: _url, ...kept } = publicationFromRow(row);
  await db.updateTable('class_action_cases').set({ updated_at: at }).where('id', '=', kept.caseId).execute();
  return kept;
}

/** Sets a case's status, moving its last change. */
export async function updateClassActionStatus(db: Queryable, caseId: number, status: ClassActionStatus, at: string): Promise<void> {
  await db.updateTable('class_action_cases').set({ status, updated_at: at }).where('id', '=', caseId).execute();
}

/** Corrects a case's own fields (court, number, filing day, subject, service), moving its last change; status and publications stay. */
export async function updateClassActionCase(db: Queryable, caseId: number, value: Omit<ClassActionCase, 'status'>, at: string): Promise<void> {
  await db
    .updateTable('class_action_cases')
    .set({ service_slug: value.serviceSlug, court: value.court, case_number: value.caseNumber, filed_on: value.filedOn, subject: value.subject, updated_at: at })
    .where('id', '=', caseId)
    .execute();
}

/** Every case with its publications (or the one of `caseId`): cases by filing day, newest first; publications by date, newest first. */
export async function findClassActionCases(db: Queryable, caseId?: number): Promise<StoredClassActionCase[]> {
  let cases = db.selectFrom('class_action_cases').selectAll().orderBy('filed_on', 'desc').orderBy('id', 'desc');
  let publications = db.selectFrom('class_action_publications').selectAll().orderBy('published_on', 'desc').orderBy('id', 'desc');
  if (caseId !== undefined) {
    cases = cases.where('id', '=', caseId);
    publications = publications.where('case_id', '=', caseId);
  }
  const [caseRows, publicationRows] = await Promise.all([cases.execute(), publications.execute()]);
  const byCase = new Map<number, StoredClassActionPublication[]>();
  for (const row of publicationRows) {
    const publication = publicationFromRow(row);
    const list = byCase.get(publication.caseId) ?? [];
    list.push(publication);
    byCase.set(publication.caseId, list);
  }
  return caseRows.map((row) => caseFromRow(row, byCase.get(Number(row.id)) ?? []));
}
