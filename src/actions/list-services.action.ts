import type { Organisation, Service } from '../domain/cards/card.ts';
import { EMPTY_PROFILE, effectiveServiceProfile, type EffectiveServiceProfile } from '../domain/services/service-profile.ts';
import type { Database } from '../storage/database.ts';
import { findOrganisationsByIds } from '../storage/repositories/organisation.repository.ts';
import { findServiceProfiles } from '../storage/repositories/service-profile.repository.ts';
import { listServices as listStoredServices } from '../storage/repositories/service.repository.ts';

/** A stored service, with everything its public page shows (channels, diffida body), and its organisation. */
export interface ServiceListing {
  organisation: Organisation;
  /** The service as its card says it, with what the back office set in its place (see service-profile.ts). */
  service: Service;
  /**
   * What the back office adds to the card: channels in words, the diffida's PEC address and procedure, complaints and
   * indemnity, and when it was last set. Absent in view tests that build listings by hand.
   */
  profile?: Omit<EffectiveServiceProfile, 'service'> & { updatedAt: string | null };
}

/** Every stored service with its organisation, by service slug (then organisation). */
export async function listServices(deps: { database: Database }): Promise<ServiceListing[]> {
  const { db } = deps.database;
  const services = await listStoredServices(db);
  const organisations = new Map((await findOrganisationsByIds(db, [...new Set(services.map((s) => s.organisationId))])).map((o) => [o.id, o]));
  const profiles = await findServiceProfiles(db);
  return services.map((stored) => {
    const organisation = organisations.get(stored.organisationId);
    if (organisation === undefined) throw new Error(`service ${stored.id} has no organisation: the database is inconsistent`);
    const saved = profiles.get(stored.id);
    const { service, ...profile } = effectiveServiceProfile(stored.service, saved?.profile ?? EMPTY_PROFILE);
    return { organisation: { slug: organisation.slug, name: organisation.name }, service, profile: { ...profile, updatedAt: saved?.updatedAt ?? null } };
  });
}
