import { createRequire } from 'node:module';
import { AlignmentType, Document, ExternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import type * as PdfMake from 'pdfmake';
import type { Content, TableCell as PdfCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { RichText, StandardCard } from '../domain/cards/card.ts';
import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { COLUMN_LABELS, FIELD_LABELS, type FieldKey } from './card-text-labels.ts';

// Builds a card as the documents PAs publish (DOCX, XLSX, ODT, ODS, HTML, PDF, CSV, Markdown) with real libraries,
// all from one layout: title lines, a two-column table of service fields, the indicator table (a dimension and a
// sub-dimension written once and merged over the rows they head, the header repeated on each page) and the notes.
// The round-trip tests import them back; the export of official documents can reuse the layout.

/** A stretch of a line: words, or a link. */
export type Span = { text: string } | { text: string; href: string };

/** A cell: lines of spans. */
export type LayoutCell = Span[][];

/** One cell of the indicator table; `rowSpan` > 1 on the first row of a merged run, 0 on the rows it covers. */
export interface LayoutTableCell {
  text: string;
  rowSpan: number;
}

export interface CardLayout {
  /** The PA, the title lines, the year and the office, each a paragraph above the fields. */
  titles: string[];
  fields: { label: string; value: LayoutCell }[];
  columns: string[];
  rows: LayoutTableCell[][];
  notes: string[];
}

const FIELD_ORDER: readonly FieldKey[] = ['name', 'characteristics', 'deliveryMode', 'userTypes', 'diffidaBody', 'webAddress'];

/** The layout of a read card: what an official document of it shows. */
export function layoutCard(imported: ImportedCard): CardLayout {
  const { card, organisation } = imported;
  const { service } = card;
  const titles = [organisation?.name, "STANDARD QUALITÀ DEI SERVIZI EROGATI", card.year === null ? undefined : `ANNO ${card.year}`, service.office ?? undefined].filter((t): t is string => t !== undefined && t !== '');
  const rich: Record<FieldKey, RichText> = {
    name: { text: service.name, links: [] },
    characteristics: service.characteristics,
    deliveryMode: service.deliveryMode,
    userTypes: service.userTypes,
    diffidaBody: service.diffidaBody,
    webAddress: service.webAddress === null ? { text: '', links: [] } : { text: service.webAddress.text, links: [service.webAddress] },
  };
  const fields = FIELD_ORDER.filter((key) => rich[key].text !== '').map((key) => ({ label: FIELD_LABELS[key], value: richCell(rich[key]) }));
  const withNotes = card.indicators.some((i) => i.notes !== null);
  const columns = [COLUMN_LABELS.dimension, COLUMN_LABELS.subdimension, COLUMN_LABELS.description, COLUMN_LABELS.formula, COLUMN_LABELS.target, ...(withNotes ? [COLUMN_LABELS.notes] : [])];
  const rows = indicatorRows(card, withNotes);
  return { titles, fields, columns, rows, notes: card.notes };
}

/** The lines of a rich text, its links made links again where their words are. */
function richCell(rich: RichText): LayoutCell {
  const links = [...rich.links];
  return rich.text.split('\n').map((line) => {
    const spans: Span[] = [];
    let rest = line;
    for (let link = links[0]; link !== undefined; link = links[0]) {
      const at = rest.indexOf(link.text);
      if (at < 0) break;
      if (at > 0) spans.push({ text: rest.slice(0, at) });
      spans.push({ text: link.text, href: link.href });
      rest = rest.slice(at + link.text.length);
      links.shift();
    }
    if (rest !== '') spans.push({ text: rest });
    return spans;
  });
}

function indicatorRows(card: StandardCard, withNotes: boolean): LayoutTableCell[][] {
  const rows: LayoutTableCell[][] = card.indicators.map((i) => [
    { text: i.additional && !isCore(i.dimensionKey) ? `${i.dimension} (*)` : i.dimension, rowSpan: 1 },
    { text: i.subdimension ?? '', rowSpan: 1 },
    { text: i.description ?? '', rowSpan: 1 },
    { text: i.formula ?? '', rowSpan: 1 },
    { text: i.target.text, rowSpan: 1 },
    ...(withNotes ? [{ text: i.notes ?? '', rowSpan: 1 }] : []),
  ]);
  // A dimension, and a sub-dimension under it, written once over the rows that share it.
  const merge = (column: number, sameRun: (a: number, b: number) => boolean) => {
    for (let start = 0; start < rows.length; ) {
      let end = start + 1;
      while (end < rows.length && sameRun(start, end) && rows[end]?.[column]?.text === rows[start]?.[column]?.text && rows[start]?.[column]?.text !== '') end++;
      const first = rows[start]?.[column];
      if (first) first.rowSpan = end - start;
      for (let r = start + 1; r < end; r++) {
        const cell = rows[r]?.[column];
        if (cell) cell.rowSpan = 0;
      }
      start = end;
    }
  };
  const dimensionOf = (r: number) => card.indicators[r]?.dimension;
  merge(0, (a, b) => dimensionOf(a) === dimensionOf(b));
  // Sub-dimensions merge only inside their dimension's run.
  const runStart = (r: number) => {
    let s = r;
    while (s > 0 && rows[s]?.[0]?.rowSpan === 0) s--;
    return s;
  };
  merge(1, (a, b) => runStart(a) === runStart(b));
  return rows;
}

function isCore(key: string): boolean {
  return ['accessibilita', 'tempestivita', 'trasparenza', 'efficacia'].includes(key);
}

function plain(cell: LayoutCell): string {
  return cell.map((line) => line.map((span) => span.text).join('')).join('\n');
}

// ---- DOCX (the docx package)

export async function buildDocx(layout: CardLayout): Promise<Uint8Array> {
  const paragraphOf = (spans: Span[]) =>
    new Paragraph({ children: spans.map((span) => ('href' in span ? new ExternalHyperlink({ link: span.href, children: [new TextRun({ text: span.text, style: 'Hyperlink' })] }) : new TextRun(span.text))) });
  const cellOf = (lines: LayoutCell, extra: { rowSpan?: number; bold?: boolean } = {}) =>
    new TableCell({
      children: lines.length === 0 ? [new Paragraph('')] : lines.map((spans) => (extra.bold ? new Paragraph({ children: spans.map((s) => new TextRun({ text: s.text, bold: true })) }) : paragraphOf(spans))),
      ...(extra.rowSpan !== undefined && extra.rowSpan > 1 ? { rowSpan: extra.rowSpan } : {}),
    });
  const fields = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: layout.fields.map((field) => new TableRow({ children: [cellOf([[{ text: field.label }]], { bold: true }), cellOf(field.value)] })),
  });
  const indicators = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: layout.columns.map((label) => cellOf([[{ text: label }]], { bold: true })) }),
      // The docx package writes the continuation of a rowSpan itself: covered cells are left out.
      ...layout.rows.map((row) => new TableRow({ children: row.filter((cell) => cell.rowSpan !== 0).map((cell) => cellOf([[{ text: cell.text }]], { rowSpan: cell.rowSpan })) })),
    ],
  });
  const document = new Document({
    sections: [
      {
        children: [
          ...layout.titles.map((title) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true })] })),
          new Paragraph(''),
          fields,
          new Paragraph(''),
          indicators,
          new Paragraph(''),
          ...layout.notes.map((note) => new Paragraph(note)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

// ---- XLSX (exceljs)

export async function buildXlsx(layout: CardLayout, sheets: { name: string; layout: CardLayout }[] = []): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const { name, layout: sheetLayout } of [{ name: 'Carta dei servizi', layout }, ...sheets]) addSheet(workbook, name, sheetLayout);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, layout: CardLayout): void {
  const sheet = workbook.addWorksheet(name);
  for (const title of layout.titles) sheet.addRow([title]);
  sheet.addRow([]);
  for (const field of layout.fields) {
    const row = sheet.addRow([field.label]);
    const [line] = field.value;
    const [span] = line ?? [];
    // A cell holds one link: a field that is just a link is written as a link cell.
    if (field.value.length === 1 && line?.length === 1 && span && 'href' in span) row.getCell(2).value = { text: span.text, hyperlink: span.href };
    else row.getCell(2).value = plain(field.value);
    row.getCell(2).alignment = { wrapText: true };
  }
  sheet.addRow([]);
  sheet.addRow(layout.columns);
  for (const cells of layout.rows) sheet.addRow(cells.map((cell) => (cell.rowSpan === 0 ? null : cell.text)));
  const first = sheet.rowCount - layout.rows.length + 1;
  layout.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell.rowSpan > 1) sheet.mergeCells(first + r, c + 1, first + r + cell.rowSpan - 1, c + 1);
    });
  });
  sheet.addRow([]);
  for (const note of layout.notes) sheet.addRow([note]);
}

// ---- ODT and ODS (a zip with content.xml, as LibreOffice writes them)

const ODF_NAMESPACES =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function odfParagraphs(cell: LayoutCell): string {
  return cell.map((line) => `<text:p>${line.map((span) => ('href' in span ? `<text:a xlink:type="simple" xlink:href="${xml(span.href)}">${xml(span.text)}</text:a>` : xml(span.text))).join('')}</text:p>`).join('');
}

function odfTables(layout: CardLayout): { fields: string; indicators: string } {
  const fields = `<table:table table:name="Servizio"><table:table-column table:number-columns-repeated="2"/>${layout.fields
    .map((f) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${xml(f.label)}</text:p></table:table-cell><table:table-cell office:value-type="string">${odfParagraphs(f.value)}</table:table-cell></table:table-row>`)
    .join('')}</table:table>`;
  const header = `<table:table-header-rows><table:table-row>${layout.columns.map((c) => `<table:table-cell office:value-type="string"><text:p>${xml(c)}</text:p></table:table-cell>`).join('')}</table:table-row></table:table-header-rows>`;
  const body = layout.rows
    .map(
      (row) =>
        `<table:table-row>${row
          .map((cell) =>
            cell.rowSpan === 0
              ? '<table:covered-table-cell/>'
              : `<table:table-cell office:value-type="string"${cell.rowSpan > 1 ? ` table:number-rows-spanned="${cell.rowSpan}" table:number-columns-spanned="1"` : ''}><text:p>${xml(cell.text)}</text:p></table:table-cell>`,
          )
          .join('')}</table:table-row>`,
    )
    .join('');
  const indicators = `<table:table table:name="Indicatori"><table:table-column table:number-columns-repeated="${layout.columns.length}"/>${header}${body}</table:table>`;
  return { fields, indicators };
}

function odfZip(mimetype: string, content: string): Uint8Array {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  // The mimetype comes first and stored, as the OpenDocument package rules want.
  return zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'content.xml': strToU8(content), 'META-INF/manifest.xml': strToU8(manifest) });
}

export function buildOdt(layout: CardLayout): Uint8Array {
  const { fields, indicators } = odfTables(layout);
  const body = [...layout.titles.map((t) => `<text:p>${xml(t)}</text:p>`), '<text:p/>', fields, '<text:p/>', indicators, '<text:p/>', ...layout.notes.map((n) => `<text:p>${xml(n)}</text:p>`)].join('');
  return odfZip('application/vnd.oasis.opendocument.text', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES}><office:body><office:text>${body}</office:text></office:body></office:document-content>`);
}

export function buildOds(layout: CardLayout): Uint8Array {
  const row = (cells: string[]) => `<table:table-row>${cells.map((c) => `<table:table-cell office:value-type="string"><text:p>${xml(c)}</text:p></table:table-cell>`).join('')}<table:table-cell table:number-columns-repeated="1018"/></table:table-row>`;
  const fieldRows = layout.fields.map((f) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${xml(f.label)}</text:p></table:table-cell><table:table-cell office:value-type="string">${odfParagraphs(f.value)}</table:table-cell></table:table-row>`);
  const { indicators } = odfTables(layout);
  const tableBody = indicators.replace(/^<table:table [^>]*><table:table-column [^>]*\/>/, '').replace(/<\/table:table>$/, '').replace(/<\/?table:table-header-rows>/g, '');
  const blank = '<table:table-row><table:table-cell/></table:table-row>';
  const sheet = `<table:table table:name="Carta"><table:table-column table:number-columns-repeated="1024"/>${layout.titles.map((t) => row([t])).join('')}${blank}${fieldRows.join('')}${blank}${tableBody}${blank}${layout.notes.map((n) => row([n])).join('')}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`;
  return odfZip('application/vnd.oasis.opendocument.spreadsheet', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES}><office:body><office:spreadsheet>${sheet}</office:spreadsheet></office:body></office:document-content>`);
}

// ---- HTML (a site's page: navigation, header and footer around the card)

export function buildHtml(layout: CardLayout): string {
  const spans = (cell: LayoutCell) => cell.map((line) => `<p>${line.map((s) => ('href' in s ? `<a href="${xml(s.href)}">${xml(s.text)}</a>` : xml(s.text))).join('')}</p>`).join('');
  const rows = layout.rows
    .map((row) => `<tr>${row.filter((c) => c.rowSpan !== 0).map((c) => `<td${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}>${xml(c.text)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>Carta dei servizi</title><script>var menu = 'Dimensioni';</script></head>
<body>
<header><a href="/">Home</a> <nav><ul><li><a href="/amministrazione">Amministrazione trasparente</a></li><li>Servizi erogati</li></ul></nav></header>
<main>
${layout.titles.map((t) => `<h2>${xml(t)}</h2>`).join('\n')}
<table class="fields"><tbody>
${layout.fields.map((f) => `<tr><th scope="row">${xml(f.label)}</th><td>${spans(f.value)}</td></tr>`).join('\n')}
</tbody></table>
<table class="indicators"><thead><tr>${layout.columns.map((c) => `<th scope="col">${xml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
${layout.notes.map((n) => `<p>${xml(n)}</p>`).join('\n')}
</main>
<footer><p>Via Roma 1 — Privacy — Note legali</p></footer>
</body></html>
`;
}

// ---- PDF (pdfmake, with the Roboto fonts it ships)

const require = createRequire(import.meta.url);

/** Any PDF pdfmake makes, with the Roboto fonts it ships (and nothing fetched or read beyond them). */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Uint8Array> {
  const pdfmake = require('pdfmake') as typeof PdfMake;
  const fontDir = `${require.resolve('pdfmake/package.json').replace(/package\.json$/, '')}fonts/Roboto/`;
  pdfmake.setFonts({ Roboto: { normal: `${fontDir}Roboto-Regular.ttf`, bold: `${fontDir}Roboto-Medium.ttf`, italics: `${fontDir}Roboto-Italic.ttf`, bolditalics: `${fontDir}Roboto-MediumItalic.ttf` } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer());
}

export async function buildPdf(layout: CardLayout, extra: Partial<TDocumentDefinitions> = {}): Promise<Uint8Array> {
  const cellOf = (cell: LayoutCell): PdfCell => ({ stack: cell.map((line) => ({ text: line.map((s) => ('href' in s ? { text: s.text, link: s.href } : { text: s.text })) })) });
  const table = (rows: PdfCell[][], widths: (string | number)[], headerRows: number): Content => ({
    table: { headerRows, dontBreakRows: true, widths, body: rows },
    layout: { paddingTop: () => 3, paddingBottom: () => 3, paddingLeft: () => 4, paddingRight: () => 4 },
    margin: [0, 6, 0, 6],
  });
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [30, 30, 30, 30],
    defaultStyle: { font: 'Roboto', fontSize: 8 },
    content: [
      ...layout.titles.map((title): Content => ({ text: title, bold: true, alignment: 'center', margin: [0, 0, 0, 6] })),
      table(layout.fields.map((f) => [{ text: f.label, bold: true }, cellOf(f.value)]), ['25%', '*'], 0),
      table(
        [
          layout.columns.map((c): PdfCell => ({ text: c, bold: true })),
          ...layout.rows.map((row) => row.map((cell): PdfCell => (cell.rowSpan === 0 ? '' : cell.rowSpan > 1 ? { text: cell.text, rowSpan: cell.rowSpan } : cell.text))),
        ],
        layout.columns.length === 6 ? ['11%', '15%', '21%', '25%', '12%', '*'] : ['12%', '17%', '24%', '30%', '*'],
        1,
      ),
      ...layout.notes.map((note): Content => ({ text: note, margin: [0, 4, 0, 4] })),
    ],
    ...extra,
  };
  return renderPdf(definition);
}

// ---- CSV and Markdown

export function buildCsv(layout: CardLayout, separator: ';' | ',' = ';'): string {
  const quote = (text: string) => (/[;,"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [
    ...layout.titles.map((t) => quote(t)),
    '',
    ...layout.fields.map((f) => [f.label, fieldMarkup(f.value)].map(quote).join(separator)),
    '',
    layout.columns.map(quote).join(separator),
    ...layout.rows.map((row) => row.map((c) => quote(c.rowSpan === 0 ? '' : c.text)).join(separator)),
    '',
    ...layout.notes.map(quote),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function buildMarkdown(layout: CardLayout): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
  return [
    ...layout.titles.map((t) => `## ${t}`),
    '',
    // The fields as a two-column table, its first field as the header row.
    ...layout.fields.flatMap((f, index) => [`| ${f.label} | ${cell(fieldMarkup(f.value))} |`, ...(index === 0 ? ['|---|---|'] : [])]),
    '',
    `| ${layout.columns.join(' | ')} |`,
    `|${layout.columns.map(() => '---').join('|')}|`,
    ...layout.rows.map((row) => `| ${row.map((c) => cell(c.rowSpan === 0 ? '' : c.text)).join(' | ')} |`),
    '',
    ...layout.notes,
    '',
  ].join('\n');
}

/** A field's lines in the cell language of text cards: links as `<a href>`, lines as `<br>`. */
function fieldMarkup(cell: LayoutCell): string {
  return cell.map((line) => line.map((s) => ('href' in s ? (s.href === s.text ? s.text : `<a href="${s.href}">${s.text}</a>`) : s.text)).join('')).join('<br>');
}

/** Everything a card says, without where it was read: what two readings of the same card must share. */
export function cardContent(imported: ImportedCard) {
  const { card, organisation } = imported;
  return {
    organisation,
    year: card.year,
    service: card.service,
    notes: card.notes,
    ruleText: card.ruleText,
    indicators: card.indicators.map(({ source: _source, ...rest }) => rest),
  };
}
