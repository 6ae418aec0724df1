import { withoutUids } from '../../test/factories.ts';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocx, buildPdf, buildXlsx, layoutCard } from '../formats/card-documents.test-kit.ts';
import { readCardText } from '../formats/card-text.importer.ts';
import { createBufferIo } from './cli-io.ts';
import { SEED_DIR } from './demo.command.ts';
import { runCli } from './main.ts';

const NAMES = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'];
const seeds = NAMES.map((f) => join(SEED_DIR, f));

function freshIo() {
  const dir = mkdtempSync(join(tmpdir(), 'misura-import-'));
  const database = join(dir, 'db', 'misura.db');
  return { dir, database, io: createBufferIo({ MISURA_DB_URL: database }) };
}

const run = (io: ReturnType<typeof createBufferIo>, ...args: string[]) => runCli(['node', 'misura', 'import', ...args], io);

describe('misura import --dry-run', () => {
  it('prints {cards, findings, doubts} with the cards as "misura cards --json" lists them after a real import, and writes nothing', async () => {
    const { io, database } = freshIo();
    expect(await run(io, '--dry-run', '--json', ...seeds)).toBe(0);
    const preview = JSON.parse(io.stdout.join('')) as { cards: unknown[]; findings: unknown[]; doubts: unknown[] };
    expect(Object.keys(preview)).toEqual(['cards', 'findings', 'doubts']);
    expect(existsSync(database)).toBe(false);

    const real = freshIo();
    expect(await run(real.io, ...seeds)).toBe(0);
    const listing = createBufferIo(real.io.env);
    expect(await runCli(['node', 'misura', 'cards', '--json'], listing)).toBe(0);
    const stored = JSON.parse(listing.stdout.join('')) as { cards: { serviceSlug: string }[] };
    const bySlug = (cards: { serviceSlug: string }[]) => [...cards].sort((a, b) => a.serviceSlug.localeCompare(b.serviceSlug));
    expect(bySlug(preview.cards as { serviceSlug: string }[])).toEqual(bySlug(withoutUids(stored.cards)));
    // Card 003 states no year: the reader's doubt, with its file.
    expect(preview.doubts).toContainEqual(expect.objectContaining({ code: 'unknown-year', file: NAMES[3] }));
  });

  it('reads a DOCX and a workbook of two sheets, with the format found from the content', async () => {
    const { dir, io } = freshIo();
    const cards = NAMES.map((name) => readCardText(readFileSync(join(SEED_DIR, name), 'utf8'), { file: name }));
    const docx = join(dir, 'carta-senza-estensione');
    writeFileSync(docx, await buildDocx(layoutCard(cards[0]!)));
    const xlsx = join(dir, 'carte.xlsx');
    writeFileSync(xlsx, await buildXlsx(layoutCard(cards[1]!), [{ name: 'Reti sociali', layout: layoutCard(cards[2]!) }]));
    expect(await run(io, '--dry-run', '--json', docx, xlsx)).toBe(0);
    const preview = JSON.parse(io.stdout.join('')) as { cards: { service: string; indicators: unknown[] }[] };
    expect(preview.cards.map((c) => [c.service, c.indicators.length])).toEqual([
      [cards[0]!.card.service.name, 8],
      [cards[1]!.card.service.name, 17],
      [cards[2]!.card.service.name, 13],
    ]);
  });

  it('lists a file it refuses as an error finding, still prints the JSON, and exits 2', async () => {
    const { dir, io } = freshIo();
    const plan = join(dir, 'piano.csv');
    writeFileSync(plan, 'PIANO DELLA PERFORMANCE 2024\nObiettivo operativo;Indicatore;Target;Peso\nDigitalizzazione;Pratiche digitali;80%;30\n');
    expect(await run(io, '--dry-run', '--json', seeds[0]!, plan)).toBe(2);
    const preview = JSON.parse(io.stdout.join('')) as { cards: unknown[]; findings: { code: string; severity: string; file: string; message: string }[] };
    expect(preview.cards).toHaveLength(1);
    expect(preview.findings).toContainEqual(expect.objectContaining({ code: 'not-a-card', severity: 'error', file: 'piano.csv', message: expect.stringMatching(/Piano della performance/) }));
  });
});

describe('the CLI\'s JSON of a card whose document states no dimension', () => {
  const text = [
    "STANDARD QUALITA' DEI SERVIZI EROGATI",
    'ANNO 2027',
    'Denominazione del servizio\tStatistica comunale',
    'Organo cui notificare la preventiva diffida del ricorrente\tDirettore della Statistica',
    '',
    'Dimensioni\tSottodimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato',
    'Non indicata\t\tRisposta alle richieste di dati\tTempo massimo di risposta alle richieste di dati\t10 giorni',
    'Efficacia\t\tBollettini pubblicati nei tempi\tNumero bollettini pubblicati nei tempi / Numero bollettini\t95%',
    '',
  ].join('\n');
  type Printed = { cards: { indicators: { position: number; dimension: string | null; dimensionKey: string | null; additional: boolean }[] }[] };
  const dimensionsOf = (printed: Printed) => printed.cards.flatMap((card) => card.indicators.map((i) => [i.position, i.dimension, i.dimensionKey, i.additional]));

  it('prints "dimension": null and "dimensionKey": null, in import --dry-run --json and in cards --json', async () => {
    const { dir, io } = freshIo();
    const file = join(dir, 'statistica.txt');
    writeFileSync(file, text);
    expect(await run(io, '--dry-run', '--json', file)).toBe(0);
    const preview = JSON.parse(io.stdout.join('')) as Printed & { findings: { code: string; line: number | null }[] };
    expect(dimensionsOf(preview)).toEqual([[1, null, null, false], [2, 'Efficacia', 'efficacia', false]]);
    expect(Object.keys(preview.cards[0]?.indicators[0] ?? {}).slice(0, 4)).toEqual(['position', 'slug', 'dimension', 'dimensionKey']);
    expect(preview.findings.filter((f) => f.code === 'unstated-dimension')).toHaveLength(1);

    const real = freshIo();
    expect(await run(real.io, file)).toBe(0);
    const listing = createBufferIo(real.io.env);
    expect(await runCli(['node', 'misura', 'cards', '--json'], listing)).toBe(0);
    expect(dimensionsOf(JSON.parse(listing.stdout.join('')) as Printed)).toEqual([[1, null, null, false], [2, 'Efficacia', 'efficacia', false]]);
  });
});

describe('misura import', () => {
  it('imports drafts and says how to approve them; --publish --act publishes at once; --act alone is refused', async () => {
    const { io } = freshIo();
    expect(await run(io, seeds[0]!)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Drafts are not public[\s\S]*misura editions approve \S+ \S+ --act "…" && misura editions publish/);
    const refused = createBufferIo(io.env);
    expect(await run(refused, '--act', 'Decreto n. 1', seeds[1]!)).toBe(2);
    expect(refused.stderr.join('\n')).toContain('--act and --justify go with --publish');
    const published = createBufferIo(io.env);
    expect(await run(published, '--publish', '--act', 'Decreto n. 1 del 02/01/2026', ...seeds)).toBe(0);
    expect(published.stdout.join('\n')).not.toContain('Drafts are not public');
    const listing = createBufferIo(io.env);
    expect(await runCli(['node', 'misura', 'editions', 'list', '--json'], listing)).toBe(0);
    const { editions } = JSON.parse(listing.stdout.join('')) as { editions: { status: string; act: string }[] };
    expect(editions.map((e) => [e.status, e.act])).toEqual(seeds.map(() => ['published', 'Decreto n. 1 del 02/01/2026']));
  });

  it('stores a card read from a DOCX and says what it found', async () => {
    const { dir, io } = freshIo();
    const card = readCardText(readFileSync(seeds[3]!, 'utf8'), { file: NAMES[3]! });
    const docx = join(dir, 'centro.docx');
    writeFileSync(docx, await buildDocx(layoutCard(card)));
    expect(await run(io, docx)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/created\s+CENTRO DI CONTATTO — undated \(draft\) — 9 indicators/);
  });

  it('stores a card read from a PDF file on disk', async () => {
    const { dir, io } = freshIo();
    const card = readCardText(readFileSync(seeds[2]!, 'utf8'), { file: NAMES[2]! });
    const pdf = join(dir, 'reti-sociali.pdf');
    writeFileSync(pdf, await buildPdf(layoutCard(card)));
    expect(await run(io, pdf)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/created\s+Reti sociali virtuali e Blog di Cliclavoro — 2016 \(draft\) — 13 indicators/);
  });

  it('refuses a document that is not a card, and imports it with --force and a warning', async () => {
    const { dir, io } = freshIo();
    const plan = join(dir, 'piano.csv');
    writeFileSync(plan, 'PIANO DELLA PERFORMANCE 2024\nObiettivo operativo;Indicatore;Target;Peso\nDigitalizzazione;Pratiche digitali;80%;30\n');
    expect(await run(io, plan)).toBe(2);
    expect(io.stderr.join('')).toMatch(/piano\.csv: not a service-quality card: .*Use --force to import it anyway/);
    const forced = createBufferIo(io.env);
    expect(await run(forced, '--force', plan)).toBe(0);
    expect(forced.stdout.join('\n')).toMatch(/warning not-a-card: .*imported anyway because of --force/);
  });

  it('says which formats it reads when a file is none of them', async () => {
    const { dir, io } = freshIo();
    const binary = join(dir, 'foto.jpg');
    writeFileSync(binary, Uint8Array.from({ length: 4000 }, (_, i) => (i * 91) % 256));
    expect(await run(io, binary)).toBe(2);
    expect(io.stderr.join('')).toMatch(/foto\.jpg: not a card file: .*misura reads cards as DOCX, ODT, XLSX, ODS, PDF \(with a text layer\), HTML, Markdown, CSV/);
  });
});
