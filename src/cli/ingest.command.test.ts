import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { KIT_INDICATORS } from '../actions/events.test-kit.ts';
import { createBufferIo } from './cli-io.ts';
import { runCli } from './main.ts';
import { runCommand, seedKit } from './events-commands.test-kit.ts';
import { registerIngestCommand } from './ingest.command.ts';
import { registerSourcesCommand } from './sources.command.ts';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'misura-ingest-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { dir, url: join(dir, 'misura.db'), write };
}

const CSV = ['id,kind,subject,occurredAt,attr.answered', 'c1,call.received,,2026-03-02T09:00:00+01:00,true', 'c2,call.received,,2026-03-02T10:00:00+01:00,false'].join('\n');

async function sourcesOf(url: string) {
  const { stdout } = await runCommand(registerSourcesCommand, url, ['sources', '--json']);
  return (JSON.parse(stdout) as { sources: { name: string; eventCount: number }[] }).sources.map((s) => [s.name, s.eventCount]);
}

describe('misura ingest', () => {
  it('stores the events of several files in one go, with the default source for rows that name none', async () => {
    const { url, write } = workspace();
    await seedKit(url, KIT_INDICATORS.slice(0, 1));
    const csv = write('calls.csv', CSV);
    const ndjson = write('more.ndjson', '{"id":"n1","source":"probe","kind":"check.http","occurredAt":"2026-03-02T09:00:00Z","attributes":{"ok":true}}\n');
    const result = await runCommand(registerIngestCommand, url, ['ingest', csv, ndjson, '--source', 'contact-centre']);
    expect(result).toMatchObject({ code: 0, stdout: '3 new, 0 already stored, 0 corrected events from 2 files' });
    expect(await sourcesOf(url)).toEqual([['contact-centre', 2], ['probe', 1]]);
    const again = await runCommand(registerIngestCommand, url, ['ingest', csv, ndjson, '--source', 'contact-centre']);
    expect(again.stdout).toBe('0 new, 3 already stored, 0 corrected events from 2 files');
  });

  it('exits 2 naming file, line and field of a bad row, and writes nothing', async () => {
    const { url, write } = workspace();
    const good = write('good.csv', CSV);
    const bad = write('bad.csv', `${CSV}\nc3,call.received,,2026-03-02 10:00,true\n`);
    const result = await runCommand(registerIngestCommand, url, ['ingest', good, bad, '--source', 'cc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`misura: ${bad}:4: occurredAt: '2026-03-02 10:00' is not an ISO 8601 instant with offset: it has no UTC offset, so the time is ambiguous; add Z or an offset such as +01:00`);
    expect(await sourcesOf(url)).toEqual([]);
  });

  it('reads an XLSX workbook', async () => {
    const { dir, url } = workspace();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('events');
    sheet.addRow(['id', 'source', 'kind', 'occurredAt', 'attr.answered']);
    sheet.addRow(['x1', 'cc', 'call.received', '2026-03-02T09:00:00+01:00', true]);
    const path = join(dir, 'calls.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await runCommand(registerIngestCommand, url, ['ingest', path])).toMatchObject({ code: 0, stdout: '1 new, 0 already stored, 0 corrected events from 1 file' });
  });

  it('reports progress on stderr every 10,000 rows', async () => {
    const { url, write } = workspace();
    const lines = Array.from({ length: 20_001 }, (_, i) => JSON.stringify({ id: `e${i}`, kind: 'check.http', occurredAt: '2026-03-02T09:00:00Z', attributes: { ok: true } }));
    const path = write('big.ndjson', lines.join('\n'));
    const result = await runCommand(registerIngestCommand, url, ['ingest', path, '--source', 'probe']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('ingest: 10,000 rows read\ningest: 20,000 rows read');
    expect(result.stdout).toMatch(/^20001 new/);
  });

  it.each([
    [['ingest', '/nowhere/events.csv'], '/nowhere/events.csv: file not found'],
    [['ingest', 'events.txt'], 'events.txt: unknown event file type'],
    [['ingest', 'x.csv', '--source', ' '], '--source needs a name'],
  ])('refuses %j', async (args, message) => {
    const { url } = workspace();
    const result = await runCommand(registerIngestCommand, url, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  describe('refuses an event outside the window of time events may fall in, naming its file, line and field', () => {
    const header = ['id', 'kind', 'occurredAt', 'attr.answered'];
    const good = ['c1', 'call.received', '2026-03-02T09:00:00+01:00', true] as const;
    const writers: Record<string, (dir: string, at: string) => Promise<string>> = {
      ndjson: (dir, at) => {
        const line = (id: string, occurredAt: string) => JSON.stringify({ id, kind: 'call.received', occurredAt, attributes: { answered: true } });
        const path = join(dir, 'calls.ndjson');
        writeFileSync(path, `${line('c1', good[2])}\n${line('c2', at)}\n`);
        return Promise.resolve(path);
      },
      csv: (dir, at) => {
        const path = join(dir, 'calls.csv');
        writeFileSync(path, [header.join(','), good.join(','), `c2,call.received,${at},true`].join('\n'));
        return Promise.resolve(path);
      },
      xlsx: async (dir, at) => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('events');
        sheet.addRow(header);
        sheet.addRow([...good]);
        sheet.addRow(['c2', 'call.received', at, true]);
        const path = join(dir, 'calls.xlsx');
        await workbook.xlsx.writeFile(path);
        return path;
      },
    };
    it.each([
      ['ndjson', '2000-01-01T00:00:00Z', "'2000-01-01T00:00:00.000Z' is before 2025-01-01, 1 January of the year before the earliest card edition (2026)"],
      ['csv', '2000-01-01T00:00:00Z', "'2000-01-01T00:00:00.000Z' is before 2025-01-01"],
      ['xlsx', '2000-01-01T00:00:00Z', "'2000-01-01T00:00:00.000Z' is before 2025-01-01"],
      ['ndjson', '9999-12-31T23:59:59Z', "'9999-12-31T23:59:59.000Z' is after 2026-03-11T11:00:00.000Z: events may lie at most 1 day ahead"],
      ['csv', '9999-12-31T23:59:59Z', "'9999-12-31T23:59:59.000Z' is after 2026-03-11T11:00:00.000Z"],
      ['xlsx', '9999-12-31T23:59:59Z', "'9999-12-31T23:59:59.000Z' is after 2026-03-11T11:00:00.000Z"],
    ])('in %s, dated %s', async (format, at, reason) => {
      const { dir, url } = workspace();
      await seedKit(url, KIT_INDICATORS.slice(0, 1));
      const path = await writers[format]!(dir, at);
      const result = await runCommand(registerIngestCommand, url, ['ingest', path, '--source', 'contact-centre']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`misura: ${path}:${format === 'ndjson' ? 2 : 3}: occurredAt: ${reason}`);
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(await sourcesOf(url)).toEqual([]);
    });
  });

  it('refuses a 10 KB line of nested arrays with one line naming file, line and field, exit 2 and no stack trace', async () => {
    const { url, write } = workspace();
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const good = '{"id":"c1","kind":"call.received","occurredAt":"2026-03-02T09:00:00Z","attributes":{"answered":true}}';
    for (const bad of [
      `{"id":"c2","kind":"call.received","occurredAt":"2026-03-02T09:00:00Z","attributes":{"answered":${nested}}}`,
      `{"id":"c2","kind":"call.received","occurredAt":"2026-03-02T09:00:00Z","attributes":{"answered":[[1,[2]]]}}`,
    ]) {
      const path = write('deep.ndjson', `${good}\n${bad}\n`);
      const io = createBufferIo({ MISURA_DB_URL: url });
      expect(await runCli(['node', 'misura', 'ingest', path, '--source', 'contact-centre'], io)).toBe(2);
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(new RegExp(`^misura: ${path}:2: (json|attributes\\.answered): `));
      expect(io.stderr[0]!.length).toBeLessThan(300);
      expect(io.stderr[0]).not.toMatch(/\n\s+at /);
    }
  });
});
