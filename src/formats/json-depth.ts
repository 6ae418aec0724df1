/**
 * Where a JSON text first nests deeper than `max` levels of objects and arrays, with the 1-based top-level item it is
 * in (for an array body); undefined when it never does. One pass, no recursion, no parsing: the check that comes
 * before JSON.parse, whose time grows fast with the depth, and before anything prints the value.
 */
export function findExcessNesting(text: string, max: number): { index: number; item: number } | undefined {
  let depth = 0;
  let item = 1;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      at = endOfString(text, at);
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > max) return { index: at, item };
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    } else if (code === 0x2c && depth === 1) {
      item += 1;
    }
  }
  return undefined;
}

/** The index of the quote closing the string opened at `open` (the text's end when there is none). */
function endOfString(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return close;
    from = close + 1;
  }
}
