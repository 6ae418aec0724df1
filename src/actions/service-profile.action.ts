import type { Actor } from '../domain/accounts/actor.ts';
import { describeActor } from '../domain/accounts/actor.ts';
import type { Organisation, Service } from '../domain/cards/card.ts';
import { UserError } from '../domain/shared/errors.ts';
import {
  EMPTY_PROFILE,
  effectiveServiceProfile,
  parseServiceProfile,
  type EffectiveServiceProfile,
  type ProfileFieldError,
  type ProfileInput,
  type ServiceProfile,
} from '../domain/services/service-profile.ts';
import type { Database } from '../storage/database.ts';
import { appendAuditRecord } from '../storage/repositories/audit-log.repository.ts';
import { bumpDataVersion } from '../storage/repositories/data-version.repository.ts';
import { findOrganisationsByIds } from '../storage/repositories/organisation.repository.ts';
import { findServiceProfiles, saveServiceProfile as storeServiceProfile } from '../storage/repositories/service-profile.repository.ts';
import { findServicesBySlugs, type StoredService } from '../storage/repositories/service.repository.ts';
import { nowOf } from './account-deps.ts';
import type { Queryable } from '../storage/schema.ts';

export interface ServiceProfileDeps {
  database: Database;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/** A service as its card says it, what the back office set over it, and the two together. */
export interface ServiceProfileView {
  organisation: Organisation;
  /** The service as its latest imported card says it. */
  card: Service;
  /** What the back office set (EMPTY_PROFILE when nothing yet). */
  profile: ServiceProfile;
  effective: EffectiveServiceProfile;
  /** Who set the profile last and when (canonical UTC), or null when nobody has. */
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A profile refused: every field's problem, so the form can show each beside its field. */
export class ProfileValidationError extends UserError {
  constructor(readonly errors: readonly ProfileFieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ProfileValidationError';
  }
}

/** The service of this slug (the first organisation's, as the public site picks it), or a UserError naming the slug. */
async function findServiceOrFail(db: Queryable, slug: string): Promise<StoredService> {
  const [stored] = await findServicesBySlugs(db, [slug.trim()]);
  if (stored === undefined) throw new UserError(`no stored service is called "${slug}"`, { field: 'servizio' });
  return stored;
}

async function viewOf(db: Queryable, stored: StoredService): Promise<ServiceProfileView> {
  const [organisation] = await findOrganisationsByIds(db, [stored.organisationId]);
  if (organisation === undefined) throw new Error(`service ${stored.id} has no organisation: the database is inconsistent`);
  const saved = (await findServiceProfiles(db, [stored.id])).get(stored.id);
  const profile = saved?.profile ?? EMPTY_PROFILE;
  return {
    organisation: { slug: organisation.slug, name: organisation.name },
    card: stored.service,
    profile,
    effective: effectiveServiceProfile(stored.service, profile),
    updatedBy: saved?.updatedBy ?? null,
    updatedAt: saved?.updatedAt ?? null,
  };
}

/** The effective profile of a service: its card's values, each overridden by the back office's when set. */
export async function readServiceProfile(deps: ServiceProfileDeps, serviceSlug: string): Promise<ServiceProfileView> {
  const { db } = deps.database;
  return viewOf(db, await findServiceOrFail(db, serviceSlug));
}

/**
 * Sets a service's profile from the form's text, all or nothing: refused with every field's problem
 * (ProfileValidationError), else stored with an "service-profile.save" audit record (before and after) in the same
 * transaction. The data version moves, so cached pages and their ETags follow.
 */
export async function saveServiceProfile(deps: ServiceProfileDeps, actor: Actor, input: { service: string; profile: ProfileInput }): Promise<ServiceProfileView> {
  const parsed = parseServiceProfile(input.profile);
  if (parsed.profile === null) throw new ProfileValidationError(parsed.errors);
  const profile = parsed.profile;
  const now = nowOf(deps);
  return deps.database.db.transaction().execute(async (trx) => {
    const stored = await findServiceOrFail(trx, input.service);
    const before = (await findServiceProfiles(trx, [stored.id])).get(stored.id)?.profile ?? null;
    await storeServiceProfile(trx, stored.id, profile, describeActor(actor), now);
    await appendAuditRecord(trx, actor, { action: 'service-profile.save', entityType: 'service-profile', entityKey: stored.service.slug, before, after: profile }, now);
    await bumpDataVersion(trx);
    return viewOf(trx, stored);
  });
}
