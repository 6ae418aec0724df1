import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, inject } from 'vitest';
import { openDatabase, type Database } from '../src/storage/database.ts';
import type { DialectName } from '../src/storage/dialects/storage-dialect.ts';

/** Every dialect storage supports; each storage suite runs once per entry. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** What a storage test gets: fresh, migrated databases of one dialect, cleaned up after each test. */
export interface DialectContext {
  readonly dialect: DialectName;
  /** A URL (SQLite file path, or postgres:// URL) to a new, empty database, removed after the test. */
  freshUrl(): Promise<string>;
  /** Opens (and migrates) the database at `url`; closed after the test. */
  open(url: string): Promise<Database>;
  /** A new, empty, migrated database; closed and dropped after the test. */
  openFresh(): Promise<Database>;
}

export interface ManagedDialectContext extends DialectContext {
  /** Closes what the test opened and drops what it created. */
  cleanup(): Promise<void>;
  /** Drops the suite's PostgreSQL database and removes its SQLite temp folder. */
  dispose(): Promise<void>;
}

let sequence = 0;

/** A name unique in the cluster and on this machine. */
function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}_${process.pid}_${sequence}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A context for one dialect; call cleanup() after each test and dispose() after the suite.
 * PostgreSQL: one database per suite (CREATE DATABASE, dropped by dispose) and one schema per fresh
 * database, reached through search_path. Creating a schema is far cheaper than a database, and a
 * non-default schema makes any hard-coded "public." fail, as n8n's test run does.
 */
export function createDialectContext(dialect: DialectName): ManagedDialectContext {
  let tempDir: string | undefined;
  let suiteDatabase: Promise<string> | undefined;
  const opened: Database[] = [];
  const schemas: string[] = [];

  const createSuiteDatabase = async (): Promise<string> => {
    const name = uniqueName('misura_test');
    await withAdmin(inject('postgresAdminUrl'), (admin) => admin.query(`create database "${name}" strategy = file_copy`));
    const url = new URL(inject('postgresAdminUrl'));
    url.pathname = `/${name}`;
    return url.toString();
  };

  const freshUrl = async (): Promise<string> => {
    if (dialect === 'sqlite') {
      tempDir ??= mkdtempSync(join(tmpdir(), 'misura-sqlite-'));
      // A subfolder that does not exist yet, so every test also checks that openDatabase creates it.
      return join(tempDir, uniqueName('db'), 'misura.db');
    }
    suiteDatabase ??= createSuiteDatabase();
    const databaseUrl = await suiteDatabase;
    const schema = uniqueName('s');
    await withAdmin(databaseUrl, (admin) => admin.query(`create schema "${schema}"`));
    schemas.push(schema);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return url.toString();
  };

  const open = async (url: string): Promise<Database> => {
    const database = await openDatabase(url);
    opened.push(database);
    return database;
  };

  return {
    dialect,
    freshUrl,
    open,
    openFresh: async () => open(await freshUrl()),
    cleanup: async () => {
      for (const database of opened.splice(0)) await database.close();
      if (suiteDatabase === undefined || schemas.length === 0) return;
      const databaseUrl = await suiteDatabase;
      for (const schema of schemas.splice(0)) await withAdmin(databaseUrl, (admin) => admin.query(`drop schema "${schema}" cascade`));
    },
    dispose: async () => {
      if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
      tempDir = undefined;
      if (suiteDatabase === undefined) return;
      const name = new URL(await suiteDatabase).pathname.slice(1);
      suiteDatabase = undefined;
      await withAdmin(inject('postgresAdminUrl'), (admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

async function withAdmin(url: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Defines the suite once per dialect ("<name> [sqlite]", "<name> [postgres]"). PostgreSQL runs in
 * the throw-away cluster of test/postgres.global-setup.ts (see createDialectContext).
 */
export function describeEachDialect(name: string, define: (ctx: DialectContext) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      const ctx = createDialectContext(dialect);
      afterEach(() => ctx.cleanup());
      afterAll(() => ctx.dispose());
      define(ctx);
    });
  }
}
