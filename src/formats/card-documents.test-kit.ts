import type { ImportedCard } from '../domain/cards/imported-card.ts';
import { layoutCard as layoutSource, type CardLayout, type LayoutCell } from './card-layout.ts';
import { writeCardDocx } from './card-docx.writer.ts';
import { ODF_NAMESPACES, odfCardTables, odfPackage, odfParagraphs, writeCardOdt, xmlText as xml } from './card-odt.writer.ts';
import { writeCardPdf } from './card-pdf.writer.ts';
import { writeCardXlsx } from './card-xlsx.writer.ts';

// Builds a card as the documents PAs publish (DOCX, XLSX, ODT, ODS, HTML, PDF, CSV, Markdown), all from the one
// layout of official documents (card-layout.ts): DOCX, XLSX, ODT and PDF are the production writers themselves; ODS,
// HTML, CSV and Markdown, which misura does not export, are built here. The round-trip tests import them back.

export type { CardLayout, LayoutCell, LayoutTableCell, Span } from './card-layout.ts';
export { renderPdf } from './pdf-render.ts';

/** The layout of a read card: what an official document of it shows. */
export function layoutCard(imported: ImportedCard): CardLayout {
  return layoutSource(imported);
}

export const buildDocx = writeCardDocx;
export const buildXlsx = writeCardXlsx;
export const buildOdt = writeCardOdt;
export const buildPdf = writeCardPdf;

export function buildOds(layout: CardLayout): Promise<Uint8Array> {
  const row = (cells: string[]) => `<table:table-row>${cells.map((c) => `<table:table-cell office:value-type="string"><text:p>${xml(c)}</text:p></table:table-cell>`).join('')}<table:table-cell table:number-columns-repeated="1018"/></table:table-row>`;
  const fieldRows = layout.fields.map((f) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${xml(f.label)}</text:p></table:table-cell><table:table-cell office:value-type="string">${odfParagraphs(f.value)}</table:table-cell></table:table-row>`);
  const { indicators } = odfCardTables(layout);
  const tableBody = indicators.replace(/^<table:table [^>]*><table:table-column [^>]*\/>/, '').replace(/<\/table:table>$/, '').replace(/<\/?table:table-header-rows>/g, '');
  const blank = '<table:table-row><table:table-cell/></table:table-row>';
  const sheet = `<table:table table:name="Carta"><table:table-column table:number-columns-repeated="1024"/>${layout.titles.map((t) => row([t])).join('')}${blank}${fieldRows.join('')}${blank}${tableBody}${blank}${layout.notes.map((n) => row([n])).join('')}<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>`;
  return odfPackage('application/vnd.oasis.opendocument.spreadsheet', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NAMESPACES}><office:body><office:spreadsheet>${sheet}</office:spreadsheet></office:body></office:document-content>`);
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
