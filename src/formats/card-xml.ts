import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';

// The XML parts of office documents, read as a DOM; a part cut short (a damaged file) is closed where it stops.

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/** An XML part and whether it had to be closed because it stopped short. */
export interface ParsedXml {
  document: Document;
  truncated: boolean;
}

/**
 * Parses an XML part. A part that stops short (a damaged file) is cut at its last whole tag and its open elements
 * are closed, so what came before the cut can still be read. Null when nothing can be read.
 */
export function parseXml(text: string): ParsedXml | null {
  let fatal: string | null = null;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'fatalError') fatal ??= message;
    },
  });
  const tryParse = (xml: string): Document | null => {
    fatal = null;
    try {
      const document = parser.parseFromString(xml, 'text/xml');
      return fatal === null && document.documentElement ? document : null;
    } catch {
      return null;
    }
  };
  const whole = tryParse(text);
  if (whole) return { document: whole, truncated: false };
  const cut = text.slice(0, lastTagEnd(text));
  const open = openElements(cut);
  if (open === null) return null;
  const closed = tryParse(cut + open.reverse().map((name) => `</${name}>`).join(''));
  return closed ? { document: closed, truncated: true } : null;
}

function lastTagEnd(text: string): number {
  const close = text.lastIndexOf('>');
  return close < 0 ? 0 : close + 1;
}

/** The elements left open at the end of a well-formed prefix, outermost first; null when the prefix is not well-formed. */
function openElements(text: string): string[] | null {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>/g;
  for (const match of text.matchAll(tag)) {
    const [, closing, name, selfClosing] = match;
    if (name === undefined || selfClosing === '/') continue;
    if (closing === '/') {
      if (stack.pop() !== name) return null;
    } else {
      stack.push(name);
    }
  }
  return stack;
}

/** The element children of a node. */
export function elements(node: Node | null): Element[] {
  const out: Element[] = [];
  if (node === null) return out;
  for (let child = node.firstChild; child !== null; child = child.nextSibling) if (child.nodeType === ELEMENT) out.push(child as Element);
  return out;
}

export function firstElement(node: Node | null, tag: string): Element | null {
  return elements(node).find((e) => e.tagName === tag) ?? null;
}

export function descendants(node: Node | null, tag: string): Element[] {
  const out: Element[] = [];
  const walk = (parent: Node) => {
    for (const child of elements(parent)) {
      if (child.tagName === tag) out.push(child);
      walk(child);
    }
  };
  if (node) walk(node);
  return out;
}

export function attribute(element: Element | null, name: string): string | null {
  if (element === null || !element.hasAttribute(name)) return null;
  return element.getAttribute(name);
}

/** The text of a node and its descendants. */
export function textOf(node: Node): string {
  let out = '';
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT || child.nodeType === CDATA) out += child.nodeValue ?? '';
    else if (child.nodeType === ELEMENT) out += textOf(child);
  }
  return out;
}

/** A parsed part written back as XML text. */
export function serializeXml(document: Document): string {
  return new XMLSerializer().serializeToString(document);
}
