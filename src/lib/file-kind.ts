/**
 * What a received file is, read from its first bytes (never from its name): the type it is
 * served as, whether it is an image shown inline, and whether it may be kept at all.
 * Executables and scripts are refused whatever they are called (an .exe renamed .jpg);
 * archives and office documents are kept as opaque downloads, never unpacked or rendered.
 * Pure; `head` is the first HEAD_BYTES of the file (or all of a shorter one).
 */

/** How many leading bytes `detectFileKind` needs. */
export const HEAD_BYTES = 64 * 1024;

export interface FileKind {
  /** Content-Type it is served with */
  mime: string;
  /** what a person calls it: 图片, PDF, Word 文档 … */
  label: string;
  /** shown inline as a picture (browsers decode it safely); everything else is a download */
  image: boolean;
}

export type Detected = { ok: true; kind: FileKind } | { ok: false; reason: 'executable' | 'empty' };

const IMAGE = (mime: string): FileKind => ({ mime, label: '图片', image: true });
const FILE = (mime: string, label: string): FileKind => ({ mime, label, image: false });

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, s: string, at = 0) => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

export function detectFileKind(head: Buffer): Detected {
  if (head.length === 0) return { ok: false, reason: 'empty' };
  // programs: Windows PE (MZ), ELF, Mach-O, Java class / fat Mach-O, shell scripts
  if (ascii(head, 'MZ') || starts(head, [0x7f, 0x45, 0x4c, 0x46]) || starts(head, [0xfe, 0xed, 0xfa, 0xce]) || starts(head, [0xfe, 0xed, 0xfa, 0xcf])
    || starts(head, [0xcf, 0xfa, 0xed, 0xfe]) || starts(head, [0xce, 0xfa, 0xed, 0xfe]) || starts(head, [0xca, 0xfe, 0xba, 0xbe]) || (ascii(head, '#!') && !ascii(head, '#!AMR'))) {
    return { ok: false, reason: 'executable' };
  }
  if (starts(head, [0xff, 0xd8, 0xff])) return { ok: true, kind: IMAGE('image/jpeg') };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, kind: IMAGE('image/png') };
  if (ascii(head, 'GIF87a') || ascii(head, 'GIF89a')) return { ok: true, kind: IMAGE('image/gif') };
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return { ok: true, kind: IMAGE('image/webp') };
  if (ascii(head, 'BM') && head.length > 26) return { ok: true, kind: IMAGE('image/bmp') };
  if (ascii(head, 'ftyp', 4)) {
    const brand = head.toString('latin1', 8, 12);
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return { ok: true, kind: FILE('image/heic', 'HEIC 照片') };
    return { ok: true, kind: FILE('video/mp4', '视频') };
  }
  if (ascii(head, '%PDF-')) return { ok: true, kind: FILE('application/pdf', 'PDF') };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return { ok: true, kind: zipKind(head) };
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ok: true, kind: FILE('application/x-ole-storage', 'Office 文档') };
  if (ascii(head, 'Rar!')) return { ok: true, kind: FILE('application/vnd.rar', '压缩包') };
  if (starts(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { ok: true, kind: FILE('application/x-7z-compressed', '压缩包') };
  if (starts(head, [0x1f, 0x8b])) return { ok: true, kind: FILE('application/gzip', '压缩包') };
  if (ascii(head, '#!AMR')) return { ok: true, kind: FILE('audio/amr', '语音') };
  if (isText(head)) return { ok: true, kind: FILE('text/plain; charset=utf-8', '文本') };
  return { ok: true, kind: FILE('application/octet-stream', '文件') };
}

/** Office Open XML documents are zip files whose first entries name their part folders. */
function zipKind(head: Buffer): FileKind {
  const names = head.toString('latin1');
  if (names.includes('word/')) return FILE('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word 文档');
  if (names.includes('xl/')) return FILE('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel 表格');
  if (names.includes('ppt/')) return FILE('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PPT 演示文稿');
  return FILE('application/zip', '压缩包');
}

/** UTF-8 (or GB18030-looking) text with no NUL bytes; served as plain text, never as HTML. */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  let control = 0;
  for (const b of head) if (b < 0x09 || (b > 0x0d && b < 0x20)) control += 1;
  return control / head.length < 0.01;
}
