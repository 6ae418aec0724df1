import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { escapeCellText, linkMarkup, singlePartDocument, type CardDocument, type DocumentCell, type DocumentRow } from './card-document.ts';

// A card on a web page: the page's own parts (navigation, header and footer of the site, scripts, forms) are
// skipped; paragraphs, headings and list items become lines, and a table (with rowspan and colspan) becomes rows.
// A layout table that holds other tables is walked as a container, not read as data.

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'nav', 'head', 'object', 'canvas', 'video', 'audio', 'map']);
/** Site furniture, skipped unless inside the page's main content. */
const FURNITURE = new Set(['header', 'footer', 'aside']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'dt', 'dd', 'li', 'figure', 'figcaption', 'address', 'hr', 'center', 'caption', 'header', 'footer', 'aside', 'form', 'fieldset', 'details', 'summary', 'body', 'html']);
const MAX_SPAN = 64;

export function readHtml(text: string, file: string): CardDocument {
  const document = parse(text.replace(/^\uFEFF/, ''));
  const reader = new HtmlReader();
  reader.walk(document, false);
  reader.flush();
  return singlePartDocument(file, 'html', reader.rows);
}

class HtmlReader {
  rows: DocumentRow[] = [];
  private current = '';
  private tables = 0;
  private bullet = false;

  flush(): void {
    const text = this.current.replace(/[ \t\r\f]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    if (text !== '') this.rows.push({ cells: [{ text: this.bullet ? `• ${text}` : text }], place: { line: this.rows.length + 1 }, table: null });
    this.current = '';
    this.bullet = false;
  }

  walk(node: Node, inMain: boolean): void {
    if (node.nodeName === '#text') {
      this.current += escapeCellText((node as DefaultTreeAdapterTypes.TextNode).value);
      return;
    }
    if (!('childNodes' in node)) return;
    const element = 'tagName' in node ? (node) : null;
    const tag = element?.tagName ?? '';
    if (element) {
      if (SKIPPED.has(tag) || FURNITURE_ROLES.has(attr(element, 'role') ?? '') || attr(element, 'hidden') !== null || attr(element, 'aria-hidden') === 'true') return;
      if (FURNITURE.has(tag) && !inMain) return;
      if (tag === 'br') {
        this.current += '\n';
        return;
      }
      if (tag === 'a') {
        const href = attr(element, 'href');
        const inner = new HtmlReader();
        for (const child of element.childNodes) inner.walk(child, true);
        const text = inner.current.replace(/\s+/g, ' ').trim();
        this.current += href && !href.startsWith('#') && !href.startsWith('javascript:') ? linkMarkup(href, text) : text;
        return;
      }
      if (tag === 'table') {
        this.flush();
        if (containsTable(element)) this.walkChildren(element, inMain);
        else this.readTable(element);
        return;
      }
    }
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    if (tag === 'li') this.bullet = true;
    this.walkChildren(node, inMain || tag === 'main' || tag === 'article' || (element !== null && attr(element, 'role') === 'main'));
    if (block) this.flush();
  }

  private walkChildren(node: Node, inMain: boolean): void {
    if ('childNodes' in node) for (const child of node.childNodes) this.walk(child, inMain);
  }

  private readTable(table: Element): void {
    const id = ++this.tables;
    const spans = new Map<number, { text: string; left: number }>();
    let rowNumber = 0;
    for (const tr of tableRows(table)) {
      rowNumber += 1;
      const cells: DocumentCell[] = [];
      const take = () => {
        for (let span = spans.get(cells.length); span !== undefined; span = spans.get(cells.length)) {
          cells.push({ text: '', flags: ['merged-above'], mergedText: span.text });
          span.left -= 1;
          if (span.left <= 0) spans.delete(cells.length - 1);
        }
      };
      for (const td of tr.childNodes) {
        if (!('tagName' in td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
        take();
        const inner = new HtmlReader();
        for (const child of td.childNodes) inner.walk(child, true);
        inner.flush();
        const text = inner.rows.map((row) => row.cells.map((c) => c.text).join(' ')).join('\n');
        const colspan = clampSpan(attr(td, 'colspan'));
        const rowspan = clampSpan(attr(td, 'rowspan'));
        const column = cells.length;
        cells.push({ text });
        for (let c = 1; c < colspan; c++) cells.push({ text: '', flags: ['merged-left'] });
        if (rowspan > 1) for (let c = 0; c < colspan; c++) spans.set(column + c, { text: c === 0 ? text : '', left: rowspan - 1 });
      }
      take();
      this.rows.push({ cells, place: { line: this.rows.length + 1, row: rowNumber }, table: id });
    }
  }
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!('tagName' in child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') rows.push(...child.childNodes.filter((n): n is Element => 'tagName' in n && n.tagName === 'tr'));
  }
  return rows;
}

function containsTable(element: Element): boolean {
  return element.childNodes.some((child) => 'tagName' in child && (child.tagName === 'table' || containsTable(child)));
}

function attr(element: Element, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}

function clampSpan(value: string | null): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}
