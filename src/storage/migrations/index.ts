import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { MigrationDialect } from '../dialects/storage-dialect.ts';
import * as createCards from './20261123180000_create_cards.ts';
import * as createEvents from './20261124090000_create_events.ts';
import * as createApiTokens from './20261125120000_create_api_tokens.ts';
import * as createRollupQueue from './20261126090000_create_rollup_queue.ts';
import * as addRollupEpoch from './20261127090000_add_rollup_epoch.ts';
import * as dropEventContentHash from './20261127120000_drop_event_content_hash.ts';
import * as createAuditLog from './20261203090000_create_audit_log.ts';
import * as createIndicatorFaults from './20261204000000_create_indicator_faults.ts';
import * as addSourceFirstEvent from './20261204000100_add_source_first_event.ts';
import * as createAccounts from './20261204020000_create_accounts.ts';
import * as addEditionLifecycle from './20261205000000_add_edition_lifecycle.ts';
import * as createProbes from './20261208000000_create_probes.ts';
import * as createAlerts from './20261208000100_create_alerts.ts';
import * as createServiceProfiles from './20261208120000_create_service_profiles.ts';
import * as createDiffide from './20261208090000_create_diffide.ts';
import * as createMaintenanceWindows from './20261208000200_create_maintenance_windows.ts';
import * as createServiceCosts from './20261209020000_create_service_costs.ts';
import * as createClassActions from './20261209010000_create_class_actions.ts';
import * as addDiffidaErasure from './20261210200000_add_diffida_erasure.ts';
import * as createDailyRuns from './20261211000000_create_daily_runs.ts';
import * as createSatisfaction from './20261210000000_create_satisfaction.ts';

interface MigrationModule {
  up: (db: Kysely<unknown>, dialect: MigrationDialect) => Promise<void>;
  down?: (db: Kysely<unknown>, dialect: MigrationDialect) => Promise<void>;
}

/**
 * Every migration, in order, named as its file (without ".ts"). A static list rather than a
 * folder scan, so it works under tsx and in a bundle; migrations.test.ts checks it against the folder.
 */
export const MIGRATIONS: ReadonlyArray<readonly [name: string, module: MigrationModule]> = [
  ['20261123180000_create_cards', createCards],
  ['20261124090000_create_events', createEvents],
  ['20261125120000_create_api_tokens', createApiTokens],
  ['20261126090000_create_rollup_queue', createRollupQueue],
  ['20261127090000_add_rollup_epoch', addRollupEpoch],
  ['20261127120000_drop_event_content_hash', dropEventContentHash],
  ['20261203090000_create_audit_log', createAuditLog],
  ['20261204000000_create_indicator_faults', createIndicatorFaults],
  ['20261204000100_add_source_first_event', addSourceFirstEvent],
  ['20261204020000_create_accounts', createAccounts],
  ['20261205000000_add_edition_lifecycle', addEditionLifecycle],
  ['20261208000000_create_probes', createProbes],
  ['20261208000100_create_alerts', createAlerts],
  ['20261208000200_create_maintenance_windows', createMaintenanceWindows],
  ['20261208090000_create_diffide', createDiffide],
  ['20261208120000_create_service_profiles', createServiceProfiles],
  ['20261209010000_create_class_actions', createClassActions],
  ['20261209020000_create_service_costs', createServiceCosts],
  ['20261210000000_create_satisfaction', createSatisfaction],
  ['20261210200000_add_diffida_erasure', addDiffidaErasure],
  ['20261211000000_create_daily_runs', createDailyRuns],
];

/** A Kysely migration provider that hands each migration the dialect helpers. */
export function createMigrationProvider(dialect: MigrationDialect): MigrationProvider {
  return {
    getMigrations: () => {
      const migrations: Record<string, Migration> = {};
      for (const [name, module] of MIGRATIONS) {
        const { up, down } = module;
        migrations[name] = {
          up: (db) => up(db as Kysely<unknown>, dialect),
          ...(down ? { down: (db: Kysely<unknown>) => down(db, dialect) } : {}),
        };
      }
      return Promise.resolve(migrations);
    },
  };
}

/** The migrations recorded as done in the database (Kysely's table), in name order; none when it has no such table. */
export async function listAppliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    return rows.map((row) => row.name).sort();
  } catch {
    // No table yet (a new database); a real failure (a refused connection) shows again in the migration that follows.
    return [];
  }
}

/** Whether the database has exactly this build's migrations done: none pending, and none this build does not know. */
export function isUpToDate(applied: readonly string[]): boolean {
  return applied.length === MIGRATIONS.length && MIGRATIONS.every(([name], index) => applied[index] === name);
}

/** The schema version of this build: the name of its last migration. */
export function latestSchemaVersion(): string {
  return MIGRATIONS[MIGRATIONS.length - 1]![0];
}

/** Whether a database at schema version `version` (its last migration) can be opened by this build. */
export function isKnownSchemaVersion(version: string): boolean {
  return MIGRATIONS.some(([name]) => name === version);
}
