import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { UserError } from '../domain/shared/errors.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { openDatabase, redactUrl } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** Checks that a database was migrated exactly once: each migration recorded once, each table once. */
async function expectOneSchema(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
  expect(applied.rows.map((row) => row.name)).toEqual(MIGRATIONS.map(([name]) => name));
  const tables = (await database.db.introspection.getTables()).map((table) => table.name);
  expect(new Set(tables).size).toBe(tables.length);
  expect(tables).toEqual(expect.arrayContaining(['cards', 'events', 'sources', 'day_rollups', 'rollup_queue', 'api_tokens']));
}

const CHILD = fileURLToPath(new URL('./open-database.test-child.ts', import.meta.url));

/** Opens the database at `url` from `count` separate processes at the same moment; the error of each one that failed. */
async function openFromProcesses(url: string, count: number): Promise<string[]> {
  const children = Array.from({ length: count }, () => fork(CHILD, [url], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
  const outcomes = children.map(
    (child) =>
      new Promise<string | undefined>((resolve) => {
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('exit', (code) => resolve(code === 0 ? undefined : `exit ${code}: ${stderr.trim()}`));
      }),
  );
  // Every child has loaded its modules before any opens the database: the openings really overlap.
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));
  for (const child of children) child.send('go');
  return (await Promise.all(outcomes)).filter((outcome) => outcome !== undefined);
}

describeEachDialect('openDatabase', (ctx) => {
  it('migrates a new database once when 20 connections open it at the same time, and every opening succeeds', async () => {
    const url = await ctx.freshUrl();
    const openings = await Promise.allSettled(Array.from({ length: 20 }, () => ctx.open(url)));
    expect(openings.filter((opening) => opening.status === 'rejected')).toEqual([]);
    const [first] = openings;
    if (first?.status !== 'fulfilled') throw new Error('no opening');
    await expectOneSchema(first.value);
  });

  if (ctx.dialect === 'sqlite') it('migrates a new SQLite file once when 8 processes open it at the same time, and every process succeeds', async () => {
    const url = await ctx.freshUrl();
    expect(await openFromProcesses(url, 8)).toEqual([]);
    await expectOneSchema(await ctx.open(url));
  }, 120_000);

  it('opens an up-to-date database while another connection holds a write transaction', async () => {
    const url = await ctx.freshUrl();
    const writer = await ctx.open(url);
    await writer.db.transaction().execute(async (trx) => {
      await trx.insertInto('organisations').values({ slug: 'pa', name: 'PA' }).execute();
      const reader = await ctx.open(url);
      expect(await reader.db.selectFrom('organisations').select('slug').execute()).toEqual([]);
    });
  });

  it('creates every table on a new database', async () => {
    const database = await ctx.openFresh();
    const tables = (await database.db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual(expect.arrayContaining(['cards', 'comparator_overrides', 'day_rollups', 'events', 'indicators', 'measures', 'organisations', 'services', 'sources']));
    expect(database.dialect).toBe(ctx.dialect);
  });

  it('can open the same database again without re-running migrations or losing data', async () => {
    const url = await ctx.freshUrl();
    const first = await ctx.open(url);
    await first.db.insertInto('organisations').values({ slug: 'pa', name: 'PA' }).execute();
    await first.close();
    const second = await ctx.open(url);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(second.db);
    expect(applied.rows.map((row) => row.name)).toEqual(MIGRATIONS.map(([name]) => name));
    expect(await second.db.selectFrom('organisations').select('slug').execute()).toEqual([{ slug: 'pa' }]);
  });

  it('gives ids from 1 upwards, as integers', async () => {
    const { db } = await ctx.openFresh();
    const a = await db.insertInto('organisations').values({ slug: 'a', name: 'A' }).returning('id').executeTakeFirstOrThrow();
    const b = await db.insertInto('organisations').values({ slug: 'b', name: 'B' }).returning('id').executeTakeFirstOrThrow();
    expect([a.id, b.id]).toEqual([1, 2]);
  });

  it('enforces foreign keys', async () => {
    const { db } = await ctx.openFresh();
    const insertOrphan = db
      .insertInto('cards')
      .values({ service_id: 999, year: 2021, edition_key: '2021', source_file: 'x', source_hash: 'h', notes_json: '[]', rule_text: null, imported_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    await expect(insertOrphan).rejects.toThrow(/foreign key/i);
  });

  it('returns counts as numbers', async () => {
    const { db } = await ctx.openFresh();
    await db.insertInto('organisations').values([{ slug: 'a', name: 'A' }, { slug: 'b', name: 'B' }]).execute();
    const { count } = await db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(count).toBe(2);
  });

  if (ctx.dialect === 'postgres') it('works in the schema the connection URL names, not only in "public"', async () => {
    const { db } = await ctx.openFresh();
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
    expect(schema).toMatch(/^s_/);
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema} order by table_name`.execute(db);
    expect(tables.rows.map((row) => row.name)).toContain('cards');
  });

  if (ctx.dialect === 'postgres') it('reads PostgreSQL dates as strings and int8 and numeric as numbers', async () => {
    const { db } = await ctx.openFresh();
    const result = await sql<{ day: unknown; big: unknown; decimal: unknown }>`select date '2026-03-01' as day, 9007199254740991::int8 as big, 12.5::numeric as decimal`.execute(db);
    expect(result.rows[0]).toEqual({ day: '2026-03-01', big: 9007199254740991, decimal: 12.5 });
  });

  if (ctx.dialect === 'sqlite') it('creates the folder of a SQLite file and turns on WAL, foreign keys and a busy timeout', async () => {
    const url = await ctx.freshUrl();
    expect(existsSync(dirname(url))).toBe(false);
    const { db } = await ctx.open(url);
    expect(existsSync(url)).toBe(true);
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0] as unknown;
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBeGreaterThan(0);
  });
});

describe('openDatabase on SQLite in memory', () => {
  it('accepts ":memory:" and migrates it', async () => {
    const database = await openDatabase(':memory:');
    try {
      expect(database.dialect).toBe('sqlite');
      expect(await database.db.selectFrom('cards').selectAll().execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});

describe('opening a database that cannot be reached', () => {
  it('names the SQLite file it cannot create', async () => {
    await expect(openDatabase('/dev/null/misura.db')).rejects.toThrow(UserError);
    await expect(openDatabase('/dev/null/misura.db')).rejects.toThrow(/^\/dev\/null\/misura\.db: cannot open the SQLite database/);
  });

  it('says which database, without its password', async () => {
    const attempt = openDatabase('postgres://misura:secret@127.0.0.1:1/misura');
    await expect(attempt).rejects.toThrow('cannot open the database postgres://misura:***@127.0.0.1:1/misura');
    await expect(attempt).rejects.not.toThrow(/secret/);
  });

  it.each([
    ['postgres://user:pw@host:5432/db', 'postgres://user:***@host:5432/db'],
    ['postgresql://user@host/db', 'postgresql://user@host/db'],
    ['./data/misura.db', './data/misura.db'],
  ])('redacts %s as %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
