import type { Link, RichText } from '../domain/cards/card.ts';

// Cards are exported from word processors and CMSs: cells carry HTML fragments, markdown and entities.
// These functions turn such a cell into plain words, keeping its links apart.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  agrave: 'à', aacute: 'á', egrave: 'è', eacute: 'é', igrave: 'ì', iacute: 'í', ograve: 'ò', oacute: 'ó', ugrave: 'ù', uacute: 'ú',
  Agrave: 'À', Aacute: 'Á', Egrave: 'È', Eacute: 'É', Igrave: 'Ì', Ograve: 'Ò', Ugrave: 'Ù', ccedil: 'ç', Ccedil: 'Ç',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„',
  ndash: '–', mdash: '—', hellip: '…', euro: '€', deg: '°', bull: '•', middot: '·', times: '×', copy: '©', reg: '®',
};

/** Tags that end a line of text; every other tag is inline and simply dropped. */
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'tbody', 'thead', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'dd', 'dt', 'dl', 'hr', 'pre']);

/** One pass finds, in order: anchors, comments, other tags, markdown links and bare URLs. */
const TOKEN = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>|<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|(\bhttps?:\/\/[^\s<>"']+|\bwww\.[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+[^\s<>"']*)/g;

/** A bullet at the start of a line: symbol bullets (also Word's checkboxes and Wingdings) may touch the text ("☐Previsioni"), ASCII ones need a space. */
const LEADING_BULLET = /^(?:[•·▪◦‣∙●○■□☐☑☒✓✔➢➤►▸▹→❖◆◇\uf0a7\uf0b7\uf0d8‐‑–—]\s*|[-*+]\s+)/;

// Placeholders for markdown-escaped characters, so "(\*)" never opens an emphasis.
const ESCAPE_BASE = 0xe000;

/** Decodes HTML character references (named, decimal and hexadecimal); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Removes markdown emphasis (**bold**, *italic*, __bold__) and backslash escapes, keeping the words. */
export function stripMarkdown(text: string): string {
  const escaped = text.replace(/\\([\\`*_{}[\]()#+\-.!&|<>])/g, (_m, c: string) => String.fromCharCode(ESCAPE_BASE + c.charCodeAt(0)));
  const plain = escaped
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    .replace(/(?<![\w*])__(?=\S)([\s\S]*?\S)__(?![\w*])/g, '$1')
    // An italic span must hug its words, so a lone "(*)" mark is never taken for one.
    .replace(/(?<![\w*])\*(?=[^\s*)])([^*\n]*?[^\s*(])\*(?![\w*])/g, '$1');
  return plain.replace(/[\ue000-\ue0ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) - ESCAPE_BASE));
}

/** Removes one leading list bullet ("•", "‐", "- ", "* ") from a line. */
export function stripBullet(line: string): string {
  return line.replace(LEADING_BULLET, '');
}

/** True when the line starts with a list bullet. */
export function startsWithBullet(line: string): boolean {
  return LEADING_BULLET.test(line.trim());
}

/** Turns a cell into RichText: words on lines (paragraphs and list items each on their own), links kept apart. */
export function parseRichText(cell: string): RichText {
  const links: Link[] = [];
  let raw = '';
  let last = 0;
  for (const match of cell.matchAll(TOKEN)) {
    raw += cell.slice(last, match.index);
    last = match.index + match[0].length;
    const [, anchorAttributes, anchorInner, tagName, mdText, mdHref, bareUrl] = match;
    if (anchorInner !== undefined) {
      const inner = anchorInner.replace(/<[^>]*>/g, ' ');
      raw += inner;
      const href = readHref(anchorAttributes ?? '');
      const text = cleanLine(inner);
      if (href !== null) links.push({ text: text === '' ? href : text, href });
    } else if (tagName !== undefined) {
      raw += BLOCK_TAGS.has(tagName.toLowerCase()) ? '\n' : '';
    } else if (mdText !== undefined && mdHref !== undefined) {
      raw += mdText;
      links.push({ text: cleanLine(mdText), href: decodeEntities(mdHref) });
    } else if (bareUrl !== undefined) {
      raw += bareUrl;
      const url = trimUrl(decodeEntities(bareUrl));
      links.push({ text: url, href: url.startsWith('www.') ? `http://${url}` : url });
    }
    // Comments add nothing.
  }
  raw += cell.slice(last);
  const lines = raw.split(/\r\n|\r|\n/).map(cleanLine).filter((line) => line !== '');
  return { text: lines.join('\n'), links };
}

/** The words of a cell, one line per paragraph or list item. */
export function toPlainText(cell: string): string {
  return parseRichText(cell).text;
}

/** The words of a cell on a single line: what a table cell or a label needs. */
export function toInlineText(cell: string): string {
  return joinInline(toPlainText(cell).split('\n'));
}

/** Joins lines into one: after a line ending in punctuation a space is enough, otherwise "; " keeps items apart. */
export function joinInline(lines: readonly string[]): string {
  const pieces: string[] = [];
  let previous = '';
  for (const line of lines) {
    const part = line.trim();
    if (part === '') continue;
    // Only the last character of what came before matters: testing the whole text each time would be quadratic.
    if (pieces.length > 0) pieces.push(/[.,;:!?]/.test(previous.charAt(previous.length - 1)) ? ' ' : '; ');
    pieces.push(part);
    previous = part;
  }
  return pieces.join('');
}

function cleanLine(line: string): string {
  const text = stripMarkdown(decodeEntities(line)).replace(/[\s\u00a0\u200b]+/g, ' ').trim();
  return stripBullet(text).trim();
}

function readHref(attributes: string): string | null {
  const match = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const value = match ? (match[1] ?? match[2] ?? match[3] ?? '') : '';
  const href = decodeEntities(value).trim();
  return href === '' ? null : href;
}

/** A URL written in prose often ends with the sentence's punctuation, which is not part of it. */
function trimUrl(url: string): string {
  let out = url.replace(/[.,;:!?'"]+$/, '');
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return out;
}
