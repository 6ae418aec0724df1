import { Inflate, unzipSync } from 'fflate';

// DOCX, XLSX, ODT and ODS are zip files of XML parts. A file cut short loses the zip's directory (at its end), so
// the entries are then found by their local headers and inflated as far as their bytes go.

/** The entries of a zip, and whether they had to be recovered from a file cut short. */
export interface ZipEntries {
  files: Map<string, Uint8Array>;
  truncated: boolean;
}

/** True when the bytes start like a zip file. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07) && (bytes[3] === 0x04 || bytes[3] === 0x06 || bytes[3] === 0x08);
}

/** The entry names of a zip (without inflating anything), and whether its directory was damaged. */
export function listZip(bytes: Uint8Array): { names: string[]; damaged: boolean } {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
    return { names, damaged: false };
  } catch {
    const found: string[] = [];
    scanLocalEntries(bytes, (name) => {
      found.push(name);
      return false;
    });
    return { names: found, damaged: true };
  }
}

/** Reads the wanted entries; a zip without its directory is read from its local headers, and said to be truncated. */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean): ZipEntries {
  try {
    const files = unzipSync(bytes, { filter: (file) => wanted(file.name) });
    return { files: new Map(Object.entries(files)), truncated: false };
  } catch {
    return { files: scanLocalEntries(bytes, wanted), truncated: true };
  }
}

const LOCAL_HEADER = 0x04034b50;

/** Walks the local file headers one after the other, inflating each entry as far as its bytes go. */
function scanLocalEntries(bytes: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset + 30 <= bytes.length && view.getUint32(offset, true) === LOCAL_HEADER) {
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    let compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const nameEnd = offset + 30 + nameLength;
    if (nameEnd > bytes.length) break;
    const name = new TextDecoder().decode(bytes.subarray(offset + 30, nameEnd));
    const start = nameEnd + extraLength;
    if (start > bytes.length) break;
    // With a data descriptor (bit 3) the size comes after the data: the data runs to the next local header.
    if ((flags & 0x08) !== 0 || compressedSize === 0) {
      const next = findNextHeader(bytes, start);
      compressedSize = (next < 0 ? bytes.length : next) - start;
    }
    const end = Math.min(bytes.length, start + compressedSize);
    const data = bytes.subarray(start, end);
    if (wanted(name) && (flags & 0x01) === 0) {
      if (method === 0) files.set(name, data.slice());
      else if (method === 8) files.set(name, inflatePartial(data));
    }
    if (end >= bytes.length) break;
    const next = findNextHeader(bytes, end);
    if (next < 0) break;
    offset = next;
  }
  return files;
}

function findNextHeader(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04) return i;
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x01 && bytes[i + 3] === 0x02) return -1;
  }
  return -1;
}

/** Inflates as much of a deflate stream as is there; a stream cut short gives what came before the cut. */
function inflatePartial(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  try {
    const inflate = new Inflate((chunk) => chunks.push(chunk));
    inflate.push(data, false);
  } catch {
    // What was inflated before the damage is kept.
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The text of a zip entry as UTF-8, or null when the zip does not hold it. */
export function entryText(entries: ZipEntries, name: string): string | null {
  const data = entries.files.get(name);
  return data === undefined ? null : new TextDecoder('utf-8', { fatal: false }).decode(data);
}
