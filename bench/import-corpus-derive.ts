import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CHROMIUM_PATH } from '../test/browser.ts';
import { chromium } from 'playwright-core';
import { isTitleLine, matchFieldLabel } from '../src/formats/card-text-labels.ts';
import { CORPUS_DIR } from './import-corpus.ts';

/**
 * Rebuilds the corpus files that are real cards put into another format by us (test/fixtures/cards/README.md
 * says which): a seed card's tab-separated text as an XLSX sheet with the dimension cells merged down, as an HTML
 * page with rowspan, and as a PDF printed from that page by Chromium. Cell words are the card's own; markup is
 * turned into the format's own (bold, links) or dropped. Run: npx tsx bench/import-corpus-derive.ts
 */

interface Line {
  cells: string[];
}

interface CardLayout {
  /** Lines above the table: titles (one cell) and fields (label, value). */
  head: Line[];
  header: string[];
  /** Table rows; an empty first cell continues the dimension above. */
  rows: string[][];
  /** Paragraphs under the table. */
  notes: string[];
}

const HEADER = /dimensioni/i;

function splitCard(text: string): CardLayout {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n/).map((line) => line.replace(/\s+$/, ''));
  const headerAt = lines.findIndex((line) => line.includes('\t') && HEADER.test(line.split('\t')[0] ?? ''));
  if (headerAt === -1) throw new Error('no table header');
  let end = headerAt + 1;
  while (end < lines.length && (lines[end] ?? '').includes('\t')) end += 1;
  const cellsOf = (line: string) => line.split('\t').map((cell) => cell.trim());
  return {
    head: lines.slice(0, headerAt).filter((line) => line.trim() !== '').map((line) => ({ cells: cellsOf(line).filter((cell, i) => i === 0 || cell !== '') })),
    header: cellsOf(lines[headerAt] ?? ''),
    rows: lines.slice(headerAt + 1, end).map(cellsOf),
    notes: lines.slice(end).filter((line) => line.trim() !== ''),
  };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The words of a cell, without markup. */
function plain(cell: string): string {
  return cell
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z#0-9]+;/gi, (entity) => ENTITIES[entity.toLowerCase()] ?? entity)
    .replace(/\*\*|__/g, '')
    .replace(/\\([*_&])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** A cell as HTML: the card's own tags stay, markdown emphasis becomes <strong>. */
function html(cell: string): string {
  return cell.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/\\([*_&])/g, '$1');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How many rows below each row continue its dimension (empty first cell). */
function dimensionSpans(rows: readonly string[][]): number[] {
  return rows.map((row, i) => {
    if ((row[0] ?? '') === '') return 0;
    let span = 1;
    while (i + span < rows.length && (rows[i + span]?.[0] ?? '') === '') span += 1;
    return span;
  });
}

async function writeXlsx(card: CardLayout, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Scheda standard');
  sheet.columns = [{ width: 22 }, { width: 30 }, { width: 45 }, { width: 55 }, { width: 16 }, { width: 20 }];
  for (const line of card.head) {
    const row = sheet.addRow(line.cells.map(plain));
    if (line.cells.length === 1) row.font = { bold: true };
  }
  sheet.addRow([]);
  const headerRow = sheet.addRow(card.header.map(plain));
  headerRow.font = { bold: true };
  const spans = dimensionSpans(card.rows);
  card.rows.forEach((cells, i) => {
    const row = sheet.addRow(cells.map(plain));
    row.alignment = { vertical: 'top', wrapText: true };
    const span = spans[i] ?? 0;
    if (span > 1) sheet.mergeCells(row.number, 1, row.number + span - 1, 1);
  });
  sheet.addRow([]);
  for (const note of card.notes) sheet.addRow([plain(note)]);
  await workbook.xlsx.writeFile(file);
}

/** The lines above the table as HTML: field rows grouped in a table, a field label alone as a heading, other lines as paragraphs. */
function headHtml(head: readonly Line[]): string {
  const out: string[] = [];
  let fields: string[] = [];
  const flush = () => {
    if (fields.length > 0) out.push(`<table class="campi">\n${fields.join('\n')}\n</table>`);
    fields = [];
  };
  for (const line of head) {
    const [first = '', ...rest] = line.cells;
    if (rest.length > 0) {
      fields.push(`<tr><th scope="row">${html(first)}</th><td>${rest.map(html).join(' ')}</td></tr>`);
      continue;
    }
    flush();
    if (matchFieldLabel(first) !== null) out.push(`<h2>${html(first)}</h2>`);
    else if (isTitleLine(first)) out.push(`<p><strong>${html(first)}</strong></p>`);
    else out.push(`<p>${html(first)}</p>`);
  }
  flush();
  return out.join('\n');
}

function toHtml(card: CardLayout, title: string): string {
  const spans = dimensionSpans(card.rows);
  const rows = card.rows
    .map((cells, i) => {
      const span = spans[i] ?? 0;
      const first = span === 0 ? '' : `<td${span > 1 ? ` rowspan="${span}"` : ''}>${html(cells[0] ?? '')}</td>`;
      return `<tr>${first}${card.header.slice(1).map((_, c) => `<td>${html(cells[c + 1] ?? '')}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="it">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;font-size:10pt} table{border-collapse:collapse;margin:1em 0} td,th{border:1px solid #444;padding:4px;vertical-align:top;text-align:left}</style>
</head>
<body>
<main>
${headHtml(card.head)}
<table class="indicatori">
<thead><tr>${card.header.map((cell) => `<th scope="col">${html(cell)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${card.notes.map((note) => `<p>${html(note)}</p>`).join('\n')}
</main>
</body>
</html>
`;
}

async function writePdf(page: string, file: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const tab = await browser.newPage();
    await tab.setContent(page);
    await tab.pdf({ path: file, format: 'A4', landscape: true, margin: { top: '1cm', bottom: '1cm', left: '1cm', right: '1cm' } });
  } finally {
    await browser.close();
  }
}

const source = (name: string) => splitCard(readFileSync(join(CORPUS_DIR, `${name}.txt`), 'utf8'));

await writeXlsx(source('mlps-cliclavoro-2018'), join(CORPUS_DIR, 'mlps-cliclavoro-2018.xlsx'));
writeFileSync(join(CORPUS_DIR, 'mlps-centro-di-contatto.html'), toHtml(source('mlps-centro-di-contatto'), 'CENTRO DI CONTATTO - standard di qualità'));
await writePdf(toHtml(source('mlps-servizi-lavoro-2021'), 'Servizi Lavoro - standard di qualità 2021'), join(CORPUS_DIR, 'mlps-servizi-lavoro-2021.pdf'));
for (const [from, to] of [
  ['mlps-cliclavoro-2018', 'mlps-cliclavoro-2018.xlsx'],
  ['mlps-centro-di-contatto', 'mlps-centro-di-contatto.html'],
  ['mlps-servizi-lavoro-2021', 'mlps-servizi-lavoro-2021.pdf'],
] as const) {
  writeFileSync(join(CORPUS_DIR, `${to}.expected.json`), readFileSync(join(CORPUS_DIR, `${from}.txt.expected.json`)));
}
console.log('derived: mlps-cliclavoro-2018.xlsx, mlps-centro-di-contatto.html, mlps-servizi-lavoro-2021.pdf (and their expected cards)');
