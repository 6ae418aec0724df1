import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.ts';
import { openDatabase, type Database } from '../storage/database.ts';
import { latestSchemaVersion } from '../storage/migrations/index.ts';
import { backupDatabase } from './backup-database.action.ts';
import { rows, storeKit, T0 } from './events.test-kit.ts';
import { getReport } from './get-report.action.ts';
import { ingestEvents } from './ingest-events.action.ts';
import { listSources } from './list-sources.action.ts';
import { restoreDatabase } from './restore-database.action.ts';

/** Calls of a day, one in four unanswered; checks of the portal, one in five failed; a disruption now and then. */
function eventsOfDay(day: number, prefix: string) {
  const date = `2026-02-${String(day).padStart(2, '0')}`;
  return rows(
    ...Array.from({ length: 8 }, (_, i) => ({ id: `${prefix}call-${day}-${i}`, source: 'cc', kind: 'call.received', at: `${date}T0${i + 1}:00:00Z`, attributes: { answered: i % 4 !== 0 } })),
    ...Array.from({ length: 5 }, (_, i) => ({ id: `${prefix}chk-${day}-${i}`, source: 'probe', kind: 'check.http', at: `${date}T1${i}:00:00Z`, attributes: { ok: (day + i) % 5 !== 0 } })),
    ...(day % 6 === 0 ? [{ id: `${prefix}dis-${day}`, source: 'ops', kind: 'disruption', at: `${date}T12:00:00Z` }] : []),
  );
}

async function ingestDays(database: Database, days: number[], prefix = '') {
  for (const day of days) await ingestEvents({ database, now: () => T0 }, eventsOfDay(day, prefix), { mode: 'all-or-nothing' });
}

/** What the public sees: the report of the year (every indicator, month by month) and the sources, as JSON text. */
async function publicState(database: Database): Promise<string> {
  const report = await getReport({ database, now: () => T0 }, { year: 2026, granularity: 'month' });
  return JSON.stringify({ report, sources: await listSources({ database, now: () => T0 }) });
}

/** Folders for backups, removed after the suite. */
const backupFolders: string[] = [];
function backupFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'misura-backup-'));
  backupFolders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of backupFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const INGESTER = fileURLToPath(new URL('./ingest-events.test-child.ts', import.meta.url));

describeEachDialect('backing up and restoring the database', (ctx) => {
  /** Opens the database at `url` for a step of the test; closed by the step. */
  const withOpen = async <T>(url: string, work: (database: Database) => Promise<T>): Promise<T> => {
    const database = await openDatabase(url);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };

  it('restores exactly what was backed up: the same report and sources, byte for byte, after the database changed', async () => {
    const url = await ctx.freshUrl();
    const folder = backupFolder();
    const out = join(folder, 'nightly', 'misura.backup');
    const deps = { databaseUrl: url, now: () => T0 };

    const { before, summary } = await withOpen(url, async (database) => {
      await storeKit(database);
      await ingestDays(database, [2, 3, 4, 5, 6, 9, 12]);
      const state = await publicState(database);
      // Taken while a connection is open, as a running server would hold one.
      return { before: state, summary: await backupDatabase(deps, { out }) };
    });
    expect(summary.file).toBe(out);
    expect(summary.manifest).toMatchObject({ dialect: ctx.dialect, schemaVersion: latestSchemaVersion(), file: 'misura.backup', createdAt: T0.toISOString() });
    expect(JSON.parse(readFileSync(`${out}.json`, 'utf8'))).toEqual(summary.manifest);

    // Later events change what the public sees.
    const changed = await withOpen(url, async (database) => {
      await ingestDays(database, [13, 16, 18], 'late-');
      return publicState(database);
    });
    expect(changed).not.toBe(before);

    await expect(restoreDatabase(deps, { file: out })).rejects.toThrow(/holds a database already: pass --force/);
    const restored = await restoreDatabase(deps, { file: out, force: true });
    expect(restored.manifest).toEqual(summary.manifest);
    expect(await withOpen(url, publicState)).toBe(before);
  });

  if (ctx.dialect === 'sqlite') it('takes consistent copies while another process keeps ingesting: each passes integrity_check and holds whole batches', async () => {
    const url = await ctx.freshUrl();
    const folder = backupFolder();
    await withOpen(url, (database) => storeKit(database));
    const ingester = fork(INGESTER, [url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => ingester.once('exit', resolve));
    let batches = 0;
    const batchesAtLeast = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const check = (message: { batches: number }) => {
          batches = message.batches;
          if (batches < count) return;
          ingester.off('message', check);
          resolve();
        };
        ingester.on('message', check);
        ingester.once('exit', () => reject(new Error(`the ingesting process ended after ${batches} batches`)));
      });
    const copies: string[] = [];
    try {
      await batchesAtLeast(2);
      // Each copy while the other process commits batch after batch; the next after it has committed one more.
      for (let copy = 0; copy < 4; copy += 1) {
        const file = join(folder, `copy-${copy}.db`);
        await backupDatabase({ databaseUrl: url }, { out: file });
        copies.push(file);
        await batchesAtLeast(batches + 1);
      }
    } finally {
      ingester.send('stop');
      const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000, 'still running'))]);
      if (stopped === 'still running') ingester.kill();
      expect(stopped).toBe(0);
    }
    for (const file of copies) {
      const copy = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
      try {
        expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        const { events } = copy.prepare('select count(*) as events from events').get() as { events: number };
        const { counted } = copy.prepare('select coalesce(sum(event_count), 0) as counted from sources').get() as { counted: number };
        // One moment of the database: every batch's events with its sources' counts, and no half batch.
        expect(events).toBeGreaterThan(0);
        expect(events % 200).toBe(0);
        expect(counted).toBe(events);
      } finally {
        copy.close();
      }
    }
  }, 120_000);

  it('refuses to restore while another connection (a running server) uses the database, and changes nothing', async () => {
    const url = await ctx.freshUrl();
    const out = join(backupFolder(), 'misura.backup');
    const deps = { databaseUrl: url, now: () => T0 };
    const serving = await openDatabase(url);
    try {
      await storeKit(serving);
      await ingestDays(serving, [2]);
      await backupDatabase(deps, { out });
      await ingestDays(serving, [3]);
      const state = await publicState(serving);
      await expect(restoreDatabase(deps, { file: out, force: true })).rejects.toThrow(/the database is in use: .*stop it before restoring/);
      expect(await publicState(serving)).toBe(state);
    } finally {
      await serving.close();
    }
  });

  it('refuses a damaged backup, one of another dialect and one of a schema version this build does not know', async () => {
    const url = await ctx.freshUrl();
    const out = join(backupFolder(), 'misura.backup');
    const deps = { databaseUrl: url, now: () => T0 };
    await withOpen(url, async (database) => {
      await storeKit(database);
      await ingestDays(database, [2]);
    });
    await backupDatabase(deps, { out });
    const manifestFile = `${out}.json`;
    const manifest = readFileSync(manifestFile, 'utf8');
    const bytes = readFileSync(out);

    const damaged = Buffer.from(bytes);
    damaged[Math.floor(damaged.length / 2)] = (damaged[Math.floor(damaged.length / 2)]! + 1) % 256;
    writeFileSync(out, damaged);
    await expect(restoreDatabase(deps, { file: out, force: true })).rejects.toThrow(/does not match the checksum in its manifest/);
    writeFileSync(out, bytes);

    const other = ctx.dialect === 'sqlite' ? 'postgres' : 'sqlite';
    writeFileSync(manifestFile, manifest.replace(`"dialect": "${ctx.dialect}"`, `"dialect": "${other}"`).replace('"postgresSchema": null', '"postgresSchema": "public"'));
    await expect(restoreDatabase(deps, { file: out, force: true })).rejects.toThrow(new RegExp(`is a backup of a ${other} database, and the database to restore \\(MISURA_DB_URL\\) is ${ctx.dialect}`));

    writeFileSync(manifestFile, manifest.replace(/"schemaVersion": "[^"]+"/, '"schemaVersion": "29990101000000_from_the_future"'));
    await expect(restoreDatabase(deps, { file: out, force: true })).rejects.toThrow(/schema version 29990101000000_from_the_future, which this version of misura does not know/);

    writeFileSync(manifestFile, '{"format": "something else"}');
    await expect(restoreDatabase(deps, { file: out, force: true })).rejects.toThrow(/is not a misura backup manifest/);

    // With its own manifest back, the same file restores.
    writeFileSync(manifestFile, manifest);
    await expect(restoreDatabase(deps, { file: out, force: true })).resolves.toMatchObject({ manifest: JSON.parse(manifest) });
  });

  it('restores into a new, empty database without --force (PostgreSQL: a database of its own, tables in "public")', async () => {
    const [source, target] = ctx.dialect === 'sqlite' ? [await ctx.freshUrl(), await ctx.freshUrl()] : [await createPostgresDatabase(), await createPostgresDatabase()];
    try {
      const out = join(backupFolder(), 'misura.backup');
      const before = await withOpen(source, async (database) => {
        await storeKit(database);
        await ingestDays(database, [2, 3]);
        return publicState(database);
      });
      const { manifest } = await backupDatabase({ databaseUrl: source }, { out });
      await restoreDatabase({ databaseUrl: target }, { file: out });
      expect(await withOpen(target, publicState)).toBe(before);
      if (ctx.dialect === 'postgres') {
        expect(manifest.postgresSchema).toBe('public');
        // A connection whose tables live in another schema is not where this backup goes.
        await expect(restoreDatabase({ databaseUrl: await ctx.freshUrl() }, { file: out })).rejects.toThrow(/the backup's tables live in schema "public", this connection's current schema is "s_/);
      }
    } finally {
      if (ctx.dialect === 'postgres') for (const url of [source, target]) await dropPostgresDatabase(url);
    }
  });
});

/** A new PostgreSQL database in the test cluster, as an administration would create one for misura. */
async function createPostgresDatabase(): Promise<string> {
  const name = `misura_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((admin) => admin.query(`create database "${name}"`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(url: string): Promise<void> {
  await withAdmin((admin) => admin.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`));
}

async function withAdmin(work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
