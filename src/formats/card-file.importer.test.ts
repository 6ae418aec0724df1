import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CardReadError } from '../domain/cards/card-read-error.ts';
import { UserError } from '../domain/shared/errors.ts';
import { buildCsv, buildDocx, buildPdf, buildXlsx, cardContent, layoutCard, renderPdf } from './card-documents.test-kit.ts';
import { readCardFile } from './card-file.importer.ts';
import { sniffSeparator } from './card-csv.reader.ts';
import { readCardText } from './card-text.importer.ts';

const SEEDS = new URL('../../seeds/', import.meta.url);
const NAMES = ['000_c79bcda3436e61a9.txt', '001_26d6f6251607aad7.txt', '002_36860386eee61ce2.txt', '003_c6188123ed35ccee.txt'];
const seeds = NAMES.map((name) => readCardText(readFileSync(new URL(name, SEEDS), 'utf8'), { file: name }));
const seed = (index: number) => seeds[index]!;
const encode = (text: string) => new TextEncoder().encode(text);

async function refusal(bytes: Uint8Array, file: string, options: { force?: boolean } = {}): Promise<CardReadError | UserError> {
  try {
    await readCardFile(bytes, { file, ...options });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

describe('readCardFile: what cannot be read says why, and which formats are read', () => {
  it.each([
    ['an empty file', new Uint8Array(), 'empty-file', /^x\.docx: the file is empty/],
    ['binary bytes', Uint8Array.from({ length: 2000 }, (_, i) => (i * 37) % 256), 'unsupported-format', /^x\.docx: not a card file: .* misura reads cards as DOCX, ODT, XLSX, ODS, PDF/],
    ['an RTF document', encode('{\\rtf1\\ansi Carta dei servizi}'), 'unsupported-format', /RTF document is not read: save it as DOCX or ODT/],
    ['a zip of other things', zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) }), 'unsupported-format', /neither a Word, Excel nor OpenDocument file/],
    ['an old Word document', oleFile('WordDocument'), 'unsupported-format', /old Word document \(\.doc\) is not read: save it as DOCX or ODT/],
    ['a password-protected workbook', oleFile('EncryptedPackage'), 'password-protected', /protected by a password \(an encrypted Office document\)/],
    ['a password-protected ODS', odfWithManifest('application/vnd.oasis.opendocument.spreadsheet', '<manifest:encryption-data/>'), 'password-protected', /spreadsheet is protected by a password/],
    ['a damaged PDF', encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF'), 'unreadable-file', /^x\.docx: not a readable PDF/],
  ])('refuses %s with its own message', async (_what, bytes, code, message) => {
    const error = await refusal(bytes, 'x.docx');
    expect(error).toBeInstanceOf(CardReadError);
    expect((error as CardReadError).code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('says a PDF with no text layer is an image', async () => {
    const scan = await renderPdf({ content: [{ canvas: [{ type: 'rect', x: 0, y: 0, w: 300, h: 400, color: '#cccccc' }] }] });
    const error = await refusal(scan, 'scansione.pdf');
    expect((error as CardReadError).code).toBe('no-text-layer');
    expect(error.message).toMatch(/^scansione\.pdf: no text to read: the PDF is an image; export it from the original document/);
  });

  it('says a PDF protected by a password is encrypted', async () => {
    const locked = await buildPdf(layoutCard(seed(3)), { userPassword: 'segreto', ownerPassword: 'segreto' });
    const error = await refusal(locked, 'carta.pdf');
    expect((error as CardReadError).code).toBe('encrypted-pdf');
    expect(error.message).toMatch(/^carta\.pdf: the PDF is protected by a password/);
  });
});

describe('readCardFile: cells the reader is unsure of are doubts with their place', () => {
  it('reads a vertically merged valore programmato in a DOCX as the cell it continues, with its row and column', async () => {
    const layout = layoutCard(seed(3));
    // Indicators 2 and 3 of card 003 both promise 99%: one merged cell.
    layout.rows[1]![4] = { text: '99%', rowSpan: 2 };
    layout.rows[2]![4] = { text: '99%', rowSpan: 0 };
    const { cards } = await readCardFile(await buildDocx(layout), { file: 'carta.docx' });
    expect(cardContent(cards[0]!)).toEqual(cardContent(seed(3)));
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-merged-cell', file: 'carta.docx', field: 'target', row: 4, column: 5, message: 'merged cell read as "99%", the cell it continues' }));
  });

  it('reads a PDF whose header cells are split over lines, and says so', async () => {
    const layout = layoutCard(seed(2));
    layout.columns = ['Dimensioni', 'Sotto dimensioni', 'Descrizione dell\u2019 indicatore', 'Formula indicatore', 'Valore programmato', 'Note'].slice(0, layout.columns.length);
    const narrow = await buildPdf(layout, { pageOrientation: 'portrait', defaultStyle: { font: 'Roboto', fontSize: 10 } });
    const { cards } = await readCardFile(narrow, { file: 'carta.pdf' });
    expect(cards[0]!.card.indicators.map((i) => i.target.text)).toEqual(seed(2).card.indicators.map((i) => i.target.text));
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'doubtful-header', page: 1, message: expect.stringMatching(/^header cells put together from words on several lines/) }));
  });
});

describe('readCardFile: workbooks', () => {
  it('reads a card per sheet, and skips a sheet that is no card with a finding', async () => {
    const bytes = await buildXlsx(layoutCard(seed(0)), [{ name: 'Centro di contatto', layout: layoutCard(seed(3)) }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    workbook.addWorksheet('Istruzioni').addRow(['Compilare una scheda per servizio.']);
    const { cards, findings } = await readCardFile(new Uint8Array(await workbook.xlsx.writeBuffer()), { file: 'carte.xlsx' });
    expect(cards.map((c) => c.card.service.name)).toEqual([seed(0).card.service.name, 'CENTRO DI CONTATTO']);
    expect(findings).toEqual([expect.objectContaining({ code: 'skipped-sheet', severity: 'info', sheet: 'Istruzioni', message: expect.stringContaining('sheet "Istruzioni" is not a card') })]);
  });
});

describe('readCardFile: CSV', () => {
  it.each([';', ','] as const)('finds the "%s" separator from the text and reads the card', async (separator) => {
    const csv = buildCsv(layoutCard(seed(1)), separator);
    expect(sniffSeparator(csv)).toBe(separator);
    const { cards } = await readCardFile(encode(csv), { file: 'carta.csv' });
    expect(cardContent(cards[0]!)).toEqual(cardContent(seed(1)));
  });

  it('reads a tab-separated .csv as the text cards are', async () => {
    const text = readFileSync(new URL(NAMES[0]!, SEEDS), 'utf8');
    const { cards } = await readCardFile(encode(text), { file: 'carta.csv' });
    expect(cardContent(cards[0]!)).toEqual(cardContent(seed(0)));
  });
});

describe('readCardFile: files cut short', () => {
  it('imports the whole rows of a CSV cut in the middle of a row and flags the rest as truncated', async () => {
    const csv = buildCsv(layoutCard(seed(1)));
    const cut = csv.slice(0, csv.indexOf('Numero di giorni necessari per l') + 20);
    const { cards, findings } = await readCardFile(encode(cut), { file: 'carta.csv' });
    const whole = seed(1).card.indicators;
    const read = cards[0]!.card.indicators;
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(whole.length);
    expect(read.map((i) => i.target.text)).toEqual(whole.slice(0, read.length).map((i) => i.target.text));
    expect(findings).toContainEqual(expect.objectContaining({ code: 'truncated-file', severity: 'warning' }));
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'truncated-row', severity: 'warning', message: expect.stringMatching(/cut short/) }));
  });

  it('names a card cut short that names no service after its file, with a warning, instead of refusing what is whole', async () => {
    const csv = 'Dimensioni;Sottodimensioni;Descrizione indicatore;Formula indicatore;Valore programmato\nAccessibilità;Fisica;Apertura;Ore di apertura;20 ore\nTempestività;;"Rilascio';
    const { cards } = await readCardFile(encode(csv), { file: 'dati/carta-tagliata.csv' });
    expect(cards[0]!.card.service.name).toBe('carta-tagliata');
    expect(cards[0]!.card.indicators).toHaveLength(1);
    expect(cards[0]!.doubts).toContainEqual(expect.objectContaining({ code: 'missing-service-name', severity: 'warning', field: 'name', message: expect.stringContaining('the file is cut short') }));
  });

  it('imports what is whole of a DOCX cut short inside its text', async () => {
    const docx = await buildDocx(layoutCard(seed(1)));
    // Cut halfway through the compressed text of word/document.xml (its local header gives where it starts and ends).
    const name = indexOf(docx, 'word/document.xml');
    const view = new DataView(docx.buffer, docx.byteOffset, docx.byteLength);
    const header = name - 30;
    const start = name + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const size = view.getUint32(header + 18, true) || docx.length - start;
    const { cards, findings } = await readCardFile(docx.slice(0, start + Math.floor(size * 0.6)), { file: 'carta.docx' });
    const read = cards[0]!.card.indicators;
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(seed(1).card.indicators.length);
    expect(findings).toContainEqual(expect.objectContaining({ code: 'truncated-file', message: expect.stringMatching(/DOCX file is cut short/) }));
  });
});

describe('readCardFile: documents that are not standard cards', () => {
  const plan = [
    'PIANO DELLA PERFORMANCE 2024-2026',
    'Allegato 2 - Obiettivi operativi',
    '',
    'Obiettivo operativo;Indicatore;Formula;Target 2024;Peso',
    'Digitalizzazione dei procedimenti;Procedimenti digitalizzati;Procedimenti digitali/Procedimenti totali;80%;30',
    'Riduzione dei tempi di pagamento;Tempo medio di pagamento;Giorni tra fattura e pagamento;30 giorni;20',
  ].join('\n');

  it('refuses a Piano della performance sheet, saying what it looks like and why it is not a card', async () => {
    const error = await refusal(encode(plan), 'piano.csv');
    expect((error as CardReadError).code).toBe('not-a-card');
    expect(error.message).toMatch(/^piano\.csv: not a service-quality card: it looks like a Piano della performance indicator sheet/);
    expect(error.message).toMatch(/quality dimensions of one service .* valore programmato\. Use --force to import it anyway$/);
  });

  it('refuses a budget', async () => {
    const budget = 'BILANCIO DI PREVISIONE 2024\nCapitolo;Descrizione;Stanziamento;Residui\n1010;Spese correnti per il personale;€ 1.200.000,00;€ 30.000,00\n';
    const error = await refusal(encode(budget), 'bilancio.csv');
    expect(error.message).toMatch(/it looks like a budget/);
  });

  it('refuses a table with a weight column even when it has a dimension column', async () => {
    const sheet = 'Denominazione del servizio\tX\nDimensioni\tDescrizione indicatore\tFormula indicatore\tValore programmato\tPeso\nEfficienza\tCosto\tEuro/pratiche\t10\t40%\n';
    const error = await refusal(encode(sheet), 'obiettivi.txt');
    expect(error.message).toMatch(/^obiettivi\.txt: not a service-quality card: .*"peso"/);
  });

  it('imports it with --force, with a warning', async () => {
    const { cards } = await readCardFile(encode(plan), { file: 'piano.csv', force: true });
    const card = cards[0]!;
    expect(card.card.indicators.map((i) => [i.dimension, i.description, i.target.text])).toEqual([
      ['Digitalizzazione dei procedimenti', 'Procedimenti digitalizzati', '80%'],
      ['Riduzione dei tempi di pagamento', 'Tempo medio di pagamento', '30 giorni'],
    ]);
    expect(card.doubts).toContainEqual(expect.objectContaining({ code: 'not-a-card', severity: 'warning', message: expect.stringMatching(/imported anyway because of --force$/) }));
  });

  it('does not take a real card for one, though it names objectives', async () => {
    const text = readFileSync(new URL(NAMES[0]!, SEEDS), 'utf8').replace('Cittadini italiani', 'Cittadini (obiettivo strategico: peso 30) italiani');
    await expect(readCardFile(encode(text), { file: 'carta.txt' })).resolves.toBeDefined();
  });
});

/** A compound (OLE2) file holding a stream of that name, as old and encrypted Office files are. */
function oleFile(stream: string): Uint8Array {
  const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const name = [...stream].flatMap((c) => [c.charCodeAt(0), 0]);
  return Uint8Array.from([...header, ...new Array<number>(504).fill(0), ...name, ...new Array<number>(64).fill(0)]);
}

function odfWithManifest(mimetype: string, extra: string): Uint8Array {
  return zipSync({
    mimetype: [strToU8(mimetype), { level: 0 }],
    'content.xml': strToU8('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
    'META-INF/manifest.xml': strToU8(`<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">${extra}</manifest:file-entry></manifest:manifest>`),
  });
}

function indexOf(bytes: Uint8Array, text: string): number {
  const needle = encode(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error(`${text} not found`);
}
