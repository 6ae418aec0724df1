import { CardReadError } from '../domain/cards/card-read-error.ts';
import { escapeCellText, linkMarkup, singlePartDocument, type CardDocument, type DocumentRow, type ReaderNote } from './card-document.ts';
import { readTableHeader } from './card-text-table.ts';

// A PDF is read through its text layer (pdfjs-dist; no OCR): words with their place on the page. Words close on a
// line make chunks; lines close one under the other make blocks (a paragraph, or a table row whose cells wrap);
// a block's chunks that overlap side by side make its cells. Once a block reads as the indicator table's header,
// the columns of that header place every chunk of the blocks below, page after page, until a block no longer fits
// them. Rows are told apart by the space between lines, so a table without padding between rows may run together.

const MAX_PAGES = 500;

interface Chunk {
  x: number;
  right: number;
  y: number;
  size: number;
  text: string;
}

interface Line {
  y: number;
  size: number;
  chunks: Chunk[];
}

interface LinkArea {
  href: string;
  rect: [number, number, number, number];
}

interface PdfPage {
  lines: Line[];
}

/** Reads the text layer of a PDF into rows. */
export async function readPdf(bytes: Uint8Array, file: string): Promise<CardDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  // pdfjs takes a plain Uint8Array (not a Buffer) and may detach it: it gets its own copy.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new CardReadError('encrypted-pdf', 'the PDF is protected by a password: save a copy without the password (or export it again from the original document) and import that', { file });
    throw new CardReadError('unreadable-file', `not a readable PDF (${error instanceof Error ? error.message : String(error)})`, { file });
  }
  const notes: ReaderNote[] = [];
  const pages: PdfPage[] = [];
  let truncated = false;
  try {
    for (let number = 1; number <= Math.min(document.numPages, MAX_PAGES); number++) {
      try {
        const page = await document.getPage(number);
        const content = await page.getTextContent();
        const annotations = (await page.getAnnotations().catch(() => [])) as { subtype?: string; url?: string; unsafeUrl?: string; rect?: number[] }[];
        // The link as the PDF writes it: pdfjs's own `url` is normalised ("http://a.it" becomes "http://a.it/").
        const links: LinkArea[] = annotations.flatMap((a) => {
          const href = typeof a.unsafeUrl === 'string' && /^(?:https?:|mailto:)/i.test(a.unsafeUrl) ? a.unsafeUrl : a.url;
          return a.subtype === 'Link' && typeof href === 'string' && Array.isArray(a.rect) && a.rect.length === 4 ? [{ href, rect: a.rect as [number, number, number, number] }] : [];
        });
        pages.push({ lines: linesOf(content.items as { str?: string; transform?: number[]; width?: number }[], links) });
        page.cleanup();
      } catch (error) {
        truncated = true;
        notes.push({ code: 'truncated-file', severity: 'warning', message: `page ${number} cannot be read (${error instanceof Error ? error.message : String(error)}): the pages before it are read`, place: { page: number } });
        break;
      }
    }
  } finally {
    await document.destroy().catch(() => undefined);
  }
  if (pages.every((page) => page.lines.length === 0)) {
    throw new CardReadError('no-text-layer', 'no text to read: the PDF is an image; export it from the original document (a scanned card has no text layer, and misura does not read images)', { file });
  }
  return singlePartDocument(file, 'pdf', rowsOf(pages), { truncated, notes });
}

/** Words on a page into lines of chunks, top to bottom; a chunk inside a link's area becomes a link. */
function linesOf(items: readonly { str?: string; transform?: number[]; width?: number }[], links: readonly LinkArea[]): Line[] {
  const words: Chunk[] = [];
  for (const item of items) {
    const text = item.str ?? '';
    const t = item.transform;
    if (text.trim() === '' || !t || t.length < 6) continue;
    const size = Math.abs(t[3] ?? 0) || Math.hypot(t[2] ?? 0, t[3] ?? 0) || 10;
    const x = t[4] ?? 0;
    const y = t[5] ?? 0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    words.push({ x, right: x + Math.max(0, item.width ?? 0), y, size, text });
  }
  words.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const word of words) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - word.y) <= 0.35 * Math.max(line.size, word.size)) {
      line.chunks.push(word);
      line.size = Math.max(line.size, word.size);
    } else {
      lines.push({ y: word.y, size: word.size, chunks: [word] });
    }
  }
  for (const line of lines) line.chunks = joinChunks(line.chunks, links);
  return lines;
}

/** Words close together make one chunk; a gap wider than about half a letter's height separates cells. */
function joinChunks(words: Chunk[], links: readonly LinkArea[]): Chunk[] {
  words.sort((a, b) => a.x - b.x);
  const chunks: Chunk[] = [];
  for (const word of words) {
    const text = linkText(word, links);
    const last = chunks[chunks.length - 1];
    const gap = last ? word.x - last.right : Infinity;
    if (last && gap < 0.6 * Math.max(last.size, word.size)) {
      const space = gap > 0.12 * word.size && !last.text.endsWith(' ') && !text.startsWith(' ') ? ' ' : '';
      last.text += space + text;
      last.right = Math.max(last.right, word.right);
    } else {
      chunks.push({ ...word, text });
    }
  }
  for (const chunk of chunks) chunk.text = chunk.text.replace(/\s+/g, ' ').trim();
  return chunks.filter((chunk) => chunk.text !== '');
}

/** A word run's text, its words that lie in a link's area (placed by their share of the letters) made a link. */
function linkText(word: Chunk, links: readonly LinkArea[]): string {
  const midY = word.y + word.size / 3;
  const link = links.find(({ rect: [x1, y1, x2, y2] }) => midY >= Math.min(y1, y2) && midY <= Math.max(y1, y2) && word.x < Math.max(x1, x2) && word.right > Math.min(x1, x2));
  if (!link) return escapeCellText(word.text);
  const [x1, , x2] = link.rect;
  const letter = (word.right - word.x) / Math.max(1, word.text.length);
  const tokens = [...word.text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const inside = tokens.filter(({ start, end }) => {
    const centre = word.x + ((start + end) / 2) * letter;
    return centre >= Math.min(x1, x2) && centre <= Math.max(x1, x2);
  });
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (!first || !last) return escapeCellText(word.text);
  const text = word.text;
  return `${escapeCellText(text.slice(0, first.start))}${linkMarkup(link.href, escapeCellText(text.slice(first.start, last.end)))}${escapeCellText(text.slice(last.end))}`;
}

/** A block: lines close together, from one page. */
interface Block {
  page: number;
  lines: Line[];
}

function blocksOf(pages: readonly PdfPage[]): Block[] {
  const blocks: Block[] = [];
  pages.forEach((page, index) => {
    let current: Block | null = null;
    let previous: Line | null = null;
    for (const line of page.lines) {
      const step = previous === null ? Infinity : previous.y - line.y;
      if (current === null || step > 1.45 * Math.max(line.size, previous?.size ?? 0)) {
        current = { page: index + 1, lines: [] };
        blocks.push(current);
      }
      current.lines.push(line);
      previous = line;
    }
  });
  return blocks.filter((block) => !isPageNumber(block));
}

function isPageNumber(block: Block): boolean {
  const text = block.lines.flatMap((l) => l.chunks.map((c) => c.text)).join(' ');
  return /^(?:pag(?:ina|\.)?\s*)?\d{1,4}(?:\s*(?:di|\/|of)\s*\d{1,4})?$/i.test(text.trim());
}

/** A column of a block: chunks that overlap side by side. */
interface Column {
  left: number;
  right: number;
  chunks: Chunk[];
}

function columnsOf(block: Block): Column[] {
  const chunks = block.lines.flatMap((line) => line.chunks);
  chunks.sort((a, b) => a.x - b.x);
  const columns: Column[] = [];
  for (const chunk of chunks) {
    const overlapping = columns.find((c) => chunk.x < c.right && chunk.right > c.left);
    if (overlapping) {
      overlapping.chunks.push(chunk);
      overlapping.left = Math.min(overlapping.left, chunk.x);
      overlapping.right = Math.max(overlapping.right, chunk.right);
    } else {
      columns.push({ left: chunk.x, right: chunk.right, chunks: [chunk] });
    }
  }
  // Merging may make two columns overlap: fold them until none does.
  for (let merged = true; merged; ) {
    merged = false;
    columns.sort((a, b) => a.left - b.left);
    for (let i = 1; i < columns.length; i++) {
      const a = columns[i - 1];
      const b = columns[i];
      if (a && b && b.left < a.right) {
        a.chunks.push(...b.chunks);
        a.right = Math.max(a.right, b.right);
        columns.splice(i, 1);
        merged = true;
        break;
      }
    }
  }
  return columns;
}

/**
 * The words of chunks in reading order. A line after which the next line's first word would have fitted ends a
 * paragraph (a line break); other lines were wrapped (a space, or nothing after a "/" or a
 * hyphen inside a word, where lines break in URLs and formulas). A link cut by a line break is made whole again.
 */
function cellText(chunks: readonly Chunk[]): string {
  const sorted = [...chunks].sort((a, b) => b.y - a.y || a.x - b.x);
  const right = Math.max(...sorted.map((c) => c.right));
  let out = '';
  for (const [index, chunk] of sorted.entries()) {
    const previous = sorted[index - 1];
    if (previous === undefined) out = chunk.text;
    else if (Math.abs(previous.y - chunk.y) <= 0.35 * chunk.size) out += ` ${chunk.text}`;
    else if (firstWordFits(previous, chunk, right)) out += `\n${chunk.text}`;
    else out += /(?:\/|[^\s-]-)$/.test(plainText(previous.text)) ? chunk.text : ` ${chunk.text}`;
  }
  for (let joined = out.replace(LINK_CUT, '$1'); joined !== out; joined = out.replace(LINK_CUT, '$1')) out = joined;
  return out;
}

/** "…</a><a href="same">" (with or without a space between): one link cut by a line break. */
const LINK_CUT = /(<a href="([^"]*)">[^<]*)<\/a>\s?<a href="\2">/g;

function plainText(text: string): string {
  return text.replace(/<[^>]*>/g, '');
}

/** True when the first word of the next line would have fitted at the end of the previous one. */
function firstWordFits(previous: Chunk, next: Chunk, right: number): boolean {
  const words = plainText(next.text);
  const first = words.split(' ')[0] ?? '';
  const width = ((next.right - next.x) * (first.length + 1)) / Math.max(1, words.length);
  return previous.right + width < right - 0.5 * next.size;
}

/** The table's column grid: each column from halfway after the one before it. */
interface Grid {
  starts: number[];
  right: number;
}

function gridOf(columns: readonly Column[]): Grid {
  const starts = columns.map((column, index) => {
    const before = columns[index - 1];
    return before === undefined ? -Infinity : (before.right + column.left) / 2;
  });
  return { starts, right: Math.max(...columns.map((c) => c.right)) };
}

function columnAt(grid: Grid, x: number): number {
  let index = 0;
  for (let i = 0; i < grid.starts.length; i++) if (x >= (grid.starts[i] ?? -Infinity) - 1) index = i;
  return index;
}

function rowsOf(pages: readonly PdfPage[]): DocumentRow[] {
  const rows: DocumentRow[] = [];
  let grid: Grid | null = null;
  let table = 0;
  let tableRow = 0;
  for (const block of blocksOf(pages)) {
    const columns = columnsOf(block);
    const place = { line: rows.length + 1, page: block.page };
    if (grid !== null && fitsGrid(grid, columns)) {
      const cells: string[][] = grid.starts.map(() => []);
      const byColumn = new Map<number, Chunk[]>();
      for (const chunk of block.lines.flatMap((l) => l.chunks)) {
        const index = columnAt(grid, chunk.x);
        byColumn.set(index, [...(byColumn.get(index) ?? []), chunk]);
      }
      for (const [index, chunks] of byColumn) cells[index] = [cellText(chunks)];
      tableRow += 1;
      rows.push({ cells: cells.map((c) => ({ text: c[0] ?? '' })), place: { ...place, row: tableRow }, table });
      continue;
    }
    grid = null;
    const texts = columns.map((column) => cellText(column.chunks));
    const header = texts.length >= 3 ? readTableHeader({ number: place.line, text: texts.join('\t') }) : null;
    if (header) {
      grid = gridOf(columns);
      table += 1;
      tableRow = 1;
      const split = block.lines.length > 1;
      rows.push({ cells: texts.map((text) => ({ text: text.replace(/\n/g, ' '), ...(split ? { flags: ['split-lines' as const] } : {}) })), place: { ...place, row: 1 }, table });
      continue;
    }
    rows.push({ cells: texts.map((text) => ({ text })), place, table: null });
  }
  return rows;
}

/** A block fits the table when no chunk runs over more than its own column and a half (a paragraph runs wide). */
function fitsGrid(grid: Grid, columns: readonly Column[]): boolean {
  if (columns.length === 0) return false;
  for (const column of columns) {
    for (const chunk of column.chunks) {
      const index = columnAt(grid, chunk.x);
      const nextStart = grid.starts[index + 1];
      const nextEnd = grid.starts[index + 2] ?? grid.right;
      if (nextStart !== undefined && chunk.right > nextStart + (nextEnd - nextStart) / 2) return false;
    }
  }
  return true;
}
