import { PUBLISH_NOW } from '../../test/factories.ts';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCards } from '../actions/import-cards.action.ts';
import { ingestEvents } from '../actions/ingest-events.action.ts';
import { KIT_INDICATORS, rows, T0 } from '../actions/events.test-kit.ts';
import { sendDiffida } from '../actions/diffida.action.ts';
import { createMailOutbox } from '../actions/mail-outbox.ts';
import { readCardFile } from '../formats/card-file.importer.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import { pdfText } from '../formats/pdf-text.test-kit.ts';
import { runCommand, seedKit, withDatabase } from './events-commands.test-kit.ts';
import { registerExportCommand } from './export.command.ts';

const SEED = '001_26d6f6251607aad7.txt';
const seed = readCardText(readFileSync(new URL(`../../seeds/${SEED}`, import.meta.url), 'utf8'), { file: SEED });

async function seededDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'misura-export-'));
  const url = join(dir, 'misura.db');
  await withDatabase(url, (database) => importCards({ database, now: () => T0 }, [seed], PUBLISH_NOW));
  return { dir, url, service: seed.card.service.slug, year: String(seed.card.year) };
}

const MAGIC: Record<string, string> = { pdf: '%PDF-', docx: 'PK', xlsx: 'PK', odt: 'PK' };

describe('misura export card', () => {
  it.each(['docx', 'xlsx', 'odt'])('writes the card as %s, which imports back to the same indicators', async (format) => {
    const { dir, url, service, year } = await seededDatabase();
    const out = join(dir, `card.${format}`);
    const result = await runCommand(registerExportCommand, url, ['export', 'card', '--service', service, '--year', year, '--format', format, '--out', out, '--act', 'Delibera n. 7 del 2 marzo 2026']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^wrote ${out.replace(/[.\\/]/g, '\\$&')} \\(application/`));
    const bytes = new Uint8Array(readFileSync(out));
    expect(new TextDecoder().decode(bytes.slice(0, 2))).toBe(MAGIC[format]);
    const { cards } = await readCardFile(bytes, { file: out });
    const pick = (c: typeof seed) => c.card.indicators.map((i) => [i.dimension, i.subdimension, i.description, i.formula, i.target.text]);
    expect(cards.map(pick)).toEqual([pick(seed)]);
    // Written whole: no part file is left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('writes the PDF, whose text holds the act and the stamp', async () => {
    const { dir, url, service, year } = await seededDatabase();
    const out = join(dir, 'card.pdf');
    const result = await runCommand(registerExportCommand, url, ['export', 'card', '--service', service, '--year', year, '--format', 'pdf', '--out', out, '--act', 'Delibera n. 7 del 2 marzo 2026'], new Date('2026-12-04T09:00:00Z'));
    expect(result.code).toBe(0);
    const { text } = await pdfText(new Uint8Array(readFileSync(out)));
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('Attodiadozione:Deliberan.7del2marzo2026');
    expect(flat).toContain('Documentogeneratodamisurail2026-12-04T09:00:00.000Z');
  });

  it('names an unknown service, an edition the service lacks and a format it cannot write', async () => {
    const { dir, url, service } = await seededDatabase();
    const out = join(dir, 'x.pdf');
    const unknownService = await runCommand(registerExportCommand, url, ['export', 'card', '--service', 'nessuno', '--year', '2026', '--format', 'pdf', '--out', out]);
    expect(unknownService).toMatchObject({ code: 2, stderr: 'misura: field "service": no stored service is called "nessuno"' });
    const unknownYear = await runCommand(registerExportCommand, url, ['export', 'card', '--service', service, '--year', '1999', '--format', 'pdf', '--out', out]);
    expect(unknownYear.code).toBe(2);
    expect(unknownYear.stderr).toMatch(new RegExp(`^misura: field "year": service "${service}" has no card for 1999 \\(its editions: \\d{4}\\)$`));
    const badFormat = await runCommand(registerExportCommand, url, ['export', 'card', '--service', service, '--year', '2026', '--format', 'rtf', '--out', out]);
    expect(badFormat).toMatchObject({ code: 2, stderr: 'misura: --format must be pdf, docx, xlsx, odt, got "rtf"' });
    const odtReport = await runCommand(registerExportCommand, url, ['export', 'report', '--year', '2026', '--format', 'odt', '--out', out]);
    expect(odtReport).toMatchObject({ code: 2, stderr: 'misura: --format must be pdf, docx, xlsx, got "odt"' });
    expect(readdirSync(dir).filter((f) => f.startsWith('x') || f.endsWith('.part'))).toEqual([]);
  });
});

describe('misura export report', () => {
  async function reportedKit() {
    const dir = mkdtempSync(join(tmpdir(), 'misura-export-report-'));
    const url = join(dir, 'misura.db');
    const kits = KIT_INDICATORS.filter((kit) => ['ratio', 'duration'].includes(kit.measure.kind));
    const service = await seedKit(url, kits);
    // Two diffide that year: one names the first standard, one the service at large.
    await withDatabase(url, async (database) => {
      const deps = { database, now: () => T0, timeZone: 'Europe/Rome', mail: createMailOutbox(null, () => undefined) };
      const claimant = { service, facts: 'Attesa oltre lo standard.', claimantName: 'Anna Bianchi', claimantEmail: 'anna@example.org', consent: true };
      await sendDiffida(deps, { ...claimant, indicator: kits[0]!.slug });
      await sendDiffida(deps, { ...claimant, indicator: '' });
    });
    await withDatabase(url, (database) =>
      ingestEvents({ database }, rows(
        { id: 'c1', kind: 'call.received', at: '2026-03-02T09:00:00+01:00', attributes: { answered: true } },
        { id: 'c2', kind: 'call.received', at: '2026-03-02T09:05:00+01:00', attributes: { answered: false } },
        { id: 'o1', kind: 'request.opened', subject: 'R', at: '2026-03-02T09:00:00+01:00' },
        { id: 'e1', kind: 'request.closed', subject: 'R', at: '2026-03-04T09:00:00+01:00' },
      ), { mode: 'all-or-nothing' }),
    );
    return { dir, url };
  }

  it('writes an XLSX with one row per indicator: promised, measured, status in words, numerator and denominator, how measured', async () => {
    const { dir, url } = await reportedKit();
    const out = join(dir, 'risultati.xlsx');
    const result = await runCommand(registerExportCommand, url, ['export', 'report', '--year', '2026', '--format', 'xlsx', '--out', out]);
    expect(result.code).toBe(0);
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Risultati')!;
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : ''))));
    const headerAt = values.findIndex((row) => row[0] === 'Servizio');
    expect(values[headerAt]).toEqual(['Servizio', 'Edizione della carta', 'Dimensione', 'Indicatore', 'Valore programmato', 'Valore misurato', 'Esito', 'Numeratore', 'Denominatore', 'Come si misura', 'Dati fino al', 'Diffide ricevute']);
    const indicators = values.slice(headerAt + 1, headerAt + 3);
    expect(indicators.map((row) => [row[4], row[5], row[7], row[8]])).toEqual([
      ['90%', '50%', '1', '2'],
      [expect.any(String), expect.any(String), expect.any(String), expect.any(String)],
    ]);
    for (const row of indicators) {
      expect(row[6]).toMatch(/^(rispettato|non rispettato|a rischio|sotto il valore programmato \(ancora recuperabile\)|dati assenti)$/);
      expect(row[9]).not.toBe('');
      expect(row[10]).toBe('2026-03-09');
    }
    // The two indicators, then the notes (eachRow skips the blank row between them).
    expect(values[headerAt + 3]?.[0]).toMatch(/^Numeratore e denominatore: /);
    expect(indicators.map((row) => row[11])).toEqual(['1', '0']);
    const notes = values.slice(headerAt + 3).map((row) => row[0]);
    expect(notes).toContain('Diffide ricevute nel 2026: 2 (d.lgs. 198/2009, art. 3); la colonna «Diffide ricevute» conta quelle che indicano lo standard della riga.');
    expect(notes.some((note) => /^Diffide che non indicano uno standard della tabella: .+ 1\.$/.test(note ?? ''))).toBe(true);
    expect(values.flat().join(' ')).not.toMatch(/Anna|anna@example/);
    expect(values.flat().some((v) => /^Impronta SHA-256: [0-9a-f]{64}/.test(v))).toBe(true);
  });

  it('writes the PDF and the DOCX of the report', async () => {
    const { dir, url } = await reportedKit();
    for (const format of ['pdf', 'docx']) {
      const out = join(dir, `risultati.${format}`);
      expect((await runCommand(registerExportCommand, url, ['export', 'report', '--year', '2026', '--format', format, '--out', out])).code).toBe(0);
      expect(new TextDecoder().decode(readFileSync(out).subarray(0, 5)).startsWith(MAGIC[format]!)).toBe(true);
    }
    const { text } = await pdfText(new Uint8Array(readFileSync(join(dir, 'risultati.pdf'))));
    expect(text).toContain('RISULTATI DEGLI STANDARD DI QUALITÀ DEI SERVIZI');
    expect(text.replace(/\s+/g, '')).toContain('ImprontaSHA-256:');
  });
});
