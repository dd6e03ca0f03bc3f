/**
 * Whether two characters can be read the same: any of their pinyin readings (pinyin-pro,
 * polyphones included), tone ignored, as a pinyin input method types them. Used for names the
 * bot cannot list in advance (unit names here, task titles in ../title-match.ts); the action
 * words use the precomputed table of fuzzy-read.ts.
 */
import { pinyin } from 'pinyin-pro';

const memo = new Map<string, string[]>();

/** Every toneless reading of a character (the character itself when it is not Chinese). */
export function readings(ch: string): string[] {
  let r = memo.get(ch);
  if (!r) {
    r = /[\u3400-\u9fff]/.test(ch) ? pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }) : [ch];
    if (memo.size < 50_000) memo.set(ch, r);
  }
  return r;
}

export function sameSound(a: string, b: string): boolean {
  if (a === b) return true;
  const rb = readings(b);
  return readings(a).some((r) => rb.includes(r));
}
