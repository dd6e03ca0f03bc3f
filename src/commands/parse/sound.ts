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

/**
 * The fuzzy sounds (模糊音) pinyin input methods offer, because so many speakers merge them:
 * zh/z, ch/c, sh/s, n/l, and the finals ang/an, eng/en, ing/in. A reading folded by them.
 */
function fold(r: string): string {
  return r.replace(/^([zcs])h/, '$1').replace(/^l/, 'n').replace(/(a|e|i)ng$/, '$1n');
}

/** Read the same by an input method with its fuzzy sounds on (名 míng for 民 mín, 四层 for 四成). */
export function nearSound(a: string, b: string): boolean {
  if (sameSound(a, b)) return true;
  const rb = readings(b).map(fold);
  return readings(a).some((r) => rb.includes(fold(r)));
}
