import type { Justification } from '../../domain/editions/edition.ts';
import type { EditionStatus } from '../../domain/editions/edition-status.ts';
import { chunksOf } from '../chunks.ts';
import type { Queryable } from '../schema.ts';

/** The lifecycle fields of an edition that a step changes; absent fields stay as they are. */
export interface EditionStateChange {
  status: EditionStatus;
  approvedBy?: string | null;
  approvedAt?: string | null;
  act?: string | null;
  inForceFrom?: string | null;
  publishedAt?: string | null;
  closedAt?: string | null;
  closeReason?: string | null;
}

/** Moves an edition (a card row) to its next state. */
export async function updateEditionState(db: Queryable, cardId: number, change: EditionStateChange): Promise<void> {
  const set = {
    status: change.status,
    ...(change.approvedBy !== undefined ? { approved_by: change.approvedBy } : {}),
    ...(change.approvedAt !== undefined ? { approved_at: change.approvedAt } : {}),
    ...(change.act !== undefined ? { act: change.act } : {}),
    ...(change.inForceFrom !== undefined ? { in_force_from: change.inForceFrom } : {}),
    ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
    ...(change.closedAt !== undefined ? { closed_at: change.closedAt } : {}),
    ...(change.closeReason !== undefined ? { close_reason: change.closeReason } : {}),
  };
  await db.updateTable('cards').set(set).where('id', '=', cardId).execute();
}

/** Replaces the "(&)" justifications of an edition. */
export async function replaceJustifications(db: Queryable, cardId: number, justifications: readonly Justification[]): Promise<void> {
  await db.deleteFrom('edition_justifications').where('card_id', '=', cardId).execute();
  for (const chunk of chunksOf(justifications, 100)) {
    await db
      .insertInto('edition_justifications')
      .values(
        chunk.map((j) => ({
          card_id: cardId,
          indicator_uid: j.uid,
          indicator_slug: j.slug,
          kind: j.kind,
          text: j.text,
          recorded_by: j.recordedBy,
          recorded_at: j.recordedAt,
        })),
      )
      .execute();
  }
}

/**
 * Remembers that `slug` names the indicator `uid` of the service. A slug reused by another indicator now points to
 * that one: an old URL leads to the indicator that has the name today.
 */
export async function recordIndicatorSlugs(db: Queryable, serviceId: number, entries: readonly { slug: string; uid: string }[], now: string): Promise<void> {
  for (const { slug, uid } of entries) {
    await db
      .insertInto('indicator_slugs')
      .values({ service_id: serviceId, slug, uid, recorded_at: now })
      .onConflict((oc) => oc.columns(['service_id', 'slug']).doUpdateSet({ uid, recorded_at: now }).where('indicator_slugs.uid', '<>', uid))
      .execute();
  }
}

/** The stable id a slug of the service has named (now or before), if any. */
export async function findUidOfSlug(db: Queryable, serviceId: number, slug: string): Promise<string | undefined> {
  const row = await db.selectFrom('indicator_slugs').select('uid').where('service_id', '=', serviceId).where('slug', '=', slug).executeTakeFirst();
  return row?.uid;
}
