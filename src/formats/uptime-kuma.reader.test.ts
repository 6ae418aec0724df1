import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseProbe } from '../domain/probes/probe.ts';
import { UserError } from '../domain/shared/errors.ts';
import { slugOf, statusRangeOf } from './uptime-kuma-monitor.ts';
import { makeKumaFolder, writeKumaBackup, writeKumaDatabase, type KumaRow } from './uptime-kuma.test-kit.ts';
import { readKumaMonitors } from './uptime-kuma.reader.ts';

const REDIRECTS = 'Kuma follows redirects and misura does not: if this URL redirects, give the final one';

describe('the Uptime Kuma reader', () => {
  it('turns the monitors of a Kuma database into probe inputs, and leaves the database as it was', async () => {
    const path = writeKumaDatabase(makeKumaFolder());
    const before = readFileSync(path);
    const read = await readKumaMonitors(path);
    expect(read.format).toBe('sqlite');
    expect(read.probes.map(({ input, paused, notes }) => ({ input, paused, notes }))).toEqual([
      { input: { name: 'portale-istituzionale', kind: 'http', target: 'https://www.comune.example.it/', interval: 60, timeout: 48, retries: 1, status: '200-299' }, paused: false, notes: [REDIRECTS] },
      {
        input: { name: 'portale-parola-chiave', kind: 'http', target: 'https://www.comune.example.it/', interval: 120, timeout: 30, retries: 5, status: '200-299', keyword: 'Benvenuti' },
        paused: false,
        notes: ['retries 9 brought to 5 (misura: at most 5)', REDIRECTS],
      },
      {
        // Same Kuma name: the second one is told apart. Kuma's unset timeout is interval × 0.8 of the interval it asked.
        input: { name: 'portale-parola-chiave-2', kind: 'http', target: 'https://www.comune.example.it/servizi', interval: 10, timeout: 4, retries: 0, status: '200-399', keywordAbsent: 'Servizio non disponibile' },
        paused: false,
        // 200-399: a redirect passes, so no note about redirects.
        notes: ['interval 5 s brought to 10 s (misura: 10–86400 s)'],
      },
      { input: { name: 'pec', kind: 'tcp', target: 'pec.comune.example.it:465', interval: 300, timeout: 10, retries: 0 }, paused: true, notes: [] },
      { input: { name: 'dns-www', kind: 'dns', target: 'www.comune.example.it', interval: 600, timeout: 10, retries: 0 }, paused: false, notes: ['Kuma asked the server 10.0.0.53; misura asks the system resolver'] },
    ]);
    expect(read.skipped.map(({ monitor, type, reason }) => [monitor, type, reason])).toEqual([
      ['Gateway', 'ping', expect.stringMatching(/^ICMP ping: misura probes HTTP, TCP ports and DNS names/)],
      ['Sito dietro gruppo', 'group', expect.stringMatching(/its members are imported one by one/)],
      ['Push backup', 'push', expect.stringMatching(/^a push monitor waits for the service to call Kuma/)],
      ['API stato', 'http', 'accepts status codes 200-299, 404: misura accepts one range, e.g. 200-299'],
    ]);
    // Every input is a probe misura accepts as it is.
    for (const { input } of read.probes) expect(() => parseProbe(input)).not.toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reads the same monitors from a JSON backup of Kuma 1.x', async () => {
    const folder = makeKumaFolder();
    const fromDatabase = await readKumaMonitors(writeKumaDatabase(folder));
    const fromBackup = await readKumaMonitors(writeKumaBackup(folder));
    expect(fromBackup).toMatchObject({ format: 'json-backup', version: '1.21.3' });
    const summary = (read: typeof fromBackup) => read.probes.map(({ input, paused }) => [input.name, input.kind, input.target, input.keyword ?? input.keywordAbsent ?? null, input.status ?? null, paused]);
    expect(summary(fromBackup)).toEqual(summary(fromDatabase));
    expect(fromBackup.skipped.map((skip) => skip.monitor)).toEqual(fromDatabase.skipped.map((skip) => skip.monitor));
  });

  it('skips what misura cannot reproduce, each with its reason, and notes what it imports differently', async () => {
    const folder = makeKumaFolder();
    const path = writeKumaDatabase(folder, [
      { id: 1, name: 'Modulo', type: 'http', url: 'https://www.comune.example.it/api', method: 'POST' },
      { id: 2, name: 'Area riservata', type: 'http', url: 'https://intranet.comune.example.it/', auth_method: 'basic', basic_auth_user: 'kuma' },
      { id: 3, name: 'Capovolto', type: 'http', url: 'https://www.comune.example.it/', upside_down: 1 },
      { id: 4, name: 'Senza URL', type: 'http', url: 'not a url' },
      { id: 5, name: 'Stato JSON', type: 'json-query', url: 'https://api.comune.example.it/', json_path: 'status', expected_value: 'ok' },
      { id: 6, name: 'Coda', type: 'rabbitmq' },
      { id: 7, name: 'Vuota', type: 'keyword', url: 'https://www.comune.example.it/', keyword: '' },
      { id: 8, name: 'Intranet', type: 'http', url: 'https://intranet.comune.example.it/', ignore_tls: 1, maxredirects: 0 },
    ]);
    const read = await readKumaMonitors(path);
    expect(read.probes.map(({ input, notes }) => [input.name, notes])).toEqual([['intranet', ['Kuma ignored certificate errors and misura does not: a self-signed or expired certificate fails the check']]]);
    expect(read.skipped.map(({ monitorId, reason }) => [monitorId, reason])).toEqual([
      [1, "checks with POST: misura's probes send GET"],
      [2, "signs in (basic): misura's probes send no credentials"],
      [3, 'upside-down mode (up when the check fails) has no counterpart in misura'],
      [4, 'field "target": "not a url" is not a URL, e.g. https://www.example.gov.it/'],
      [5, expect.stringMatching(/^checks a JSON query on the answer/)],
      [6, '"rabbitmq" monitors: misura probes HTTP, TCP ports and DNS names'],
      [7, 'a keyword monitor without a keyword'],
    ]);
  });

  it('reads a WAL database of a stopped Kuma without creating files beside it, and a running one with its latest changes', async () => {
    const folder = makeKumaFolder();
    const path = writeKumaDatabase(folder);
    const kuma = new BetterSqlite3(path);
    kuma.pragma('journal_mode = WAL');
    kuma.close();
    const files = readdirSync(folder);
    expect((await readKumaMonitors(path)).probes).toHaveLength(5);
    expect(readdirSync(folder)).toEqual(files);

    // Kuma running: its last change is still in the -wal file.
    const running = new BetterSqlite3(path);
    running.pragma('wal_autocheckpoint = 0');
    running.prepare('INSERT INTO monitor (name, type, url) VALUES (?, ?, ?)').run('Albo pretorio', 'http', 'https://albo.comune.example.it/');
    try {
      expect((await readKumaMonitors(path)).probes.map((probe) => probe.input.name)).toContain('albo-pretorio');
    } finally {
      running.close();
    }
  });

  it('imports the members of a paused group paused, from a database and from a backup alike', async () => {
    const folder = makeKumaFolder();
    const rows: KumaRow[] = [
      { id: 1, name: 'Sportelli', type: 'group', active: 0 },
      { id: 2, name: 'Anagrafe', type: 'group', parent: 1 },
      { id: 3, name: 'Prenotazioni', type: 'http', url: 'https://prenota.comune.example.it/', parent: 2 },
      { id: 4, name: 'Tributi', type: 'http', url: 'https://tributi.comune.example.it/' },
    ];
    for (const path of [writeKumaDatabase(folder, rows), writeKumaBackup(folder, rows)]) {
      const read = await readKumaMonitors(path);
      expect(read.probes.map(({ input, paused, notes }) => [input.name, paused, notes.filter((note) => note.startsWith('imported paused'))])).toEqual([
        ['prenotazioni', true, ['imported paused: its group "Sportelli" is paused in Kuma']],
        ['tributi', false, []],
      ]);
    }
  });

  it('reads an older database without the columns later versions added', async () => {
    const path = join(makeKumaFolder(), 'kuma.db');
    const database = new BetterSqlite3(path);
    // The monitor table of db/kuma.db, before any patch.
    database.exec('CREATE TABLE "monitor" ("id" INTEGER NOT NULL, "name" VARCHAR(150), "active" BOOLEAN NOT NULL DEFAULT 1, "user_id" INTEGER, "interval" INTEGER NOT NULL DEFAULT 20, "url" TEXT, "type" VARCHAR(20), "weight" INTEGER DEFAULT 2000, "hostname" VARCHAR(255), "port" INTEGER, "created_date" TIMESTAMP, "keyword" VARCHAR(255), "maxretries" INTEGER NOT NULL DEFAULT 0, PRIMARY KEY("id" AUTOINCREMENT))');
    database.prepare('INSERT INTO monitor (name, type, url) VALUES (?, ?, ?)').run('Albo pretorio', 'http', 'http://albo.comune.example.it/');
    database.close();
    const read = await readKumaMonitors(path);
    expect(read.probes.map((probe) => probe.input)).toEqual([{ name: 'albo-pretorio', kind: 'http', target: 'http://albo.comune.example.it/', interval: 20, timeout: 16, retries: 0, status: '200-299' }]);
  });

  it('names probes by misura’s rule, and merges status codes into one range when they make one', () => {
    expect(slugOf({ name: 'Città di Ùdine: Sportello / SUAP', id: 1 })).toBe('citta-di-udine-sportello-suap');
    expect(slugOf({ name: '  ***  ', id: 42 })).toBe('kuma-42');
    expect(slugOf({ name: `${'a'.repeat(99)} b`, id: 1 })).toBe('a'.repeat(99));
    expect(statusRangeOf(['200-299'])).toBe('200-299');
    expect(statusRangeOf(['300-399', '200-299'])).toBe('200-399');
    expect(statusRangeOf(['200'])).toBe('200');
    expect(statusRangeOf(['200-299', '404'])).toBeNull();
    expect(statusRangeOf(['2xx'])).toBeNull();
  });

  it('refuses a corrupt or foreign file with a message naming it, and the monitor or JSON path', async () => {
    const folder = makeKumaFolder();
    const failure = async (name: string, content: string | Buffer) => {
      const path = join(folder, name);
      writeFileSync(path, content);
      const error = await readKumaMonitors(path).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UserError);
      return (error as UserError).message;
    };
    // A database whose header is right and whose pages are not.
    const real = readFileSync(writeKumaDatabase(folder, [], 'real.db'));
    const corrupt = Buffer.concat([real.subarray(0, 100), Buffer.alloc(real.length - 100, 0x5a)]);
    expect(await failure('corrupt.db', corrupt)).toMatch(/^\/.*corrupt\.db: cannot read the Uptime Kuma database \(.+\)$/);
    expect(await failure('notes.txt', 'monitor list')).toMatch(/notes\.txt: is neither an Uptime Kuma database \(kuma\.db\) nor an Uptime Kuma JSON backup$/);
    expect(await failure('broken.json', '{"version": "1.21.3", "monitorList": [')).toMatch(/broken\.json: not valid JSON \(/);
    expect(await failure('other.json', '{"monitors": []}')).toMatch(/other\.json: .* it has no "monitorList" list$/);
    expect(await failure('bad-interval.json', JSON.stringify({ version: '1.21.3', monitorList: [{ id: 1, name: 'x', type: 'http', interval: 'often' }] }))).toMatch(
      /bad-interval\.json: monitorList\[0\]\.interval is not a number: "often"$/,
    );
    expect(await failure('item.json', JSON.stringify({ version: '1.21.3', monitorList: [42] }))).toMatch(/item\.json: monitorList\[0\] is not an object$/);
    const other = join(folder, 'other.db');
    const database = new BetterSqlite3(other);
    database.exec('CREATE TABLE probes (name TEXT)');
    database.close();
    await expect(readKumaMonitors(other)).rejects.toThrow(/other\.db: is a SQLite database without a "monitor" table/);
    const codes = writeKumaDatabase(folder, [{ id: 3, name: 'x', type: 'http', url: 'https://x.example.it/', accepted_statuscodes_json: '"200-299"' }], 'codes.db');
    await expect(readKumaMonitors(codes)).rejects.toThrow(/codes\.db: monitor id 3: accepted_statuscodes_json is not a list of texts/);
    const garbled = writeKumaDatabase(folder, [{ id: 4, name: 'x', type: 'http', url: 'https://x.example.it/', accepted_statuscodes_json: '200-299' }], 'garbled.db');
    await expect(readKumaMonitors(garbled)).rejects.toThrow(/garbled\.db: monitor id 4: accepted_statuscodes_json is not JSON: 200-299/);
    await expect(readKumaMonitors(join(folder, 'missing.db'))).rejects.toThrow(/missing\.db: file not found/);
    await expect(readKumaMonitors(folder)).rejects.toThrow(/is a folder/);
  });
});
