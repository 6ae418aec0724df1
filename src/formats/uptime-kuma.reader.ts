import { existsSync, readFileSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../domain/shared/errors.ts';
import { findExcessNesting } from './json-depth.ts';
import { probeOfKumaMonitor, type KumaMonitor, type KumaProbe, type KumaSkip } from './uptime-kuma-monitor.ts';

/**
 * Uptime Kuma's monitors, read from its SQLite database (kuma.db) or from a JSON backup of Kuma 1.x, and turned into
 * probe inputs. Where the formats were read (repository louislam/uptime-kuma; nothing of its code is copied here):
 * - SQLite, table `monitor`: the base columns in db/kuma.db (the template database, blob 6e02ccc0) and the columns the
 *   patches add: db/old_migrations/patch6.sql (ignore_tls, upside_down, maxredirects, accepted_statuscodes_json),
 *   patch7.sql (dns_resolve_type, dns_resolve_server), patch-http-monitor-method-body-and-headers.sql (method),
 *   patch-add-invert-keyword.sql (invert_keyword), patch-add-timeout-monitor.sql (timeout, seconds, 0 = unset),
 *   patch-timeout.sql (an unset timeout is interval × 0.8), patch-add-parent-monitor.sql (parent: the group a monitor is in); the same columns for
 *   MariaDB in db/knex_init_db.js; all at commit 6398a9581d1c3c427a7536559f47ccf45dac08b4.
 * - JSON backup ("Export Backup" of 1.x, removed in 2.0 by commit 966dfa6f): `{ version, notificationList,
 *   monitorList }` in src/components/settings/Backup.vue, each monitor as server/model/monitor.js toJSON writes it
 *   (camelCase invertKeyword, upsideDown, ignoreTls, authMethod; accepted_statuscodes an array; active true/false or 1/0), and
 *   how "uploadBackup" in server/server.js read it back (an absent timeout is interval × 0.8); all at commit
 *   8e441dd8f70028b823f465a4d47e18f49b4d2d97.
 */
export interface KumaMonitors {
  format: 'sqlite' | 'json-backup';
  /** The Kuma version a JSON backup states; null for a database. */
  version: string | null;
  probes: KumaProbe[];
  skipped: KumaSkip[];
}

export type { KumaProbe, KumaSkip } from './uptime-kuma-monitor.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** A backup of a few thousand monitors is a few MB; more is not a Kuma backup. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MAX_JSON_DEPTH = 32;
const MAX_IN_MEMORY_BYTES = 256 * 1024 * 1024;
// The file format versions of SQLite's header: 1 rollback journal, 2 WAL.
const ROLLBACK_FORMAT = 1;
const WAL_FORMAT = 2;

/**
 * Reads the monitors of the Kuma file at `path`, its format found from its content (SQLite header or JSON). The
 * database is opened read-only and never written. Every error is a UserError naming the file, and the monitor or the
 * JSON path when it is about one.
 */
export async function readKumaMonitors(path: string): Promise<KumaMonitors> {
  const head = await readHead(path);
  const monitors = head === SQLITE_MAGIC ? readSqliteMonitors(path) : await readBackupMonitors(path);
  return { ...mapMonitors(monitors.list), format: monitors.format, version: monitors.version };
}

interface ReadMonitors {
  format: KumaMonitors['format'];
  version: string | null;
  list: KumaMonitor[];
}

async function readHead(path: string): Promise<string> {
  try {
    const file = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await file.read(Buffer.alloc(16), 0, 16, 0);
      return buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await file.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a Kuma database or backup' : `cannot read the file (${code ?? String(error)})`, { file: path });
}

/** Names each monitor once: a slug of its Kuma name, with -2, -3… after a name already given in this file. */
function mapMonitors(list: KumaMonitor[]): { probes: KumaProbe[]; skipped: KumaSkip[] } {
  const byId = new Map(list.filter((monitor) => monitor.id !== null).map((monitor) => [monitor.id, monitor]));
  const taken = new Set<string>();
  const probes: KumaProbe[] = [];
  const skipped: KumaSkip[] = [];
  for (const monitor of list) {
    const mapped = probeOfKumaMonitor(monitor, taken, pausedGroupOf(monitor, byId));
    if ('reason' in mapped) skipped.push(mapped);
    else {
      taken.add(mapped.input.name);
      probes.push(mapped);
    }
  }
  return { probes, skipped };
}

/** The name of the paused group that holds a monitor, directly or through other groups; null when none does. */
function pausedGroupOf(monitor: KumaMonitor, byId: ReadonlyMap<number | null, KumaMonitor>): string | null {
  const seen = new Set<number>();
  for (let parent = monitor.parent; parent !== null && !seen.has(parent); ) {
    seen.add(parent);
    const group = byId.get(parent);
    if (group === undefined) return null;
    if (!group.active) return group.name;
    parent = group.parent;
  }
  return null;
}

type Row = Record<string, unknown>;

function readSqliteMonitors(path: string): ReadMonitors {
  let database: BetterSqlite3.Database;
  try {
    database = openReadOnly(path);
  } catch (error) {
    throw new UserError(`cannot open the Uptime Kuma database (${messageOf(error)})`, { file: path });
  }
  try {
    let rows: Row[];
    try {
      const table = database.prepare("select name from sqlite_master where type = 'table' and name = 'monitor'").get();
      if (table === undefined) throw new UserError('is a SQLite database without a "monitor" table: not Uptime Kuma\'s kuma.db', { file: path });
      rows = database.prepare('select * from monitor order by id').all() as Row[];
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`cannot read the Uptime Kuma database (${messageOf(error)})`, { file: path });
    }
    return { format: 'sqlite', version: null, list: rows.map((row) => monitorOfRow(row, path)) };
  } finally {
    database.close();
  }
}

/**
 * Opens Kuma's database without changing anything beside it. Kuma keeps it in WAL mode: while Kuma runs, the -wal file
 * holds the latest changes, and a read-only connection reads them (the side files exist already). When Kuma is stopped,
 * SQLite would create -wal and -shm files even for a read-only connection, so a copy is read in memory instead, marked
 * as a rollback-journal database (header bytes 18–19) so that SQLite needs no side files; a very large database (years
 * of heartbeats) is read in place.
 */
function openReadOnly(path: string): BetterSqlite3.Database {
  if (existsSync(`${path}-wal`) || statSync(path).size > MAX_IN_MEMORY_BYTES) return new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  const bytes = readFileSync(path);
  if (bytes[18] === WAL_FORMAT) bytes[18] = ROLLBACK_FORMAT;
  if (bytes[19] === WAL_FORMAT) bytes[19] = ROLLBACK_FORMAT;
  return new BetterSqlite3(bytes, { readonly: true });
}

function monitorOfRow(row: Row, path: string): KumaMonitor {
  const id = integerOrNull(row.id, path, 'monitor', 'id') ?? 0;
  const where = `monitor id ${id}`;
  const field = new FieldReader(row, path, where);
  return {
    id,
    where,
    name: field.text('name') ?? '',
    type: field.text('type') ?? '',
    url: field.text('url'),
    hostname: field.text('hostname'),
    port: field.integer('port'),
    interval: field.number('interval'),
    timeout: field.number('timeout'),
    maxretries: field.integer('maxretries'),
    keyword: field.text('keyword'),
    invertKeyword: field.flag('invert_keyword'),
    acceptedStatusCodes: parseStatusCodesJson(field.text('accepted_statuscodes_json'), path, where),
    active: field.flag('active') ?? true,
    parent: field.integer('parent'),
    upsideDown: field.flag('upside_down') ?? false,
    ignoreTls: field.flag('ignore_tls') ?? false,
    method: field.text('method'),
    authMethod: field.text('auth_method'),
    maxRedirects: field.integer('maxredirects'),
    dnsResolveType: field.text('dns_resolve_type'),
    dnsResolveServer: field.text('dns_resolve_server'),
  };
}

function parseStatusCodesJson(text: string | null, path: string, where: string): string[] | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`${where}: accepted_statuscodes_json is not JSON: ${text.slice(0, 40)}`, { file: path });
  }
  if (!Array.isArray(parsed) || !parsed.every((code) => typeof code === 'string')) throw new UserError(`${where}: accepted_statuscodes_json is not a list of texts`, { file: path });
  return parsed;
}

async function readBackupMonitors(path: string): Promise<ReadMonitors> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  const notKuma = 'is neither an Uptime Kuma database (kuma.db) nor an Uptime Kuma JSON backup';
  if (bytes.byteLength > MAX_JSON_BYTES) throw new UserError(`${notKuma}: too large for a backup`, { file: path });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UserError(`${notKuma}: not UTF-8 text`, { file: path });
  }
  if (!text.trimStart().startsWith('{')) throw new UserError(notKuma, { file: path });
  if (findExcessNesting(text, MAX_JSON_DEPTH) !== undefined) throw new UserError(`${notKuma}: nested deeper than ${MAX_JSON_DEPTH} levels`, { file: path });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`not valid JSON (${messageOf(error)})`, { file: path });
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.monitorList)) throw new UserError(`${notKuma}: it has no "monitorList" list`, { file: path });
  const version = typeof parsed.version === 'string' ? parsed.version : null;
  return { format: 'json-backup', version, list: parsed.monitorList.map((item: unknown, index: number) => monitorOfBackupItem(item, index, path)) };
}

function monitorOfBackupItem(item: unknown, index: number, path: string): KumaMonitor {
  const at = `monitorList[${index}]`;
  if (!isRecord(item)) throw new UserError(`${at} is not an object`, { file: path });
  const field = new FieldReader(item, path, at);
  const codes = item.accepted_statuscodes;
  if (codes !== undefined && codes !== null && !(Array.isArray(codes) && codes.every((code) => typeof code === 'string'))) {
    throw new UserError(`${at}.accepted_statuscodes is not a list of texts`, { file: path });
  }
  return {
    id: field.integer('id'),
    where: at,
    name: field.text('name') ?? '',
    type: field.text('type') ?? '',
    url: field.text('url'),
    hostname: field.text('hostname'),
    port: field.integer('port'),
    interval: field.number('interval'),
    timeout: field.number('timeout'),
    maxretries: field.integer('maxretries'),
    keyword: field.text('keyword'),
    invertKeyword: field.flag('invertKeyword'),
    acceptedStatusCodes: codes ?? null,
    active: field.flag('active') ?? true,
    parent: field.integer('parent'),
    upsideDown: field.flag('upsideDown') ?? false,
    ignoreTls: field.flag('ignoreTls') ?? false,
    method: field.text('method'),
    authMethod: field.text('authMethod'),
    maxRedirects: field.integer('maxredirects'),
    dnsResolveType: field.text('dns_resolve_type'),
    dnsResolveServer: field.text('dns_resolve_server'),
  };
}

/** Reads typed fields of one monitor; a field of the wrong type is an error naming the file, the monitor and the field. */
class FieldReader {
  constructor(
    private readonly source: Row,
    private readonly path: string,
    private readonly where: string,
  ) {}

  text(key: string): string | null {
    const value = this.source[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') throw this.wrong(key, 'a text');
    return value;
  }

  number(key: string): number | null {
    const value = this.source[key];
    if (value === undefined || value === null || value === '') return null;
    const number = typeof value === 'string' ? Number(value) : value;
    if (typeof number !== 'number' && typeof number !== 'bigint') throw this.wrong(key, 'a number');
    const result = Number(number);
    if (!Number.isFinite(result)) throw this.wrong(key, 'a number');
    return result;
  }

  integer(key: string): number | null {
    return integerOrNull(this.number(key), this.path, this.where, key);
  }

  /** Kuma writes booleans as 1/0 in SQLite and as true/false (or 1/0, in old backups) in JSON. */
  flag(key: string): boolean | null {
    const value = this.source[key];
    if (value === undefined || value === null) return null;
    if (value === true || value === 1 || value === '1') return true;
    if (value === false || value === 0 || value === '0') return false;
    throw this.wrong(key, 'true or false');
  }

  private wrong(key: string, expected: string): UserError {
    return new UserError(`${this.where}.${key} is not ${expected}: ${JSON.stringify(this.source[key])?.slice(0, 40) ?? typeof this.source[key]}`, { file: this.path });
  }
}

function integerOrNull(value: unknown, path: string, where: string, key: string): number | null {
  if (value === undefined || value === null) return null;
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new UserError(`${where}.${key} is not a whole number: ${JSON.stringify(typeof value === 'bigint' ? String(value) : value)?.slice(0, 40) ?? typeof value}`, { file: path });
  return number;
}

function isRecord(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
