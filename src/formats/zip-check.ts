import { createInflateRaw } from 'node:zlib';

/**
 * Checks that bytes are a well-formed ZIP archive, as a streaming unzipper reads one: local entries one after the
 * other from the first byte, each as the central directory describes it (name, method, sizes), stored or deflated,
 * each deflated entry inflating to its declared size; then the central directory. Resolves to why not, or undefined.
 *
 * Why: the streaming XLSX reader (ExcelJS over unzipper) waits for ever on an archive cut short or bent in some ways,
 * instead of failing; a file checked here first never makes it wait.
 */
export async function zipProblem(bytes: Uint8Array): Promise<string | undefined> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end === undefined) return 'it has no ZIP directory at its end (cut short, or not a workbook)';
  const entries = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff) return 'it is a ZIP64 archive, which is not read: save the workbook again, or export CSV';
  if (directoryOffset + directorySize > end) return 'its ZIP directory lies outside the file';

  const described: Entry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return `entry ${index + 1} of its ZIP directory is damaged`;
    const nameLength = view.getUint16(at + 28, true);
    described.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: bytes.subarray(at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at !== directoryOffset + directorySize) return 'its ZIP directory has another size than it says';
  const unpacked = described.reduce((sum, entry) => sum + entry.size, 0);
  if (unpacked > MAX_UNPACKED_BYTES) return `it would unpack to ${Math.round(unpacked / 2 ** 20)} MiB, more than the ${MAX_UNPACKED_BYTES / 2 ** 20} MiB read: export the events as CSV`;

  // Entries one after the other from the first byte, as a streaming reader meets them.
  let next = 0;
  for (const entry of described.sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.localOffset !== next) return 'its ZIP entries do not follow one another';
    const problem = await localEntryProblem(bytes, view, entry);
    if (typeof problem === 'string') return problem;
    next = problem;
  }
  if (next !== directoryOffset) return 'there are bytes between its last ZIP entry and its directory';
  return undefined;
}

/** The most an archive may unpack to: beyond it, a workbook is a bomb or a table for CSV. */
export const MAX_UNPACKED_BYTES = 2 ** 30;

interface Entry {
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  name: Uint8Array;
}

/** Why a local entry is not as described, or the offset just after it. */
async function localEntryProblem(bytes: Uint8Array, view: DataView, entry: Entry): Promise<string | number> {
  const at = entry.localOffset;
  const name = new TextDecoder().decode(entry.name).slice(0, 100);
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return `its ZIP entry ${name} is damaged`;
  const nameLength = view.getUint16(at + 26, true);
  const dataStart = at + 30 + nameLength + view.getUint16(at + 28, true);
  const localName = bytes.subarray(at + 30, at + 30 + nameLength);
  if (Buffer.compare(localName, entry.name) !== 0 || view.getUint16(at + 8, true) !== entry.method) return `its ZIP entry ${name} does not match its directory`;
  // Without a data descriptor (flag bit 3) the local header gives the sizes the reader trusts.
  const described = (entry.flags & 0x08) === 0;
  if (described && (view.getUint32(at + 18, true) !== entry.compressedSize || view.getUint32(at + 22, true) !== entry.size)) return `its ZIP entry ${name} has other sizes than its directory says`;
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) return `its ZIP entry ${name} is cut short`;
  if (entry.method === 8) {
    const inflated = await inflatedSize(bytes.subarray(dataStart, dataEnd));
    if (inflated !== entry.size) return `its ZIP entry ${name} does not inflate to its size (damaged data)`;
  } else if (entry.method !== 0 || entry.compressedSize !== entry.size) {
    return `its ZIP entry ${name} is compressed in a way that is not read (method ${entry.method})`;
  }
  if (described) return dataEnd;
  // The data descriptor: an optional signature, the CRC and both sizes.
  const descriptor = dataEnd + 12 <= bytes.length && view.getUint32(dataEnd, true) === 0x08074b50 ? dataEnd + 4 : dataEnd;
  if (descriptor + 12 > bytes.length || view.getUint32(descriptor + 4, true) !== entry.compressedSize || view.getUint32(descriptor + 8, true) !== entry.size) {
    return `its ZIP entry ${name} ends without the sizes it promised`;
  }
  return descriptor + 12;
}

/** The size deflated data inflates to, or -1 when it is not valid deflate data (or has bytes after its end). */
function inflatedSize(data: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let size = 0;
    let settled = false;
    const settle = (value: number) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => (size += chunk.length));
    inflate.on('error', () => settle(-1));
    inflate.on('end', () => settle(inflate.bytesWritten === data.length ? size : -1));
    inflate.end(data);
  });
}

/** The offset of the end-of-central-directory record: its signature, searched back over the comment it may have. */
function findEndOfCentralDirectory(view: DataView): number | undefined {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50 && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return undefined;
}
