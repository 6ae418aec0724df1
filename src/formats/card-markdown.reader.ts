import { singlePartDocument, type CardDocument, type DocumentRow } from './card-document.ts';

// A card written in Markdown: paragraphs and headings as lines, pipe tables ("| a | b |" with a "|---|---|" rule
// under the header) as tables. Cells keep their markdown and HTML, which the cell language reads.

const RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$/;

/** True when the text holds a pipe table (a header line followed by a rule line). */
export function hasPipeTable(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return lines.some((line, index) => index > 0 && RULE.test(line) && (lines[index - 1] ?? '').includes('|'));
}

export function readMarkdown(text: string, file: string): CardDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows: DocumentRow[] = [];
  let table = 0;
  let inTable = false;
  let tableRow = 0;
  for (const [index, raw] of lines.entries()) {
    const next = lines[index + 1] ?? '';
    const place = { line: index + 1 };
    if (RULE.test(raw)) continue;
    if (raw.includes('|') && (inTable || RULE.test(next))) {
      if (!inTable) {
        table += 1;
        tableRow = 0;
        inTable = true;
      }
      tableRow += 1;
      rows.push({ cells: splitPipes(raw).map((cell) => ({ text: cell })), place: { ...place, row: tableRow }, table });
      continue;
    }
    inTable = false;
    // "## Denominazione del servizio" is a heading: its marks are no words.
    rows.push({ cells: [{ text: raw.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '') }], place, table: null });
  }
  return singlePartDocument(file, 'markdown', rows);
}

/** The cells of a pipe-table line; "\|" is a pipe inside a cell. */
function splitPipes(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const text = line.trim().replace(/^\|/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') cells.push(current.trim());
  return cells;
}
