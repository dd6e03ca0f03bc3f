/**
 * Task paths as users type them → the digits-only key stored on every task:
 * 二.(三) / 二（三） / 2.3 / ２．３ / 2-3 / 二.3 → "2.3"; 三.(二).5 → "3.2.5".
 */
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; null when not a Chinese number. */
export function chineseToInt(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '百') { total += (cur || 1) * 100; cur = 0; }
    else if (ch === '十') { total += (cur || 1) * 10; cur = 0; }
    else cur = cur * 10 + DIGIT[ch]!;
  }
  return total + cur;
}

const NUMERAL = '零一二三四五六七八九';

/** 2 → 二, 12 → 十二, 20 → 二十 (1–99), as an outline numbers its items: the inverse of chineseToInt. */
export function intToChinese(n: number): string {
  if (n < 10) return NUMERAL[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? NUMERAL[tens] : ''}十${n % 10 ? NUMERAL[n % 10] : ''}`;
}

/** 第二部分第三项 → 二.三: the parts of a document as spoken, one level each (two at least: 第三项 alone is an ordinal). */
const SPOKEN_PARTS = /第([0-9一二三四五六七八九十]+)(?:部分|大项|章|节|小项|项|条|点|款)的?/g;

/** 点 between two figures, as voice input writes a path: 二点三 is 2.3. */
const SPOKEN_POINT = /([0-9一二三四五六七八九十])点([0-9一二三四五六七八九十])/g;

/** Digits-only key of a path as written, or null if it is not a path. */

export function pathKey(ref: string): string | null {
  let s = ref.normalize('NFKC').replace(/\s+/g, '');
  if ((s.match(SPOKEN_PARTS)?.length ?? 0) >= 2) s = s.replace(SPOKEN_PARTS, (_, n: string) => `${n}.`).replace(/\.$/, '');
  s = s.replace(SPOKEN_POINT, '$1.$2'); // 二点三, as voice input writes 2.3
  // 二一: two digits run together, as voice input writes 二（一） (twenty-one is 二十一)
  if (/^[一二三四五六七八九]{2}$/.test(s)) s = `${s[0]}.${s[1]}`;
  const parts = s.split(/[.．。、\-—()（）·]+/).filter(Boolean);
  if (!parts.length || parts.length > 6) return null;
  const nums = parts.map(chineseToInt);
  if (nums.some((n) => n === null || n > 999)) return null;
  return nums.join('.');
}

/** Path-looking tokens in a text (e.g. a quoted reminder listing its tasks). */
export function pathsIn(text: string): string[] {
  const re = /(?:[一二三四五六七八九十]+[.．、]?[（(][一二三四五六七八九十]+[)）](?:[.．]\d+)?|\d+(?:[.．]\d+){1,3})/g;
  return [...new Set(text.normalize('NFKC').match(re) ?? [])];
}
