/**
 * Bytes → string for plain text: UTF-8 (with or without BOM), UTF-16 with BOM, or
 * GB18030/GBK (the usual encoding of texts saved on Chinese Windows). A decoding is
 * accepted only when the result reads as Chinese text; binary junk and encodings that
 * cannot be read are refused with a clear message.
 */
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { AppError } from '../lib/errors.ts';
import { toSimplified } from './clean-traditional.ts';

/** Share of control bytes (other than tab, newline, carriage return, form feed, escape) in a sample. */
export function controlByteRatio(buf: Buffer): number {
  const n = Math.min(buf.length, 65536);
  let bad = 0;
  for (let i = 0; i < n; i += 1) {
    const b = buf[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad += 1;
  }
  return n ? bad / n : 0;
}

/** Share of characters that belong in a Chinese document: Han, ASCII, CJK punctuation, full-width forms. */
export function readableRatio(s: string): number {
  const sample = s.length > 50000 ? s.slice(0, 50000) : s;
  let ok = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2460 && c <= 0x24ff) || (c >= 0xc0 && c <= 0x24f) || c === 0xb7 || c === 0xd7) ok += 1;
  }
  return sample.length ? ok / [...sample].length : 0;
}

/**
 * Share of Han characters among the 3755 everyday ones (GB2312 level 1). Chinese prose is
 * well above 0.9 (traditional text once converted); bytes of another encoding read as
 * GB18030 land on rare characters.
 */
export function commonHanRatio(s: string): number {
  let han = 0;
  let common = 0;
  for (const ch of s.slice(0, 20000)) {
    if (!/[\u4e00-\u9fff]/.test(ch)) continue;
    han += 1;
    const b = iconv.encode(ch, 'gbk');
    if (b.length === 2 && b[0]! >= 0xb0 && b[0]! <= 0xd7 && b[1]! >= 0xa1) common += 1;
    if (han >= 2000) break;
  }
  return han ? common / han : 1;
}

function plausible(s: string): boolean {
  return readableRatio(s) >= 0.9 && commonHanRatio(toSimplified(s.slice(0, 20000))) >= 0.8 && !/\ufffd{3,}/.test(s) && s.split('\ufffd').length - 1 <= Math.max(3, s.length / 200);
}

/** Decodes text bytes, detecting the encoding; throws BAD_DOCUMENT when it cannot be read. */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  if (controlByteRatio(buf) > 0.01) throw new AppError('BAD_DOCUMENT', { reason: 'binary' });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // not UTF-8: try the Chinese national encodings
  }
  const gb = iconv.decode(buf, 'gb18030');
  if (plausible(gb)) return gb;
  const guess = jschardet.detect(buf.subarray(0, 65536));
  if (guess.encoding && iconv.encodingExists(guess.encoding) && guess.confidence > 0.8) {
    const s = iconv.decode(buf, guess.encoding);
    if (plausible(s)) return s;
  }
  throw new AppError('BAD_DOCUMENT', { reason: 'encoding' });
}
