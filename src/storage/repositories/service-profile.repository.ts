import type { Selectable } from 'kysely';
import type { ServiceProfile } from '../../domain/services/service-profile.ts';
import type { Queryable, ServiceProfilesTable } from '../schema.ts';

/** A service's profile as stored, with who set it last and when. */
export interface StoredServiceProfile {
  serviceId: number;
  profile: ServiceProfile;
  updatedBy: string;
  updatedAt: string;
}

function profileFromRow(row: Selectable<ServiceProfilesTable>): StoredServiceProfile {
  return {
    serviceId: row.service_id,
    profile: {
      name: row.name,
      office: row.office,
      channelsText: row.channels_text,
      diffidaBody: row.diffida_body,
      diffidaPec: row.diffida_pec,
      diffidaProcedure: row.diffida_procedure,
      webAddress: row.web_address,
      complaintHow: row.complaint_how,
      // PostgreSQL's driver may hand integers back as text; the domain wants numbers.
      complaintResponseDays: row.complaint_response_days === null ? null : Number(row.complaint_response_days),
      indemnityAmountCents: row.indemnity_amount_cents === null ? null : Number(row.indemnity_amount_cents),
      indemnityConditions: row.indemnity_conditions,
    },
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The profiles of these services (all of them when `serviceIds` is undefined), by service id. */
export async function findServiceProfiles(db: Queryable, serviceIds?: readonly number[]): Promise<Map<number, StoredServiceProfile>> {
  if (serviceIds !== undefined && serviceIds.length === 0) return new Map();
  let query = db.selectFrom('service_profiles').selectAll();
  if (serviceIds !== undefined) query = query.where('service_id', 'in', serviceIds);
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.service_id, profileFromRow(row)]));
}

/** Sets a service's profile, replacing the one it had. */
export async function saveServiceProfile(db: Queryable, serviceId: number, profile: ServiceProfile, updatedBy: string, updatedAt: string): Promise<void> {
  const columns = {
    name: profile.name,
    office: profile.office,
    channels_text: profile.channelsText,
    diffida_body: profile.diffidaBody,
    diffida_pec: profile.diffidaPec,
    diffida_procedure: profile.diffidaProcedure,
    web_address: profile.webAddress,
    complaint_how: profile.complaintHow,
    complaint_response_days: profile.complaintResponseDays,
    indemnity_amount_cents: profile.indemnityAmountCents,
    indemnity_conditions: profile.indemnityConditions,
    updated_by: updatedBy,
    updated_at: updatedAt,
  };
  await db
    .insertInto('service_profiles')
    .values({ service_id: serviceId, ...columns })
    .onConflict((oc) => oc.column('service_id').doUpdateSet(columns))
    .execute();
}
