/**
 * The table of contents of a zip archive (.docx, .xlsx and any later zip-based format), read
 * from its central directory without decompressing anything: each entry's name, method, sizes
 * and where its data starts. Sizes written there may lie (a zip bomb declares small ones), so
 * container-limits.ts counts what an entry really inflates to; this file only finds the entries.
 * Format: PKWARE APPNOTE.TXT 6.3.10, sections 4.3.12 (central header), 4.3.16 (end record), 4.5.3 (zip64).
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not a document part */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** as declared: not to be trusted */
  declaredSize: number;
  /** offset of the entry's data (after its local header) */
  dataOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndRecord(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipFormatError('no end of central directory record');
}

/** Where the central directory starts: from the end record, or its zip64 twin when the offset overflowed. */
function centralStart(buf: Buffer, eocd: number): number {
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset !== 0xffffffff) return offset;
  const locator = eocd - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipFormatError('zip64 locator missing');
  const record = Number(buf.readBigUInt64LE(locator + 8));
  if (record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipFormatError('zip64 end record missing');
  return Number(buf.readBigUInt64LE(record + 48));
}

/** The zip64 extra field (id 1) holds, in order, whichever of the three values overflowed. */
function zip64Values(extra: Buffer, wanted: boolean[]): number[] {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const size = extra.readUInt16LE(i + 2);
    if (id === 1) {
      const out: number[] = [];
      let at = i + 4;
      for (const w of wanted) {
        if (!w) continue;
        if (at + 8 > i + 4 + size) throw new ZipFormatError('zip64 extra field too short');
        out.push(Number(extra.readBigUInt64LE(at)));
        at += 8;
      }
      return out;
    }
    i += 4 + size;
  }
  throw new ZipFormatError('zip64 extra field missing');
}

/**
 * The entries of a zip archive, at most `maxEntries + 1` of them (the caller refuses more, so
 * reading past that would only waste time on an entry-count bomb).
 */
export function zipEntries(buf: Buffer, maxEntries: number): ZipEntry[] {
  const eocd = findEndRecord(buf);
  let at = centralStart(buf, eocd);
  const entries: ZipEntry[] = [];
  while (at + 46 <= buf.length && buf.readUInt32LE(at) === CENTRAL && entries.length <= maxEntries) {
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let declaredSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let localOffset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const overflow = [declaredSize === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff];
    if (overflow.some(Boolean)) {
      const values = zip64Values(buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), overflow);
      if (overflow[0]) declaredSize = values.shift()!;
      if (overflow[1]) compressedSize = values.shift()!;
      if (overflow[2]) localOffset = values.shift()!;
    }
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw new ZipFormatError(`no local header for ${name}`);
    const dataOffset = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > buf.length) throw new ZipFormatError(`${name} runs past the end of the file`);
    entries.push({ name, method, encrypted: (flags & 1) === 1, compressedSize, declaredSize, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
