import type { Kysely } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';

/**
 * When a diffida's personal data (the claimant's name and e-mail, the facts, the office's notes) were erased at the end
 * of their retention (GDPR art. 5 c.1 lett. e; MISURA_DIFFIDA_RETENTION_YEARS). The diffida itself stays, without
 * them: its number, service, standard, dates and outcome are the administration's record and feed the yearly report.
 */
export async function up(db: Kysely<unknown>, _dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('diffide').addColumn('personal_data_erased_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('diffide').dropColumn('personal_data_erased_at').execute();
}
