/**
 * Task references by path, kept in the notation written: `3.1`, `三（一）`, `三.(一)`,
 * `３．１`, `3-1`, `二.3`, `（一）`, `第4项`, `第四项`, `第二部分第三项` (leading words such as 任务 or 编号 are not
 * part of it). Month-day figures such as `12.20` or `3.31` are dates, not paths.
 */
import { rawSlice, type Norm } from './normalise.ts';
import type { Span } from './spans.ts';

export interface TaskRef extends Span {
  /** as written in the original message */
  text: string;
}

const CN = '[一二三四五六七八九十]{1,3}';
/** Measure words and units after a numeral: the numeral is a quantity (三五天, 七八成, 一二线), never a path. */
/** Words of time after a day's name: 五一前, 六一节, 八一期间, 三八那天. */
const TIME_WORD = '前|后|节|假|期间|以前|之前|以后|之后|当天|那天|长假|放假|左右';
const MEASURE = '个项条件年月日号次回遍人天岁辆台家所分秒点成倍批周位名件张套本元角块米里斤亩吨层楼户栋座间床只线级类档等把样种起场轮季期';
const PATTERNS: RegExp[] = [
  new RegExp(`(?<![一二三四五六七八九十第])${CN}\\s*[、.,]?\\s*\\(\\s*${CN}\\s*\\)(?:[.、]\\d{1,2}(?![\\d%]))?`, 'g'),
  new RegExp(`(?<![一二三四五六七八九十第百])${CN}\\s*[.、]\\s*\\d{1,2}(?![\\d%.])`, 'g'),
  // the way a document's parts are spoken of: 第二部分第三项 (二.(三)), 第三部分第2条
  new RegExp(`(?:第\\s*(?:${CN}|\\d{1,2})\\s*(?:部分|大项|章|节)\\s*的?\\s*)(?:第\\s*(?:${CN}|\\d{1,2})\\s*(?:小项|项|条|点|款)\\s*){1,2}`, 'g'),
  /第\s*(?:\d{1,3}(?:\.\d{1,2}){0,3}|[一二三四五六七八九十百]{1,4})\s*[项条]/g,
  /(?<![\d/])(?<!\d[.\-])(?<![数率量值比])\d{1,2}(?:\s*\.\s*\d{1,2}){1,3}(?![\d%]|万|亿|个|倍|天|米|元(?![旦宵])|分|小时|台|辆|家|所|张|套|名|床|位|吨|人|次|件|公里|平方|\.\d)/g,
  /(?<![\d\-/:.])\d-\d{1,2}(?![\d\-%])/g,
  // a first level in figures with its second in brackets: 2（4）, 3(1)
  /(?<![\d.(])\d{1,2}\s*\(\s*\d{1,2}\s*\)/g,
  // a bare second-level item `（一）进度70%`, only where a reference can start
  new RegExp(`(?<=^|[\\s:：,，;；])\\(\\s*${CN}\\s*\\)`, 'g'),
  // spoken by voice input: 四点三 (4.3), not a time of day (下午三点一刻, 十点三十) nor 一点 (a little)
  /(?<![一二三四五六七八九十\d午晚上早凌差有])[一二三四五六七八九]点[一二三四五六七八九](?![十百分刻半钟点一二三四五六七八九\d])/g,
  // spoken by voice input without its brackets: 二一 (二（一）); two different digits run together, never a
  // number (21 is 二十一) — but before a measure word they are an estimate (三五天, 七八个), before a
  // time word a day named by its month and day (五一前, 八一节, 三八期间), and after 周/星期/第 or
  // another numeral part of something else
  new RegExp(`(?<![一二三四五六七八九十百千万零两几第周期之])([一二三四五六七八九])(?!\\1)[一二三四五六七八九](?![一二三四五六七八九十百千万零两${MEASURE}]|\\s*(?:${TIME_WORD}))`, 'g'),
];

const DATE_BEFORE = /(?:(?<!收)到|至|(?<![关对])于|在|截至|截止|期限|时限|月|年|周|星期)\s*$/;
const DATE_AFTER = /^\s*(?:(?:日|号)(?![间常期子程报志记])|之前|以前|前|左右|以后|后)/;

/** Is the arabic `a.b` at `start..end` of `s` a month-day rather than a task path? */
function isDateLike(s: string, m: string, start: number, end: number, earlierRefs: number): boolean {
  const parts = m.split(/\s*[.\-]\s*/).map(Number);
  if (parts.length !== 2) return false;
  const [a, b] = parts as [number, number];
  if (a < 1 || a > 12 || b < 1 || b > 31) return false;
  if (a >= 10 || b > 15) return true;
  const before = s.slice(Math.max(0, start - 4), start);
  const after = s.slice(end, end + 3);
  if (DATE_BEFORE.test(before)) return true;
  if (/^(?:日|号)(?![间常期子程报志记])/.test(after)) return true; // 2.1日, not 2.1 日间手术
  return DATE_AFTER.test(after) && earlierRefs > 0;
}

/** All path references in `n.s`, in text order; overlapping matches keep the longest. */
export function findTaskRefs(n: Norm): TaskRef[] {
  const s = n.s;
  const found: TaskRef[] = [];
  for (const re of PATTERNS) {
    for (const m of s.matchAll(re)) {
      if (found.length >= 32) break;
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      found.push({ start, end, text: '' });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const out: TaskRef[] = [];
  for (const f of found) {
    const m = s.slice(f.start, f.end);
    if (/^\d/.test(m) && isDateLike(s, m, f.start, f.end, out.length)) continue;
    out.push({ ...f, text: rawSlice(n, f.start, f.end).trim() });
  }
  return out;
}
