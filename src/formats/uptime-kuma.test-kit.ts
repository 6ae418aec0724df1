import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Test support: Uptime Kuma files as Kuma itself leaves them. The monitor table has Kuma's column names and types: the
 * base table of db/kuma.db and the columns its patches add (db/old_migrations/patch6.sql, patch7.sql,
 * patch-http-monitor-method-body-and-headers.sql, patch-add-invert-keyword.sql, patch-add-timeout-monitor.sql,
 * patch-monitor-basic-auth.sql, patch-add-parent-monitor.sql in louislam/uptime-kuma at 6398a958).
 */
const KUMA_MONITOR_TABLE = `
  CREATE TABLE "monitor" (
    "id" INTEGER NOT NULL,
    "name" VARCHAR(150),
    "active" BOOLEAN NOT NULL DEFAULT 1,
    "user_id" INTEGER,
    "interval" INTEGER NOT NULL DEFAULT 20,
    "url" TEXT,
    "type" VARCHAR(20),
    "weight" INTEGER DEFAULT 2000,
    "hostname" VARCHAR(255),
    "port" INTEGER,
    "created_date" DATETIME DEFAULT (DATETIME('now')) NOT NULL,
    "keyword" VARCHAR(255),
    "maxretries" INTEGER NOT NULL DEFAULT 0,
    "ignore_tls" BOOLEAN DEFAULT 0 NOT NULL,
    "upside_down" BOOLEAN DEFAULT 0 NOT NULL,
    "maxredirects" INTEGER DEFAULT 10 NOT NULL,
    "accepted_statuscodes_json" TEXT DEFAULT '["200-299"]' NOT NULL,
    "dns_resolve_type" VARCHAR(5),
    "dns_resolve_server" VARCHAR(255),
    "dns_last_result" VARCHAR(255),
    "retry_interval" INTEGER DEFAULT 0 NOT NULL,
    "push_token" VARCHAR(20) DEFAULT NULL,
    "method" TEXT DEFAULT 'GET' NOT NULL,
    "body" TEXT DEFAULT NULL,
    "headers" TEXT DEFAULT NULL,
    "basic_auth_user" TEXT DEFAULT NULL,
    "basic_auth_pass" TEXT DEFAULT NULL,
    "auth_method" VARCHAR(250) DEFAULT NULL,
    "expiry_notification" BOOLEAN DEFAULT 1,
    "parent" INTEGER REFERENCES "monitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "invert_keyword" BOOLEAN DEFAULT 0 NOT NULL,
    "json_path" TEXT,
    "expected_value" VARCHAR(255),
    "timeout" DOUBLE DEFAULT 0 NOT NULL,
    PRIMARY KEY("id" AUTOINCREMENT)
  )`;

/** A monitor row: Kuma's column names; what is left out takes Kuma's defaults. */
export type KumaRow = Record<string, string | number | null>;

/** A PA's Kuma: a portal with a keyword, its "down" page, the PEC port, the DNS name, and types misura cannot run. */
export const KUMA_ROWS: KumaRow[] = [
  { id: 1, name: 'Portale istituzionale', type: 'http', url: 'https://www.comune.example.it/', interval: 60, timeout: 48, maxretries: 1 },
  { id: 2, name: 'Portale — parola chiave', type: 'keyword', url: 'https://www.comune.example.it/', keyword: 'Benvenuti', interval: 120, timeout: 30, maxretries: 9 },
  { id: 3, name: 'Portale — parola chiave', type: 'keyword', url: 'https://www.comune.example.it/servizi', keyword: 'Servizio non disponibile', invert_keyword: 1, accepted_statuscodes_json: '["200-299","300-399"]', interval: 5, timeout: 0 },
  { id: 4, name: 'PEC', type: 'port', hostname: 'pec.comune.example.it', port: 465, interval: 300, timeout: 10, active: 0 },
  { id: 5, name: 'DNS www', type: 'dns', hostname: 'www.comune.example.it', dns_resolve_type: 'A', dns_resolve_server: '10.0.0.53', interval: 600, timeout: 10 },
  { id: 6, name: 'Gateway', type: 'ping', hostname: '10.0.0.1' },
  { id: 7, name: 'Sito dietro gruppo', type: 'group' },
  { id: 8, name: 'Push backup', type: 'push', push_token: 'abc' },
  { id: 9, name: 'API stato', type: 'http', url: 'https://api.comune.example.it/stato', accepted_statuscodes_json: '["200-299","404"]' },
];

/** A new folder for one test's files. */
export function makeKumaFolder(): string {
  return mkdtempSync(join(tmpdir(), 'misura-kuma-'));
}

/** Writes a Kuma database with `rows` in its monitor table (and the other tables a real one has, empty); returns its path. */
export function writeKumaDatabase(folder: string, rows: KumaRow[] = KUMA_ROWS, file = 'kuma.db'): string {
  const path = join(folder, file);
  const database = new BetterSqlite3(path);
  try {
    database.exec(KUMA_MONITOR_TABLE);
    database.exec('CREATE TABLE "heartbeat" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "monitor_id" INTEGER NOT NULL, "status" SMALLINT NOT NULL, "time" DATETIME NOT NULL)');
    database.exec('CREATE TABLE "notification" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(255), "config" VARCHAR(255), "active" BOOLEAN DEFAULT 1 NOT NULL)');
    for (const row of rows) {
      const columns = Object.keys(row);
      database.prepare(`INSERT INTO monitor (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(row));
    }
  } finally {
    database.close();
  }
  return path;
}

/** A Kuma 1.x "Export Backup" JSON: each monitor as Kuma's toJSON wrote it (camelCase flags, status codes as a list). */
export function writeKumaBackup(folder: string, rows: KumaRow[] = KUMA_ROWS, file = 'Uptime_Kuma_Backup_2023_05_02-10_00_00.json'): string {
  const monitorList = rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    url: row.url ?? null,
    method: 'GET',
    hostname: row.hostname ?? null,
    port: row.port ?? null,
    maxretries: row.maxretries ?? 0,
    weight: 2000,
    active: row.active === 0 ? false : true,
    parent: row.parent ?? null,
    timeout: row.timeout ?? 48,
    interval: row.interval ?? 60,
    retryInterval: 60,
    keyword: row.keyword ?? null,
    invertKeyword: row.invert_keyword === 1,
    ignoreTls: false,
    upsideDown: false,
    maxredirects: 10,
    accepted_statuscodes: JSON.parse(typeof row.accepted_statuscodes_json === 'string' ? row.accepted_statuscodes_json : '["200-299"]') as string[],
    dns_resolve_type: row.dns_resolve_type ?? 'A',
    dns_resolve_server: row.dns_resolve_server ?? '1.1.1.1',
    notificationIDList: {},
    tags: [],
  }));
  const path = join(folder, file);
  writeFileSync(path, JSON.stringify({ version: '1.21.3', notificationList: [], monitorList }, null, 4));
  return path;
}
