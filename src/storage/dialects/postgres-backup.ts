import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { UserError } from '../../domain/shared/errors.ts';
import { redactUrl } from '../redact-url.ts';
import type { CopiedDatabase, DatabaseBackup } from './storage-dialect.ts';

/** PostgreSQL's client programs a backup or restore runs. */
type PostgresTool = 'pg_dump' | 'pg_restore' | 'psql';

/** Debian and Ubuntu install each major version's programs in a folder of its own, off PATH. */
const VERSIONED_FOLDERS = ['18', '17', '16', '15', '14', '13'].map((version) => `/usr/lib/postgresql/${version}/bin`);

/**
 * The folder holding pg_dump, pg_restore and psql: the first on PATH, else Debian's versioned folders, newest first
 * (pg_dump must be of the server's major version or newer). All three come from one folder, so psql understands what
 * that pg_restore writes.
 */
function findPostgresTools(): (tool: PostgresTool) => string {
  const tools: PostgresTool[] = ['pg_dump', 'pg_restore', 'psql'];
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter((folder) => folder !== ''), ...VERSIONED_FOLDERS];
  const folder = folders.find((candidate) => tools.every((tool) => isExecutable(join(candidate, tool))));
  if (folder === undefined) {
    throw new UserError(
      `PostgreSQL's ${tools.join(', ')} were not found on PATH nor in /usr/lib/postgresql/<version>/bin: install the PostgreSQL client programs (the server's major version or newer)`,
    );
  }
  return (tool) => join(folder, tool);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL for a client program, and its environment: the password leaves the URL (where `ps` would show it) for
 * PGPASSWORD, and the query's values are percent-encoded, as libpq reads "+" literally rather than as a space.
 */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password !== '') {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = '';
  }
  const query = [...parsed.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
  parsed.search = query === '' ? '' : `?${query}`;
  return { dbname: parsed.toString(), env };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'misura backup' });
  try {
    await client.connect();
  } catch (error) {
    throw new UserError(`cannot connect to the database: ${error instanceof Error ? error.message : String(error)}`, { file: redactUrl(url) });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A quoted identifier, as SQL and pg_dump's --schema pattern read it. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs a client program; resolves when it exits 0, else a UserError with what it wrote on stderr. */
function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new UserError(`${program} failed (exit code ${code}): ${stderr.trim()}`))));
  });
}

/**
 * pg_dump in its custom format of the schema misura's tables live in (the connection's current schema), reading the
 * snapshot of a transaction that also reads the schema version: the manifest describes exactly what was dumped.
 */
async function copyTo(url: string, file: string): Promise<CopiedDatabase> {
  const tool = findPostgresTools();
  const { dbname, env } = toolConnection(url);
  return withClient(url, async (client) => {
    await client.query('begin isolation level repeatable read read only');
    try {
      const { rows } = await client.query<{ snapshot: string; schema: string | null; holds: boolean }>(
        "select pg_export_snapshot() as snapshot, current_schema() as schema, to_regclass('kysely_migration') is not null as holds",
      );
      const { snapshot, schema, holds } = rows[0] ?? { snapshot: '', schema: null, holds: false };
      if (schema === null || !holds) throw new UserError('is not a misura database (no migration is recorded in its current schema)', { file: redactUrl(url) });
      const version = await client.query<{ name: string }>('select name from kysely_migration order by name desc limit 1');
      const schemaVersion = version.rows[0]?.name;
      if (schemaVersion === undefined) throw new UserError('is not a misura database (no migration is recorded in its current schema)', { file: redactUrl(url) });
      await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--schema=${quoteIdentifier(schema)}`, `--file=${file}`, `--dbname=${dbname}`], env);
      return { schemaVersion, postgresSchema: schema };
    } finally {
      await client.query('commit');
    }
  });
}

/** Other client sessions on the same database (pg_stat_activity): a running server holds some for as long as it runs. */
async function findOtherUsers(url: string): Promise<string | undefined> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ sessions: number; database: string; applications: string | null }>(
      `select count(*)::int as sessions, current_database() as database,
              string_agg(distinct coalesce(nullif(application_name, ''), 'unnamed'), ', ') as applications
         from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    const found = rows[0];
    if (found === undefined || found.sessions === 0) return undefined;
    return `${found.sessions} other session${found.sessions === 1 ? ' is' : 's are'} connected to database "${found.database}" (${found.applications ?? 'unnamed'}): a running \`misura serve\`, or another client`;
  });
}

async function holdsData(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ holds: boolean }>("select to_regclass('kysely_migration') is not null as holds");
    return rows[0]?.holds === true;
  });
}

/**
 * The backup's SQL (pg_restore writes it) after a DROP SCHEMA … CASCADE of its schema, in ONE transaction that psql
 * stops at the first error, committed only once pg_restore has written all of it: the schema is replaced whole (tables
 * a newer version added included), or, on any failure, left as it was.
 */
async function replaceFrom(url: string, file: string, expected: CopiedDatabase): Promise<void> {
  const tool = findPostgresTools();
  const { dbname, env } = toolConnection(url);
  const target = expected.postgresSchema;
  const schema = await withClient(url, async (client) => (await client.query<{ schema: string | null }>('select current_schema() as schema')).rows[0]?.schema ?? null);
  if (target === null || schema !== target) {
    throw new UserError(
      `the backup's tables live in schema "${target}", this connection's current schema is "${schema}": restore into a connection whose search_path starts with "${target}"`,
      { file: redactUrl(url) },
    );
  }
  const restore = spawn(tool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = spawn(tool('psql'), ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`, '--file=-'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const errors = { restore: '', psql: '' };
  restore.stderr.on('data', (chunk: Buffer) => (errors.restore += chunk.toString()));
  psql.stderr.on('data', (chunk: Buffer) => (errors.psql += chunk.toString()));
  // psql stopping at an error closes its input: pg_restore's writes then fail, and psql's message is the one to show.
  psql.stdin.on('error', () => undefined);
  restore.stdout.on('error', () => undefined);
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code ?? -1));
    });
  const restored = exited(restore);
  const applied = exited(psql);
  // A psql that stopped early reads no more: pg_restore, blocked on a full pipe, is stopped too.
  void applied.then(() => restore.kill(), () => restore.kill());
  psql.stdin.write(`BEGIN;\nDROP SCHEMA IF EXISTS ${quoteIdentifier(target)} CASCADE;\n`);
  restore.stdout.pipe(psql.stdin, { end: false });
  // Without COMMIT, psql ends with the transaction open and PostgreSQL rolls it back.
  const restoreCode = await restored;
  psql.stdin.end(restoreCode === 0 ? 'COMMIT;\n' : undefined);
  const psqlCode = await applied;
  if (psqlCode !== 0) throw new UserError(`psql failed (exit code ${psqlCode}), nothing was changed: ${errors.psql.trim()}`, { file });
  if (restoreCode !== 0) throw new UserError(`pg_restore failed (exit code ${restoreCode}), nothing was changed: ${errors.restore.trim()}`, { file });
}

export const backup: DatabaseBackup = { copyTo, findOtherUsers, holdsData, replaceFrom };
