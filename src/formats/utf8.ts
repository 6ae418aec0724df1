import { isUtf8 } from 'node:buffer';

/**
 * The offset of the first byte that does not start a valid UTF-8 sequence (overlong forms, surrogates and code points
 * past U+10FFFF are invalid, as the WHATWG decoder holds them), or -1. A sequence cut short by `end` is invalid too:
 * call it on whole lines or whole files. Only for messages: the readers decode with TextDecoder and come here once
 * they know something is wrong.
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let at = start;
  while (at < end) {
    const lead = bytes[at] ?? 0;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return at;
    if (at + length > end) return at;
    const second = bytes[at + 1] ?? 0;
    if (second < low || second > high) return at;
    for (let next = at + 2; next < at + length; next += 1) {
      const byte = bytes[next] ?? 0;
      if (byte < 0x80 || byte > 0xbf) return at;
    }
    at += length;
  }
  return -1;
}

/** The 1-based line (counting \n) of a byte offset. */
export function lineOfOffset(bytes: Uint8Array, offset: number, start = 0): number {
  let line = 1;
  for (let at = bytes.indexOf(0x0a, start); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line += 1;
  return line;
}

/** Where a byte stream stopped being UTF-8: the 1-based line of the first invalid byte. */
export interface Utf8Problem {
  line: number;
}

/**
 * Passes byte chunks on, line by line, while they are valid UTF-8; at the first invalid byte, notes its line in
 * `problem` and stops, having passed on only the lines before it. A line is held until its newline arrives (so a
 * reader never sees half of the bad line), unless it grows past `holdAtMost` bytes. Text chunks pass as they are. A
 * file reader checks `problem` once the stream is read.
 */
export async function* stopAtInvalidUtf8(
  input: AsyncIterable<string | Uint8Array>,
  problem: { found?: Utf8Problem },
  holdAtMost = 1 << 20,
): AsyncGenerator<string | Uint8Array> {
  let carry: Uint8Array | undefined;
  let newlines = 0;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const bytes = carry === undefined ? chunk : concat(carry, chunk);
    const end = endOfWholeCharacters(bytes);
    if (!isUtf8(bytes.subarray(0, end))) {
      const offset = invalidUtf8Offset(bytes, 0, end);
      problem.found = { line: newlines + lineOfOffset(bytes, offset) };
      const lineStart = bytes.lastIndexOf(0x0a, offset) + 1;
      if (lineStart > 0) yield bytes.subarray(0, lineStart);
      return;
    }
    // Whole lines go on; the line still arriving waits (a very long one goes on as far as its whole characters).
    let pass = end === 0 ? 0 : bytes.lastIndexOf(0x0a, end - 1) + 1;
    if (bytes.length - pass > holdAtMost) pass = end;
    for (let at = bytes.indexOf(0x0a); at !== -1 && at < pass; at = bytes.indexOf(0x0a, at + 1)) newlines += 1;
    carry = pass < bytes.length ? bytes.slice(pass) : undefined;
    if (pass > 0) yield bytes.subarray(0, pass);
  }
  if (carry === undefined) return;
  // The last line, without a newline: whole, or ending within a character.
  if (endOfWholeCharacters(carry) < carry.length) problem.found = { line: newlines + lineOfOffset(carry, carry.length) };
  else yield carry;
}

/** The length of the leading part of `bytes` that ends on a character's edge (a sequence cut at the end is left out). */
function endOfWholeCharacters(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first, 0);
  bytes.set(second, first.length);
  return bytes;
}
