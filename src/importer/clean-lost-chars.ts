/**
 * Characters lost to '?' (a text saved through the wrong code page, as in seed 003) cannot
 * be recovered. The text is kept as it is; this module only finds the damage so that the
 * affected tasks carry a warning instead of a guess.
 */

const RUN = /[?？\ufffd]+/g;
const HAN = /[\u3400-\u9fff]/;

/** How many places (runs of '?') in the text stand where Chinese characters were lost. */
export function countLostChars(text: string): number {
  let n = 0;
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    const before = text[m.index! - 1] ?? '';
    const after = text[m.index! + run.length] ?? '';
    const question = run === '？' && (after === '' || /[\n”」』)）\s]/.test(after));
    if (question) continue;
    if (run.includes('\ufffd') || run.length >= 2 || HAN.test(before) || HAN.test(after)) n += 1;
  }
  return n;
}

/** The warning to put on a task whose text has lost characters, or null. */
export function lostCharsWarning(text: string): string | null {
  const n = countLostChars(text);
  return n > 0 ? `原文有 ${n} 处字符丢失(显示为“?”)，请对照原件核对` : null;
}

/**
 * '?' runs opening a line before an outline marker ("???(一)第一组;") stand for lost indent
 * (full-width spaces saved through the wrong code page), not for text: they are removed so that
 * the marker opens its line again. Everywhere else the '?' stay, to be warned about.
 */
export function dropLostIndent(text: string): string {
  return text.replace(/^[ \t\u3000]*[?？\ufffd]+[ \t\u3000]*(?=[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d))/gm, '');
}

let gbkCodes: Map<string, number[]> | null = null;

/**
 * Text whose GBK bytes were read one byte late ("。ㄒ唬┚" for "（一）"): each character's two
 * bytes, less the first byte, read again. Characters without GBK bytes stop the reading.
 */
export function unshiftGbk(garbled: string): string {
  if (!gbkCodes) {
    gbkCodes = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a += 1) {
      for (let b = 0x40; b <= 0xfe; b += 1) {
        const ch = b === 0x7f ? '' : dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkCodes.has(ch)) gbkCodes.set(ch, [a, b]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of garbled) {
    const code = gbkCodes.get(ch);
    if (!code) break;
    bytes.push(...code);
  }
  return new TextDecoder('gbk').decode(new Uint8Array(bytes.slice(1))).replace(/[（]/g, '(').replace(/[）]/g, ')');
}
